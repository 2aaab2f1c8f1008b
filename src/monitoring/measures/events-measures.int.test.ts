import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';
import { type ComputeScope, computeIndicators, territoryScope } from '../engine/compute.ts';
import type { Formula, MeasureRef } from '../engine/formula.ts';

/**
 * Event measures by hand. Municipality M: S1 (school, ШНОР) — A (young, история), B, G (young);
 * S2 (school) — C (young), D; D1 (preschool) — E. Municipality X: SX — F.
 * Period 2025-10-01 … 2026-09-30, as of 2026-09-30.
 *
 * Plan P (municipal, M, approved):
 *   E1 7.7. seminar, municipal, 2025-11-10, «не менее 40 % группы», target schools → A, B (presenter), E attend;
 *      the group: A, B, C, D, G (5), reached A, B = 40 % → achieved
 *   E2 contest, regional, 2026-03-01, «не менее 3 участников» → A, C, F attend (D registered, absent) → achieved;
 *      results published: A winner, D prize-winner (an entrant, not ticked), C laureate

 *   E3 webinar, municipal, 2026-05-01, «не менее 5 участников» → C → not achieved
 *   E4 conference, municipal, 2026-09-20 … 2026-10-20, «не менее 10» → nobody yet → not finished, not held
 *   E5 consultation, municipal, 2026-02-01, «3 протокола» → B → held, not measured
 *   E6 seminar, municipal, 2025-06-01 (before the period) → A
 * Plan Q (institutional, S2, approved): E7 institutional, 2026-01-10, «не менее 1» → D → achieved
 * Plan R (municipal, X, approved): E8 2026-01-10 → F
 * Plan Z (municipal, M, draft, another year): E9 2026-01-15 → not planned (the plan is not approved);
 *   E10 contest 2026-04-01, results not published: B's entry marked winner in draft
 */

const OPTS = { asOf: '2026-09-30', periodStart: '2025-10-01', periodEnd: '2026-09-30' };

