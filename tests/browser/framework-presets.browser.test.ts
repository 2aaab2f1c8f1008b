import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/database.ts';
import { createAdmin } from '../../src/platform/users/bootstrap-admin.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { expectContains, launchBrowser, newPage, shot, signIn, startBrowserApp } from './helpers.ts';

/**
 * An empty install (no demo) has no competency framework: the deficits page offers the presets
 * with one button each, and the administrator loads the teacher's framework there — no API call.
 */
describe('an empty install offers the preset competency frameworks', () => {
  let t: TestApp;
  let browser: Browser;
  const admin = { email: 'admin@presets.test', password: 'nachalo2026' };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    await createAdmin(t.db, { ...admin, fullName: 'Администратор' });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the administrator loads the teacher framework from the deficits page', async () => {
    const { page } = await newPage(browser, t.baseUrl);
    await signIn(page, admin);
    await page.goto(`${t.baseUrl}/deficits`);
    const main = page.locator('main');
    await expectContains(main, 'Карт компетенций пока нет');
    const button = main.getByRole('button', { name: 'Загрузить типовую рамку «Карта компетенций педагога»' });
    await button.waitFor();
    const manager = main.getByRole('button', {
      name: 'Загрузить типовую рамку «Карта компетенций руководителя образовательной организации»',
    });
    expect(await manager.count()).toBe(1);
    await shot(page, 'framework-presets-empty');
    await button.click();
    // The framework is there: the page moves on to the next empty state, the results.
    await expectContains(main, 'Результатов диагностики пока нет');
    const rows = await t.db.query<{ code: string; owner_level: string }>(
      sql`SELECT code, owner_level::text FROM competency_frameworks`,
    );
    expect(rows).toEqual([{ code: 'teacher-544n', owner_level: 'system' }]);
  });
});
