import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../../src/demo/demo.service.ts';
import type { TestApp } from '../helpers/test-app.ts';
import { launchBrowser, newPage, signIn, startBrowserApp } from './helpers.ts';

/**
 * Russian on every screen: every page of «Основное меню», as every demo role, once its data has
 * loaded, shows no Latin word — no raw code, enum value or English message — outside a short list
 * of things that are Latin by nature. The 003 preset is loaded first, so that the indicators'
 * formulas are on screen too, and the methodist also opens the set and the teacher's card (the
 * history of changes), a route, a campaign, a program and an organization, one click past the menu.
 */

const ROLES = ['metodist', 'licey', 'kurator', 'expert', 'admin', 'pedagog'] as const;

/**
 * Latin that is right on a Russian screen. Each entry says why; keep it short.
 * - e-mail addresses and URLs: logins and links people copy as they are;
 * - file formats on export buttons and upload hints (XLSX, CSV, PDF, DOCX);
 * - Roman numerals (I, II полугодие; IV квартал): Russian usage;
 * - one-letter variables of a formula quoted from a source document (003: «k = Aₙ / A · 100 %»);
 * - MBI: the name of the burnout inventory (Maslach Burnout Inventory), which has no Russian one;
 * - QR in «QR-код»: the word Russian uses for the check-in code;
 * - identifiers shown as a secondary mark beside a name (a competency's `T-PSY-02`, an
 *   organization's code): the element is marked `data-code` (web/src/components/code-mark.tsx),
 *   so nothing outside such a mark passes for a code.
 */
const ALLOWED_PATTERNS: RegExp[] = [
  /[\w.+-]+@[\w-]+(\.[\w-]+)+/g, // e-mail
  /\bhttps?:\/\/\S+/g, // URL
  /\b[IVX]{1,4}\b/g, // Roman numeral
  /\b[A-Za-z]ₙ?(?= ?[=÷×·/])|(?<=[=÷×·/] ?)[A-Za-z]ₙ?\b/g, // a formula's variable
];
const ALLOWED_WORDS = new Set(['XLSX', 'CSV', 'PDF', 'DOCX', 'MBI', 'QR']);

/** Latin tokens of a text after the allowed patterns are cut out. */
function latinTokens(text: string): string[] {
  let rest = text;
  for (const re of ALLOWED_PATTERNS) rest = rest.replace(re, ' ');
  const found = rest.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? [];
  return [...new Set(found.filter((w) => !ALLOWED_WORDS.has(w)))];
}

/** Waits until the page stops fetching and shows no loading placeholder. */
async function waitForData(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page
    .locator('main [aria-busy="true"], main .mantine-Loader-root, main .mantine-Skeleton-root')
    .first()
    .waitFor({ state: 'detached', timeout: 30_000 })
    .catch(() => undefined);
  await page.waitForLoadState('networkidle');
}

/** What a person reads: the body's rendered text without the `data-code` marks. */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const marks = [...document.querySelectorAll<HTMLElement>('[data-code]')];
    const saved = marks.map((m) => m.style.display);
    for (const m of marks) m.style.display = 'none';
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads
    const text = document.body.innerText;
    marks.forEach((m, i) => {
      m.style.display = saved[i]!;
    });
    return text;
  });
}

/** Every link of the main menu, with its groups opened. */
async function menuLinks(page: Page): Promise<{ label: string; href: string }[]> {
  const nav = page.getByRole('navigation', { name: 'Основное меню' });
  await nav.getByRole('link').first().waitFor();
  for (let i = 0; i < 5; i++) {
    const closed = nav.locator('[aria-expanded="false"]');
    if ((await closed.count()) === 0) break;
    await closed.first().click();
  }
  const links = await nav
    .getByRole('link')
    .evaluateAll((as) =>
      as.map((a) => ({ label: (a.textContent ?? '').trim(), href: a.getAttribute('href') ?? '' })),
    );
  return links.filter((l) => l.href.startsWith('/'));
}

describe('every menu page of every demo role speaks Russian', () => {
  let t: TestApp;
  let browser: Browser;

  /** Pages one click past the menu, per role: the 003 set, the teacher's card with its history. */
  const extra: Record<string, { label: string; href: string }[]> = {};

  beforeAll(async () => {
    [t, browser] = await Promise.all([startBrowserApp(), launchBrowser()]);
    expect(await loadDemoIfEmpty(t.db)).not.toBeNull();
    const methodist = await t.login({ email: 'metodist@zima.demo', password: DEMO_PASSWORD });
    const loaded = await methodist.post('/api/indicator-presets/p003/load', {});
    expect(loaded.status).toBe(201);
    const teacher = await t.login({ email: 'pedagog@zima.demo', password: DEMO_PASSWORD });
    const me = await teacher.get('/api/auth/me');
    expect(me.body.personId).toBeTruthy();
    const first = async (path: string) => {
      const res = await methodist.get(path);
      expect(res.status).toBe(200);
      return (res.body.items[0] as { id: string }).id;
    };
    extra.metodist = [
      { label: 'Набор 003', href: `/monitoring/indicators/${loaded.body.setId}` },
      { label: 'Карточка педагога', href: `/people/${me.body.personId}` },
      { label: 'Маршрут', href: `/routes/${await first('/api/routes?limit=1')}` },
      { label: 'Кампания', href: `/assessment/campaigns/${await first('/api/assessment-campaigns')}` },
      { label: 'Программа', href: `/catalog/programs/${await first('/api/programs')}` },
      { label: 'Организация', href: `/organizations/${await first('/api/organizations?limit=1')}` },
    ];
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the allow-list keeps e-mails, URLs, formats and codes and nothing else', () => {
    expect(latinTokens('Выгрузить XLSX · admin@zima.demo · https://zima.demo/x · II полугодие')).toEqual([]);
    expect(latinTokens('методикой расчёта k = Aₙ / A · 100 %')).toEqual([]);
    expect(latinTokens('T-PSY-02 Инклюзивное образование')).toEqual(['T', 'PSY']);
    expect(latinTokens('agree: learning_route, Invalid input, page: 1')).toEqual([
      'agree',
      'learning_route',
      'Invalid',
      'input',
      'page',
    ]);
  });

  it.each(ROLES)('%s@zima.demo', async (role) => {
    const { context, page } = await newPage(browser, t.baseUrl);
    try {
      await signIn(page, { email: `${role}@zima.demo`, password: DEMO_PASSWORD });
      const links = await menuLinks(page);
      expect(links.length).toBeGreaterThan(2);
      links.push(...(extra[role] ?? []));
      const failures: string[] = [];
      for (const link of links) {
        await page.goto(link.href);
        await waitForData(page);
        const tokens = latinTokens(await visibleText(page));
        if (tokens.length > 0) failures.push(`${role} · «${link.label}» ${link.href}: ${tokens.join(', ')}`);
      }
      expect(failures, failures.join('\n')).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
