import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';
import { remindDeadlines } from '../campaigns/campaigns.service.ts';
import { setCardsToday } from '../clock.ts';
import { levels004 } from '../scoring.ts';
import { loadCardReports } from './cards.repository.ts';

/**
 * The three stages of an expert-card campaign over HTTP on a small template whose figures are
 * checked by hand below: the head fills and submits (completeness, evidence, 409 on a stale save,
 * the deadline, reopen and the late mark), experts are assigned (never one of the same school),
 * review item by item (accept, change with a reason, return → corrected), the methodist scores
 * (levels against the document's maximum, rank within the group) and closes. Scope: another
 * school's head, an unassigned expert, a teacher, another municipality see nothing; the region
 * reads; an expert after the review's end is refused. The day is fixed with setCardsToday.
 *
 * The template (school group), max by the document = 10, items' sum = 9:
 *   1.1 fact → 3 (evidence required)   1.2 count ≥ 2 → 2 (no evidence)   2.1 choice 0 / 1 / 4
 * Levels (004): high ≥ 80 % of 10 = 8 points, medium ≥ 60 % = 6, low below.
 */
let t: TestApp;
let methodist: Client;
let farMethodist: Client;
let regionAdmin: Client;
let municipalHead: Client;
let teacher: Client;
let deputyC: Client;
let deputyCId: string;
let heads: Record<'A' | 'B' | 'C', Client>;
let expert: Client;
let idleExpert: Client;
let expertId: string;
let sameOrgExpertId: string;
let memberB: string;
let orgs: Record<'A' | 'B' | 'C' | 'far', string>;
let items: { i11: string; i12: string; i21: string };
let templateId: string;
let campaignId: string;
let cards: Record<'A' | 'B' | 'C', string>;
let evidenceFile: string;

