import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../platform/db/database.ts';
import { conflict } from '../platform/errors.ts';
import type { ImportIssue, RowOutcome } from '../platform/import/import.types.ts';
import { type Importer, type Prepared, sameValue } from '../platform/import/importer.ts';
import type { RowReader } from '../platform/import/row-reader.ts';
import { CATALOG_IMPORT, type CatalogImportKind } from './catalog.import.ts';
import { CATALOG_EDITORS, canEditProgram, newProgramOwner } from './catalog.policy.ts';
import { competenciesByCode, ownerRegion } from './programs.repository.ts';
import { PROGRAM_COLUMNS, type ProgramRow, readProgramRow } from './programs.rows.ts';

interface ExistingProgram {
  id: string;
  region_id: string | null;
  municipality_id: string | null;
  code: string;
  name: string;
  kind: string;
  hours: number;
  provider: string;
  format: string;
  federal_registry: boolean;
  federal_registry_number: string | null;
  priority_directions: string[];
  competency_ids: string[];
  cohorts: string[];
}

const FIELDS = [
  'name',
  'kind',
  'hours',
  'provider',
  'format',
  'federalRegistry',
  'federalRegistryNumber',
  'priorityDirections',
  'competencyCodes',
] as const;

const cohortKey = (c: { startsOn: string; endsOn: string }) => `${c.startsOn}/${c.endsOn}`;

interface PlannedProgram {
  id: string | null;
  code: string;
  name: string;
  kind: string;
  hours: number;
  provider: string;
  format: string;
  federalRegistry: boolean;
  federalRegistryNumber: string | null;
  priorityDirections: string[];
  competencyIds: string[];
  write: boolean;
  before: ExistingProgram | null;
  newCohorts: { startsOn: string; endsOn: string }[];
}

async function loadExisting(tx: Db, codes: string[], lock: boolean): Promise<Map<string, ExistingProgram>> {
  const forUpdate: SQL = lock ? sql` FOR UPDATE` : sql``;
  const rows = await tx.query<ExistingProgram>(sql`
    SELECT p.id, p.region_id, p.municipality_id, p.code, p.name, p.kind, p.hours, p.provider, p.format,
           p.federal_registry, p.federal_registry_number, p.priority_directions,
           COALESCE((SELECT array_agg(pc.competency_id::text ORDER BY pc.competency_id) FROM program_competencies pc
                     WHERE pc.program_id = p.id), '{}'::text[]) AS competency_ids,
           COALESCE((SELECT array_agg(c.starts_on::text || '/' || c.ends_on::text) FROM program_cohorts c
                     WHERE c.program_id = p.id), '{}'::text[]) AS cohorts
    FROM programs p WHERE p.code = ANY(${sql.param(codes)}::text[])${forUpdate}`);
  return new Map(rows.map((r) => [r.code, r]));
}

