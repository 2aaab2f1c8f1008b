import { sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { personWriteScope } from '../auth/scope.ts';
import type { Db } from '../db/database.ts';
import { normWord } from './cells.ts';
import type { ColumnSpec } from './import.types.ts';
import type { RowReader } from './row-reader.ts';

/** How a file row names a person of the registry: by СНИЛС, or by full name and birth date. */
export type PersonRef =
  | { snils: string }
  | { lastName: string; firstName: string; patronymic: string; birthDate: string };

/** The columns that identify a person; `whose` is «педагога» or «сотрудника». */
export function personColumns(whose: string, birthDateHelp: string): ColumnSpec[] {
  return [
    {
      key: 'snils',
      header: 'СНИЛС',
      required: false,
      example: '112-233-445 95',
      help: `СНИЛС ${whose}; без него — фамилия, имя, отчество и дата рождения`,
    },
    { key: 'lastName', header: 'Фамилия', required: false, example: 'Иванова', help: 'Если СНИЛС не указан' },
    { key: 'firstName', header: 'Имя', required: false, example: 'Мария', help: 'Если СНИЛС не указан' },
    {
      key: 'patronymic',
      header: 'Отчество',
      required: false,
      example: 'Петровна',
      help: 'Если СНИЛС не указан',
    },
    {
      key: 'birthDate',
      header: 'Дата рождения',
      required: false,
      example: '15.03.1985',
      help: birthDateHelp,
      type: 'date',
    },
  ];
}

const nameKey = (p: { lastName: string; firstName: string; patronymic: string; birthDate: string }) =>
  [normWord(p.lastName), normWord(p.firstName), normWord(p.patronymic), p.birthDate].join('|');

export interface PeopleIndex {
  bySnils: Map<string, string>;
  byName: Map<string, string[]>;
}

/**
 * People the actor may write (add results, trainings… to) by СНИЛС or by full name and birth
 * date; a person kept by someone else is «не найден» here, exactly as outside the scope.
 */
export async function loadPeople(tx: Db, actor: Actor, refs: PersonRef[]): Promise<PeopleIndex> {
  const snils = refs.flatMap((r) => ('snils' in r ? [r.snils] : []));
  const births = refs.flatMap((r) => ('birthDate' in r ? [r.birthDate] : []));
  const people = await tx.query<{
    id: string;
    snils: string | null;
    last_name: string;
    first_name: string;
    patronymic: string | null;
    birth_date: string;
  }>(sql`
    SELECT p.id, p.snils, p.last_name, p.first_name, p.patronymic, p.birth_date FROM people p
    WHERE (p.snils = ANY(${sql.param(snils)}::text[]) OR p.birth_date = ANY(${sql.param(births)}::date[]))
      AND ${personWriteScope(actor, 'p')}`);
  const bySnils = new Map<string, string>();
  const byName = new Map<string, string[]>();
  for (const p of people) {
    if (p.snils) bySnils.set(p.snils, p.id);
    const k = nameKey({
      lastName: p.last_name,
      firstName: p.first_name,
      patronymic: p.patronymic ?? '',
      birthDate: p.birth_date,
    });
    byName.set(k, [...(byName.get(k) ?? []), p.id]);
  }
  return { bySnils, byName };
}

/**
 * The person a row names, or null with the row failed. `who` words the messages: «Педагог» and
 * «педагогов», or «Сотрудник» and «сотрудников».
 */
export function matchPerson(
  r: RowReader,
  ref: PersonRef,
  people: PeopleIndex,
  who: { one: string; many: string },
): string | null {
  if ('snils' in ref) {
    const id = people.bySnils.get(ref.snils);
    if (!id) r.fail('snils', `${who.one} с таким СНИЛС не найден в реестре вашей области доступа`);
    return id ?? null;
  }
  const ids = people.byName.get(nameKey(ref)) ?? [];
  if (ids.length === 1) return ids[0]!;
  if (ids.length === 0)
    r.fail('lastName', `${who.one} с такими ФИО и датой рождения не найден в реестре вашей области доступа`);
  else r.fail('lastName', `Найдено несколько ${who.many} с такими ФИО и датой рождения; укажите СНИЛС`);
  return null;
}
