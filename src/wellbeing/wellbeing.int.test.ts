import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { SYSTEM_ACTOR } from '../platform/auth/actor.ts';
import { sql } from '../platform/db/database.ts';
import { enqueueJob, waitForJobs } from '../platform/jobs/jobs.queue.ts';
import { WELLBEING_FOLLOW_UP_JOB } from './wellbeing.jobs.ts';
import { reactToBurnoutAttempt } from './wellbeing.service.ts';

/**
 * Burnout support through the real HTTP server: a teacher submits the MBI questionnaire with a
 * high risk and a support plan opens for their school; who sees it is checked role by role — the
 * teacher, the school head, the school's psychologist, another school's head and psychologist, a
 * colleague, the municipal and regional roles (counts only, small counts masked, no names), the
 * curator and the expert. Then the follow-up screening: the reminder, a later attempt, closing.
 */
let t: TestApp;
const as = {} as Record<string, Client>;
const person = {} as Record<string, string>;
let mbi: { id: string };
let itemIds: string[];
let campaignId: string;
let planId: string;

const hourAgo = () => new Date(Date.now() - 3600_000).toISOString();
const inDays = (d: number) => new Date(Date.now() + d * 86400_000).toISOString();

async function settle() {
  for (let i = 0; i < 3; i++) await waitForJobs(t.db);
}

/** A burnout-only campaign of the methodist over both schools, opened. */
async function openBurnoutCampaign(name: string, organizationIds: string[]): Promise<string> {
  const res = await as.methodist!.post('/api/assessment-campaigns', {
    name,
    frameworkId: null,
    instrumentIds: [mbi.id],
    opensAt: hourAgo(),
    closesAt: inDays(14),
    target: { organizationIds },
  });
  expect(res.status).toBe(201);
  expect((await as.methodist!.post(`/api/assessment-campaigns/${res.body.id}/open`)).status).toBe(200);
  return res.body.id;
}

/** Answers every item with `value` (6 everywhere: high exhaustion and depersonalization) and submits. */
async function take(c: Client, campaign: string, value: number) {
  const base = `/api/my/assessments/${campaign}/${mbi.id}`;
  expect((await c.get(base)).status).toBe(200);
  for (const item of itemIds) expect((await c.put(`${base}/answers/${item}`, { value })).status).toBe(200);
  const s = await c.post(`${base}/submit`);
  expect(s.status).toBe(200);
  return s.body as { attemptId: string; scales: { highRisk: boolean } };
}

const planIdsOf = (r: { body: { items: { id: string }[] } }) => r.body.items.map((p) => p.id);

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muni = await ctx.newMunicipality();
  const muniB = await ctx.newMunicipality({ regionId: muni.regionId });
  const schoolA = await ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «Школа Альфа»' });
  const schoolB = await ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «Школа Бета»' });
  const schoolC = await ctx.newOrg({ municipalityId: muniB.id });
  person.schoolA = schoolA.id;
  person.schoolB = schoolB.id;
  person.high = (await ctx.newPerson({ organizationId: schoolA.id, lastName: 'Усталова' })).id;
  person.calm = (await ctx.newPerson({ organizationId: schoolA.id, lastName: 'Спокойнова' })).id;
  person.colleague = (await ctx.newPerson({ organizationId: schoolA.id, lastName: 'Коллегова' })).id;
  person.psychA = (
    await ctx.newPerson({ organizationId: schoolA.id, lastName: 'Психологова', position: 'Педагог-психолог' })
  ).id;
  person.psychB = (
    await ctx.newPerson({
      organizationId: schoolB.id,
      lastName: 'Бетапсихолог',
      position: 'педагог-психолог',
    })
  ).id;
  for (const n of [1, 2, 3])
    person[`b${n}`] = (await ctx.newPerson({ organizationId: schoolB.id, lastName: `Бетова${n}` })).id;
  const at = { regionId: muni.regionId, municipalityId: muni.id };
  const users = {
    admin: await ctx.newUser({ role: 'admin' }),
    region: await ctx.newUser({ role: 'region_admin', regionId: muni.regionId }),
    methodist: await ctx.newUser({ role: 'municipal_methodist', ...at }),
    muniHead: await ctx.newUser({ role: 'municipal_head', ...at }),
    methodistB: await ctx.newUser({
      role: 'municipal_methodist',
      regionId: muni.regionId,
      municipalityId: muniB.id,
    }),
    headA: await ctx.newUser({ role: 'org_head', organizationId: schoolA.id, ...at }),
    headB: await ctx.newUser({ role: 'org_head', organizationId: schoolB.id, ...at }),
    headC: await ctx.newUser({ role: 'org_head', organizationId: schoolC.id }),
    high: await ctx.newUser({ role: 'teacher', personId: person.high, organizationId: schoolA.id }),
    calm: await ctx.newUser({ role: 'teacher', personId: person.calm, organizationId: schoolA.id }),
    colleague: await ctx.newUser({ role: 'teacher', personId: person.colleague, organizationId: schoolA.id }),
    psychA: await ctx.newUser({ role: 'teacher', personId: person.psychA, organizationId: schoolA.id }),
    psychB: await ctx.newUser({ role: 'teacher', personId: person.psychB, organizationId: schoolB.id }),
    b1: await ctx.newUser({ role: 'teacher', personId: person.b1, organizationId: schoolB.id }),
    b2: await ctx.newUser({ role: 'teacher', personId: person.b2, organizationId: schoolB.id }),
    b3: await ctx.newUser({ role: 'teacher', personId: person.b3, organizationId: schoolB.id }),
    curator: await ctx.newUser({ role: 'curator', ...at }),
    expert: await ctx.newUser({ role: 'expert' }),
  };
  for (const [k, u] of Object.entries(users)) as[k] = await t.login(u);
  const preset = await as.methodist!.post('/api/instruments/presets/burnout-mbi-vodopyanova');
  expect([200, 201]).toContain(preset.status);
  mbi = preset.body;
  campaignId = await openBurnoutCampaign('Профилактика выгорания', [schoolA.id, schoolB.id]);
  const sheet = await as.high!.get(`/api/my/assessments/${campaignId}/${mbi.id}`);
  itemIds = sheet.body.instrument.content.items.map((i: { id: string }) => i.id);
});
afterAll(async () => t.close());

