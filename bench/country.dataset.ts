/**
 * Country-scale data for the indicator benchmark, written as CSV files and loaded with `COPY`.
 *
 * The directory (organizations, people, employments, vacancies, staffing) comes from the demo's
 * region generator, run once per region with its own seed and region code, so the country is
 * ≈85 regions of the same shape as the 50 000-staff region bench. On top of it, seeded per
 * person: competency results for a share of the pedagogical workers (one campaign per region,
 * the teacher framework), learning routes for those with a deficit (items pointing at catalog
 * programs with priority directions, some completed, some with a curator), trainings over the
 * last six years (certificates and a few diplomas, most from the catalog).
 *
 * Files rather than one COPY per table while generating: foreign keys need people committed
 * before employments, results, routes and trainings, and one connection runs one COPY at a time.
 * The files are plain PostgreSQL CSV (empty unquoted field = NULL).
 */
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { DIRECTION_KEYS } from '../src/catalog/catalog.vocabulary.ts';
import { createRng, hashSeed, type Rng } from '../src/demo/prng.ts';
import { regionDatasetStream } from '../src/demo/region.dataset.ts';
import { type Db, pgliteOf, pgPoolOf } from '../src/platform/db/database.ts';

export interface CountryOptions {
  regions: number;
  organizations: number;
  staff: number;
  municipalities: number;
  seed: number;
  /** The data's «today»: employments, ages, results and routes are generated around it. */
  asOf: string;
  /** Share of pedagogical workers with competency results. */
  assessedShare: number;
}

/** Region scale: the same region as the other benches (seed 74, 2 000 organizations, 50 000 staff). */
export const REGION_SCALE: CountryOptions = {
  regions: 1,
  organizations: 2000,
  staff: 50_000,
  municipalities: 40,
  seed: 74,
  asOf: '2026-11-01',
  assessedShare: 0.3,
};

/** Country scale: ≈85 subjects, ≈2 300 municipalities, 90 000 organizations, 2 000 000 staff. */
export const COUNTRY_SCALE: CountryOptions = {
  regions: 85,
  organizations: 90_000,
  staff: 2_000_000,
  municipalities: 2_300,
  seed: 1,
  asOf: '2026-11-01',
  assessedShare: 0.3,
};

/** Tables in load order (foreign keys), each with the columns its CSV holds. */
export const TABLES = {
  regions: ['id', 'code', 'name'],
  municipalities: ['id', 'region_id', 'code', 'name'],
  organizations: [
    'id',
    'region_id',
    'municipality_id',
    'code',
    'full_name',
    'short_name',
    'kind',
    'rural',
    'low_results',
    'innovation_platform',
    'internship_platform',
    'mentoring_regulation',
    'inn',
  ],
  people: [
    'id',
    'region_id',
    'last_name',
    'first_name',
    'patronymic',
    'birth_date',
    'sex',
    'snils',
    'email',
    'education',
    'ped_experience_years',
    'ped_experience_as_of',
    'category',
    'category_date',
  ],
  employments: [
    'id',
    'person_id',
    'organization_id',
    'position',
    'staff_category',
    'kind',
    'subjects',
    'load_hours',
    'rate',
    'start_date',
    'end_date',
    'outside_profile',
  ],
  vacancies: ['id', 'organization_id', 'position', 'subject', 'rate', 'zemsky', 'opened_on', 'closed_on'],
  staffing: ['organization_id', 'year', 'ped_total', 'ped_occupied', 'adm_total', 'adm_occupied'],
  programs: [
    'id',
    'code',
    'name',
    'kind',
    'hours',
    'provider',
    'format',
    'federal_registry',
    'federal_registry_number',
    'priority_directions',
  ],
  users: ['id', 'email', 'full_name', 'password_hash', 'role', 'region_id'],
  assessment_campaigns: [
    'id',
    'name',
    'owner_level',
    'region_id',
    'framework_id',
    'status',
    'opens_at',
    'closes_at',
    'closed_at',
  ],
  competency_results: ['person_id', 'competency_id', 'campaign_id', 'source', 'assessed_on', 'percent'],
  learning_routes: [
    'id',
    'person_id',
    'campaign_id',
    'framework_id',
    'baseline_on',
    'curator_user_id',
    'status',
    'title',
    'period_start',
    'period_end',
    'completed_at',
    'created_at',
  ],
  learning_route_items: [
    'id',
    'route_id',
    'competency_id',
    'competency_ids',
    'activity_kind',
    'activity_id',
    'title',
    'form',
    'hours',
    'status',
    'confirmed_at',
    'position',
  ],
  trainings: [
    'id',
    'person_id',
    'program_id',
    'program_name',
    'document',
    'document_number',
    'issued_on',
    'hours',
  ],
} as const;
export type TableName = keyof typeof TABLES;

