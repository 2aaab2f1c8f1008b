import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { computeIndicators, territoryScope } from '../../monitoring/engine/compute.ts';
import { sql } from '../../platform/db/database.ts';

/**
 * «План / факт» of a plan over HTTP. Events are dated 2020 (always past) or 2999 (always future), so
 * nothing depends on the real today. Municipality M: school A — a1, a2, y (young); school B — b;
 * kindergarten K — d.
 *   X1 2020-03-01 «не менее 2 участников»                 a1, a2 attend            → achieved
 *   X2 2020-04-01 «не менее 50 % группы», target schools  a1, d attend; the group a1, a2, y, b (4),
 *                                                          reached a1 = 25 %        → not achieved
 *   X3 2020-05-01 «3 протокола»                           b attends                → held, not measured
 *   X4 2999-01-10 «не менее 5 участников»                 nobody                   → not finished
 *   X5 2020-06-01 no planned result                       nobody                   → not held, not measured
 *   X6 2020-07-01 «не менее 100 % группы», young only     y attends (a2 registered, absent) → 1 / 1 → achieved
 */
let t: TestApp;
let methodist: Client;
let otherMethodist: Client;
let teacher: Client;
let planId: string;
let muniId: string;
const ev: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  const { ctx, db } = t;
  const muni = await ctx.newMunicipality();
  muniId = muni.id;
  const otherMuni = await ctx.newMunicipality();
  const schoolA = await ctx.newOrg({ municipalityId: muni.id });
  const schoolB = await ctx.newOrg({ municipalityId: muni.id });
  const kindergarten = await ctx.newOrg({ municipalityId: muni.id, kind: 'preschool' });
  const a1 = await ctx.newPerson({ organizationId: schoolA.id });
  const a2 = await ctx.newPerson({ organizationId: schoolA.id });
  const y = await ctx.newPerson({
    organizationId: schoolA.id,
    birthDate: '1995-01-01',
    pedExperienceYears: 1,
  });
  const b = await ctx.newPerson({ organizationId: schoolB.id });
  const d = await ctx.newPerson({ organizationId: kindergarten.id });
  const at = (m: { id: string; regionId: string }) => ({ municipalityId: m.id, regionId: m.regionId });
  methodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at(muni) }));
  const head = await t.login(await ctx.newUser({ role: 'municipal_head', ...at(muni) }));
  otherMethodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at(otherMuni) }));
  teacher = await t.login(
    await ctx.newUser({ role: 'teacher', personId: a1.id, organizationId: schoolA.id }),
  );

  planId = (await methodist.post('/api/event-plans', { schoolYear: 2019 })).body.id;
  const add = async (key: string, body: Record<string, unknown>) => {
    const res = await methodist.post(`/api/event-plans/${planId}/events`, {
      title: `Мероприятие ${key}`,
      number: `${key.slice(1)}.`,
      kind: 'seminar',
      level: 'municipal',
      ...body,
    });
    expect(res.status).toBe(201);
    ev[key] = res.body.id;
  };
  const ppl = (n: number) => ({ kind: 'participants', n, group: null });
  await add('X1', {
    startsOn: '2020-03-01',
    plannedResult: ppl(2),
    plannedResultText: 'Не менее 2 участников',
  });
  await add('X2', {
    startsOn: '2020-04-01',
    target: { orgKinds: ['school'] },
    plannedResult: { kind: 'percent_of_group', n: 50, group: 'учителей' },
    plannedResultText: 'Не менее 50 % учителей',
  });
  await add('X3', { startsOn: '2020-05-01', plannedResult: { kind: 'protocols', n: 3, group: null } });
  await add('X4', { startsOn: '2999-01-10', plannedResult: ppl(5) });
  await add('X5', { startsOn: '2020-06-01', plannedResult: null });
  await add('X6', {
    startsOn: '2020-07-01',
    target: { youngOnly: true },
    plannedResult: { kind: 'percent_of_group', n: 100, group: 'молодых педагогов' },
  });
  expect((await head.post(`/api/event-plans/${planId}/approve`)).status).toBe(200);
  const attend = async (key: string, personId: string, attended = true) =>
    db.query(sql`INSERT INTO event_registrations (event_id, person_id, status, source, attended)
      VALUES (${ev[key]!}, ${personId}, 'confirmed', 'self', ${attended})`);
  await attend('X1', a1.id);
  await attend('X1', a2.id);
  await attend('X2', a1.id);
  await attend('X2', d.id);
  await attend('X3', b.id);
  await attend('X6', y.id);
  await attend('X6', a2.id, false);
});
afterAll(async () => t?.close());

