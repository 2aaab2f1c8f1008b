import { describe, expect, it } from 'vitest';
import {
  type ExistingEmployment,
  planStaff,
  type RegistryPerson,
  type ResolvedStaffRow,
  type StaffPlanInput,
} from './staff.plan.ts';
import type { StaffEmployment, StaffPerson } from './staff.rows.ts';

const TODAY = '2026-09-15';
const ORG1 = { id: 'org-1', regionId: 'reg' };
const ORG2 = { id: 'org-2', regionId: 'reg' };

const PERSON: StaffPerson = {
  lastName: 'Иванова',
  firstName: 'Мария',
  patronymic: 'Петровна',
  birthDate: '1985-03-15',
  sex: 'f',
  snils: '11223344595',
};

function row(
  rowNumber: number,
  person: Partial<StaffPerson> = {},
  employment: Partial<StaffEmployment> = {},
  org = ORG1,
): ResolvedStaffRow {
  return {
    rowNumber,
    organization: org.id,
    org,
    person: { ...PERSON, ...person },
    employment: { position: 'Учитель', kind: 'main', ...employment },
  };
}

function registryPerson(p: Partial<RegistryPerson> = {}): RegistryPerson {
  return {
    writable: true,
    identityWritable: true,
    id: 'p-1',
    regionId: 'reg',
    lastName: PERSON.lastName,
    firstName: PERSON.firstName,
    patronymic: PERSON.patronymic,
    birthDate: PERSON.birthDate,
    sex: 'f',
    snils: PERSON.snils!,
    email: 'ivanova@school.ru',
    education: 'higher',
    pedExperienceYears: 10,
    pedExperienceAsOf: '2025-09-15',
    category: 'first',
    categoryDate: '2022-12-20',
    version: 'v1',
    ...p,
  };
}

function registryJob(e: Partial<ExistingEmployment> = {}): ExistingEmployment {
  return {
    id: 'e-1',
    personId: 'p-1',
    organizationId: ORG1.id,
    organizationName: 'Школа № 1',
    position: 'Учитель',
    staffCategory: 'pedagogical',
    kind: 'main',
    subjects: [],
    loadHours: 18,
    rate: 1,
    startDate: null,
    outsideProfile: false,
    version: 'v1',
    writable: true,
    ...e,
  };
}

function plan(input: Partial<StaffPlanInput> & { rows: ResolvedStaffRow[] }) {
  let n = 0;
  return planStaff({
    people: [],
    employments: [],
    today: TODAY,
    newId: () => `new-${++n}`,
    nextLevelUp: 'методист муниципалитета',
    ...input,
  });
}

describe('people of the file', () => {
  it('makes one new person of several rows, with one employment per row', () => {
    const p = plan({
      rows: [row(2), row(3, {}, { position: 'Педагог-психолог', kind: 'internal' })],
    });
    expect(p.errors).toEqual([]);
    expect(p.people.create).toHaveLength(1);
    expect(p.people.create[0]).toMatchObject({ id: 'new-1', snils: '11223344595', category: 'none' });
    expect(p.employments.create.map((e) => [e.personId, e.position, e.kind])).toEqual([
      ['new-1', 'Учитель', 'main'],
      ['new-1', 'Педагог-психолог', 'internal'],
    ]);
    expect([...p.outcomes]).toEqual([
      [2, 'created'],
      [3, 'created'],
    ]);
  });

  it('joins a row without СНИЛС to the same full name and birth date, case-insensitively', () => {
    const p = plan({
      rows: [
        row(2, { snils: undefined }),
        row(3, { lastName: 'Иванова', snils: '11223344595' }, { kind: 'external' }, ORG2),
      ],
    });
    expect(p.errors).toEqual([]);
    expect(p.people.create).toHaveLength(1);
    expect(p.people.create[0]!.snils).toBe('11223344595');
  });

  it('refuses rows of one person that disagree, naming the other row', () => {
    const p = plan({ rows: [row(2), row(5, { birthDate: '1985-03-16' }, { kind: 'external' }, ORG2)] });
    expect(p.errors).toEqual([
      {
        row: 5,
        column: 'Дата рождения',
        value: '16.03.1985',
        message: 'Сведения о сотруднике расходятся со строкой 2: «16.03.1985», а там «15.03.1985»',
      },
    ]);
    expect(p.outcomes.has(5)).toBe(false);
    expect(p.outcomes.get(2)).toBe('created');
  });

  it('refuses the same person, organization and position twice, naming both rows', () => {
    const p = plan({ rows: [row(2), row(4, {}, { position: 'учитель' })] });
    expect(p.errors).toEqual([
      {
        row: 4,
        column: 'Должность',
        value: 'учитель',
        message: 'Повторяет строку 2: тот же сотрудник, организация и должность',
      },
    ]);
  });
});

