import { z } from 'zod';

/** The API shapes of territories (regions, municipalities) and of the set-up status. */

const ZName = z.string().trim().min(2, 'Не короче двух символов').max(200);
const ZCode = z.string().trim().min(1).max(20);

export const ZRegion = z.object({ id: z.string(), code: z.string(), name: z.string() });
export type TRegion = z.infer<typeof ZRegion>;

export const ZMunicipality = z.object({
  id: z.string(),
  regionId: z.string(),
  code: z.string(),
  name: z.string(),
});
export type TMunicipality = z.infer<typeof ZMunicipality>;

export const ZTerritories = z.object({
  regions: z.array(ZRegion),
  municipalities: z.array(ZMunicipality),
});

export const ZRegionCreate = z.object({
  name: ZName,
  /** Without a code, the usual one of a known region or one made from the name. */
  code: ZCode.optional(),
});

export const ZRegionPatch = z.object({ name: ZName.optional(), code: ZCode.optional() });

export const ZMunicipalityCreate = z.object({
  regionId: z.uuid(),
  name: ZName,
  /** ОКТМО or the municipality's own code; without it, one made from the name. */
  code: ZCode.optional(),
});

export const ZMunicipalityBatch = z.object({
  regionId: z.uuid(),
  names: z.array(ZName).min(1).max(200),
});

export const ZMunicipalityBatchResult = z.object({
  created: z.array(ZMunicipality),
  existing: z.array(ZMunicipality),
});

export const ZMunicipalityPatch = z.object({ name: ZName.optional(), code: ZCode.optional() });

export const ZTerritorySummary = z.object({
  regions: z.array(
    ZRegion.extend({
      municipalities: z.number(),
      organizations: z.number(),
      people: z.number(),
      /** The caller may rename the region. */
      editable: z.boolean(),
    }),
  ),
  municipalities: z.array(
    ZMunicipality.extend({
      regionName: z.string(),
      organizations: z.number(),
      people: z.number(),
      methodists: z.number(),
    }),
  ),
  /** The caller may add municipalities (to these regions) and rename them. */
  canAddMunicipalities: z.boolean(),
  canAddRegions: z.boolean(),
});

export const SETUP_STEPS = [
  'region',
  'municipalities',
  'methodist',
  'organizations',
  'staff',
  'vacancies',
  'staffing',
  'invitations',
] as const;
export type SetupStepKey = (typeof SETUP_STEPS)[number];

export const ZSetupStatus = z.object({
  /** The caller's steps in order; a step of someone else (the admin's region) is left out. */
  steps: z.array(
    z.object({
      key: z.enum(SETUP_STEPS),
      done: z.boolean(),
      count: z.number(),
      /** The caller can take the step here (not only see it). */
      actionable: z.boolean(),
    }),
  ),
  /** The first step not done yet, or null when every step is done. */
  next: z.enum(SETUP_STEPS).nullable(),
  /** No organization in the caller's territory yet: the home page should offer the set-up. */
  empty: z.boolean(),
});
export type TSetupStatus = z.infer<typeof ZSetupStatus>;
