import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import { computeIndicators, territoryScope } from '../engine/compute.ts';
import type { Formula, MeasureRef } from '../engine/formula.ts';
import { buildFixture, FIXTURE, type Fixture } from '../fixture/fixture.ts';

/**
 * Each measure family against the correctness fixture (src/monitoring/fixture/fixture.ts), figures
 * worked out by hand from its description. Population: pedagogical, main employment — P1–P4 (S1),
 * P5, P6 (S2), P8 (D1); period 2025-10-01 … 2026-09-30, as of 2026-09-30.
 */

let t: TestApp;
let fx: Fixture;
beforeAll(async () => {
  t = await startTestApp();
  fx = await buildFixture(t.ctx);
});
afterAll(async () => t?.close());

async function counts(refs: Record<string, MeasureRef>, municipalityId = fx.municipalityId) {
  const r = await computeIndicators(
    t.db,
    territoryScope({ municipalityId }),
    Object.entries(refs).map(([code, of]) => ({
      code,
      formula: { kind: 'count', of } as Formula,
      population: {},
    })),
    { ...FIXTURE, withMembers: true },
  );
  return Object.fromEntries(r.indicators.map((i) => [i.code, i.value]));
}

describe('measure families by hand on the fixture', () => {
  it('assessment: assessed in the period, deficits among them', async () => {
    expect(
      await counts({
        assessed: { measure: 'assessment.assessed' },
        deficit: { measure: 'assessment.with_deficit' },
        burnout: { measure: 'assessment.burnout_high' },
      }),
    ).toEqual({
      assessed: 4, // P1, P2, P6, P8 (P3 before the period, P9 gone, M1 a manager)
      deficit: 2, // P1 45 %, P6 30 % below the threshold 50
      burnout: 0,
    });
  });

  it('routes: formed after an assessment, total and with a curator, completed, by topic', async () => {
    expect(
      await counts({
        formed: { measure: 'routes.formed' },
        total: { measure: 'routes.total' },
        curator: { measure: 'routes.with_curator' },
        completed: { measure: 'routes.completed' },
        qa: { measure: 'routes.with_topic', params: { direction: 'quality_assessment' } },
        qaDone: { measure: 'routes.completed_with_topic', params: { direction: 'quality_assessment' } },
        cg: { measure: 'routes.with_topic', params: { direction: 'career_guidance' } },
        cgDone: { measure: 'routes.completed_with_topic', params: { direction: 'career_guidance' } },
        up: { measure: 'routes.with_topic', params: { direction: 'upbringing' } },
        upDone: { measure: 'routes.completed_with_topic', params: { direction: 'upbringing' } },
      }),
    ).toEqual({
      formed: 3, // R1 P1, R2 P2 (campaign), R3 P8 (baseline); R4 not from an assessment, R6 cancelled
      total: 4, // R1–R4 (R5 is a manager's, R6 cancelled)
      curator: 2, // R1, R3
      completed: 2, // P1, P8
      qa: 2, // R1, R2
      qaDone: 1, // R1: A done and confirmed
      cg: 2, // R1, R4
      cgDone: 0, // R1's B done but not confirmed
      up: 2, // R2, R3
      upDone: 1, // R3
    });
  });

  it('trainings: in the period by registry, direction and document; retrained; due', async () => {
    expect(
      await counts({
        people: { measure: 'trainings.people' },
        federal: { measure: 'trainings.people', params: { federalRegistry: true } },
        digital: { measure: 'trainings.people', params: { direction: 'digital_environment' } },
        diploma: { measure: 'trainings.people', params: { document: 'diploma' } },
        retrained: { measure: 'staff.retrained' },
        due1: { measure: 'trainings.due', params: { years: 1 } },
        due3: { measure: 'trainings.due' },
      }),
    ).toEqual({
      people: 6, // P1, P3, P4, P5, P6, P8 (P2's is before the period)
      federal: 4, // P1, P3, P5, P8
      digital: 2, // P4, P8
      diploma: 0, // M2's diploma is a manager's; P4's is from 2024
      retrained: 1, // P4
      due1: 1, // P2: nothing since 2025-06-01
      due3: 0,
    });
  });

  it('organizations, vacancies and staffing', async () => {
    expect(
      await counts({
        orgs: { measure: 'orgs.total' },
        schools: { measure: 'orgs.total', params: { kinds: ['school'] } },
        mentoring: { measure: 'orgs.flag', params: { flag: 'mentoring_regulation' } },
        open: { measure: 'vacancies.open' },
        zemsky: { measure: 'vacancies.open', params: { zemsky: true } },
        math: { measure: 'vacancies.open', params: { subject: 'математика' } },
        ped: { measure: 'staffing.rates', params: { category: 'pedagogical', what: 'total' } },
        pedOcc: { measure: 'staffing.rates', params: { category: 'pedagogical', what: 'occupied' } },
        adm: { measure: 'staffing.rates', params: { category: 'managerial', what: 'total' } },
      }),
    ).toEqual({
      orgs: 3,
      schools: 2,
      mentoring: 2, // S1, D1
      open: 2, // S1 math, S2 zemsky (D1's opens later, S2 physics closed)
      zemsky: 1,
      math: 1,
      ped: 20, // 10 + 6 + 4 (academic year 2026)
      pedOcc: 18.5, // 9 + 5.5 + 4
      adm: 6,
    });
  });

  it('organization measures honour the population’s org kinds (schools only)', async () => {
    const r = await computeIndicators(
      t.db,
      territoryScope({ municipalityId: fx.municipalityId }),
      [
        {
          code: 'ped',
          formula: {
            kind: 'count',
            of: { measure: 'staffing.rates', params: { category: 'pedagogical', what: 'total' } },
          },
          population: { orgKinds: ['school'] },
        },
        {
          code: 'orgs',
          formula: { kind: 'count', of: { measure: 'orgs.total' } },
          population: { orgKinds: ['preschool'] },
        },
        { code: 'all', formula: { kind: 'count', of: { measure: 'orgs.total' } } },
      ],
      FIXTURE,
    );
    expect(Object.fromEntries(r.indicators.map((i) => [i.code, i.value]))).toEqual({
      ped: 16,
      orgs: 1,
      all: 3,
    });
  });

  it('the other municipality counts none of this one', async () => {
    const other = await counts(
      { assessed: { measure: 'assessment.assessed' }, total: { measure: 'staff.total' } },
      fx.otherMunicipalityId,
    );
    expect(other).toEqual({ assessed: 1, total: 1 }); // PX only
  });
});