describe('matching the registry', () => {
  it('changes nothing when the file says what the registry says', () => {
    const p = plan({
      rows: [
        row(
          2,
          {
            email: 'ivanova@school.ru',
            education: 'higher',
            pedExperienceYears: 10,
            category: 'first',
            categoryDate: '2022-12-20',
          },
          { loadHours: 18, rate: 1, subjects: [] },
        ),
      ],
      people: [registryPerson()],
      employments: [registryJob()],
    });
    expect(p.errors).toEqual([]);
    expect(p.people).toEqual({ create: [], update: [] });
    expect(p.employments).toEqual({ create: [], update: [] });
    expect(p.outcomes.get(2)).toBe('unchanged');
  });

  it('updates a corrected surname found by СНИЛС, recording only what changed', () => {
    const p = plan({
      rows: [row(2, { lastName: 'Иванова-Петрова' })],
      people: [registryPerson()],
      employments: [registryJob()],
    });
    expect(p.people.create).toEqual([]);
    expect(p.people.update).toEqual([
      expect.objectContaining({ before: { lastName: 'Иванова' }, after: { lastName: 'Иванова-Петрова' } }),
    ]);
    expect(p.people.update[0]!.record).toMatchObject({
      id: 'p-1',
      version: 'v1',
      email: 'ivanova@school.ru',
    });
    expect(p.outcomes.get(2)).toBe('updated');
  });

  it('corrects a wrong СНИЛС of a person found by full name and birth date', () => {
    const p = plan({
      rows: [row(2, { snils: '11223344595' })],
      people: [registryPerson({ snils: '01234567819' })],
      employments: [registryJob()],
    });
    expect(p.people.update.map((u) => u.after)).toEqual([{ snils: '11223344595' }]);
  });

  it('does not take a namesake whose СНИЛС is elsewhere in the file for someone else', () => {
    const p = plan({
      rows: [row(2), row(3, { snils: '01234567819' }, {}, ORG2)],
      people: [registryPerson()],
      employments: [registryJob()],
    });
    expect(p.errors).toEqual([]);
    expect(p.people.create.map((x) => x.snils)).toEqual(['01234567819']);
    expect(p.outcomes.get(2)).toBe('unchanged');
    expect(p.outcomes.get(3)).toBe('created');
  });

  it('refuses a row that fits several registry people, asking for СНИЛС', () => {
    const p = plan({
      rows: [row(2, { snils: undefined })],
      people: [
        registryPerson({ id: 'p-1', snils: '11223344595' }),
        registryPerson({ id: 'p-2', snils: '01234567819' }),
      ],
    });
    expect(p.errors).toEqual([
      {
        row: 2,
        column: 'СНИЛС',
        value: null,
        message: 'В реестре несколько сотрудников с такими ФИО и датой рождения; укажите СНИЛС',
      },
    ]);
  });

  it('keeps what the file does not mention', () => {
    const p = plan({
      rows: [row(2, { firstName: 'Мариям' })],
      people: [registryPerson()],
      employments: [registryJob({ loadHours: 24, subjects: ['Химия'] })],
    });
    expect(p.people.update[0]!.record).toMatchObject({ email: 'ivanova@school.ru', category: 'first' });
    expect(p.employments.update).toEqual([]);
  });

  it('takes the experience as of today: the same figure, or the figure grown since, is no change', () => {
    const base = { people: [registryPerson()], employments: [registryJob()] };
    expect(plan({ ...base, rows: [row(2, { pedExperienceYears: 10 })] }).people.update).toEqual([]);
    expect(plan({ ...base, rows: [row(2, { pedExperienceYears: 11 })] }).people.update).toEqual([]);
    const changed = plan({ ...base, rows: [row(2, { pedExperienceYears: 14 })] });
    expect(changed.people.update.map((u) => u.after)).toEqual([
      { pedExperienceYears: 14, pedExperienceAsOf: TODAY },
    ]);
  });
});