type Cell = string | number | boolean | null | undefined | readonly string[];

const needsQuote = /[",\n\r]/;
function cell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    const lit = `{${v.map((s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
    return `"${lit.replace(/"/g, '""')}"`;
  }
  const s = v as string;
  return s === '' || needsQuote.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** An append-only CSV file written in ≈1 MB chunks. */
class CsvFile {
  private fd: number;
  private buf: string[] = [];
  private size = 0;
  rows = 0;
  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }
  row(values: Cell[]) {
    const line = `${values.map(cell).join(',')}\n`;
    this.buf.push(line);
    this.size += line.length;
    this.rows++;
    if (this.size > 1 << 20) this.flush();
  }
  flush() {
    if (this.buf.length) writeSync(this.fd, this.buf.join(''));
    this.buf = [];
    this.size = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

export interface Framework {
  id: string;
  competencyIds: string[];
  deficitBelow: number;
}

export interface Generated {
  dir: string;
  rows: Record<TableName, number>;
  ms: number;
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (iso: string, days: number) => ymd(new Date(Date.parse(iso) + days * 86_400_000));

/** 60 programs shared by the country (a third on the federal registry), 1–2 priority directions each. */
function programs(rng: Rng, file: CsvFile): { id: string; directions: string[] }[] {
  const out = [];
  for (let i = 0; i < 60; i++) {
    const id = rng.uuid();
    const federal = rng.chance(0.33);
    const directions = rng.shuffle([...DIRECTION_KEYS]).slice(0, rng.int(1, 2));
    const retraining = i % 10 === 9;
    file.row([
      id,
      `IND-${i + 1}`,
      `${retraining ? 'Программа профессиональной переподготовки' : 'Программа повышения квалификации'} № ${i + 1}`,
      retraining ? 'retraining' : 'upgrade',
      retraining ? 260 : rng.pick([16, 24, 36, 72]),
      'ИРО',
      'blended',
      federal,
      federal ? `ФР-${1000 + i}` : null,
      directions,
    ]);
    out.push({ id, directions });
  }
  return out;
}

/**
 * Generates every table's CSV into `dir`. Streams region by region: memory holds one region's
 * directory (≈24 000 people at country scale), never the country.
 */
export function generateCountry(
  dir: string,
  opts: CountryOptions,
  framework: Framework,
  log: (msg: string) => void = () => {},
): Generated {
  const t0 = performance.now();
  const files = Object.fromEntries(
    Object.keys(TABLES).map((t) => [t, new CsvFile(`${dir}/${t}.csv`)]),
  ) as Record<TableName, CsvFile>;
  const head = createRng(hashSeed(`country:${opts.seed}`));
  const catalog = programs(head, files.programs);
  const yearStart = `${opts.asOf.slice(0, 4)}-01-01`;
  const daysIntoYear = (Date.parse(opts.asOf) - Date.parse(yearStart)) / 86_400_000;

  for (let r = 0; r < opts.regions; r++) {
    // Equal shares with the remainder on the first regions, so the totals are exact.
    const share = (total: number) => Math.floor(total / opts.regions) + (r < total % opts.regions ? 1 : 0);
    const code = opts.regions === 1 ? '74' : String(r + 1).padStart(2, '0');
    const ds = regionDatasetStream({
      organizations: share(opts.organizations),
      staff: share(opts.staff),
      municipalities: share(opts.municipalities),
      seed: opts.regions === 1 ? opts.seed : opts.seed * 1000 + r,
      region: {
        code,
        name: opts.regions === 1 ? 'Челябинская область' : `Субъект Российской Федерации № ${code}`,
      },
      asOf: opts.asOf,
    });
    const regionId = ds.region.id;
    files.regions.row([regionId, code, ds.region.name]);
    for (const m of ds.municipalities) files.municipalities.row([m.id, regionId, m.code, m.name]);
    for (const o of ds.organizations)
      files.organizations.row([
        o.id,
        regionId,
        o.municipalityId,
        o.code,
        o.fullName,
        o.shortName,
        o.kind,
        o.rural,
        o.lowResults,
        o.innovationPlatform,
        o.internshipPlatform,
        o.mentoringRegulation,
        o.inn,
      ]);

    const rng = createRng(hashSeed(`country:${opts.seed}:region:${r}`));
    const campaignId = rng.uuid();
    files.assessment_campaigns.row([
      campaignId,
      'Диагностика профессиональных дефицитов педагогов',
      'region',
      regionId,
      framework.id,
      'closed',
      `${opts.asOf.slice(0, 4)}-02-01T00:00:00Z`,
      `${opts.asOf.slice(0, 4)}-03-01T00:00:00Z`,
      `${opts.asOf.slice(0, 4)}-03-01T00:00:00Z`,
    ]);
    const curators: string[] = [];
    for (let k = 0; k < 5; k++) {
      const id = rng.uuid();
      curators.push(id);
      files.users.row([id, `curator${k + 1}@r${code}.bench`, `Куратор ${k + 1}`, null, 'curator', regionId]);
    }
    const difficulty = framework.competencyIds.map(() => rng.normal(0, 5));

    for (const b of ds.batches) {
      const pedagogical = new Set<string>();
      for (const e of b.employments) {
        if (e.staffCategory === 'pedagogical') pedagogical.add(e.personId);
        files.employments.row([
          e.id,
          e.personId,
          e.organizationId,
          e.position,
          e.staffCategory,
          e.kind,
          e.subjects,
          e.loadHours,
          e.rate,
          e.startDate,
          null,
          e.outsideProfile,
        ]);
      }
      for (const p of b.people) {
        files.people.row([
          p.id,
          regionId,
          p.lastName,
          p.firstName,
          p.patronymic,
          p.birthDate,
          p.sex,
          p.snils,
          p.email,
          p.education,
          p.pedExperienceYears,
          p.pedExperienceAsOf,
          p.category,
          p.categoryDate,
        ]);
        // Trainings: most people have one to three over the last six years.
        if (rng.chance(0.75)) {
          for (let k = rng.int(1, 3); k > 0; k--) {
            const fromCatalog = rng.chance(0.7) ? rng.pick(catalog) : null;
            const diploma = rng.chance(0.04);
            files.trainings.row([
              rng.uuid(),
              p.id,
              fromCatalog?.id ?? null,
              fromCatalog ? 'Программа из каталога' : 'Программа стороннего провайдера',
              diploma ? 'diploma' : 'certificate',
              `Д-${k}-${rng.int(100000, 999999)}`,
              addDays(opts.asOf, -rng.int(1, 6 * 365)),
              diploma ? 260 : rng.pick([16, 24, 36, 72]),
            ]);
          }
        }
        if (!pedagogical.has(p.id) || !rng.chance(opts.assessedShare)) continue;
        // A fifth of the assessed were assessed last year: outside the period.
        const lastYear = rng.chance(0.2);
        const assessedOn = lastYear
          ? addDays(yearStart, -rng.int(30, 300))
          : addDays(yearStart, rng.int(31, Math.max(32, Math.min(90, daysIntoYear - 1))));
        const ability = rng.normal(70, 8);
        const deficits: string[] = [];
        framework.competencyIds.forEach((c, k) => {
          const v =
            Math.round(Math.min(100, Math.max(0, ability + difficulty[k]! + rng.normal(0, 8))) * 10) / 10;
          if (v < framework.deficitBelow) deficits.push(c);
          files.competency_results.row([p.id, c, campaignId, 'platform', assessedOn, v]);
        });
        if (lastYear || deficits.length === 0 || !rng.chance(0.9)) continue;
        const status = rng.weighted<string>([
          ['cancelled', 8],
          ['completed', 30],
          ['in_progress', 37],
          ['agreed', 15],
          ['draft', 10],
        ]);
        const created = addDays(assessedOn, rng.int(5, 30));
        const completed = status === 'completed' ? addDays(created, rng.int(20, 120)) : null;
        const routeId = rng.uuid();
        files.learning_routes.row([
          routeId,
          p.id,
          campaignId,
          framework.id,
          assessedOn,
          rng.chance(0.7) ? rng.pick(curators) : null,
          status,
          'Индивидуальный образовательный маршрут',
          created,
          addDays(created, 365),
          completed && completed < opts.asOf
            ? `${completed}T12:00:00Z`
            : completed
              ? `${addDays(opts.asOf, -1)}T12:00:00Z`
              : null,
          `${created}T09:00:00Z`,
        ]);
        const items = deficits.slice(0, 3);
        items.forEach((c, k) => {
          const prog = rng.pick(catalog);
          const done = status === 'completed' ? rng.chance(0.9) : status === 'in_progress' && rng.chance(0.3);
          files.learning_route_items.row([
            rng.uuid(),
            routeId,
            c,
            [c],
            'program',
            prog.id,
            'Курс повышения квалификации',
            'formal',
            36,
            done ? 'done' : 'planned',
            done && rng.chance(0.9) ? `${created}T15:00:00Z` : null,
            k,
          ]);
        });
      }
      for (const v of b.vacancies)
        files.vacancies.row([
          v.id,
          v.organizationId,
          v.position,
          v.subject,
          v.rate,
          v.zemsky,
          v.openedOn,
          v.closedOn,
        ]);
      for (const s of b.staffing)
        files.staffing.row([s.organizationId, s.year, s.pedTotal, s.pedOccupied, s.admTotal, s.admOccupied]);
    }
    if (opts.regions > 1 && (r + 1) % 10 === 0)
      log(`  generated ${r + 1}/${opts.regions} regions, ${files.people.rows} people`);
  }
  const rows = {} as Record<TableName, number>;
  for (const [t, f] of Object.entries(files)) {
    f.close();
    rows[t as TableName] = f.rows;
  }
  return { dir, rows, ms: performance.now() - t0 };
}

/** `COPY` of every generated file in load order; returns the milliseconds per table. */
export async function copyCountry(db: Db, gen: Generated): Promise<Record<TableName, number>> {
  const out = {} as Record<TableName, number>;
  const pool = pgPoolOf(db);
  const pglite = pgliteOf(db);
  for (const [table, cols] of Object.entries(TABLES) as [TableName, readonly string[]][]) {
    const copySql = `COPY ${table} (${cols.join(', ')}) FROM STDIN WITH (FORMAT csv)`;
    const path = `${gen.dir}/${table}.csv`;
    const t0 = performance.now();
    if (pool) {
      const client = await pool.connect();
      try {
        await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), client.query(copyFrom(copySql)));
      } finally {
        client.release();
      }
    } else {
      const { readFileSync } = await import('node:fs');
      await pglite!.query(copySql.replace('STDIN', "'/dev/blob'"), [], {
        blob: new Blob([readFileSync(path)]),
      });
    }
    out[table] = performance.now() - t0;
  }
  return out;
}
