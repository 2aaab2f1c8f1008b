import type { DeficitLevel } from '../../assessment/deficits/classify.ts';
import { selfStudyFor } from './self-study.ts';

/**
 * The route planner: one person's deficits and partial levels in, route items out. Pure — the
 * service reads the catalog and the person's results in bulk and calls this once per person, so
 * the rules can be tested over thousands of random catalogs without a database.
 */

export interface GenerationSettings {
  /** Ceiling of planned hours in one half-year (informal items included). */
  hoursPerHalfYear: number;
  /** How far ahead the route is planned, in months from today. */
  horizonMonths: number;
  selfEducationHours: number;
  mentoringHours: number;
  /**
   * Hours an event counts for in the route: events carry no hours of their own (a seminar, a
   * webinar), so one figure for every event, 4 by default.
   */
  eventHours: number;
  /** Plan self-education for competencies at the partial level. */
  includePartial: boolean;
  /** Live routes one curator carries at most; generation leaves the rest without a curator. */
  routesPerCurator: number;
}

export const DEFAULT_GENERATION_SETTINGS: GenerationSettings = {
  hoursPerHalfYear: 72,
  horizonMonths: 12,
  selfEducationHours: 12,
  mentoringHours: 18,
  eventHours: 4,
  includePartial: true,
  routesPerCurator: 25,
};

/**
 * The pace: hours a month may take, a sixth of the half-year ceiling (72 → 12). Informal items are
 * spread over months at half that (so two run side by side); a program's hours fall on the months
 * of its cohort, by days. Programs keep their cohorts' dates: the half-year ceiling limits them, and
 * informal items go to months the programs leave free.
 */
export function monthlyPace(settings: Pick<GenerationSettings, 'hoursPerHalfYear'>): number {
  return Math.ceil(settings.hoursPerHalfYear / 6);
}

export interface PlanCompetency {
  id: string;
  code: string;
  name: string;
  description?: string;
  percent: number;
  level: DeficitLevel;
}

export interface PlanCohort {
  id: string;
  startsOn: string;
  endsOn: string;
  /** Seats still free; null — unlimited. */
  seatsLeft: number | null;
}

export interface PlanProgram {
  id: string;
  title: string;
  hours: number;
  federalRegistry: boolean;
  registryNumber: string | null;
  priorityDirections: string[];
  /** Competencies (of the framework) the program addresses. */
  competencyIds: string[];
  cohorts: PlanCohort[];
}

/**
 * An upcoming event of an approved plan (семинар, практикум, вебинар) addressing competencies,
 * already filtered by the service to those whose target group admits the person. Placed after a
 * fitting catalog program, before mentoring. Seats are shared by everyone planned in a run.
 */
export interface PlanEvent {
  id: string;
  title: string;
  hours: number;
  startsOn: string;
  endsOn: string;
  competencyIds: string[];
  /** Seats still free; null — unlimited. */
  seatsLeft: number | null;
  /** «семинар, муниципальный уровень» — for the reason; a municipal event when absent. */
  description?: string;
}

/** A published material of the bank of practices (src/practices) addressing competencies, most used first. */
export interface PlanMaterial {
  id: string;
  title: string;
  competencyIds: string[];
  /** The subjects it is for; empty — any teacher's. */
  subjects?: string[];
}

export interface PlanInput {
  competencies: PlanCompetency[];
  programs: PlanProgram[];
  events?: PlanEvent[];
  /** Self-education points at the first material of the bank that addresses the competency. */
  materials?: PlanMaterial[];
  /** The person's subjects (lower case): a subject's material goes only to who teaches it. */
  subjects?: string[];
  /** 'YYYY-MM-DD' */
  today: string;
  settings: GenerationSettings;
  thresholds: { deficitBelow: number; partialBelow: number };
  /** Hours already planned for the person in other routes, by half-year key ('2027-1' / '2027-2'). */
  plannedHours?: Record<string, number>;
}

export type ActivityKind = 'program' | 'event' | 'mentoring' | 'self_education' | 'internship';
export type LearningForm = 'formal' | 'informal' | 'self_education';

