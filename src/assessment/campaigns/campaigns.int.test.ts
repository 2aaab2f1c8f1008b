import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';
import { today } from '../../platform/time/today.ts';

/**
 * Every test builds its own world (a municipality with its schools, people and signed-in users)
 * and its own campaigns; only the system preset instrument, which no test edits, is shared.
 */
let t: TestApp;
let instrument: any;

const hourAgo = () => new Date(Date.now() - 3600_000).toISOString();
const inDays = (d: number) => new Date(Date.now() + d * 86400_000).toISOString();

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.login(await t.ctx.newUser({ role: 'admin' }));
  const preset = await admin.post('/api/instruments/presets/teacher-demo-test');
  expect([200, 201]).toContain(preset.status);
  instrument = preset.body;
});
afterAll(async () => t.close());

/**
 * A fresh municipality A (school1: t1, t2; school2: t3) and a neighbour B (schoolB: outsider)
 * in the same region, with a signed-in client per role.
 */
async function world() {
  const { ctx } = t;
  const muniA = await ctx.newMunicipality();
  const muniB = await ctx.newMunicipality({ regionId: muniA.regionId });
  const school1 = await ctx.newOrg({ municipalityId: muniA.id });
  const school2 = await ctx.newOrg({ municipalityId: muniA.id });
  const schoolB = await ctx.newOrg({ municipalityId: muniB.id });
  const t1 = await ctx.newPerson({ organizationId: school1.id });
  const t2 = await ctx.newPerson({ organizationId: school1.id });
  const t3 = await ctx.newPerson({ organizationId: school2.id });
  const outsider = await ctx.newPerson({ organizationId: schoolB.id });
  const users = {
    admin: await ctx.newUser({ role: 'admin' }),
    methodist: await ctx.newUser({ role: 'municipal_methodist', municipalityId: muniA.id }),
    methodistB: await ctx.newUser({ role: 'municipal_methodist', municipalityId: muniB.id }),
    head1: await ctx.newUser({ role: 'org_head', organizationId: school1.id }),
    head2: await ctx.newUser({ role: 'org_head', organizationId: school2.id }),
    teacher1: await ctx.newUser({ role: 'teacher', personId: t1.id, organizationId: school1.id }),
    teacher2: await ctx.newUser({ role: 'teacher', personId: t2.id, organizationId: school1.id }),
    teacher3: await ctx.newUser({ role: 'teacher', personId: t3.id, organizationId: school2.id }),
    outsider: await ctx.newUser({ role: 'teacher', personId: outsider.id, organizationId: schoolB.id }),
    nobody: await ctx.newUser({ role: 'teacher' }),
  };
  const as = {} as Record<keyof typeof users, Client>;
  for (const [k, u] of Object.entries(users)) as[k as keyof typeof users] = await t.login(u);
  return { muniA, muniB, school1, school2, schoolB, t1, t2, t3, outsider, as };
}
type World = Awaited<ReturnType<typeof world>>;

/** A campaign body over the shared instrument for both schools of the world. */
const body = (w: World, over: Record<string, unknown> = {}) => ({
  name: 'Весенняя диагностика педагогов',
  frameworkId: instrument.frameworkId,
  instrumentIds: [instrument.id],
  opensAt: hourAgo(),
  closesAt: inDays(14),
  target: { organizationIds: [w.school1.id, w.school2.id] },
  ...over,
});

/** Creates and opens a campaign as `by` (the world's methodist unless told); returns the opened card. */
async function openCampaign(w: World, over: Record<string, unknown> = {}, by: Client = w.as.methodist) {
  const created = await by.post('/api/assessment-campaigns', body(w, over));
  expect(created.status).toBe(201);
  const opened = await by.post(`/api/assessment-campaigns/${created.body.id}/open`);
  expect(opened.status).toBe(200);
  return opened.body;
}

