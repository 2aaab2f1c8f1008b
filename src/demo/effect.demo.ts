import { writeAuditMany } from '../platform/audit/audit.repository.ts';
import { type Db, sql } from '../platform/db/database.ts';
import { addDays } from '../platform/time/today.ts';
import { DEFAULT_GENERATION_SETTINGS, ruPercent, ruPeriod } from '../routes/generation/planner.ts';
import type { DemoResult } from './assessment.demo.ts';
import { DEMO_PROGRAMS, type DemoProgram, type DemoTraining } from './catalog.demo.ts';
import type { Dataset } from './dataset.ts';
import { createRng, hashSeed, type Rng } from './prng.ts';

/**
 * The previous cycle of the demo, so the effect of routes has something to show: a September 2025
 * diagnosis of a few schools, a route for everyone with a deficit — agreed, followed with evidence,
 * confirmed by the curator and completed in June 2026 — and the September 2026 results of those
 * people, where most of the 2025 deficits are closed. History is written set-based: the route
 * services stamp now(), and every row here is dated in the past.
 */

export const PREVIOUS_CAMPAIGN_NAME = 'Диагностика профессиональных компетенций, сентябрь 2025';
export const PREVIOUS_ASSESSED_ON = '2025-09-20';
export const PREVIOUS_OPENS_AT = '2025-09-15T09:00:00+08:00';
export const PREVIOUS_CLOSES_AT = '2025-09-30T18:00:00+08:00';
export const PREVIOUS_PERIOD = { start: '2025-10-01', end: '2026-06-30' } as const;
/** Employed by then: only they could take the 2025 diagnosis. */
const EMPLOYED_BY = '2025-09-01';
/** Teachers of the pilot schools taking the 2025 diagnosis; about 60 % of them have a deficit. */
const PILOT_TEACHERS = 85;
const DEFICIT_BELOW = 50;

export interface PastCohort {
  programCode: string;
  id: string;
  startsOn: string;
  endsOn: string;
  seats: number;
}

export type PastItemKind = 'program' | 'mentoring' | 'self_education';

export interface PastItem {
  id: string;
  kind: PastItemKind;
  /** Main competency first, then the other 2025 deficits a program also covers. */
  codes: string[];
  percent: number;
  program: DemoProgram | null;
  cohort: PastCohort | null;
  plannedStart: string;
  plannedEnd: string;
  hours: number;
  dropped: string | null;
  /** Evidence given, confirmed by the curator (null when dropped). */
  doneAt: string | null;
  confirmedAt: string | null;
  droppedAt: string | null;
}

export interface PastRoute {
  id: string;
  personId: string;
  organizationId: string;
  fullName: string;
  /** Index into the demo curators: routes are dealt round in turn. */
  curator: number;
  deficits: { code: string; percent: number }[];
  partials: number;
  createdAt: string;
  teacherAgreedAt: string;
  curatorAgreedAt: string;
  startedAt: string;
  completedAt: string;
  items: PastItem[];
}

export interface PreviousCycle {
  schoolIds: string[];
  participants: { personId: string; organizationId: string }[];
  results: DemoResult[];
  routes: PastRoute[];
  cohorts: PastCohort[];
  /** September 2026 percent of each 2025 deficit competency, by person then code. */
  after: Map<string, Map<string, number>>;
}

const DROP_REASONS = [
  'Поток перенесён организатором, записаться на другой в этом учебном году не удалось',
  'Длительный больничный в период обучения',
  'Компетенция отработана в рамках школьного методического объединения',
];

const at = (day: string, rng: Rng) =>
  `${day}T${String(rng.int(9, 17)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00+08:00`;
const maxDay = (a: string, b: string) => (a > b ? a : b);
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Programs a school teacher could have taken for a competency (no retraining, no preschool ones). */
const programsFor = (code: string) =>
  DEMO_PROGRAMS.filter(
    (p) =>
      p.kind === 'upgrade' && p.competencies.includes(code) && !p.directions.includes('preschool_quality'),
  );

