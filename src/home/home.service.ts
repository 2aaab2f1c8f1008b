import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { addDays, platformTimeZone, today } from '../platform/time/today.ts';
import { homeWorkParts } from './home.policy.ts';
import {
  answersToReview,
  type CountRow,
  campaignsClosing,
  type Day,
  draftRoutes,
  formsDueThisWeek,
  formsToFill,
  itemsAwaitingConfirmation,
  itemsDue,
  itemsReturned,
  municipalitiesBehind,
  openDiagnoses,
  routesWithoutCurator,
} from './home.repository.ts';
import type { HomeWorkKind, THomeWork, THomeWorkItem } from './home.schemas.ts';

/** Russian plural form for a count: 1 форма, 2 формы, 5 форм. */
export function plural(n: number, one: string, few: string, many: string): string {
  const d10 = n % 10;
  const d100 = n % 100;
  if (d10 === 1 && d100 !== 11) return one;
  if (d10 >= 2 && d10 <= 4 && (d100 < 12 || d100 > 14)) return few;
  return many;
}

const ruDate = (iso: string) => iso.split('-').reverse().join('.');

type Title = (n: number) => string;

/** The Russian line of each kind, with its number (`extra` carries a second number when there is one). */
const TITLES = (weekEnd: string): Record<Exclude<HomeWorkKind, 'form_deadlines_this_week'>, Title> => ({
  open_diagnoses: (n) =>
    `${n} ${plural(n, 'диагностика ждёт', 'диагностики ждут', 'диагностик ждут')} прохождения`,
  route_items_due: (n) =>
    `${n} ${plural(n, 'мероприятие', 'мероприятия', 'мероприятий')} маршрута со сроком до ${ruDate(weekEnd)}`,
  route_items_returned: (n) =>
    `${n} ${plural(n, 'мероприятие возвращено', 'мероприятия возвращены', 'мероприятий возвращены')} на доработку`,
  items_awaiting_confirmation: (n) =>
    `${n} ${plural(n, 'мероприятие ждёт', 'мероприятия ждут', 'мероприятий ждут')} подтверждения`,
  forms_to_fill: (n) => `${n} ${plural(n, 'форма', 'формы', 'форм')} к заполнению`,
  forms_returned: (n) =>
    `${n} ${plural(n, 'форма возвращена', 'формы возвращены', 'форм возвращены')} на доработку`,
  routes_to_approve: (n) =>
    `${n} ${plural(n, 'маршрут ждёт', 'маршрута ждут', 'маршрутов ждут')} согласования`,
  answers_to_review: (n) =>
    `${n} ${plural(n, 'ответ на форму ждёт', 'ответа на формы ждут', 'ответов на формы ждут')} проверки`,
  campaigns_closing: (n) =>
    `${n} ${plural(n, 'кампания диагностики закрывается', 'кампании диагностики закрываются', 'кампаний диагностики закрываются')} на этой неделе`,
  routes_without_curator: (n) => `${n} ${plural(n, 'маршрут', 'маршрута', 'маршрутов')} без куратора`,
  municipalities_not_submitted: (n) =>
    `${n} ${plural(n, 'муниципалитет не сдал', 'муниципалитета не сдали', 'муниципалитетов не сдали')} региональные формы`,
});

/** Kinds whose date is not a deadline of the caller's (an answer to review was due from the school). */
const NO_DUE: ReadonlySet<HomeWorkKind> = new Set(['answers_to_review']);

function item(kind: HomeWorkKind, row: CountRow, title: string, link: string): THomeWorkItem | null {
  if (row.n <= 0) return null;
  const due = NO_DUE.has(kind) ? null : row.due;
  return { kind, count: row.n, title, link, ...(due ? { due } : {}) };
}

/** A link to the one thing counted, or to the list when there are several. */
const oneOr = (row: CountRow, one: (id: string) => string, list: string) => (row.one ? one(row.one) : list);

/**
 * The caller's day's work as of `date` (today in the platform's time zone by default): one item
 * per kind with something to do, in the order of the page; an empty list when there is nothing.
 */
export async function homeWork(
  db: Db,
  actor: Actor,
  q: { date?: string | undefined } = {},
): Promise<THomeWork> {
  const day: Day = { date: q.date ?? today(), tz: platformTimeZone() };
  const weekEnd = addDays(day.date, 6);
  const titles = TITLES(weekEnd);
  const parts = homeWorkParts(actor);
  const items: (THomeWorkItem | null)[] = [];
  const add = (kind: Exclude<HomeWorkKind, 'form_deadlines_this_week'>, row: CountRow, link: string) =>
    items.push(item(kind, row, titles[kind](row.n), link));

  if (parts.learner && actor.personId) {
    add('open_diagnoses', await openDiagnoses(db, actor.personId, day), '/cabinet');
    add('route_items_due', await itemsDue(db, actor.personId, day), '/my/route');
    add('route_items_returned', await itemsReturned(db, actor.personId), '/my/route');
  }
  const awaiting = await itemsAwaitingConfirmation(db, actor.userId);
  add(
    'items_awaiting_confirmation',
    awaiting,
    oneOr(awaiting, (id) => `/routes/${id}`, '/curator'),
  );
  if (parts.formsToFill) {
    const forms = await formsToFill(db, actor);
    const mine = (row: CountRow) => oneOr(row, (id) => `/monitoring/my-forms/${id}`, '/monitoring/my-forms');
    add('forms_to_fill', forms.toFill, mine(forms.toFill));
    add('forms_returned', forms.returned, mine(forms.returned));
  }
  if (parts.routesToApprove) {
    const drafts = await draftRoutes(db, actor);
    add(
      'routes_to_approve',
      drafts,
      oneOr(drafts, (id) => `/routes/${id}`, '/routes?status=draft'),
    );
  }
  const assignment = (id: string) => `/monitoring/forms/assignments/${id}`;
  if (parts.formsToReview) {
    const answers = await answersToReview(db, actor);
    add('answers_to_review', answers, oneOr(answers, assignment, '/monitoring/forms'));
  }
  if (parts.campaignsClosing) {
    const closing = await campaignsClosing(db, actor, day);
    add(
      'campaigns_closing',
      closing,
      oneOr(closing, (id) => `/assessment/campaigns/${id}`, '/assessment/campaigns?status=open'),
    );
  }
  if (parts.routesWithoutCurator) {
    const orphans = await routesWithoutCurator(db, actor);
    add(
      'routes_without_curator',
      orphans,
      oneOr(orphans, (id) => `/routes/${id}`, '/routes?withoutCurator=true'),
    );
  }
  if (parts.formsToReview) {
    const due = await formsDueThisWeek(db, actor, day);
    items.push(
      item(
        'form_deadlines_this_week',
        due,
        `${due.n} ${plural(due.n, 'форма', 'формы', 'форм')} со сроком сдачи на этой неделе: не сдали ${due.orgs} ${plural(due.orgs, 'организация', 'организации', 'организаций')}`,
        oneOr(due, assignment, '/monitoring/forms'),
      ),
    );
  }
  if (parts.municipalitiesBehind) {
    const behind = await municipalitiesBehind(db, actor, day);
    add('municipalities_not_submitted', behind, oneOr(behind, assignment, '/monitoring/forms'));
  }
  return { date: day.date, items: items.filter((i): i is THomeWorkItem => i !== null) };
}