describe('assessment campaigns', () => {
  it('401 anonymous, 403 teacher, 422 bad window / outside organizations', async () => {
    const w = await world();
    const { as } = w;
    expect((await t.client().get('/api/assessment-campaigns')).status).toBe(401);
    expect((await t.client().post('/api/assessment-campaigns', body(w))).status).toBe(401);
    expect((await as.teacher1.post('/api/assessment-campaigns', body(w))).status).toBe(403);
    expect((await as.teacher1.get('/api/assessment-campaigns')).status).toBe(403);
    const backwards = await as.methodist.post(
      '/api/assessment-campaigns',
      body(w, { opensAt: inDays(2), closesAt: inDays(1) }),
    );
    expect(backwards.status).toBe(422);
    const outside = await as.methodist.post(
      '/api/assessment-campaigns',
      body(w, { target: { organizationIds: [w.schoolB.id] } }),
    );
    expect(outside.status).toBe(422);
    expect(outside.body.error.message).toMatch(/вне вашей зоны/);
    const noInstruments = await as.methodist.post(
      '/api/assessment-campaigns',
      body(w, { instrumentIds: [] }),
    );
    expect(noInstruments.status).toBe(422);
  });

  it('a methodist creates and opens a campaign for one school; participants are frozen', async () => {
    const w = await world();
    const { as } = w;
    const res = await as.methodist.post(
      '/api/assessment-campaigns',
      body(w, { target: { organizationIds: [w.school1.id] } }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      ownerLevel: 'municipality',
      municipalityId: w.muniA.id,
      status: 'draft',
      participantCount: 0,
      canManage: true,
    });
    const campaign = res.body;
    // another methodist neither sees nor opens it
    expect((await as.methodistB.get(`/api/assessment-campaigns/${campaign.id}`)).status).toBe(404);
    expect((await as.methodistB.post(`/api/assessment-campaigns/${campaign.id}/open`)).status).toBe(404);
    // a school head sees the municipality's campaign but cannot open it
    expect((await as.head1.get(`/api/assessment-campaigns/${campaign.id}`)).status).toBe(200);
    expect((await as.head1.post(`/api/assessment-campaigns/${campaign.id}/open`)).status).toBe(403);

    const opened = await as.methodist.post(`/api/assessment-campaigns/${campaign.id}/open`);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ status: 'open', participantCount: 2 });
    expect((await as.methodist.post(`/api/assessment-campaigns/${campaign.id}/open`)).status).toBe(409);

    // someone hired afterwards is not invited
    await t.ctx.newPerson({ organizationId: w.school1.id });
    const rows = await t.db.query<{ person_id: string }>(
      sql`SELECT person_id FROM campaign_participants WHERE campaign_id = ${campaign.id} ORDER BY person_id`,
    );
    expect(rows.map((r) => r.person_id).sort()).toEqual([w.t1.id, w.t2.id].sort());
    const audit = await t.db.query<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity = 'assessment_campaign' AND entity_id = ${campaign.id} ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'open']);

    const list = await as.methodist.get('/api/assessment-campaigns');
    expect(list.body.items.map((c: any) => c.id)).toContain(campaign.id);
    expect((await as.methodistB.get('/api/assessment-campaigns')).body.items).toEqual([]);
  });

  it('a teacher answers item by item, reloads, submits once; results are written', async () => {
    const w = await world();
    const { as } = w;
    const campaign = await openCampaign(w, { target: { organizationIds: [w.school1.id] } });
    const mine = await as.teacher1.get('/api/my/assessments');
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0].instruments[0]).toMatchObject({ id: instrument.id, status: 'not_started' });
    const base = `/api/my/assessments/${campaign.id}/${instrument.id}`;
    const sheet = await as.teacher1.get(base);
    expect(sheet.status).toBe(200);
    expect(sheet.body.attempt).toMatchObject({ status: 'started', answers: {} });
    const json = JSON.stringify(sheet.body.instrument.content);
    expect(json).not.toContain('correct');
    expect(json).not.toContain('points');

    // validation against the item
    expect((await as.teacher1.put(`${base}/answers/d1`, { value: 'zz' })).status).toBe(422);
    expect((await as.teacher1.put(`${base}/answers/d1`, { value: ['a', 'b'] })).status).toBe(422);
    expect((await as.teacher1.put(`${base}/answers/d1`, { value: 3 })).status).toBe(422);
    expect((await as.teacher1.put(`${base}/answers/nope`, { value: 'a' })).status).toBe(404);

    // d1 right, d2 incomplete (all or nothing), d3 right, d4 wrong, d5 right, d6 right, d7 unanswered
    const answers: Record<string, string | string[]> = {
      d1: 'b',
      d2: ['a'],
      d3: 'c',
      d4: 'b',
      d5: ['a', 'b'],
      d6: 'a',
    };
    for (const [item, value] of Object.entries(answers)) {
      const r = await as.teacher1.put(`${base}/answers/${item}`, { value });
      expect(r.status).toBe(200);
    }
    // change of mind on d1
    expect((await as.teacher1.put(`${base}/answers/d1`, { value: 'a' })).status).toBe(200);
    const reloaded = await as.teacher1.get(base);
    expect(reloaded.body.attempt.answers).toEqual({ ...answers, d1: 'a' });

    // progress while started
    const during = await as.methodist.get(`/api/assessment-campaigns/${campaign.id}/progress`);
    expect(during.body.items).toEqual([
      expect.objectContaining({ organizationId: w.school1.id, invited: 2, started: 1, submitted: 0 }),
    ]);

    const submitted = await as.teacher1.post(`${base}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body.results).toEqual({
      'T-METH-01': 100,
      'T-METH-02': 0,
      'T-SUBJ-03': 100,
      'T-PSY-02': 0,
      'T-METH-03': 100,
      'T-COMM-02': 100,
      'T-PSY-03': 0,
    });
    const results = await t.db.query<{
      code: string;
      percent: number;
      source: string;
      organization_id: string;
      assessed_on: string;
    }>(sql`
      SELECT c.code, r.percent, r.source, r.organization_id, r.assessed_on FROM competency_results r
      JOIN competencies c ON c.id = r.competency_id
      WHERE r.person_id = ${w.t1.id} AND r.campaign_id = ${campaign.id} ORDER BY c.code`);
    expect(Object.fromEntries(results.map((r) => [r.code, Number(r.percent)]))).toEqual(
      submitted.body.results,
    );
    expect(results.every((r) => r.source === 'platform' && r.organization_id === w.school1.id)).toBe(true);
    // Assessed on the platform's today (the municipality's date), not the database server's.
    expect(new Set(results.map((r) => r.assessed_on))).toEqual(new Set([today()]));

    expect((await as.teacher1.post(`${base}/submit`)).status).toBe(409);
    const late = await as.teacher1.put(`${base}/answers/d7`, { value: 'a' });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/уже отправлены/);
    const after = await as.teacher1.get('/api/my/assessments');
    expect(after.body.items[0].instruments[0].status).toBe('submitted');
  });

  it('a teacher never reads another attempt; non-participants get 404; no person → 403', async () => {
    const w = await world();
    const { as } = w;
    const campaign = await openCampaign(w, { target: { organizationIds: [w.school1.id] } });
    const base = `/api/my/assessments/${campaign.id}/${instrument.id}`;
    // teacher1 has answered and submitted
    expect((await as.teacher1.put(`${base}/answers/d1`, { value: 'a' })).status).toBe(200);
    expect((await as.teacher1.post(`${base}/submit`)).status).toBe(200);
    // teacher2 gets their own empty attempt, not teacher1's answers
    const own = await as.teacher2.get(base);
    expect(own.status).toBe(200);
    expect(own.body.attempt.answers).toEqual({});
    expect((await as.teacher3.get(base)).status).toBe(404);
    expect((await as.outsider.put(`${base}/answers/d1`, { value: 'a' })).status).toBe(404);
    expect((await as.outsider.get('/api/my/assessments')).body.items).toEqual([]);
    expect((await as.nobody.get('/api/my/assessments')).status).toBe(403);
    expect((await as.nobody.get(base)).status).toBe(403);
  });

  it('a school head sees the progress of their school only', async () => {
    const w = await world();
    const { as } = w;
    // a fourth teacher, hired before the campaign opens, is invited
    await t.ctx.newPerson({ organizationId: w.school1.id });
    const res = await as.methodist.post('/api/assessment-campaigns', body(w, { name: 'Две школы' }));
    expect(res.status).toBe(201);
    const opened = await as.methodist.post(`/api/assessment-campaigns/${res.body.id}/open`);
    expect(opened.body.participantCount).toBe(4);
    const all = await as.methodist.get(`/api/assessment-campaigns/${res.body.id}/progress`);
    expect(all.body.items).toHaveLength(2);
    const head = await as.head2.get(`/api/assessment-campaigns/${res.body.id}/progress`);
    expect(head.status).toBe(200);
    expect(head.body.items).toEqual([
      expect.objectContaining({ organizationId: w.school2.id, invited: 1, started: 0, submitted: 0 }),
    ]);
    expect((await as.methodistB.get(`/api/assessment-campaigns/${res.body.id}/progress`)).status).toBe(404);
    expect((await as.teacher1.get(`/api/assessment-campaigns/${res.body.id}/progress`)).status).toBe(403);
  });

  it('the window is enforced: not yet open, closed → 409', async () => {
    const w = await world();
    const { as } = w;
    const future = await as.methodist.post(
      '/api/assessment-campaigns',
      body(w, { name: 'Будущая', opensAt: inDays(1), closesAt: inDays(5) }),
    );
    await as.methodist.post(`/api/assessment-campaigns/${future.body.id}/open`);
    const early = await as.teacher2.get(`/api/my/assessments/${future.body.id}/${instrument.id}`);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/ещё не началась/);

    const campaign = await openCampaign(w, { target: { organizationIds: [w.school1.id] } });
    const base = `/api/my/assessments/${campaign.id}/${instrument.id}`;
    expect((await as.teacher2.put(`${base}/answers/d1`, { value: 'a' })).status).toBe(200);
    const closed = await as.methodist.post(`/api/assessment-campaigns/${campaign.id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect((await as.methodist.post(`/api/assessment-campaigns/${campaign.id}/close`)).status).toBe(409);
    const answer = await as.teacher2.put(`${base}/answers/d2`, { value: ['a'] });
    expect(answer.status).toBe(409);
    expect(answer.body.error.message).toMatch(/завершена/);
    expect((await as.teacher2.post(`${base}/submit`)).status).toBe(409);
  });
});