beforeAll(async () => {
  t = await startTestApp();
  const { ctx, db } = t;
  const muni = await ctx.newMunicipality();
  const far = await ctx.newMunicipality({ regionId: muni.regionId });
  const [a, b, c, f] = await Promise.all([
    ctx.newOrg({ municipalityId: muni.id }),
    ctx.newOrg({ municipalityId: muni.id }),
    ctx.newOrg({ municipalityId: muni.id }),
    ctx.newOrg({ municipalityId: far.id }),
  ]);
  orgs = { A: a.id, B: b.id, C: c.id, far: f.id };
  const at = { municipalityId: muni.id, regionId: muni.regionId };
  methodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at }));
  farMethodist = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', municipalityId: far.id, regionId: far.regionId }),
  );
  regionAdmin = await t.login(await ctx.newUser({ role: 'region_admin', regionId: muni.regionId }));
  municipalHead = await t.login(await ctx.newUser({ role: 'municipal_head', ...at }));
  const teacherP = await ctx.newPerson({ organizationId: a.id });
  teacher = await t.login(
    await ctx.newUser({ role: 'teacher', personId: teacherP.id, organizationId: a.id }),
  );
  const deputyP = await ctx.newPerson({ organizationId: c.id, lastName: 'Заместителева' });
  const deputy = await ctx.newUser({ role: 'teacher', personId: deputyP.id, organizationId: c.id });
  deputyCId = deputy.id;
  deputyC = await t.login(deputy);
  heads = {
    A: await t.login(await ctx.newUser({ role: 'org_head', organizationId: a.id, ...at })),
    B: await t.login(await ctx.newUser({ role: 'org_head', organizationId: b.id, ...at })),
    C: await t.login(await ctx.newUser({ role: 'org_head', organizationId: c.id, ...at })),
  };
  const e = await ctx.newUser({ role: 'expert', ...at });
  expertId = e.id;
  expert = await t.login(e);
  idleExpert = await t.login(await ctx.newUser({ role: 'expert', ...at }));
  const sameP = await ctx.newPerson({ organizationId: a.id, lastName: 'Своя' });
  sameOrgExpertId = (await ctx.newUser({ role: 'expert', personId: sameP.id, organizationId: a.id, ...at }))
    .id;
  // A teacher of school B in the municipality's expert community: a candidate, but not for B.
  const memberP = await ctx.newPerson({ organizationId: b.id, lastName: 'Экспертова' });
  memberB = (await ctx.newUser({ role: 'teacher', personId: memberP.id, organizationId: b.id })).id;
  await db.query(sql`
    INSERT INTO memberships (kind, person_id, region_id, municipality_id, organization_id, status)
    VALUES ('expert_community', ${memberP.id}, ${muni.regionId}, ${muni.id}, ${b.id}, 'active')`);

  const [tpl] = await db.query<{ id: string }>(sql`
    INSERT INTO expert_card_templates (family, org_kind, title, region_id, municipality_id, stated_max, levels, status)
    VALUES (gen_random_uuid(), 'school', 'Малая карта', ${muni.regionId}, ${muni.id}, 10,
            ${JSON.stringify(levels004)}::jsonb, 'published') RETURNING id`);
  templateId = tpl!.id;
  const [d1] = await db.query<{ id: string }>(sql`
    INSERT INTO expert_card_directions (template_id, position, title, stated_max) VALUES (${templateId}, 1, 'Первое', 6) RETURNING id`);
  const [d2] = await db.query<{ id: string }>(sql`
    INSERT INTO expert_card_directions (template_id, position, title, stated_max) VALUES (${templateId}, 2, 'Второе', 4) RETURNING id`);
  const item = async (dir: string, position: number, rule: object, evidence: boolean) => {
    const [r] = await db.query<{ id: string }>(sql`
      INSERT INTO expert_card_items (template_id, direction_id, position, text, method, rule, source, evidence_required)
      VALUES (${templateId}, ${dir}, ${position}, ${`Показатель ${position}`}, 'метод', ${JSON.stringify(rule)}::jsonb,
              'Документы', ${evidence}) RETURNING id`);
    return r!.id;
  };
  items = {
    i11: await item(d1!.id, 1, { kind: 'fact', points: 3 }, true),
    i12: await item(d1!.id, 2, { kind: 'count', min: 2, points: 2 }, false),
    i21: await item(
      d2!.id,
      1,
      {
        kind: 'choice',
        options: [
          { label: 'нет', points: 0 },
          { label: 'частично', points: 1 },
          { label: 'полностью', points: 4 },
        ],
      },
      false,
    ),
  };
}, 120_000);

afterAll(async () => {
  setCardsToday(null);
  await t?.close();
});

async function item(client: Client, card: string, itemId: string) {
  const res = await client.get(`/api/expert-cards/cards/${card}`);
  expect(res.status).toBe(200);
  return res.body.directions.flatMap((d: any) => d.items).find((i: any) => i.id === itemId);
}

async function save(client: Client, card: string, itemId: string, value: unknown, evidence: unknown[] = []) {
  const current = await item(client, card, itemId);
  return client.put(`/api/expert-cards/cards/${card}/items/${itemId}`, {
    version: current.version,
    value,
    comment: '',
    evidence,
  });
}

const link = [{ kind: 'link', url: 'https://school.example/order.pdf', title: 'Приказ' }];

