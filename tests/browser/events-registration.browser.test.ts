import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
 * A methodist drafts the plan and adds an event in the browser; the head of the education
 * department approves it; a teacher of the territory registers from the event's page.
 * The event is dated 2999, so registration is open whatever the real today. Then the organizer
 * ticks the teacher on the phone-sized check-in list, and the certificate downloads and verifies.
 */
describe('the plan of events: a methodist creates an event, a teacher registers', () => {
  let t: TestApp;
  let browser: Browser;
  let methodist: { email: string; password: string };
  let teacher: { email: string; password: string };
  let head: { email: string; password: string };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const muni = await t.ctx.newMunicipality({ name: 'г. Зима' });
    const school = await t.ctx.newOrg({ municipalityId: muni.id });
    const person = await t.ctx.newPerson({ organizationId: school.id, lastName: 'Смирнова' });
    const at = { municipalityId: muni.id, regionId: muni.regionId };
    methodist = await t.ctx.newUser({ role: 'municipal_methodist', ...at });
    head = await t.ctx.newUser({ role: 'municipal_head', ...at });
    teacher = await t.ctx.newUser({ role: 'teacher', personId: person.id, organizationId: school.id });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('goes from an empty plan to a registered teacher', async () => {
    const { context, page } = await newPage(browser, t.baseUrl);
    await signIn(page, methodist);
    await page.getByRole('link', { name: 'Мероприятия' }).click();
    await expectContains(page.getByRole('status').first(), 'Планов мероприятий пока нет');
    await page.getByRole('button', { name: 'Создать план' }).click();
    await page.getByLabel('Учебный год начинается в').fill('2026');
    await page.getByRole('button', { name: 'Создать', exact: true }).click();
    await page.waitForURL(/\/events\/plans\//);
    await expectContains(page.getByRole('status').first(), 'В плане пока нет мероприятий');

    await page.getByRole('button', { name: 'Добавить мероприятие' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Название').fill('Семинар для молодых педагогов');
    await dialog.getByLabel('Дата начала').fill('2999-01-10');
    await dialog.getByLabel('Прогнозируемый результат (как в плане)').fill('Не менее 70 % молодых педагогов');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
    await expectContains(page.getByRole('heading', { level: 1 }), 'Семинар для молодых педагогов');
    await shot(page, 'events-event-organizer');
    await context.close();

    const api = await t.login(head);
    const plans = await api.get('/api/event-plans');
    expect((await api.post(`/api/event-plans/${plans.body.items[0].id}/approve`)).status).toBe(200);

    const teacherPage = await newPage(browser, t.baseUrl);
    await signIn(teacherPage.page, teacher);
    await teacherPage.page.getByRole('link', { name: 'Мероприятия' }).click();
    await teacherPage.page.getByRole('link', { name: /План муниципальных методических мероприятий/ }).click();
    await teacherPage.page
      .getByRole('table', { name: 'Мероприятия плана' })
      .getByRole('link', { name: 'Семинар для молодых педагогов' })
      .click();
    await teacherPage.page.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await expectContains(
      teacherPage.page.getByRole('alert').or(teacherPage.page.getByRole('status')).first(),
      'Вы зарегистрированы',
    );
    await expectContains(teacherPage.page.getByTestId('my-registration'), 'зарегистрирован');
    await expectCount(teacherPage.page.getByRole('button', { name: 'Отменить регистрацию' }), 1);
    await shot(teacherPage.page, 'events-event-teacher');
    await teacherPage.context.close();
  });

  it('goes on: the organizer ticks attendance on a phone, the teacher downloads and verifies the certificate', async () => {
    const { context, page } = await newPage(browser, t.baseUrl);
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, methodist);
    const api = await t.login(methodist);
    const [plan] = (await api.get('/api/event-plans')).body.items;
    const [event] = (await api.get(`/api/event-plans/${plan.id}/events`)).body.items;
    await page.goto(`/events/${event.id}/check-in`);
    const tick = page.getByRole('checkbox', { name: /Смирнова/ });
    await tick.check();
    await expectContains(page.getByTestId('check-in-row').first(), 'сертификат');
    await shot(page, 'events-check-in-phone');
    await context.close();

    const teacherPage = await newPage(browser, t.baseUrl);
    await signIn(teacherPage.page, teacher);
    await teacherPage.page.getByRole('link', { name: 'Мероприятия' }).click();
    const certificates = teacherPage.page.getByRole('table', { name: 'Мои сертификаты' });
    await expectContains(certificates, 'Сертификат участника');
    const [download] = await Promise.all([
      teacherPage.page.waitForEvent('download'),
      certificates.getByRole('link', { name: 'Скачать PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sertifikat-MR-2999-\d{6}\.pdf$/);
    const verifyHref = await certificates.getByRole('link', { name: 'Проверка' }).getAttribute('href');
    await teacherPage.context.close();

    // The verification page needs no login.
    const anon = await newPage(browser, t.baseUrl);
    await anon.page.goto(verifyHref!);
    await expectContains(anon.page.getByTestId('certificate-status'), 'действителен');
    await expectContains(anon.page.getByRole('table', { name: 'Сведения сертификата' }), 'Смирнова');
    await expectContains(
      anon.page.getByRole('table', { name: 'Сведения сертификата' }),
      'Семинар для молодых педагогов',
    );
    await shot(anon.page, 'events-certificate-verify');
    await anon.page.goto('/verify/МР-2999-000001-AAAAAAAAAA');
    await expectContains(anon.page.getByRole('alert'), 'Сертификат не найден');
    await anon.context.close();
  });
});
