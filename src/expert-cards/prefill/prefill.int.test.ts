import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../../tests/helpers/factories.ts';
import { createTestDb } from '../../../tests/helpers/test-db.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import type { ScoringRule } from '../scoring.ts';
import { contradictionsFor, prefillFor } from './prefill.service.ts';
import type { PrefillResult } from './prefill.ts';

/**
 * A municipality with two schools, school year 2025/26 (1 Sep 2025 – 31 Aug 2026):
 * A — Анна (young, presents on E1), Галина (young, left on 30 Jun 2026), Борис (trained on
 *     1 Sep 2023, took part in the regional E3, won «Учитель года», mentors Анна, sits on the ГМО);
 *     a municipal innovation platform; its approved plan for 2025.
 * B — Дмитрий (main employment at B, a part-time one at A; presents on E1 too; trained on
 *     31 Aug 2023, a day before the 3-year window; presents on E2 of 1 Sep 2026 — the next year).
 * Events of the approved municipal plan 2025: E1 municipal 31 Aug 2026, E3 regional 1 Sep 2025,
 * E4 municipal for kindergartens only, E5 municipal nobody attended, E6 the contest, E7 the school
 * of the young teacher, E8 the methodical day; E2 on 1 Sep 2026 (next year's plan).
 */

let db: Db;
let drop: () => Promise<void>;
const o = { A: '', B: '' };