describe('campaign targets and other instruments', () => {
  it('a school head creates a campaign for their school only; the target rule picks subjects and the young', async () => {
    const w = await world();
    const { as } = w;
    const foreign = await as.head1.post(
      '/api/assessment-campaigns',
      body(w, { target: { organizationIds: [w.school2.id] } }),
    );
    expect(foreign.status).toBe(422);
    const physicist = await t.ctx.newPerson({
      organizationId: w.school1.id,
      subjects: ['Физика'],
      birthDate: '2001-05-01',
      pedExperienceYears: 1,
    });
    const bySubject = await as.head1.post(
      '/api/assessment-campaigns',
      body(w, { name: 'Физики', target: { subjects: ['Физика'] } }),
    );
    expect(bySubject.status).toBe(201);
    expect(bySubject.body).toMatchObject({ ownerLevel: 'organization', organizationId: w.school1.id });
    await as.head1.post(`/api/assessment-campaigns/${bySubject.body.id}/open`);
    const young = await as.head1.post(
      '/api/assessment-campaigns',
      body(w, { name: 'Молодые', target: { youngOnly: true } }),
    );
    await as.head1.post(`/api/assessment-campaigns/${young.body.id}/open`);
    for (const id of [bySubject.body.id, young.body.id]) {
      const rows = await t.db.query<{ person_id: string }>(
        sql`SELECT person_id FROM campaign_participants WHERE campaign_id = ${id}`,
      );
      expect(rows.map((r) => r.person_id)).toEqual([physicist.id]);
    }
    // the methodist sees the school's campaign but does not manage it
    const seen = await as.methodist.get(`/api/assessment-campaigns/${young.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.canManage).toBe(false);
    expect((await as.methodist.post(`/api/assessment-campaigns/${young.body.id}/close`)).status).toBe(403);
    expect((await as.head2.get(`/api/assessment-campaigns/${young.body.id}`)).status).toBe(404);
  });

  it('self-assessment writes percents per competency; burnout writes its scales', async () => {
    const w = await world();
    const { as } = w;
    const self = (await as.methodist.post('/api/instruments/presets/teacher-self-assessment')).body;
    const mbi = (await as.methodist.post('/api/instruments/presets/burnout-mbi-vodopyanova')).body;
    const res = await as.methodist.post(
      '/api/assessment-campaigns',
      body(w, {
        name: 'Самооценка и выгорание',
        instrumentIds: [self.id, mbi.id],
        target: { organizationIds: [w.school2.id] },
      }),
    );
    expect(res.status).toBe(201);
    await as.methodist.post(`/api/assessment-campaigns/${res.body.id}/open`);
    const selfBase = `/api/my/assessments/${res.body.id}/${self.id}`;
    expect((await as.teacher3.put(`${selfBase}/answers/T-METH-01`, { value: 6 })).status).toBe(422);
    expect((await as.teacher3.put(`${selfBase}/answers/T-METH-01`, { value: 'a' })).status).toBe(422);
    // (5−1)/4 = 100 %, (2−1)/4 = 25 %, (3−1)/4 = 50 %
    for (const [item, value] of [
      ['T-METH-01', 5],
      ['T-METH-02', 2],
      ['T-PSY-02', 3],
    ] as const)
      expect((await as.teacher3.put(`${selfBase}/answers/${item}`, { value })).status).toBe(200);
    const s = await as.teacher3.post(`${selfBase}/submit`);
    expect(s.status).toBe(200);
    expect(s.body.results).toEqual({ 'T-METH-01': 100, 'T-METH-02': 25, 'T-PSY-02': 50 });
    const [n] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM competency_results WHERE campaign_id = ${res.body.id} AND person_id = ${w.t3.id}`,
    );
    expect(n!.n).toBe(3);

    const mbiBase = `/api/my/assessments/${res.body.id}/${mbi.id}`;
    const sheet = await as.teacher3.get(mbiBase);
    expect(sheet.body.instrument.content.scales).toBeUndefined();
    for (const item of ['q1', 'q2', 'q3'])
      expect((await as.teacher3.put(`${mbiBase}/answers/${item}`, { value: 6 })).status).toBe(200);
    const b = await as.teacher3.post(`${mbiBase}/submit`);
    expect(b.status).toBe(200);
    const [attempt] = await t.db.query<{ scales: any }>(
      sql`SELECT scales FROM assessment_attempts WHERE campaign_id = ${res.body.id} AND instrument_id = ${mbi.id}
          AND person_id = ${w.t3.id}`,
    );
    const ee = attempt!.scales.scales.find((x: any) => x.code === 'EE');
    expect(ee).toMatchObject({ score: 18, level: 'medium' });
    expect(attempt!.scales.highRisk).toBe(false);
    const progress = await as.methodist.get(`/api/assessment-campaigns/${res.body.id}/progress`);
    expect(progress.body.items).toEqual([
      expect.objectContaining({ organizationId: w.school2.id, invited: 1, started: 1, submitted: 1 }),
    ]);
  });
});

