import { z } from 'zod';
import { levelBandSchema, scoringRuleSchema } from '../scoring.ts';

/** The API shapes of the expert cards' templates (issue 15, 1–2). */

const ZOrgKind = z.enum(['preschool', 'school', 'additional', 'vocational', 'dpo', 'methodical_service']);
const ZStatus = z.enum(['draft', 'published', 'archived']);

const ZBand = z.object({
  band: levelBandSchema,
  from: z.number(),
  to: z.number(),
});

export const ZTemplateSummary = z.object({
  id: z.string(),
  family: z.string(),
  version: z.number(),
  latestVersion: z.number(),
  orgKind: ZOrgKind,
  /** ДОО / ОО / ДО. */
  orgKindShort: z.string(),
  orgKindLabel: z.string(),
  title: z.string(),
  presetCode: z.string().nullable(),
  isPreset: z.boolean(),
  /** «Типовая (004)», the municipality's or the region's name. */
  ownerName: z.string(),
  status: ZStatus,
  statusName: z.string(),
  itemsCount: z.number(),
  itemsMax: z.number(),
  statedMax: z.number().nullable(),
  /** Some stated maximum (of the card or a direction) differs from the items' sum. */
  differs: z.boolean(),
  /** Campaigns of the caller's territory that use this version. */
  campaigns: z.number(),
  canEdit: z.boolean(),
  updatedAt: z.string(),
});

export const ZTemplateList = z.object({
  items: z.array(ZTemplateSummary),
  /** The caller may make copies (methodist, region's operator, admin). */
  canCopy: z.boolean(),
});

export const ZTemplateItem = z.object({
  id: z.string(),
  position: z.number(),
  text: z.string(),
  method: z.string(),
  rule: scoringRuleSchema,
  maxPoints: z.number(),
  periodicity: z.string(),
  source: z.string(),
  evidenceRequired: z.boolean(),
  prefillSource: z.string().nullable(),
  /** Russian: what the platform prefills the item from. */
  prefillLabel: z.string().nullable(),
  note: z.string(),
});

export const ZTemplateDirection = z.object({
  id: z.string(),
  position: z.number(),
  title: z.string(),
  statedMax: z.number().nullable(),
  itemsMax: z.number(),
  differs: z.boolean(),
  items: z.array(ZTemplateItem),
});

export const ZTemplateCheck = z.object({
  directions: z.array(
    z.object({
      title: z.string(),
      items: z.number(),
      itemsMax: z.number(),
      statedMax: z.number().nullable(),
      differs: z.boolean(),
    }),
  ),
  itemsMax: z.number(),
  statedMax: z.number().nullable(),
  directionsStatedSum: z.number().nullable(),
  differs: z.boolean(),
  bands: z.object({ document: z.array(ZBand).nullable(), items: z.array(ZBand) }),
});

export const ZTemplateCard = ZTemplateSummary.extend({
  levels: z.array(levelBandSchema),
  notes: z.string(),
  directions: z.array(ZTemplateDirection),
  check: ZTemplateCheck,
  versions: z.array(
    z.object({
      id: z.string(),
      version: z.number(),
      status: ZStatus,
      statusName: z.string(),
      campaigns: z.number(),
    }),
  ),
  /** The edit made a new version (the edited one is used by a campaign and stays as it was). */
  newVersion: z.boolean().optional(),
});

export const ZTemplateCopy = z.object({
  title: z.string().trim().min(3, 'Название — не короче 3 символов').max(300).optional(),
  /** For the admin: whose copy it is (a municipality, else a region). */
  regionId: z.uuid().optional(),
  municipalityId: z.uuid().optional(),
});
export type TemplateCopy = z.infer<typeof ZTemplateCopy>;

const text = (max: number) => z.string().trim().max(max);
const ZStated = z.number().int().min(1, 'Не меньше 1 балла').max(1000).nullable();

export const ZItemInput = z.object({
  text: text(2000).min(3, 'Показатель — не короче 3 символов'),
  method: text(1000).min(1, 'Опишите методику оценки'),
  rule: scoringRuleSchema,
  periodicity: text(300).default(''),
  source: text(1000).default(''),
  evidenceRequired: z.boolean().default(true),
  prefillSource: z
    .string()
    .max(200)
    .regex(/^[a-z_.]+(\|[^|]{1,100})*$/, 'Неверный источник автозаполнения')
    .nullable()
    .default(null),
  note: text(2000).default(''),
});

export const ZDirectionInput = z.object({
  title: text(500).min(3, 'Название направления — не короче 3 символов'),
  statedMax: ZStated.default(null),
  items: z.array(ZItemInput).min(1, 'В направлении нужен хотя бы один показатель').max(100),
});

export const ZTemplateEdit = z.object({
  title: text(300).min(3, 'Название — не короче 3 символов'),
  statedMax: ZStated,
  levels: z.array(levelBandSchema).min(1, 'Нужен хотя бы один уровень').max(10),
  notes: text(5000).default(''),
  directions: z.array(ZDirectionInput).min(1, 'Нужно хотя бы одно направление').max(30),
});
export type TemplateEdit = z.infer<typeof ZTemplateEdit>;
