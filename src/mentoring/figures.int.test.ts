import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../tests/helpers/test-app.ts';
import {
  type ComputeScope,
  computeIndicators,
  computePreset,
  territoryScope,
} from '../monitoring/engine/compute.ts';
import type { Formula, MeasureRef, Population } from '../monitoring/engine/formula.ts';
import { buildFixture, FIXTURE, type Fixture } from '../monitoring/fixture/fixture.ts';
import { engineDataVersion } from '../platform/cache/compute-cache.ts';
import { sql } from '../platform/db/database.ts';

/**
 * Mentoring and communities measures by hand, over the correctness fixture: its people
 * (fixture.ts) and its pairs, associations and memberships (fixture-mentoring.ts, which lists them).
 * As of 2026-09-30, period 2025-10-01 … 2026-09-30. Pedagogical staff with a main employment in M:
 * S1 P1 P2 P3 P4 · S2 P5 P6 · D1 P8 (7); young specialists P1, P5; P9 left on 2026-06-30, P7 works
 * at S2 only part-time, PX in the other municipality.
 */

let t: TestApp;
let fx: Fixture;
beforeAll(async () => {
  t = await startTestApp();
  fx = await buildFixture(t.ctx);
});
afterAll(async () => t?.close());

type Input = { formula: Formula; population?: Population };
const count = (measure: string, params: MeasureRef['params'] = {}, population?: Population): Input => ({
  formula: { kind: 'count', of: { measure, params } },
  ...(population ? { population } : {}),
});
const share = (numerator: MeasureRef, denominator: MeasureRef, population?: Population): Input => ({
  formula: { kind: 'share', numerator, denominator },
  ...(population ? { population } : {}),
});

async function compute(list: Record<string, Input>, where?: ComputeScope, slices = false) {
  const r = await computeIndicators(
    t.db,
    where ?? territoryScope({ municipalityId: fx.municipalityId }),
    Object.entries(list).map(([code, i]) => ({ code, formula: i.formula, population: i.population ?? {} })),
    { ...FIXTURE, ...(slices ? { slices: ['organization' as const] } : {}) },
  );
  return Object.fromEntries(r.indicators.map((i) => [i.code, i]));
}
async function values(list: Record<string, Input>, where?: ComputeScope) {
  const r = await compute(list, where);
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.value]));
}
const orgScope = (id: string): ComputeScope => ({
  scope: (o) => sql`${sql.raw(o)}.id = ${id}`,
  level: 'organization',
});

