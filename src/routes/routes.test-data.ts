import { type Db, sql } from '../platform/db/database.ts';

/**
 * For integration tests: a route written directly, independent of the generator.
 * Items default to a self-education item of 10 hours.
 */
export interface TestItem {
  title?: string;
  competencyId?: string | null;
  competencyIds?: string[];
  activityKind?: 'program' | 'event' | 'mentoring' | 'self_education' | 'internship';
  activityId?: string | null;
  form?: 'formal' | 'informal' | 'self_education';
  hours?: number;
  status?: 'planned' | 'in_progress' | 'done' | 'dropped';
  confirmed?: boolean;
}

export async function insertRoute(
  db: Db,
  p: {
    personId: string;
    curatorUserId?: string | null;
    status?: 'draft' | 'agreed' | 'in_progress' | 'completed' | 'cancelled';
    title?: string;
    frameworkId?: string | null;
    campaignId?: string | null;
    baselineOn?: string | null;
    periodStart?: string;
    periodEnd?: string;
    items?: TestItem[];
  },
): Promise<{ id: string; itemIds: string[] }> {
  const [route] = await db.query<{ id: string }>(sql`
    INSERT INTO learning_routes (person_id, curator_user_id, status, title, framework_id, campaign_id, baseline_on,
                                 period_start, period_end, completed_at)
    VALUES (${p.personId}, ${p.curatorUserId ?? null}, ${p.status ?? 'draft'}, ${p.title ?? 'Маршрут на 2026/27 учебный год'},
            ${p.frameworkId ?? null}, ${p.campaignId ?? null}, ${p.baselineOn ?? null},
            ${p.periodStart ?? '2026-09-01'}, ${p.periodEnd ?? '2027-05-31'},
            ${p.status === 'completed' ? sql`now()` : sql`NULL`})
    RETURNING id`);
  if (p.curatorUserId) {
    await db.query(sql`INSERT INTO curator_assignments (curator_user_id, person_id)
                       VALUES (${p.curatorUserId}, ${p.personId}) ON CONFLICT DO NOTHING`);
  }
  const itemIds: string[] = [];
  for (const [n, it] of (p.items ?? [{}]).entries()) {
    const ids = it.competencyIds ?? (it.competencyId ? [it.competencyId] : []);
    const [item] = await db.query<{ id: string }>(sql`
      INSERT INTO learning_route_items (route_id, competency_id, competency_ids, activity_kind, activity_id, title, form,
                                        hours, status, confirmed_at, position, evidence)
      VALUES (${route!.id}, ${it.competencyId ?? null}, ${sql.param(ids)}::uuid[], ${it.activityKind ?? 'self_education'},
              ${it.activityId ?? null}, ${it.title ?? `Мероприятие ${n + 1}`}, ${it.form ?? 'self_education'},
              ${it.hours ?? 10}, ${it.status ?? 'planned'}, ${it.confirmed ? sql`now()` : sql`NULL`}, ${n + 1},
              ${it.status === 'done' ? JSON.stringify({ kind: 'link', url: 'https://example.org/report' }) : null}::jsonb)
      RETURNING id`);
    itemIds.push(item!.id);
  }
  await db.query(
    sql`INSERT INTO learning_route_events (route_id, kind, text) VALUES (${route!.id}, 'created', 'Маршрут создан')`,
  );
  return { id: route!.id, itemIds };
}

/** A framework (thresholds 50 / 75) with one group and the given competency codes; returns their ids. */
export async function insertFramework(
  db: Db,
  codes: string[],
): Promise<{ frameworkId: string; competencies: Record<string, string> }> {
  const [f] = await db.query<{ id: string }>(sql`
    INSERT INTO competency_frameworks (code, name, deficit_below, partial_below)
    VALUES (${`F${Math.random().toString(36).slice(2, 8)}`}, 'Карта для маршрутов', 50, 75) RETURNING id`);
  const [g] = await db.query<{ id: string }>(sql`
    INSERT INTO competency_groups (framework_id, code, name) VALUES (${f!.id}, 'methodical', 'Методические') RETURNING id`);
  const competencies: Record<string, string> = {};
  for (const [n, code] of codes.entries()) {
    const [c] = await db.query<{ id: string }>(sql`
      INSERT INTO competencies (framework_id, group_id, code, name, position)
      VALUES (${f!.id}, ${g!.id}, ${code}, ${`Компетенция ${code}`}, ${n}) RETURNING id`);
    competencies[code] = c!.id;
  }
  return { frameworkId: f!.id, competencies };
}

export async function insertResult(
  db: Db,
  r: { personId: string; competencyId: string; percent: number; assessedOn: string },
): Promise<void> {
  await db.query(sql`
    INSERT INTO competency_results (person_id, competency_id, source, assessed_on, percent)
    VALUES (${r.personId}, ${r.competencyId}, 'import', ${r.assessedOn}, ${r.percent})`);
}

/** A catalog program with the priority directions and one cohort; returns the cohort id. */
export async function insertProgramCohort(
  db: Db,
  directions: string[],
): Promise<{ programId: string; cohortId: string }> {
  const [pr] = await db.query<{ id: string }>(sql`
    INSERT INTO programs (code, name, kind, hours, provider, format, priority_directions)
    VALUES (${`P${Math.random().toString(36).slice(2, 10)}`}, 'Программа ПК', 'upgrade', 36, 'ИРО', 'distance',
            ${sql.param(directions)}::text[]) RETURNING id`);
  const [c] = await db.query<{ id: string }>(sql`
    INSERT INTO program_cohorts (program_id, starts_on, ends_on) VALUES (${pr!.id}, '2026-10-01', '2026-10-30') RETURNING id`);
  return { programId: pr!.id, cohortId: c!.id };
}
