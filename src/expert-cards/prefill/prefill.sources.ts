import { type SQL, sql } from 'drizzle-orm';
import { communityMembersSet } from '../../communities/communities.figures.ts';
import { type DerivedRules, youngSql } from '../../directory/derived/derived-rules.ts';
import { eventDateSql, eventFilterSql, tookPartSql } from '../../events/events.figures.ts';
import { menteesSet } from '../../mentoring/mentoring.figures.ts';
import { ASSESSMENT_MEASURES } from '../../monitoring/measures/assessment.ts';
import type { MeasureContext } from '../../monitoring/measures/context.ts';
import { EVENT_PERSON_MEASURES } from '../../monitoring/measures/events.ts';
import { populationSql } from '../../monitoring/measures/population.ts';
import type { ScoringRule } from '../scoring.ts';

/**
 * The registry of what the platform answers itself on an expert card (issue 15, 3): per source
 * code its Russian label, the section of the platform it reads, the rule kinds it answers, how its
 * arguments parse and its SQL — ONE statement for all the organizations of a campaign.
 *
 * Decisions:
 * - The school year Y is 1 Sep Y – 31 Aug Y+1. People are counted at their organization by the
 *   engine's population (src/monitoring/measures/population.ts) on 31 Aug Y+1: each person once, at
 *   the organization of their main employment; somebody who left before the year's end is not
 *   counted for it.
 * - Trainings «за последние 3 года»: documents issued 1 Sep Y-2 … 31 Aug Y+1.
 * - Events count by their date (start, else end) within the year; a person took part as the events
 *   figures say (confirmed attendance, or an entry of a published contest). Contests match by a
 *   part of the event's title and its level; «победа» is the outcome «победитель» only.
 * - Young specialists by the directory's rule (derived rules) on the year's end; «продолжили
 *   трудовую деятельность» = the young specialists counted at the organization on 31 Aug Y who still
 *   hold an employment there on 31 Aug Y+1.
 * - `authoritative`: the platform's own records (organization statuses, mentoring pairs, published
 *   contests of the municipality) — an organization without a record gets «нет» (0) instead of no
 *   prefill. `contradicts`: a claimed fact the platform does not see is flagged for the expert.
 */

export type RuleKind = ScoringRule['kind'];

export type SourceArgs = {
  /** Territorial levels (events, communities, statuses). */
  levels: string[];
  /** Event kinds. */
  kinds: string[];
  /** A contest: a part of its title and its level. */
  title?: string;
};

export type SourceWindow = {
  schoolYear: number;
  start: string;
  end: string;
  /** 31 Aug Y: the end of the previous school year. */
  previousEnd: string;
  trainingsFrom: string;
  rules: DerivedRules;
};

/** One row per organization: the count, a whole for shares, up to 6 names, whether the platform knows. */
export type SourceRow = {
  organization_id: string;
  n: number;
  whole: number | null;
  names: string[] | null;
};

export type SourceDef = {
  code: string;
  /** What the figure is, for the prefill's source line. */
  label: (args: SourceArgs) => string;
  /** The section of the platform («Реестр обучения»). */
  section: string;
  kinds: RuleKind[];
  /** Words for a count in the detail: one, few, many. */
  noun: [string, string, string];
  authoritative: boolean;
  /** A flag for a claimed fact the platform does not see; null — not flagged. */
  contradiction: ((args: SourceArgs) => string) | null;
  parseArgs: (args: string[]) => SourceArgs;
  sql: (args: SourceArgs, w: SourceWindow, orgIds: string[]) => SQL;
};

export class SourceArgsError extends Error {}

const TERRITORIAL = ['institutional', 'municipal', 'regional', 'federal'] as const;
const EVENT_KINDS = [
  'seminar',
  'webinar',
  'conference',
  'master_class',
  'internship',
  'contest',
  'association_meeting',
  'young_teacher_school',
  'methodical_week',
  'readings',
  'august_conference',
  'consultation',
  'other',
] as const;

const LEVEL_WORDS: Record<string, string> = {
  institutional: 'уровень организации',
  municipal: 'муниципальный',
  regional: 'региональный',
  federal: 'федеральный',
};
const levelWords = (levels: string[]) => levels.map((l) => LEVEL_WORDS[l] ?? l).join(', ');