describe('plan results (план / факт)', () => {
  it('gives every event its planned result against the attendance, and the totals line', async () => {
    const res = await methodist.get(`/api/event-plans/${planId}/results`);
    expect(res.status).toBe(200);
    type Item = {
      eventId: string;
      plannedResultText: string | null;
      outcomeText: string;
      groupSize: number | null;
    };
    const by: Record<string, Item> = Object.fromEntries(
      (res.body.items as Item[]).map((i) => [Object.entries(ev).find(([, id]) => id === i.eventId)![0], i]),
    );
    expect(by.X1).toMatchObject({ attended: 2, people: 2, held: true, achieved: 'yes', outcome: 'yes' });
    expect(by.X1!.plannedResultText).toBe('Не менее 2 участников');
    expect(by.X2).toMatchObject({
      people: 2,
      groupSize: 4,
      groupReached: 1,
      groupShare: 25,
      held: true,
      achieved: 'no',
    });
    expect(by.X2!.outcomeText).toBe(
      'Прогнозируемый результат не достигнут: 25 % целевой группы при плане 50 %',
    );
    expect(by.X3).toMatchObject({ people: 1, held: true, achieved: 'unknown', outcome: 'manual' });
    expect(by.X4).toMatchObject({ people: 0, held: false, achieved: 'unknown', outcome: 'not_finished' });
    expect(by.X5).toMatchObject({ held: false, achieved: 'unknown', outcome: 'no_planned_result' });
    expect(by.X6).toMatchObject({
      people: 1,
      groupSize: 1,
      groupReached: 1,
      groupShare: 100,
      achieved: 'yes',
    });
    expect(by.X1!.groupSize).toBeNull();
    expect(res.body.totals).toEqual({
      planned: 6,
      held: 4,
      achieved: 2,
      notAchieved: 1,
      unknown: 3,
      participations: 6,
    });
  });

  it('counts what the indicator engine counts for the same events (one truth)', async () => {
    const r = await computeIndicators(
      t.db,
      territoryScope({ municipalityId: muniId }),
      ['planned', 'held', 'achieved'].map((m) => ({
        code: m,
        formula: { kind: 'count', of: { measure: `events.${m}` } },
        population: {},
      })),
      { asOf: '2020-12-31', periodStart: '2020-01-01', periodEnd: '2020-12-31' },
    );
    // X4 is of 2999: outside the period
    expect(Object.fromEntries(r.indicators.map((i) => [i.code, i.value]))).toEqual({
      planned: 5,
      held: 4,
      achieved: 2,
    });
  });

  it('follows the plan’s visibility: a teacher of the municipality sees the approved plan’s figures', async () => {
    const res = await teacher.get(`/api/event-plans/${planId}/results`);
    expect(res.status).toBe(200);
    expect(res.body.totals.planned).toBe(6);
  });

  it('is 404 to a methodist of another municipality and for an unknown plan', async () => {
    const other = await otherMethodist.get(`/api/event-plans/${planId}/results`);
    expect(other.status).toBe(404);
    expect(other.body.error.message).toBe('План мероприятий не найден.');
    expect(
      (await methodist.get('/api/event-plans/00000000-0000-4000-8000-000000000000/results')).status,
    ).toBe(404);
    expect((await methodist.get('/api/event-plans/not-a-uuid/results')).status).toBe(422);
  });
});
