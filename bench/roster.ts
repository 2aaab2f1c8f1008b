/** The region's staff as rows of the roster import format (bench/run.ts, bench/load.ts). */
import type { Dataset } from '../src/demo/dataset.ts';
import { ruDate } from '../src/directory/staff/staff.export.ts';
import {
  CATEGORIES,
  EDUCATION_LEVELS,
  EMPLOYMENT_KINDS,
  STAFF_CATEGORIES,
} from '../src/directory/vocabulary.ts';

export const COLUMNS = [
  'Фамилия',
  'Имя',
  'Отчество',
  'Дата рождения',
  'Пол',
  'СНИЛС',
  'Организация',
  'Должность',
  'Категория должности',
  'Вид занятости',
  'Предметы',
  'Нагрузка',
  'Ставка',
  'Дата начала работы',
  'Педагогический стаж',
  'Образование',
  'Не по профилю',
  'Квалификационная категория',
  'Дата присвоения категории',
  'Email',
];

export function rosterRows(ds: Dataset): Record<string, unknown>[] {
  const people = new Map(ds.people.map((p) => [p.id, p]));
  const orgCode = new Map(ds.organizations.map((o) => [o.id, o.code]));
  return ds.employments.map((e) => {
    const p = people.get(e.personId)!;
    const values = [
      p.lastName,
      p.firstName,
      p.patronymic,
      ruDate(p.birthDate),
      p.sex === 'm' ? 'м' : 'ж',
      p.snils,
      orgCode.get(e.organizationId),
      e.position,
      STAFF_CATEGORIES[e.staffCategory],
      EMPLOYMENT_KINDS[e.kind],
      e.subjects.join('; '),
      e.loadHours,
      e.rate,
      ruDate(e.startDate),
      p.pedExperienceYears,
      EDUCATION_LEVELS[p.education],
      e.outsideProfile ? 'да' : 'нет',
      CATEGORIES[p.category],
      ruDate(p.categoryDate),
      p.email ?? '',
    ];
    return Object.fromEntries(COLUMNS.map((c, i) => [c, values[i]]));
  });
}
