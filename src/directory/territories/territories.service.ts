import { sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit/audit.repository.ts';
import { type Actor, SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { normName } from '../../platform/import/cells.ts';
import { can } from '../directory.policy.ts';
import { municipalityCode } from '../import/orgs.rows.ts';
import { knownRegionCode, REGION_CODES, regionCodeFor, regionKey } from './region-codes.ts';
import {
  findMunicipalityById,
  findRegionById,
  insertMunicipalityRecords,
  insertRegion,
  listAllRegions,
  listRegionMunicipalityRecords,
  type MunicipalityRecord,
  type RegionRecord,
  setupCounts,
  territorySummaries,
  updateMunicipality,
  updateRegion,
} from './territories.repository.ts';
import type { SetupStepKey, TSetupStatus } from './territories.schemas.ts';

/**
 * Territories: regions and municipalities — created on the set-up page, by `marshrut setup` and
 * by the organizations import — renamed, listed with what they hold; and the set-up status.
 */

// Who may do what: one small function per action (the directory's policy will hold them).

type Deps = { db: Db };

/** The command line acts as the system administrator and signs the audit as the imports do: no user. */
const auditActor = (actor: Actor) => (actor.userId === SYSTEM_ACTOR.userId ? null : actor);

/** A region named by its name (as regionKey compares) or its code; null if there is none. */
export async function findRegionByRef({ db }: Deps, ref: string): Promise<RegionRecord | null> {
  const regions = await listAllRegions(db);
  return (
    regions.find((r) => regionKey(r.name) === regionKey(ref)) ??
    regions.find((r) => r.code.toLowerCase() === ref.trim().toLowerCase()) ??
    null
  );
}

const isUniqueViolation = (err: unknown) => (err as { code?: string } | null)?.code === '23505';

async function uniqueOr409<T>(message: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(message);
    throw err;
  }
}

/**
 * The region of that name, or a new one (its code given, the usual one of a known region, or one
 * from the name). The command line and the set-up page call it; a second call finds the first's.
 */
export async function ensureRegion(
  { db }: Deps,
  actor: Actor,
  input: { name: string; code?: string | undefined },
): Promise<{ region: RegionRecord; created: boolean }> {
  if (!can(actor, 'create', 'region')) throw forbidden('Регион может добавить только администратор системы.');
  const typed = input.name.trim().replace(/\s+/g, ' ');
  const known = knownRegionCode(typed);
  // «Иркутская обл.» is stored as the subject's full name.
  const name = known ? REGION_CODES[known]! : typed;
  const code = input.code?.trim() || regionCodeFor(name);
  return db.transaction(async (tx) => {
    const regions = await listAllRegions(tx);
    const same = regions.find((r) => regionKey(r.name) === regionKey(name));
    if (same) {
      if (input.code && same.code !== code)
        throw conflict(`Регион «${same.name}» уже есть, его код — ${same.code}.`);
      return { region: same, created: false };
    }
    const taken = regions.find((r) => r.code.toLowerCase() === code.toLowerCase());
    if (taken)
      throw conflict(`Код «${code}» уже занят регионом «${taken.name}»: укажите другой код.`, {
        issues: [{ path: 'code', message: 'Код занят' }],
      });
    const region = await uniqueOr409('Регион с таким кодом уже есть.', () =>
      insertRegion(tx, { code, name }),
    );
    if (!region) throw conflict('Регион с таким кодом уже есть.');
    await writeAudit(tx, {
      actor: auditActor(actor),
      action: 'create',
      entity: 'region',
      entityId: region.id,
      after: { code, name },
    });
    return { region, created: true };
  });
}

/** POST /api/regions: a new region; one that is already there is a 409. */
export async function createRegion(
  deps: Deps,
  actor: Actor,
  input: { name: string; code?: string | undefined },
): Promise<RegionRecord> {
  const { region, created } = await ensureRegion(deps, actor, input);
  if (!created) throw conflict(`Регион «${region.name}» уже есть.`);
  return region;
}

export async function editRegion(
  { db }: Deps,
  actor: Actor,
  id: string,
  patch: { name?: string | undefined; code?: string | undefined },
): Promise<RegionRecord> {
  const before = await findRegionById(db, id);
  const visible = before && (actor.role === 'admin' || actor.regionId === id);
  if (!visible) throw notFound('Регион не найден.');
  if (!can(actor, 'update', 'region'))
    throw forbidden('Переименовать регион может только администратор системы.');
  const next = {
    code: patch.code?.trim() || before.code,
    name: patch.name?.trim().replace(/\s+/g, ' ') || before.name,
  };
  if (next.code === before.code && next.name === before.name) return before;
  return db.transaction(async (tx) => {
    const others = (await listAllRegions(tx)).filter((r) => r.id !== id);
    const same = others.find((r) => regionKey(r.name) === regionKey(next.name));
    if (same) throw conflict(`Регион «${same.name}» уже есть.`);
    const taken = others.find((r) => r.code.toLowerCase() === next.code.toLowerCase());
    if (taken) throw conflict(`Код «${next.code}» уже занят регионом «${taken.name}».`);
    await uniqueOr409('Регион с таким кодом уже есть.', () => updateRegion(tx, id, next));
    await writeAudit(tx, {
      actor: auditActor(actor),
      action: 'update',
      entity: 'region',
      entityId: id,
      before: { code: before.code, name: before.name },
      after: next,
    });
    return { id, ...next };
  });
}

async function regionForMunicipalities(db: Db, actor: Actor, regionId: string): Promise<RegionRecord> {
  if (!can(actor, 'create', { municipalityIn: { regionId: regionId } }))
    throw forbidden('Муниципалитеты региона добавляют администратор системы и региональный оператор.');
  const region = await findRegionById(db, regionId);
  if (!region) throw invalid('Регион не найден.', [{ path: 'regionId', message: 'Нет такого региона' }]);
  return region;
}

/**
 * The municipalities of those names in the region: the ones it has (the name compared without
 * case, ё and the kind of quotes) and new ones, added in one statement with their audit.
 */
export async function ensureMunicipalities(
  { db }: Deps,
  actor: Actor,
  input: { regionId: string; names: string[]; code?: string | undefined },
): Promise<{ created: MunicipalityRecord[]; existing: MunicipalityRecord[] }> {
  return db.transaction(async (tx) => {
    await regionForMunicipalities(tx, actor, input.regionId);
    const known = new Map(
      (await listRegionMunicipalityRecords(tx, input.regionId)).map((m) => [normName(m.name), m]),
    );
    const existing: MunicipalityRecord[] = [];
    const wanted = new Map<string, { regionId: string; code: string; name: string }>();
    for (const raw of input.names) {
      const name = raw.trim().replace(/\s+/g, ' ');
      const key = normName(name);
      const old = known.get(key);
      if (old) {
        if (!existing.includes(old)) existing.push(old);
      } else if (!wanted.has(key)) {
        wanted.set(key, {
          regionId: input.regionId,
          code: input.code?.trim() || municipalityCode(name),
          name,
        });
      }
    }
    const created = await insertMunicipalityRecords(tx, [...wanted.values()]);
    for (const m of created) {
      await writeAudit(tx, {
        actor: auditActor(actor),
        action: 'create',
        entity: 'municipality',
        entityId: m.id,
        after: { regionId: m.regionId, code: m.code, name: m.name },
      });
    }
    return { created, existing };
  });
}

/** POST /api/municipalities: one new municipality; one the region already has is a 409. */
export async function createMunicipality(
  deps: Deps,
  actor: Actor,
  input: { regionId: string; name: string; code?: string | undefined },
): Promise<MunicipalityRecord> {
  const { created, existing } = await ensureMunicipalities(deps, actor, {
    regionId: input.regionId,
    names: [input.name],
    code: input.code,
  });
  if (!created[0])
    throw conflict(`Муниципалитет «${existing[0]?.name ?? input.name}» в регионе уже есть.`, {
      issues: [{ path: 'name', message: 'Такой муниципалитет уже есть' }],
    });
  return created[0];
}

/** A municipality the actor can see: the admin any, a region's operator their region's, others their own. */
function seesMunicipality(actor: Actor, m: MunicipalityRecord): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'region_admin') return actor.regionId === m.regionId;
  return actor.municipalityId === m.id;
}