describe('mentoring measures by hand', () => {
  it('mentees, active mentors, participants: on the date and during the period', async () => {
    expect(
      await values({
        mentees: count('mentoring.mentees'),
        menteesInPeriod: count('mentoring.mentees', { inPeriod: true }),
        menteesGroup: count('mentoring.mentees', { form: 'group' }),
        mentors: count('mentoring.mentors'),
        mentorsInPeriod: count('mentoring.mentors', { inPeriod: true }),
        participants: count('mentoring.participants'),
        allStaffMentees: count('mentoring.mentees', {}, { employment: 'all', staff: 'all' }),
        assetMentees: count('mentoring.mentees', { mentorMembership: 'methodical_asset' }),
      }),
    ).toEqual({
      mentees: 2, // P1 (MS1), P3 (MS3); P5's MS4 finished 2026-05-31, P9 no longer employed
      menteesInPeriod: 3, // + P5 (MS4 in March–May); P3 counted once for MS2 and MS3
      menteesGroup: 1, // P3 in MS3
      mentors: 2, // P2 (MS1), P4 (MS3); P6's only pair finished; M1 appointed without a mentee
      mentorsInPeriod: 3, // + P6
      participants: 4, // P1, P3, P2, P4
      allStaffMentees: 2, // P9 left; P7 has no mentorship
      assetMentees: 1, // P1: the mentor P2 is in the methodical asset; P4 (mentor of P3) is not
    });
  });

  it('young specialists with an active mentor, and their share', async () => {
    const v = await compute({
      youngWithMentor: share({ measure: 'mentoring.mentees' }, { measure: 'staff.young' }),
      youngSupported: share({ measure: 'mentoring.supported' }, { measure: 'staff.young' }),
      supported: count('mentoring.supported'),
    });
    // young: P1, P5; with a mentor on the date: P1 → 1 / 2
    expect(v.youngWithMentor).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    // P1 a mentee, P5 in the school of the young teacher → 2 / 2
    expect(v.youngSupported).toMatchObject({ numerator: 2, denominator: 2, value: 100 });
    // all supported: P1, P3 (mentees), P5, P8 (school of the young teacher; P6 left it 2026-03-01)
    expect(v.supported).toMatchObject({ value: 4 });
  });

  it('mentorships open on the date by form, at the program’s organization', async () => {
    const v = await compute(
      {
        open: count('mentoring.mentorships'),
        inPeriod: count('mentoring.mentorships', { inPeriod: true }),
        group: count('mentoring.mentorships', { form: 'group' }),
        young: count('mentoring.mentorships', { form: 'experienced_young' }),
        headTeacher: count('mentoring.mentorships', { form: 'head_teacher' }),
      },
      undefined,
      true,
    );
    expect(v.open!.value).toBe(2); // MS1, MS3 (S1)
    expect(v.inPeriod!.value).toBe(4); // MS1–MS4
    expect(v.group!.value).toBe(1); // MS3
    expect(v.young!.value).toBe(1); // MS1
    expect(v.headTeacher!.value).toBe(0); // MS4 finished before the date
    const byOrg = Object.fromEntries(v.inPeriod!.slices.organization!.map((s) => [s.key, s.value]));
    expect(byOrg[fx.orgs.S1]).toBe(3);
    expect(byOrg[fx.orgs.S2]).toBe(1);
  });

  it('organizations implementing the model and organizations with the order', async () => {
    const v = await compute({
      implementing: count('mentoring.orgs_implementing'),
      withOrder: count('mentoring.orgs_with_order'),
      schoolsImplementing: count('mentoring.orgs_implementing', { kinds: ['preschool'] }),
    });
    expect(v.implementing!.value).toBe(1); // S1 (S2's only pair finished; D1 has no program)
    expect(v.withOrder!.value).toBe(1); // S1 (PR2 of S2 has no order; X1 is another municipality)
    expect(v.schoolsImplementing!.value).toBe(0);
    // before S2's program started (2026-01-10) and S1's first pair (2025-10-15) only MS2 ran: S1
    const early = await computeIndicators(
      t.db,
      territoryScope({ municipalityId: fx.municipalityId }),
      [
        {
          code: 'x',
          formula: { kind: 'count', of: { measure: 'mentoring.orgs_implementing' } },
          population: {},
        },
      ],
      { asOf: '2025-09-30' },
    );
    expect(early.indicators[0]!.value).toBe(1);
  });
});

describe('communities measures by hand', () => {
  it('members of associations: distinct people, by kind and level, on the date and in the period', async () => {
    expect(
      await values({
        members: count('communities.members'),
        inPeriod: count('communities.members', { inPeriod: true }),
        gmo: count('communities.members', { kinds: ['gmo'] }),
        regional: count('communities.members', { level: 'regional' }),
        institutional: count('communities.members', { level: 'institutional' }),
      }),
    ).toEqual({
      members: 5, // C1 P1 P2 · C2 P2 P4 · C3 P5 P8 · C4 P4 → P1 P2 P4 P5 P8 (P3 left C1, P6 left C3)
      inPeriod: 7, // + P3, P6
      gmo: 2, // P1, P2 (PX in the other municipality's ГМО)
      regional: 1, // P4 (PX works elsewhere)
      institutional: 2, // P2, P4
    });
  });

  it('active associations and meetings held: a municipal one counts in the territory, a ШМО in its school', async () => {
    const list = {
      active: count('communities.active'),
      meetings: count('communities.meetings'),
      gmoMeetings: count('communities.meetings', { kinds: ['gmo'] }),
    };
    // M: C1 (held 2025-11-10, 2026-03-12; the cancelled and the planned ones are not held), C2 (2026-09-15);
    // C3's only meeting is before the period; C4 is regional — not in a municipality's figures
    expect(await values(list)).toEqual({ active: 2, meetings: 3, gmoMeetings: 2 });
    // S1: only its ШМО
    expect(await values(list, orgScope(fx.orgs.S1))).toEqual({ active: 1, meetings: 1, gmoMeetings: 0 });
    // the region: C1, C2, C4, C5 (the other municipality's ГМО, 2026-01-15)
    expect(await values(list, territoryScope({ regionId: fx.regionId }))).toEqual({
      active: 4,
      meetings: 5,
      gmoMeetings: 3,
    });
  });

  it('the methodical asset, experts, the reserve and reservists who completed their plan', async () => {
    const all: Population = { staff: 'all' };
    expect(
      await values({
        asset: count('communities.memberships', { kind: 'methodical_asset' }, all),
        experts: count('communities.memberships', { kind: 'expert_community' }, all),
        reserve: count('communities.memberships', { kind: 'manager_reserve' }, all),
        trained: count('communities.reserve_trained', {}, all),
        tutors: count('communities.memberships', { kind: 'tutor' }, all),
      }),
    ).toEqual({
      asset: 1, // P2 (P3 only approved, M1 ended 2026-01-31)
      experts: 1, // P6
      reserve: 3, // P3, P4, P5 (PX in the other municipality)
      trained: 1, // P3 (P4 has an item not done, P5 no plan)
      tutors: 0,
    });
    // the region also counts PX, whose plan is done
    expect(
      await values(
        { trained: count('communities.reserve_trained', {}, all) },
        territoryScope({ regionId: fx.regionId }),
      ),
    ).toEqual({ trained: 2 });
  });

  it('another municipality sees none of M’s pairs, members or meetings', async () => {
    expect(
      await values(
        {
          mentees: count('mentoring.mentees'),
          mentorships: count('mentoring.mentorships'),
          withOrder: count('mentoring.orgs_with_order'),
          members: count('communities.members'),
          meetings: count('communities.meetings'),
        },
        territoryScope({ municipalityId: fx.otherMunicipalityId }),
      ),
    ).toEqual({ mentees: 0, mentorships: 0, withOrder: 1, members: 1, meetings: 1 }); // X1; PX in C5, its meeting
  });
});

