import type { Dataset, EmploymentRow, OrganizationRow, PersonRow } from './dataset.ts';
import { ZIMA_CODES } from './zima.dataset.ts';

/**
 * The generated people the demo logins are tied to: the heads of СОШ № 1 and of the lyceum, a
 * teacher of СОШ № 1, an experienced colleague of hers who curates ten young teachers of their
 * school, and an expert from the lyceum. Chosen by rule, so the same dataset gives the same cast.
 */
export interface DemoCast {
  school1: OrganizationRow;
  lyceum: OrganizationRow;
  school1Head: PersonRow;
  lyceumHead: PersonRow;
  teacher: PersonRow;
  curator: PersonRow;
  /** Ten people of the curator's school they support; the demo teacher is one of them. */
  mentees: PersonRow[];
  expert: PersonRow;
  /**
   * Two more curators at other schools with a few young teachers of their school each; route
   * generation gives each curator the routes of their own school, the rest to the methodists.
   */
  moreCurators: { person: PersonRow; school: OrganizationRow; mentees: PersonRow[] }[];
}

export const CURATOR_MENTEES = 10;
/** Young teachers of the second and third curator. */
export const MORE_CURATOR_MENTEES = [6, 4] as const;

const byName = (a: PersonRow, b: PersonRow) =>
  a.lastName.localeCompare(b.lastName, 'ru') ||
  a.firstName.localeCompare(b.firstName, 'ru') ||
  a.id.localeCompare(b.id);

export function chooseDemoCast(ds: Dataset): DemoCast {
  const org = (code: string) => {
    const o = ds.organizations.find((x) => x.code === code);
    if (!o) throw new Error(`the demo needs organisation ${code}`);
    return o;
  };
  const school1 = org(ZIMA_CODES.school1);
  const lyceum = org(ZIMA_CODES.lyceum);
  const person = new Map(ds.people.map((p) => [p.id, p]));
  const mainAt = (o: OrganizationRow, pred: (e: EmploymentRow) => boolean) =>
    ds.employments
      .filter((e) => e.organizationId === o.id && e.kind === 'main' && pred(e))
      .map((e) => person.get(e.personId)!);
  const head = (o: OrganizationRow) => {
    const h = mainAt(o, (e) => e.staffCategory === 'managerial' && e.position === 'Директор')[0];
    if (!h) throw new Error(`no head at ${o.code}`);
    return h;
  };
  const teachersAt = (o: OrganizationRow) =>
    mainAt(o, (e) => e.staffCategory === 'pedagogical' && e.position.startsWith('Учитель ')).sort(byName);

  const school1Teachers = teachersAt(school1);
  // A teacher in mid-career with a first category: a route and deficits make sense for her.
  const teacher =
    school1Teachers.find(
      (p) => p.category === 'first' && p.pedExperienceYears >= 3 && p.pedExperienceYears <= 15,
    ) ?? school1Teachers[0];
  if (!teacher) throw new Error('no teacher at СОШ № 1');
  const curator = [...school1Teachers]
    .filter((p) => p.id !== teacher.id && p.category === 'highest')
    .sort((a, b) => b.pedExperienceYears - a.pedExperienceYears || byName(a, b))[0];
  if (!curator) throw new Error('no curator at СОШ № 1');

  const schools = ds.organizations.filter((o) => o.kind === 'school');
  const youngAt = (o: OrganizationRow) =>
    teachersAt(o).sort((a, b) => a.pedExperienceYears - b.pedExperienceYears || byName(a, b));
  const mentees = [
    teacher,
    ...youngAt(school1)
      .filter((p) => p.id !== teacher.id && p.id !== curator.id)
      .slice(0, CURATOR_MENTEES - 1),
  ];

  const expert = teachersAt(lyceum)
    .filter((p) => p.category === 'highest')
    .sort((a, b) => b.pedExperienceYears - a.pedExperienceYears || byName(a, b))[0];
  if (!expert) throw new Error('no expert at the lyceum');

  // The most experienced teacher of the highest category in two other schools; their mentees are
  // the youngest teachers of the same school.
  const taken = new Set([teacher.id, curator.id, expert.id, ...mentees.map((p) => p.id)]);
  const moreCurators: DemoCast['moreCurators'] = [];
  for (const school of schools.filter((o) => o.id !== school1.id && o.id !== lyceum.id)) {
    if (moreCurators.length === MORE_CURATOR_MENTEES.length) break;
    const person = teachersAt(school)
      .filter((p) => p.category === 'highest' && !taken.has(p.id))
      .sort((a, b) => b.pedExperienceYears - a.pedExperienceYears || byName(a, b))[0];
    if (!person) continue;
    taken.add(person.id);
    const own = youngAt(school).filter((p) => !taken.has(p.id));
    const chosen = own.slice(0, MORE_CURATOR_MENTEES[moreCurators.length]!);
    for (const p of chosen) taken.add(p.id);
    moreCurators.push({ person, school, mentees: chosen });
  }
  if (moreCurators.length < MORE_CURATOR_MENTEES.length) throw new Error('no more curators in the schools');

  return {
    school1,
    lyceum,
    school1Head: head(school1),
    lyceumHead: head(lyceum),
    teacher,
    curator,
    mentees,
    expert,
    moreCurators,
  };
}

export function fullName(p: Pick<PersonRow, 'lastName' | 'firstName' | 'patronymic'>): string {
  return [p.lastName, p.firstName, p.patronymic].filter(Boolean).join(' ');
}
