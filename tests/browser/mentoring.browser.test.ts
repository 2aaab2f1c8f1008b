import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCompetencies } from '../../src/catalog/catalog.test-data.ts';
import { sql } from '../../src/platform/db/database.ts';
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
 * The school head creates a mentoring program on the page, a pair is opened, the pair page shows
 * the goal's result before and at the next diagnosis; the mentee finds the pair under
 * «Моё наставничество» and writes a report. Dates are fixed (2026–2027).
 */
describe('mentoring: the head’s page, the pair page, the mentee’s section', () => {
  let t: TestApp;
  let browser: Browser;
  let headUser: { email: string; password: string };
  let menteeUser: { email: string; password: string };
  const ids: Record<'school' | 'mentor' | 'mentee' | 'competency', string> = {
    school: '',
    mentor: '',
    mentee: '',
    competency: '',
  };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const muni = await t.ctx.newMunicipality({ name: 'г. Зима' });
    const school = await t.ctx.newOrg({ municipalityId: muni.id });
    ids.school = school.id;
    ids.mentor = (await t.ctx.newPerson({ organizationId: school.id, lastName: 'Наставникова' })).id;
    ids.mentee = (
      await t.ctx.newPerson({
        organizationId: school.id,
        lastName: 'Молодова',
        birthDate: '2001-04-01',
        pedExperienceYears: 1,
      })
    ).id;
    await insertCompetencies(t.db, ['MB1'], 'MBTEST');
    const [c] = await t.db.query<{ id: string }>(sql`SELECT id FROM competencies WHERE code = 'MB1'`);
    ids.competency = c!.id;
    await t.db.query(sql`
      INSERT INTO competency_results (person_id, competency_id, source, assessed_on, percent)
      VALUES (${ids.mentee}, ${ids.competency}, 'import', '2026-05-01', 35)`);
    const at = { municipalityId: muni.id, regionId: muni.regionId };
    headUser = await t.ctx.newUser({ role: 'org_head', organizationId: school.id, ...at });
    menteeUser = await t.ctx.newUser({ role: 'teacher', personId: ids.mentee, organizationId: school.id });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('creates a program on the page, shows a pair with before/after, and the mentee reports', async () => {
    const { context, page } = await newPage(browser, t.baseUrl);
    await signIn(page, headUser);
    await page.getByRole('link', { name: 'Наставничество', exact: true }).click();
    await page.waitForURL(/\/mentoring$/);
    await page.getByRole('button', { name: 'Новая программа' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Название').fill('Адаптация молодых педагогов');
    await dialog.getByLabel('Начало').fill('2026-09-01');
    await dialog.getByLabel('Приказ о назначении наставников, №').fill('112-од');
    await dialog.getByRole('button', { name: 'Создать' }).click();
    const programs = page.getByRole('table', { name: 'Программы наставничества' });
    await expectContains(programs, 'Адаптация молодых педагогов');
    await expectContains(programs, '№ 112-од');

    // The mentor, the pair, a goal and the next diagnosis through the API.
    const head = await t.login(headUser);
    const list = await head.get('/api/mentoring/programs');
    const programId = list.body.items[0].id as string;
    const card = await head.post(`/api/mentoring/programs/${programId}/mentors`, {
      personId: ids.mentor,
      capacity: 2,
    });
    const pair = await head.post(`/api/mentoring/programs/${programId}/pairs`, {
      mentorId: card.body.mentors[0].id,
      menteePersonIds: [ids.mentee],
      form: 'experienced_young',
      startedOn: '2026-09-10',
    });
    expect(pair.status).toBe(201);
    const goal = await head.post(`/api/mentoring/pairs/${pair.body.id}/goals`, {
      menteePersonId: ids.mentee,
      competencyId: ids.competency,
    });
    expect(goal.status).toBe(201);
    await t.db.query(sql`
      INSERT INTO competency_results (person_id, competency_id, source, assessed_on, percent)
      VALUES (${ids.mentee}, ${ids.competency}, 'import', '2026-12-01', 70)`);

    await page.reload();
    const mentors = page.getByRole('table', { name: 'Наставники и загрузка' });
    await expectContains(mentors, '1 / 2');
    const pairs = page.getByRole('table', { name: 'Пары и группы наставничества' });
    await expectContains(pairs, 'Молодова');
    await shot(page, 'mentoring-head');
    await pairs.getByRole('link', { name: /Наставникова/ }).click();
    const goals = page.getByRole('table', { name: 'Цели наставничества' });
    await expectContains(goals, '35 %');
    await expectContains(goals, '70 %');
    await expectContains(goals, 'Дефицит закрыт');
    await shot(page, 'mentoring-pair');
    await context.close();

    const mentee = await newPage(browser, t.baseUrl);
    await signIn(mentee.page, menteeUser);
    await expectCount(mentee.page.getByRole('link', { name: 'Наставничество', exact: true }), 0);
    await mentee.page.getByRole('link', { name: 'Моё наставничество' }).click();
    const mine = mentee.page.getByRole('table', { name: 'Наставник' });
    await expectContains(mine, 'Наставникова');
    await mine.getByRole('link', { name: /Наставникова/ }).click();
    await mentee.page.getByRole('button', { name: 'Написать отчёт' }).click();
    const form = mentee.page.getByRole('dialog');
    await form.getByLabel('Текст').fill('Посетила три урока наставника.');
    await form.getByRole('button', { name: 'Сохранить' }).click();
    await expectContains(mentee.page.getByRole('region', { name: 'Отчёты' }), 'Отчёт наставляемого');
    await expectCount(mentee.page.getByRole('button', { name: 'Завершить наставничество' }), 0);
    await shot(mentee.page, 'mentoring-mentee');
    await mentee.context.close();
  });
});
