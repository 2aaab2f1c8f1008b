import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/database.ts';
import { insertRoute } from '../../src/routes/routes.test-data.ts';
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
 * A teacher opens the calendar of October 2026 (the day is in the address, so nothing depends on
 * today), opens an event from the month grid, sees their own calendar as a list, and subscribes:
 * the link shown opens an iCal feed.
 */
describe('the calendar of events: month, personal list, subscription', () => {
  let t: TestApp;
  let browser: Browser;
  let teacher: { email: string; password: string };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const muni = await t.ctx.newMunicipality({ name: 'г. Зима' });
    const school = await t.ctx.newOrg({ municipalityId: muni.id });
    const person = await t.ctx.newPerson({ organizationId: school.id, lastName: 'Смирнова' });
    const at = { municipalityId: muni.id, regionId: muni.regionId };
    const methodist = await t.login(await t.ctx.newUser({ role: 'municipal_methodist', ...at }));
    const head = await t.login(await t.ctx.newUser({ role: 'municipal_head', ...at }));
    teacher = await t.ctx.newUser({ role: 'teacher', personId: person.id, organizationId: school.id });
    const plan = (await methodist.post('/api/event-plans', { schoolYear: 2026 })).body.id;
    const add = async (body: Record<string, unknown>) =>
      (await methodist.post(`/api/event-plans/${plan}/events`, { level: 'municipal', ...body })).body.id;
    ids.seminar = await add({
      title: 'Семинар учителей математики',
      kind: 'seminar',
      startsOn: '2026-10-15',
    });
    ids.week = await add({
      title: 'Методическая неделя',
      kind: 'methodical_week',
      startsOn: '2026-10-19',
      endsOn: '2026-10-23',
    });
    expect((await head.post(`/api/event-plans/${plan}/approve`)).status).toBe(200);
    await t.db.query(sql`INSERT INTO event_registrations (event_id, person_id, status, source)
      VALUES (${ids.seminar!}, ${person.id}, 'confirmed', 'self')`);
    const route = await insertRoute(t.db, {
      personId: person.id,
      status: 'in_progress',
      items: [{ title: 'Самообразование: функциональная грамотность' }],
    });
    await t.db.query(sql`UPDATE learning_route_items SET planned_start = '2026-10-05', planned_end = '2026-10-09'
      WHERE id = ${route.itemIds[0]!}`);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('opens an event from the month, lists the personal calendar and gives a feed link', async () => {
    const { context, page } = await newPage(browser, t.baseUrl);
    await signIn(page, teacher);
    await page.getByRole('link', { name: 'Календарь мероприятий' }).click();
    await page.waitForURL(/\/calendar/);
    await page.goto('/calendar?at=2026-10-15');
    await expectContains(page.getByText('Октябрь 2026').first(), 'Октябрь 2026');
    const grid = page.getByRole('grid', { name: 'Календарь на месяц' });
    // The week-long event shows on each of its five days.
    await expectCount(grid.getByRole('link', { name: 'Методическая неделя' }), 5);
    await shot(page, 'events-calendar-month');
    await grid.getByRole('link', { name: 'Семинар учителей математики' }).click();
    await page.waitForURL(new RegExp(`/events/${ids.seminar}$`));
    await expectContains(page.getByRole('heading', { level: 1 }), 'Семинар учителей математики');

    await page.goto('/calendar?at=2026-10-01&scope=mine&view=list');
    const list = page.getByRole('table', { name: 'Список мероприятий' });
    await expectContains(list, 'Самообразование: функциональная грамотность');
    await expectContains(list, 'Семинар учителей математики');
    await expectContains(list, 'зарегистрирован');
    await expectCount(list.getByText('Методическая неделя'), 0);
    await shot(page, 'events-calendar-mine');

    await page.getByRole('button', { name: 'Подписаться в календаре' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Создать ссылку' }).click();
    const input = dialog.getByLabel('Ссылка на календарь');
    await expect
      .poll(() => input.inputValue(), { timeout: 30_000 })
      .toMatch(/\/api\/events\/calendar\/feed\/.+\.ics$/);
    await shot(page, 'events-calendar-subscribe');
    const url = await input.inputValue();
    const feed = await fetch(url);
    expect(feed.status).toBe(200);
    const text = await feed.text();
    expect(text).toContain(`UID:event-${ids.seminar}@marshrut`);
    expect(text).not.toContain(ids.week);
    await context.close();
  });
});