/** Past cohorts of the upgrade programs: one or two each, October 2025 to early spring 2026. */
export function pastCohorts(rng: Rng): PastCohort[] {
  const out: PastCohort[] = [];
  for (const p of DEMO_PROGRAMS) {
    if (p.kind !== 'upgrade') continue;
    const weeks = Math.max(1, Math.ceil(p.hours / 18));
    const count = rng.int(1, 2);
    for (let i = 0; i < count; i++) {
      const startsOn = addDays(i === 0 ? '2025-10-06' : '2026-01-19', rng.int(0, 40));
      out.push({
        programCode: p.code,
        id: rng.uuid(),
        startsOn,
        endsOn: addDays(startsOn, weeks * 7 - 3),
        seats: rng.int(20, 30),
      });
    }
  }
  return out;
}

/**
 * Plans the previous cycle from the dataset: pilot schools, 2025 results, completed routes and the
 * 2026 outcome of the 2025 deficits. Pure and seeded; `exclude` keeps the demo teacher out (her
 * story is the 2026 route in progress).
 */
export function planPreviousCycle(
  ds: Dataset,
  codes: readonly string[],
  means: Readonly<Record<string, number>>,
  exclude: ReadonlySet<string>,
): PreviousCycle {
  const rng = createRng(hashSeed('demo-previous-cycle'));
  const people = new Map(ds.people.map((p) => [p.id, p]));
  const schools = ds.organizations
    .filter((o) => o.kind === 'school')
    .map((o) => o.id)
    .sort();
  const staffOf = (orgId: string) =>
    [
      ...new Set(
        ds.employments
          .filter(
            (e) =>
              e.organizationId === orgId &&
              e.kind === 'main' &&
              e.staffCategory === 'pedagogical' &&
              e.startDate <= EMPLOYED_BY &&
              !exclude.has(e.personId),
          )
          .map((e) => e.personId),
      ),
    ].sort();
  // Pilot schools in a seeded order until there are enough teachers.
  const order = [...schools];
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const schoolIds: string[] = [];
  const participants: { personId: string; organizationId: string }[] = [];
  for (const s of order) {
    if (participants.length >= PILOT_TEACHERS) break;
    schoolIds.push(s);
    for (const personId of staffOf(s)) participants.push({ personId, organizationId: s });
  }

  const weights = codes.map((c) => [c, Math.max(2, 92 - (means[c] ?? 78))] as const);
  const cohorts = pastCohorts(rng);
  const results: DemoResult[] = [];
  const routes: PastRoute[] = [];
  const after = new Map<string, Map<string, number>>();
  for (const p of participants) {
    const level = rng.normal(-2, 5);
    const weak = new Set<string>();
    if (rng.chance(0.6)) {
      const k = rng.weighted([
        [1, 4],
        [2, 3],
        [3, 2],
        [4, 1],
      ] as const);
      for (let guard = 0; weak.size < k && guard < 50; guard++) weak.add(rng.weighted(weights));
    }
    const percents = new Map<string, number>();
    for (const code of codes) {
      const v = weak.has(code)
        ? round1(rng.float(28, 48.5))
        : // Others stay above the deficit line: the 2025 deficits are exactly the weak ones.
          Math.min(
            100,
            Math.max(DEFICIT_BELOW + 1, round1((means[code] ?? 78) - 3 + level + rng.normal(0, 6))),
          );
      percents.set(code, v);
      results.push({ personId: p.personId, organizationId: p.organizationId, code, percent: v });
    }
    if (weak.size === 0) continue;
    const person = people.get(p.personId)!;
    const deficits = [...weak]
      .map((code) => ({ code, percent: percents.get(code)! }))
      .sort((a, b) => a.percent - b.percent || (a.code < b.code ? -1 : 1));
    routes.push(
      planRoute(rng, {
        personId: p.personId,
        organizationId: p.organizationId,
        fullName: [person.lastName, person.firstName, person.patronymic].filter(Boolean).join(' '),
        deficits,
        partials: [...percents.values()].filter((v) => v >= DEFICIT_BELOW && v < 75).length,
        curator: routes.length % 3,
        cohorts,
      }),
    );
  }

  // September 2026: about four in five 2025 deficits closed; a dropped item's less often.
  for (const r of routes) {
    const m = new Map<string, number>();
    for (const d of r.deficits) {
      const dropped = r.items.some((i) => i.dropped && i.codes.includes(d.code));
      const u = rng.next();
      const closed = dropped ? 0.35 : 0.82;
      m.set(
        d.code,
        u < closed
          ? round1(rng.float(76, 93))
          : u < closed + (1 - closed) * 0.65
            ? round1(rng.float(55, 74))
            : round1(rng.float(38, 49)),
      );
    }
    after.set(r.personId, m);
  }
  return { schoolIds, participants, results, routes, cohorts, after };
}

