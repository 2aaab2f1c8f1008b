import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { WEB_DIST } from '../../src/server/app.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * Browser journeys: the real app on a free port over a fresh database, serving the built UI,
 * driven by Debian's Chromium through playwright-core.
 */

export const CHROMIUM = process.env.MARSHRUT_CHROMIUM ?? '/usr/bin/chromium';

/** Without these Chromium stalls on a closed network (update checks, QUIC, sync, first-run UI). */
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SHOTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '.shots');

/**
 * Retrying assertions over the page (playwright-core has no `expect` of its own): they poll
 * until the page catches up with the request it is waiting for, or the timeout passes.
 */
const POLL = { timeout: 30_000, interval: 50 };
const text = async (l: Locator) => ((await l.textContent()) ?? '').replace(/\s+/g, ' ').trim();

export async function expectText(locator: Locator, wanted: string): Promise<void> {
  await expect.poll(() => text(locator), POLL).toBe(wanted);
}

export async function expectContains(locator: Locator, wanted: string): Promise<void> {
  await expect.poll(() => text(locator), POLL).toContain(wanted);
}

export async function expectCount(locator: Locator, n: number): Promise<void> {
  await expect.poll(() => locator.count(), POLL).toBe(n);
}

/** playwright-core gives every launch a fresh temporary profile (its own --user-data-dir). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium не найден: ${CHROMIUM}. Установите: apt-get install -y chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 120_000 });
}

/** A 1366×768 window: the screen of a typical school laptop. */
export async function newPage(
  browser: Browser,
  baseUrl: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1366, height: 768 },
    locale: 'ru-RU',
    timezoneId: 'Asia/Irkutsk',
    acceptDownloads: true,
  });
  // Generous for a loaded 2-core machine; a passing step waits no longer than it needs.
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[browser] ${err.message}`));
  return { context, page };
}

/** Starts the app (with the built UI) over a fresh database; see tests/helpers/test-app.ts. */
export async function startBrowserApp(): Promise<TestApp> {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error('Нет собранного интерфейса dist/web: выполните npm run build:web');
  }
  return startTestApp();
}

export async function signIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Электронная почта').fill(user.email);
  await page.getByLabel('Пароль').fill(user.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** A full-page screenshot into tests/browser/.shots/ (git-ignored) for a human to look at. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const file = path.join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