function list(arg: string | undefined, allowed: readonly string[], what: string): string[] {
  const items = (arg ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const i of items) {
    if (!allowed.includes(i)) throw new SourceArgsError(`${what}: неизвестное значение «${i}»`);
  }
  return items;
}

const noArgs = (args: string[]): SourceArgs => {
  if (args.length) throw new SourceArgsError('у источника нет параметров');
  return { levels: [], kinds: [] };
};
const levelsArg =
  (required: boolean) =>
  (args: string[]): SourceArgs => {
    if (args.length > 1) throw new SourceArgsError('ожидается один параметр — уровни через запятую');
    const levels = list(args[0], TERRITORIAL, 'уровень');
    if (required && !levels.length) throw new SourceArgsError('нужен уровень');
    return { levels, kinds: [] };
  };
const kindsArg = (args: string[]): SourceArgs => {
  if (args.length !== 1)
    throw new SourceArgsError('ожидается один параметр — виды мероприятий через запятую');
  const kinds = list(args[0], EVENT_KINDS, 'вид мероприятия');
  if (!kinds.length) throw new SourceArgsError('нужен вид мероприятия');
  return { levels: [], kinds };
};
const contestArgs = (args: string[]): SourceArgs => {
  if (args.length !== 2) throw new SourceArgsError('ожидается «название|уровень»');
  const title = (args[0] ?? '').trim();
  if (title.length < 3) throw new SourceArgsError('название конкурса — не короче 3 знаков');
  const levels = list(args[1], TERRITORIAL, 'уровень');
  if (levels.length !== 1) throw new SourceArgsError('конкурсу нужен один уровень');
  return { levels, kinds: [], title };
};

/** `code|arg|arg` → code and its raw args. */
export function splitSource(source: string): { code: string; args: string[] } {
  const [code, ...args] = source.split('|');
  return { code: (code ?? '').trim(), args };
}

/** The source's definition and parsed args; throws SourceArgsError with a Russian message. */
export function parseSource(source: string): { def: SourceDef; args: SourceArgs } {
  const { code, args } = splitSource(source);
  const def = SOURCES[code];
  if (!def) throw new SourceArgsError(`неизвестный источник «${code}»`);
  return { def, args: def.parseArgs(args) };
}

// ── SQL building blocks ────────────────────────────────────────────────────────────────────────

const ids = (orgIds: string[]) => sql`${sql.param(orgIds)}::uuid[]`;

function ctxOf(w: SourceWindow, orgIds: string[], asOf = w.end): MeasureContext {
  return {
    scope: (o) => sql`${sql.raw(o)}.id = ANY(${ids(orgIds)})`,
    asOf,
    periodStart: w.start,
    periodEnd: w.end,
    rules: w.rules,
    level: 'organization',
  };
}

const nameSql = (p: string) => {
  const t = sql.raw(p);
  return sql`(${t}.last_name || ' ' || left(${t}.first_name, 1) || '.' ||
    CASE WHEN ${t}.patronymic <> '' THEN ' ' || left(${t}.patronymic, 1) || '.' ELSE '' END)`;
};

/**
 * People of the organizations (the population on the year's end) who are in `set`: their count
 * and first names per organization. `young` keeps young specialists only; `staff` the population.
 */
function peopleIn(
  set: SQL,
  w: SourceWindow,
  orgIds: string[],
  opts: { young?: boolean; staff?: 'all' | 'pedagogical' } = {},
): SQL {
  const ctx = ctxOf(w, orgIds);
  const pop = populationSql({ employment: 'all', staff: opts.staff ?? 'all', orgKinds: [] }, ctx);
  const young = opts.young ? sql`AND ${youngSql(w.rules, 'p', w.end)}` : sql``;
  return sql`WITH pop AS (${pop}),
    m AS (SELECT pop.organization_id, ${nameSql('p')} AS name FROM pop JOIN people p ON p.id = pop.person_id
          WHERE pop.person_id IN (${set}) ${young})
    SELECT organization_id::text AS organization_id, count(*)::int AS n, NULL::int AS whole,
           (array_agg(name ORDER BY name))[1:6] AS names
    FROM m GROUP BY organization_id`;
}

