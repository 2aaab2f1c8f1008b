import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/database.ts';
import { makeSnils } from '../helpers/factories.ts';
import type { TestApp } from '../helpers/test-app.ts';
import {
  expectContains,
  expectCount,
  expectText,
  launchBrowser,
  newPage,
  shot,
  signIn,
  startBrowserApp,
} from './helpers.ts';

/** Journey 2: a methodist loads a roster with one bad row, reads the report, then loads the good rows. */
describe('methodist imports a staff roster', () => {
  let t: TestApp;
  let browser: Browser;
  let methodist: { email: string; password: string };
  const badSnils = (() => {
    const good = makeSnils(424_242);
    return `${good.slice(0, 9)}${String((Number(good.slice(9)) + 1) % 100).padStart(2, '0')}`;
  })();

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const muni = await t.ctx.newMunicipality();
    await t.ctx.newOrg({ municipalityId: muni.id, code: 'SCH1', fullName: 'МБОУ «СОШ № 1»' });
    methodist = await t.ctx.newUser({
      role: 'municipal_methodist',
      regionId: muni.regionId,
      municipalityId: muni.id,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const peopleInDb = async () =>
    Number((await t.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM people`))[0]!.n);

  /** As Russian Excel saves it: Windows-1251, semicolons. The third data row (file row 4) is bad. */
  function roster(): Buffer {
    const rows = [
      'Фамилия;Имя;Отчество;Дата рождения;Пол;СНИЛС;Организация;Должность;Вид занятости;Предметы;Нагрузка;Квалификационная категория;Дата присвоения категории',
      `Новикова;Анна;Сергеевна;12.04.1990;ж;${makeSnils(111_111)};SCH1;Учитель;основное;Математика;18;первая;10.01.2022`,
      `Орлов;Пётр;Ильич;03.07.1975;м;${makeSnils(222_222)};SCH1;Учитель;основное;Физика;20;высшая;15.03.2021`,
      `Павлова;Ирина;Олеговна;21.09.1988;ж;${badSnils};SCH1;Учитель;основное;Химия;18;без категории;`,
    ];
    return iconv.encode(`${rows.join('\r\n')}\r\n`, 'win1251');
  }

  async function run(page: Page, mode: string, button: string) {
    await page.getByRole('radio', { name: mode }).check();
    await page.getByRole('button', { name: button }).click();
  }

  it('reports the bad row and writes nothing, then loads the valid rows', async () => {
    const { context, page } = await newPage(browser, t.baseUrl);
    await signIn(page, methodist);
    await page
      .getByRole('navigation', { name: 'Основное меню' })
      .getByRole('link', { name: 'Импорт' })
      .click();
    await page.getByRole('heading', { name: 'Импорт', level: 1 }).waitFor();

    // The template downloads and names the columns the roster uses.
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Скачать шаблон CSV' }).click(),
    ]);
    const templateBytes = await readFile(await template.path());
    const templateText = templateBytes.toString('utf8').includes('СНИЛС')
      ? templateBytes.toString('utf8')
      : iconv.decode(templateBytes, 'win1251');
    expect(templateText).toContain('СНИЛС');

    const before = await peopleInDb();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'кадры.csv',
      mimeType: 'text/csv',
      buffer: roster(),
    });

    // 1) Check without writing: the report names row 4 and the СНИЛС column.
    await run(page, 'Проверить без записи', 'Проверить файл');
    const report = page.getByRole('region', { name: 'Отчёт об импорте' });
    await expectContains(report, 'Проверка: в файле есть ошибки');
    const errors = page.getByRole('table', { name: 'Ошибки импорта' });
    await expectCount(errors.getByRole('row'), 2); // header + the one bad row
    const cells = errors.getByRole('row').nth(1).getByRole('cell');
    await expectText(cells.nth(0), '4');
    await expectText(cells.nth(1), 'СНИЛС');
    await expectContains(cells.nth(2), badSnils.slice(0, 3));
    await expectContains(cells.nth(3), 'контрольн');
    expect(await peopleInDb()).toBe(before);

    // 2) All-or-nothing refuses the file: still nothing written.
    await run(page, 'Загрузить (только если весь файл верен)', 'Загрузить');
    await expectContains(report, 'Ничего не записано');
    expect(await peopleInDb()).toBe(before);

    // 3) Valid rows only: two people are written, the bad row stays listed.
    await run(page, 'Загрузить верные строки', 'Загрузить');
    await expectContains(report, 'Данные загружены');
    await expectCount(errors.getByRole('row'), 2);
    expect(await peopleInDb()).toBe(before + 2);
    await shot(page, '2-import-valid-rows');

    await page.goto('/staff');
    await expectText(page.getByTestId('staff-count'), 'Найдено: 2 записи (2 человека)');
    const staff = page.getByRole('table', { name: 'Сотрудники' });
    await expectContains(staff, 'Новикова Анна Сергеевна');
    await expectContains(staff, 'Орлов Пётр Ильич');
    expect(await staff.textContent()).not.toContain('Павлова');
    await context.close();
  });
});
