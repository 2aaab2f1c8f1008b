import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTable } from '../../src/platform/files/read-table.ts';
import { createAdmin } from '../../src/platform/users/bootstrap-admin.ts';
import { makeSnils } from '../helpers/factories.ts';
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
 * Journey: a first run with one's own data. An empty database without the demo, an administrator
 * made the way `marshrut admin create` makes one; in the browser they add the region and a
 * municipality, the first methodist, load a small organizations file and a small staff file from
 * the set-up page's links, invite the teachers, and watch the steps turn done.
 */
describe('first run with one’s own data', () => {
  let t: TestApp;
  let browser: Browser;
  const admin = { email: 'admin@zima.test', password: 'nachalo2026' };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    await createAdmin(t.db, { ...admin, fullName: 'Администратор' });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const ORGS = [
    'Код;Полное наименование;Краткое наименование;Тип;Муниципалитет',
    'ZSCH1;Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1»;МБОУ «СОШ № 1»;ОО;г. Зима',
    'ZDOO5;Муниципальное бюджетное дошкольное образовательное учреждение «Детский сад № 5»;МБДОУ «Детский сад № 5»;ДОО;Зиминский район',
  ].join('\r\n');

  const STAFF = [
    'Фамилия;Имя;Отчество;Дата рождения;Пол;СНИЛС;Организация;Должность;Вид занятости;Предметы;Нагрузка;Квалификационная категория;Дата присвоения категории',
    `Новикова;Анна;Сергеевна;12.04.1990;ж;${makeSnils(515_151)};ZSCH1;Учитель;основное;Математика;18;первая;10.01.2022`,
    `Орлов;Пётр;Ильич;03.07.1975;м;${makeSnils(626_262)};ZSCH1;Учитель;основное;Физика;20;высшая;15.03.2021`,
  ].join('\r\n');

  const step = (page: Page, title: string) => page.getByRole('listitem', { name: title, exact: true });
  const statusOf = (page: Page, title: string) => step(page, title).getByTestId('step-status');

  async function openSetup(page: Page) {
    await page
      .getByRole('navigation', { name: 'Основное меню' })
      .getByRole('link', { name: 'Начало работы' })
      .click();
    await page.getByRole('heading', { name: 'Начало работы', level: 1 }).waitFor();
  }

  async function importFile(page: Page, stepTitle: string, kindLabel: string, name: string, body: string) {
    await step(page, stepTitle).getByRole('link', { name: 'Загрузить таблицу' }).click();
    await page.getByRole('heading', { name: 'Импорт', level: 1 }).waitFor();
    // The set-up page's link preselects the kind.
    await expect.poll(() => page.getByRole('radio', { name: kindLabel }).isChecked()).toBe(true);
    await page.locator('input[type="file"]').setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${body}\r\n`, 'utf8'),
    });
    await page.getByRole('radio', { name: 'Загрузить (только если весь файл верен)' }).check();
    await page.getByRole('button', { name: 'Загрузить', exact: true }).click();
    await expectContains(page.getByRole('region', { name: 'Отчёт об импорте' }), 'Данные загружены');
  }

  it('sets up the region and a municipality, loads organizations and staff, invites the teachers', async () => {
    const { context, page } = await newPage(browser, t.baseUrl);
    await signIn(page, admin);
    // The home page of an empty installation points at the set-up.
    const card = page.getByRole('region', { name: 'Начало работы' });
    await expectContains(card, 'Начало работы: сделано 0 из 8');
    await expectContains(card, 'Следующий шаг — регион.');
    await openSetup(page);
    await expectText(page.getByTestId('setup-progress'), 'Сделано шагов: 0 из 8');
    await expectText(statusOf(page, 'Регион'), 'следующий шаг');
    await shot(page, 'first-run-1-empty');

    // 1. The region: its subject code comes by itself.
    await step(page, 'Регион').getByRole('button', { name: 'Добавить регион' }).click();
    const regionForm = page.getByRole('dialog', { name: 'Новый регион' });
    await regionForm.getByLabel('Название').fill('Иркутская область');
    await regionForm.getByRole('button', { name: 'Добавить регион' }).click();
    await expectText(statusOf(page, 'Регион'), 'готово');
    await expectContains(step(page, 'Регион'), 'Иркутская область');

    // 2. A municipality.
    await step(page, 'Муниципалитеты').getByRole('button', { name: 'Добавить муниципалитеты' }).click();
    const muniForm = page.getByRole('dialog', { name: 'Добавить муниципалитеты' });
    await muniForm.getByLabel('Названия муниципалитетов').fill('г. Зима');
    await muniForm.getByRole('button', { name: 'Добавить', exact: true }).click();
    await expectContains(muniForm, 'Добавлены: «г. Зима».');
    await muniForm.getByRole('button', { name: 'Готово', exact: true }).click();
    await expectText(statusOf(page, 'Муниципалитеты'), 'готово');

    // 3. The first methodist gets a link to set a password.
    await step(page, 'Первый методист')
      .getByRole('button', { name: 'Создать учётную запись методиста' })
      .click();
    const methodistForm = page.getByRole('dialog', { name: 'Учётная запись методиста' });
    await methodistForm.getByLabel('ФИО').fill('Петрова Ольга Ивановна');
    await methodistForm.getByLabel('Электронная почта (логин)').fill('metodist@zima.test');
    await methodistForm.getByRole('button', { name: 'Создать и получить ссылку' }).click();
    await expectContains(methodistForm, 'Ссылка для Петрова Ольга Ивановна');
    expect(await methodistForm.getByRole('textbox', { name: 'Ссылка' }).inputValue()).toMatch(
      /\/invite\/[\w-]{20,}$/,
    );
    await methodistForm.getByRole('button', { name: 'Готово' }).click();
    await expectText(statusOf(page, 'Первый методист'), 'готово');
    await expectText(statusOf(page, 'Организации'), 'следующий шаг');

    // 4. Organizations from a file; «Зиминский район» comes from its column.
    await importFile(page, 'Организации', 'Организации', 'организации.csv', ORGS);
    await openSetup(page);
    await expectText(statusOf(page, 'Организации'), 'готово');
    await expectText(step(page, 'Организации').getByTestId('step-count'), '2 организации');
    await expectText(step(page, 'Муниципалитеты').getByTestId('step-count'), '2 муниципалитета');

    // 5. Staff.
    await importFile(page, 'Педагогические кадры', 'Педагогические кадры', 'кадры.csv', STAFF);
    await openSetup(page);
    await expectText(statusOf(page, 'Педагогические кадры'), 'готово');
    await expectText(step(page, 'Педагогические кадры').getByTestId('step-count'), '2 сотрудника');
    await expectText(statusOf(page, 'Вакансии'), 'следующий шаг');
    await expectText(page.getByTestId('setup-progress'), 'Сделано шагов: 5 из 8');

    // 6. The teachers of г. Зима in one action: the list of links downloads.
    await step(page, 'Приглашения педагогов').getByRole('link', { name: 'Пригласить педагогов' }).click();
    await page.getByRole('heading', { name: 'Приглашение педагогов', level: 1 }).waitFor();
    await page.getByLabel('Муниципалитет').selectOption({ label: 'г. Зима' });
    await expectContains(page.getByTestId('bulk-summary'), 'В выборке 2 человека');
    await page.getByRole('button', { name: 'Пригласить и скачать список' }).click();
    const confirm = page.getByRole('dialog', { name: 'Пригласить сотрудников' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      confirm.getByRole('button', { name: 'Пригласить и скачать' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^приглашения-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const list = await readTable({
      fileName: 'list.xlsx',
      data: new Uint8Array(await readFile(await download.path())),
    });
    expect(list.rows.map((r) => [r.cells[1], r.cells[2]])).toEqual([
      ['Новикова Анна Сергеевна', 'МБОУ «СОШ № 1»'],
      ['Орлов Пётр Ильич', 'МБОУ «СОШ № 1»'],
    ]);
    expect(list.rows.every((r) => /\/invite\/[\w-]{20,}$/.test(r.cells[5] ?? ''))).toBe(true);
    await expectContains(
      page.getByRole('status').filter({ hasText: 'Список скачан' }),
      'Приглашено: 2 человека',
    );
    await shot(page, 'first-run-3-invitations');

    await openSetup(page);
    await expectText(statusOf(page, 'Приглашения педагогов'), 'готово');
    await expectText(page.getByTestId('setup-progress'), 'Сделано шагов: 6 из 8');
    await shot(page, 'first-run-2-done');

    // The territories page counts what each municipality holds.
    await page.getByRole('link', { name: 'Регионы и муниципалитеты' }).first().click();
    const table = page.getByRole('table', { name: 'Муниципалитеты: Иркутская область' });
    await expectContains(table.getByRole('row').filter({ hasText: 'г. Зима' }), 'г. Зима');
    await shot(page, 'first-run-4-territories');
    await context.close();
  });
});
