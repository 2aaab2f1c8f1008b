import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_CAMPAIGN_NAME } from '../../src/demo/assessment.demo.ts';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../../src/demo/demo.service.ts';
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
 * «Что сделать сегодня» on the demo: the methodist sees the two answers waiting for review and
 * the teacher of СОШ № 1 her open diagnosis, each a link that opens the page where it is done;
 * the region's operator sees the list or the friendly empty state, never an error.
 */
describe('home page: the day’s work of each role on the demo', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    expect(await loadDemoIfEmpty(t.db)).not.toBeNull();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const openAs = async (email: string): Promise<Page> => {
    const { page } = await newPage(browser, t.baseUrl);
    await signIn(page, { email, password: DEMO_PASSWORD });
    return page;
  };
  const todayWork = (page: Page) => page.getByRole('region', { name: 'Что сделать сегодня' });

  it('the methodist sees the answers to review and opens them', async () => {
    const page = await openAs('metodist@zima.demo');
    const work = todayWork(page);
    await expectContains(work, '2 ответа на формы ждут проверки');
    await shot(page, 'home-work-methodist');
    await work.getByRole('link', { name: '2 ответа на формы ждут проверки' }).click();
    await page.waitForURL(/\/monitoring\/forms\/assignments\/[0-9a-f-]{36}$/);
    await expectText(page.getByRole('heading', { level: 1 }), 'Сведения за 2025/2026 учебный год');
  });

  it('the teacher sees her open diagnosis and opens her cabinet', async () => {
    const page = await openAs('pedagog@zima.demo');
    const work = todayWork(page);
    await expectContains(work, '1 диагностика ждёт прохождения');
    await shot(page, 'home-work-teacher');
    await work.getByRole('link', { name: '1 диагностика ждёт прохождения' }).click();
    await page.waitForURL(/\/cabinet$/);
    await expectContains(page.locator('main'), OPEN_CAMPAIGN_NAME);
  });

  it('a role with nothing to do sees the friendly empty state', async () => {
    const page = await openAs('expert@zima.demo');
    await expectContains(todayWork(page), 'На сегодня дел нет');
  });
});
