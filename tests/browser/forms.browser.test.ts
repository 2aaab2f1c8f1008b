import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/database.ts';
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
 * Data collection end to end: a methodist builds a form and assigns it to one school; the school
 * head finds it in «Формы для заполнения», the draft saves itself, submitting shows the field
 * messages, the corrected form goes in; the methodist opens the answer and accepts it.
 */
describe('data-collection form from the builder to an accepted answer', () => {
  let t: TestApp;
  let browser: Browser;
  let methodist: { email: string; password: string };
  let head: { email: string; password: string };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const muni = await t.ctx.newMunicipality();
    const school = await t.ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «СОШ № 7»' });
    await t.ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «СОШ № 8»' });
    methodist = await t.ctx.newUser({ role: 'municipal_methodist', municipalityId: muni.id });
    head = await t.ctx.newUser({ role: 'org_head', organizationId: school.id });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('build, assign, fill with autosave, submit with messages, accept', async () => {
    // 1. The methodist builds a form with two fields.
    const m = await newPage(browser, t.baseUrl);
    await signIn(m.page, methodist);
    await m.page.getByRole('link', { name: 'Формы сбора данных', exact: true }).click();
    await m.page.getByText('Форм пока нет').waitFor();
    await m.page.getByRole('link', { name: 'Новая форма' }).first().click();
    await m.page.getByLabel('Название формы').fill('Наставничество');
    await m.page.getByLabel('Название поля 1').fill('Число наставников');
    await m.page.getByLabel('Код поля 1').fill('mentors');
    await m.page.getByRole('combobox', { name: 'Ручная мера поля 1' }).fill('mentoring.mentors');
    await m.page.getByRole('button', { name: 'Добавить поле' }).click();
    await m.page.getByLabel('Название поля 2').fill('Есть план наставничества');
    await m.page.getByLabel('Код поля 2').fill('has_plan');
    await m.page.getByLabel('Тип поля 2').selectOption('boolean');
    await shot(m.page, 'forms-1-builder');
    await m.page.getByRole('button', { name: 'Создать форму' }).click();
    await expectText(m.page.getByRole('heading', { level: 1 }), 'Наставничество');

    // 2. …and assigns it to one school of the municipality.
    await m.page.getByRole('button', { name: 'Назначить организациям' }).click();
    const dialog = m.page.getByRole('dialog', { name: 'Назначить форму организациям' });
    await dialog.getByLabel('Название сбора').fill('Наставничество, 2026');
    await dialog.getByLabel('Начало периода').fill('2026-01-01');
    await dialog.getByLabel('Окончание периода').fill('2026-12-31');
    await dialog.getByLabel('Срок сдачи').fill('2099-12-20');
    await dialog.getByRole('combobox', { name: 'Организации' }).click();
    await m.page.getByRole('option', { name: 'МБОУ «СОШ № 7»' }).click();
    await dialog.getByLabel('Название сбора').click(); // closes the dropdown
    await dialog.getByRole('button', { name: 'Назначить' }).click();
    await expectText(m.page.getByRole('heading', { level: 1 }), 'Наставничество, 2026');
    const orgs = m.page.getByRole('table', { name: 'Организации' });
    await expectContains(orgs, 'МБОУ «СОШ № 7»');
    await expectContains(orgs, 'не начата');
    expect(await orgs.textContent()).not.toContain('СОШ № 8');

    // 3. The school head fills it: the draft saves itself, submit shows the field messages.
    const h = await newPage(browser, t.baseUrl);
    await signIn(h.page, head);
    await h.page.getByRole('link', { name: 'Формы для заполнения', exact: true }).click();
    await h.page.getByRole('link', { name: 'Наставничество, 2026' }).click();
    await h.page.getByLabel('Число наставников').fill('2,5');
    await expectContains(h.page.getByRole('status').filter({ hasText: 'Сохранено' }), 'Сохранено');
    await expectText(h.page.getByTestId('submission-status'), 'черновик');
    const [saved] = await t.db.query<{ values: Record<string, unknown>; status: string }>(
      sql`SELECT values, status::text AS status FROM form_submissions`,
    );
    expect(saved).toEqual({ values: { mentors: '2,5' }, status: 'draft' });
    // Another window saves in between: the next autosave meets a conflict, what was typed stays.
    const other = await t.login(head);
    const [cur] = await t.db.query<{ id: string; version: number }>(
      sql`SELECT id, version FROM form_submissions`,
    );
    const theirs = await other.put(`/api/form-submissions/${cur!.id}`, {
      values: { mentors: '7' },
      version: cur!.version,
    });
    expect(theirs.status).toBe(200);
    await h.page.getByLabel('Число наставников').fill('1,5');
    const merge = h.page.getByRole('alert').filter({ hasText: 'Форму сохранили в другом окне' });
    await expectContains(merge, 'Число наставников (сохранено: 7)');
    expect(await h.page.getByLabel('Число наставников').inputValue()).toBe('1,5');
    await shot(h.page, 'forms-2-merge');
    await merge.getByRole('button', { name: 'Сохранить мои значения' }).click();
    await expect
      .poll(
        async () =>
          (await t.db.query<{ v: string }>(sql`SELECT values->>'mentors' AS v FROM form_submissions`))[0]!.v,
      )
      .toBe('1,5');
    await h.page.getByRole('button', { name: 'Отправить методисту' }).click();
    await h.page.getByText('Введите целое число').waitFor();
    await h.page.getByText('Обязательное поле').waitFor();
    await shot(h.page, 'forms-2-messages');
    await h.page.getByLabel('Число наставников').fill('3');
    await h.page.getByText('да', { exact: true }).click();
    await h.page.getByRole('button', { name: 'Отправить методисту' }).click();
    await h.page.getByText(/ждёт проверки методистом/).waitFor();

    // 4. The methodist opens the answer and accepts it.
    await m.page.reload();
    await expectContains(orgs, 'на проверке');
    await m.page.getByRole('button', { name: 'Открыть ответ: МБОУ «СОШ № 7»' }).click();
    const review = m.page.getByRole('dialog', { name: 'МБОУ «СОШ № 7»' });
    await expectContains(review.getByRole('table', { name: 'Значения формы' }), 'Число наставников3');
    await expectContains(review.getByRole('table', { name: 'Значения формы' }), 'да');
    await review.getByRole('button', { name: 'Принять' }).click();
    await expectContains(orgs, 'принята');
    await shot(m.page, 'forms-3-accepted');
    const [row] = await t.db.query<{ values: Record<string, unknown>; status: string }>(
      sql`SELECT values, status::text AS status FROM form_submissions`,
    );
    expect(row).toEqual({ values: { mentors: 3, has_plan: true }, status: 'accepted' });
  });
});
