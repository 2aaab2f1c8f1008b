import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.ts';
import { expectContains, launchBrowser, newPage, shot, signIn, startBrowserApp } from './helpers.ts';

/**
 * Expert cards' templates: the methodist opens «Экспертные карты» → «Шаблоны карт», sees the three
 * cards of 004 with ДОО and ДО marked where the document's maxima differ, opens the ДОО card and
 * reads the discrepancy panel — 5 of 6 in direction 2, 30 of 31 for the card, the bands both ways.
 */
describe('expert card templates: the document’s discrepancies', () => {
  let t: TestApp;
  let browser: Browser;
  let methodist: { email: string; password: string };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const muni = await t.ctx.newMunicipality({ name: 'г. Зима' });
    methodist = await t.ctx.newUser({
      role: 'municipal_methodist',
      municipalityId: muni.id,
      regionId: muni.regionId,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the methodist sees 30 of 31 on the ДОО card and the levels both ways', async () => {
    const { page } = await newPage(browser, t.baseUrl);
    await signIn(page, methodist);
    await page
      .getByRole('navigation', { name: 'Основное меню' })
      .getByText('Экспертные карты', { exact: true })
      .click();
    await page.getByRole('link', { name: 'Шаблоны карт' }).click();
    await page.waitForURL(/\/expert-cards\/templates$/);
    const table = page.getByRole('table', { name: 'Шаблоны экспертных карт' });
    await expectContains(table, '30 / 31');
    await expectContains(table, '17 / 18');
    expect(await table.getByText('расходятся').count()).toBe(2);
    await shot(page, 'expert-templates-list');
    await table.getByRole('link', { name: /дошкольной/ }).click();
    const panel = page.getByRole('region', { name: 'Расхождения документа' });
    await expectContains(panel, 'сумма показателей 5 / в документе 6');
    await expectContains(panel, 'сумма показателей 30 / в документе 31');
    await expectContains(panel.getByRole('table', { name: /по максимуму документа/ }), '25–31');
    await expectContains(panel.getByRole('table', { name: /по сумме показателей/ }), '24–30');
    await expectContains(panel, 'методист выбирает в кампании');
    await shot(page, 'expert-template-doo');
    // A copy opens as the methodist's draft, with the editor a click away.
    await page.getByRole('button', { name: 'Сделать копию' }).click();
    await page.getByText('Черновик', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Изменить' }).click();
    await page.getByLabel('Максимум карты по документу').waitFor();
    await shot(page, 'expert-template-editor');
  });
});