function planRoute(
  rng: Rng,
  p: Pick<PastRoute, 'personId' | 'organizationId' | 'fullName' | 'deficits' | 'partials' | 'curator'> & {
    cohorts: PastCohort[];
  },
): PastRoute {
  const createdAt = at(addDays('2025-10-01', rng.int(0, 3)), rng);
  const teacherAgreed = addDays(createdAt.slice(0, 10), rng.int(2, 6));
  const curatorAgreed = addDays(teacherAgreed, rng.int(1, 3));
  const started = addDays(curatorAgreed, rng.int(1, 3));
  const covered = new Set<string>();
  const chosen = new Set<string>();
  const items: PastItem[] = [];
  const weak = new Set(p.deficits.map((d) => d.code));
  for (const d of p.deficits) {
    if (covered.has(d.code)) continue;
    const programs = programsFor(d.code).filter((x) => !chosen.has(x.code));
    const u = rng.next();
    let item: Omit<PastItem, 'dropped' | 'doneAt' | 'confirmedAt' | 'droppedAt' | 'id'>;
    if (programs.length && u < 0.75) {
      const program = rng.pick(programs);
      chosen.add(program.code);
      const cohort = rng.pick(p.cohorts.filter((c) => c.programCode === program.code));
      item = {
        kind: 'program',
        codes: [
          d.code,
          ...program.competencies.filter((c) => c !== d.code && weak.has(c) && !covered.has(c)),
        ],
        percent: d.percent,
        program,
        cohort,
        plannedStart: cohort.startsOn,
        plannedEnd: cohort.endsOn,
        hours: program.hours,
      };
    } else if (u < 0.9 || !programs.length) {
      const start = addDays('2025-10-13', rng.int(0, 20));
      item = {
        kind: 'mentoring',
        codes: [d.code],
        percent: d.percent,
        program: null,
        cohort: null,
        plannedStart: start,
        plannedEnd: addDays(start, rng.int(120, 180)),
        hours: DEFAULT_GENERATION_SETTINGS.mentoringHours,
      };
    } else {
      const start = addDays('2025-11-03', rng.int(0, 30));
      item = {
        kind: 'self_education',
        codes: [d.code],
        percent: d.percent,
        program: null,
        cohort: null,
        plannedStart: start,
        plannedEnd: addDays(start, rng.int(60, 120)),
        hours: DEFAULT_GENERATION_SETTINGS.selfEducationHours,
      };
    }
    for (const c of item.codes) covered.add(c);
    // A few items fell through (never the only one): dropped with a reason in the winter.
    const dropped = items.length > 0 && rng.chance(0.08) ? rng.pick(DROP_REASONS) : null;
    const doneAt = dropped ? null : addDays(item.plannedEnd, rng.int(1, 10));
    const confirmedAt = doneAt ? addDays(doneAt, rng.int(1, 6)) : null;
    items.push({
      ...item,
      id: rng.uuid(),
      dropped,
      doneAt: doneAt ? at(doneAt, rng) : null,
      confirmedAt: confirmedAt ? at(confirmedAt, rng) : null,
      droppedAt: dropped ? at(addDays(maxDay(item.plannedStart, started), rng.int(3, 20)), rng) : null,
    });
  }
  const lastConfirmed = items.reduce((m, i) => maxDay(m, i.confirmedAt?.slice(0, 10) ?? ''), '');
  const completed = maxDay(addDays(lastConfirmed, rng.int(2, 10)), addDays('2026-06-01', rng.int(0, 20)));
  return {
    id: rng.uuid(),
    personId: p.personId,
    organizationId: p.organizationId,
    fullName: p.fullName,
    curator: p.curator,
    deficits: p.deficits,
    partials: p.partials,
    createdAt,
    teacherAgreedAt: at(teacherAgreed, rng),
    curatorAgreedAt: at(curatorAgreed, rng),
    startedAt: at(started, rng),
    completedAt: at(completed > '2026-06-29' ? '2026-06-29' : completed, rng),
    items,
  };
}