export async function editMunicipality(
  { db }: Deps,
  actor: Actor,
  id: string,
  patch: { name?: string | undefined; code?: string | undefined },
): Promise<MunicipalityRecord> {
  const before = await findMunicipalityById(db, id);
  if (!before || !seesMunicipality(actor, before)) throw notFound('Муниципалитет не найден.');
  if (!can(actor, 'create', { municipalityIn: { regionId: before.regionId } }))
    throw forbidden('Переименовать муниципалитет могут администратор системы и региональный оператор.');
  const next = {
    code: patch.code?.trim() || before.code,
    name: patch.name?.trim().replace(/\s+/g, ' ') || before.name,
  };
  if (next.code === before.code && next.name === before.name) return before;
  return db.transaction(async (tx) => {
    const same = (await listRegionMunicipalityRecords(tx, before.regionId)).find(
      (m) => m.id !== id && normName(m.name) === normName(next.name),
    );
    if (same)
      throw conflict(`Муниципалитет «${same.name}» в регионе уже есть.`, {
        issues: [{ path: 'name', message: 'Такой муниципалитет уже есть' }],
      });
    await uniqueOr409('Муниципалитет с таким названием в регионе уже есть.', () =>
      updateMunicipality(tx, id, next),
    );
    await writeAudit(tx, {
      actor: auditActor(actor),
      action: 'update',
      entity: 'municipality',
      entityId: id,
      before: { code: before.code, name: before.name },
      after: next,
    });
    return { ...before, ...next };
  });
}