describe('exactly one main employment', () => {
  it('refuses a second main employment in the file', () => {
    const p = plan({ rows: [row(2), row(3, {}, {}, ORG2)] });
    expect(p.errors).toEqual([
      {
        row: 3,
        column: 'Вид занятости',
        value: 'основное',
        message: 'У сотрудника может быть только одно основное место работы: оно уже указано в строке 2',
      },
    ]);
  });

  it('refuses a main employment when the registry has another one elsewhere', () => {
    const p = plan({
      rows: [row(2, {}, {}, ORG2)],
      people: [registryPerson()],
      employments: [registryJob()],
    });
    expect(p.errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'Вид занятости',
        message:
          'У сотрудника уже есть основное место работы: «Школа № 1», Учитель. Укажите другой вид занятости или сначала завершите прежнее место работы',
      }),
    ]);
  });

  it('refuses internal part-time of a person with no main employment in the file or the registry', () => {
    const p = plan({ rows: [row(2, {}, { kind: 'internal' })] });
    expect(p.errors).toEqual([
      {
        row: 2,
        column: 'Вид занятости',
        value: 'внутреннее совместительство',
        message:
          'Внутреннее совместительство без основного места работы: у сотрудника нет основного места работы ни в файле, ни в реестре',
      },
    ]);
    expect(p.people.create).toEqual([]);
  });

  it('accepts internal part-time of a person whose main employment is in the registry', () => {
    const p = plan({
      rows: [row(2, {}, { position: 'Педагог-организатор', kind: 'internal' })],
      people: [registryPerson()],
      employments: [registryJob()],
    });
    expect(p.errors).toEqual([]);
    expect(p.employments.create).toMatchObject([{ personId: 'p-1', kind: 'internal' }]);
  });

  it('refuses internal part-time when the file turns the only main employment into part-time', () => {
    const p = plan({
      rows: [row(2, {}, { kind: 'internal' })],
      people: [registryPerson()],
      employments: [registryJob()],
    });
    expect(p.errors.map((e) => e.row)).toEqual([2]);
  });

  it('updates the main employment whose position was corrected instead of adding one', () => {
    const p = plan({
      rows: [row(2, {}, { position: 'Учитель математики' })],
      people: [registryPerson()],
      employments: [registryJob()],
    });
    expect(p.errors).toEqual([]);
    expect(p.employments.create).toEqual([]);
    expect(p.employments.update.map((u) => [u.record.id, u.after])).toEqual([
      ['e-1', { position: 'Учитель математики' }],
    ]);
  });

  it('keeps the registry main employment when the row that would change it is refused', () => {
    const p = plan({
      rows: [row(2, {}, {}, ORG2), row(3)],
      people: [registryPerson()],
      employments: [registryJob()],
    });
    // Row 3 is the registry's main job but a second «основное» in the file; row 2 then collides with it.
    expect(p.errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'Вид занятости'],
      [3, 'Вид занятости'],
    ]);
    expect(p.employments).toEqual({ create: [], update: [] });
  });

  it('lets the file swap which employment is the main one', () => {
    const p = plan({
      rows: [
        row(2, {}, { kind: 'internal' }),
        row(3, {}, { position: 'Заместитель директора', kind: 'main' }),
      ],
      people: [registryPerson()],
      employments: [
        registryJob(),
        registryJob({ id: 'e-2', position: 'Заместитель директора', kind: 'internal' }),
      ],
    });
    expect(p.errors).toEqual([]);
    expect(p.employments.update.map((u) => [u.record.id, u.record.kind])).toEqual([
      ['e-1', 'internal'],
      ['e-2', 'main'],
    ]);
  });
});

