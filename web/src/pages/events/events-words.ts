/** The events' closed lists come from the server's vocabulary (one source for imports and screens). */
import {
  EVENT_KINDS,
  EVENT_LEVELS,
  PLANNED_RESULT_KINDS,
  plannedResultText,
  REGISTRATION_ROLES,
  REGISTRATION_STATUSES,
} from '../../../../src/events/events.vocabulary.ts';

export {
  EVENT_KINDS,
  EVENT_LEVELS,
  PLANNED_RESULT_KINDS,
  plannedResultText,
  REGISTRATION_ROLES,
  REGISTRATION_STATUSES,
};

/** «2026-12-03T05:10:00+00» → «03.12.2026». */
export const ruDay = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

export const options = (words: Record<string, string>) =>
  Object.entries(words).map(([value, label]) => ({ value, label }));

export const MONTHS = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];

/** Months in the order of a school year: September first. */
export const SCHOOL_YEAR_MONTHS = [9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8].map((m) => ({
  value: String(m),
  label: MONTHS[m - 1]!,
}));

export const STATUS_COLORS: Record<string, string> = {
  confirmed: 'green',
  pending: 'yellow',
  waitlisted: 'orange',
  cancelled: 'gray',
  rejected: 'red',
};

const ru = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** «15.10.2026, 15:00–16:30», «15.10.2026–16.10.2026», or the plan's own words («в течение года»). */
export function eventWhen(e: {
  periodText: string | null;
  startsOn: string | null;
  endsOn: string | null;
  startTime?: string | null | undefined;
  endTime?: string | null | undefined;
}): string {
  if (e.startsOn) {
    const days = e.endsOn && e.endsOn !== e.startsOn ? `${ru(e.startsOn)}–${ru(e.endsOn)}` : ru(e.startsOn);
    const dates = e.startTime ? `${days}, ${e.startTime}${e.endTime ? `–${e.endTime}` : ''}` : days;
    return e.periodText && !/^\d/.test(e.periodText) ? `${e.periodText} (${dates})` : dates;
  }
  return e.periodText ?? '—';
}

/** The current school year's first calendar year: from September on, this year. */
export function currentSchoolYear(now = new Date()): number {
  return now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
}
