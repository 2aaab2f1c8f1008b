import type { Dataset, EmploymentRow, OrganizationRow, PersonRow } from './dataset.ts';
import { ZIMA_CODES } from './zima.dataset.ts';

/**
 * The generated people the demo logins are tied to: the heads of СОШ № 1 and of the lyceum, a
 * teacher of СОШ № 1, an experienced colleague of hers who curates ten young teachers, and an
 * expert from the lyceum. Chosen by rule, so the same dataset gives the same cast.
 */
export interface DemoCast {
  school1: OrganizationRow;
  lyceum: OrganizationRow;
  school1Head: PersonRow;
  lyceumHead: PersonRow;
  teacher: PersonRow;
  curator: PersonRow;
  /** Ten people the curator supports; the demo teacher is one of them. */
  mentees: PersonRow[];
  expert: PersonRow;
}

export const CURATOR_MENTEES = 10;

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
  const young = schools
    .flatMap((o) => teachersAt(o))
    .filter((p) => p.id !== teacher.id && p.id !== curator.id)
    .sort((a, b) => a.pedExperienceYears - b.pedExperienceYears || byName(a, b));
  const mentees = [teacher, ...young.slice(0, CURATOR_MENTEES - 1)];

  const expert = teachersAt(lyceum)
    .filter((p) => p.category === 'highest')
    .sort((a, b) => b.pedExperienceYears - a.pedExperienceYears || byName(a, b))[0];
  if (!expert) throw new Error('no expert at the lyceum');

  return {
    school1,
    lyceum,
    school1Head: head(school1),
    lyceumHead: head(lyceum),
    teacher,
    curator,
    mentees,
    expert,
  };
}

export function fullName(p: Pick<PersonRow, 'lastName' | 'firstName' | 'patronymic'>): string {
  return [p.lastName, p.firstName, p.patronymic].filter(Boolean).join(' ');
}
