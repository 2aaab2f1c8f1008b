import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.ts';
import { expectContains, launchBrowser, newPage, shot, signIn, startBrowserApp } from './helpers.ts';

/**
 * A contest in the browser: a juror fills the score sheet, the organizer accepts the suggested
 * outcomes and publishes, the participant sees the result and the diploma; then the participant's
 * QR code opens the organizer's phone page that marks the attendance. Dated 2999.
 */
describe('a contest: scores, publication, diploma, QR check-in', () => {
  let t: TestApp;
  let browser: Browser;
  let methodist: { email: string; password: string };
  let teacher: { email: string; password: string };
  let juror: { email: string; password: string };
  let eventId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const muni = await t.ctx.newMunicipality({ name: 'г. Зима' });
    const school = await t.ctx.newOrg({ municipalityId: muni.id });
    const at = { municipalityId: muni.id, regionId: muni.regionId };
    methodist = await t.ctx.newUser({ role: 'municipal_methodist', ...at });
    const head = await t.ctx.newUser({ role: 'municipal_head', ...at });
    const p = await t.ctx.newPerson({ organizationId: school.id, lastName: 'Смирнова' });
    const j = await t.ctx.newPerson({ organizationId: school.id, lastName: 'Жюриева' });
    teacher = await t.ctx.newUser({ role: 'teacher', personId: p.id, organizationId: school.id });
    juror = await t.ctx.newUser({ role: 'teacher', personId: j.id, organizationId: school.id });
    const m = await t.login(methodist);
    const planId = (await m.post('/api/event-plans', { schoolYear: 2026 })).body.id;
    eventId = (
      await m.post(`/api/event-plans/${planId}/events`, {
        title: 'Конкурс «Педагогический дебют»',
        kind: 'contest',
        level: 'municipal',
        registrationOpensOn: '2000-01-01',
        registrationClosesOn: '2999-02-20',
        startsOn: '2999-03-01',
      })
    ).body.id;
    expect((await (await t.login(head)).post(`/api/event-plans/${planId}/approve`)).status).toBe(200);
    const tc = await t.login(teacher);
    const jc = await t.login(juror);
    await tc.post(`/api/events/${eventId}/register`);
    const jr = (await jc.post(`/api/events/${eventId}/register`)).body.id;
    await m.put(`/api/event-registrations/${jr}/role`, { role: 'jury' });
    const c = await m.post(`/api/events/${eventId}/contest/nominations`, { title: 'Урок' });
    await m.post(`/api/events/${eventId}/contest/criteria`, { title: 'Содержание', maxScore: 10 });
    await tc.post(`/api/events/${eventId}/contest/entries`, {
      nominationId: c.body.nominations[0].id,
      title: 'Урок «Дроби вокруг нас»',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('goes from a score sheet to a published result and a QR check-in', async () => {
    const jp = await newPage(browser, t.baseUrl);
    await signIn(jp.page, juror);
    await jp.page.goto(`/events/${eventId}/contest`);
    await jp.page.getByLabel('Содержание (0–10)').fill('8');
    await jp.page.getByRole('button', { name: 'Сохранить оценки' }).click();
    await expectContains(jp.page.getByRole('status').first(), 'Оценочный лист сохранён');
    await jp.context.close();

    const mp = await newPage(browser, t.baseUrl);
    await signIn(mp.page, methodist);
    await mp.page.goto(`/events/${eventId}`);
    await mp.page.getByRole('link', { name: /Конкурс: номинации/ }).click();
    await expectContains(mp.page.getByTestId('entry-row'), 'победитель');
    await mp.page.getByRole('button', { name: 'Принять предложенные итоги' }).click();
    await expectContains(mp.page.getByRole('status').first(), 'Итоги выставлены');
    mp.page.once('dialog', (d) => d.accept());
    await mp.page.getByRole('button', { name: 'Опубликовать итоги' }).click();
    await expectContains(mp.page.getByRole('status').first(), 'Итоги опубликованы, дипломы выданы.');
    await expectContains(mp.page.getByTestId('contest-results'), 'Урок «Дроби вокруг нас»');
    await shot(mp.page, 'events-contest-organizer');
    await mp.context.close();

    const phone = { viewport: { width: 375, height: 800 }, locale: 'ru-RU', baseURL: t.baseUrl };
    const tctx = await browser.newContext(phone);
    const tp = await tctx.newPage();
    await signIn(tp, teacher);
    await tp.goto(`/events/${eventId}/contest`);
    await expectContains(tp.getByTestId('my-entry'), 'Диплом МР-2999-');
    await tp.goto(`/events/${eventId}`);
    await tp.getByRole('button', { name: 'QR-код для отметки' }).click();
    await tp.getByTestId('check-in-qr').locator('svg').waitFor();
    const code = await (await t.login(teacher)).get('/api/my/event-registrations');
    const regId = code.body.items[0].id;
    const path = (await (await t.login(teacher)).get(`/api/event-registrations/${regId}/check-in-code`)).body
      .path;
    await tctx.close();

    const octx = await browser.newContext(phone);
    const op = await octx.newPage();
    await signIn(op, methodist);
    await op.goto(path);
    await expectContains(op.getByTestId('check-in-scan'), 'Смирнова');
    await op.getByRole('button', { name: 'Отметить присутствие' }).click();
    await expectContains(op.getByRole('status').first(), 'Присутствие отмечено');
    await shot(op, 'events-check-in-qr-phone');
    expect(await op.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await octx.close();
  });
});
