import {
  type FiguresSource,
  viewerTerritory,
  yearFigures,
} from '../monitoring/dashboards/dashboards.service.ts';
import { computePreset, territoryScope } from '../monitoring/engine/compute.ts';
import type { ValueStatus } from '../monitoring/engine/formula.ts';
import { type TargetStatus, targetStatus } from '../monitoring/engine/target-status.ts';
import { authorize, can, setVisibility } from '../monitoring/monitoring.policy.ts';
import { frozenId, presentValues, type Territory } from '../monitoring/monitorings/monitorings.service.ts';
import type { ComputedSet, SliceValue } from '../monitoring/monitorings/snapshot.ts';
import { P003 } from '../monitoring/presets/p003.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { orgScope } from '../platform/auth/scope.ts';
import { type Db, sql } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';
import { today } from '../platform/time/today.ts';

/**
 * The route indicators of order 003 (2.1, 3.1, 6.1–6.6) on «Эффект маршрутов», read from the
 * indicator engine — the same figures the 003 set's dashboard and monitoring show, never counted
 * a second time:
 *  - the 003 set the viewer sees (their municipality's first) and the year's figures as its
 *    dashboard takes them (`yearFigures`: the year's closed monitoring, else a live compute over
 *    the viewer's territory);
 *  - when no 003 set is loaded, the preset itself computed live over the viewer's territory, with
 *    the dashboard's period convention for a year (1 January to today or 31 December).
 * The year defaults to the latest one the set has targets for, up to this one (what the dashboard
 * opens on). A school head sees their organization's line of those figures only; anyone else
 * sees their territory's total or, asked for an organization they see, its line.
 */

export const ROUTE_INDICATOR_CODES = ['2.1', '3.1', '6.1', '6.2', '6.3', '6.4', '6.5', '6.6'] as const;

export interface RouteIndicator {
  code: string;
  name: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: ValueStatus;
  message: string;
  target: number | null;
  targetStatus: TargetStatus | null;
}

export interface RouteIndicators {
  year: number;
  /** The loaded 003 set the figures belong to; null: the preset computed without one. */
  set: { id: string; code: string; name: string } | null;
  source: FiguresSource & { periodStart: string; periodEnd: string };
  /** The organization whose line is shown; null: the viewer's territory as a whole. */
  organization: { id: string; name: string } | null;
  indicators: RouteIndicator[];
}

interface Set003 {
  id: string;
  code: string;
  name: string;
  owner_level: 'system' | 'region' | 'municipality' | 'organization';
  region_id: string | null;
  municipality_id: string | null;
  target_years: number[];
}

/** The 003 set the viewer sees: the most local one, loaded from the preset before a copy. */
async function find003Set(db: Db, actor: Actor): Promise<Set003 | undefined> {
  const [s] = await db.query<Set003>(sql`
    SELECT s.id::text AS id, s.code, s.name, s.owner_level,
           COALESCE(s.region_id, (SELECT region_id FROM municipalities WHERE id = s.municipality_id))::text AS region_id,
           s.municipality_id::text AS municipality_id,
           COALESCE((SELECT array_agg(DISTINCT t.year) FROM indicator_targets t JOIN indicators i ON i.id = t.indicator_id
                     WHERE i.set_id = s.id), '{}') AS target_years
    FROM indicator_sets s
    WHERE (s.preset_code = ${P003.code} OR s.source_document = ${P003.sourceDocument}) AND ${setVisibility(actor)}
    ORDER BY s.municipality_id IS NULL, s.region_id IS NULL, s.preset_code IS DISTINCT FROM ${P003.code},
             s.created_at, s.id
    LIMIT 1`);
  return s;
}

/** The latest year with targets up to this one (the dashboard's default), else this year. */
function defaultYear(targetYears: number[]): number {
  const thisYear = Number(today().slice(0, 4));
  const past = targetYears.filter((y) => y <= thisYear);
  return past.length ? Math.max(...past) : thisYear;
}

async function organizationToShow(
  db: Db,
  actor: Actor,
  asked: string | undefined,
): Promise<{ id: string; name: string } | null> {
  const id = actor.role === 'org_head' ? (asked ?? actor.organizationId) : asked;
  if (!id) return null;
  if (actor.role === 'org_head' && id !== actor.organizationId) {
    throw notFound('Организация не найдена или недоступна.');
  }
  const [o] = await db.query<{ id: string; name: string }>(
    sql`SELECT o.id::text AS id, o.short_name AS name FROM organizations o WHERE o.id = ${id} AND ${orgScope(actor)}`,
  );
  if (!o) throw notFound('Организация не найдена или недоступна.');
  return o;
}