export interface PlannedItem {
  position: number;
  activityKind: ActivityKind;
  /** The cohort id of a program, the event id, the material of the bank for self-education; else null. */
  activityId: string | null;
  /** For programs: the program (the cohort is activityId). */
  programId: string | null;
  title: string;
  form: LearningForm;
  plannedStart: string;
  plannedEnd: string;
  hours: number;
  competencyId: string;
  competencyIds: string[];
  baselinePercent: number;
  reason: string;
  expectedResult: string;
}

/** Why nothing was found in the catalog, furthest stage of the search first reached. */
export type SearchFailure = 'no_programs' | 'no_cohorts' | 'no_seats' | 'over_limit';
/** Why a competency stayed out of the route: the catalog's answer, or no room for informal learning. */
export type UncoveredCause = SearchFailure | 'no_room';

export const UNCOVERED_CAUSES: Record<UncoveredCause, string> = {
  no_programs: 'в каталоге нет программ по этой компетенции',
  no_cohorts: 'у программ по этой компетенции нет потоков в горизонте планирования',
  no_seats: 'в потоках программ по этой компетенции нет свободных мест',
  over_limit: 'поток программы превысил бы лимит часов за полугодие',
  no_room: 'самообразованию не хватило часов в лимите полугодия и темпе в месяц',
};

export interface UncoveredCompetency {
  competencyId: string;
  code: string;
  name: string;
  level: DeficitLevel;
  percent: number;
  cause: UncoveredCause;
  /** What was searched and why nothing fitted, in words. */
  reason: string;
}

export interface Plan {
  items: PlannedItem[];
  uncovered: UncoveredCompetency[];
  /** Hours per half-year after the plan, other routes included. */
  hoursByHalfYear: Record<string, number>;
  periodStart: string;
  periodEnd: string;
}

// ---- dates and half-years ----

export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** '2027-1' (январь–июнь) or '2027-2' (июль–декабрь). */
export function halfYearOf(iso: string): string {
  const y = iso.slice(0, 4);
  return `${y}-${Number(iso.slice(5, 7)) <= 6 ? 1 : 2}`;
}

/** «I полугодии 2027 г.» */
export function halfYearLabel(key: string): string {
  const [y, h] = key.split('-') as [string, string];
  return `${h === '1' ? 'I' : 'II'} полугодии ${y} г.`;
}

// ---- months ----

/**
 * Month arithmetic runs in the planner's innermost loops (every informal slot tried, for every
 * person of a region): the few distinct months and days are computed once and remembered.
 */
function memo<T>(fn: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      v = fn(key);
      if (cache.size > 100_000) cache.clear();
      cache.set(key, v);
    }
    return v;
  };
}

