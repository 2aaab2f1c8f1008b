import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/platform/auth/actor.ts';
import { sql } from '../../src/platform/db/database.ts';
import { generateRoutes } from '../../src/routes/generation/generation.service.ts';
import { insertFramework, insertResult } from '../../src/routes/routes.test-data.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { expectContains, launchBrowser, newPage, shot, signIn, startBrowserApp } from './helpers.ts';

/**
 * Issue 13's journey, through the screens: a methodist creates an event for young teachers that
 * addresses a competency; the route generator (run for a fixed «today», 2998-12-01) puts it into a
 * young teacher's route; the teacher registers from the route; the organizer ticks her on the
 * phone-sized check-in list; the certificate downloads and verifies on the public page, and the
 * route item is done with the certificate as its evidence. The event is dated 2999-01-10, so
 * registration is open whatever the real today.
 */
describe('an event in a route: from the plan to a done item with a certificate', () => {
  let t: TestApp;
  let browser: Browser;
  let methodist: { email: string; password: string };
  let head: { email: string; password: string };
  let teacher: { email: string; password: string };
  let teacherPersonId: string;
  let frameworkId: string;
  let code: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const muni = await t.ctx.newMunicipality({ name: 'г. Зима' });
    const school = await t.ctx.newOrg({ municipalityId: muni.id });
    const at = { municipalityId: muni.id, regionId: muni.regionId };
    methodist = await t.ctx.newUser({ role: 'municipal_methodist', ...at });
    head = await t.ctx.newUser({ role: 'municipal_head', ...at });
    // A young specialist (under 35, in the first three years) with a deficit in one competency.
    const young = await t.ctx.newPerson({
      organizationId: school.id,
      lastName: 'Морозова',
      birthDate: '2972-03-01',
      pedExperienceYears: 1,
    });
    teacherPersonId = young.id;
    // Young as of the generator's «today» (2998) and the real one: her year of experience counts from 2998.
    await t.db.query(sql`UPDATE people SET ped_experience_as_of = '2998-09-01' WHERE id = ${young.id}`);
    teacher = await t.ctx.newUser({ role: 'teacher', personId: young.id, organizationId: school.id });
    code = `FA-${Math.random().toString(36).slice(2, 7).toUpperCase()}`;
    const framework = await insertFramework(t.db, [code]);
    frameworkId = framework.frameworkId;
    await insertResult(t.db, {
      personId: young.id,
      competencyId: framework.competencies[code]!,
      percent: 32,
      assessedOn: '2998-10-01',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a methodist creates the event for young teachers; it comes into the route; she registers from it', async () => {
    const { context, page } = await newPage(browser, t.baseUrl);
    await signIn(page, methodist);
    await page.getByRole('link', { name: 'Мероприятия' }).click();
    await page.getByRole('button', { name: 'Создать план' }).click();
    await page.getByLabel('Учебный год начинается в').fill('2998');
    await page.getByRole('button', { name: 'Создать', exact: true }).click();
    await page.waitForURL(/\/events\/plans\//);
    await page.getByRole('button', { name: 'Добавить мероприятие' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Название').fill('Школа молодого педагога: формирующее оценивание');
    await dialog.getByLabel('Дата начала').fill('2999-01-10');
    await dialog.getByLabel('Время начала').fill('15:00');
    await dialog.getByLabel('Регистрация открывается').fill('2000-01-01');
    await dialog.getByLabel('Только молодые специалисты').check();
    await dialog.getByLabel('Компетенции').click();
    await page.getByRole('option', { name: new RegExp(code.replace('-', '.')) }).click();
    await dialog.getByLabel('Название').click();
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
    await expectContains(page.getByRole('heading', { level: 1 }), 'Школа молодого педагога');
    await expectContains(page.locator('body'), '10.01.2999, 15:00');
    await context.close();

    const api = await t.login(head);
    const [plan] = (await api.get('/api/event-plans')).body.items;
    expect((await api.post(`/api/event-plans/${plan.id}/approve`)).status).toBe(200);
    const result = await generateRoutes(t.db, SYSTEM_ACTOR, {
      frameworkId,
      personIds: [teacherPersonId],
      today: '2998-12-01',
    });
    expect(result.routesCreated).toBe(1);

    const me = await newPage(browser, t.baseUrl);
    await signIn(me.page, teacher);
    await me.page.goto('/my/route');
    const item = me.page.getByTestId('item-event');
    await expectContains(item, 'Школа молодого педагога: формирующее оценивание');
    await me.page.getByTestId('item-event-register').click();
    await expectContains(me.page.getByTestId('item-event-registration'), 'зарегистрирован');
    await shot(me.page, 'events-route-registered');
    await me.context.close();
  });

  it('the organizer checks her in; the certificate verifies and the route item is done', async () => {
    const phone = await newPage(browser, t.baseUrl);
    await phone.page.setViewportSize({ width: 390, height: 844 });
    await signIn(phone.page, methodist);
    const api = await t.login(methodist);
    const [plan] = (await api.get('/api/event-plans')).body.items;
    const [event] = (await api.get(`/api/event-plans/${plan.id}/events`)).body.items;
    await phone.page.goto(`/events/${event.id}/check-in`);
    await phone.page.getByRole('checkbox', { name: /Морозова/ }).check();
    await expectContains(phone.page.getByTestId('check-in-row').first(), 'сертификат');
    await phone.context.close();

    const me = await newPage(browser, t.baseUrl);
    await signIn(me.page, teacher);
    await me.page.goto('/my/route');
    // The item closed itself: done and confirmed by the attendance, the certificate its evidence.
    await expectContains(me.page.getByTestId('item-evidence'), 'МР-2999-');
    await expectContains(me.page.getByTestId('item-event-registration'), 'присутствие подтверждено');
    await shot(me.page, 'events-route-item-done');

    await me.page.getByRole('link', { name: 'Мероприятия' }).click();
    const certificates = me.page.getByRole('table', { name: 'Мои сертификаты' });
    await expectContains(certificates, 'Сертификат участника');
    const [download] = await Promise.all([
      me.page.waitForEvent('download'),
      certificates.getByRole('link', { name: 'Скачать PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sertifikat-MR-2999-\d{6}\.pdf$/);
    const verifyHref = await certificates.getByRole('link', { name: 'Проверка' }).getAttribute('href');
    await me.context.close();

    const anon = await newPage(browser, t.baseUrl);
    await anon.page.goto(verifyHref!);
    await expectContains(anon.page.getByTestId('certificate-status'), 'действителен');
    await expectContains(anon.page.getByRole('table', { name: 'Сведения сертификата' }), 'Морозова');
    await anon.context.close();

    const [row] = await t.db.query<{ status: string; confirmed: boolean; kind: string }>(sql`
      SELECT i.status::text, i.confirmed_at IS NOT NULL AS confirmed, i.evidence ->> 'kind' AS kind
      FROM learning_route_items i JOIN learning_routes r ON r.id = i.route_id
      WHERE r.person_id = ${teacherPersonId} AND i.activity_kind = 'event'`);
    expect(row).toEqual({ status: 'done', confirmed: true, kind: 'certificate' });
  });
});