/** Certificates of the program items done: issued on the cohort's last day, numbers of their own series. */
export function previousTrainings(cycle: PreviousCycle): (DemoTraining & { programCode: string })[] {
  let seq = 0;
  return cycle.routes.flatMap((r) =>
    r.items
      .filter((i) => i.kind === 'program' && !i.dropped)
      .map((i) => ({
        personId: r.personId,
        programId: null as string | null,
        programCode: i.program!.code,
        programName: i.program!.name,
        provider: i.program!.provider,
        document: 'certificate' as const,
        documentNumber: `38${i.cohort!.endsOn.slice(2, 4)}-7${String(++seq).padStart(4, '0')}`,
        issuedOn: i.cohort!.endsOn,
        hours: i.program!.hours,
      })),
  );
}

const EVIDENCE: Record<PastItemKind, { url: string; note: string }> = {
  program: {
    url: 'https://disk.yandex.ru/d/zima-iom-2025-udostovereniya',
    note: 'Скан удостоверения о повышении квалификации',
  },
  mentoring: {
    url: 'https://disk.yandex.ru/d/zima-iom-2025-nastavnichestvo',
    note: 'План наставничества с отметками о выполнении и отзыв наставника',
  },
  self_education: {
    url: 'https://disk.yandex.ru/d/zima-iom-2025-samoobrazovanie',
    note: 'Отчёт о самообразовании: методическая разработка урока',
  },
};

/**
 * Writes the routes of the previous cycle with their items, events and past cohorts, and returns
 * the certificates of the programs done (to be inserted with the other trainings).
 */
