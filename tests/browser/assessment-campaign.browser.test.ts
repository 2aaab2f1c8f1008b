import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/test-app.ts';
import {
  expectContains,
  expectText,
  launchBrowser,
  newPage,
  shot,
  signIn,
  startBrowserApp,
} from './helpers.ts';

/**
 * Diagnosis end to end: a methodist creates and opens a campaign for one school; a teacher of it
 * takes the test (each answer saved, a lost request retried, a reload resumes at the first
 * unanswered item, submission confirmed); the methodist sees the submission and the deficit cell.
 */
describe('assessment campaign from creation to the deficits heatmap', () => {
  let t: TestApp;
  let browser: Browser;
  let methodist: { email: string; password: string };
  let region: { email: string; password: string };
  let teacher: { email: string; password: string };
  let school: { id: string; fullName: string };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const muni = await t.ctx.newMunicipality({ name: 'Город Проверочный' });
    school = await t.ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «СОШ № 7»' });
    const other = await t.ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «СОШ № 8»' });
    const person = await t.ctx.newPerson({ organizationId: school.id, lastName: 'Тестируемая' });
    await t.ctx.newPerson({ organizationId: other.id, lastName: 'Непричастная' });
    methodist = await t.ctx.newUser({ role: 'municipal_methodist', municipalityId: muni.id });
    region = await t.ctx.newUser({ role: 'region_admin', regionId: muni.regionId });
    teacher = await t.ctx.newUser({ role: 'teacher', personId: person.id, organizationId: school.id });
    // The framework and the demo test come from the presets, as a methodist loads them.
    const api = await t.login(methodist);
    expect((await api.post('/api/instruments/presets/teacher-demo-test')).status).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('create, open, take with saving and resuming, submit, progress and heatmap', async () => {
    // 1. The methodist creates a campaign for one school and opens it.
    const m = await newPage(browser, t.baseUrl);
    await signIn(m.page, methodist);
    await m.page.getByRole('link', { name: 'Диагностика', exact: true }).click();
    await m.page.getByText('Кампаний диагностики пока нет').waitFor();
    await m.page.getByRole('button', { name: 'Новая кампания' }).first().click();
    const form = m.page.getByRole('dialog', { name: 'Новая кампания диагностики' });
    await form.getByLabel('Название').fill('Диагностика СОШ № 7, осень');
    await form.getByRole('combobox', { name: 'Методики' }).click();
    await m.page.getByRole('option', { name: /демонстрационный тест/ }).click();
    await form.getByRole('combobox', { name: 'Организации' }).click();
    await m.page.getByRole('option', { name: 'МБОУ «СОШ № 7»' }).click();
    await form.getByLabel('Название').click(); // closes the dropdown
    await shot(m.page, 'assessment-1-create');
    await form.getByRole('button', { name: 'Создать черновик' }).click();
    await expectText(m.page.getByRole('heading', { level: 1 }), 'Диагностика СОШ № 7, осень');
    await expectText(m.page.getByTestId('campaign-status'), 'черновик');
    await m.page.getByRole('button', { name: 'Открыть кампанию' }).first().click();
    await m.page.getByRole('dialog').getByRole('button', { name: 'Да, открыть' }).click();
    await expectText(m.page.getByTestId('campaign-status'), 'идёт');
    const progress = m.page.getByRole('table', { name: 'Ход по организациям' });
    await expectContains(progress, 'МБОУ «СОШ № 7»');
    expect(await progress.textContent()).not.toContain('СОШ № 8');
    await expectText(m.page.getByTestId('campaign-submitted'), '0');

    // 2. The teacher finds it in the cabinet and starts.
    const tp = await newPage(browser, t.baseUrl);
    await signIn(tp.page, teacher);
    await tp.page.getByRole('link', { name: 'Мой кабинет', exact: true }).click();
    const card = tp.page.getByRole('article', { name: 'Диагностика СОШ № 7, осень' });
    await expectContains(card, 'не начата');
    await card.getByRole('link', { name: 'Начать' }).click();
    await expectText(tp.page.getByTestId('item-position'), 'Вопрос 1 из 7');
    await expectText(tp.page.getByTestId('take-progress'), 'Отвечено 0 из 7');

    // A wrong answer to the first item (competency T-METH-01 becomes a deficit); saved at once.
    await tp.page.getByLabel('Классный журнал').check();
    await expectText(tp.page.getByTestId('save-state'), 'Сохранено');
    await expectText(tp.page.getByTestId('take-progress'), 'Отвечено 1 из 7');

    // The second answer's first request is lost: the answer is kept, shown as retrying, then saved.
    await tp.page.getByRole('button', { name: 'Далее →' }).click();
    let dropped = 0;
    await tp.page.route('**/answers/d2', async (route) => {
      if (dropped++ === 0) return route.abort('internetdisconnected');
      return route.continue();
    });
    await tp.page.getByLabel('Самооценка по критериям').check();
    await expectText(tp.page.getByTestId('save-state'), 'Нет связи — ответ не потерян, повторяем');
    await shot(tp.page, 'assessment-2-retrying');
    await expect
      .poll(async () => (await tp.page.getByTestId('save-state').textContent())?.trim(), { timeout: 30_000 })
      .toBe('Сохранено');
    expect(dropped).toBeGreaterThanOrEqual(2);
    await tp.page.unroute('**/answers/d2');

    // A reload resumes at the first unanswered item with both answers in place.
    await tp.page.reload();
    await expectText(tp.page.getByTestId('item-position'), 'Вопрос 3 из 7');
    await expectText(tp.page.getByTestId('take-progress'), 'Отвечено 2 из 7');
    await tp.page.getByRole('button', { name: 'Вопрос 1, есть ответ' }).click();
    expect(await tp.page.getByLabel('Классный журнал').isChecked()).toBe(true);

    // Submitting lists the unanswered items before confirming.
    await tp.page.getByRole('button', { name: 'Вопрос 7, без ответа' }).click();
    await tp.page.getByRole('button', { name: 'Завершить и отправить' }).click();
    const confirm = tp.page.getByRole('dialog', { name: 'Отправить ответы?' });
    await expectContains(confirm, 'Без ответа 5 из 7');
    await expectContains(confirm, '№ 3');
    await shot(tp.page, 'assessment-3-confirm');
    await confirm.getByRole('button', { name: 'Отправить' }).click();
    await tp.page.getByText('Ответы отправлены').waitFor();
    await tp.page.getByRole('link', { name: 'В мой кабинет' }).click();
    await expectContains(card, 'отправлена');
    // The teacher's own deficits show the result.
    await expectContains(tp.page.getByTestId('competency-T-METH-01'), 'дефицит');
    await shot(tp.page, 'assessment-4-cabinet');
    await tp.context.close();

    // 3. The methodist sees one submission and the deficit on the heatmap.
    await m.page.reload();
    await expectText(m.page.getByTestId('campaign-submitted'), '1');
    await shot(m.page, 'assessment-5-progress');
    // Closing (confirmed) starts building routes; the card links to that job.
    await m.page.getByRole('button', { name: 'Закрыть кампанию' }).click();
    await m.page
      .getByRole('dialog', { name: 'Закрыть кампанию?' })
      .getByRole('button', { name: 'Да, закрыть' })
      .click();
    await expectText(m.page.getByTestId('campaign-status'), 'завершена');
    const job = m.page.getByRole('link', { name: 'Формирование маршрутов: ход работы' });
    await job.waitFor();
    expect(await job.getAttribute('href')).toMatch(/^\/routes\/generation\/[0-9a-f-]{36}$/);
    await m.page.getByRole('link', { name: 'Дефициты', exact: true }).click();
    const heat = m.page.getByRole('table', { name: 'Тепловая карта дефицитов' });
    await expectContains(heat, 'МБОУ «СОШ № 7»');
    const cell = heat.getByTestId('heat-T-METH-01');
    await expectText(cell, '100%1+0/1');
    await cell.click();
    await expectContains(m.page.getByTestId('deficit-people'), 'Тестируемая');
    await shot(m.page, 'assessment-6-heatmap');
    await m.context.close();
  });

  it('the region drills from its municipalities to a school and its people, and back', async () => {
    // Follows the test above: the teacher's submitted result is on the map.
    const r = await newPage(browser, t.baseUrl);
    await signIn(r.page, region);
    await r.page.goto(`${t.baseUrl}/deficits`);
    const heat = r.page.getByRole('table', { name: 'Тепловая карта дефицитов' });
    await expectContains(heat, 'Город Проверочный');
    await expectText(heat.getByTestId('heat-T-METH-01'), '100%1+0/1');
    await heat.getByRole('button', { name: 'Город Проверочный', exact: true }).click();
    await expectContains(heat, 'МБОУ «СОШ № 7»');
    await heat.getByRole('button', { name: 'МБОУ «СОШ № 7»', exact: true }).click();
    await expectContains(heat, 'Тестируемая');
    const crumbs = r.page.getByRole('navigation', { name: 'Уровень карты' });
    await expectContains(crumbs, 'МБОУ «СОШ № 7»');
    await shot(r.page, 'assessment-7-heatmap-people');
    await crumbs.getByRole('button', { name: 'Все муниципалитеты' }).click();
    await expectContains(heat, 'Город Проверочный');
    await r.context.close();
  });
});
