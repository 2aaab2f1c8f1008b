import { randomUUID } from 'node:crypto';
import { campaignReadScope } from '../../assessment/assessment.policy.ts';
import { classify } from '../../assessment/deficits/classify.ts';
import { findFramework } from '../../assessment/frameworks/frameworks.repository.ts';
import { loadDerivedRules } from '../../directory/derived/derived-rules.repository.ts';
import { EVENT_KINDS, EVENT_LEVELS } from '../../events/events.vocabulary.ts';
import { type AuditEntry, writeAuditMany } from '../../platform/audit/audit.repository.ts';
import { type Actor, SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { orgScope } from '../../platform/auth/scope.ts';
import { type Db, sql } from '../../platform/db/database.ts';
import { forbidden, invalid, notFound } from '../../platform/errors.ts';
import { defineJob, enqueueJob } from '../../platform/jobs/jobs.queue.ts';
import * as clock from '../../platform/time/today.ts';
import { publishedForCompetencies } from '../../practices/practices.repository.ts';
import { ROUTE_GENERATORS } from '../routes.policy.ts';
import {
  type CandidateDb,
  type CandidateFilter,
  type CuratorDb,
  curatorAssignmentsOf,
  curatorCandidates,
  deleteItemsOf,
  type EventWrite,
  eventAudience,
  existingRoutes,
  frameworkCompetencies,
  type ItemWrite,
  insertCuratorAssignments,
  insertEvents,
  insertItems,
  insertRoutes,
  plannedHoursElsewhere,
  type RouteWrite,
  readCandidates,
  readCatalog,
  readMentorPool,
  readPlanEvents,
  seatsTaken,
  subjectsOf,
  updateDrafts,
  writeTransaction,
} from './generation.repository.ts';
import { loadGenerationSettings } from './generation.settings.ts';
import { loadWithReservations, type MentorCandidate, suggestMentor } from './mentor-suggestion.ts';
import {
  addMonths,
  type PlanCompetency,
  type PlanEvent,
  type PlanMaterial,
  type PlanProgram,
  planRoute,
  ruPeriod,
  UNCOVERED_CAUSES,
  type UncoveredCause,
} from './planner.ts';

export const ROUTE_GENERATION_JOB = 'route-generation';

export interface GenerationParams extends CandidateFilter {
  /** 'YYYY-MM-DD'; the demo and tests pin it, otherwise today. */
  today?: string | undefined;
  /**
   * People per write transaction, fixed; tests make it small to stop a job between batches.
   * Unset, each batch is sized from the last one's write time to take about BATCH_MS.
   */
  batchSize?: number | undefined;
}

export interface GenerationResult {
  routesCreated: number;
  routesRegenerated: number;
  itemsCreated: number;
  peopleWithDeficits: number;
  skipped: { reason: string; count: number }[];
  uncovered: {
    competencyCode: string;
    competencyName: string;
    people: number;
    /** Why, by what the search found: «нет программ», «нет свободных мест», the hours' limit. */
    causes: { cause: UncoveredCause; label: string; people: number }[];
  }[];
  curators: { userId: string; fullName: string; routes: number }[];
  /**
   * Routes left without a curator: no curator of the person's school, curator or methodist of the
   * municipality with fewer than settings.routesPerCurator live routes.
   */
  routesWithoutCurator: number;
}

/** Where a run's time went (the benchmark's profile): milliseconds, and the write batches' sizes. */
export interface GenerationTimings {
  readMs: number;
  /** Planning and building the rows, this thread. */
  planMs: number;
  /** Waiting for the previous batch's transaction before the next could start. */
  writeWaitMs: number;
  /** Each write transaction's duration and people. */
  batches: { ms: number; people: number }[];
  /** Milliseconds by write statement, over all batches. */
  writes?: Record<string, number>;
}

export type GenerationProgress = (done: number, total: number, message?: string) => Promise<void> | void;

/**
 * A write transaction's target duration. On PGlite the database is one connection: every other
 * statement (each HTTP request's) waits for the whole transaction, so batches stay short there.
 */
const BATCH_MS = { pglite: 120, postgres: 400 } as const;
const BATCH_MIN = 25;
const BATCH_MAX = 2000;
const FIRST_BATCH = 100;
export const SKIP_AGREED = 'уже есть согласованный маршрут';
/** The generator's own events are 'created' and 'edited' with data.uncovered; anything else is a person's work. */
export const SKIP_TOUCHED = 'черновик уже правили вручную — оставлен как есть';
export const SKIP_NOTHING_FITS = 'ни один пункт не поместился в лимит часов';

const collator = new Intl.Collator('ru');
const ruDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
/** «T-PSY-01, T-METH-04 — самообразованию не хватило часов …; T-SUBJ-02 — нет программ …»: codes by cause. */
function uncoveredSummary(list: readonly { code: string; cause: UncoveredCause }[]): string {
  const byCause = new Map<UncoveredCause, string[]>();
  for (const u of list) byCause.set(u.cause, [...(byCause.get(u.cause) ?? []), u.code]);
  return [...byCause].map(([cause, codes]) => `${codes.join(', ')} — ${UNCOVERED_CAUSES[cause]}`).join('; ');
}

/** The command-line actor has no users row: events and jobs keep no author for it. */
const authorOf = (actor: Actor) => (actor.userId === SYSTEM_ACTOR.userId ? null : actor.userId);

interface Checked {
  framework: { id: string; name: string; deficitBelow: number; partialBelow: number };
  campaign: { id: string; name: string } | null;
}

/** What can be refused before the job starts: an unknown framework, campaign or organization. */
async function check(db: Db, actor: Actor, p: GenerationParams): Promise<Checked> {
  const f = await findFramework(db, actor, p.frameworkId);
  if (!f) throw notFound('Карта компетенций не найдена или недоступна.');
  let campaign: Checked['campaign'] = null;
  if (p.campaignId) {
    const [c] = await db.query<{ id: string; name: string; framework_id: string | null }>(
      sql`SELECT id, name, framework_id FROM assessment_campaigns c
          WHERE c.id = ${p.campaignId} AND ${campaignReadScope(actor, 'c')}`,
    );
    if (!c) throw notFound('Кампания диагностики не найдена.');
    if (c.framework_id !== f.id) throw invalid('Кампания проводилась не по этой карте компетенций.');
    campaign = { id: c.id, name: c.name };
  }
  if (p.organizationId) {
    const [o] = await db.query(
      sql`SELECT 1 FROM organizations o WHERE o.id = ${p.organizationId} AND ${orgScope(actor, 'o')}`,
    );
    if (!o) throw notFound('Организация не найдена или недоступна.');
  }
  return {
    framework: {
      id: f.id,
      name: f.name,
      deficitBelow: Number(f.deficit_below),
      partialBelow: Number(f.partial_below),
    },
    campaign,
  };
}

/**
 * Builds draft routes for everyone in the actor's scope with deficits in the framework. Reads are
 * set-based, planning is pure (planner.ts), writes go in batches of BATCH people per transaction.
 * Reused by the job below, the demo, the benchmark and the command line.
 */
export async function generateRoutes(
  db: Db,
  actor: Actor,
  params: GenerationParams,
  progress?: GenerationProgress,
  opts: { jobId?: string | null; checked?: Checked; timings?: GenerationTimings } = {},
): Promise<GenerationResult> {
  const t0 = performance.now();
  const { framework, campaign } = opts.checked ?? (await check(db, actor, params));
  const today = params.today ?? clock.today();
  const settings = await loadGenerationSettings(db);
  const thresholds = { deficitBelow: framework.deficitBelow, partialBelow: framework.partialBelow };
  const horizonEnd = addMonths(today, settings.horizonMonths);
  const author = authorOf(actor);

  // ---- read everything the plans need ----
  await progress?.(0, 0, 'Чтение результатов диагностики');
  const competencies = new Map((await frameworkCompetencies(db, framework.id)).map((c) => [c.id, c]));
  const candidates = await readCandidates(db, actor, params, thresholds);
  const personIds = candidates.map((c) => c.person_id);
  const existing = new Map((await existingRoutes(db, framework.id, personIds)).map((r) => [r.person_id, r]));
  const draftIds = [...existing.values()].filter((r) => r.status === 'draft' && !r.touched).map((r) => r.id);

  const catalog = await readCatalog(db, framework.id, today, horizonEnd);
  const taken = await seatsTaken(
    db,
    catalog.flatMap((p) => p.cohorts.map((c) => c.id)),
    draftIds,
  );
  const programs = catalog.map((p) => ({
    regionId: p.region_id,
    plan: {
      id: p.id,
      title: p.name,
      hours: p.hours,
      federalRegistry: p.federal_registry,
      registryNumber: p.federal_registry_number,
      priorityDirections: p.priority_directions,
      competencyIds: p.competency_ids,
      // Shared by everyone planned in this run: a seat taken by one person is gone for the next.
      cohorts: p.cohorts.map((c) => ({
        id: c.id,
        startsOn: c.startsOn,
        endsOn: c.endsOn,
        seatsLeft: c.seats === null ? null : Math.max(0, c.seats - (taken.get(c.id) ?? 0)),
      })),
    } satisfies PlanProgram,
  }));
  /** Every cohort by id (the objects the planner sees): a seat taken is counted once, here. */
  const cohortById = new Map(programs.flatMap((p) => p.plan.cohorts.map((c) => [c.id, c] as const)));
  const programsByRegion = new Map<string, PlanProgram[]>();
  const programsFor = (regionId: string) => {
    let list = programsByRegion.get(regionId);
    if (!list) {
      list = programs.filter((p) => p.regionId === null || p.regionId === regionId).map((p) => p.plan);
      programsByRegion.set(regionId, list);
    }
    return list;
  };

  // Published materials of the bank of practices for the framework's competencies, by region.
  const materialsByRegion = new Map<string, PlanMaterial[]>();
  for (const m of await publishedForCompetencies(db, framework.id)) {
    const list = materialsByRegion.get(m.region_id) ?? [];
    list.push({ id: m.id, title: m.title, competencyIds: m.competency_ids, subjects: m.subjects });
    materialsByRegion.set(m.region_id, list);
  }
  // The subjects each person teaches: materials of a subject go to its teachers, mentors match them.
  const personSubjects = await subjectsOf(db, personIds);

  const hoursElsewhere = new Map<string, Record<string, number>>();
  for (const h of await plannedHoursElsewhere(db, framework.id, personIds)) {
    const m = hoursElsewhere.get(h.person_id) ?? {};
    m[h.half] = h.hours;
    hoursElsewhere.set(h.person_id, m);
  }

  const municipalityIds = [
    ...new Set(candidates.flatMap((c) => (c.municipality_id ? [c.municipality_id] : []))),
  ];
  const eventsOf = await planEvents(db, {
    frameworkId: framework.id,
    candidates,
    municipalityIds,
    today,
    horizonEnd,
    deficitBelow: thresholds.deficitBelow,
    eventHours: settings.eventHours,
  });
  // Mentors for mentoring items: one pool per municipality, shared by the run — a place suggested
  // to one teacher is not suggested to the next.
  const mentorPool = new Map<string, MentorCandidate[]>();
  const rebuilding = new Set(personIds);
  for (const m of await readMentorPool(db, municipalityIds, today)) {
    const list = mentorPool.get(m.municipality_id) ?? [];
    list.push({
      personId: m.person_id,
      fullName: m.full_name,
      category: m.category,
      subjects: m.subjects,
      organizationIds: m.organization_ids,
      organization: m.organization,
      capacity: m.capacity,
      // Places other routes' pending suggestions hold stay held; this run's own people are rebuilt.
      load: loadWithReservations(m.load, m.reserved_for, (id) => rebuilding.has(id)),
    });
    mentorPool.set(m.municipality_id, list);
  }
  const curatorRows = await curatorCandidates(db, municipalityIds);
  // Who may curate whom: a school's curators its own staff; else the municipality's curators
  // without a school, else its methodists. Nobody beyond settings.routesPerCurator live routes.
  const schoolCurators = new Map<string, CuratorDb[]>();
  const municipalCurators = new Map<string, CuratorDb[]>();
  const methodists = new Map<string, CuratorDb[]>();
  const add = (m: Map<string, CuratorDb[]>, key: string, c: CuratorDb) =>
    m.set(key, [...(m.get(key) ?? []), c]);
  for (const c of curatorRows) {
    if (c.role === 'municipal_methodist') add(methodists, c.municipality_id, c);
    else if (c.organization_id) add(schoolCurators, c.organization_id, c);
    else add(municipalCurators, c.municipality_id, c);
  }
  const assigned = new Map<string, string[]>();
  for (const a of await curatorAssignmentsOf(db, personIds)) {
    assigned.set(a.person_id, [...(assigned.get(a.person_id) ?? []), a.curator_user_id]);
  }
  const leastLoaded = (list: CuratorDb[]) =>
    list.reduce<CuratorDb | null>(
      (best, c) =>
        c.load >= settings.routesPerCurator
          ? best
          : !best ||
              c.load < best.load ||
              (c.load === best.load &&
                (collator.compare(c.full_name, best.full_name) || (c.id < best.id ? -1 : 1)) < 0)
            ? c
            : best,
      null,
    );
  /**
   * The first tier with room (own school, the municipality's curators, its methodists); within it
   * the person's current curator when they have one there, else the least loaded.
   */
  const chooseCurator = (c: CandidateDb): CuratorDb | null => {
    const mine = assigned.get(c.person_id) ?? [];
    const tiers = [
      c.organization_id ? (schoolCurators.get(c.organization_id) ?? []) : [],
      c.municipality_id ? (municipalCurators.get(c.municipality_id) ?? []) : [],
      c.municipality_id ? (methodists.get(c.municipality_id) ?? []) : [],
    ];
    for (const pool of tiers) {
      const chosen = leastLoaded(pool.filter((u) => mine.includes(u.id))) ?? leastLoaded(pool);
      if (chosen) {
        chosen.load++;
        return chosen;
      }
    }
    return null;
  };

  // ---- plan and write in batches ----
  const result: GenerationResult = {
    routesCreated: 0,
    routesRegenerated: 0,
    itemsCreated: 0,
    peopleWithDeficits: candidates.length,
    skipped: [],
    uncovered: [],
    curators: [],
    routesWithoutCurator: 0,
  };
  const skipped = new Map<string, number>();
  const uncovered = new Map<string, { people: Set<string>; causes: Map<UncoveredCause, Set<string>> }>();
  const perCurator = new Map<string, number>();
  const skip = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  const source = campaign ? `диагностики «${campaign.name}»` : `диагностики по карте «${framework.name}»`;

  const total = candidates.length;
  const timings = opts.timings;
  if (timings) timings.readMs = performance.now() - t0;
  await progress?.(0, total, 'Составление маршрутов');
  let pending: Promise<void> = Promise.resolve();
  let batchSize = params.batchSize ?? FIRST_BATCH;
  /** Write time per person of the last batch written, to size the next one. */
  let msPerPerson: number | null = null;
  for (let from = 0; from < total; from += batchSize) {
    if (!params.batchSize && msPerPerson !== null)
      batchSize = Math.round(Math.min(BATCH_MAX, Math.max(BATCH_MIN, BATCH_MS[db.kind] / msPerPerson)));
    const batch = candidates.slice(from, from + batchSize);
    const planStarted = performance.now();
    const fresh: RouteWrite[] = [];
    const rebuilt: RouteWrite[] = [];
    const items: ItemWrite[] = [];
    const events: EventWrite[] = [];
    const audit: AuditEntry[] = [];
    const pairs: { curator_user_id: string; person_id: string }[] = [];

    for (const [n, c] of batch.entries()) {
      // Yield now and then: the previous batch's statements proceed and HTTP requests are served.
      if (n % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
      const live = existing.get(c.person_id);
      if (live && live.status !== 'draft') {
        skip(SKIP_AGREED);
        continue;
      }
      if (live?.touched) {
        skip(SKIP_TOUCHED);
        continue;
      }
      const planComps: PlanCompetency[] = [];
      for (const [id, percent] of c.results ?? []) {
        const comp = competencies.get(id);
        if (comp)
          planComps.push({ ...comp, percent: Number(percent), level: classify(Number(percent), thresholds) });
      }
      const plan = planRoute({
        competencies: planComps,
        programs: programsFor(c.region_id),
        materials: materialsByRegion.get(c.region_id) ?? [],
        subjects: (personSubjects.get(c.person_id) ?? []).map((x) => x.toLowerCase()),
        events: eventsOf.get(c.person_id) ?? [],
        today,
        settings,
        thresholds,
        plannedHours: hoursElsewhere.get(c.person_id),
      });
      for (const u of plan.uncovered) {
        const entry = uncovered.get(u.competencyId) ?? { people: new Set(), causes: new Map() };
        entry.people.add(c.person_id);
        entry.causes.set(u.cause, (entry.causes.get(u.cause) ?? new Set()).add(c.person_id));
        uncovered.set(u.competencyId, entry);
      }
      if (plan.items.length === 0) {
        skip(SKIP_NOTHING_FITS);
        continue;
      }
      for (const i of plan.items) {
        if (!i.activityId) continue;
        // Shared objects: a seat proposed to one person is not proposed to the next of the run.
        const held =
          i.activityKind === 'program'
            ? cohortById.get(i.activityId)
            : i.activityKind === 'event'
              ? eventsOf.byId.get(i.activityId)
              : undefined;
        if (held && held.seatsLeft !== null) held.seatsLeft--;
      }

      const keptCurator = live?.curator_user_id ?? null;
      const curator = keptCurator ? null : chooseCurator(c);
      const curatorId = keptCurator ?? curator?.id ?? null;
      if (curatorId) {
        perCurator.set(curatorId, (perCurator.get(curatorId) ?? 0) + 1);
        pairs.push({ curator_user_id: curatorId, person_id: c.person_id });
      } else result.routesWithoutCurator++;

      const route: RouteWrite = {
        id: live?.id ?? randomUUID(),
        person_id: c.person_id,
        campaign_id: campaign?.id ?? null,
        framework_id: framework.id,
        baseline_on: c.baseline_on,
        generated_by_job_id: opts.jobId ?? null,
        curator_user_id: curatorId,
        title: `ИОМ: ${c.full_name}, ${ruPeriod(plan.periodStart, plan.periodEnd)}`,
        period_start: plan.periodStart,
        period_end: plan.periodEnd,
      };
      (live ? rebuilt : fresh).push(route);
      for (const i of plan.items) {
        let mentorPersonId: string | null = null;
        let reason = i.reason;
        if (i.activityKind === 'mentoring') {
          const choice = suggestMentor(
            {
              personId: c.person_id,
              organizationId: c.organization_id,
              subjects: personSubjects.get(c.person_id) ?? [],
            },
            c.municipality_id ? (mentorPool.get(c.municipality_id) ?? []) : [],
          );
          if (choice.mentor) {
            choice.mentor.load++;
            mentorPersonId = choice.mentor.personId;
          }
          reason = `${reason} ${choice.explanation}`;
        }
        items.push({
          route_id: route.id,
          competency_id: i.competencyId,
          competency_ids: `{${i.competencyIds.join(',')}}`,
          baseline_percent: i.baselinePercent,
          activity_kind: i.activityKind,
          activity_id: i.activityId,
          title: i.title,
          form: i.form,
          planned_start: i.plannedStart,
          planned_end: i.plannedEnd,
          hours: i.hours,
          expected_result: i.expectedResult,
          reason,
          position: i.position,
          mentor_person_id: mentorPersonId,
        });
      }
      const deficits = planComps.filter((x) => x.level === 'deficit').length;
      const partial = planComps.length - deficits;
      const hours = plan.items.reduce((s, i) => s + i.hours, 0);
      const summary =
        `по результатам ${source} от ${ruDate(c.baseline_on)}: дефицитов — ${deficits}, ` +
        `частично сформированных — ${partial}; пунктов — ${plan.items.length}, ${hours} ч` +
        (plan.uncovered.length ? `; не удалось запланировать: ${uncoveredSummary(plan.uncovered)}` : '') +
        '.';
      events.push({
        route_id: route.id,
        author_user_id: author,
        kind: live ? 'edited' : 'created',
        text: live
          ? `Черновик маршрута пересобран автоматически ${summary}`
          : `Маршрут сформирован автоматически ${summary}`,
        data: {
          jobId: opts.jobId ?? null,
          items: plan.items.length,
          hours,
          uncovered: plan.uncovered.map((u) => u.code),
        },
      });
      audit.push({
        actor,
        action: live ? 'regenerate' : 'create',
        entity: 'learning_route',
        entityId: route.id,
        personId: c.person_id,
        after: {
          title: route.title,
          items: plan.items.length,
          hours,
          curatorUserId: curatorId,
          jobId: opts.jobId ?? null,
        },
      });
    }

    const waitStarted = performance.now();
    if (timings) timings.planMs += waitStarted - planStarted;
    // The previous batch's transaction runs while this one was planned; one write at a time.
    await pending;
    if (timings) timings.writeWaitMs += performance.now() - waitStarted;
    // A retry of the same job finds its own earlier drafts: they count as created, not rebuilt.
    const ownEarlier = opts.jobId
      ? rebuilt.filter((r) => existing.get(r.person_id)?.generated_by_job_id === opts.jobId).length
      : 0;
    const counts = {
      fresh: fresh.length + ownEarlier,
      rebuilt: rebuilt.length - ownEarlier,
      items: items.length,
    };
    const done = Math.min(from + batchSize, total);
    const people = batch.length;
    const started = performance.now();
    // A rebuilt draft keeps its row (new header) and gets its items anew: one delete for the batch.
    const step = async (name: string, write: Promise<void>) => {
      const t1 = performance.now();
      await write;
      if (!timings) return;
      const writes = timings.writes ?? {};
      writes[name] = (writes[name] ?? 0) + performance.now() - t1;
      timings.writes = writes;
    };
    pending = writeTransaction(db, async (tx, copy) => {
      await step('drafts', updateDrafts(tx, rebuilt));
      await step(
        'delete',
        deleteItemsOf(
          tx,
          rebuilt.map((r) => r.id),
        ),
      );
      await step('routes', insertRoutes(tx, fresh, copy));
      await step('items', insertItems(tx, items, copy));
      await step('events', insertEvents(tx, events, copy));
      await step('curators', insertCuratorAssignments(tx, pairs));
      await step('audit', writeAuditMany(tx, audit));
    }).then(async () => {
      const ms = performance.now() - started;
      msPerPerson = Math.max(0.01, ms / Math.max(1, people));
      timings?.batches.push({ ms, people });
      result.routesCreated += counts.fresh;
      result.routesRegenerated += counts.rebuilt;
      result.itemsCreated += counts.items;
      await progress?.(done, total, 'Составление маршрутов');
    });
    // Keep a failure observed until it is awaited (no unhandled rejection in between).
    pending.catch(() => undefined);
  }

  const lastWait = performance.now();
  await pending;
  if (timings) timings.writeWaitMs += performance.now() - lastWait;
  result.skipped = [...skipped].map(([reason, count]) => ({ reason, count }));
  result.uncovered = [...uncovered]
    .map(([id, { people, causes }]) => ({
      competencyCode: competencies.get(id)?.code ?? '',
      competencyName: competencies.get(id)?.name ?? '',
      people: people.size,
      causes: [...causes]
        .map(([cause, who]) => ({ cause, label: UNCOVERED_CAUSES[cause], people: who.size }))
        .sort((a, b) => b.people - a.people || a.cause.localeCompare(b.cause)),
    }))
    .sort((a, b) => b.people - a.people || collator.compare(a.competencyCode, b.competencyCode));
  const names = new Map(curatorRows.map((c) => [c.id, c.full_name]));
  const missing = [...perCurator.keys()].filter((id) => !names.has(id));
  if (missing.length) {
    const rows = await db.query<{ id: string; full_name: string }>(
      sql`SELECT id, full_name FROM users WHERE id = ANY(${sql.param(missing)}::uuid[])`,
    );
    for (const r of rows) names.set(r.id, r.full_name);
  }
  result.curators = [...perCurator]
    .map(([userId, routes]) => ({ userId, fullName: names.get(userId) ?? '', routes }))
    .sort((a, b) => b.routes - a.routes || collator.compare(a.fullName, b.fullName));
  return result;
}

/** «семинар, муниципальный уровень» */
const eventDescription = (kind: keyof typeof EVENT_KINDS, level: keyof typeof EVENT_LEVELS) =>
  `${EVENT_KINDS[kind]}, ${level === 'institutional' ? EVENT_LEVELS[level] : `${EVENT_LEVELS[level]} уровень`}`;

/**
 * The events each person may be proposed: upcoming events of approved plans in the candidates'
 * municipalities (readPlanEvents) whose target group admits the person (eventAudience — the
 * registration's rule, in SQL). Only the pairs that matter are asked: a person of the plan's
 * municipality with a deficit in a competency the event addresses. Seats left = capacity − seat
 * holders; the PlanEvent objects are shared, so the run counts the seats it proposes.
 */
async function planEvents(
  db: Db,
  p: {
    frameworkId: string;
    candidates: CandidateDb[];
    municipalityIds: string[];
    today: string;
    horizonEnd: string;
    deficitBelow: number;
    eventHours: number;
  },
): Promise<Map<string, PlanEvent[]> & { byId: Map<string, PlanEvent> }> {
  const out = Object.assign(new Map<string, PlanEvent[]>(), { byId: new Map<string, PlanEvent>() });
  const rows = await readPlanEvents(db, p.frameworkId, p.municipalityIds, p.today, p.horizonEnd);
  if (rows.length === 0) return out;
  const byMunicipality = new Map<string, CandidateDb[]>();
  for (const c of p.candidates) {
    if (!c.municipality_id) continue;
    const list = byMunicipality.get(c.municipality_id);
    if (list) list.push(c);
    else byMunicipality.set(c.municipality_id, [c]);
  }
  const deficitsOf = new Map(
    p.candidates.map((c) => [
      c.person_id,
      new Set((c.results ?? []).filter(([, pct]) => Number(pct) < p.deficitBelow).map(([id]) => id)),
    ]),
  );
  const asked = rows.map((event) => ({
    event,
    personIds: (byMunicipality.get(event.plan_municipality_id) ?? [])
      .filter((c) => event.competency_ids.some((id) => deficitsOf.get(c.person_id)?.has(id)))
      .map((c) => c.person_id),
  }));
  const admitted = await eventAudience(db, asked, await loadDerivedRules(db), p.today);
  for (const { event: e, personIds } of asked) {
    const plan: PlanEvent = {
      id: e.id,
      title: e.title,
      hours: p.eventHours,
      startsOn: e.starts_on,
      endsOn: e.ends_on ?? e.starts_on,
      competencyIds: e.competency_ids,
      seatsLeft: e.capacity === null ? null : Math.max(0, e.capacity - e.seats_taken),
      description: eventDescription(e.kind, e.level),
    };
    out.byId.set(e.id, plan);
    for (const id of personIds) {
      if (!admitted.has(`${e.id}:${id}`)) continue;
      const list = out.get(id);
      if (list) list.push(plan);
      else out.set(id, [plan]);
    }
  }
  return out;
}

export interface GenerationJobParams extends GenerationParams {
  /** Started by an event (campaign closed, results imported): checked in the job, not before. */
  byEvent?: boolean;
}

/**
 * Route generation as a durable job. Safe to run again (a retry, or a run cut off by a restart):
 * each person keeps one live route per framework — drafts built by an earlier run are rebuilt in
 * place (existingRoutes), agreed and hand-edited ones are left alone — so no route is duplicated.
 * One generation runs at a time across processes, so two runs never race over the same people.
 */
export const routeGenerationJob = defineJob<GenerationJobParams>({
  kind: ROUTE_GENERATION_JOB,
  oneAtATime: true,
  async run(job) {
    const { byEvent: _byEvent, ...params } = job.params;
    return generateRoutes(
      job.db,
      job.actor,
      params,
      (done, total, message) => job.progress(done, total, message),
      {
        jobId: job.jobId,
      },
    );
  },
});

/**
 * Enqueues generation and returns the job's id at once. `byHand` — the explicit endpoint, limited
 * to ROUTE_GENERATORS and checked before the job is queued (404/422 answer at once); from an event
 * (a campaign closed, results imported) the job checks when it runs and a refusal shows as the
 * job's failure. The actor's scope limits whose routes are built either way.
 */
export async function startRouteGeneration(
  db: Db,
  actor: Actor,
  params: GenerationParams,
  opts: { byHand: boolean },
): Promise<string> {
  if (opts.byHand) {
    if (!ROUTE_GENERATORS.includes(actor.role)) throw forbidden();
    await check(db, actor, params);
  }
  const jobParams: GenerationJobParams = { ...params, ...(opts.byHand ? {} : { byEvent: true }) };
  return enqueueJob(db, { kind: ROUTE_GENERATION_JOB, params: jobParams, actor });
}
