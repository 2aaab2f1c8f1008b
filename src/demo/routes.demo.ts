import type { Actor } from '../platform/auth/actor.ts';
import { type Db, sql } from '../platform/db/database.ts';
import { type GenerationResult, generateRoutes } from '../routes/generation/generation.service.ts';
import { addItem, agreeRoute, itemTransition, startRoute } from '../routes/routes.service.ts';

/**
 * Learning routes in the demo: the generator builds draft routes from the September campaign, then
 * a few are moved on so the screens have something alive — the demo teacher's route is in progress
 * with one item confirmed and one waiting for her curator, her curator has a second route in
 * progress, and a route of another curator's mentee is agreed by both sides.
 */

export interface DemoRoutes {
  generation: GenerationResult;
  /** The demo teacher's route (in progress), or null when the generator gave her none. */
  teacherRouteId: string | null;
  /** Another route of the demo teacher's curator, in progress. */
  startedRouteId: string | null;
  agreedRouteId: string | null;
}

interface RouteRow {
  id: string;
  person_id: string;
  curator_user_id: string | null;
}

/** Items to act on first: the ones that happen at school now, not a course months ahead. */
async function itemsOf(tx: Db, routeId: string): Promise<{ id: string; title: string }[]> {
  return tx.query<{ id: string; title: string }>(sql`
    SELECT id, title FROM learning_route_items WHERE route_id = ${routeId}
    ORDER BY planned_start NULLS LAST, (activity_kind IN ('self_education', 'mentoring', 'event')) DESC, hours, position`);
}

const EVIDENCE = [
  {
    url: 'https://sosh1-zima.gosuslugi.ru/metodicheskaya-rabota/',
    note: 'Протокол встречи с куратором и план на полугодие',
  },
  {
    url: 'https://disk.yandex.ru/d/zima-sosh1-portfolio',
    note: 'Разработанные материалы в папке портфолио',
  },
];

export async function loadDemoRoutes(
  tx: Db,
  input: {
    methodist: Actor;
    teacher: Actor;
    curators: readonly Actor[];
    frameworkId: string;
    campaignId: string;
    today: string;
  },
): Promise<DemoRoutes> {
  const { methodist, teacher } = input;
  const generation = await generateRoutes(tx, methodist, {
    frameworkId: input.frameworkId,
    campaignId: input.campaignId,
    today: input.today,
  });
  const routes = await tx.query<RouteRow>(sql`
    SELECT id, person_id, curator_user_id FROM learning_routes
    WHERE framework_id = ${input.frameworkId} AND status = 'draft' ORDER BY person_id`);
  const curatorOf = (r: RouteRow) => input.curators.find((c) => c.userId === r.curator_user_id) ?? null;

  // The demo teacher's route: her curator adds the opening meeting, both agree, she starts it;
  // the meeting is held and confirmed, the month's self-education done and waiting for the curator.
  let teacherRouteId: string | null = null;
  const own = routes.find((r) => r.person_id === teacher.personId);
  const ownCurator = own ? curatorOf(own) : null;
  if (own && ownCurator) {
    await addItem(tx, ownCurator, own.id, {
      activityKind: 'mentoring',
      title: 'Установочная встреча с куратором: результаты диагностики и план маршрута на полугодие',
      form: 'informal',
      plannedStart: input.today,
      plannedEnd: input.today,
      hours: 2,
      expectedResult: 'Понятны цели маршрута, сроки и то, чем подтверждается каждое мероприятие.',
    });
    await agreeRoute(tx, teacher, own.id);
    await agreeRoute(tx, ownCurator, own.id);
    await startRoute(tx, teacher, own.id);
    const items = await itemsOf(tx, own.id);
    for (const [i, item] of items.slice(0, 2).entries()) {
      await itemTransition(tx, teacher, own.id, item.id, 'done', {
        evidence: { kind: 'link', ...EVIDENCE[i]! },
      });
      if (i === 0) await itemTransition(tx, ownCurator, own.id, item.id, 'confirm');
    }
    teacherRouteId = own.id;
  }

  // Teachers other than the demo one have no login: their agreement was given on paper and the
  // methodist recorded it; the curator agrees in the platform, which makes the route agreed.
  const agreeOnPaper = async (route: RouteRow, curator: Actor) => {
    await tx.query(
      sql`UPDATE learning_routes SET agreed_by_teacher_at = now() - interval '1 day' WHERE id = ${route.id}`,
    );
    await tx.query(sql`
      INSERT INTO learning_route_events (route_id, author_user_id, kind, text, data)
      VALUES (${route.id}, ${methodist.userId}, 'agreed',
              'Маршрут согласован педагогом (подпись на бумаге внесена методистом)',
              ${JSON.stringify({ side: 'teacher' })}::jsonb)`);
    await agreeRoute(tx, curator, route.id);
  };

  // Another route of the same curator: agreed, started by the curator, its first item under way.
  let startedRouteId: string | null = null;
  const sameCurator = ownCurator
    ? routes.find((r) => r.person_id !== teacher.personId && r.curator_user_id === ownCurator.userId)
    : undefined;
  if (sameCurator && ownCurator) {
    await agreeOnPaper(sameCurator, ownCurator);
    await startRoute(tx, ownCurator, sameCurator.id);
    const [first] = await itemsOf(tx, sameCurator.id);
    if (first) await itemTransition(tx, ownCurator, sameCurator.id, first.id, 'start');
    startedRouteId = sameCurator.id;
  }

  // A route of another curator's mentee: agreed by both sides, not started yet.
  let agreedRouteId: string | null = null;
  // The second curator's first route (by person), so the README can name kurator2@.
  const secondCurator = input.curators.find((c) => c !== ownCurator) ?? null;
  const other = secondCurator
    ? routes.find((r) => r.person_id !== teacher.personId && r.curator_user_id === secondCurator.userId)
    : undefined;
  if (other) {
    await agreeOnPaper(other, curatorOf(other)!);
    agreedRouteId = other.id;
  }
  return { generation, teacherRouteId, startedRouteId, agreedRouteId };
}