export const monthOf = (iso: string) => iso.slice(0, 7);
export const nextMonth = memo((key: string): string => {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
});
const monthFirst = (key: string) => `${key}-01`;
const monthLast = memo((key: string): string => {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return `${key}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
});
const dayNumber = memo((iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/** Hours of an item by month: spread over the days of [start, end] (a day-long item — its month). */
export function spreadByMonth(start: string, end: string, hours: number): Record<string, number> {
  const out: Record<string, number> = {};
  const last = end < start ? start : end;
  const days = dayNumber(last) - dayNumber(start) + 1;
  for (let m = monthOf(start); m <= monthOf(last); m = nextMonth(m)) {
    const from = [monthFirst(m), start].sort()[1]!;
    const to = [monthLast(m), last].sort()[0]!;
    out[m] = (hours * (dayNumber(to) - dayNumber(from) + 1)) / days;
  }
  return out;
}

/** Hours of informal learning by month: the same share in each month of [start, end]. */
function evenByMonth(start: string, end: string, hours: number): Record<string, number> {
  const months: string[] = [];
  for (let m = monthOf(start); m <= monthOf(end < start ? start : end); m = nextMonth(m)) months.push(m);
  return Object.fromEntries(months.map((m) => [m, hours / months.length]));
}

const isInformal = (kind: ActivityKind) => kind === 'mentoring' || kind === 'self_education';

/** An item's hours by month: a program's or an event's by its days, informal learning evenly. */
export function itemByMonth(
  i: Pick<PlannedItem, 'activityKind' | 'plannedStart' | 'plannedEnd' | 'hours'>,
): Record<string, number> {
  return isInformal(i.activityKind)
    ? evenByMonth(i.plannedStart, i.plannedEnd, i.hours)
    : spreadByMonth(i.plannedStart, i.plannedEnd, i.hours);
}

/** The load of a plan by month, as the planner counts it for the pace. */
export function monthlyLoad(
  items: readonly Pick<PlannedItem, 'activityKind' | 'plannedStart' | 'plannedEnd' | 'hours'>[],
) {
  const out: Record<string, number> = {};
  for (const i of items) for (const [m, h] of Object.entries(itemByMonth(i))) out[m] = (out[m] ?? 0) + h;
  return out;
}

const ddmm = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;
export const ruDate = (iso: string) => `${ddmm(iso)}.${iso.slice(0, 4)}`;
export function ruPeriod(start: string, end: string): string {
  return start.slice(0, 4) === end.slice(0, 4)
    ? `${ddmm(start)}–${ruDate(end)}`
    : `${ruDate(start)}–${ruDate(end)}`;
}

export function ruPercent(p: number): string {
  return `${Number.isInteger(p) ? p : p.toFixed(1).replace('.', ',')} %`;
}

const ruHours = (h: number) => (Number.isInteger(h) ? String(h) : h.toFixed(1).replace('.', ','));
/** Plain code-unit order: deterministic and far cheaper than ICU collation in the hot loop. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const maxDate = (a: string, b: string) => (a > b ? a : b);

// ---- the plan ----

/**
 * Plans one person's route. Deficits first, worst first: a program of the federal registry, else
 * of the regional catalog (the earliest cohort with seats whose hours fit the half-year ceiling),
 * else a municipal event, else mentoring. Then partial levels: self-education with a topic and a
 * material. Informal items are spread over the months of the horizon at the pace (monthlyPace);
 * each reason says what was searched and why the rest did not fit. The route ends with its last item.
 */
export function planRoute(input: PlanInput): Plan {
  const { settings, today, thresholds } = input;
  const horizonEnd = addMonths(today, settings.horizonMonths);
  /** The last month informal items may take: the horizon's months counted from today's. */
  const lastMonth = monthOf(addMonths(today, Math.max(0, settings.horizonMonths - 1)));
  const hours: Record<string, number> = { ...(input.plannedHours ?? {}) };
  const monthly: Record<string, number> = {};
  const ceiling = settings.hoursPerHalfYear;
  const pace = monthlyPace(settings);
  const used = (key: string) => hours[key] ?? 0;
  const fits = (key: string, h: number) => used(key) + h <= ceiling;

  const byPercent = (a: PlanCompetency, b: PlanCompetency) => a.percent - b.percent || cmp(a.code, b.code);
  const deficits = input.competencies.filter((c) => c.level === 'deficit').sort(byPercent);
  const partials = settings.includePartial
    ? input.competencies.filter((c) => c.level === 'partial').sort(byPercent)
    : [];
  /** What the route should close: a program addressing any of these covers it too. */
  const targets = new Map([...deficits, ...partials].map((c) => [c.id, c]));

  const items: PlannedItem[] = [];
  const uncovered: UncoveredCompetency[] = [];
  const covered = new Set<string>();
  const chosenPrograms = new Set<string>();

  const coverage = (competencyIds: readonly string[], main: string) => {
    const ids = [main];
    for (const id of competencyIds) if (id !== main && targets.has(id) && !covered.has(id)) ids.push(id);
    return ids;
  };
  const alsoCovers = (ids: string[]) => {
    const rest = ids.slice(1).map((id) => targets.get(id)!.code);
    return rest.length ? ` Программа также адресована компетенциям ${rest.join(', ')}.` : '';
  };
  const load = (key: string, h: number) =>
    `в ${halfYearLabel(key)} запланировано ${used(key) + h} из ${ceiling} ч`;
  const why = (c: PlanCompetency) =>
    c.level === 'deficit'
      ? `Дефицит по компетенции «${c.name}»: ${ruPercent(c.percent)} при пороге ${ruPercent(thresholds.deficitBelow)}.`
      : `Компетенция «${c.name}» сформирована частично: ${ruPercent(c.percent)} (полностью — от ${ruPercent(thresholds.partialBelow)}).`;
  const target = (c: PlanCompetency) =>
    `Компетенция «${c.name}» — не ниже ${ruPercent(thresholds.partialBelow)} при повторной диагностике`;

  const push = (item: Omit<PlannedItem, 'position'>) => {
    items.push({ ...item, position: items.length + 1 });
    hours[halfYearOf(item.plannedStart)] = used(halfYearOf(item.plannedStart)) + item.hours;
    for (const [m, h] of Object.entries(itemByMonth(item))) monthly[m] = (monthly[m] ?? 0) + h;
    for (const id of item.competencyIds) covered.add(id);
  };

  /**
   * The earliest fitting cohort of the programs addressing `c` (federal or regional only, or any
   * with `federal` null), then the one covering most targets. When none fits, how far the search
   * got: no program, no cohort in the horizon, no seats, or the half-year's hours.
   */
  const searchPrograms = (c: PlanCompetency, federal: boolean | null) => {
    let best: { program: PlanProgram; cohort: PlanCohort; covers: number } | null = null;
    let stage = 0;
    let blocked: { program: PlanProgram; cohort: PlanCohort } | null = null;
    for (const program of input.programs) {
      if ((federal !== null && program.federalRegistry !== federal) || chosenPrograms.has(program.id))
        continue;
      if (!program.competencyIds.includes(c.id)) continue;
      stage = Math.max(stage, 1);
      const covers = coverage(program.competencyIds, c.id).length;
      for (const cohort of program.cohorts) {
        if (cohort.startsOn < today || cohort.startsOn > horizonEnd) continue;
        stage = Math.max(stage, 2);
        if (cohort.seatsLeft !== null && cohort.seatsLeft <= 0) continue;
        stage = Math.max(stage, 3);
        if (!fits(halfYearOf(cohort.startsOn), program.hours)) {
          if (!blocked || cohort.startsOn < blocked.cohort.startsOn) blocked = { program, cohort };
          continue;
        }
        if (
          !best ||
          cohort.startsOn < best.cohort.startsOn ||
          (cohort.startsOn === best.cohort.startsOn &&
            (covers > best.covers ||
              (covers === best.covers &&
                (cmp(program.title, best.program.title) || cmp(program.id, best.program.id)) < 0)))
        )
          best = { program, cohort, covers };
      }
    }
    const failure = (['no_programs', 'no_cohorts', 'no_seats', 'over_limit'] as const)[stage]!;
    let text: string;
    if (best) text = '';
    else if (failure === 'no_programs') text = 'нет программ по этой компетенции';
    else if (failure === 'no_cohorts')
      text = `нет потоков с началом с ${ruDate(today)} по ${ruDate(horizonEnd)}`;
    else if (failure === 'no_seats') text = `нет свободных мест в потоках до ${ruDate(horizonEnd)}`;
    else {
      const b = blocked!;
      const key = halfYearOf(b.cohort.startsOn);
      text =
        `превышен бы лимит часов: ближайший поток со свободными местами — «${b.program.title}», ${b.program.hours} ч, ` +
        `с ${ruDate(b.cohort.startsOn)}, а в ${halfYearLabel(key)} уже запланировано ${used(key)} из ${ceiling} ч`;
    }
    return { best, failure, text };
  };

  const bestEvent = (c: PlanCompetency) => {
    let best: PlanEvent | null = null;
    for (const e of input.events ?? []) {
      if (!e.competencyIds.includes(c.id)) continue;
      if (e.startsOn < today || e.startsOn > horizonEnd) continue;
      if (e.seatsLeft !== null && e.seatsLeft <= 0) continue;
      if (!fits(halfYearOf(e.startsOn), e.hours)) continue;
      if (!best || e.startsOn < best.startsOn || (e.startsOn === best.startsOn && e.id < best.id)) best = e;
    }
    return best;
  };

  /**
   * The earliest months within the horizon with room for `h` hours of informal learning: spread
   * at half the pace over consecutive months, each month staying within the pace, the half-year
   * of its start within the ceiling. Else why not, in words.
   */
  /** The horizon's months, from today's to lastMonth. */
  const months: string[] = [];
  for (let m = monthOf(today); m <= lastMonth; m = nextMonth(m)) months.push(m);
  const informalSlot = (h: number) => {
    const available = months.length;
    const longest = Math.min(available, Math.max(1, Math.ceil(h / Math.max(1, pace / 2))));
    const shortest = Math.min(longest, Math.max(1, Math.ceil(h / pace)));
    let halfFull = false;
    let paceFull = false;
    for (let a = 0; a < available; a++) {
      const m = months[a]!;
      const start = maxDate(monthFirst(m), today);
      const key = halfYearOf(start);
      if (!fits(key, h)) {
        halfFull = true;
        continue;
      }
      // At half the pace over more months when they are free, else denser over fewer: the same
      // share in each month of the span (as evenByMonth spreads it), none beyond the pace.
      for (let span = longest; span >= shortest; span--) {
        if (a + span > available) continue;
        const add = h / span;
        let over = false;
        for (let k = a; k < a + span; k++)
          if ((monthly[months[k]!] ?? 0) + add > pace + 1e-9) {
            over = true;
            break;
          }
        if (over) {
          paceFull = true;
          continue;
        }
        return { ok: true as const, key, start, end: monthLast(months[a + span - 1]!), perMonth: h / span };
      }
    }
    const parts = [
      ...(halfFull ? [`лимит ${ceiling} ч за полугодие был бы превышен`] : []),
      ...(paceFull ? [`месяцы уже заняты (не более ${pace} ч в месяц)`] : []),
    ];
    return {
      ok: false as const,
      text: `до ${ruDate(monthLast(lastMonth))} не нашлось месяцев для ${h} ч: ${parts.join(', ') || 'горизонт планирования слишком короток'}`,
    };
  };
  const schedule = (slot: { start: string; end: string; perMonth: number }) =>
    `с ${ruDate(slot.start)} по ${ruDate(slot.end)}, около ${ruHours(Math.round(slot.perMonth * 10) / 10)} ч в месяц`;
  const leaveOut = (c: PlanCompetency, cause: UncoveredCause, reason: string) =>
    uncovered.push({
      competencyId: c.id,
      code: c.code,
      name: c.name,
      level: c.level,
      percent: c.percent,
      cause,
      reason,
    });

  const toMentor: { c: PlanCompetency; programs: ReturnType<typeof searchPrograms> }[] = [];
  for (const c of deficits) {
    if (covered.has(c.id)) continue;
    const federal = searchPrograms(c, true);
    const regional = federal.best ? null : searchPrograms(c, false);
    const chosen = federal.best ?? regional?.best ?? null;
    if (chosen) {
      const { program, cohort } = chosen;
      const key = halfYearOf(cohort.startsOn);
      const ids = coverage(program.competencyIds, c.id);
      const source = program.federalRegistry
        ? `Программа из федерального реестра${program.registryNumber ? ` (№ ${program.registryNumber})` : ''}`
        : `Программа регионального каталога (в федеральном реестре ${federal.text})`;
      chosenPrograms.add(program.id);
      push({
        activityKind: 'program',
        activityId: cohort.id,
        programId: program.id,
        title: program.title,
        form: 'formal',
        plannedStart: cohort.startsOn,
        plannedEnd: cohort.endsOn,
        hours: program.hours,
        competencyId: c.id,
        competencyIds: ids,
        baselinePercent: c.percent,
        reason: `${why(c)} ${source}, ${program.hours} ч, поток ${ruPeriod(cohort.startsOn, cohort.endsOn)} — ближайший со свободными местами; ${load(key, program.hours)}.${alsoCovers(ids)}`,
        expectedResult: `${target(c)}; удостоверение о повышении квалификации.`,
      });
      continue;
    }
    const anyProgram = searchPrograms(c, null);
    const event = bestEvent(c);
    if (event) {
      const key = halfYearOf(event.startsOn);
      push({
        activityKind: 'event',
        activityId: event.id,
        programId: null,
        title: event.title,
        form: 'informal',
        plannedStart: event.startsOn,
        plannedEnd: event.endsOn,
        hours: event.hours,
        competencyId: c.id,
        competencyIds: coverage(event.competencyIds, c.id),
        baselinePercent: c.percent,
        reason:
          `${why(c)} Программа из каталога не подобрана: ${anyProgram.text}. ` +
          `Мероприятие плана (${event.description ?? 'муниципальное мероприятие'}), ${event.endsOn === event.startsOn ? ruDate(event.startsOn) : ruPeriod(event.startsOn, event.endsOn)}, ` +
          `${event.hours} ч${event.seatsLeft === null ? '' : `, свободных мест — ${event.seatsLeft}`}; ${load(key, event.hours)}.`,
        expectedResult: `${target(c)}; участие в мероприятии подтверждено.`,
      });
      continue;
    }
    toMentor.push({ c, programs: anyProgram });
  }

  // Mentoring after every dated item is placed: it takes the months the courses leave free.
  for (const { c, programs } of toMentor) {
    const slot = informalSlot(settings.mentoringHours);
    if (slot.ok) {
      const study = selfStudyFor(c);
      push({
        activityKind: 'mentoring',
        activityId: null,
        programId: null,
        title: `Наставничество: ${study.topic} — посещение уроков наставника и разбор своих`,
        form: 'informal',
        plannedStart: slot.start,
        plannedEnd: slot.end,
        hours: settings.mentoringHours,
        competencyId: c.id,
        competencyIds: [c.id],
        baselinePercent: c.percent,
        reason: `${why(c)} Программа из каталога не подобрана: ${programs.text}. Наставничество, ${settings.mentoringHours} ч ${schedule(slot)}; ${load(slot.key, settings.mentoringHours)}.`,
        expectedResult: `${target(c)}; ${study.product}, отзыв наставника.`,
      });
      continue;
    }
    leaveOut(
      c,
      programs.failure,
      `Программа из каталога не подобрана: ${programs.text}; наставничество не запланировано: ${slot.text}.`,
    );
  }

  const usedMaterials = new Set<string>();
  for (const c of partials) {
    if (covered.has(c.id)) continue;
    const slot = informalSlot(settings.selfEducationHours);
    if (!slot.ok) {
      leaveOut(c, 'no_room', `Самообразование не запланировано: ${slot.text}.`);
      continue;
    }
    const study = selfStudyFor(c);
    // A material once per route: two competencies it addresses do not make it twice.
    const material = input.materials?.find(
      (m) =>
        m.competencyIds.includes(c.id) &&
        !usedMaterials.has(m.id) &&
        (!m.subjects?.length || m.subjects.some((s) => input.subjects?.includes(s.toLowerCase()))),
    );
    if (material) usedMaterials.add(material.id);
    push({
      activityKind: 'self_education',
      activityId: material?.id ?? null,
      programId: null,
      title: material
        ? `Самообразование: «${material.title}» (банк практик)`
        : `Самообразование: ${study.topic}`,
      form: 'self_education',
      plannedStart: slot.start,
      plannedEnd: slot.end,
      hours: settings.selfEducationHours,
      competencyId: c.id,
      competencyIds: [c.id],
      baselinePercent: c.percent,
      reason: `${why(c)} Самообразование, ${settings.selfEducationHours} ч ${schedule(slot)}; материал — ${material ? `«${material.title}» из банка практик` : study.material}; ${load(slot.key, settings.selfEducationHours)}.`,
      expectedResult: `${target(c)}; ${study.product}.`,
    });
  }

  // The route ends with its last item (the horizon only when there is none).
  const periodEnd = items.length ? items.reduce((end, i) => maxDate(end, i.plannedEnd), today) : horizonEnd;
  return { items, uncovered, hoursByHalfYear: hours, periodStart: today, periodEnd };
}