/** Territory fragments of the actor: regions `r`, municipalities `m`, user accounts `u`. */
function territoryOf(actor: Actor) {
  if (actor.role === 'admin') return { regions: sql`true`, municipalities: sql`true`, users: sql`true` };
  if (actor.role === 'region_admin')
    return {
      regions: sql`r.id = ${actor.regionId}`,
      municipalities: sql`m.region_id = ${actor.regionId}`,
      users: sql`u.region_id = ${actor.regionId}`,
    };
  return {
    regions: sql`r.id = ${actor.regionId}`,
    municipalities: sql`m.id = ${actor.municipalityId}`,
    users: sql`u.municipality_id = ${actor.municipalityId}`,
  };
}

/** Regions and municipalities with how many organizations, people and methodists each has. */
export async function listTerritorySummary({ db }: Deps, actor: Actor) {
  if (!can(actor, 'view', 'territories')) throw forbidden();
  const { regions, municipalities } = await territorySummaries(db, territoryOf(actor));
  return {
    regions: regions.map((r) => ({ ...r, editable: can(actor, 'update', 'region') })),
    municipalities,
    canAddMunicipalities: regions.some((r) => can(actor, 'create', { municipalityIn: { regionId: r.id } })),
    canAddRegions: can(actor, 'create', 'region'),
  };
}

/** Each step, whose step it is, and what it counts. */
const STEP_ORDER: SetupStepKey[] = [
  'region',
  'municipalities',
  'methodist',
  'organizations',
  'staff',
  'vacancies',
  'staffing',
  'invitations',
];

const IMPORT_KIND = {
  organizations: 'orgs',
  staff: 'staff',
  vacancies: 'vacancies',
  staffing: 'staffing',
} as const;

/**
 * What exists in the caller's territory, step by step, so the set-up page (and the home page of
 * an empty install) can show what is done and what comes next.
 */
export async function setupStatus({ db }: Deps, actor: Actor): Promise<TSetupStatus> {
  if (!can(actor, 'view', 'setup')) throw forbidden();
  const counts = await setupCounts(db, actor, territoryOf(actor));
  const count: Record<SetupStepKey, number> = {
    region: counts.regions,
    municipalities: counts.municipalities,
    methodist: counts.methodists,
    organizations: counts.organizations,
    staff: counts.staff,
    vacancies: counts.vacancies,
    staffing: counts.staffing,
    invitations: counts.teacherAccounts,
  };
  // The region is the administrator's step; a methodist starts from their municipality's registry.
  const mine = STEP_ORDER.filter((k) => {
    if (actor.role === 'admin') return true;
    if (actor.role === 'region_admin') return k !== 'region';
    return k !== 'region' && k !== 'municipalities' && k !== 'methodist';
  });
  const actionable = (k: SetupStepKey): boolean => {
    switch (k) {
      case 'region':
        return can(actor, 'create', 'region');
      case 'municipalities':
        return actor.role === 'admin' || (actor.role === 'region_admin' && actor.regionId !== null);
      case 'methodist':
        // Accounts are created by the administrator (users.service createUser).
        return actor.role === 'admin';
      case 'invitations':
        return true;
      default:
        return can(actor, 'import', IMPORT_KIND[k]);
    }
  };
  const steps = mine.map((key) => ({
    key,
    done: count[key] > 0,
    count: count[key],
    actionable: actionable(key),
  }));
  return {
    steps,
    next: steps.find((s) => !s.done)?.key ?? null,
    empty: counts.organizations === 0,
  };
}
