import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.ts';
import { expectText, launchBrowser, newPage, shot, signIn, startBrowserApp } from './helpers.ts';

/**
 * A region's operator picks one of 230 organizations: the filter searches on the server instead of
 * receiving every organization, and the staff list narrows to the one picked.
 */
describe('organization filter at region scale', () => {
  let t: TestApp;
  let browser: Browser;
  let operator: { email: string; password: string };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const muni = await t.ctx.newMunicipality({ name: 'Зиминское МО' });
    for (let i = 1; i <= 229; i++)
      await t.ctx.newOrg({ municipalityId: muni.id, fullName: `МБОУ «СОШ № ${i}»` });
    const lyceum = await t.ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «Лицей № 77»' });
    await t.ctx.newPerson({ organizationId: lyceum.id, lastName: 'Лицеева' });
    const school = await t.ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «Школа-интернат»' });
    await t.ctx.newPerson({ organizationId: school.id, lastName: 'Интернатова' });
    operator = await t.ctx.newUser({ role: 'region_admin', regionId: muni.regionId });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('finds an organization by typing part of its name and filters the registry by it', async () => {
    const { context, page } = await newPage(browser, t.baseUrl);
    const optionRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/organizations/options')) optionRequests.push(r.url());
    });
    await signIn(page, operator);
    await page.goto('/staff');
    const count = page.getByTestId('staff-count');
    await expectText(count, 'Найдено: 2 записи (2 человека)');

    const field = page.getByRole('combobox', { name: 'Организация' });
    await field.click();
    await page
      .getByRole('option', { name: '…и ещё 181 из 231 организации: начните вводить название или код' })
      .waitFor();
    await field.fill('лицей');
    await page.getByRole('option', { name: 'МБОУ «Лицей № 77»' }).click();
    await expectText(count, 'Найдено: 1 запись (1 человек)');
    expect(new URL(page.url()).searchParams.get('organizationId')).toBeTruthy();
    await shot(page, 'organization-select-region');

    // Reloaded from the address, the filter still names the organization it holds.
    await page.reload();
    await expectText(count, 'Найдено: 1 запись (1 человек)');
    await expect.poll(() => field.inputValue()).toBe('МБОУ «Лицей № 77»');
    // No answer about organizations carried more than the search's page.
    expect(optionRequests.length).toBeGreaterThan(0);
    expect(optionRequests.every((u) => /limit=(1|50|200)\b/.test(u))).toBe(true);
    await context.close();
  });
});
