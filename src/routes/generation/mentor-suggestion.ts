/**
 * The mentor a mentoring item of a route suggests — pure, so the rules are tested without a
 * database. A candidate is a person appointed mentor in a mentoring program of the mentee's
 * municipality. They fit when they teach a subject the mentee teaches, hold the высшая or первая
 * category and have a free place (capacity minus open mentees). Order: the mentee's own school
 * first, then the rest of the municipality; within each, высшая before первая, more free places
 * first, then by name and id — the same input gives the same mentor.
 */

export type Category = 'highest' | 'first' | 'szd' | 'none';

export interface MentorCandidate {
  personId: string;
  fullName: string;
  category: Category;
  /** Subjects of their current employments. */
  subjects: string[];
  /** Organizations whose programs appoint them. */
  organizationIds: string[];
  organization: string;
  /** The largest capacity of their appointments. */
  capacity: number;
  /** Open mentees over all their appointments; the generator counts its own suggestions in too. */
  load: number;
}

export interface Mentee {
  personId: string;
  organizationId: string | null;
  subjects: string[];
}

export const CATEGORY_NAMES: Record<Category, string> = {
  highest: 'высшая',
  first: 'первая',
  szd: 'соответствие занимаемой должности',
  none: 'без категории',
};

const collator = new Intl.Collator('ru');
const lower = (s: string) => s.trim().toLowerCase();
export const freePlaces = (c: Pick<MentorCandidate, 'capacity' | 'load'>) => Math.max(0, c.capacity - c.load);

/**
 * A mentor's load as one mentee sees it: open mentees plus the places pending suggestions reserve
 * for others (`reservedFor`), except those of the people in `except` — the mentee themself, or the
 * people whose routes a run rebuilds.
 */
export const loadWithReservations = (
  load: number,
  reservedFor: readonly string[],
  except: (id: string) => boolean,
) => load + reservedFor.filter((id) => !except(id)).length;

const NO_MENTORS = 'в программах наставничества территории нет назначенных наставников';

export interface MentorChoice {
  mentor: MentorCandidate | null;
  /** Why this mentor or why none, in Russian, appended to the item's reason. */
  explanation: string;
}

/** Candidates who fit, best first. */
export function rankMentors(mentee: Mentee, pool: readonly MentorCandidate[]): MentorCandidate[] {
  const subjects = new Set(mentee.subjects.map(lower));
  const fits = pool.filter(
    (c) =>
      c.personId !== mentee.personId &&
      (c.category === 'highest' || c.category === 'first') &&
      freePlaces(c) > 0 &&
      c.subjects.some((s) => subjects.has(lower(s))),
  );
  const own = (c: MentorCandidate) =>
    mentee.organizationId !== null && c.organizationIds.includes(mentee.organizationId) ? 0 : 1;
  return fits.sort(
    (a, b) =>
      own(a) - own(b) ||
      (a.category === 'highest' ? 0 : 1) - (b.category === 'highest' ? 0 : 1) ||
      freePlaces(b) - freePlaces(a) ||
      collator.compare(a.fullName, b.fullName) ||
      (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0),
  );
}

export function suggestMentor(mentee: Mentee, pool: readonly MentorCandidate[]): MentorChoice {
  const [best] = rankMentors(mentee, pool);
  if (best) {
    const own = mentee.organizationId !== null && best.organizationIds.includes(mentee.organizationId);
    const common = best.subjects.filter((s) => mentee.subjects.map(lower).includes(lower(s)));
    return {
      mentor: best,
      explanation:
        `Предложен наставник ${best.fullName} (${best.organization}): ${own ? 'работает в той же школе' : 'в школе педагога подходящего наставника нет, наставник той же территории'}, ` +
        `предмет — ${common.join(', ')}, ${CATEGORY_NAMES[best.category]} квалификационная категория, ` +
        `свободных мест — ${freePlaces(best)} из ${best.capacity}. Наставничество открывает руководитель школы.`,
    };
  }
  let why: string;
  if (pool.length === 0) why = NO_MENTORS;
  else if (mentee.subjects.length === 0) why = 'у педагога не указан преподаваемый предмет';
  else {
    const subjects = new Set(mentee.subjects.map(lower));
    const bySubject = pool.filter(
      (c) => c.personId !== mentee.personId && c.subjects.some((s) => subjects.has(lower(s))),
    );
    const byCategory = bySubject.filter((c) => c.category === 'highest' || c.category === 'first');
    if (bySubject.length === 0) why = `нет наставников по предмету (${mentee.subjects.join(', ')})`;
    else if (byCategory.length === 0)
      why = 'у наставников по этому предмету нет высшей или первой квалификационной категории';
    else why = 'у подходящих наставников нет свободных мест';
  }
  return {
    mentor: null,
    explanation: `Наставник не предложен: ${why}. Руководитель школы может выбрать наставника сам.`,
  };
}