export const programsImporter: Importer<CatalogImportKind> = {
  ...CATALOG_IMPORT,
  kind: 'programs',
  columns: PROGRAM_COLUMNS,
  roles: CATALOG_EDITORS,
  template: { sheet: 'Программы', file: 'programs' },
  async prepare(tx, ctx, readers): Promise<Prepared> {
    const { scope: actor, lock } = ctx;
    const errors: ImportIssue[] = [];
    const fail = (r: RowReader, key: string | null, message: string) => {
      r.fail(key, message);
    };
    const parsed: { r: RowReader; row: ProgramRow }[] = [];
    for (const r of readers) {
      const row = readProgramRow(r);
      if (row) parsed.push({ r, row });
    }
    const codes = [...new Set(parsed.map((p) => p.row.code))];
    const existing = await loadExisting(tx, codes, lock);
    const allCompetencyCodes = [...new Set(parsed.flatMap((p) => p.row.competencyCodes ?? []))];
    const competencyIds = await competenciesByCode(tx, allCompetencyCodes);
    // A new program belongs to the importer's level: a methodist's to their municipality, the
    // region operator's to the region, the admin's to the system (catalog.policy.ts).
    const newOwner = newProgramOwner(actor);

    // Rows of one code: the first valid row describes the program, the others must agree with it.
    const firstOf = new Map<string, ProgramRow>();
    const ids = new Map<number, string[]>();
    for (const { r, row } of parsed) {
      const before = existing.get(row.code);
      if (before && !canEditProgram(actor, before)) {
        fail(r, 'code', `Программу с кодом «${row.code}» ведёт другой оператор — изменить её нельзя`);
        continue;
      }
      if (!before && typeof newOwner === 'string') {
        fail(r, null, `${newOwner}: новые программы добавить нельзя`);
        continue;
      }
      const rowIds: string[] = [];
      for (const code of row.competencyCodes ?? []) {
        const found = competencyIds.get(code) ?? [];
        if (found.length === 0) fail(r, 'competencies', `Нет компетенции с кодом «${code}»`);
        else if (found.length > 1)
          fail(r, 'competencies', `Код компетенции «${code}» есть в нескольких картах компетенций`);
        else rowIds.push(found[0]!);
      }
      if (!r.ok) continue;
      ids.set(row.rowNumber, rowIds);
      const first = firstOf.get(row.code);
      if (!first) {
        firstOf.set(row.code, row);
        continue;
      }
      // An empty list in a further row means «as in the first row».
      const given = (v: unknown) => v !== undefined && !(Array.isArray(v) && v.length === 0);
      const differs = FIELDS.find(
        (f) => given(row[f]) && first[f] !== undefined && !sameValue(row[f], first[f]),
      );
      if (differs) {
        fail(
          r,
          null,
          `Сведения о программе «${row.code}» расходятся со строкой ${first.rowNumber}; у строк одной программы они должны совпадать`,
        );
      }
    }
    for (const r of readers) errors.push(...r.issues);

    // The plan: per program, whether it changes, and the cohorts to add.
    const outcomes = new Map<number, RowOutcome>();
    const plans = new Map<string, PlannedProgram>();
    for (const { r, row } of parsed) {
      if (!r.ok) continue;
      const first = firstOf.get(row.code)!;
      let plan = plans.get(row.code);
      if (!plan) {
        const before = existing.get(row.code) ?? null;
        const comps = first.competencyCodes === undefined ? null : ids.get(first.rowNumber)!;
        const next = {
          name: first.name,
          kind: first.kind,
          hours: first.hours,
          provider: first.provider,
          format: first.format,
          federalRegistry: first.federalRegistry,
          federalRegistryNumber: first.federalRegistryNumber,
          priorityDirections: first.priorityDirections ?? before?.priority_directions ?? [],
          competencyIds: [...new Set(comps ?? before?.competency_ids ?? [])].sort(),
        };
        const write =
          !before ||
          next.name !== before.name ||
          next.kind !== before.kind ||
          next.hours !== before.hours ||
          next.provider !== before.provider ||
          next.format !== before.format ||
          next.federalRegistry !== before.federal_registry ||
          next.federalRegistryNumber !== before.federal_registry_number ||
          !sameValue([...next.priorityDirections].sort(), [...before.priority_directions].sort()) ||
          !sameValue(next.competencyIds, [...before.competency_ids].sort());
        plan = { id: before?.id ?? null, code: row.code, ...next, write, before, newCohorts: [] };
        plans.set(row.code, plan);
      }
      let outcome: RowOutcome = plan.before
        ? plan.write && first === row
          ? 'updated'
          : 'unchanged'
        : 'created';
      if (row.cohort) {
        const key = cohortKey(row.cohort);
        const known = plan.before?.cohorts.includes(key) || plan.newCohorts.some((c) => cohortKey(c) === key);
        if (!known) {
          plan.newCohorts.push(row.cohort);
          if (outcome === 'unchanged') outcome = 'updated';
        }
      }
      outcomes.set(row.rowNumber, outcome);
    }

    return {
      errors,
      warnings: [],
      outcomes,
      async commit(db) {
        const toWrite = [...plans.values()].filter((p) => p.write);
        const audit: Awaited<ReturnType<Prepared['commit']>> = [];
        const idOf = new Map([...plans.values()].filter((p) => p.id).map((p) => [p.code, p.id!]));
        if (toWrite.length) {
          const owner = typeof newOwner === 'string' ? null : newOwner;
          const payload = toWrite.map((p) => ({
            region_id: p.before ? p.before.region_id : (owner?.regionId ?? null),
            municipality_id: p.before ? p.before.municipality_id : (owner?.municipalityId ?? null),
            code: p.code,
            name: p.name,
            kind: p.kind,
            hours: p.hours,
            provider: p.provider,
            format: p.format,
            federal_registry: p.federalRegistry,
            federal_registry_number: p.federalRegistryNumber,
            priority_directions: p.priorityDirections,
          }));
          // Only the programs checked above are updated: a code another keeper added meanwhile is
          // not taken over (no row comes back for it, and the import is refused as a conflict).
          const checked = toWrite.flatMap((p) => (p.before ? [p.before.id] : []));
          const written = await db.query<{ id: string; code: string }>(sql`
            INSERT INTO programs (region_id, municipality_id, code, name, kind, hours, provider, format,
                                  federal_registry, federal_registry_number, priority_directions)
            SELECT ${ownerRegion(sql`x.region_id`, sql`x.municipality_id`)}, x.municipality_id, x.code, x.name,
                   x.kind::program_kind, x.hours, x.provider, x.format::program_format,
                   x.federal_registry, x.federal_registry_number,
                   ARRAY(SELECT jsonb_array_elements_text(x.priority_directions))
            FROM jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) AS x(
              region_id uuid, municipality_id uuid, code text, name text, kind text, hours int, provider text,
              format text, federal_registry boolean, federal_registry_number text, priority_directions jsonb)
            ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, hours = EXCLUDED.hours,
              provider = EXCLUDED.provider, format = EXCLUDED.format, federal_registry = EXCLUDED.federal_registry,
              federal_registry_number = EXCLUDED.federal_registry_number,
              priority_directions = EXCLUDED.priority_directions, updated_at = now()
            WHERE programs.id = ANY(${sql.param(checked)}::uuid[])
            RETURNING id, code`);
          if (written.length !== toWrite.length) {
            throw conflict(
              'Данные изменились во время загрузки (программу с тем же кодом добавили). Повторите загрузку.',
            );
          }
          for (const w of written) idOf.set(w.code, w.id);
          const writtenIds = written.map((w) => w.id);
          await db.query(
            sql`DELETE FROM program_competencies WHERE program_id = ANY(${sql.param(writtenIds)}::uuid[])`,
          );
          const links = toWrite.flatMap((p) =>
            p.competencyIds.map((c) => ({ program_id: idOf.get(p.code)!, competency_id: c })),
          );
          if (links.length) {
            await db.query(sql`
              INSERT INTO program_competencies (program_id, competency_id)
              SELECT x.program_id, x.competency_id
              FROM jsonb_to_recordset(${JSON.stringify(links)}::jsonb) AS x(program_id uuid, competency_id uuid)
              ON CONFLICT DO NOTHING`);
          }
          for (const p of toWrite) {
            const { before: _b, newCohorts: _c, write: _w, id: _i, ...after } = p;
            audit.push({
              action: p.before ? 'update' : 'create',
              entity: 'program',
              entityId: idOf.get(p.code)!,
              before: p.before ?? undefined,
              after,
            });
          }
        }
        const cohorts = [...plans.values()].flatMap((p) =>
          p.newCohorts.map((c) => ({
            program_id: idOf.get(p.code)!,
            starts_on: c.startsOn,
            ends_on: c.endsOn,
          })),
        );
        if (cohorts.length) {
          const created = await db.query<{
            id: string;
            program_id: string;
            starts_on: string;
            ends_on: string;
          }>(sql`
            INSERT INTO program_cohorts (program_id, starts_on, ends_on)
            SELECT x.program_id, x.starts_on, x.ends_on
            FROM jsonb_to_recordset(${JSON.stringify(cohorts)}::jsonb) AS x(program_id uuid, starts_on date, ends_on date)
            RETURNING id, program_id, starts_on, ends_on`);
          for (const c of created) {
            audit.push({
              action: 'create',
              entity: 'program_cohort',
              entityId: c.id,
              after: { programId: c.program_id, startsOn: c.starts_on, endsOn: c.ends_on },
            });
          }
        }
        return audit;
      },
    };
  },
};
