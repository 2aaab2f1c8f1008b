import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/database.ts';
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

/**
 * Burnout support on the pages: the school head opens «Поддержка педагогов», sees the plan of a
 * teacher of the school and marks an item done; the methodist's summary gives counts by
 * organization — «менее 3» for one plan — and no names. Plans are written directly (the API path
 * from a submitted questionnaire is src/wellbeing/wellbeing.int.test.ts); dates are fixed.
 */
describe('wellbeing: the head’s plans and the municipal summary', () => {
  let t: TestApp;
  let browser: Browser;
  let head: { email: string; password: string };
  let methodist: { email: string; password: string };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const muni = await t.ctx.newMunicipality({ name: 'г. Зима' });
    const school = await t.ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «Школа Альфа»' });
    const other = await t.ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «Школа Бета»' });
    const plan = async (organizationId: string, lastName: string) => {
      const p = await t.ctx.newPerson({ organizationId, lastName });
      const [row] = await t.db.query<{ id: string }>(sql`
        INSERT INTO support_plans (person_id, organization_id, risk_level, opened_on, follow_up_due)
        VALUES (${p.id}, ${organizationId}, 'high', '2026-10-15', '2027-01-07') RETURNING id`);
      await t.db.query(sql`
        INSERT INTO support_plan_items (plan_id, kind, note, due_on) VALUES
          (${row!.id}, 'psychologist', 'Консультация по результатам опросника', '2026-10-29'),
          (${row!.id}, 'load_recommendation', 'Пересмотреть нагрузку', '2026-10-29')`);
    };
    await plan(school.id, 'Усталова');
    for (const n of [1, 2, 3]) await plan(other.id, `Бетова${n}`);
    const at = { municipalityId: muni.id, regionId: muni.regionId };
    head = await t.ctx.newUser({ role: 'org_head', organizationId: school.id, ...at });
    methodist = await t.ctx.newUser({ role: 'municipal_methodist', ...at });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the head marks an item done; the summary shows counts without names', async () => {
    const { context, page } = await newPage(browser, t.baseUrl);
    await signIn(page, head);
    await page.getByRole('link', { name: 'Поддержка педагогов', exact: true }).click();
    await page.waitForURL(/\/wellbeing$/);
    const card = page.getByRole('article', { name: /Усталова/ });
    await expectContains(card, 'Высокий риск выгорания');
    await expectCount(page.getByRole('article'), 1);
    const items = card.getByRole('table', { name: 'Пункты плана' });
    const row = items.getByRole('row', { name: /Рекомендация руководителю о нагрузке/ });
    await row.getByRole('button', { name: 'Отметить выполненным' }).click();
    await expectCount(row.getByRole('button', { name: 'Снять отметку' }), 1);
    await shot(page, 'wellbeing-head');
    const [done] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM support_plan_items WHERE kind = 'load_recommendation' AND done_on IS NOT NULL`,
    );
    expect(done!.n).toBe(1);
    await context.close();

    const m = await newPage(browser, t.baseUrl);
    await signIn(m.page, methodist);
    await m.page.getByRole('link', { name: 'Поддержка педагогов', exact: true }).click();
    await m.page.waitForURL(/\/wellbeing\/summary$/);
    const table = m.page.getByRole('table', { name: 'Сводка по организациям' });
    await expectContains(table, 'Школа Бета');
    await expectContains(table.getByRole('row', { name: /Школа Альфа/ }), 'менее 3');
    const text = (await m.page.locator('main').textContent()) ?? '';
    expect(text).not.toContain('Усталова');
    expect(text).not.toContain('Бетова');
    await shot(m.page, 'wellbeing-summary');
    await m.context.close();
  });
});
