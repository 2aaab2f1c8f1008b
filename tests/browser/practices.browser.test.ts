import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
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
 * The bank of practices: a teacher adds a material under «Мои материалы» and sends it to
 * moderation, a member of the methodical council publishes it on «Модерация», and a colleague of
 * another school finds it in «Банк практик» by a word of its topic.
 */
describe('practices: submit, moderate, find', () => {
  let t: TestApp;
  let browser: Browser;
  let author: { email: string; password: string };
  let councilUser: { email: string; password: string };
  let colleague: { email: string; password: string };

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    const muni = await t.ctx.newMunicipality({ name: 'г. Зима' });
    const schoolA = await t.ctx.newOrg({ municipalityId: muni.id });
    const schoolB = await t.ctx.newOrg({ municipalityId: muni.id });
    const a = await t.ctx.newPerson({ organizationId: schoolA.id, lastName: 'Авторова' });
    const c = await t.ctx.newPerson({ organizationId: schoolB.id, lastName: 'Советова' });
    const b = await t.ctx.newPerson({ organizationId: schoolB.id, lastName: 'Коллегова' });
    author = await t.ctx.newUser({ role: 'teacher', personId: a.id, organizationId: schoolA.id });
    councilUser = await t.ctx.newUser({ role: 'teacher', personId: c.id, organizationId: schoolB.id });
    colleague = await t.ctx.newUser({ role: 'teacher', personId: b.id, organizationId: schoolB.id });
    const [council] = await t.db.query<{ id: string }>(sql`
      INSERT INTO communities (kind, level, region_id, municipality_id, name, leader_person_id)
      VALUES ('methodical_council', 'municipal', ${muni.regionId}, ${muni.id}, 'Методический совет', ${c.id})
      RETURNING id`);
    void council;
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a teacher submits a material, the council publishes it, a colleague finds it', async () => {
    const title = 'Кейсы формирующего оценивания на уроках математики';
    const first = await newPage(browser, t.baseUrl);
    await signIn(first.page, author);
    await first.page.getByRole('link', { name: 'Мои материалы' }).click();
    await first.page.waitForURL(/\/my\/practices$/);
    await expectContains(first.page.getByRole('status'), 'У вас пока нет материалов');
    await first.page.getByRole('button', { name: 'Добавить материал' }).first().click();
    const dialog = first.page.getByRole('dialog');
    await dialog.getByLabel('Название').fill(title);
    await dialog.getByLabel('Тема').fill('Формирующее оценивание');
    await dialog.getByLabel('Ссылка на материал').fill('https://example.org/kejsy');
    await dialog.getByRole('button', { name: 'Сохранить черновик' }).click();
    await first.page.waitForURL(/\/practices\/[0-9a-f-]+$/);
    await expectContains(first.page.getByRole('heading', { level: 1 }), title);
    await first.page.getByRole('button', { name: 'Отправить на модерацию' }).click();
    await expectContains(first.page.getByRole('main'), 'Материал рассматривает методический совет');
    await shot(first.page, 'practices-submitted');
    await first.context.close();

    const second = await newPage(browser, t.baseUrl);
    await signIn(second.page, councilUser);
    await second.page.getByRole('link', { name: 'Банк практик' }).click();
    await second.page.getByRole('link', { name: 'Модерация' }).click();
    const queue = second.page.getByRole('table', { name: 'На модерации' });
    await expectContains(queue, title);
    await shot(second.page, 'practices-moderation');
    await queue.getByRole('button', { name: 'Опубликовать' }).click();
    await expectContains(second.page.getByRole('status'), 'Нет материалов на модерации');
    await second.context.close();

    const third = await newPage(browser, t.baseUrl);
    await signIn(third.page, colleague);
    await third.page.getByRole('link', { name: 'Банк практик' }).click();
    await third.page.getByLabel('Поиск').fill('формирующ');
    const bank = third.page.getByRole('table', { name: 'Банк практик' });
    await expectContains(bank, title);
    await expectContains(bank, 'Авторова');
    await shot(third.page, 'practices-bank');
    await third.page.getByLabel('Поиск').fill('астрономия');
    await expectCount(third.page.getByRole('table', { name: 'Банк практик' }), 0);
    await expectContains(third.page.getByRole('status'), 'По этим условиям материалов нет');
    await third.context.close();
  });
});
