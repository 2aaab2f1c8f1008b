import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.ts';
import { expectCount, launchBrowser, newPage, shot, signIn, startBrowserApp } from './helpers.ts';

/**
 * The header's search and a sortable list, as a school head uses them: typing finds their
 * school's teacher (not another school's), choosing the hit opens the person's card; the
 * organizations list sorts by a header, names in natural order.
 */
describe('header search and sortable headers', () => {
  let t: TestApp;
  let browser: Browser;
  let head: { email: string; password: string };
  let methodist: { email: string; password: string };
  let personId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const muni = await t.ctx.newMunicipality();
    const territory = { regionId: muni.regionId, municipalityId: muni.id };
    const s10 = await t.ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «СОШ № 10»' });
    const s2 = await t.ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «СОШ № 2»' });
    const mine = await t.ctx.newPerson({ organizationId: s2.id, lastName: 'Поисковая', firstName: 'Анна' });
    await t.ctx.newPerson({ organizationId: s10.id, lastName: 'Поисковая', firstName: 'Вера' });
    personId = mine.id;
    head = await t.ctx.newUser({ role: 'org_head', ...territory, organizationId: s2.id });
    methodist = await t.ctx.newUser({ role: 'municipal_methodist', ...territory });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('finds within scope, opens the hit; sorts the organizations', async () => {
    const h = await newPage(browser, t.baseUrl);
    await signIn(h.page, head);
    const box = h.page.getByRole('textbox', { name: 'Найти в системе' });
    await box.fill('поисковая');
    const found = h.page.getByRole('listbox');
    await found.getByText('Поисковая Анна Петровна').waitFor();
    await shot(h.page, 'search-1-head');
    expect(await found.textContent()).not.toContain('Вера');
    await found.getByText('Поисковая Анна Петровна').click();
    await h.page.waitForURL(new RegExp(`/people/${personId}$`));
    await h.context.close();

    const m = await newPage(browser, t.baseUrl);
    await signIn(m.page, methodist);
    await m.page.goto('/organizations');
    const table = m.page.getByRole('table', { name: 'Организации' });
    await expectCount(table.locator('tbody tr'), 2);
    const names = () => table.locator('tbody tr td:nth-child(2) a').allTextContents();
    expect(await names()).toEqual(['МБОУ «СОШ № 2»', 'МБОУ «СОШ № 10»']);
    await table.getByRole('button', { name: 'Наименование' }).click();
    await table.locator('th[aria-sort="descending"]').waitFor();
    expect(await names()).toEqual(['МБОУ «СОШ № 10»', 'МБОУ «СОШ № 2»']);
    await shot(m.page, 'search-2-sorted');
    await m.context.close();
  });
});