describe('people kept by someone else', () => {
  const foreign = { writable: false, identityWritable: false };
  const elsewhere = registryJob({ organizationId: 'org-9', organizationName: 'Лицей', writable: false });

  it('refuses a row whose СНИЛС is a person the importer may not write, changing nothing', () => {
    const p = plan({
      rows: [row(2, { lastName: 'Подменная', birthDate: '1990-01-01' })],
      people: [registryPerson(foreign)],
      employments: [elsewhere],
    });
    expect(p.errors).toEqual([
      {
        row: 2,
        column: 'СНИЛС',
        value: '11223344595',
        message:
          'Педагог с таким СНИЛС уже работает в другой организации: изменить его данные может методист муниципалитета',
      },
    ]);
    expect(p.people).toEqual({ create: [], update: [] });
    expect(p.employments).toEqual({ create: [], update: [] });
    expect(p.outcomes.size).toBe(0);
  });

  it('refuses a row that matches such a person by full name and birth date (a new СНИЛС is no way in)', () => {
    const p = plan({
      rows: [row(2, { snils: '01234567819' })],
      people: [registryPerson(foreign)],
      employments: [elsewhere],
    });
    expect(p.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [
        2,
        'Фамилия',
        'Педагог с такими ФИО и датой рождения уже работает в другой организации: изменить его данные может методист муниципалитета',
      ],
    ]);
    expect(p.people).toEqual({ create: [], update: [] });
    expect(p.employments.create).toEqual([]);
  });

  it('says «уже есть в реестре» for a person kept elsewhere who works nowhere now', () => {
    const p = plan({ rows: [row(2)], people: [registryPerson(foreign)] });
    expect(p.errors[0]!.message).toBe(
      'Педагог с таким СНИЛС уже есть в реестре: изменить его данные может методист муниципалитета',
    );
  });

  it('lets the importer add a part-time job for a person who also works elsewhere, keeping identity', () => {
    const p = plan({
      rows: [row(2, { email: undefined }, { kind: 'external' })],
      people: [registryPerson({ writable: true, identityWritable: false })],
      employments: [registryJob({ kind: 'external' }), elsewhere],
    });
    expect(p.errors).toEqual([]);
    expect(p.people.update).toEqual([]);
    expect(p.outcomes.get(2)).toBe('unchanged');
  });

  it('refuses to change the СНИЛС, name or birth date of a person who also works elsewhere', () => {
    for (const change of [
      { lastName: 'Новикова' },
      { birthDate: '1986-03-15' },
      { patronymic: 'Павловна' },
    ] satisfies Partial<StaffPerson>[]) {
      const p = plan({
        rows: [row(2, change, { kind: 'external' })],
        people: [registryPerson({ writable: true, identityWritable: false })],
        employments: [registryJob({ kind: 'external' }), elsewhere],
      });
      expect(p.errors).toHaveLength(1);
      expect(p.errors[0]!.message).toBe(
        'Сотрудник работает и в другой организации: изменить его СНИЛС, ФИО или дату рождения может методист муниципалитета',
      );
      expect(p.people.update).toEqual([]);
      expect(p.employments).toEqual({ create: [], update: [] });
    }
    const bySnils = plan({
      rows: [row(2, { snils: '01234567819' }, { kind: 'external' })],
      people: [registryPerson({ writable: true, identityWritable: false })],
      employments: [registryJob({ kind: 'external' }), elsewhere],
    });
    expect(bySnils.errors.map((e) => e.column)).toEqual(['СНИЛС']);
  });

  it('does not name another organization where the importer does not keep the registry', () => {
    const p = plan({
      rows: [row(2, {}, { kind: 'main' })],
      people: [registryPerson({ writable: true, identityWritable: false })],
      employments: [registryJob({ kind: 'external' }), { ...elsewhere, id: 'e-9', kind: 'main' }],
    });
    expect(p.errors.map((e) => e.message)).toEqual([
      'У сотрудника уже есть основное место работы: в другой организации. Укажите другой вид занятости или сначала завершите прежнее место работы',
    ]);
  });
});