/** A share over the population: part = people in `set`, whole = everyone counted (pedagogical staff). */
function shareOfStaff(set: SQL, w: SourceWindow, orgIds: string[]): SQL {
  const pop = populationSql({ employment: 'all', staff: 'pedagogical', orgKinds: [] }, ctxOf(w, orgIds));
  return sql`WITH pop AS (${pop})
    SELECT pop.organization_id::text AS organization_id,
           count(*) FILTER (WHERE pop.person_id IN (${set}))::int AS n, count(*)::int AS whole, NULL::text[] AS names
    FROM pop GROUP BY pop.organization_id`;
}

const inYear = (column: SQL, w: SourceWindow) => sql`${column} BETWEEN ${w.start}::date AND ${w.end}::date`;

/** People who took part in (or presented at) events of any of the levels / kinds within the year. */
function eventPeople(w: SourceWindow, f: { levels?: string[]; kinds?: string[]; presenter?: boolean }): SQL {
  const levels = f.levels?.length ? sql`AND ev.level::text = ANY(${sql.param(f.levels)}::text[])` : sql``;
  return sql`SELECT r.person_id FROM event_registrations r
    JOIN events ev ON ev.id = r.event_id JOIN event_plans pl ON pl.id = ev.plan_id
    WHERE ${tookPartSql()} AND ${inYear(eventDateSql(), w)}
      AND ${eventFilterSql({ kinds: f.kinds })} ${levels}
      ${f.presenter ? sql`AND r.role = 'presenter'` : sql``}`;
}

/** Members of communities of any of the levels (all levels when none) during the year. */
function membersOf(w: SourceWindow, orgIds: string[], levels: string[], kinds: string[] = []): SQL {
  const ctx = ctxOf(w, orgIds);
  const parts = (levels.length ? levels : [undefined]).map((level) =>
    communityMembersSet(
      { inPeriod: true, ...(level ? { level } : {}), ...(kinds.length ? { kinds } : {}) },
      ctx,
    ),
  );
  return sql.join(parts, sql` UNION `);
}

/** Contest entries of the organizations' people: `winner` asks for the outcome «победитель». */
function contestSql(args: SourceArgs, w: SourceWindow, orgIds: string[], winner: boolean): SQL {
  const ctx = ctxOf(w, orgIds);
  const pop = populationSql({ employment: 'all', staff: 'all', orgKinds: [] }, ctx);
  const contest = sql`ev.kind = 'contest' AND ev.level::text = ${args.levels[0] ?? ''}
    AND ev.title ILIKE ${`%${args.title ?? ''}%`} AND ${inYear(eventDateSql(), w)}`;
  return sql`WITH pop AS (${pop}),
    m AS (SELECT DISTINCT pop.organization_id, p.id, ${nameSql('p')} AS name
          FROM contest_entries ce JOIN contests c ON c.event_id = ce.event_id AND c.published_at IS NOT NULL
          JOIN events ev ON ev.id = ce.event_id
          JOIN event_registrations r ON r.id = ce.registration_id
          JOIN pop ON pop.person_id = r.person_id JOIN people p ON p.id = r.person_id
          WHERE ${contest} ${winner ? sql`AND ce.outcome = 'winner'` : sql``}),
    agg AS (SELECT organization_id, count(*)::int AS n, (array_agg(name ORDER BY name))[1:6] AS names
            FROM m GROUP BY organization_id)
    -- the platform knows a municipality's contest once its results are published there
    SELECT o.id::text AS organization_id, coalesce(agg.n, 0)::int AS n, NULL::int AS whole, agg.names
    FROM organizations o LEFT JOIN agg ON agg.organization_id = o.id
    WHERE o.id = ANY(${ids(orgIds)})
      AND (agg.n > 0 OR EXISTS (SELECT 1 FROM events ev JOIN event_plans pl ON pl.id = ev.plan_id
                                JOIN contests c ON c.event_id = ev.id AND c.published_at IS NOT NULL
                                WHERE ${contest} AND pl.municipality_id = o.municipality_id))`;
}

