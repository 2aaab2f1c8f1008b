import { computePreset, defaultPeriod } from '../../monitoring/engine/compute.ts';
import { TARGET_STATUS_LABELS, targetStatus } from '../../monitoring/engine/target-status.ts';
import { PRESETS, presetByCode } from '../../monitoring/presets/index.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import { withDatabase } from '../cli-database.ts';
import { CliError } from '../cli-error.ts';
import type { CliIo } from '../io.ts';

/**
 * `marshrut indicators compute`: a preset's figures for a territory as of a date, for scripts —
 * the same engine (computePreset) the API and monitorings use, without loading the preset.
 */

export interface IndicatorsComputeOptions {
  preset: string;
  asOf: string;
  municipality?: string | undefined;
  region?: string | undefined;
  periodStart?: string | undefined;
  periodEnd?: string | undefined;
  format: 'json' | 'table';
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(value: string | undefined, option: string): void {
  if (value === undefined) return;
  const d = new Date(`${value}T00:00:00Z`);
  if (!ISO.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new CliError(`${option}: ожидается дата в виде ГГГГ-ММ-ДД, получено «${value}».`);
  }
}

interface TerritoryChoice {
  level: 'municipality' | 'region' | 'all';
  id: string | null;
  name: string;
  scope: { municipalityId?: string | null; regionId?: string | null };
}

async function territory(db: Db, o: IndicatorsComputeOptions): Promise<TerritoryChoice> {
  if (o.municipality && o.region) throw new CliError('Укажите что-то одно: --municipality или --region.');
  if (o.municipality) {
    const rows = await db.query<{ id: string; name: string; region: string }>(sql`
      SELECT m.id, m.name, r.name AS region FROM municipalities m JOIN regions r ON r.id = m.region_id
      WHERE lower(m.name) = lower(${o.municipality}) OR m.code = ${o.municipality} ORDER BY r.name, m.name`);
    if (rows.length === 0) throw new CliError(`Муниципалитет «${o.municipality}» не найден.`);
    if (rows.length > 1) {
      throw new CliError(
        `Муниципалитетов «${o.municipality}» несколько (${rows.map((r) => r.region).join(', ')}): укажите код муниципалитета.`,
      );
    }
    const m = rows[0]!;
    return { level: 'municipality', id: m.id, name: m.name, scope: { municipalityId: m.id } };
  }
  if (o.region) {
    const [r] = await db.query<{ id: string; name: string }>(
      sql`SELECT id, name FROM regions WHERE code = ${o.region} OR lower(name) = lower(${o.region})`,
    );
    if (!r) throw new CliError(`Регион «${o.region}» не найден.`);
    return { level: 'region', id: r.id, name: r.name, scope: { regionId: r.id } };
  }
  return { level: 'all', id: null, name: 'все территории', scope: {} };
}

function findPreset(code: string) {
  const preset = presetByCode(/^\d{3}$/.test(code) ? `p${code}` : code);
  if (!preset) {
    throw new CliError(
      `Пресет «${code}» не найден. Есть: ${PRESETS.map((p) => `${p.code} (${p.name})`).join('; ')}.`,
    );
  }
  return preset;
}

/** The figures as printed with --format json (also what the tests compare with the API). */
export async function computePresetFigures(db: Db, o: IndicatorsComputeOptions) {
  checkDate(o.asOf, '--as-of');
  checkDate(o.periodStart, '--period-start');
  checkDate(o.periodEnd, '--period-end');
  const preset = findPreset(o.preset);
  const code = preset.code;
  const where = await territory(db, o);
  const period = defaultPeriod(o.asOf);
  const periodStart = o.periodStart ?? period.periodStart;
  const periodEnd = o.periodEnd ?? (o.periodStart ? o.asOf : period.periodEnd);
  if (periodStart > periodEnd) throw new CliError('Начало периода позже его конца.');
  const result = await computePreset(db, {
    presetCode: code,
    scope: where.scope,
    asOf: o.asOf,
    periodStart,
    periodEnd,
  });
  const year = Number(o.asOf.slice(0, 4));
  return {
    preset: { code: preset.code, name: preset.name, sourceDocument: preset.sourceDocument },
    territory: { level: where.level, id: where.id, name: where.name },
    asOf: result.asOf,
    periodStart: result.periodStart,
    periodEnd: result.periodEnd,
    targetYear: year,
    indicators: result.indicators.map((v, i) => {
      const def = preset.indicators[i]!;
      const target = def.targets.find((t) => t.year === year)?.value ?? null;
      return {
        code: v.code,
        name: def.name,
        unit: def.unit,
        derived: v.derived,
        value: v.value,
        numerator: v.numerator,
        denominator: v.denominator,
        status: v.status,
        message: v.message,
        target,
        targetStatus: targetStatus(v.value, target, def.direction),
      };
    }),
  };
}

const num = (v: number | null) => (v === null ? '—' : String(Math.round(v * 100) / 100).replace('.', ','));

function table(figures: Awaited<ReturnType<typeof computePresetFigures>>): string[] {
  const rows = figures.indicators.map((i) => [
    i.code,
    num(i.value),
    num(i.target),
    i.targetStatus ? TARGET_STATUS_LABELS[i.targetStatus] : i.derived ? '' : 'вручную',
    num(i.numerator),
    num(i.denominator),
    i.name.length > 70 ? `${i.name.slice(0, 69)}…` : i.name,
  ]);
  const head = [
    'Код',
    'Значение',
    `Цель ${figures.targetYear}`,
    'Статус',
    'Числитель',
    'Знаменатель',
    'Показатель',
  ];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [
    `${figures.preset.name} — ${figures.territory.name}, на ${figures.asOf} (период ${figures.periodStart} — ${figures.periodEnd})`,
    line(head),
    ...rows.map(line),
  ];
}

export async function indicatorsComputeCommand(io: CliIo, o: IndicatorsComputeOptions): Promise<number> {
  // Mistakes in the arguments are reported before the database is opened.
  checkDate(o.asOf, '--as-of');
  findPreset(o.preset);
  return withDatabase(
    'indicators compute',
    io,
    async (db) => {
      const figures = await computePresetFigures(db, o);
      if (o.format === 'json') io.out(JSON.stringify(figures, null, 2));
      else for (const l of table(figures)) io.out(l);
      return 0;
    },
    { migrate: true },
  );
}
