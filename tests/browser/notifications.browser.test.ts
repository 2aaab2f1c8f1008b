import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { waitForJobs } from '../../src/platform/jobs/jobs.queue.ts';
import type { TestApp } from '../helpers/test-app.ts';
import {
  expectContains,
  expectText,
  launchBrowser,
  newPage,
  shot,
  signIn,
  startBrowserApp,
} from './helpers.ts';

/**
 * Notifications in the browser: a form is assigned to a school; its head sees the bell's count,
 * opens the notification from the bell and lands on the form, finds the list empty of unread ones
 * and chooses the digest for a kind; the admin reads the letter in the outbox (no SMTP server here).
 */
describe('notifications: the bell, the list, the preferences, the outbox', () => {
  let t: TestApp;
  let browser: Browser;
  let head: { email: string; password: string };
  let admin: { email: string; password: string };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const muni = await t.ctx.newMunicipality();
    const school = await t.ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «СОШ № 3»' });
    const methodist = await t.ctx.newUser({
      role: 'municipal_methodist',
      regionId: muni.regionId,
      municipalityId: muni.id,
    });
    head = await t.ctx.newUser({ role: 'org_head', organizationId: school.id });
    admin = await t.ctx.newUser({ role: 'admin' });
    const m = await t.login(methodist);
    const form = await m.post('/api/forms', {
      name: 'Кадры',
      fields: [{ code: 'staff', label: 'Число педагогов', type: 'integer', required: true, min: 0 }],
    });
    await m.post(`/api/forms/${form.body.id}/assignments`, {
      title: 'Кадры на 1 сентября',
      periodStart: '2030-09-01',
      periodEnd: '2030-09-01',
      dueOn: '2030-09-15',
      organizationIds: [school.id],
    });
    for (let i = 0; i < 3; i++) await waitForJobs(t.db);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the head opens the notification from the bell, then chooses the digest for a kind', async () => {
    const { page } = await newPage(browser, t.baseUrl);
    await signIn(page, head);
    const bell = page.getByRole('button', { name: 'Уведомления: 1 непрочитанное' });
    await bell.click();
    await expectContains(page.getByRole('dialog'), 'Назначена форма «Кадры на 1 сентября»');
    await shot(page, 'notifications-1-bell');
    await page.getByRole('button', { name: /Назначена форма «Кадры на 1 сентября»/ }).click();
    await page.waitForURL(/\/monitoring\/my-forms\//);
    await page.getByRole('button', { name: 'Уведомления: новых нет' }).waitFor();

    await page.getByRole('link', { name: 'Уведомления', exact: true }).click();
    await expectText(page.getByRole('heading', { level: 1 }), 'Уведомления');
    await expectContains(
      page.getByRole('article'),
      'Организация: МБОУ «СОШ № 3». Заполните и отправьте форму до 15.09.2030.',
    );
    await shot(page, 'notifications-2-list');
    await page.locator('label', { hasText: /^Непрочитанные$/ }).click();
    await page.getByText('Непрочитанных уведомлений нет').waitFor();

    await page.getByRole('tab', { name: 'Настройка почты' }).click();
    await page.getByText('Почта пока не отправляется').waitFor();
    await page.getByLabel('Назначена форма сбора данных: на почту').selectOption('digest');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Настройки сохранены.').waitFor();
    await shot(page, 'notifications-3-preferences');
  });

  it('the admin reads the unsent letter in the outbox', async () => {
    const { page } = await newPage(browser, t.baseUrl);
    await signIn(page, admin);
    await page.goto('/notifications?tab=outbox');
    const table = page.getByRole('table', { name: 'Почтовый журнал' });
    await expectContains(table, 'Маршрут: Назначена форма «Кадры на 1 сентября»');
    await expectContains(table, 'не отправлено: почтовый сервер не настроен');
    await page.getByRole('button', { name: 'Показать текст' }).click();
    await expectContains(table, 'Здравствуйте');
    await shot(page, 'notifications-4-outbox');
  });
});