const fact = (points = 1): ScoringRule => ({ kind: 'fact', points });
const share = (minPercent: number): ScoringRule => ({ kind: 'share', minPercent, points: 1 });
const items = [
  ['trainings', 'trainings.completed', fact()],
  ['presented', 'events.presented|municipal', fact()],
  ['tookPart', 'events.took_part|regional,federal', fact()],
  ['attended', 'events.attended_share|municipal,regional,federal', share(50)],
  ['winner', 'contests.winner|Учитель года|municipal', fact(3)],
  ['participant', 'contests.participant|Учитель года|municipal', fact()],
  ['pair', 'young.mentoring_pair', fact()],
  ['retained', 'young.retained', share(50)],
  ['innovation', 'orgs.innovation_platform|municipal', fact()],
  ['internship', 'orgs.internship_platform', fact()],
  ['plan', 'plans.methodical', fact()],
  ['gmo', 'communities.member|municipal', fact()],
  ['diagnosed', 'assessment.took_part', fact()],
  ['youngPresented', 'young.presented', fact()],
  ['school', 'young.school_member', fact()],
  ['routes', 'routes.share', share(80)],
  ['schoolPresented', 'young.school_presented', fact()],
  ['week', 'events.kind_took_part|methodical_week', fact()],
  ['weekPresented', 'events.kind_presented|methodical_week', fact()],
] as const;
const request = (organizationIds: string[], schoolYear = 2025) => ({
  organizationIds,
  schoolYear,
  items: items.map(([id, prefillSource, rule]) => ({ id, prefillSource, rule })),
});
const pick = (r: PrefillResult, org: string, item: string) => r.get(org)?.get(item);

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  const ctx = factories(db);
  const muni = await ctx.newMunicipality();
  const A = await ctx.newOrg({ municipalityId: muni.id });
  const B = await ctx.newOrg({ municipalityId: muni.id });
  o.A = A.id;
  o.B = B.id;
  const young = { birthDate: '2000-01-01', pedExperienceYears: 1 };
  const anna = await ctx.newPerson({
    organizationId: A.id,
    lastName: 'Антонова',
    firstName: 'Анна',
    ...young,
  });
  const galina = await ctx.newPerson({
    organizationId: A.id,
    lastName: 'Галкина',
    firstName: 'Галина',
    ...young,
  });
  const boris = await ctx.newPerson({
    organizationId: A.id,
    lastName: 'Борисов',
    firstName: 'Борис',
    birthDate: '1975-05-05',
    pedExperienceYears: 25,
    sex: 'm',
  });
  const dmitry = await ctx.newPerson({
    organizationId: B.id,
    lastName: 'Дмитриев',
    firstName: 'Дмитрий',
    sex: 'm',
  });
  await ctx.addEmployment({ personId: dmitry.id, organizationId: A.id, kind: 'external' });
  await db.query(sql`UPDATE employments SET end_date = '2026-06-30' WHERE id = ${galina.employmentId}`);
  await db.query(sql`UPDATE organizations SET innovation_platform = 'municipal' WHERE id = ${A.id}`);

  const training = (personId: string, on: string, no: string) =>
    db.query(sql`INSERT INTO trainings (person_id, program_name, document, document_number, issued_on, hours)
      VALUES (${personId}, 'Функциональная грамотность', 'certificate', ${no}, ${on}, 36)`);
  await training(boris.id, '2023-09-01', 'У-1');
  await training(dmitry.id, '2023-08-31', 'У-2');

  const plan = async (schoolYear: number, organizationId: string | null) => {
    const [p] = await db.query<{ id: string }>(sql`INSERT INTO event_plans
        (level, region_id, municipality_id, organization_id, school_year, title, status, approved_at)
      VALUES (${organizationId ? 'institutional' : 'municipal'}, ${muni.regionId}, ${muni.id}, ${organizationId},
              ${schoolYear}, ${`План ${schoolYear}`}, 'approved', '2025-08-20T10:00:00Z') RETURNING id`);
    return p!.id;
  };
  const plan2025 = await plan(2025, null);
  const plan2026 = await plan(2026, null);
  await plan(2025, A.id);
  const event = async (
    planId: string,
    title: string,
    kind: string,
    level: string,
    on: string,
    target = {},
  ) => {
    const [e] = await db.query<{
      id: string;
    }>(sql`INSERT INTO events (plan_id, title, kind, level, starts_on, target)
      VALUES (${planId}, ${title}, ${kind}, ${level}, ${on}, ${JSON.stringify(target)}::jsonb) RETURNING id`);
    return e!.id;
  };
  const E1 = await event(plan2025, 'Семинар', 'seminar', 'municipal', '2026-08-31');
  const E2 = await event(plan2026, 'Семинар-2', 'seminar', 'municipal', '2026-09-01');
  const E3 = await event(plan2025, 'Краевой форум', 'conference', 'regional', '2025-09-01');
  await event(plan2025, 'Для детских садов', 'seminar', 'municipal', '2025-10-10', {
    orgKinds: ['preschool'],
  });
  await event(plan2025, 'Никто не пришёл', 'seminar', 'municipal', '2025-11-11');
  const E6 = await event(plan2025, 'Учитель года — 2026, финал', 'contest', 'municipal', '2026-02-01');
  const register = async (eventId: string, personId: string, role: string, attended: boolean | null) => {
    const [r] = await db.query<{ id: string }>(sql`INSERT INTO event_registrations
        (event_id, person_id, status, source, role, attended)
      VALUES (${eventId}, ${personId}, 'confirmed', 'self', ${role}, ${attended}) RETURNING id`);
    return r!.id;
  };
  await register(E1, anna.id, 'presenter', true);
  const E7 = await event(
    plan2025,
    'Школа молодого педагога',
    'young_teacher_school',
    'municipal',
    '2025-12-01',
  );
  const E8 = await event(plan2025, 'Единый методический день', 'methodical_week', 'municipal', '2026-03-25');
  await register(E7, anna.id, 'presenter', true);
  await register(E7, boris.id, 'presenter', true); // not young: not in the young specialists' items
  await register(E8, boris.id, 'participant', true);
  await register(E8, dmitry.id, 'presenter', false); // marked absent: did not take part
  await register(E1, dmitry.id, 'presenter', true);
  await register(E2, dmitry.id, 'presenter', true);
  await register(E3, boris.id, 'participant', true);
  const entry = await register(E6, boris.id, 'participant', null);
  await db.query(sql`INSERT INTO contests (event_id, published_at) VALUES (${E6}, '2026-02-10T10:00:00Z')`);
  const [nom] = await db.query<{ id: string }>(
    sql`INSERT INTO contest_nominations (event_id, title) VALUES (${E6}, 'Учитель') RETURNING id`,
  );
  await db.query(sql`INSERT INTO contest_entries (event_id, nomination_id, registration_id, title, outcome)
    VALUES (${E6}, ${nom!.id}, ${entry}, 'Урок', 'winner')`);

  const [prog] = await db.query<{ id: string }>(sql`INSERT INTO mentoring_programs
      (region_id, municipality_id, organization_id, name, forms, starts_on)
    VALUES (${muni.regionId}, ${muni.id}, ${A.id}, 'Наставничество', ARRAY['experienced_young']::mentoring_form[], '2025-09-01')
    RETURNING id`);
  const [mentor] = await db.query<{
    id: string;
  }>(sql`INSERT INTO mentoring_mentors (program_id, person_id, capacity)
    VALUES (${prog!.id}, ${boris.id}, 2) RETURNING id`);
  const [ms] = await db.query<{
    id: string;
  }>(sql`INSERT INTO mentorships (program_id, mentor_id, form, started_on)
    VALUES (${prog!.id}, ${mentor!.id}, 'experienced_young', '2025-10-01') RETURNING id`);
  await db.query(sql`INSERT INTO mentorship_mentees (mentorship_id, program_id, person_id)
    VALUES (${ms!.id}, ${prog!.id}, ${anna.id})`);

  // ИОМ: Анна's in progress within the year, Борис's a draft, Дмитрий's of the previous year
  const route = (personId: string, status: string, from: string, to: string) =>
    db.query(sql`INSERT INTO learning_routes (person_id, status, title, period_start, period_end)
      VALUES (${personId}, ${status}, 'ИОМ', ${from}, ${to})`);
  await route(anna.id, 'in_progress', '2025-09-01', '2026-05-31');
  await route(boris.id, 'draft', '2025-09-01', '2026-05-31');
  await route(dmitry.id, 'completed', '2024-09-01', '2025-08-31');

  const [gmo] = await db.query<{
    id: string;
  }>(sql`INSERT INTO communities (kind, level, region_id, municipality_id, name)
    VALUES ('gmo', 'municipal', ${muni.regionId}, ${muni.id}, 'ГМО учителей математики') RETURNING id`);
  await db.query(sql`INSERT INTO community_members (community_id, person_id, joined_on)
    VALUES (${gmo!.id}, ${boris.id}, '2025-09-10')`);
  const [school] = await db.query<{
    id: string;
  }>(sql`INSERT INTO communities (kind, level, region_id, municipality_id, name)
    VALUES ('young_teacher_school', 'municipal', ${muni.regionId}, ${muni.id}, 'Школа молодого педагога') RETURNING id`);
  // Анна left the school in June 2025 (before the year) and joined again in January 2026
  await db.query(sql`INSERT INTO community_members (community_id, person_id, joined_on, left_on)
    VALUES (${school!.id}, ${anna.id}, '2024-09-10', '2025-06-01'), (${school!.id}, ${anna.id}, '2026-01-15', NULL),
           (${school!.id}, ${dmitry.id}, '2024-09-10', '2025-08-31')`);
});
afterAll(async () => drop?.());

