import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';
import { setCardsToday } from '../clock.ts';

/**
 * The results and files of a campaign through HTTP: the board's readers get the results by group
 * and the XLSX of every card; the head downloads their own card as DOCX; another school's head,
 * another municipality's methodist and a teacher get 404; every file is audited. The day is fixed.
 */
let t: TestApp;
let methodist: Client;
let farMethodist: Client;
let headA: Client;
let headB: Client;
let teacher: Client;
let campaignId: string;
const cards: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muni = await ctx.newMunicipality();
  const far = await ctx.newMunicipality();
  const a = await ctx.newOrg({ municipalityId: muni.id, kind: 'school', fullName: 'Школа А' });
  const b = await ctx.newOrg({ municipalityId: muni.id, kind: 'school', fullName: 'Школа Б' });
  const at = { municipalityId: muni.id, regionId: muni.regionId };
  methodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at }));
  farMethodist = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', municipalityId: far.id, regionId: far.regionId }),
  );
  headA = await t.login(await ctx.newUser({ role: 'org_head', organizationId: a.id, ...at }));
  headB = await t.login(await ctx.newUser({ role: 'org_head', organizationId: b.id, ...at }));
  const person = await ctx.newPerson({ organizationId: a.id });
  teacher = await t.login(await ctx.newUser({ role: 'teacher', personId: person.id, organizationId: a.id }));
  setCardsToday('2026-09-10');
  const created = await methodist.post('/api/expert-cards/campaigns', {
    title: 'Карты 2025/26',
    schoolYear: 2025,
  });
  campaignId = created.body.id;
  await methodist.post(`/api/expert-cards/campaigns/${campaignId}/start`);
  const board = await methodist.get(`/api/expert-cards/campaigns/${campaignId}`);
  for (const c of board.body.cards) cards[c.organizationId === a.id ? 'A' : 'B'] = c.id;
}, 120_000);

afterAll(async () => {
  setCardsToday(null);
  await t?.close();
});

describe('results and files of an expert-card campaign', () => {
  it('the methodist reads the results by group: both schools ranked against the card’s 39 points', async () => {
    const res = await methodist.get(`/api/expert-cards/campaigns/${campaignId}/results`);
    expect(res.status).toBe(200);
    expect(res.body.groups).toHaveLength(1);
    expect(res.body.groups[0]).toMatchObject({ kind: 'school', count: 2, max: 39, itemsMax: 39 });
    expect(res.body.summary.overall.count).toBe(2);
    expect(res.body.organizations.map((o: { cardId: string }) => o.cardId).sort()).toEqual(
      [cards.A, cards.B].sort(),
    );
  });

  it('the XLSX of every card and the DOCX of one are files; each is audited', async () => {
    const xlsx = await methodist.get(`/api/expert-cards/campaigns/${campaignId}/export.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const docx = await headA.get(`/api/expert-cards/cards/${cards.A}/card.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    expect(new TextDecoder().decode(docx.raw.slice(0, 2))).toBe('PK');
    const audit = await t.db.query<{ entity: string }>(sql`
      SELECT entity FROM audit_log WHERE action = 'export' AND entity IN ('expert_campaign', 'expert_card')
      ORDER BY entity`);
    expect(audit.map((r) => r.entity)).toEqual(['expert_campaign', 'expert_card']);
  });

  it('another school’s head, another municipality’s methodist and a teacher get 404', async () => {
    expect((await headB.get(`/api/expert-cards/cards/${cards.A}/card.docx`)).status).toBe(404);
    expect((await teacher.get(`/api/expert-cards/cards/${cards.A}/card.docx`)).status).toBe(404);
    for (const client of [headA, farMethodist, teacher]) {
      expect((await client.get(`/api/expert-cards/campaigns/${campaignId}/results`)).status).toBe(404);
      expect((await client.get(`/api/expert-cards/campaigns/${campaignId}/export.xlsx`)).status).toBe(404);
    }
  });
});
