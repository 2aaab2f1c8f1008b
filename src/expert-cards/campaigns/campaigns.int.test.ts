import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';
import { loadCardReports } from '../cards/cards.repository.ts';
import { setCardsToday } from '../clock.ts';
import { presets004 } from '../presets/preset-004.ts';

/**
 * Campaigns on the 004 presets: each group (ДОО, ОО, ДО) gets its own card with an answer row for
 * every printed item, other kinds of organization none; the maximum's basis is the campaign's
 * choice; last year's card stands beside this year's in the report; the region reads all its
 * municipalities' campaigns, another region nothing; the admin names the municipality.
 */
let t: TestApp;
let admin: Client;
let methodist: Client;
let regionAdmin: Client;
let farRegionAdmin: Client;
let muniId: string;
let orgs: Record<'preschool' | 'school' | 'additional', string>;

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muni = await ctx.newMunicipality();
  muniId = muni.id;
  const farMuni = await ctx.newMunicipality();
  orgs = {
    preschool: (await ctx.newOrg({ municipalityId: muni.id, kind: 'preschool' })).id,
    school: (await ctx.newOrg({ municipalityId: muni.id, kind: 'school' })).id,
    additional: (await ctx.newOrg({ municipalityId: muni.id, kind: 'additional' })).id,
  };
  await ctx.newOrg({ municipalityId: muni.id, kind: 'vocational' });
  admin = await t.login(await ctx.newUser({ role: 'admin' }));
  methodist = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', municipalityId: muni.id, regionId: muni.regionId }),
  );
  regionAdmin = await t.login(await ctx.newUser({ role: 'region_admin', regionId: muni.regionId }));
  farRegionAdmin = await t.login(await ctx.newUser({ role: 'region_admin', regionId: farMuni.regionId }));
}, 120_000);

afterAll(async () => {
  setCardsToday(null);
  await t?.close();
});

describe('expert card campaigns on the 004 presets', () => {
  let lastYear: string;
  let thisYear: string;

  it('gives each group its preset card with every item; no card for other kinds', async () => {
    setCardsToday('2025-09-01');
    const noMuni = await admin.post('/api/expert-cards/campaigns', {
      title: 'Без территории',
      schoolYear: 2024,
    });
    expect(noMuni.status).toBe(422);
    const res = await admin.post('/api/expert-cards/campaigns', {
      title: 'Экспертные карты 2024/25',
      schoolYear: 2024,
      municipalityId: muniId,
    });
    expect(res.status).toBe(201);
    lastYear = res.body.id;
    expect(res.body.templates.map((x: any) => x.orgKind).sort()).toEqual([
      'additional',
      'preschool',
      'school',
    ]);
    const started = await methodist.post(`/api/expert-cards/campaigns/${lastYear}/start`);
    expect(started.body.created).toBe(3);
    const board = await methodist.get(`/api/expert-cards/campaigns/${lastYear}`);
    for (const preset of presets004) {
      const card = board.body.cards.find(
        (c: any) => c.organizationId === orgs[preset.orgKind as keyof typeof orgs],
      );
      const printed = preset.directions.reduce((s, d) => s + d.items.length, 0);
      expect(card.items, preset.code).toBe(printed);
    }
  });

  it('scores after the review ends even with nothing verified, and reports last year beside', async () => {
    setCardsToday('2025-10-16');
    const scored = await methodist.post(`/api/expert-cards/campaigns/${lastYear}/score`);
    expect(scored.status).toBe(200);
    expect(scored.body.cards.every((c: any) => c.totalPoints === 0 && c.rank === 1)).toBe(true);
    expect((await methodist.post(`/api/expert-cards/campaigns/${lastYear}/close`)).status).toBe(200);

    setCardsToday('2026-09-01');
    const res = await methodist.post('/api/expert-cards/campaigns', {
      title: 'Экспертные карты 2025/26',
      schoolYear: 2025,
      maxBasis: 'items',
      maxBasisNote: 'Уровни — от суммы баллов показателей: в документе максимум не совпадает с суммой',
    });
    expect(res.status).toBe(201);
    thisYear = res.body.id;
    await methodist.post(`/api/expert-cards/campaigns/${thisYear}/start`);
    const reports = await loadCardReports(t.db, { campaignId: thisYear });
    expect(reports).toHaveLength(3);
    for (const r of reports) {
      expect(r.template.max).toBe(r.template.itemsMax);
      expect(r.campaign.maxBasisNote).toContain('от суммы');
      expect(r.previous).toMatchObject({ schoolYear: 2024, totalPoints: 0 });
      expect(r.previous!.byDirection).toHaveLength(r.directions.length);
    }
    const lastReports = await loadCardReports(t.db, { campaignId: lastYear });
    for (const r of lastReports) expect(r.template.max).toBe(r.template.statedMax ?? r.template.itemsMax);
  });

  it('the region reads its campaigns, another region nothing; a closed campaign stays closed', async () => {
    const mine = await regionAdmin.get('/api/expert-cards/campaigns');
    expect(mine.body.items.map((c: any) => c.schoolYear)).toEqual([2025, 2024]);
    expect(mine.body.items.every((c: any) => c.canManage === false)).toBe(true);
    expect((await farRegionAdmin.get('/api/expert-cards/campaigns')).body.items).toEqual([]);
    expect((await farRegionAdmin.get(`/api/expert-cards/campaigns/${thisYear}`)).status).toBe(404);
    expect((await methodist.post(`/api/expert-cards/campaigns/${lastYear}/score`)).status).toBe(409);
    const [n] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM expert_card_templates WHERE preset_code IS NOT NULL AND region_id IS NULL`,
    );
    expect(n!.n).toBe(3); // the presets' rows are created once
  });
});