/** Every requested organization with a status condition over `o`. */
function orgStatus(cond: SQL, detail: SQL, orgIds: string[]): SQL {
  return sql`SELECT o.id::text AS organization_id, (CASE WHEN ${cond} THEN 1 ELSE 0 END)::int AS n,
      NULL::int AS whole, CASE WHEN ${cond} THEN ARRAY[${detail}] END AS names
    FROM organizations o WHERE o.id = ANY(${ids(orgIds)})`;
}

// ── the registry ───────────────────────────────────────────────────────────────────────────────

const PEOPLE: [string, string, string] = ['педагог', 'педагога', 'педагогов'];
const YOUNG: [string, string, string] = ['молодой специалист', 'молодых специалиста', 'молодых специалистов'];
const EVENTS: [string, string, string] = ['мероприятие', 'мероприятия', 'мероприятий'];

const def = (d: SourceDef): SourceDef => d;

export const SOURCES: Record<string, SourceDef> = {
  'trainings.completed': def({
    code: 'trainings.completed',
    section: 'Реестр обучения',
    label: () => 'удостоверения и дипломы за последние 3 года',
    kinds: ['fact', 'count'],
    noun: PEOPLE,
    authoritative: false,
    contradiction: () =>
      'Заявлено обучение по ДПП за последние 3 года, в реестре обучения нет ни одного удостоверения педагогов организации',
    parseArgs: noArgs,
    sql: (_a, w, orgIds) =>
      peopleIn(
        sql`SELECT t.person_id FROM trainings t WHERE t.issued_on BETWEEN ${w.trainingsFrom}::date AND ${w.end}::date`,
        w,
        orgIds,
      ),
  }),
  'assessment.took_part': def({
    code: 'assessment.took_part',
    section: 'Диагностика',
    label: () => 'педагоги, прошедшие диагностику в учебном году',
    kinds: ['fact', 'count'],
    noun: PEOPLE,
    authoritative: false,
    contradiction: null,
    parseArgs: noArgs,
    sql: (_a, w, orgIds) =>
      peopleIn(
        sql`SELECT a.person_id FROM assessment_attempts a
            WHERE a.status = 'submitted' AND ${inYear(sql`a.submitted_at::date`, w)}
          UNION SELECT cr.person_id FROM competency_results cr WHERE ${inYear(sql`cr.assessed_on`, w)}`,
        w,
        orgIds,
      ),
  }),
  'assessment.diagnosed_share': def({
    code: 'assessment.diagnosed_share',
    section: 'Диагностика',
    label: () => 'педагоги с результатами диагностики в учебном году из всех педагогических работников',
    kinds: ['share'],
    noun: PEOPLE,
    authoritative: false,
    contradiction: null,
    parseArgs: noArgs,
    sql: (_a, w, orgIds) =>
      shareOfStaff(ASSESSMENT_MEASURES['assessment.assessed']!({}, ctxOf(w, orgIds)).set as SQL, w, orgIds),
  }),
  'routes.share': def({
    code: 'routes.share',
    section: 'Маршруты (ИОМ)',
    label: () => 'педагоги с согласованным ИОМ на учебный год из всех педагогических работников',
    kinds: ['share'],
    noun: PEOPLE,
    authoritative: false,
    contradiction: null,
    parseArgs: noArgs,
    // «разработавших и реализующих»: a route agreed, in progress or completed, its period within the year
    sql: (_a, w, orgIds) =>
      shareOfStaff(
        sql`SELECT r.person_id FROM learning_routes r
            WHERE r.status IN ('agreed', 'in_progress', 'completed')
              AND r.period_start <= ${w.end}::date AND r.period_end >= ${w.start}::date`,
        w,
        orgIds,
      ),
  }),
  'young.retained': def({
    code: 'young.retained',
    section: 'Реестр кадров',
    label: () =>
      'молодые специалисты прошлого учебного года (на 31 августа), продолжающие работать в организации',
    kinds: ['share'],
    noun: YOUNG,
    authoritative: false,
    contradiction: null,
    parseArgs: noArgs,
    sql: (_a, w, orgIds) => {
      const before = populationSql(
        { employment: 'all', staff: 'pedagogical', orgKinds: [] },
        ctxOf(w, orgIds, w.previousEnd),
      );
      return sql`WITH pop AS (${before}),
        y AS (SELECT pop.organization_id, pop.person_id FROM pop JOIN people p ON p.id = pop.person_id
              WHERE ${youngSql(w.rules, 'p', w.previousEnd)})
        SELECT y.organization_id::text AS organization_id,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM employments e WHERE e.person_id = y.person_id
                 AND e.organization_id = y.organization_id
                 AND (e.start_date IS NULL OR e.start_date <= ${w.end}::date)
                 AND (e.end_date IS NULL OR e.end_date > ${w.end}::date)))::int AS n,
               count(*)::int AS whole, NULL::text[] AS names
        FROM y GROUP BY y.organization_id`;
    },
  }),
  'young.school_member': def({
    code: 'young.school_member',
    section: 'Сообщества',
    label: () => 'молодые специалисты — участники Школы (совета) молодого педагога в учебном году',
    kinds: ['fact', 'count'],
    noun: YOUNG,
    authoritative: false,
    contradiction: null,
    parseArgs: levelsArg(false),
    sql: (a, w, orgIds) =>
      peopleIn(
        membersOf(w, orgIds, a.levels, ['young_teacher_school', 'young_teachers_council']),
        w,
        orgIds,
        {
          young: true,
        },
      ),
  }),
  'young.school_presented': def({
    code: 'young.school_presented',
    section: 'Мероприятия',
    label: () => 'молодые специалисты, представившие опыт на занятиях Школы молодого педагога',
    kinds: ['fact', 'count'],
    noun: YOUNG,
    authoritative: false,
    contradiction: null,
    parseArgs: noArgs,
    sql: (_a, w, orgIds) =>
      peopleIn(
        EVENT_PERSON_MEASURES['events.presenters']!({ kinds: ['young_teacher_school'] }, ctxOf(w, orgIds))
          .set as SQL,
        w,
        orgIds,
        { young: true },
      ),
  }),
  'young.community_member': def({
    code: 'young.community_member',
    section: 'Сообщества',
    label: (a) =>
      `молодые специалисты — участники профессиональных сообществ (${levelWords(a.levels.length ? a.levels : ['municipal', 'regional'])})`,
    kinds: ['fact', 'count'],
    noun: YOUNG,
    authoritative: false,
    contradiction: null,
    parseArgs: levelsArg(false),
    sql: (a, w, orgIds) =>
      peopleIn(membersOf(w, orgIds, a.levels.length ? a.levels : ['municipal', 'regional']), w, orgIds, {
        young: true,
      }),
  }),
  'young.presented': def({
    code: 'young.presented',
    section: 'Мероприятия',
    label: (a) =>
      `молодые специалисты, представившие опыт (${levelWords(a.levels.length ? a.levels : ['municipal', 'regional', 'federal'])})`,
    kinds: ['fact', 'count'],
    noun: YOUNG,
    authoritative: false,
    contradiction: null,
    parseArgs: levelsArg(false),
    sql: (a, w, orgIds) =>
      peopleIn(
        eventPeople(w, {
          levels: a.levels.length ? a.levels : ['municipal', 'regional', 'federal'],
          presenter: true,
        }),
        w,
        orgIds,
        { young: true },
      ),
  }),
  'young.mentoring_pair': def({
    code: 'young.mentoring_pair',
    section: 'Наставничество',
    label: () => 'молодые специалисты — наставляемые в наставнических парах (группах) учебного года',
    kinds: ['fact', 'count'],
    noun: YOUNG,
    authoritative: true,
    contradiction: () =>
      'Заявлено участие молодых специалистов в наставнической паре, в разделе «Наставничество» таких пар за учебный год нет',
    parseArgs: noArgs,
    sql: (_a, w, orgIds) => {
      const people = peopleIn(menteesSet({ inPeriod: true }, ctxOf(w, orgIds)), w, orgIds, { young: true });
      return sql`WITH x AS (${people})
        SELECT o.id::text AS organization_id, coalesce(x.n, 0)::int AS n, NULL::int AS whole, x.names
        FROM organizations o LEFT JOIN x ON x.organization_id = o.id::text WHERE o.id = ANY(${ids(orgIds)})`;
    },
  }),
  'contests.winner': def({
    code: 'contests.winner',
    section: 'Конкурсы',
    label: (a) => `победители конкурса «${a.title}» (${levelWords(a.levels)} уровень)`,
    kinds: ['fact', 'count'],
    noun: PEOPLE,
    authoritative: true,
    contradiction: (a) => `Заявлена победа в конкурсе «${a.title}», в платформе такого результата нет`,
    parseArgs: contestArgs,
    sql: (a, w, orgIds) => contestSql(a, w, orgIds, true),
  }),
  'contests.participant': def({
    code: 'contests.participant',
    section: 'Конкурсы',
    label: (a) => `участники конкурса «${a.title}» (${levelWords(a.levels)} уровень)`,
    kinds: ['fact', 'count'],
    noun: PEOPLE,
    authoritative: true,
    contradiction: (a) => `Заявлено участие в конкурсе «${a.title}», в платформе такой заявки нет`,
    parseArgs: contestArgs,
    sql: (a, w, orgIds) => contestSql(a, w, orgIds, false),
  }),
  'communities.member': def({
    code: 'communities.member',
    section: 'Сообщества',
    label: (a) => `педагоги — участники профессиональных сообществ (${levelWords(a.levels)})`,
    kinds: ['fact', 'count'],
    noun: PEOPLE,
    authoritative: false,
    contradiction: null,
    parseArgs: levelsArg(true),
    sql: (a, w, orgIds) => peopleIn(membersOf(w, orgIds, a.levels), w, orgIds),
  }),
  'events.presented': def({
    code: 'events.presented',
    section: 'Мероприятия',
    label: (a) => `педагоги, представившие опыт на мероприятиях (${levelWords(a.levels)})`,
    kinds: ['fact', 'count'],
    noun: PEOPLE,
    authoritative: false,
    contradiction: null,
    parseArgs: levelsArg(true),
    sql: (a, w, orgIds) => peopleIn(eventPeople(w, { levels: a.levels, presenter: true }), w, orgIds),
  }),
  'events.took_part': def({
    code: 'events.took_part',
    section: 'Мероприятия',
    label: (a) => `педагоги, участвовавшие в мероприятиях (${levelWords(a.levels)})`,
    kinds: ['fact', 'count'],
    noun: PEOPLE,
    authoritative: false,
    contradiction: null,
    parseArgs: levelsArg(true),
    sql: (a, w, orgIds) => peopleIn(eventPeople(w, { levels: a.levels }), w, orgIds),
  }),
  'events.kind_took_part': def({
    code: 'events.kind_took_part',
    section: 'Мероприятия',
    label: () => 'педагоги, участвовавшие в методической неделе (дне)',
    kinds: ['fact', 'count'],
    noun: PEOPLE,
    authoritative: false,
    contradiction: null,
    parseArgs: kindsArg,
    sql: (a, w, orgIds) => peopleIn(eventPeople(w, { kinds: a.kinds }), w, orgIds),
  }),
  'events.kind_presented': def({
    code: 'events.kind_presented',
    section: 'Мероприятия',
    label: () => 'педагоги, представившие опыт в методической неделе (дне)',
    kinds: ['fact', 'count'],
    noun: PEOPLE,
    authoritative: false,
    contradiction: null,
    parseArgs: kindsArg,
    sql: (a, w, orgIds) => peopleIn(eventPeople(w, { kinds: a.kinds, presenter: true }), w, orgIds),
  }),
  'events.attended_share': def({
    code: 'events.attended_share',
    section: 'Мероприятия',
    label: (a) =>
      `мероприятия утверждённого плана муниципалитета (${levelWords(a.levels)}), в которых участвовали педагоги организации, из всех, на которые она приглашалась`,
    kinds: ['share'],
    noun: EVENTS,
    authoritative: false,
    contradiction: null,
    parseArgs: levelsArg(true),
    sql: (a, w, orgIds) => {
      const pop = populationSql({ employment: 'all', staff: 'all', orgKinds: [] }, ctxOf(w, orgIds));
      // the events the organization was invited to: the municipal plan's, its target admitting the organization
      return sql`WITH pop AS (${pop}),
        inv AS (SELECT o.id AS organization_id, ev.id AS event_id
                FROM organizations o
                JOIN event_plans pl ON pl.municipality_id = o.municipality_id AND pl.organization_id IS NULL
                  AND pl.status = 'approved'
                JOIN events ev ON ev.plan_id = pl.id
                WHERE o.id = ANY(${ids(orgIds)}) AND ${inYear(eventDateSql(), w)}
                  AND ev.level::text = ANY(${sql.param(a.levels)}::text[])
                  AND (jsonb_typeof(ev.target -> 'organizationIds') IS DISTINCT FROM 'array'
                       OR ev.target -> 'organizationIds' = '[]'::jsonb
                       OR ev.target -> 'organizationIds' @> jsonb_build_array(o.id::text))
                  AND (jsonb_typeof(ev.target -> 'orgKinds') IS DISTINCT FROM 'array'
                       OR ev.target -> 'orgKinds' = '[]'::jsonb
                       OR ev.target -> 'orgKinds' @> jsonb_build_array(o.kind::text))),
        went AS (SELECT DISTINCT pop.organization_id, r.event_id FROM event_registrations r
                 JOIN pop ON pop.person_id = r.person_id WHERE ${tookPartSql()})
        SELECT inv.organization_id::text AS organization_id, count(went.event_id)::int AS n,
               count(*)::int AS whole, NULL::text[] AS names
        FROM inv LEFT JOIN went ON went.organization_id = inv.organization_id AND went.event_id = inv.event_id
        GROUP BY inv.organization_id`;
    },
  }),
  'orgs.innovation_platform': def({
    code: 'orgs.innovation_platform',
    section: 'Реестр организаций',
    label: (a) => `статус инновационной площадки (${levelWords(a.levels)})`,
    kinds: ['fact'],
    noun: ['статус', 'статуса', 'статусов'],
    authoritative: true,
    contradiction: () => 'Заявлен статус инновационной площадки, в реестре организаций такого статуса нет',
    parseArgs: levelsArg(false),
    sql: (a, _w, orgIds) => {
      const levels = a.levels.length ? a.levels : ['municipal', 'regional', 'federal'];
      return orgStatus(
        sql`o.innovation_platform::text = ANY(${sql.param(levels)}::text[])`,
        sql`CASE o.innovation_platform::text WHEN 'municipal' THEN 'муниципальная' WHEN 'regional' THEN 'региональная'
              ELSE 'федеральная' END || ' инновационная площадка'`,
        orgIds,
      );
    },
  }),
  'orgs.internship_platform': def({
    code: 'orgs.internship_platform',
    section: 'Реестр организаций',
    label: () => 'статус стажировочной площадки',
    kinds: ['fact'],
    noun: ['статус', 'статуса', 'статусов'],
    authoritative: true,
    contradiction: () => 'Заявлен статус стажировочной площадки, в реестре организаций такого статуса нет',
    parseArgs: noArgs,
    sql: (_a, _w, orgIds) => orgStatus(sql`o.internship_platform`, sql`'стажировочная площадка'`, orgIds),
  }),
  'plans.methodical': def({
    code: 'plans.methodical',
    section: 'Мероприятия',
    label: () => 'утверждённый план методических мероприятий организации на учебный год',
    kinds: ['fact'],
    noun: ['план', 'плана', 'планов'],
    authoritative: false,
    contradiction: null,
    parseArgs: noArgs,
    sql: (
      _a,
      w,
      orgIds,
    ) => sql`SELECT pl.organization_id::text AS organization_id, 1 AS n, NULL::int AS whole,
        ARRAY[pl.title || ' (утверждён ' || to_char(pl.approved_at, 'DD.MM.YYYY') || ')'] AS names
      FROM event_plans pl
      WHERE pl.organization_id = ANY(${ids(orgIds)}) AND pl.school_year = ${w.schoolYear}::int
        AND pl.status = 'approved'`,
  }),
};

/** The year's window (see the decisions above). */
export function windowOf(schoolYear: number, rules: DerivedRules): SourceWindow {
  return {
    schoolYear,
    start: `${schoolYear}-09-01`,
    end: `${schoolYear + 1}-08-31`,
    previousEnd: `${schoolYear}-08-31`,
    trainingsFrom: `${schoolYear - 2}-09-01`,
    rules,
  };
}