let t: TestApp;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await startTestApp();
  const { ctx, db } = t;
  const m = await ctx.newMunicipality();
  const x = await ctx.newMunicipality();
  ids.m = m.id;
  ids.x = x.id;
  const s1 = await ctx.newOrg({ municipalityId: m.id, kind: 'school' });
  const s2 = await ctx.newOrg({ municipalityId: m.id, kind: 'school' });
  const d1 = await ctx.newOrg({ municipalityId: m.id, kind: 'preschool' });
  const sx = await ctx.newOrg({ municipalityId: x.id, kind: 'school' });
  ids.s2 = s2.id;
  await db.query(sql`UPDATE organizations SET low_results = true WHERE id = ${s1.id}`);
  const young = { birthDate: '2000-05-01', pedExperienceYears: 1 };
  const A = await ctx.newPerson({ organizationId: s1.id, ...young, subjects: ['История'] });
  const B = await ctx.newPerson({ organizationId: s1.id });
  const G = await ctx.newPerson({ organizationId: s1.id, ...young });
  const C = await ctx.newPerson({ organizationId: s2.id, ...young });
  const D = await ctx.newPerson({ organizationId: s2.id });
  const E = await ctx.newPerson({ organizationId: d1.id });
  const F = await ctx.newPerson({ organizationId: sx.id });
  void G;

  const plan = async (
    muni: { id: string; regionId: string },
    orgId: string | null,
    status: string,
    year = 2025,
  ) => {
    const [r] = await db.query<{ id: string }>(sql`
      INSERT INTO event_plans (level, region_id, municipality_id, organization_id, school_year, title, status)
      VALUES (${orgId ? 'institutional' : 'municipal'}::event_plan_level, ${muni.regionId}, ${muni.id},
              ${orgId}::uuid, ${year}, 'План', ${status}::event_plan_status) RETURNING id`);
    return r!.id;
  };
  const event = async (
    planId: string,
    e: {
      number?: string;
      kind: string;
      level: string;
      starts: string;
      ends?: string;
      target?: object;
      result?: object;
    },
  ) => {
    const [r] = await db.query<{ id: string }>(sql`
      INSERT INTO events (plan_id, number, title, kind, level, starts_on, ends_on, target, planned_result)
      VALUES (${planId}, ${e.number ?? null}, 'Мероприятие', ${e.kind}::event_kind, ${e.level}::event_level,
              ${e.starts}::date, ${e.ends ?? null}::date, ${JSON.stringify(e.target ?? {})}::jsonb,
              ${e.result ? JSON.stringify(e.result) : null}::jsonb) RETURNING id`);
    return r!.id;
  };
  const attend = async (eventId: string, personId: string, role = 'participant', attended = true) => {
    const [r] = await db.query<{ id: string }>(sql`
      INSERT INTO event_registrations (event_id, person_id, status, source, role, attended)
      VALUES (${eventId}, ${personId}, 'confirmed', 'self', ${role}::event_registration_role, ${attended})
      RETURNING id`);
    return r!.id;
  };
  /** A contest's entries with outcomes; published or still the organizer's draft. */
  const contest = async (eventId: string, published: boolean, entries: [string, string][]) => {
    await db.query(sql`INSERT INTO contests (event_id, published_at)
      VALUES (${eventId}, ${published ? sql`now()` : sql`NULL`})`);
    const [n] = await db.query<{ id: string }>(sql`
      INSERT INTO contest_nominations (event_id, title) VALUES (${eventId}, 'Урок') RETURNING id`);
    for (const [registrationId, outcome] of entries)
      await db.query(sql`INSERT INTO contest_entries (event_id, nomination_id, registration_id, title, outcome)
        VALUES (${eventId}, ${n!.id}, ${registrationId}, 'Конкурсный урок', ${outcome}::contest_outcome)`);
  };
  const P = await plan(m, null, 'approved');
  const pct = (n: number) => ({ kind: 'percent_of_group', n, group: 'учителей' });
  const ppl = (n: number) => ({ kind: 'participants', n, group: null });
  const e1 = await event(P, {
    number: '7.7.',
    kind: 'seminar',
    level: 'municipal',
    starts: '2025-11-10',
    target: { orgKinds: ['school'] },
    result: pct(40),
  });
  await attend(e1, A.id);
  await attend(e1, B.id, 'presenter');
  await attend(e1, E.id);
  const e2 = await event(P, { kind: 'contest', level: 'regional', starts: '2026-03-01', result: ppl(3) });
  const e2regs: Record<string, string> = {};
  for (const [name, p] of Object.entries({ A, C, F })) e2regs[name] = await attend(e2, p.id);
  e2regs.D = await attend(e2, D.id, 'participant', false);
  await contest(e2, true, [
    [e2regs.A!, 'winner'],
    [e2regs.D!, 'prize_winner'],
    [e2regs.C!, 'laureate'],
  ]);

  const e3 = await event(P, { kind: 'webinar', level: 'municipal', starts: '2026-05-01', result: ppl(5) });
  await attend(e3, C.id);
  await event(P, {
    kind: 'conference',
    level: 'municipal',
    starts: '2026-09-20',
    ends: '2026-10-20',
    result: ppl(10),
  });
  const e5 = await event(P, {
    kind: 'consultation',
    level: 'municipal',
    starts: '2026-02-01',
    result: { kind: 'protocols', n: 3, group: null },
  });
  await attend(e5, B.id);
  const e6 = await event(P, { kind: 'seminar', level: 'municipal', starts: '2025-06-01' });
  await attend(e6, A.id);
  const Q = await plan(m, s2.id, 'approved');
  const e7 = await event(Q, {
    kind: 'seminar',
    level: 'institutional',
    starts: '2026-01-10',
    result: ppl(1),
  });
  await attend(e7, D.id);
  const R = await plan(x, null, 'approved');
  await attend(await event(R, { kind: 'seminar', level: 'municipal', starts: '2026-01-10' }), F.id);
  const Z = await plan(m, null, 'draft', 2026);
  await event(Z, { kind: 'seminar', level: 'municipal', starts: '2026-01-15' });
  const e10 = await event(Z, { kind: 'contest', level: 'municipal', starts: '2026-04-01' });
  await contest(e10, false, [[await attend(e10, B.id, 'participant', false), 'winner']]);
});
afterAll(async () => t?.close());