describe('a high burnout risk opens a support plan', () => {
  it('opens one plan with the default items for a high risk, none for a lower one', async () => {
    const high = await take(as.high!, campaignId, 6);
    expect(high.scales.highRisk).toBe(true);
    const calm = await take(as.calm!, campaignId, 0);
    expect(calm.scales.highRisk).toBe(false);
    await settle();
    const plans = await t.db.query<{
      id: string;
      person_id: string;
      organization_id: string;
      status: string;
    }>(
      sql`SELECT id, person_id, organization_id, status FROM support_plans
          WHERE organization_id = ${person.schoolA}`,
    );
    expect(plans).toEqual([
      expect.objectContaining({ person_id: person.high, organization_id: person.schoolA, status: 'open' }),
    ]);
    planId = plans[0]!.id;
    const mine = await as.high!.get('/api/my/support');
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0].items.map((i: { kind: string }) => i.kind).sort()).toEqual([
      'group',
      'load_recommendation',
      'psychologist',
    ]);
    expect(mine.body.items[0]).toMatchObject({ riskLevel: 'high', canKeep: false });
    // The reaction again (a retried job, a second emit) changes nothing: one open plan per teacher.
    expect(await reactToBurnoutAttempt({ db: t.db }, SYSTEM_ACTOR, high.attemptId)).toEqual({
      action: 'none',
    });
    const [n] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM support_plans WHERE person_id = ${person.high}`,
    );
    expect(n!.n).toBe(1);
    // The partial unique index itself refuses a second open plan.
    await expect(
      t.db.query(sql`INSERT INTO support_plans (person_id, organization_id, risk_level, opened_on, follow_up_due)
        VALUES (${person.high}, ${person.schoolA}, 'high', '2026-10-01', '2026-12-24')`),
    ).rejects.toMatchObject({ code: '23505' });
    // Three teachers of school B at high risk: the summary's counts there are not masked.
    for (const k of ['b1', 'b2', 'b3']) await take(as[k]!, campaignId, 6);
    await settle();
  });
});

describe('who sees a plan', () => {
  it('the teacher sees their own plan, read only; not the school list', async () => {
    const card = await as.high!.get(`/api/wellbeing/plans/${planId}`);
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({ personId: person.high, canKeep: false });
    expect((await as.high!.get('/api/wellbeing/plans')).status).toBe(403);
    const item = card.body.items[0].id;
    expect(
      (await as.high!.patch(`/api/wellbeing/plans/${planId}/items/${item}`, { done: true })).status,
    ).toBe(403);
    expect((await as.high!.get('/api/wellbeing/access')).body).toEqual({
      keepPlans: false,
      seeSummary: false,
      ownSupport: true,
    });
  });

  it('the school head and the school’s psychologist see and keep the school’s plans', async () => {
    for (const who of ['headA', 'psychA']) {
      const list = await as[who]!.get('/api/wellbeing/plans');
      expect(list.status, who).toBe(200);
      expect(planIdsOf(list), who).toEqual([planId]);
      expect(list.body.items[0].personName, who).toContain('Усталова');
      const card = await as[who]!.get(`/api/wellbeing/plans/${planId}`);
      expect(card.status, who).toBe(200);
      expect(card.body.canKeep, who).toBe(true);
    }
    expect((await as.psychA!.get('/api/wellbeing/access')).body.keepPlans).toBe(true);
  });

  it('another school’s head and psychologist see only their own school’s plans: this one is 404', async () => {
    for (const who of ['headB', 'psychB']) {
      const list = await as[who]!.get('/api/wellbeing/plans');
      expect(list.status, who).toBe(200);
      expect(planIdsOf(list), who).not.toContain(planId);
      expect(list.body.items, who).toHaveLength(3);
      expect((await as[who]!.get(`/api/wellbeing/plans/${planId}`)).status, who).toBe(404);
      expect(
        (await as[who]!.post(`/api/wellbeing/plans/${planId}/items`, { kind: 'other', note: 'Проверка' }))
          .status,
        who,
      ).toBe(404);
    }
    expect((await as.headC!.get('/api/wellbeing/plans')).body.items).toEqual([]);
    expect((await as.headC!.get(`/api/wellbeing/plans/${planId}`)).status).toBe(404);
  });

  it('a colleague, the curator and the expert see nothing: 403 on the list, 404 on the plan', async () => {
    for (const who of ['colleague', 'calm', 'curator', 'expert']) {
      expect((await as[who]!.get('/api/wellbeing/plans')).status, who).toBe(403);
      expect((await as[who]!.get(`/api/wellbeing/plans/${planId}`)).status, who).toBe(404);
      expect((await as[who]!.get('/api/wellbeing/summary')).status, who).toBe(403);
    }
    expect((await as.calm!.get('/api/my/support')).body.items).toEqual([]);
    expect((await as.curator!.get('/api/my/support')).status).toBe(403);
  });

  it('municipal, regional roles and the admin see counts only — masked below 3, no names', async () => {
    for (const who of ['methodist', 'muniHead', 'region', 'admin']) {
      expect((await as[who]!.get('/api/wellbeing/plans')).status, who).toBe(403);
      expect((await as[who]!.get(`/api/wellbeing/plans/${planId}`)).status, who).toBe(404);
      const s = await as[who]!.get('/api/wellbeing/summary');
      expect(s.status, who).toBe(200);
      const text = JSON.stringify(s.body);
      for (const name of ['Усталова', 'Бетова', 'Спокойнова', person.high!])
        expect(text, who).not.toContain(name);
      const a = s.body.items.find((r: { organizationId: string }) => r.organizationId === person.schoolA);
      const b = s.body.items.find((r: { organizationId: string }) => r.organizationId === person.schoolB);
      expect(a, who).toMatchObject({
        highRisk: { value: null, label: 'менее 3' },
        openPlans: { value: null, label: 'менее 3' },
        followUpsDone: { value: 0, label: '0' },
      });
      expect(b, who).toMatchObject({
        highRisk: { value: 3, label: '3' },
        openPlans: { value: 3, label: '3' },
      });
    }
    // Nor does the teacher's card: its history leaves the plan's entries out.
    const personCard = await as.methodist!.get(`/api/people/${person.high}`);
    expect(personCard.status).toBe(200);
    expect(JSON.stringify(personCard.body)).not.toMatch(/support_plan|План поддержки/);
    const [logged] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'support_plan' AND person_id = ${person.high}`,
    );
    expect(logged!.n).toBeGreaterThan(0);
    // Another municipality's methodist: not these schools.
    const other = await as.methodistB!.get('/api/wellbeing/summary');
    expect(other.status).toBe(200);
    expect(other.body.items).toEqual([]);
    // The capability flags say the same.
    const me = await as.methodist!.get('/api/auth/me');
    expect(me.body.capabilities.wellbeing).toEqual({ keepPlans: false, seeSummary: true, ownSupport: false });
  });
});