/** The line of one figure to show: the total, or the organization's slice (none: nobody counted there). */
function lineOf(
  i: { value: number | null; numerator: number | null; denominator: number | null; status: ValueStatus },
  slices: SliceValue[] | undefined,
  organizationId: string | undefined,
) {
  if (!organizationId) return i;
  const s = slices?.find((x) => x.key === organizationId);
  return s ?? { value: null, numerator: null, denominator: null, status: 'empty_denominator' as const };
}

export async function routeIndicators(
  db: Db,
  actor: Actor,
  q: { organizationId?: string | undefined; year?: number | undefined },
): Promise<RouteIndicators> {
  authorize(
    can(actor, 'read', 'monitorings'),
    'Показатели мониторинга видят методисты, руководители органа управления и организаций.',
  );
  const organization = await organizationToShow(db, actor, q.organizationId);
  const set = await find003Set(db, actor);
  const presetTargetYears = [...new Set(P003.indicators.flatMap((i) => i.targets.map((t) => t.year)))];
  const year = q.year ?? defaultYear(set ? set.target_years : presetTargetYears);
  const wanted = new Set<string>(ROUTE_INDICATOR_CODES);
  let figures: ComputedSet;
  let source: FiguresSource;
  let rows: {
    code: string;
    name: string;
    total: ComputedSet['indicators'][number];
    target: number | null;
    direction: 'up' | 'down' | 'none';
    message: string;
  }[];
  if (set) {
    const got = await yearFigures(db, actor, set, year);
    figures = got.figures;
    source = got.source;
    const values = await presentValues(
      db,
      actor,
      set.id,
      year,
      figures,
      got.latest ? frozenId(got.latest) : undefined,
    );
    const raw = new Map(figures.indicators.map((i) => [i.indicatorId, i]));
    rows = values.indicators
      .filter((i) => wanted.has(i.code))
      .map((i) => ({
        code: i.code,
        name: i.name,
        // the raw figure: presentValues cuts the organization slice to those the viewer sees
        total: raw.get(i.indicatorId) ?? i,
        target: i.target,
        direction: i.direction,
        message: i.message,
      }));
  } else {
    const territory: Territory = await viewerTerritory(db, actor, {
      id: '',
      code: '',
      name: '',
      owner_level: 'system',
      region_id: null,
      municipality_id: null,
    });
    const end = `${year}-12-31`;
    const asOf = today() < end ? today() : end;
    const preset = P003.indicators.filter((i) => wanted.has(i.code));
    const result = await computePreset(db, {
      preset: { indicators: preset.map((i) => ({ ...i, id: null, population: i.population ?? {} })) },
      scope: territory,
      level: territoryScope(territory).level,
      asOf,
      periodStart: `${year}-01-01`,
      periodEnd: asOf,
      slices: ['organization'],
    });
    figures = result as unknown as ComputedSet;
    source = { kind: 'live', monitoringId: null, name: null, asOf };
    rows = result.indicators.map((i, n) => {
      const p = preset[n]!;
      return {
        code: i.code,
        name: p.name,
        total: i as unknown as ComputedSet['indicators'][number],
        target: p.targets.find((t) => t.year === year)?.value ?? null,
        direction: p.direction,
        message: i.message,
      };
    });
  }
  const order = (code: string) =>
    ROUTE_INDICATOR_CODES.indexOf(code as (typeof ROUTE_INDICATOR_CODES)[number]);
  const indicators = rows
    .sort((a, b) => order(a.code) - order(b.code))
    .map((r): RouteIndicator => {
      const line = lineOf(r.total, r.total.slices.organization, organization?.id);
      return {
        code: r.code,
        name: r.name,
        value: line.value,
        numerator: line.numerator,
        denominator: line.denominator,
        status: line.status,
        message: organization ? '' : r.message,
        target: r.target,
        targetStatus: targetStatus(line.value, r.target, r.direction),
      };
    });
  return {
    year,
    set: set ? { id: set.id, code: set.code, name: set.name } : null,
    source: { ...source, periodStart: figures.periodStart, periodEnd: figures.periodEnd },
    organization,
    indicators,
  };
}
