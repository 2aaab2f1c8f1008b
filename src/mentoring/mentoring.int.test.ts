import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { insertCompetencies } from '../catalog/catalog.test-data.ts';
import { sql } from '../platform/db/database.ts';

/**
 * Mentoring over HTTP: programs, mentors, pairs, goals, plans, reports, finishing, a transfer,
 * and who sees what. Dates are fixed (2026-…); nothing depends on the real today.
 */
let t: TestApp;
let headA: Client;
let headB: Client;
let methodist: Client;
let otherMethodist: Client;
let mentorUser: Client;
let mentor2User: Client;
let menteeUser: Client;
let otherTeacher: Client;
type Key =
  | 'schoolA'
  | 'schoolB'
  | 'mentor'
  | 'mentor2'
  | 'mentee'
  | 'mentee2'
  | 'mentee3'
  | 'mentee4'
  | 'other'
  | 'bPerson';
let ids: Record<Key, string>;
let c1: string;
let c2: string;

beforeAll(async () => {
  t = await startTestApp();
  const { ctx, db } = t;
  await insertCompetencies(db, ['MN1', 'MN2'], 'MNTEST');
  const comps = await db.query<{ id: string; code: string }>(
    sql`SELECT id, code FROM competencies WHERE code IN ('MN1', 'MN2') ORDER BY code`,
  );
  c1 = comps[0]!.id;
  c2 = comps[1]!.id;
  const muni = await ctx.newMunicipality();
  const otherMuni = await ctx.newMunicipality();
  const schoolA = await ctx.newOrg({ municipalityId: muni.id });
  const schoolB = await ctx.newOrg({ municipalityId: muni.id });
  await db.query(sql`UPDATE organizations SET mentoring_regulation = true WHERE id = ${schoolA.id}`);
  const person = (orgId: string, lastName: string, young = false) =>
    ctx.newPerson({
      organizationId: orgId,
      lastName,
      ...(young ? { birthDate: '2001-04-01', pedExperienceYears: 1 } : { category: 'highest' }),
    });
  const mentor = await person(schoolA.id, 'Наставникова');
  const mentor2 = await person(schoolA.id, 'Опытнова');
  const mentee = await person(schoolA.id, 'Молодова', true);
  const mentee2 = await person(schoolA.id, 'Переводова', true);
  const mentee3 = await person(schoolA.id, 'Третьякова', true);
  const mentee4 = await person(schoolA.id, 'Гонкина', true);
  const other = await person(schoolA.id, 'Посторонняя');
  const bPerson = await person(schoolB.id, 'Из-другой-школы');
  ids = {
    schoolA: schoolA.id,
    schoolB: schoolB.id,
    mentor: mentor.id,
    mentor2: mentor2.id,
    mentee: mentee.id,
    mentee2: mentee2.id,
    mentee3: mentee3.id,
    mentee4: mentee4.id,
    other: other.id,
    bPerson: bPerson.id,
  };
  // The mentee's diagnosis in May: MN1 is a deficit (30 < 50), MN2 is not (80).
  await db.query(sql`
    INSERT INTO competency_results (person_id, competency_id, source, assessed_on, percent)
    VALUES (${mentee.id}, ${c1}, 'import', '2026-05-01', 30), (${mentee.id}, ${c2}, 'import', '2026-05-01', 80)`);
  const at = (m: { id: string; regionId: string }) => ({ municipalityId: m.id, regionId: m.regionId });
  headA = await t.login(await ctx.newUser({ role: 'org_head', organizationId: schoolA.id, ...at(muni) }));
  headB = await t.login(await ctx.newUser({ role: 'org_head', organizationId: schoolB.id, ...at(muni) }));
  methodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at(muni) }));
  otherMethodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at(otherMuni) }));
  // A curator who is a mentor behaves as one; the others are teachers.
  mentorUser = await t.login(
    await ctx.newUser({ role: 'curator', personId: mentor.id, organizationId: schoolA.id }),
  );
  mentor2User = await t.login(
    await ctx.newUser({ role: 'teacher', personId: mentor2.id, organizationId: schoolA.id }),
  );
  menteeUser = await t.login(
    await ctx.newUser({ role: 'teacher', personId: mentee.id, organizationId: schoolA.id }),
  );
  otherTeacher = await t.login(
    await ctx.newUser({ role: 'teacher', personId: other.id, organizationId: schoolA.id }),
  );
});
afterAll(async () => t.close());

