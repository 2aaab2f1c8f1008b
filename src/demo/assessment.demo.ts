import { closeCampaign, createCampaign, openCampaign } from '../assessment/campaigns/campaigns.service.ts';
import { ensureFrameworkPreset } from '../assessment/frameworks/frameworks.service.ts';
import { loadInstrumentPreset } from '../assessment/instruments/instruments.service.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { type Db, sql } from '../platform/db/database.ts';
import type { Dataset } from './dataset.ts';
import type { DemoCast } from './demo-cast.ts';
import {
  PREVIOUS_ASSESSED_ON,
  PREVIOUS_CAMPAIGN_NAME,
  PREVIOUS_CLOSES_AT,
  PREVIOUS_OPENS_AT,
  type PreviousCycle,
  planPreviousCycle,
} from './effect.demo.ts';
import { createRng, hashSeed, type Rng } from './prng.ts';

/**
 * Diagnosis in the demo: the preset frameworks and instruments, a closed September campaign of the
 * town's schools with a competency result for every participant, and an open campaign of СОШ № 1
 * that the demo teacher can take in her cabinet.
 */

export const CLOSED_CAMPAIGN_NAME = 'Диагностика профессиональных компетенций, сентябрь 2026';
export const OPEN_CAMPAIGN_NAME = 'Диагностика: методические и предметные компетенции';
/** The day the September results are dated. */
export const CLOSED_ASSESSED_ON = '2026-09-20';

/**
 * Mean percent per competency of `teacher-544n`: functional literacy, inclusion, digital
 * environment and development work are the usual weak spots of regional diagnostics.
 */
export const COMPETENCY_MEANS: Readonly<Record<string, number>> = {
  'T-SUBJ-01': 84,
  'T-SUBJ-02': 79,
  'T-SUBJ-03': 71,
  'T-METH-01': 82,
  'T-METH-02': 76,
  'T-METH-03': 73,
  'T-METH-04': 81,
  'T-PSY-01': 80,
  'T-PSY-02': 69,
  'T-PSY-03': 78,
  'T-PSY-04': 75,
  'T-COMM-01': 86,
  'T-COMM-02': 81,
  'T-COMM-03': 84,
  'T-MGMT-01': 78,
  'T-MGMT-02': 80,
  'T-MGMT-03': 75,
};

export interface DemoResult {
  personId: string;
  organizationId: string | null;
  code: string;
  percent: number;
}

const clamp = (x: number) => Math.min(100, Math.max(5, Math.round(x * 10) / 10));

/**
 * A plausible spread: each person has a general level and, for about a third of them (more among
 * the young), one to three weak competencies — chosen mostly among the harder ones — that fall
 * below the deficit line. `forcedWeak` gives a person given weak spots (the demo teacher).
 */
export function demoResults(
  participants: readonly { personId: string; organizationId: string | null; young: boolean }[],
  codes: readonly string[],
  forcedWeak: ReadonlyMap<string, readonly string[]> = new Map(),
  rng: Rng = createRng(hashSeed('demo-results')),
): DemoResult[] {
  const out: DemoResult[] = [];
  const weights = codes.map((c) => [c, Math.max(2, 92 - (COMPETENCY_MEANS[c] ?? 78))] as const);
  for (const p of participants) {
    const level = rng.normal(0, 6);
    const weak = new Set<string>(forcedWeak.get(p.personId) ?? []);
    if (weak.size === 0 && rng.chance(p.young ? 0.7 : 0.4)) {
      const k = rng.weighted([
        [1, 5],
        [2, 3],
        [3, 2],
      ] as const);
      for (let i = 0; i < k; i++) weak.add(rng.weighted(weights));
    }
    for (const code of codes) {
      const mean = COMPETENCY_MEANS[code] ?? 78;
      const drop = weak.has(code) ? Math.max(25, rng.normal(38, 6)) : 0;
      out.push({
        personId: p.personId,
        organizationId: p.organizationId,
        code,
        percent: clamp(mean + level + rng.normal(0, 6) - drop),
      });
    }
  }
  return out;
}