describe('prefill of expert cards from the platform’s data', () => {
  it('answers each item per organization with its source, one school’s data never in the other’s', async () => {
    const r = await prefillFor(db, request([o.A, o.B]));
    const a = (id: string) => pick(r, o.A, id);
    const b = (id: string) => pick(r, o.B, id);

    expect(a('trainings')).toMatchObject({
      value: { kind: 'fact', present: true },
      source: 'Реестр обучения: удостоверения и дипломы за последние 3 года',
      detail: '1 педагог: Борисов Б. П.',
    });
    // Дмитрий's document of 31 Aug 2023 is a day older than three years back from 31 Aug 2026
    expect(b('trainings')).toBeUndefined();

    // E1 on 31 Aug 2026 is in 2025/26; Дмитрий counts at B (his main employment), never at A
    expect(a('presented')?.detail).toBe('2 педагога: Антонова А. П., Борисов Б. П.'); // E1, E7
    expect(a('presented')?.source).toMatch(/^Мероприятия: /);
    expect(b('presented')?.detail).toBe('1 педагог: Дмитриев Д. П.');
    expect(a('youngPresented')?.value).toEqual({ kind: 'fact', present: true });
    expect(b('youngPresented')).toBeUndefined();
    // E3 on 1 Sep 2025 opens the year
    expect(a('tookPart')?.detail).toBe('1 педагог: Борисов Б. П.');
    expect(b('tookPart')).toBeUndefined();

    // invited to E1, E3, E5, E6, E7, E8 (E4 is for kindergartens, E2 is next year): 6;
    // A took part in E1, E3, E6, E7, E8 — 5 of 6; B in E1 only (absent at E8) — 1 of 6
    expect(a('attended')?.value).toEqual({ kind: 'share', part: 5, whole: 6 });
    expect(b('attended')?.value).toEqual({ kind: 'share', part: 1, whole: 6 });

    expect(a('winner')).toMatchObject({
      value: { kind: 'fact', present: true },
      detail: '1 педагог: Борисов Б. П.',
    });
    expect(a('winner')?.source).toMatch(/^Конкурсы: победители конкурса «Учитель года»/);
    // the municipality's contest is published: the platform knows B has no winner
    expect(b('winner')?.value).toEqual({ kind: 'fact', present: false });
    expect(b('participant')?.value).toEqual({ kind: 'fact', present: false });
    expect(a('participant')?.value).toEqual({ kind: 'fact', present: true });

    expect(a('pair')).toMatchObject({
      value: { kind: 'fact', present: true },
      detail: '1 молодой специалист: Антонова А. П.',
    });
    expect(a('pair')?.source).toMatch(/^Наставничество: /);
    expect(b('pair')?.value).toEqual({ kind: 'fact', present: false });

    // young on 31 Aug 2025: Анна, Галина; Галина left on 30 Jun 2026 → 1 of 2
    expect(a('retained')?.value).toEqual({ kind: 'share', part: 1, whole: 2 });
    expect(a('retained')?.detail).toBe('1 из 2');
    // Дмитрий (born 1985, 10 years) is not young: B has no young specialists to take a share of
    expect(b('retained')).toBeUndefined();

    expect(a('innovation')).toMatchObject({
      value: { kind: 'fact', present: true },
      source: 'Реестр организаций: статус инновационной площадки (муниципальный)',
    });
    expect(b('innovation')?.value).toEqual({ kind: 'fact', present: false });
    expect(a('internship')?.value).toEqual({ kind: 'fact', present: false });
    expect(b('internship')?.value).toEqual({ kind: 'fact', present: false });

    expect(a('plan')?.detail).toMatch(/^1 план: План 2025 \(утверждён 20\.08\.2025\)$/);
    expect(b('plan')).toBeUndefined();
    // the ГМО and the school of the young teacher are both municipal communities
    expect(a('gmo')?.detail).toBe('2 педагога: Антонова А. П., Борисов Б. П.');
    expect(b('gmo')).toBeUndefined();
    expect(a('school')?.detail).toBe('1 молодой специалист: Антонова А. П.');
    // Дмитрий left on 31 Aug 2025, and he is not young anyway
    expect(b('school')).toBeUndefined();
    expect(a('schoolPresented')?.detail).toBe('1 молодой специалист: Антонова А. П.');
    expect(a('week')?.detail).toBe('1 педагог: Борисов Б. П.');
    expect(a('weekPresented')).toBeUndefined();
    expect(b('week')).toBeUndefined();
    // pedagogical staff on 31 Aug 2026: Анна, Борис (Галина left); only Анна's route counts
    expect(a('routes')).toMatchObject({ value: { kind: 'share', part: 1, whole: 2 }, detail: '1 из 2' });
    expect(a('routes')?.source).toMatch(/^Маршруты \(ИОМ\): /);
    expect(b('routes')).toBeUndefined();
    // nobody was diagnosed: not the platform's to say «no»
    expect(a('diagnosed')).toBeUndefined();
  });

  it('asked about one organization, gives the same as for both', async () => {
    const both = await prefillFor(db, request([o.A, o.B]));
    const one = await prefillFor(db, request([o.A]));
    expect([...one.keys()]).toEqual([o.A]);
    const strip = (m: PrefillResult, org: string) =>
      [...(m.get(org) ?? new Map()).entries()].map(([k, v]) => [k, v.value, v.detail]);
    expect(strip(one, o.A)).toEqual(strip(both, o.A));
  });

  it('the next school year sees only its own events', async () => {
    const r = await prefillFor(db, request([o.A, o.B], 2026));
    expect(pick(r, o.B, 'presented')?.detail).toBe('1 педагог: Дмитриев Д. П.'); // E2 of 1 Sep 2026
    expect(pick(r, o.A, 'presented')).toBeUndefined();
    expect(pick(r, o.A, 'winner')).toBeUndefined(); // no contest published in 2026/27
  });
});