const PROGRAM = {
  name: 'Программа наставничества на 2026/2027 учебный год',
  forms: ['experienced_young', 'group'],
  startsOn: '2026-09-01',
  endsOn: '2027-06-30',
  orderNumber: '112-од',
  orderDate: '2026-08-28',
  orderUrl: 'https://school.example/prikaz-112.pdf',
};

async function newProgram(name = PROGRAM.name) {
  const res = await headA.post('/api/mentoring/programs', { ...PROGRAM, name });
  expect(res.status).toBe(201);
  return res.body.id as string;
}
async function appoint(programId: string, personId: string, capacity: number) {
  const res = await headA.post(`/api/mentoring/programs/${programId}/mentors`, { personId, capacity });
  expect(res.status).toBe(201);
  return res.body.mentors.find((m: { personId: string }) => m.personId === personId).id as string;
}
const pairBody = (mentorId: string, menteeId: string) => ({
  mentorId,
  menteePersonIds: [menteeId],
  form: 'experienced_young',
  startedOn: '2026-09-15',
});

describe('programs and mentors', () => {
  it('the school head creates a program; the directory flag is shown; others are refused or see nothing', async () => {
    const id = await newProgram('Программа: видимость');
    const card = await headA.get(`/api/mentoring/programs/${id}`);
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({
      mentoringRegulation: true,
      formNames: ['Опытный – молодой', 'Групповое наставничество'],
      order: { number: '112-од', date: '2026-08-28' },
      canManage: true,
    });
    expect((await headB.get(`/api/mentoring/programs/${id}`)).status).toBe(404);
    expect((await otherMethodist.get(`/api/mentoring/programs/${id}`)).status).toBe(404);
    const seen = await methodist.get(`/api/mentoring/programs/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.canManage).toBe(false);
    const byTeacher = await otherTeacher.post('/api/mentoring/programs', PROGRAM);
    expect(byTeacher.status).toBe(403);
    expect(byTeacher.body.error.message).toMatch(/руководитель/);
    const byMethodist = await methodist.post(`/api/mentoring/programs/${id}/mentors`, {
      personId: ids.mentor,
      capacity: 2,
    });
    expect(byMethodist.status).toBe(403);
    const bad = await headA.post('/api/mentoring/programs', { ...PROGRAM, endsOn: '2026-01-01' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/раньше/);
  });

  it('a mentor comes from the school; another school’s teacher is refused', async () => {
    const id = await newProgram('Программа: наставники');
    const res = await headA.post(`/api/mentoring/programs/${id}/mentors`, {
      personId: ids.bPerson,
      capacity: 2,
    });
    expect(res.status).toBe(422);
    await appoint(id, ids.mentor, 2);
    const again = await headA.post(`/api/mentoring/programs/${id}/mentors`, {
      personId: ids.mentor,
      capacity: 3,
    });
    expect(again.status).toBe(409);
  });
});

describe('pairs', () => {
  let programId: string;
  let mentorId: string;
  let mentor2Id: string;
  let pairId: string;

  beforeAll(async () => {
    programId = await newProgram('Программа: пары');
    mentorId = await appoint(programId, ids.mentor, 2);
    mentor2Id = await appoint(programId, ids.mentor2, 1);
    const res = await headA.post(
      `/api/mentoring/programs/${programId}/pairs`,
      pairBody(mentorId, ids.mentee),
    );
    expect(res.status).toBe(201);
    pairId = res.body.id;
  });

  it('one open mentorship per mentee in a program: a second one is a 409 in Russian', async () => {
    const res = await headA.post(
      `/api/mentoring/programs/${programId}/pairs`,
      pairBody(mentor2Id, ids.mentee),
    );
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/Молодова.*уже есть открытое наставничество/);
  });

  it('a form outside the program and two mentees in a pair are refused with 422', async () => {
    const res = await headA.post(`/api/mentoring/programs/${programId}/pairs`, {
      ...pairBody(mentorId, ids.mentee3),
      form: 'head_teacher',
    });
    expect(res.status).toBe(422);
    const two = await headA.post(`/api/mentoring/programs/${programId}/pairs`, {
      ...pairBody(mentorId, ids.mentee3),
      menteePersonIds: [ids.mentee3, ids.mentee4],
    });
    expect(two.status).toBe(422);
    expect(two.body.error.message).toMatch(/групповое/);
  });

  it('a mentor’s capacity is enforced with a clear message', async () => {
    const first = await headA.post(
      `/api/mentoring/programs/${programId}/pairs`,
      pairBody(mentor2Id, ids.mentee2),
    );
    expect(first.status).toBe(201);
    const full = await headA.post(
      `/api/mentoring/programs/${programId}/pairs`,
      pairBody(mentor2Id, ids.mentee3),
    );
    expect(full.status).toBe(409);
    expect(full.body.error.message).toMatch(/нет свободных мест: занято 1 из 1/);
    const card = await headA.get(`/api/mentoring/programs/${programId}`);
    const m2 = card.body.mentors.find((m: { id: string }) => m.id === mentor2Id);
    expect(m2).toMatchObject({ capacity: 1, load: 1, free: 0 });
    const shrink = await headA.patch(`/api/mentoring/mentors/${mentorId}`, { capacity: 0 });
    expect(shrink.status).toBe(422);
  });

  it('who sees a pair: the head of its school, the methodist, its mentor and mentee — nobody else', async () => {
    expect((await headA.get(`/api/mentoring/pairs/${pairId}`)).status).toBe(200);
    expect((await methodist.get(`/api/mentoring/pairs/${pairId}`)).status).toBe(200);
    expect((await headB.get(`/api/mentoring/pairs/${pairId}`)).status).toBe(404);
    expect((await otherMethodist.get(`/api/mentoring/pairs/${pairId}`)).status).toBe(404);
    expect((await otherTeacher.get(`/api/mentoring/pairs/${pairId}`)).status).toBe(404);
    expect((await mentor2User.get(`/api/mentoring/pairs/${pairId}`)).status).toBe(404);
    const asMentee = await menteeUser.get(`/api/mentoring/pairs/${pairId}`);
    expect(asMentee.status).toBe(200);
    expect(asMentee.body.side).toBe('mentee');
    const asMentor = await mentorUser.get(`/api/mentoring/pairs/${pairId}`);
    expect(asMentor.body).toMatchObject({ side: 'mentor', abilities: { canPlan: true, canFinish: false } });

    const mentorList = await mentorUser.get('/api/mentoring/pairs');
    expect(mentorList.body.items.map((p: { id: string }) => p.id)).toEqual([pairId]);
    const otherList = await otherTeacher.get('/api/mentoring/pairs');
    expect(otherList.body.total).toBe(0);
    const bList = await headB.get('/api/mentoring/pairs');
    expect(bList.body.total).toBe(0);
    const mine = await menteeUser.get('/api/my/mentoring');
    expect(mine.body.asMentee.map((p: { id: string }) => p.id)).toEqual([pairId]);
    expect(mine.body.asMentor).toEqual([]);
    const filtered = await headA.get(`/api/mentoring/pairs?programId=${programId}&mentorId=${mentor2Id}`);
    expect(filtered.body.items.map((p: { mentorName: string }) => p.mentorName)).toEqual([
      expect.stringMatching(/^Опытнова/),
    ]);
  });

  it('goals come from the mentee’s deficits and show before and after', async () => {
    const notDeficit = await mentorUser.post(`/api/mentoring/pairs/${pairId}/goals`, {
      menteePersonId: ids.mentee,
      competencyId: c2,
    });
    expect(notDeficit.status).toBe(422);
    expect(notDeficit.body.error.message).toMatch(/дефициты/);
    const deficits = await mentorUser.get(`/api/mentoring/pairs/${pairId}/deficits`);
    expect(deficits.body.items.map((d: { competencyCode: string }) => d.competencyCode)).toEqual(['MN1']);
    const byMentee = await menteeUser.post(`/api/mentoring/pairs/${pairId}/goals`, {
      menteePersonId: ids.mentee,
      competencyId: c1,
    });
    expect(byMentee.status).toBe(403);
    const goal = await mentorUser.post(`/api/mentoring/pairs/${pairId}/goals`, {
      menteePersonId: ids.mentee,
      competencyId: c1,
      title: 'Освоить приёмы формирующего оценивания',
    });
    expect(goal.status).toBe(201);
    expect(goal.body.goals[0]).toMatchObject({
      before: { percent: 30, on: '2026-05-01' },
      after: null,
      deficitStatus: 'pending',
    });
    // The next diagnosis in December: 62 ≥ 50 — the deficit closed.
    await t.db.query(sql`
      INSERT INTO competency_results (person_id, competency_id, source, assessed_on, percent)
      VALUES (${ids.mentee}, ${c1}, 'import', '2026-12-01', 62)`);
    const card = await menteeUser.get(`/api/mentoring/pairs/${pairId}`);
    expect(card.body.goals[0]).toMatchObject({
      after: { percent: 62, on: '2026-12-01' },
      deficitStatus: 'closed',
      deficitStatusName: 'Дефицит закрыт',
    });
  });

  it('the plan: the mentor plans and marks; the mentee reports; outsiders cannot write', async () => {
    const added = await mentorUser.post(`/api/mentoring/pairs/${pairId}/plan`, {
      kind: 'meeting',
      plannedOn: '2026-10-01',
      topic: 'Разбор открытого урока',
    });
    expect(added.status).toBe(201);
    const itemId = added.body.plan[0].id;
    expect((await menteeUser.patch(`/api/mentoring/plan-items/${itemId}`, { done: true })).status).toBe(403);
    expect((await otherTeacher.patch(`/api/mentoring/plan-items/${itemId}`, { done: true })).status).toBe(
      404,
    );
    const marked = await mentorUser.patch(`/api/mentoring/plan-items/${itemId}`, { done: true });
    expect(marked.status).toBe(200);
    expect(marked.body.plan[0].done).toBe(true);

    const r1 = await mentorUser.post(`/api/mentoring/pairs/${pairId}/reports`, {
      text: 'Проведена встреча, разобран урок.',
      reportedOn: '2026-10-02',
    });
    expect(r1.status).toBe(201);
    const r2 = await menteeUser.post(`/api/mentoring/pairs/${pairId}/reports`, {
      text: 'Получила рекомендации по уроку.',
      reportedOn: '2026-10-03',
    });
    expect(r2.body.reportList.map((r: { side: string }) => r.side)).toEqual(['mentor', 'mentee']);
    expect(
      (
        await headA.post(`/api/mentoring/pairs/${pairId}/reports`, {
          text: 'Отчёт',
          reportedOn: '2026-10-03',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await otherTeacher.post(`/api/mentoring/pairs/${pairId}/reports`, {
          text: 'Отчёт',
          reportedOn: '2026-10-03',
        })
      ).status,
    ).toBe(404);
    const audit = await t.db.query<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM audit_log WHERE entity = 'mentorship' AND action = 'create' AND entity_id = ${pairId}
        AND person_id = ${ids.mentee}`);
    expect(audit[0]!.n).toBe(1);
  });

  it('finishing asks an outcome for each goal; then the mentee may have a new mentorship', async () => {
    const card = await headA.get(`/api/mentoring/pairs/${pairId}`);
    const goalId = card.body.goals[0].id;
    const bare = await headA.post(`/api/mentoring/pairs/${pairId}/finish`, {
      finishedOn: '2027-05-30',
      reason: 'completed',
    });
    expect(bare.status).toBe(422);
    expect(bare.body.error.message).toMatch(/по каждой цели/);
    expect(
      (
        await mentorUser.post(`/api/mentoring/pairs/${pairId}/finish`, {
          finishedOn: '2027-05-30',
          reason: 'other',
        })
      ).status,
    ).toBe(403);
    const done = await headA.post(`/api/mentoring/pairs/${pairId}/finish`, {
      finishedOn: '2027-05-30',
      reason: 'completed',
      outcomes: [{ goalId, outcome: 'reached' }],
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      finishedOn: '2027-05-30',
      finishReasonName: 'Программа наставничества выполнена',
      goalsReached: 1,
      abilities: { canPlan: false, canReport: false },
    });
    expect(done.body.goals[0]).toMatchObject({ outcomeName: 'Да', deficitStatus: 'closed' });
    const again = await headA.post(`/api/mentoring/pairs/${pairId}/finish`, {
      finishedOn: '2027-05-30',
      reason: 'other',
    });
    expect(again.status).toBe(409);
    const next = await headA.post(`/api/mentoring/programs/${programId}/pairs`, {
      ...pairBody(mentorId, ids.mentee),
      startedOn: '2027-06-01',
    });
    expect(next.status).toBe(201);
  });

  it('a transferred mentee keeps the history; the old school finishes the pair «перевод»', async () => {
    const [pair] = (await headA.get(`/api/mentoring/pairs?programId=${programId}&mentorId=${mentor2Id}`)).body
      .items as { id: string }[];
    await t.db.query(sql`UPDATE employments SET end_date = '2026-12-31' WHERE person_id = ${ids.mentee2}`);
    await t.ctx.addEmployment({ personId: ids.mentee2, organizationId: ids.schoolB, kind: 'main' });
    const seen = await headA.get(`/api/mentoring/pairs/${pair!.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.organizationId).toBe(ids.schoolA);
    expect(seen.body.mentees[0].worksAt).not.toBe(null);
    const fin = await headA.post(`/api/mentoring/pairs/${pair!.id}/finish`, {
      finishedOn: '2027-01-10',
      reason: 'transfer',
    });
    expect(fin.status).toBe(200);
    expect(fin.body.finishReasonName).toBe('Перевод наставляемого');
    // The new school's head sees the person and their whole history, the old school's pair included.
    const history = await headB.get(`/api/people/${ids.mentee2}/mentorships`);
    expect(history.status).toBe(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({ id: pair!.id, organizationId: ids.schoolA, finishReason: 'transfer' }),
    ]);
    expect((await headA.get(`/api/people/${ids.mentee2}/mentorships`)).status).toBe(404);
    expect((await otherTeacher.get(`/api/people/${ids.mentee}/mentorships`)).status).toBe(404);
  });

  it('counts by organization for the methodist, none for a teacher', async () => {
    const s = await methodist.get('/api/mentoring/summary');
    expect(s.status).toBe(200);
    const a = s.body.items.find((r: { organizationId: string }) => r.organizationId === ids.schoolA);
    expect(a).toMatchObject({ mentoringRegulation: true, mentors: 2 });
    expect(a).toMatchObject({ programs: 3, openPairs: 1, mentees: 1 });
    expect((await otherTeacher.get('/api/mentoring/summary')).status).toBe(403);
    const b = await headB.get('/api/mentoring/summary');
    expect(b.body.items.map((r: { organizationId: string }) => r.organizationId)).toEqual([ids.schoolB]);
  });
});

describe('one open mentorship under concurrency', () => {
  it('two concurrent creates for one mentee: one wins, the other is a clear 409', async () => {
    const programId = await newProgram('Программа: гонка');
    const m1 = await appoint(programId, ids.mentor, 5);
    const m2 = await appoint(programId, ids.mentor2, 5);
    const [a, b] = await Promise.all([
      headA.post(`/api/mentoring/programs/${programId}/pairs`, pairBody(m1, ids.mentee4)),
      headA.post(`/api/mentoring/programs/${programId}/pairs`, pairBody(m2, ids.mentee4)),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const lost = a.status === 409 ? a : b;
    expect(lost.body.error.message).toMatch(/Гонкина.*уже есть открытое наставничество/);
    // The same mentor twice at once: still one.
    const [c, d] = await Promise.all([
      headA.post(`/api/mentoring/programs/${programId}/pairs`, pairBody(m1, ids.mentee3)),
      headA.post(`/api/mentoring/programs/${programId}/pairs`, pairBody(m1, ids.mentee3)),
    ]);
    expect([c.status, d.status].sort()).toEqual([201, 409]);
    const open = await t.db.query<{ person_id: string; n: number }>(sql`
      SELECT person_id, count(*)::int AS n FROM mentorship_mentees
      WHERE program_id = ${programId} AND finished_on IS NULL GROUP BY person_id ORDER BY person_id`);
    expect(open.map((r) => r.n)).toEqual([1, 1]);
  });
});