describe('the preset rows now computed from mentoring and communities', () => {
  const preset = async (presetCode: string) => {
    const r = await computePreset(t.db, {
      presetCode,
      scope: { municipalityId: fx.municipalityId },
      level: 'municipality',
      ...FIXTURE,
    });
    return Object.fromEntries(r.indicators.map((i) => [i.code, i]));
  };

  it('000 Т2.8 and Т2.9', async () => {
    const v = await preset('p000');
    // Т2.8: mentors and mentees on the date P1 P2 P3 P4 of 7 pedagogical → 57.1429
    expect(v['Т2.8']).toMatchObject({ numerator: 4, denominator: 7, value: 57.1429, derived: true });
    // Т2.9: S1 of S1, S2, D1 → 33.3333 (the flag «положение» gave S1 and D1)
    expect(v['Т2.9']).toMatchObject({ numerator: 1, denominator: 3, value: 33.3333 });
  });

  it('001 6, М6.3 and М7.11', async () => {
    const v = await preset('p001');
    // 6: schools and additional education S1, S2 → implementing S1 → 50
    expect(v['6']).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    // М6.3: in a regional association during the period: P4 of 7 → 14.2857
    expect(v['М6.3']).toMatchObject({ numerator: 1, denominator: 7, value: 14.2857, derived: true });
    // М7.11: young P1 (mentee), P5 (school of the young teacher) of P1, P5 → 100
    expect(v['М7.11']).toMatchObject({ numerator: 2, denominator: 2, value: 100, derived: true });
  });

  it('002 6', async () => {
    const v = await preset('p002');
    // schools' young P1, P5, both supported → 100
    expect(v['6']).toMatchObject({ numerator: 2, denominator: 2, value: 100, derived: true });
  });

  it('003 7.1 and 7.3', async () => {
    const v = await preset('p003');
    // 7.1: a program with the order: S1 of S1, S2, D1 → 33.3333
    expect(v['7.1']).toMatchObject({ numerator: 1, denominator: 3, value: 33.3333 });
    // 7.3: all staff under 35: P1 (31), P5 (27), P8 (33); P1's mentor P2 is in the asset → 33.3333
    expect(v['7.3']).toMatchObject({ numerator: 1, denominator: 3, value: 33.3333, derived: true });
  });
});

describe('the engine’s cache', () => {
  it('a write to any mentoring or communities table bumps the data version', async () => {
    const tables = [
      'mentoring_programs',
      'mentoring_mentors',
      'mentorships',
      'mentorship_mentees',
      'communities',
      'community_members',
      'community_meetings',
      'memberships',
      'membership_training_items',
    ];
    for (const table of tables) {
      const before = await engineDataVersion(t.db);
      await t.db.query(sql`UPDATE ${sql.identifier(table)} SET id = id WHERE false`);
      expect(await engineDataVersion(t.db), table).toBe(before + 1);
    }
  });
});