describe('contradictions with the platform’s data', () => {
  const claims = (present: boolean) =>
    items.map(([itemId, prefillSource]) => ({
      itemId,
      prefillSource,
      value: { kind: 'fact' as const, present },
    }));

  it('flags a claimed prize, pair, status or training the platform does not see', async () => {
    const b = await contradictionsFor(db, { organizationId: o.B, schoolYear: 2025, answers: claims(true) });
    expect(Object.fromEntries(b)).toEqual({
      trainings:
        'Заявлено обучение по ДПП за последние 3 года, в реестре обучения нет ни одного удостоверения педагогов организации',
      winner: 'Заявлена победа в конкурсе «Учитель года», в платформе такого результата нет',
      participant: 'Заявлено участие в конкурсе «Учитель года», в платформе такой заявки нет',
      pair: 'Заявлено участие молодых специалистов в наставнической паре, в разделе «Наставничество» таких пар за учебный год нет',
      innovation: 'Заявлен статус инновационной площадки, в реестре организаций такого статуса нет',
      internship: 'Заявлен статус стажировочной площадки, в реестре организаций такого статуса нет',
    });
    const a = await contradictionsFor(db, { organizationId: o.A, schoolYear: 2025, answers: claims(true) });
    expect([...a.keys()]).toEqual(['internship']);
  });

  it('never flags a «no», an empty answer or an item without a source', async () => {
    const b = await contradictionsFor(db, {
      organizationId: o.B,
      schoolYear: 2025,
      answers: [
        ...claims(false),
        { itemId: 'x', prefillSource: null, value: { kind: 'fact', present: true } },
        { itemId: 'y', prefillSource: 'contests.winner|Учитель года|municipal', value: null },
      ],
    });
    expect(b.size).toBe(0);
  });
});
