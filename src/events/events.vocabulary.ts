/** The events context's words and the pure rules: periods, planned results, who may register. */

export const EVENT_KINDS = {
  seminar: 'семинар',
  webinar: 'вебинар',
  conference: 'конференция',
  master_class: 'мастер-класс',
  internship: 'стажировка',
  contest: 'конкурс профессионального мастерства',
  association_meeting: 'заседание ГМО/ШМО',
  young_teacher_school: 'школа молодого педагога',
  methodical_week: 'методическая неделя / день',
  readings: 'педагогические чтения',
  august_conference: 'августовское совещание',
  consultation: 'консультация',
  other: 'другое мероприятие',
} as const;
export type EventKind = keyof typeof EVENT_KINDS;
export const EVENT_KIND_KEYS = Object.keys(EVENT_KINDS) as [EventKind, ...EventKind[]];

export const EVENT_LEVELS = {
  institutional: 'уровень ОО',
  municipal: 'муниципальный',
  regional: 'региональный',
  federal: 'федеральный',
} as const;
export type EventLevel = keyof typeof EVENT_LEVELS;
export const EVENT_LEVEL_KEYS = Object.keys(EVENT_LEVELS) as [EventLevel, ...EventLevel[]];

export const PLAN_STATUSES = { draft: 'черновик', approved: 'утверждён' } as const;
export type PlanStatus = keyof typeof PLAN_STATUSES;

export const REGISTRATION_STATUSES = {
  pending: 'ожидает подтверждения организатора',
  confirmed: 'зарегистрирован',
  waitlisted: 'в листе ожидания',
  cancelled: 'отменена',
  rejected: 'отклонена организатором',
} as const;
export type RegistrationStatus = keyof typeof REGISTRATION_STATUSES;
export const REGISTRATION_ROLES = {
  participant: 'участник',
  presenter: 'представление опыта',
  organizer: 'организатор',
  moderator: 'модератор',
  jury: 'член жюри / эксперт',
} as const;
export type RegistrationRole = keyof typeof REGISTRATION_ROLES;
export const REGISTRATION_ROLE_KEYS = Object.keys(REGISTRATION_ROLES) as [
  RegistrationRole,
  ...RegistrationRole[],
];

export const CERTIFICATE_KINDS = {
  participant: 'Сертификат участника',
  gratitude: 'Благодарность',
  diploma: 'Диплом',
} as const;
export type CertificateKind = keyof typeof CERTIFICATE_KINDS;

/** The document a role earns on confirmed attendance (a diploma comes from a contest's outcome). */
export const certificateKindFor = (role: RegistrationRole): CertificateKind =>
  role === 'participant' ? 'participant' : 'gratitude';

/** Statuses that hold a seat. */
export const SEAT_STATUSES: readonly RegistrationStatus[] = ['pending', 'confirmed'];

export const PLANNED_RESULT_KINDS = {
  percent_of_group: 'не менее N % группы',
  participants: 'не менее N участников',
  protocols: 'N протоколов',
} as const;
export type PlannedResultKind = keyof typeof PLANNED_RESULT_KINDS;

export interface PlannedResult {
  kind: PlannedResultKind;
  n: number;
  group: string | null;
}

/** «2026/2027» */
export const schoolYearName = (year: number) => `${year}/${year + 1}`;

/** The kind guessed from an event's name (the import's default when «Вид» is empty): the earliest word of a form. */
export function guessKind(title: string): EventKind | null {
  const t = title.toLowerCase().replace(/ё/g, 'е');
  const rules: [RegExp, EventKind][] = [
    [/августовск/, 'august_conference'],
    [/педагогическ\S* чтени/, 'readings'],
    [/школ\S* молод/, 'young_teacher_school'],
    [/методическ\S* (недел|дн|день)/, 'methodical_week'],
    [/заседани|гмо|шмо|рмо/, 'association_meeting'],
    [/вебинар/, 'webinar'],
    [/мастер-?\s?класс/, 'master_class'],
    [/конкурс/, 'contest'],
    [/конференц/, 'conference'],
    [/стажир/, 'internship'],
    [/консультац/, 'consultation'],
    [/семинар|практикум/, 'seminar'],
  ];
  // The form is named first: «Установочный семинар стажировочной площадки» is a seminar.
  let best: { at: number; kind: EventKind } | null = null;
  for (const [re, kind] of rules) {
    const at = t.search(re);
    if (at >= 0 && (!best || at < best.at)) best = { at, kind };
  }
  return best?.kind ?? null;
}

const MONTHS: [RegExp, number][] = [
  [/^январ/, 1],
  [/^феврал/, 2],
  [/^март/, 3],
  [/^апрел/, 4],
  [/^ма[йя]/, 5],
  [/^июн/, 6],
  [/^июл/, 7],
  [/^август/, 8],
  [/^сентябр/, 9],
  [/^октябр/, 10],
  [/^ноябр/, 11],
  [/^декабр/, 12],
];

