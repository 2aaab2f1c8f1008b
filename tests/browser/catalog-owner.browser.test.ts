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

/** The catalog shows who keeps each program and offers changes only on the caller's own ones. */
describe('a methodist in the catalog of programs', () => {
  let t: TestApp;
  let browser: Browser;
  let methodist: { email: string; password: string };
  const ids = { region: '', own: '' };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const region = await t.ctx.newRegion({ name: 'Иркутская область' });
    const muni = await t.ctx.newMunicipality({ regionId: region.id, name: 'г. Зима' });
    methodist = await t.ctx.newUser({
      role: 'municipal_methodist',
      municipalityId: muni.id,
      regionId: region.id,
    });
    const operator = await t.login(await t.ctx.newUser({ role: 'region_admin', regionId: region.id }));
    const own = await t.login(methodist);
    const make = async (api: typeof own, code: string, name: string) => {
      const p = await api.post('/api/programs', {
        code,
        name,
        kind: 'upgrade',
        hours: 36,
        provider: 'ЦНППМ',
        format: 'distance',
      });
      expect(p.status).toBe(201);
      const c = await api.post(`/api/programs/${p.body.id}/cohorts`, {
        startsOn: '2027-03-01',
        endsOn: '2027-03-20',
      });
      expect(c.status).toBe(201);
      return p.body.id as string;
    };
    ids.region = await make(operator, 'ПК-РЕГ', 'Программа региона');
    ids.own = await make(own, 'ПК-ЗИМА', 'Программа Зимы');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sees the keeper of each program and changes only the municipality’s own', async () => {
    const { context, page } = await newPage(browser, t.baseUrl);
    await signIn(page, methodist);

    await page.goto('/catalog/programs');
    const row = (name: string) => page.getByRole('row').filter({ hasText: name });
    await expectContains(row('Программа региона').getByTestId('program-owner'), 'Регион');
    await expectContains(row('Программа Зимы').getByTestId('program-owner'), 'г. Зима');

    // The region's program: read only, with who keeps it.
    await page.goto(`/catalog/programs/${ids.region}`);
    await expectContains(page.getByTestId('program-owner'), 'Регион (Иркутская область)');
    await expectContains(page.getByTestId('program-keeper'), 'ведёт региональный оператор');
    await expectCount(page.getByRole('table', { name: 'Потоки' }).getByRole('row'), 2);
    await expectCount(page.getByRole('button', { name: 'Изменить' }), 0);
    await expectCount(page.getByRole('button', { name: 'Добавить поток' }), 0);
    await expectCount(page.getByRole('button', { name: 'Удалить' }), 0);
    await shot(page, 'catalog-owner-region-program');

    // Their own program: every action.
    await page.goto(`/catalog/programs/${ids.own}`);
    await expectContains(page.getByTestId('program-owner'), 'г. Зима');
    await expectCount(page.getByRole('button', { name: 'Добавить поток' }), 1);
    await expectCount(page.getByRole('button', { name: 'Удалить' }), 1);
    await expectCount(page.getByRole('button', { name: 'Изменить' }), 2); // the program and its cohort
    await expectCount(page.getByTestId('program-keeper'), 0);
    await context.close();
  });
});