describe('keeping a plan and the follow-up screening', () => {
  it('the head marks an item done, the psychologist adds one; input is checked', async () => {
    const card = (await as.headA!.get(`/api/wellbeing/plans/${planId}`)).body;
    const item = card.items.find((i: { kind: string }) => i.kind === 'load_recommendation');
    const done = await as.headA!.patch(`/api/wellbeing/plans/${planId}/items/${item.id}`, { done: true });
    expect(done.status).toBe(200);
    expect(done.body.items.find((i: { id: string }) => i.id === item.id).doneOn).not.toBeNull();
    expect((await as.headA!.patch(`/api/wellbeing/plans/${planId}/items/${item.id}`, {})).status).toBe(422);
    const added = await as.psychA!.post(`/api/wellbeing/plans/${planId}/items`, {
      kind: 'psychologist',
      note: 'Вторая консультация',
      dueOn: '2026-11-20',
    });
    expect(added.status).toBe(201);
    expect(added.body.items).toHaveLength(4);
    expect(
      (await as.psychA!.post(`/api/wellbeing/plans/${planId}/items`, { kind: 'x', note: '' })).status,
    ).toBe(422);
    const [audit] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'support_plan' AND entity_id = ${planId}
          AND action IN ('item_done', 'add_item')`,
    );
    expect(audit!.n).toBe(2);
  });

  it('closing «с улучшением» waits for a follow-up without a high risk; another reason needs a note', async () => {
    expect(
      (await as.headA!.post(`/api/wellbeing/plans/${planId}/close`, { outcome: 'improved' })).status,
    ).toBe(409);
    expect((await as.headA!.post(`/api/wellbeing/plans/${planId}/close`, { outcome: 'other' })).status).toBe(
      422,
    );
  });

  it('the daily pass reminds the teacher once when the follow-up is due', async () => {
    const [p] = await t.db.query<{ due: string }>(
      sql`SELECT follow_up_due AS due FROM support_plans WHERE id = ${planId}`,
    );
    const run = async (date: string) => {
      const id = await enqueueJob(t.db, {
        kind: WELLBEING_FOLLOW_UP_JOB,
        params: { date },
        actor: SYSTEM_ACTOR,
      });
      await settle();
      const [job] = await t.db.query<{ status: string; result: any }>(
        sql`SELECT status, result FROM jobs WHERE id = ${id}`,
      );
      return job!;
    };
    const before = await run('2000-01-01');
    expect(before).toMatchObject({ status: 'succeeded', result: { reminded: 0 } });
    const due = await run(p!.due);
    expect(due.status).toBe('succeeded');
    expect(due.result.reminded).toBeGreaterThanOrEqual(1);
    const notes = await t.db.query<{ kind: string; link: string; title: string }>(sql`
      SELECT n.kind, n.link, n.title FROM notifications n JOIN users u ON u.id = n.recipient_user_id
      WHERE u.person_id = ${person.high} AND n.kind = 'support_followup'`);
    expect(notes).toEqual([expect.objectContaining({ link: '/my/support' })]);
    // No letter by default: the admin's mail log would tell who has a plan.
    const [letters] = await t.db.query<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.recipient_user_id
      WHERE u.person_id = ${person.high} AND n.kind = 'support_followup' AND n.outbox_id IS NOT NULL`);
    expect(letters!.n).toBe(0);
    expect((await run(p!.due)).result).toEqual({ reminded: 0 });
  });

  it('a later attempt without a high risk is the follow-up; then the plan closes with its outcome', async () => {
    const second = await openBurnoutCampaign('Повторный скрининг', [person.schoolA!]);
    await take(as.high!, second, 0);
    await settle();
    const card = (await as.psychA!.get(`/api/wellbeing/plans/${planId}`)).body;
    expect(card.followUp).toMatchObject({ riskLevel: 'moderate' });
    expect(card.canCloseImproved).toBe(true);
    const closed = await as.psychA!.post(`/api/wellbeing/plans/${planId}/close`, {
      outcome: 'improved',
      note: 'Нагрузка снижена, консультации проведены',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'improved', canKeep: false });
    // A closed plan is kept as it is.
    const item = closed.body.items[0].id;
    expect(
      (await as.headA!.patch(`/api/wellbeing/plans/${planId}/items/${item}`, { done: true })).status,
    ).toBe(409);
    // The teacher still sees it, with the outcome.
    expect((await as.high!.get('/api/my/support')).body.items[0]).toMatchObject({ status: 'closed' });
    const s = (await as.methodist!.get('/api/wellbeing/summary')).body;
    const a = s.items.find((r: { organizationId: string }) => r.organizationId === person.schoolA);
    // The latest attempt is no longer high: no one at high risk, the plan closed, its follow-up done.
    expect(a).toMatchObject({
      highRisk: { value: 0 },
      openPlans: { value: 0 },
      followUpsDone: { value: null, label: 'менее 3' },
      closedPlans: { value: null, label: 'менее 3' },
    });
  });
});

describe('the follow-up setting', () => {
  it('is 12 weeks by default; only the admin changes it', async () => {
    expect((await as.headA!.get('/api/wellbeing/settings')).body).toEqual({ followUpWeeks: 12 });
    expect((await as.methodist!.put('/api/wellbeing/settings', { followUpWeeks: 8 })).status).toBe(403);
    expect((await as.admin!.put('/api/wellbeing/settings', { followUpWeeks: 0 })).status).toBe(422);
    const changed = await as.admin!.put('/api/wellbeing/settings', { followUpWeeks: 8 });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ followUpWeeks: 8 });
  });
});
