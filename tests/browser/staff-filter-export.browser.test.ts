import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.ts';
import { expectCount, expectText, launchBrowser, newPage, shot, signIn, startBrowserApp } from './helpers.ts';

/** Journey 1: a methodist narrows the registry with filters and exports what they see. */
describe('methodist filters the staff registry and exports XLSX', () => {
  let t: TestApp;
  let browser: Browser;
  let methodist: { email: string; password: string };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const muni = await t.ctx.newMunicipality({ name: 'Зиминское МО' });
    const school = await t.ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «СОШ № 1»' });
    const lyceum = await t.ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «Лицей»' });
    const person = (organizationId: string, category: string, subjects: string[], lastName: string) =>
      t.ctx.newPerson({ organizationId, category, subjects, lastName });
    // Highest category and mathematics: exactly 4 employments, across both schools.
    await person(school.id, 'highest', ['Математика'], 'Абрамова');
    await person(school.id, 'highest', ['Математика', 'Информатика'], 'Белова');
    await person(lyceum.id, 'highest', ['Математика'], 'Волкова');
    await person(lyceum.id, 'highest', ['Алгебра', 'Математика'], 'Горина');
    // Everything else must be filtered out.
    await person(school.id, 'highest', ['Физика'], 'Дёмина');
    await person(school.id, 'first', ['Математика'], 'Егорова');
    await person(lyceum.id, 'none', ['Русский язык'], 'Жукова');
    // Another municipality: never visible to this methodist.
    const other = await t.ctx.newOrg();
    await person(other.id, 'highest', ['Математика'], 'Чужая');
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

  it('filters by category and subject, keeps them in the URL and downloads a real xlsx', async () => {
    const { context, page } = await newPage(browser, t.baseUrl);
    await signIn(page, methodist);
    await page
      .getByRole('navigation', { name: 'Основное меню' })
      .getByRole('link', { name: 'Педагогические кадры' })
      .click();
    await page.getByRole('heading', { name: 'Педагогические кадры' }).waitFor();
    const count = page.getByTestId('staff-count');
    await expectText(count, 'Найдено: 7 записей (7 человек)');

    await page.getByLabel('Квалификационная категория').selectOption({ label: 'высшая' });
    await expectText(count, 'Найдено: 5 записей (5 человек)');
    await page.getByLabel('Предмет').selectOption('Математика');
    await expectText(count, 'Найдено: 4 записи (4 человека)');
    const table = page.getByRole('table', { name: 'Сотрудники' });
    await expectCount(table.getByRole('row'), 5); // header + 4
    expect(await table.textContent()).not.toContain('Дёмина');
    expect(await table.textContent()).not.toContain('Чужая');

    // The filtered view is a link that can be shared: a fresh page restores it.
    expect(new URL(page.url()).searchParams.get('category')).toBe('highest');
    expect(new URL(page.url()).searchParams.get('subject')).toBe('Математика');
    await page.reload();
    await expectText(count, 'Найдено: 4 записи (4 человека)');
    expect(await page.getByLabel('Квалификационная категория').inputValue()).toBe('highest');

    await shot(page, '1-staff-filtered');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Экспорт XLSX' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = await download.path();
    const bytes = await readFile(file);
    // A real xlsx is a zip archive: local file header "PK\x03\x04".
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    // A title block (what, territory, as of, who exported) comes first; then the header.
    expect(sheet.getCell('A1').value).toBe('Педагогические кадры');
    let headerAt = 0;
    sheet.eachRow((row, n) => {
      if (!headerAt && row.getCell(1).value === 'Фамилия') headerAt = n;
    });
    expect(headerAt).toBeGreaterThan(1);
    const dataRows: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > headerAt) dataRows.push(String(row.getCell(1).value));
    });
    expect(dataRows.sort()).toEqual(['Абрамова', 'Белова', 'Волкова', 'Горина']);
    await context.close();
  });
});
