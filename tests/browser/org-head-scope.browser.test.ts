import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** Journey 3: a school head sees their own school and nothing of the school next door. */
describe('school head cannot reach another school’s people', () => {
  let t: TestApp;
  let browser: Browser;
  let head: { email: string; password: string };
  let own: { id: string };
  let stranger: { id: string };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const muni = await t.ctx.newMunicipality();
    const school1 = await t.ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «СОШ № 1»' });
    const school2 = await t.ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «СОШ № 2»' });
    own = await t.ctx.newPerson({ organizationId: school1.id, lastName: 'Своя' });
    await t.ctx.newPerson({ organizationId: school1.id, lastName: 'Коллегова' });
    stranger = await t.ctx.newPerson({ organizationId: school2.id, lastName: 'Чужая' });
    head = await t.ctx.newUser({
      role: 'org_head',
      regionId: school1.regionId,
      municipalityId: muni.id,
      organizationId: school1.id,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('not in the list, not by URL, not through the API', async () => {
    const { context, page } = await newPage(browser, t.baseUrl);
    await signIn(page, head);

    // The list shows only the head's own school.
    await page.goto('/staff');
    await expectText(page.getByTestId('staff-count'), 'Найдено: 2 записи (2 человека)');
    const table = page.getByRole('table', { name: 'Сотрудники' });
    await expectContains(table, 'Своя');
    expect(await table.textContent()).not.toContain('Чужая');
    // A search for the stranger by name finds nobody.
    await page.getByLabel('Поиск').fill('Чужая');
    await page.getByText('По этим условиям никого не нашли').waitFor();

    // The own card opens…
    await page.goto(`/people/${own.id}`);
    await expectContains(page.getByRole('heading', { level: 1 }), 'Своя');

    // …another school's card does not, and says so in Russian.
    await page.goto(`/people/${stranger.id}`);
    await expectContains(page.getByRole('alert'), 'Нет доступа или запись не найдена');
    await expectCount(page.getByText('Чужая'), 0);
    await shot(page, '3-org-head-no-access');

    // The API answers the same to a request from the page with the head's session.
    const status = await page.evaluate(
      async (id) => (await fetch(`/api/people/${id}`, { credentials: 'same-origin' })).status,
      stranger.id,
    );
    expect([403, 404]).toContain(status);
    await context.close();
  });
});
