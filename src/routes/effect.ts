import { type SQL, sql } from 'drizzle-orm';
import { classify, type DeficitLevel } from '../assessment/deficits/classify.ts';
import { writeAudit } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';
import { findRoute, routeVisibility } from './routes.repository.ts';

/**
 * The effect of a route: for each competency its items address, the result at the baseline
 * (latest on or before baseline_on) against the latest result after it. A competency is closed
 * when it was a deficit or partial before and is formed ('none') after.
 */

/** The baseline of a route: the assessment it was built from, else the day it was created. */
const baseOf = (r: string) => sql.raw(`COALESCE(${r}.baseline_on, ${r}.created_at::date)`);

/** Every competency an item addresses: the main one and the others it covers. */
const itemCompetencies = (i: string) =>
  sql.raw(
    `(${i}.competency_ids || CASE WHEN ${i}.competency_id IS NULL THEN '{}'::uuid[] ELSE ARRAY[${i}.competency_id] END)`,
  );

/** Latest result of person × competency on or before / after the base (lateral subqueries). */
function beforeAfter(person: SQL, competency: SQL, base: SQL): SQL {
  return sql`
    LEFT JOIN LATERAL (SELECT cr.percent FROM competency_results cr
                       WHERE cr.person_id = ${person} AND cr.competency_id = ${competency} AND cr.assessed_on <= ${base}
                       ORDER BY cr.assessed_on DESC, cr.id DESC LIMIT 1) b ON true
    LEFT JOIN LATERAL (SELECT cr.percent, cr.assessed_on FROM competency_results cr
                       WHERE cr.person_id = ${person} AND cr.competency_id = ${competency} AND cr.assessed_on > ${base}
                       ORDER BY cr.assessed_on DESC, cr.id DESC LIMIT 1) a ON true`;
}

const isDeficit = (l: DeficitLevel | null) => l === 'deficit' || l === 'partial';

export async function routeEffect(db: Db, actor: Actor, id: string) {
  const route = await findRoute(db, actor, id);
  if (!route) throw notFound('Маршрут не найден или недоступен.');
  const rows = await db.query<{
    id: string;
    code: string;
    name: string;
    deficit_below: number;
    partial_below: number;
    before: number | null;
    after: number | null;
    after_on: string | null;
  }>(sql`
    WITH r AS (SELECT id, person_id, ${baseOf('learning_routes')} AS base FROM learning_routes WHERE id = ${id}),
         comps AS (SELECT DISTINCT unnest(${itemCompetencies('i')}) AS cid
                   FROM learning_route_items i WHERE i.route_id = ${id})
    SELECT c.id, c.code, c.name, f.deficit_below, f.partial_below, b.percent AS before, a.percent AS after,
           a.assessed_on AS after_on
    FROM comps JOIN competencies c ON c.id = comps.cid
    JOIN competency_frameworks f ON f.id = c.framework_id
    CROSS JOIN r
    ${beforeAfter(sql`r.person_id`, sql`c.id`, sql`r.base`)}
    ORDER BY c.position, c.code`);
  await writeAudit(db, {
    actor,
    action: 'read',
    entity: 'route_effect',
    entityId: id,
    personId: route.person_id,
  });
  return {
    baselineOn: route.baseline_on,
    competencies: rows.map((r) => {
      const t = { deficitBelow: r.deficit_below, partialBelow: r.partial_below };
      const beforeLevel = r.before === null ? null : classify(r.before, t);
      const afterLevel = r.after === null ? null : classify(r.after, t);
      return {
        id: r.id,
        code: r.code,
        name: r.name,
        before: r.before,
        beforeLevel,
        after: r.after,
        afterLevel,
        afterOn: r.after_on,
        closed: isDeficit(beforeLevel) && afterLevel === 'none',
      };
    }),
  };
}

/**
 * Over the visible, not cancelled routes of a framework, per competency of the framework, counted in
 * people: with a deficit or partial level at the baseline, of them reassessed after it, closed
 * (formed after) and still a deficit or partial.
 */
export async function routeEffectSummary(
  db: Db,
  actor: Actor,
  q: { frameworkId: string; organizationId?: string | undefined },
) {
  const [framework] = await db.query(sql`SELECT 1 FROM competency_frameworks WHERE id = ${q.frameworkId}`);
  if (!framework) throw notFound('Карта компетенций не найдена.');
  const routes = sql`
    SELECT r.id, r.person_id, r.status, ${baseOf('r')} AS base FROM learning_routes r JOIN people p ON p.id = r.person_id
    WHERE r.framework_id = ${q.frameworkId} AND r.status <> 'cancelled' AND ${routeVisibility(actor)}
      ${
        q.organizationId
          ? sql`AND EXISTS (SELECT 1 FROM employments e WHERE e.person_id = r.person_id AND e.end_date IS NULL
                              AND e.organization_id = ${q.organizationId})`
          : sql``
      }`;
  const rows = await db.query<{
    id: string;
    code: string;
    name: string;
    with_deficit_before: number;
    reassessed: number;
    closed: number;
    still_deficit: number;
  }>(sql`
    WITH rr AS (${routes}),
         pc AS (SELECT DISTINCT rr.person_id, rr.base, x.cid FROM rr
                JOIN learning_route_items i ON i.route_id = rr.id
                CROSS JOIN LATERAL unnest(${itemCompetencies('i')}) AS x(cid)),
         ba AS (SELECT pc.person_id, pc.cid, b.percent AS before, a.percent AS after FROM pc
                ${beforeAfter(sql`pc.person_id`, sql`pc.cid`, sql`pc.base`)})
    SELECT c.id, c.code, c.name,
           count(DISTINCT ba.person_id) FILTER (WHERE ba.before < f.partial_below)::int AS with_deficit_before,
           count(DISTINCT ba.person_id) FILTER (WHERE ba.before < f.partial_below AND ba.after IS NOT NULL)::int AS reassessed,
           count(DISTINCT ba.person_id) FILTER (WHERE ba.before < f.partial_below AND ba.after >= f.partial_below)::int AS closed,
           count(DISTINCT ba.person_id) FILTER (WHERE ba.before < f.partial_below AND ba.after < f.partial_below)::int AS still_deficit
    FROM competencies c JOIN competency_frameworks f ON f.id = c.framework_id
    LEFT JOIN ba ON ba.cid = c.id
    WHERE c.framework_id = ${q.frameworkId}
    GROUP BY c.id, c.code, c.name, c.position ORDER BY c.position, c.code`);
  const [count] = await db.query<{ total: number; completed: number }>(sql`
    WITH rr AS (${routes})
    SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'completed')::int AS completed FROM rr`);
  await writeAudit(db, { actor, action: 'read', entity: 'route_effect_summary', details: q });
  return {
    competencies: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      withDeficitBefore: r.with_deficit_before,
      reassessed: r.reassessed,
      closed: r.closed,
      stillDeficit: r.still_deficit,
    })),
    routes: { total: count?.total ?? 0, completed: count?.completed ?? 0 },
  };
}