export interface DemoAssessment {
  teacherFrameworkId: string;
  managerFrameworkId: string;
  closedCampaignId: string;
  openCampaignId: string;
  /** The September 2025 campaign of the pilot schools and the cycle planned on it (effect.demo.ts). */
  previousCampaignId: string;
  previous: PreviousCycle;
  participants: number;
  results: number;
  peopleWithDeficit: number;
}

/** Positions of the main pedagogical staff of the given organisations, from the dataset. */
function pedagogicalPositions(ds: Dataset, orgIds: ReadonlySet<string>): string[] {
  return [
    ...new Set(
      ds.employments
        .filter((e) => orgIds.has(e.organizationId) && e.kind === 'main' && e.staffCategory === 'pedagogical')
        .map((e) => e.position),
    ),
  ].sort();
}

const YOUNG_YEARS = 3;

export async function loadDemoAssessment(
  tx: Db,
  input: { methodist: Actor; dataset: Dataset; cast: DemoCast; now: Date },
): Promise<DemoAssessment> {
  const { methodist, dataset: ds, cast, now } = input;
  const teacherFrameworkId = (await ensureFrameworkPreset(tx, methodist, 'teacher-544n')).id;
  const managerFrameworkId = (await ensureFrameworkPreset(tx, methodist, 'manager-544n')).id;
  const instrument: Record<string, string> = {};
  for (const code of ['teacher-demo-test', 'teacher-self-assessment', 'burnout-mbi-vodopyanova'])
    instrument[code] = (await loadInstrumentPreset(tx, methodist, code)).id;

  const competencies = await tx.query<{ id: string; code: string }>(sql`
    SELECT c.id, c.code FROM competencies c JOIN competency_groups g ON g.id = c.group_id
    WHERE c.framework_id = ${teacherFrameworkId} ORDER BY g.position, c.position`);
  const idOf = new Map(competencies.map((c) => [c.code, c.id]));
  // The demo's diagnoses were not taken online (no attempts): their results are loaded from a file,
  // as a municipality does with a test run elsewhere, so every page counts them as imported.
  const insertResults = (campaignId: string, on: string, results: DemoResult[]) =>
    // Four arrays unnested: cheaper than a JSON document of 4 500 objects on PGlite.
    tx.query(sql`
      INSERT INTO competency_results (person_id, competency_id, campaign_id, source, organization_id, assessed_on, percent)
      SELECT x.p, x.c, ${campaignId}::uuid, 'import', x.o, ${on}::date, x.v
      FROM unnest(${sql.param(results.map((r) => r.personId))}::uuid[],
                  ${sql.param(results.map((r) => idOf.get(r.code)!))}::uuid[],
                  ${sql.param(results.map((r) => r.organizationId))}::uuid[],
                  ${sql.param(results.map((r) => r.percent))}::numeric[]) AS x(p, c, o, v)`);

  // A year earlier: the pilot schools' diagnosis, whose routes are completed by now.
  const previous = planPreviousCycle(
    ds,
    competencies.map((c) => c.code),
    COMPETENCY_MEANS,
    new Set([cast.teacher.id]),
  );
  const previousCampaignId = await createCampaign(tx, methodist, {
    name: PREVIOUS_CAMPAIGN_NAME,
    frameworkId: teacherFrameworkId,
    instrumentIds: [instrument['teacher-demo-test']!],
    opensAt: PREVIOUS_OPENS_AT,
    closesAt: PREVIOUS_CLOSES_AT,
    target: {
      organizationIds: previous.schoolIds,
      positions: pedagogicalPositions(ds, new Set(previous.schoolIds)),
    },
  });
  await openCampaign(tx, methodist, previousCampaignId);
  await closeCampaign(tx, methodist, previousCampaignId);
  // Frozen today it would list today's staff: those hired since were not there in 2025.
  await tx.query(sql`
    DELETE FROM campaign_participants WHERE campaign_id = ${previousCampaignId}
      AND person_id <> ALL(${sql.param(previous.participants.map((p) => p.personId))}::uuid[])`);
  await tx.query(sql`UPDATE campaign_participants SET invited_at = ${PREVIOUS_OPENS_AT}::timestamptz
                     WHERE campaign_id = ${previousCampaignId}`);
  await tx.query(sql`
    UPDATE assessment_campaigns SET closed_at = closes_at, created_at = opens_at - interval '10 days'
    WHERE id = ${previousCampaignId}`);
  await insertResults(previousCampaignId, PREVIOUS_ASSESSED_ON, previous.results);

  // The September campaign: the schools' teachers, already closed, with results.
  const schools = new Set(ds.organizations.filter((o) => o.kind === 'school').map((o) => o.id));
  const closedCampaignId = await createCampaign(tx, methodist, {
    name: CLOSED_CAMPAIGN_NAME,
    frameworkId: teacherFrameworkId,
    instrumentIds: [instrument['teacher-demo-test']!],
    opensAt: '2026-09-14T09:00:00+08:00',
    closesAt: '2026-09-30T18:00:00+08:00',
    target: { orgKinds: ['school'], positions: pedagogicalPositions(ds, schools) },
  });
  await openCampaign(tx, methodist, closedCampaignId);
  await closeCampaign(tx, methodist, closedCampaignId);
  await tx.query(sql`UPDATE assessment_campaigns SET closed_at = closes_at WHERE id = ${closedCampaignId}`);

  const participants = await tx.query<{ person_id: string; organization_id: string | null }>(sql`
    SELECT person_id, organization_id FROM campaign_participants WHERE campaign_id = ${closedCampaignId}
    ORDER BY person_id`);
  const experience = new Map(ds.people.map((p) => [p.id, p.pedExperienceYears]));
  const generated = demoResults(
    participants.map((p) => ({
      personId: p.person_id,
      organizationId: p.organization_id,
      young: (experience.get(p.person_id) ?? 99) < YOUNG_YEARS,
    })),
    competencies.map((c) => c.code),
    // The demo teacher has a route to show: digital environment and functional literacy.
    new Map([[cast.teacher.id, ['T-METH-03', 'T-SUBJ-03']]]),
  );
  // The 2025 deficits of the previous cycle's people, mostly closed after their completed routes.
  const results = generated.map((r) => {
    const after = previous.after.get(r.personId)?.get(r.code);
    return after === undefined ? r : { ...r, percent: after };
  });
  await insertResults(closedCampaignId, CLOSED_ASSESSED_ON, results);
  // The open campaign of СОШ № 1: window from three days ago to three weeks ahead.
  const day = 86_400_000;
  const openCampaignId = await createCampaign(tx, methodist, {
    name: OPEN_CAMPAIGN_NAME,
    frameworkId: teacherFrameworkId,
    instrumentIds: [instrument['teacher-demo-test']!, instrument['teacher-self-assessment']!],
    opensAt: new Date(now.getTime() - 3 * day).toISOString(),
    closesAt: new Date(now.getTime() + 21 * day).toISOString(),
    target: {
      organizationIds: [cast.school1.id],
      positions: pedagogicalPositions(ds, new Set([cast.school1.id])),
    },
  });
  await openCampaign(tx, methodist, openCampaignId);

  const deficitBelow = 50;
  return {
    teacherFrameworkId,
    managerFrameworkId,
    closedCampaignId,
    openCampaignId,
    previousCampaignId,
    previous,
    participants: participants.length,
    results: results.length,
    peopleWithDeficit: new Set(results.filter((r) => r.percent < deficitBelow).map((r) => r.personId)).size,
  };
}