describe('instrument edited during a campaign', () => {
  it('an attempt is shown, checked and scored by the version it started with', async () => {
    const w = await world();
    const { as } = w;
    // The test edits an instrument, so it makes its own copy of the preset rather than touch the shared one.
    const presetCard = (await as.admin.get(`/api/instruments/${instrument.id}`)).body;
    const copy = await as.admin.post('/api/instruments', {
      code: `${presetCard.code}-${Math.random().toString(36).slice(2, 8)}`,
      name: presetCard.name,
      kind: presetCard.kind,
      frameworkId: presetCard.frameworkId,
      content: presetCard.content,
    });
    expect(copy.status).toBe(201);
    const own = copy.body;
    const campaign = await openCampaign(w, {
      name: 'Версия методики',
      instrumentIds: [own.id],
      target: { organizationIds: [w.school2.id] },
    });
    const base = `/api/my/assessments/${campaign.id}/${own.id}`;
    const started = await as.teacher3.get(base);
    expect(started.status).toBe(200);
    const v1 = started.body.instrument.version;

    // the admin makes «b» the right answer to d1 and drops d7
    const card = (await as.admin.get(`/api/instruments/${own.id}`)).body;
    const items = card.content.items
      .filter((i: any) => i.id !== 'd7')
      .map((i: any) =>
        i.id === 'd1' ? { ...i, options: i.options.map((o: any) => ({ ...o, correct: o.id === 'b' })) } : i,
      );
    const edited = await as.admin.put(`/api/instruments/${own.id}`, {
      code: card.code,
      name: card.name,
      kind: card.kind,
      frameworkId: card.frameworkId,
      content: { items },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(v1 + 1);

    const reloaded = await as.teacher3.get(base);
    expect(reloaded.body.instrument.version).toBe(v1);
    expect(reloaded.body.instrument.content.items.map((i: any) => i.id)).toContain('d7');
    expect((await as.teacher3.put(`${base}/answers/d1`, { value: 'a' })).status).toBe(200);
    expect((await as.teacher3.put(`${base}/answers/d7`, { value: 'a' })).status).toBe(200);
    const submitted = await as.teacher3.post(`${base}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body.results).toMatchObject({ 'T-METH-01': 100, 'T-PSY-03': 100 });
  });
});

describe('OpenAPI', () => {
  it('describes the campaign and cabinet routes', async () => {
    const res = await t.client().get('/api/openapi.json');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/assessment-campaigns',
        '/api/assessment-campaigns/{id}/progress',
        '/api/my/assessments',
        '/api/my/assessments/{campaignId}/{instrumentId}/answers/{itemId}',
        '/api/my/assessments/{campaignId}/{instrumentId}/submit',
      ]),
    );
  });
});
