import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/platform/auth/actor.ts';
import { sql } from '../../src/platform/db/database.ts';
import { today } from '../../src/platform/time/today.ts';
import { generateRoutes } from '../../src/routes/generation/generation.service.ts';
import type { TestApp } from '../helpers/test-app.ts';
import {
  expectContains,
  expectCount,
  launchBrowser,
  newPage,
  shot,
  signIn,
  startBrowserApp,
} from './helpers.ts';

/**
 * A young teacher's route proposes a mentor → the school head confirms it on «Наставничество» →
 * the pair works through a meeting and a report → the head finishes it → the next diagnosis shows
 * the deficit closed, and the route item is done with the mentorship as its evidence. Routes are
 * built through the generation service with a fixed date (2026-09-01); the diagnoses are fixed too.
 */
describe('a route with a mentor: suggestion → confirmation → pair → closed deficit', () => {
  let t: TestApp;
  let browser: Browser;
  let headUser: { email: string; password: string };
  let menteeUser: { email: string; password: string };
  let mentorUser: { email: string; password: string };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const { ctx, db } = t;
    const muni = await ctx.newMunicipality({ name: 'г. Зима' });
    const school = await ctx.newOrg({ municipalityId: muni.id });
    ids.mentor = (
      await ctx.newPerson({
        organizationId: school.id,
        lastName: 'Наставникова',
        category: 'highest',
        subjects: ['Математика'],
      })
    ).id;
    ids.mentee = (
      await ctx.newPerson({
        organizationId: school.id,
        lastName: 'Молодова',
        category: 'none',
        birthDate: '2001-04-01',
        pedExperienceYears: 1,
        subjects: ['Математика'],
      })
    ).id;
    const [f] = await db.query<{ id: string }>(sql`
      INSERT INTO competency_frameworks (code, name, deficit_below, partial_below)
      VALUES ('MRJ', 'Профессиональные компетенции педагога', 50, 75) RETURNING id`);
    ids.framework = f!.id;
    const [g] = await db.query<{ id: string }>(sql`
      INSERT INTO competency_groups (framework_id, code, name) VALUES (${f!.id}, 'МЕТ', 'Методические') RETURNING id`);
    const [c] = await db.query<{ id: string }>(sql`
      INSERT INTO competencies (framework_id, group_id, code, name, position)
      VALUES (${f!.id}, ${g!.id}, 'МЕТ-01', 'Формирующее оценивание', 0) RETURNING id`);
    ids.competency = c!.id;
    await db.query(sql`
      INSERT INTO competency_results (person_id, competency_id, source, assessed_on, percent)
      VALUES (${ids.mentee}, ${ids.competency}, 'import', '2026-05-15', 35)`);
    // The school's program with its mentor (running with no end, so the real today falls inside).
    const [p] = await db.query<{ id: string }>(sql`
      INSERT INTO mentoring_programs (region_id, municipality_id, organization_id, name, forms, starts_on, order_number)
      VALUES (${muni.regionId}, ${muni.id}, ${school.id}, 'Адаптация молодых педагогов', '{experienced_young}', '2020-09-01', '112-од')
      RETURNING id`);
    await db.query(
      sql`INSERT INTO mentoring_mentors (program_id, person_id, capacity) VALUES (${p!.id}, ${ids.mentor}, 2)`,
    );
    const at = { municipalityId: muni.id, regionId: muni.regionId };
    headUser = await ctx.newUser({ role: 'org_head', organizationId: school.id, ...at });
    menteeUser = await ctx.newUser({ role: 'teacher', personId: ids.mentee, organizationId: school.id });
    mentorUser = await ctx.newUser({ role: 'teacher', personId: ids.mentor, organizationId: school.id });
    await generateRoutes(db, SYSTEM_ACTOR, {
      frameworkId: f!.id,
      personIds: [ids.mentee],
      today: '2026-09-01',
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the head confirms the suggested mentor; the finished pair and the next diagnosis close the item', async () => {
    // The teacher's route proposes the mentor, awaiting the head.
    const teacher = await newPage(browser, t.baseUrl);
    await signIn(teacher.page, menteeUser);
    await teacher.page.getByRole('link', { name: 'Мой маршрут' }).click();
    const item = teacher.page.getByRole('article', { name: /^Наставничество:/ });
    await expectContains(item.getByTestId('item-mentor'), 'Наставникова');
    await expectContains(item.getByTestId('item-mentor'), 'ждёт подтверждения руководителя школы');
    await expectContains(item.getByTestId('item-reason'), 'Предложен наставник Наставникова');

    // The head confirms it on the mentoring page.
    const head = await newPage(browser, t.baseUrl);
    await signIn(head.page, headUser);
    await head.page.getByRole('link', { name: 'Наставничество', exact: true }).click();
    await head.page.waitForURL(/\/mentoring$/);
    const suggestions = head.page.getByRole('table', { name: 'Предложения наставников' });
    await expectContains(suggestions, 'Молодова');
    await expectContains(suggestions, 'Формирующее оценивание');
    await expectContains(suggestions, 'МЕТ-01');
    await expectContains(suggestions, 'работает в той же школе');
    await shot(head.page, 'mentor-route-suggestions');
    await suggestions.getByRole('button', { name: 'Подтвердить' }).click();
    await expectContains(head.page.getByRole('table', { name: 'Пары и группы наставничества' }), 'Молодова');
    await expectCount(head.page.getByRole('table', { name: 'Предложения наставников' }), 0);

    // The pair works: a meeting held, the mentee's report; the head finishes it, the goal reached.
    const api = await t.login(headUser);
    const [link] = await t.db.query<{ mentorship_id: string }>(sql`
      SELECT mentorship_id FROM learning_route_items WHERE activity_kind = 'mentoring' AND mentorship_id IS NOT NULL`);
    const pairId = link!.mentorship_id;
    const mentor = await t.login(mentorUser);
    const plan = await mentor.post(`/api/mentoring/pairs/${pairId}/plan`, {
      kind: 'meeting',
      plannedOn: today(),
      topic: 'Разбор урока с приёмами формирующего оценивания',
    });
    expect(plan.status).toBe(201);
    const meeting = plan.body.plan[0].id as string;
    expect((await mentor.patch(`/api/mentoring/plan-items/${meeting}`, { done: true })).status).toBe(200);
    const mentee = await t.login(menteeUser);
    const report = await mentee.post(`/api/mentoring/pairs/${pairId}/reports`, {
      text: 'Посетила три урока наставника, провела два урока с листами самооценки.',
      reportedOn: today(),
    });
    expect(report.status).toBe(201);
    const card = await api.get(`/api/mentoring/pairs/${pairId}`);
    const finished = await api.post(`/api/mentoring/pairs/${pairId}/finish`, {
      finishedOn: today(),
      reason: 'completed',
      outcomes: card.body.goals.map((g: { id: string }) => ({ goalId: g.id, outcome: 'reached' })),
    });
    expect(finished.status).toBe(200);
    // The next diagnosis: the competency is no longer a deficit.
    await t.db.query(sql`
      INSERT INTO competency_results (person_id, competency_id, source, assessed_on, percent)
      VALUES (${ids.mentee}, ${ids.competency}, 'import', '2027-05-15', 78)`);

    await teacher.page.reload();
    const done = teacher.page.getByRole('article', { name: /^Наставничество:/ });
    await expectContains(done.getByTestId('item-mentor'), 'наставничество завершено');
    await expectContains(done.getByTestId('item-evidence'), 'наставник — Наставникова');
    await expectContains(done.getByTestId('item-evidence'), 'цель достигнута');
    const effect = teacher.page.getByRole('table', { name: 'Эффект маршрута' });
    await expectContains(effect, 'дефицит закрыт');
    await expectContains(effect, '78');
    await shot(teacher.page, 'mentor-route-teacher');
    await head.context.close();
    await teacher.context.close();
  });
});