export async function insertPreviousRoutes(
  tx: Db,
  input: {
    cycle: PreviousCycle;
    campaignId: string;
    frameworkId: string;
    methodistUserId: string;
    /** The curator of a route of a person of the organization; k — the route's turn. */
    curatorOf: (organizationId: string, k: number) => string;
    programIds: ReadonlyMap<string, string>;
  },
): Promise<DemoTraining[]> {
  const { cycle, campaignId, frameworkId, methodistUserId, curatorOf, programIds } = input;
  const comps = await tx.query<{ id: string; code: string; name: string }>(sql`
    SELECT id, code, name FROM competencies WHERE framework_id = ${frameworkId}`);
  const comp = new Map(comps.map((c) => [c.code, c]));
  const used = new Set(cycle.routes.flatMap((r) => r.items.flatMap((i) => (i.cohort ? [i.cohort.id] : []))));
  const cohorts = cycle.cohorts
    .filter((c) => used.has(c.id))
    .map((c) => ({
      id: c.id,
      program_id: programIds.get(c.programCode)!,
      starts_on: c.startsOn,
      ends_on: c.endsOn,
      seats: c.seats,
    }));
  await tx.query(sql`
    INSERT INTO program_cohorts (id, program_id, starts_on, ends_on, seats)
    SELECT x.id, x.program_id, x.starts_on::date, x.ends_on::date, x.seats
    FROM jsonb_to_recordset(${JSON.stringify(cohorts)}::jsonb) AS x(id uuid, program_id uuid, starts_on text,
      ends_on text, seats int)`);

  const source = `диагностики «${PREVIOUS_CAMPAIGN_NAME}» от 20.09.2025`;
  const routes = cycle.routes.map((r) => ({
    id: r.id,
    person_id: r.personId,
    curator_user_id: curatorOf(r.organizationId, r.curator),
    title: `ИОМ: ${r.fullName}, ${ruPeriod(PREVIOUS_PERIOD.start, PREVIOUS_PERIOD.end)}`,
    teacher_at: r.teacherAgreedAt,
    curator_at: r.curatorAgreedAt,
    completed_at: r.completedAt,
    created_at: r.createdAt,
  }));
  await tx.query(sql`
    INSERT INTO learning_routes (id, person_id, campaign_id, framework_id, baseline_on, curator_user_id, status, title,
                                 period_start, period_end, agreed_by_teacher_at, agreed_by_curator_at, completed_at,
                                 created_at, updated_at)
    SELECT x.id, x.person_id, ${campaignId}::uuid, ${frameworkId}::uuid, ${PREVIOUS_ASSESSED_ON}::date,
           x.curator_user_id, 'completed', x.title, ${PREVIOUS_PERIOD.start}::date, ${PREVIOUS_PERIOD.end}::date,
           x.teacher_at::timestamptz, x.curator_at::timestamptz, x.completed_at::timestamptz,
           x.created_at::timestamptz, x.completed_at::timestamptz
    FROM jsonb_to_recordset(${JSON.stringify(routes)}::jsonb) AS x(id uuid, person_id uuid, curator_user_id uuid,
      title text, teacher_at text, curator_at text, completed_at text, created_at text)`);

  const why = (code: string, percent: number) =>
    `Дефицит по компетенции «${comp.get(code)!.name}»: ${ruPercent(percent)} при пороге ${ruPercent(DEFICIT_BELOW)}.`;
  const goal = (code: string) =>
    `Компетенция «${comp.get(code)!.name}» — не ниже ${ruPercent(75)} при повторной диагностике`;
  const items: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  const event = (
    routeId: string,
    author: string,
    kind: string,
    text: string,
    data: object,
    when: string,
    itemId: string | null = null,
  ) =>
    events.push({ route_id: routeId, item_id: itemId, author_user_id: author, kind, text, data, at: when });
  for (const [n, r] of cycle.routes.entries()) {
    const curator = routes[n]!.curator_user_id;
    const hours = r.items.reduce((s, i) => s + i.hours, 0);
    event(
      r.id,
      methodistUserId,
      'created',
      `Маршрут сформирован автоматически по результатам ${source}: дефицитов — ${r.deficits.length}, ` +
        `частично сформированных — ${r.partials}; пунктов — ${r.items.length}, ${hours} ч.`,
      { jobId: null, items: r.items.length, hours, uncovered: [] },
      r.createdAt,
    );
    event(
      r.id,
      methodistUserId,
      'agreed',
      'Маршрут согласован педагогом (подпись на бумаге внесена методистом)',
      { side: 'teacher' },
      r.teacherAgreedAt,
    );
    event(r.id, curator, 'agreed', 'Маршрут согласован куратором', { side: 'curator' }, r.curatorAgreedAt);
    event(
      r.id,
      curator,
      'status',
      'Маршрут согласован обеими сторонами',
      { from: 'draft', to: 'agreed' },
      r.curatorAgreedAt,
    );
    event(r.id, curator, 'status', 'Маршрут начат', { from: 'agreed', to: 'in_progress' }, r.startedAt);
    for (const [k, i] of r.items.entries()) {
      const [main] = i.codes;
      const also = i.codes.length > 1 ? ` Программа закрывает и ${i.codes.slice(1).join(', ')}.` : '';
      const reason =
        i.kind === 'program'
          ? `${why(main!, i.percent)} ${i.program!.registry ? `Программа из федерального реестра (№ ${i.program!.registry})` : 'Программа регионального каталога'}, ${i.hours} ч, поток ${ruPeriod(i.plannedStart, i.plannedEnd)}.${also}`
          : i.kind === 'mentoring'
            ? `${why(main!, i.percent)} Наставничество, ${i.hours} ч: наставник — опытный педагог своей школы.`
            : `${why(main!, i.percent)} Самообразование, ${i.hours} ч.`;
      const evidence = { kind: 'link', ...EVIDENCE[i.kind] };
      items.push({
        id: i.id,
        route_id: r.id,
        competency_id: comp.get(main!)!.id,
        competency_ids: `{${i.codes.map((c) => comp.get(c)!.id).join(',')}}`,
        baseline_percent: i.percent,
        activity_kind: i.kind,
        activity_id: i.cohort?.id ?? null,
        title:
          i.kind === 'program'
            ? i.program!.name
            : `${i.kind === 'mentoring' ? 'Наставничество' : 'Самообразование'} по компетенции «${comp.get(main!)!.name}»`,
        form: i.kind === 'program' ? 'formal' : i.kind === 'mentoring' ? 'informal' : 'self_education',
        planned_start: i.plannedStart,
        planned_end: i.plannedEnd,
        hours: i.hours,
        expected_result: `${goal(main!)}; ${
          i.kind === 'program'
            ? 'удостоверение о повышении квалификации'
            : i.kind === 'mentoring'
              ? 'план наставничества выполнен, отзыв наставника'
              : 'отчёт о самообразовании (методическая разработка или конспект)'
        }.`,
        reason,
        status: i.dropped ? 'dropped' : 'done',
        evidence: i.dropped ? null : evidence,
        confirmed_by: i.dropped ? null : curator,
        confirmed_at: i.confirmedAt,
        dropped_reason: i.dropped,
        position: k + 1,
      });
      const title = items[items.length - 1]!.title as string;
      if (i.dropped) {
        event(
          r.id,
          curator,
          'item_status',
          `Мероприятие «${title}» исключено: ${i.dropped}`,
          { action: 'drop', from: 'planned' },
          i.droppedAt!,
          i.id,
        );
        continue;
      }
      event(
        r.id,
        curator,
        'evidence',
        `Мероприятие «${title}» выполнено, ждёт подтверждения`,
        { action: 'done', from: 'in_progress', evidence },
        i.doneAt!,
        i.id,
      );
      event(
        r.id,
        curator,
        'confirmed',
        `Выполнение мероприятия «${title}» подтверждено`,
        { action: 'confirm', from: 'done' },
        i.confirmedAt!,
        i.id,
      );
    }
    event(
      r.id,
      curator,
      'status',
      'Маршрут завершён',
      { from: 'in_progress', to: 'completed' },
      r.completedAt,
    );
  }
  await tx.query(sql`
    INSERT INTO learning_route_items (id, route_id, competency_id, competency_ids, baseline_percent, activity_kind,
                                      activity_id, title, form, planned_start, planned_end, hours, expected_result,
                                      reason, status, evidence, confirmed_by, confirmed_at, dropped_reason, position)
    SELECT x.id, x.route_id, x.competency_id, x.competency_ids::uuid[], x.baseline_percent,
           x.activity_kind::activity_kind, x.activity_id, x.title, x.form::learning_form, x.planned_start::date,
           x.planned_end::date, x.hours, x.expected_result, x.reason, x.status::route_item_status, x.evidence,
           x.confirmed_by, x.confirmed_at::timestamptz, x.dropped_reason, x.position
    FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS x(id uuid, route_id uuid, competency_id uuid,
      competency_ids text, baseline_percent numeric, activity_kind text, activity_id uuid, title text, form text,
      planned_start text, planned_end text, hours int, expected_result text, reason text, status text, evidence jsonb,
      confirmed_by uuid, confirmed_at text, dropped_reason text, position int)`);
  // Ordered by time so the ids follow the story, as if written as it happened.
  events.sort((a, b) => Date.parse(a.at as string) - Date.parse(b.at as string));
  await tx.query(sql`
    INSERT INTO learning_route_events (route_id, item_id, author_user_id, kind, text, data, at)
    SELECT x.route_id, x.item_id, x.author_user_id, x.kind, x.text, x.data, x.at::timestamptz
    FROM jsonb_to_recordset(${JSON.stringify(events)}::jsonb) AS x(route_id uuid, item_id uuid, author_user_id uuid,
      kind text, text text, data jsonb, at text)
    ORDER BY x.at::timestamptz`);
  // Routes are personal data: each one written is in the journal, as the demo load's (no actor).
  await writeAuditMany(
    tx,
    routes.map((r, n) => ({
      actor: null,
      action: 'create',
      entity: 'learning_route',
      entityId: r.id,
      personId: r.person_id,
      after: { title: r.title, status: 'completed', items: cycle.routes[n]!.items.length, demo: true },
    })),
  );
  return previousTrainings(cycle).map(({ programCode, ...t }) => ({
    ...t,
    programId: programIds.get(programCode) ?? null,
  }));
}