describe('expert cards: three stages', () => {
  it('creates a campaign with 004 deadlines of the reported year and starts it', async () => {
    setCardsToday('2026-09-10');
    const refused = await heads.A.post('/api/expert-cards/campaigns', { title: 'Карты', schoolYear: 2025 });
    expect(refused.status).toBe(403);
    const res = await methodist.post('/api/expert-cards/campaigns', {
      title: 'Экспертные карты 2025/26',
      schoolYear: 2025,
      templates: { school: templateId },
      maxBasisNote: 'По документу',
    });
    expect(res.status).toBe(201);
    campaignId = res.body.id;
    expect(res.body).toMatchObject({
      fillBy: '2026-09-30',
      verifyBy: '2026-10-15',
      evaluateBy: '2026-11-01',
    });
    expect(res.body.maxBasis).toBe('document');
    const again = await methodist.post('/api/expert-cards/campaigns', { title: 'Ещё', schoolYear: 2025 });
    expect(again.status).toBe(409);

    const started = await methodist.post(`/api/expert-cards/campaigns/${campaignId}/start`);
    expect(started.status).toBe(200);
    expect(started.body.created).toBe(3); // A, B, C; the far school is another municipality's
    const rerun = await methodist.post(`/api/expert-cards/campaigns/${campaignId}/start`);
    expect(rerun.body.created).toBe(0);
    const board = await methodist.get(`/api/expert-cards/campaigns/${campaignId}`);
    expect(board.body.counts).toMatchObject({ cards: 3, draft: 3, overdue: 0, withoutExperts: 3 });
    const byOrg = Object.fromEntries(board.body.cards.map((c: any) => [c.organizationId, c.id]));
    cards = { A: byOrg[orgs.A], B: byOrg[orgs.B], C: byOrg[orgs.C] };
    expect(board.body.cards.every((c: any) => c.items === 3)).toBe(true);
  });

  it('reminds heads three days before the deadline, once a day', async () => {
    expect((await remindDeadlines(t.db, '2026-09-26')).notified).toBe(0);
    expect((await remindDeadlines(t.db, '2026-09-27')).notified).toBe(3);
    expect((await remindDeadlines(t.db, '2026-09-27')).notified).toBe(0);
  });

  it('keeps cards in scope', async () => {
    const mine = await heads.A.get('/api/expert-cards/cards');
    expect(mine.body.items.map((c: any) => c.id)).toEqual([cards.A]);
    expect((await heads.B.get(`/api/expert-cards/cards/${cards.A}`)).status).toBe(404);
    expect((await teacher.get(`/api/expert-cards/cards/${cards.A}`)).status).toBe(404);
    expect((await teacher.get('/api/expert-cards/cards')).body.items).toEqual([]);
    expect((await teacher.get('/api/expert-cards/campaigns')).body.items).toEqual([]);
    expect((await teacher.get(`/api/expert-cards/campaigns/${campaignId}`)).status).toBe(404);
    expect((await idleExpert.get(`/api/expert-cards/cards/${cards.A}`)).status).toBe(404);
    expect((await farMethodist.get(`/api/expert-cards/campaigns/${campaignId}`)).status).toBe(404);
    expect((await regionAdmin.get(`/api/expert-cards/campaigns/${campaignId}`)).status).toBe(200);
    expect((await municipalHead.get(`/api/expert-cards/cards/${cards.B}`)).status).toBe(200);
    expect((await regionAdmin.post(`/api/expert-cards/campaigns/${campaignId}/score`)).status).toBe(403);
    expect(
      (
        await heads.B.put(`/api/expert-cards/cards/${cards.A}/items/${items.i11}`, {
          version: 1,
          value: null,
        })
      ).status,
    ).toBe(404);
  });

  it('stage 1: fills, refuses a stale save keeping both, checks completeness, submits', async () => {
    const early = await heads.A.post(`/api/expert-cards/cards/${cards.A}/submit`);
    expect(early.status).toBe(422);
    expect(early.body.error.issues).toHaveLength(3);

    const first = await save(heads.A, cards.A, items.i11, { kind: 'fact', present: true });
    expect(first.status).toBe(200);
    expect(first.body.claimedPoints).toBe(3);
    // A second window still holds version 1.
    const stale = await heads.A.put(`/api/expert-cards/cards/${cards.A}/items/${items.i11}`, {
      version: 1,
      value: { kind: 'fact', present: false },
      comment: 'из другого окна',
      evidence: [],
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current.value).toEqual({ kind: 'fact', present: true });
    expect(stale.body.error.yours.comment).toBe('из другого окна');

    const wrongKind = await save(heads.A, cards.A, items.i12, { kind: 'fact', present: true });
    expect(wrongKind.status).toBe(422);
    expect((await save(heads.A, cards.A, items.i12, { kind: 'count', count: 3 })).body.claimedPoints).toBe(2);
    expect((await save(heads.A, cards.A, items.i21, { kind: 'choice', option: 2 })).body.claimedPoints).toBe(
      4,
    );
    // The fact is claimed without a document.
    const noEvidence = await heads.A.post(`/api/expert-cards/cards/${cards.A}/submit`);
    expect(noEvidence.status).toBe(422);
    expect(noEvidence.body.error.issues.map((i: any) => i.path)).toEqual([items.i11]);
    const pdf = { data: new Uint8Array(64).map((_, i) => i), type: 'application/pdf' };
    const foreign = await heads.B.upload('/api/files', { name: 'Чужой.pdf', ...pdf });
    const notMine = await save(heads.A, cards.A, items.i11, { kind: 'fact', present: true }, [
      { kind: 'file', fileId: foreign.body.id, name: 'Чужой.pdf' },
    ]);
    expect(notMine.status).toBe(422);
    const up = await heads.A.upload('/api/files', { name: 'Приказ.pdf', ...pdf });
    expect(up.status).toBe(201);
    evidenceFile = up.body.id;
    await save(heads.A, cards.A, items.i11, { kind: 'fact', present: true }, [
      ...link,
      { kind: 'file', fileId: evidenceFile, name: 'Приказ.pdf' },
    ]);
    const submitted = await heads.A.post(`/api/expert-cards/cards/${cards.A}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', late: false });
    expect((await save(heads.A, cards.A, items.i12, { kind: 'count', count: 9 })).status).toBe(409);

    // C's head entrusts a deputy (a teacher of C; one of another school is refused).
    expect((await deputyC.get(`/api/expert-cards/cards/${cards.C}`)).status).toBe(404);
    expect((await heads.A.post('/api/expert-cards/delegates', { userId: deputyCId })).status).toBe(422);
    expect((await deputyC.post('/api/expert-cards/delegates', { userId: deputyCId })).status).toBe(403);
    const granted = await heads.C.post('/api/expert-cards/delegates', { userId: deputyCId });
    expect(granted.body.items.map((d: any) => d.id)).toEqual([deputyCId]);
    expect((await deputyC.get('/api/expert-cards/cards')).body.items.map((x: any) => x.id)).toEqual([
      cards.C,
    ]);
    expect((await deputyC.get(`/api/expert-cards/cards/${cards.A}`)).status).toBe(404);
    // C (by the deputy): nothing present — 0 + 0 + 1 = 1 point; no evidence needed for an absent fact.
    await save(deputyC, cards.C, items.i11, { kind: 'fact', present: false });
    await save(deputyC, cards.C, items.i12, { kind: 'count', count: 1 });
    await save(deputyC, cards.C, items.i21, { kind: 'choice', option: 1 });
    expect((await deputyC.post(`/api/expert-cards/cards/${cards.C}/submit`)).status).toBe(200);
  });

  it('locks the card after the deadline; the methodist reopens it; the late submission is marked', async () => {
    setCardsToday('2026-10-01');
    const locked = await save(heads.B, cards.B, items.i11, { kind: 'fact', present: true }, link);
    expect(locked.status).toBe(409);
    expect(locked.body.error.message).toContain('30.09.2026');
    const overdue = await methodist.get(`/api/expert-cards/campaigns/${campaignId}/overdue`);
    expect(overdue.body.items.map((i: any) => i.cardId)).toEqual([cards.B]);
    expect(overdue.body.items[0].stage).toBe('fill');
    // After the deadline the head is reminded daily while the card is not submitted.
    expect((await remindDeadlines(t.db, '2026-10-01')).notified).toBe(1);

    expect(
      (await heads.B.post(`/api/expert-cards/cards/${cards.B}/reopen`, { reason: 'Болезнь' })).status,
    ).toBe(403);
    const reopened = await methodist.post(`/api/expert-cards/cards/${cards.B}/reopen`, {
      reason: 'Руководитель был в отпуске',
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body.reopenReason).toBe('Руководитель был в отпуске');
    await save(heads.B, cards.B, items.i11, { kind: 'fact', present: true }, link);
    await save(heads.B, cards.B, items.i12, { kind: 'count', count: 2 });
    await save(heads.B, cards.B, items.i21, { kind: 'choice', option: 2 });
    const late = await heads.B.post(`/api/expert-cards/cards/${cards.B}/submit`);
    expect(late.body).toMatchObject({ status: 'submitted', late: true });
    expect(late.body.history.map((h: any) => h.kind)).toContain('reopened');
  });

  it('stage 2: assigns experts, never one of the same school', async () => {
    const sameOrg = await methodist.post(`/api/expert-cards/cards/${cards.A}/experts`, {
      expertId: sameOrgExpertId,
    });
    expect(sameOrg.status).toBe(422);
    const candidatesB = await methodist.get(`/api/expert-cards/cards/${cards.B}/expert-candidates`);
    const member = candidatesB.body.items.find((c: any) => c.id === memberB);
    expect(member).toMatchObject({ allowed: false });
    expect(candidatesB.body.items.find((c: any) => c.id === expertId)).toMatchObject({ allowed: true });
    expect(
      (await methodist.post(`/api/expert-cards/cards/${cards.B}/experts`, { expertId: memberB })).status,
    ).toBe(422);
    // A member of the expert community from school B may check school A; then taken off again.
    expect(
      (await methodist.post(`/api/expert-cards/cards/${cards.A}/experts`, { expertId: memberB })).status,
    ).toBe(200);
    const off = await methodist.delete(`/api/expert-cards/cards/${cards.A}/experts/${memberB}`);
    expect(off.body.experts).toEqual([]);
    expect(off.body.history.at(-1)).toMatchObject({
      kind: 'expert_unassigned',
      comment: expect.stringMatching(/\S/),
    });
    for (const card of Object.values(cards)) {
      const res = await methodist.post(`/api/expert-cards/cards/${card}/experts`, { expertId });
      expect(res.status).toBe(200);
    }
    expect((await heads.A.post(`/api/expert-cards/cards/${cards.A}/experts`, { expertId })).status).toBe(403);
    // The assigned expert opens the evidence file; another school's head does not.
    expect((await expert.get(`/api/files/${evidenceFile}`)).status).toBe(200);
    expect((await heads.B.get(`/api/files/${evidenceFile}`)).status).not.toBe(200);
    const list = await expert.get('/api/expert-cards/cards');
    expect(list.body.items).toHaveLength(3);
    expect(list.body.items.every((c: any) => c.role === 'expert' && c.toReview === 3)).toBe(true);
  });

  it('stage 2: reviews item by item; a returned item is corrected and goes back to the expert', async () => {
    setCardsToday('2026-10-05');
    const url = (card: string, itemId: string) => `/api/expert-cards/cards/${card}/items/${itemId}/review`;
    expect((await expert.post(url(cards.A, items.i11), { action: 'accept' })).status).toBe(200);
    const noReason = await expert.post(url(cards.A, items.i12), { action: 'change', points: 1 });
    expect(noReason.status).toBe(422);
    expect(
      (
        await expert.post(url(cards.A, items.i12), {
          action: 'change',
          points: 1,
          comment: 'Одно мероприятие не в срок',
        })
      ).status,
    ).toBe(200);
    const returned = await expert.post(url(cards.A, items.i21), {
      action: 'return',
      comment: 'Приложите план: выполнен частично',
    });
    expect(returned.body.status).toBe('returned');
    expect((await idleExpert.post(url(cards.A, items.i11), { action: 'accept' })).status).toBe(404);

    // The head may change only the returned item.
    expect((await save(heads.A, cards.A, items.i12, { kind: 'count', count: 5 })).status).toBe(409);
    const i21 = await item(heads.A, cards.A, items.i21);
    expect(i21).toMatchObject({ review: 'returned', expertComment: 'Приложите план: выполнен частично' });
    const corrected = await save(heads.A, cards.A, items.i21, { kind: 'choice', option: 1 });
    expect(corrected.body).toMatchObject({ review: 'corrected', claimedPoints: 1 });
    expect((await heads.A.post(`/api/expert-cards/cards/${cards.A}/submit`)).body.status).toBe('submitted');
    const verified = await expert.post(url(cards.A, items.i21), { action: 'accept' });
    expect(verified.body.status).toBe('verified');
    expect(verified.body.history.map((h: any) => h.kind)).toEqual(
      expect.arrayContaining([
        'submitted',
        'accepted',
        'changed',
        'returned',
        'corrected',
        'resubmitted',
        'verified',
      ]),
    );

    for (const i of Object.values(items)) await expert.post(url(cards.B, i), { action: 'accept' });
    // Not all verified and the review is still open: no scoring yet.
    const early = await methodist.post(`/api/expert-cards/campaigns/${campaignId}/score`);
    expect(early.status).toBe(409);
  });

  it('refuses an expert after the review ends; stage 3 scores, ranks and closes', async () => {
    // Three days before the review ends: the expert of C, the one card with items to review.
    expect((await remindDeadlines(t.db, '2026-10-11')).notified).toBe(0);
    expect((await remindDeadlines(t.db, '2026-10-12')).notified).toBe(1);
    expect((await remindDeadlines(t.db, '2026-10-12')).notified).toBe(0);
    const [told] = await t.db.query<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM notifications WHERE recipient_user_id = ${expertId} AND kind = 'expert_card_deadline'`);
    expect(told!.n).toBe(1);

    setCardsToday('2026-10-16');
    const late = await expert.post(`/api/expert-cards/cards/${cards.C}/items/${items.i11}/review`, {
      action: 'accept',
    });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('15.10.2026');
    const overdue = await methodist.get(`/api/expert-cards/campaigns/${campaignId}/overdue`);
    expect(overdue.body.items).toMatchObject([{ cardId: cards.C, stage: 'verify', toReview: 3 }]);

    const scored = await methodist.post(`/api/expert-cards/campaigns/${campaignId}/score`);
    expect(scored.status).toBe(200);
    const by = Object.fromEntries(scored.body.cards.map((c: any) => [c.id, c]));
    // A: 3 (accepted) + 1 (changed from 2) + 1 (corrected to «частично») = 5 → 50 % of 10: low, rank 2.
    expect(by[cards.A]).toMatchObject({ totalPoints: 5, level: 'low', rank: 2 });
    // B: 3 + 2 + 4 = 9 → 90 %: high, rank 1 (late does not change points).
    expect(by[cards.B]).toMatchObject({ totalPoints: 9, level: 'high', rank: 1 });
    // C: never reviewed; its claims count: 0 + 0 + 1 = 1 → low, rank 3.
    expect(by[cards.C]).toMatchObject({ totalPoints: 1, level: 'low', rank: 3 });

    const [report] = await loadCardReports(t.db, { campaignId, cardIds: [cards.A] });
    expect(report!.template).toMatchObject({ statedMax: 10, itemsMax: 9, max: 10 });
    expect(report!.card).toMatchObject({ totalPoints: 5, rank: 2, groupSize: 3, late: false });
    expect(report!.directions.map((d) => d.items.map((i) => i.verifiedPoints ?? i.claimedPoints))).toEqual([
      [3, 1],
      [1],
    ]);
    expect(report!.experts).toHaveLength(1);
    expect(report!.previous).toBeNull();

    expect((await regionAdmin.post(`/api/expert-cards/campaigns/${campaignId}/close`)).status).toBe(403);
    const closed = await methodist.post(`/api/expert-cards/campaigns/${campaignId}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.closedAt).not.toBeNull();
    expect(
      (await methodist.post(`/api/expert-cards/cards/${cards.C}/reopen`, { reason: 'Поздно' })).status,
    ).toBe(409);

    const [audit] = await t.db.query<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM audit_log WHERE entity IN ('expert_card', 'expert_campaign')`);
    expect(audit!.n).toBeGreaterThan(20);
  });
});
