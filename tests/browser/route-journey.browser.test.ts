import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/platform/db/database.ts';
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

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000);
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Journey 4 (issue 3): diagnosis → deficits → a generated route → agreement → a done item
 * confirmed by the curator. Everyone acts in the browser; only the catalog and the campaign
 * are prepared through the API.
 */
describe('from a diagnosis to a confirmed item of the route', () => {
  let t: TestApp;
  let browser: Browser;
  let teacher: { email: string; password: string };
  let curator: { email: string; password: string };
  let methodist: { email: string; password: string };
  let stranger: { email: string; password: string };
  let campaignId: string;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const { ctx } = t;
    const muni = await ctx.newMunicipality();
    const school = await ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «СОШ № 3»' });
    const person = await ctx.newPerson({
      organizationId: school.id,
      lastName: 'Маршрутова',
      firstName: 'Ирина',
    });
    teacher = await ctx.newUser({
      role: 'teacher',
      personId: person.id,
      organizationId: school.id,
      municipalityId: muni.id,
      regionId: muni.regionId,
    });
    curator = await ctx.newUser({ role: 'curator', municipalityId: muni.id, regionId: muni.regionId });
    await ctx.db.query(
      sql`UPDATE users SET full_name = 'Кураторова Нина Петровна' WHERE email = ${curator.email}`,
    );
    // A teacher of another school of the same town: must not reach the route.
    const otherSchool = await ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «СОШ № 4»' });
    const otherPerson = await ctx.newPerson({ organizationId: otherSchool.id, lastName: 'Соседова' });
    stranger = await ctx.newUser({
      role: 'teacher',
      personId: otherPerson.id,
      organizationId: otherSchool.id,
      municipalityId: muni.id,
      regionId: muni.regionId,
    });
    methodist = await ctx.newUser({
      role: 'municipal_methodist',
      municipalityId: muni.id,
      regionId: muni.regionId,
    });

    const api = await t.login(methodist);
    // The preset test brings the teacher framework (профстандарт) with it.
    const instrument = await api.post('/api/instruments/presets/teacher-demo-test');
    expect([200, 201]).toContain(instrument.status);
    // A program with a cohort next month addressing «Проектирование урока» (question 1 of the test).
    const program = await api.post('/api/programs', {
      code: 'ПК-МАРШРУТ-1',
      name: 'Проектирование современного урока',
      kind: 'upgrade',
      hours: 36,
      provider: 'ЦНППМ',
      format: 'distance',
      competencyCodes: ['T-METH-01'],
    });
    expect(program.status).toBe(201);
    const cohort = await api.post(`/api/programs/${program.body.id}/cohorts`, {
      startsOn: isoDate(inDays(30)),
      endsOn: isoDate(inDays(45)),
      seats: 25,
    });
    expect(cohort.status).toBe(201);
    const campaign = await api.post('/api/assessment-campaigns', {
      name: 'Диагностика СОШ № 3',
      frameworkId: instrument.body.frameworkId,
      instrumentIds: [instrument.body.id],
      opensAt: new Date(Date.now() - 3_600_000).toISOString(),
      closesAt: inDays(14).toISOString(),
      target: { organizationIds: [school.id] },
    });
    expect(campaign.status).toBe(201);
    campaignId = campaign.body.id;
    expect((await api.post(`/api/assessment-campaigns/${campaignId}/open`)).status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const openAs = async (user: { email: string; password: string }): Promise<Page> => {
    const { page } = await newPage(browser, t.baseUrl);
    await signIn(page, user);
    return page;
  };

  it('the teacher takes the test, the route is generated, agreed, followed and confirmed', async () => {
    // 1. The teacher takes the test in the cabinet: a wrong answer to question 1, the rest left empty.
    const tp = await openAs(teacher);
    await tp.goto('/cabinet');
    await tp.getByRole('link', { name: 'Начать' }).click();
    await tp.getByLabel('Классный журнал').check();
    await tp.getByText('Сохранено').first().waitFor();
    await tp.getByRole('button', { name: /^Вопрос 7/ }).click();
    await tp.getByRole('button', { name: 'Завершить и отправить' }).click();
    await tp.getByRole('dialog').getByRole('button', { name: 'Отправить' }).click();
    await tp.getByRole('dialog').waitFor({ state: 'detached' });
    // The deficits appear in the cabinet.
    await tp.goto('/cabinet');
    await expectContains(tp.getByTestId('competency-T-METH-01'), 'дефицит');
    await shot(tp, '4-route-1-teacher-deficits');

    // 2. The methodist closes the campaign and watches the routes being generated.
    const mp = await openAs(methodist);
    await mp.goto(`/assessment/campaigns/${campaignId}`);
    await mp.getByRole('button', { name: 'Закрыть кампанию' }).click();
    await mp.getByRole('dialog').getByRole('button', { name: 'Да, закрыть' }).click();
    await mp.getByRole('link', { name: 'Формирование маршрутов: ход работы' }).click();
    await expectText(mp.getByTestId('job-status'), 'Готово');
    const result = mp.getByTestId('generation-result');
    await expectContains(result, 'Маршрутов создано1');
    await expectContains(mp.getByRole('list', { name: 'Маршрутов у куратора' }), 'Кураторова Нина Петровна');
    await shot(mp, '4-route-2-generation');
    // The list shows the draft.
    await mp.getByRole('link', { name: 'К списку маршрутов' }).click();
    await expectText(mp.getByTestId('routes-count'), 'Найдено: 1 маршрут');
    await expectContains(mp.getByRole('table', { name: 'Маршруты' }), 'Маршрутова');

    // 3. The teacher opens «Мой маршрут»: items with the reasons they were chosen; agrees.
    await tp.getByRole('link', { name: 'Мой маршрут' }).click();
    await expectContains(tp.getByTestId('route-status'), 'Черновик');
    const program = tp.getByRole('article', { name: 'Проектирование современного урока' });
    await expectContains(program.getByTestId('item-reason'), 'Почему в маршруте:');
    await expectContains(program.getByTestId('item-reason'), 'по компетенции «Проектирование урока»');
    expect(await tp.getByTestId('route-item').count()).toBeGreaterThan(1);
    await tp.getByRole('button', { name: 'Согласовать маршрут' }).click();
    await expect.poll(() => tp.getByTestId('agreed-teacher').textContent()).not.toBe('ещё нет');
    await shot(tp, '4-route-3-teacher-route');

    // 4. The curator agrees in the workspace's route and starts it.
    const cp = await openAs(curator);
    await cp.getByRole('link', { name: 'Кабинет куратора' }).click();
    await cp
      .getByRole('table', { name: 'Мои маршруты' })
      .getByRole('link', { name: /Маршрутова/ })
      .click();
    await cp.getByRole('button', { name: 'Согласовать как куратор' }).click();
    await expectContains(cp.getByTestId('route-status'), 'Согласован');
    await cp.getByRole('button', { name: 'Начать выполнение' }).click();
    await expectContains(cp.getByTestId('route-status'), 'Выполняется');
    await expectContains(cp.getByTestId('route-progress'), '0%');

    // 5. The teacher marks the program done with a link.
    await tp.reload();
    await expectContains(tp.getByTestId('route-status'), 'Выполняется');
    await program.getByRole('button', { name: 'Отметить выполнение' }).click();
    const dialog = tp.getByRole('dialog');
    await dialog.getByLabel('Ссылка на подтверждение').fill('https://example.org/udostoverenie-123');
    await dialog.getByLabel('Комментарий для куратора').fill('Удостоверение о повышении квалификации');
    await dialog.getByRole('button', { name: 'Отправить на подтверждение' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expectText(program.getByTestId('item-status'), 'Ждёт подтверждения');
    await expectContains(program.getByTestId('item-evidence'), 'https://example.org/udostoverenie-123');

    // 6. The curator confirms it from «Ждут подтверждения».
    await cp.goto('/curator');
    const waiting = cp.getByTestId('confirmation');
    await expectCount(waiting, 1);
    await expectContains(waiting, 'https://example.org/udostoverenie-123');
    await shot(cp, '4-route-4-curator-waiting');
    await waiting.getByRole('button', { name: 'Подтвердить' }).click();
    await cp.getByText('Нечего подтверждать').waitFor();

    // 7. The route card shows the item confirmed and the progress moved.
    await cp
      .getByRole('table', { name: 'Мои маршруты' })
      .getByRole('link', { name: /Маршрутова/ })
      .click();
    const confirmed = cp.getByRole('article', { name: 'Проектирование современного урока' });
    await expectText(confirmed.getByTestId('item-status'), 'Подтверждено');
    await expectContains(confirmed, 'Подтвердил(а) Кураторова Нина Петровна');
    const percent = async () =>
      Number(/(\d+)%/.exec((await cp.getByTestId('route-progress').textContent()) ?? '')?.[1]);
    await expect.poll(percent).toBeGreaterThan(0);
    await tp.reload();
    await expectText(program.getByTestId('item-status'), 'Подтверждено');
    await shot(cp, '4-route-5-confirmed');

    // 8. A teacher of the school next door reaches neither the card nor the API.
    const routeUrl = new URL(cp.url()).pathname;
    expect(routeUrl).toMatch(/^\/routes\/[0-9a-f-]{36}$/);
    const sp = await openAs(stranger);
    await sp.goto(routeUrl);
    await expectContains(sp.getByRole('alert'), 'Нет доступа или запись не найдена');
    await expectCount(sp.getByText('Маршрутова'), 0);
    const status = await sp.evaluate(async (path) => (await fetch(`/api${path}`)).status, routeUrl);
    expect(status).toBe(404);
    await sp.goto('/my/route');
    await sp.getByText('Маршрута пока нет').waitFor();
  });
});
