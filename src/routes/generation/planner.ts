import type { DeficitLevel } from '../../assessment/deficits/classify.ts';

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
  /** Plan self-education for competencies at the partial level. */
  includePartial: boolean;
}

export const DEFAULT_GENERATION_SETTINGS: GenerationSettings = {
  hoursPerHalfYear: 72,
  horizonMonths: 12,
  selfEducationHours: 12,
  mentoringHours: 18,
  includePartial: true,
};

export interface PlanCompetency {
  id: string;
  code: string;
  name: string;
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
 * A municipal event (семинар, практикум) addressing competencies. No events module exists yet:
 * the planner already places them between catalog programs and mentoring, the service passes none.
 */
export interface PlanEvent {
  id: string;
  title: string;
  hours: number;
  startsOn: string;
  endsOn: string;
  competencyIds: string[];
  seatsLeft: number | null;
}

export interface PlanInput {
  competencies: PlanCompetency[];
  programs: PlanProgram[];
  events?: PlanEvent[];
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
  /** The cohort id of a program, the event id; null for mentoring and self-education. */
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

export interface UncoveredCompetency {
  competencyId: string;
  code: string;
  name: string;
  level: DeficitLevel;
  percent: number;
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

function halfYearBounds(key: string): { start: string; end: string } {
  const [y, h] = key.split('-') as [string, string];
  return h === '1' ? { start: `${y}-01-01`, end: `${y}-06-30` } : { start: `${y}-07-01`, end: `${y}-12-31` };
}

function nextHalfYear(key: string): string {
  const [y, h] = key.split('-') as [string, string];
  return h === '1' ? `${y}-2` : `${Number(y) + 1}-1`;
}

/** «I полугодии 2027 г.» */
export function halfYearLabel(key: string): string {
  const [y, h] = key.split('-') as [string, string];
  return `${h === '1' ? 'I' : 'II'} полугодии ${y} г.`;
}

const ddmm = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;
const ruDate = (iso: string) => `${ddmm(iso)}.${iso.slice(0, 4)}`;
export function ruPeriod(start: string, end: string): string {
  return start.slice(0, 4) === end.slice(0, 4)
    ? `${ddmm(start)}–${ruDate(end)}`
    : `${ruDate(start)}–${ruDate(end)}`;
}

export function ruPercent(p: number): string {
  return `${Number.isInteger(p) ? p : p.toFixed(1).replace('.', ',')} %`;
}

const minDate = (a: string, b: string) => (a < b ? a : b);
/** Plain code-unit order: deterministic and far cheaper than ICU collation in the hot loop. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const maxDate = (a: string, b: string) => (a > b ? a : b);

// ---- the plan ----

/** Plans one person's route; see the module comment for the order of the rules. */
export function planRoute(input: PlanInput): Plan {
  const { settings, today, thresholds } = input;
  const horizonEnd = addMonths(today, settings.horizonMonths);
  const hours: Record<string, number> = { ...(input.plannedHours ?? {}) };
  const ceiling = settings.hoursPerHalfYear;
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
    for (const id of item.competencyIds) covered.add(id);
  };

  /** The earliest fitting cohort of the given programs, then the one covering most targets. */
  const bestProgram = (c: PlanCompetency, federal: boolean) => {
    let best: { program: PlanProgram; cohort: PlanCohort; covers: number } | null = null;
    for (const program of input.programs) {
      if (program.federalRegistry !== federal || chosenPrograms.has(program.id)) continue;
      if (!program.competencyIds.includes(c.id)) continue;
      const covers = coverage(program.competencyIds, c.id).length;
      for (const cohort of program.cohorts) {
        if (cohort.startsOn < today || cohort.startsOn > horizonEnd) continue;
        if (cohort.seatsLeft !== null && cohort.seatsLeft <= 0) continue;
        if (!fits(halfYearOf(cohort.startsOn), program.hours)) continue;
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
    return best;
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

  /** The earliest half-year within the horizon with room for `h` hours of informal learning. */
  const informalSlot = (h: number): { key: string; start: string; end: string } | null => {
    for (let key = halfYearOf(today); key <= halfYearOf(horizonEnd); key = nextHalfYear(key)) {
      if (!fits(key, h)) continue;
      const b = halfYearBounds(key);
      return { key, start: maxDate(b.start, today), end: minDate(b.end, horizonEnd) };
    }
    return null;
  };

  for (const c of deficits) {
    if (covered.has(c.id)) continue;
    const federal = bestProgram(c, true);
    const regional = federal ? null : bestProgram(c, false);
    const chosen = federal ?? regional;
    if (chosen) {
      const { program, cohort } = chosen;
      const key = halfYearOf(cohort.startsOn);
      const ids = coverage(program.competencyIds, c.id);
      const source = program.federalRegistry
        ? `Программа из федерального реестра${program.registryNumber ? ` (№ ${program.registryNumber})` : ''}`
        : 'Программа регионального каталога (подходящей программы федерального реестра с потоком в горизонте планирования нет)';
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
        reason: `${why(c)} Программ каталога с потоком до ${ruDate(horizonEnd)} и свободными местами нет — муниципальное мероприятие, ${event.hours} ч; ${load(key, event.hours)}.`,
        expectedResult: `${target(c)}; участие в мероприятии подтверждено.`,
      });
      continue;
    }
    const slot = informalSlot(settings.mentoringHours);
    if (slot) {
      push({
        activityKind: 'mentoring',
        activityId: null,
        programId: null,
        title: `Наставничество по компетенции «${c.name}»`,
        form: 'informal',
        plannedStart: slot.start,
        plannedEnd: slot.end,
        hours: settings.mentoringHours,
        competencyId: c.id,
        competencyIds: [c.id],
        baselinePercent: c.percent,
        reason: `${why(c)} Программ каталога с потоком до ${ruDate(horizonEnd)}, свободными местами и часами в пределах ${ceiling} ч за полугодие нет — наставничество, ${settings.mentoringHours} ч; ${load(slot.key, settings.mentoringHours)}.`,
        expectedResult: `${target(c)}; план наставничества выполнен, отзыв наставника.`,
      });
      continue;
    }
    uncovered.push({ competencyId: c.id, code: c.code, name: c.name, level: c.level, percent: c.percent });
  }

  for (const c of partials) {
    if (covered.has(c.id)) continue;
    const slot = informalSlot(settings.selfEducationHours);
    if (!slot) {
      uncovered.push({ competencyId: c.id, code: c.code, name: c.name, level: c.level, percent: c.percent });
      continue;
    }
    push({
      activityKind: 'self_education',
      activityId: null,
      programId: null,
      title: `Самообразование по компетенции «${c.name}»`,
      form: 'self_education',
      plannedStart: slot.start,
      plannedEnd: slot.end,
      hours: settings.selfEducationHours,
      competencyId: c.id,
      competencyIds: [c.id],
      baselinePercent: c.percent,
      reason: `${why(c)} Самообразование, ${settings.selfEducationHours} ч; ${load(slot.key, settings.selfEducationHours)}.`,
      expectedResult: `${target(c)}; отчёт о самообразовании (методическая разработка или конспект).`,
    });
  }

  const periodEnd = items.reduce((end, i) => maxDate(end, i.plannedEnd), horizonEnd);
  return { items, uncovered, hoursByHalfYear: hours, periodStart: today, periodEnd };
}
