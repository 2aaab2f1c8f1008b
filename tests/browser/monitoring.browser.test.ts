import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, FIXTURE, type Fixture } from '../../src/monitoring/fixture/fixture.ts';
import { presetCounts } from '../../src/monitoring/presets/index.ts';
import { P003 } from '../../src/monitoring/presets/p003.ts';
import type { TestApp } from '../helpers/test-app.ts';
import {
  expectContains,
  expectCount,
  expectText,
  launchBrowser,
  newPage,
  SHOTS_DIR,
  shot,
  signIn,
  startBrowserApp,
} from './helpers.ts';

/**
 * Monitoring end to end over the correctness fixture (src/monitoring/fixture): a methodist loads
 * the 003 preset, sees every indicator with its 2022–2025 targets and the manual ones marked,
 * computes live values, creates a monitoring, closes it (confirmed) and drills a derived figure
 * down to the names it counted — the neighbouring municipality's teacher never among them.
 */
/** What a 1366×768 laptop shows without scrolling (the long set page is unreadable as one image). */
async function view(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400); // let a modal finish fading in
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`) });
}

describe('monitoring: preset 003, monitoring, closing, drill-down', () => {
  let t: TestApp;
  let browser: Browser;
  let fx: Fixture;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    fx = await buildFixture(t.ctx);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('loads the preset, computes, creates and closes a monitoring, drills down to names', async () => {
    const total = P003.indicators.length;
    const counts = presetCounts(P003);
    const { page, context } = await newPage(browser, t.baseUrl);
    await signIn(page, fx.users.methodist);

    // 1. The menu group leads to the empty list, which says what to do next.
    await shot(page, 'monitoring-0-home');
    await page
      .getByRole('navigation', { name: 'Основное меню' })
      .getByText('Мониторинг', { exact: true })
      .click();
    await page.getByRole('link', { name: 'Показатели', exact: true }).click();
    await page.getByText('Наборов показателей пока нет').waitFor();
    await expectContains(page.getByRole('status'), 'Загрузите пресет 003');

    // 2. Load the 003 preset from the list of presets with their descriptions.
    await page.getByRole('button', { name: 'Загрузить пресет' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Загрузить пресет' });
    const card = dialog.getByRole('article', { name: 'Пресет p003' });
    await expectContains(card, `${total} показателей`);
    await expectContains(card, `вручную: ${counts.manual}`);
    await shot(page, 'monitoring-1-presets');
    await card.getByRole('button', { name: 'Загрузить пресет p003' }).click();
    await page.waitForURL(/\/monitoring\/indicators\/[0-9a-f-]{36}$/);

    // 3. Every indicator, grouped by criterion, with its targets 2022–2025; manual ones marked.
    await expectText(page.getByTestId('indicator-count'), `${total} показателей`);
    const table = page.getByRole('table', { name: 'Показатели набора' });
    await expectCount(table.getByTestId('indicator-row'), total);
    for (const year of ['2022', '2023', '2024', '2025']) {
      await table.getByRole('columnheader', { name: year, exact: true }).waitFor();
    }
    const row11 = table.locator('[data-testid="indicator-row"][data-code="1.1"]');
    await expectText(row11.getByTestId('target-2022'), '6');
    await expectText(row11.getByTestId('target-2025'), '10,5');
    await expectContains(row11, 'рассчитывается');
    await expectCount(table.getByTestId('manual-badge'), counts.manual);
    await expectText(
      table.locator('[data-testid="indicator-row"][data-code="2.1"]').getByTestId('target-2025'),
      '60',
    );

    // 4. Live values at the fixture's date: 1.1 = 4 assessed of 7 teachers.
    const setUrl = new URL(page.url());
    await page.goto(
      `${setUrl.pathname}?asOf=${FIXTURE.asOf}&from=${FIXTURE.periodStart}&to=${FIXTURE.periodEnd}`,
    );
    await page.getByRole('button', { name: 'Рассчитать значения' }).click();
    await expectContains(row11.getByTestId('indicator-value'), '57,1 %');
    await expectContains(row11.getByTestId('indicator-value'), '4 из 7');
    await shot(page, 'monitoring-2-set');
    await row11.scrollIntoViewIfNeeded();
    await view(page, 'monitoring-2-set-view');

    // 4a. The values carry how many organization lines an indicator has; they load when opened.
    await row11.getByRole('button', { name: '1.1: значения по организациям' }).click();
    const setSlices = page.getByTestId('slices-modal');
    const setLines = setSlices.getByRole('table', { name: 'Значения в разрезе' });
    await expectCount(setLines.locator('tbody tr'), 3);
    await expectContains(setSlices.getByTestId('slices-found'), 'Всего строк: 3');
    await view(page, 'monitoring-2c-set-slices');
    await page.getByRole('dialog').getByRole('button', { name: 'Закрыть' }).click();
    await expectCount(page.getByRole('dialog'), 0);

    // 4b. A manual indicator takes the value the methodist enters for the period.
    const row42 = table.locator('[data-testid="indicator-row"][data-code="4.2"]');
    await expectContains(row42.getByTestId('indicator-value'), 'нет введённого значения');
    await page.getByRole('tab', { name: 'Ручные значения' }).click();
    await page.getByText('Значений за период нет').waitFor();
    await page.getByRole('textbox', { name: 'Значение' }).fill('25');
    await page.getByLabel('Примечание').fill('по данным отдела кадров');
    await page.getByRole('button', { name: 'Сохранить значение' }).click();
    await expectContains(page.getByRole('table', { name: 'Введённые значения' }), 'по данным отдела кадров');
    await view(page, 'monitoring-2a-manual');
    await page.getByRole('tab', { name: 'Показатели' }).click();
    await page.getByRole('button', { name: 'Пересчитать' }).click();
    await expectContains(row42.getByTestId('indicator-value'), '25 %');

    // 5. The editor shows the formula in words and checks it as it is built.
    await page.getByRole('button', { name: 'Изменить показатель 1.1' }).click();
    const editor = page.getByRole('dialog', { name: 'Показатель 1.1' });
    await expectContains(editor.getByTestId('formula-words'), '× 100 %');
    await editor.getByText('Формула проверена: ошибок нет.').waitFor();
    // The passport fields are bound to the form: the code shows, a typed value stays.
    expect(await editor.getByRole('textbox', { name: /^Код\s*\*?$/ }).inputValue()).toBe('1.1');
    await editor.getByLabel('Ответственный').fill('ММС, Кравцова О. П.');
    expect(await editor.getByLabel('Ответственный').inputValue()).toBe('ММС, Кравцова О. П.');
    await editor.getByLabel('Вид формулы').selectOption('manual');
    await expectContains(editor.getByRole('alert'), 'Не указан код ручной меры');
    await view(page, 'monitoring-2b-editor');
    await editor.getByRole('button', { name: 'Отмена' }).click();
    await expectCount(page.getByRole('dialog'), 0);

    // 6. A monitoring of the set for the fixture's period, targets of 2025.
    await page.getByRole('link', { name: 'Создать мониторинг' }).click();
    const form = page.getByRole('dialog', { name: 'Новый мониторинг' });
    // The form proposes the set's latest target year (003: 2022–2025) and a name, not this school year.
    await expect.poll(() => form.getByLabel('Год целевых значений').inputValue()).toBe('2025');
    expect(await form.getByLabel('Название').inputValue()).toMatch(
      /^Мониторинг по набору 003 за \d{4}\/\d{4} учебный год$/,
    );
    await form.getByLabel('Название').fill('Мониторинг 003, 2025/2026');
    await form.getByLabel('Период с').fill(FIXTURE.periodStart);
    await form.getByLabel('Период по').fill(FIXTURE.periodEnd);
    await form.getByLabel('Данные на дату').fill(FIXTURE.asOf);
    await form.getByLabel('Год целевых значений').fill('2025');
    await form.getByRole('button', { name: 'Создать' }).click();
    await page.waitForURL(/\/monitoring\/campaigns\/[0-9a-f-]{36}$/);
    await expectText(page.getByRole('heading', { level: 1 }), 'Мониторинг 003, 2025/2026');
    await expectText(page.getByTestId('monitoring-status'), 'идёт');
    const values = page.getByRole('table', { name: 'Значения показателей' });
    await expectCount(values.getByTestId('value-row'), total);
    const v11 = values.locator('[data-testid="value-row"][data-code="1.1"]');
    await expectContains(v11, '57,1 %');
    await expectContains(v11, 'достигнуто'); // 57,1 % against the 2025 target of 10,5 %

    // 7. Closing is confirmed and final.
    await page.getByRole('button', { name: 'Закрыть мониторинг' }).click();
    const confirm = page.getByRole('dialog', { name: 'Закрыть мониторинг?' });
    await expectContains(confirm, 'после закрытия значения не меняются');
    await confirm.getByRole('button', { name: 'Да, закрыть' }).click();
    await expectText(page.getByTestId('monitoring-status'), 'закрыт');
    await expectCount(page.getByRole('button', { name: 'Закрыть мониторинг' }), 0);
    await shot(page, 'monitoring-3-closed');
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Скачать XLSX' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(await xlsx.failure()).toBeNull();
    await view(page, 'monitoring-3-closed-view');

    // 8. The frozen numerator of 1.1 drills down to the four people it counted, by name.
    await v11.getByRole('button', { name: 'Кто посчитан: 1.1, числитель' }).click();
    const drill = page.getByTestId('drilldown');
    await expectText(drill.getByTestId('drilldown-total'), '4');
    await view(page, 'monitoring-4-drilldown-view');
    const [names] = await Promise.all([
      page.waitForEvent('download'),
      drill.getByRole('link', { name: 'Скачать XLSX' }).click(),
    ]);
    expect(names.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(await names.failure()).toBeNull();
    const people = drill.getByRole('table', { name: 'Кто посчитан' });
    for (const name of ['Фикс-П1', 'Фикс-П2', 'Фикс-П6', 'Фикс-П8']) await expectContains(people, name);
    const text = (await people.textContent()) ?? '';
    expect(text).not.toContain('Фикс-П3'); // assessed before the period
    expect(text).not.toContain('Фикс-П9'); // no longer employed at the date
    expect(text).not.toContain('Фикс-Сосед'); // the other municipality
    await expectContains(drill, 'зафиксировано при закрытии');
    await shot(page, 'monitoring-4-drilldown');
    await page.getByRole('dialog').getByRole('button', { name: 'Закрыть' }).click();

    // 9. The organization slice: each school's own figure.
    await page.getByRole('radiogroup', { name: 'Разрез' }).getByText('Организации').click();
    const slice = page.getByRole('table', { name: 'Значения в разрезе' });
    // 1.1 by organization (the fixture's hand count): S1 2 of 4, S2 1 of 2, D1 1 of 1.
    await expectCount(slice.locator('tbody tr'), 3);
    await expectContains(slice, '50 %');
    await expectContains(slice, '100 %');
    await shot(page, 'monitoring-5-slice');
    // The server searches the lines by name and pages them; the tab says how many there are.
    await expectContains(page.getByRole('radiogroup', { name: 'Разрез' }), 'Организации: 3');
    await page.getByRole('searchbox', { name: 'Поиск по названию' }).fill('СОШ № 1');
    await expectContains(page.getByTestId('slices-found'), 'Найдено: 1 из 3');
    await expectCount(slice.locator('tbody tr'), 1);
    await view(page, 'monitoring-5-slice-search');

    // 10. The dashboard reads the closed monitoring.
    await page.getByRole('main').getByRole('link', { name: 'Дашборд' }).click();
    await page.waitForURL(/\/monitoring\/dashboard\//);
    await page.getByTestId('bullet-1.1').waitFor();
    // One source for the whole screen, named: the values and the clusters come from the closed monitoring.
    await expectContains(
      page.getByTestId('dashboard-source'),
      'закрытый мониторинг «Мониторинг 003, 2025/2026»',
    );
    // The clusters sit in their own tab beside the problem zones.
    await page.getByRole('tab', { name: 'Кластеры организаций' }).click();
    await expectContains(
      page.getByTestId('clusters-source'),
      'закрытый мониторинг «Мониторинг 003, 2025/2026»',
    );
    await shot(page, 'monitoring-6-dashboard');
    // Its table of values against targets is saved as a workbook written by the server.
    const [sheet] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Скачать XLSX' }).first().click(),
    ]);
    expect(sheet.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(await sheet.failure()).toBeNull();
    const dashboardUrl = new URL(page.url()).pathname;
    // The lists, for a human to look at: the loaded set and the closed monitoring.
    await page.goto('/monitoring/indicators');
    await expectCount(page.getByRole('table', { name: 'Наборы показателей' }).locator('tbody tr'), 1);
    await view(page, 'monitoring-8-sets');
    await page.goto('/monitoring/campaigns');
    await expectContains(page.getByRole('table', { name: 'Мониторинги' }), 'закрыт');
    await view(page, 'monitoring-9-campaigns');
    await context.close();

    // A curator has no monitoring menu, and the set's page reads «no access».
    const curator = await newPage(browser, t.baseUrl);
    await signIn(curator.page, fx.users.curator);
    const menu = curator.page.getByRole('navigation', { name: 'Основное меню' });
    await menu.getByText('Главная').waitFor();
    expect(await menu.textContent()).not.toContain('Мониторинг');
    await curator.page.goto(dashboardUrl.replace('/monitoring/dashboard/', '/monitoring/indicators/'));
    await curator.page.getByText('Нет доступа или запись не найдена').waitFor();
    await curator.context.close();

    // 11. The region operator compares municipalities on the same set.
    const region = await newPage(browser, t.baseUrl);
    await signIn(region.page, fx.users.regionAdmin);
    await region.page.goto(dashboardUrl);
    await region.page.getByTestId('bullet-1.1').waitFor();
    await region.page.getByRole('tab', { name: 'Сравнение муниципалитетов' }).click();
    const cmp = region.page.getByRole('table', { name: 'Сравнение муниципалитетов' });
    await cmp.waitFor();
    await shot(region.page, 'monitoring-7-region');
    await region.context.close();
  });
});