function monthOf(word: string): number | null {
  const w = word.toLowerCase().trim();
  for (const [re, m] of MONTHS) if (re.test(w)) return m;
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** A month of the school year: September–December in its first year, January–August in the next. */
const yearOfMonth = (schoolYear: number, m: number) => (m >= 9 ? schoolYear : schoolYear + 1);

function ruDate(text: string): string | null {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > lastDay(y, mo)) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/**
 * Dates of a period as the plans write it: «08.02.2022», «08.02.2022–10.02.2022», «октябрь»,
 * «октябрь–ноябрь», «в течение года» (the whole school year). Anything else («согласно плану
 * работы Советов») has no dates: null.
 */
export function parsePeriod(text: string, schoolYear: number): { startsOn: string; endsOn: string } | null {
  const t = text.trim().replace(/\s+/g, ' ');
  if (!t) return null;
  const parts = t.split(/\s*[–—-]\s*/);
  if (parts.length <= 2) {
    const a = ruDate(parts[0]!);
    const b = parts.length === 2 ? ruDate(parts[1]!) : a;
    if (a && b) return a <= b ? { startsOn: a, endsOn: b } : null;
    const ma = monthOf(parts[0]!);
    const mb = parts.length === 2 ? monthOf(parts[1]!) : ma;
    if (ma && mb && parts.every((p) => /^[а-яё]+(\s+\d{4})?$/i.test(p.trim()))) {
      const ya = yearOfMonth(schoolYear, ma);
      const yb = yearOfMonth(schoolYear, mb);
      const start = `${ya}-${pad(ma)}-01`;
      const end = `${yb}-${pad(mb)}-${pad(lastDay(yb, mb))}`;
      return start <= end ? { startsOn: start, endsOn: end } : null;
    }
  }
  if (/^в течени[еи] (учебного )?года/i.test(t)) {
    return { startsOn: `${schoolYear}-09-01`, endsOn: `${schoolYear + 1}-08-31` };
  }
  return null;
}

/**
 * The planned result in the documents' form: «не менее 70 % молодых педагогов» (a share of a
 * group), «не менее 50 работников …» / «15 резервистов …» (participants), «3 протокола»
 * (protocols). null when the text names no number.
 */
export function parsePlannedResult(text: string): PlannedResult | null {
  const t = text.trim().replace(/\s+/g, ' ');
  const pct = /(\d+(?:[.,]\d+)?)\s*%\s*(.*)$/.exec(t);
  if (pct) {
    const group = cleanGroup(pct[2]!);
    return { kind: 'percent_of_group', n: Number(pct[1]!.replace(',', '.')), group };
  }
  // «3 протокола», «Протоколы: не менее 5 заседаний», «проведено 4 заседания»: meetings minuted.
  const proto = /(\d+)\s+(?:протокол|заседани)/i.exec(t) ?? (/протокол/i.test(t) ? /(\d+)/.exec(t) : null);
  if (proto) return { kind: 'protocols', n: Number(proto[1]), group: null };
  // «в 2022 году планируют пройти 67 педагогических работников»: a year or hours are not people.
  for (const m of t.matchAll(/(\d+)\s+([а-яё]+)/gi)) {
    if (/^(год|г$|учебн|час|мин|дн|недел|месяц)/i.test(m[2]!)) continue;
    const rest = t.slice(m.index + m[1]!.length).trim();
    return { kind: 'participants', n: Number(m[1]), group: cleanGroup(rest) };
  }
  return null;
}

function cleanGroup(text: string): string | null {
  const g = text
    .replace(/^от\s+/i, '')
    .split(/[.;,(]/)[0]!
    .trim();
  return g ? g.slice(0, 200) : null;
}

/** How a planned result reads: «не менее 70 % молодых педагогов». */
export function plannedResultText(r: PlannedResult): string {
  switch (r.kind) {
    case 'percent_of_group':
      return `не менее ${r.n} %${r.group ? ` ${r.group}` : ''}`;
    case 'participants':
      return `не менее ${r.n}${r.group ? ` ${r.group}` : ' участников'}`;
    case 'protocols':
      return `${r.n} протоколов`;
  }
}

/** Why a person cannot register (null: they can — with a seat or on the waiting list). */
export type RegistrationRefusal = 'not_published' | 'not_in_target' | 'closed' | 'already' | 'no_person';

export const REFUSALS: Record<RegistrationRefusal, string> = {
  not_published: 'Регистрация закрыта: план мероприятий ещё не утверждён',
  not_in_target: 'Вы не входите в целевую группу мероприятия',
  closed: 'Регистрация закрыта',
  already: 'Вы уже зарегистрированы на это мероприятие',
  no_person: 'Учётная запись не связана с карточкой педагога: обратитесь к руководителю организации',
};

export const WAITLIST_NOTE = 'Мест нет — вы будете в листе ожидания';

export interface WindowFacts {
  planApproved: boolean;
  registrationOpensOn: string | null;
  registrationClosesOn: string | null;
  startsOn: string | null;
}

/** Whether registration is open on the day: from its opening, to its closing (or the event's start). */
export function windowOpen(e: WindowFacts, today: string): boolean {
  if (e.registrationOpensOn && today < e.registrationOpensOn) return false;
  const closes = e.registrationClosesOn ?? e.startsOn;
  return !(closes && today > closes);
}

/** The first reason a person may not register on the day, in the order a teacher needs to hear it. */
export function registrationRefusal(
  e: WindowFacts,
  facts: { hasPerson: boolean; inTarget: boolean; registered: boolean },
  today: string,
): RegistrationRefusal | null {
  if (!facts.hasPerson) return 'no_person';
  if (!e.planApproved) return 'not_published';
  if (facts.registered) return 'already';
  if (!windowOpen(e, today)) return 'closed';
  if (!facts.inTarget) return 'not_in_target';
  return null;
}

/** Whether a freed seat still goes to the waiting list on the day (until the cut-off, or the start). */
export function promotesOn(e: { waitlistCutoffOn: string | null; startsOn: string | null }, today: string) {
  const cutoff = e.waitlistCutoffOn ?? e.startsOn;
  return !cutoff || today <= cutoff;
}