type Input = { formula: Formula; population?: object };
async function values(
  list: Record<string, Input>,
  where: ComputeScope = territoryScope({ municipalityId: ids.m }),
) {
  const r = await computeIndicators(
    t.db,
    where,
    Object.entries(list).map(([code, i]) => ({ code, formula: i.formula, population: i.population ?? {} })),
    OPTS,
  );
  return Object.fromEntries(r.indicators.map((i) => [i.code, i.value]));
}
const count = (of: MeasureRef): Input => ({ formula: { kind: 'count', of } });
const share = (numerator: MeasureRef, denominator: MeasureRef, population?: object): Input => ({
  formula: { kind: 'share', numerator, denominator },
  ...(population ? { population } : {}),
});
const participants = (params: MeasureRef['params'] = {}): MeasureRef => ({
  measure: 'events.participants',
  params,
});

describe('event measures by hand', () => {
  it('participants: distinct people who attended in the period, by role, level, kind, plan and number', async () => {
    expect(
      await values({
        all: count(participants()),
        presenterRole: count(participants({ role: 'presenter' })),
        presenters: count({ measure: 'events.presenters' }),
        regional: count(participants({ level: 'regional' })),
        contests: count(participants({ kinds: ['contest'] })),
        winners: count({ measure: 'events.contest_winners' }),
        laureates: count(participants({ outcomes: ['laureate'] })),
        number: count(participants({ number: '7.7' })),
        institutional: count(participants({ planLevel: 'institutional' })),
      }),
    ).toEqual({
      all: 5, // A, B, C, D, E (F works in X; A's E6 is before the period; D absent from E2 but at E7)
      presenterRole: 1, // B
      presenters: 1,
      regional: 3, // A, C at E2 and D, its entrant
      contests: 3, // A, C at E2 and D, its entrant with a published outcome (B's E10 is unpublished)
      winners: 2, // A, D — B's draft «winner» does not count
      laureates: 1, // C
      number: 3, // A, B, E at E1
      institutional: 1, // D
    });
  });

  it('shares of a group: young specialists, a subject, ШНОР schools; schools only', async () => {
    expect(
      await values({
        young: share(participants(), { measure: 'staff.young' }),
        history: share(participants(), { measure: 'staff.subject', params: { subject: 'история' } }),
        shnor: share(participants(), { measure: 'staff.org_flag', params: { flag: 'low_results' } }),
        schools: share(participants(), { measure: 'staff.total' }, { orgKinds: ['school'] }),
      }),
    ).toEqual({
      young: 66.6667, // A, C of A, C, G
      history: 100, // A
      shnor: 66.6667, // A, B of A, B, G
      schools: 80, // A, B, C, D of A, B, C, D, G
    });
  });

  it('events planned, held and with the planned result achieved', async () => {
    expect(
      await values({
        planned: count({ measure: 'events.planned' }),
        held: count({ measure: 'events.held' }),
        achieved: count({ measure: 'events.achieved' }),
        municipalHeld: count({ measure: 'events.held', params: { level: 'municipal' } }),
        heldShare: {
          formula: {
            kind: 'ratio',
            numerator: { measure: 'events.held' },
            denominator: { measure: 'events.planned' },
            per: 100,
          },
        },
      }),
    ).toEqual({
      planned: 6, // E1–E5 and E7 (E6 before the period, E9's plan is a draft, E8 in X)
      held: 5, // E1, E2, E3, E5, E7 (E4 not yet)
      achieved: 3, // E1 (40 %), E2 (3 people), E7
      municipalHeld: 3, // E1, E3, E5
      heldShare: 83.3333,
    });
  });

  it('an organization counts its own plan’s events and people, never a municipal plan’s events', async () => {
    const s2 = { scope: (o: string) => sql`${sql.raw(o)}.id = ${ids.s2}`, level: 'organization' as const };
    expect(
      await values({ planned: count({ measure: 'events.planned' }), people: count(participants()) }, s2),
    ).toEqual({ planned: 1, people: 2 }); // E7; C, D
  });

  it('another municipality counts none of this one', async () => {
    expect(
      await values(
        { planned: count({ measure: 'events.planned' }), people: count(participants()) },
        territoryScope({ municipalityId: ids.x }),
      ),
    ).toEqual({ planned: 1, people: 1 }); // E8; F
  });
});
