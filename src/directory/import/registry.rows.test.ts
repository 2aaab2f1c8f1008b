import { describe, expect, it } from 'vitest';
import { rowOf } from '../../platform/import/test-rows.ts';
import { STAFFING_COLUMN_SPECS, VACANCY_COLUMN_SPECS } from './import.columns.ts';
import { type OrgCandidate, OUT_OF_SCOPE, resolveOrgRef } from './org-refs.ts';
import { parseStaffingRow, planStaffing } from './staffing.rows.ts';
import { parseVacancyRow, planVacancies, type VacancyRecord } from './vacancies.rows.ts';

const TODAY = '2026-09-15';

describe('organization references', () => {
  const org = (p: Partial<OrgCandidate>): OrgCandidate => ({
    id: 'o',
    code: 'C',
    full_name: 'N',
    short_name: 'n',
    region_id: 'r',
    writable: true,
    ...p,
  });
  const school1 = org({ id: 'o1', code: 'ОО-001', full_name: 'МБОУ «Школа № 1»' });
  const school2 = org({ id: 'o2', code: 'ОО-002', full_name: 'МБОУ «Школа № 2»', writable: false });

  it('finds an organization by code or by full name, whatever the case and quotes', () => {
    expect(resolveOrgRef('оо-001', [school1, school2])).toEqual({ ok: true, org: school1 });
    expect(resolveOrgRef('мбоу "школа № 1"', [school1, school2])).toEqual({ ok: true, org: school1 });
  });

  it('says unknown, out of scope or ambiguous', () => {
    expect(resolveOrgRef('ОО-404', [school1])).toEqual({
      ok: false,
      message: 'Организация «ОО-404» не найдена: укажите код или полное наименование, как в реестре',
    });
    expect(resolveOrgRef('ОО-002', [school1, school2])).toEqual({
      ok: false,
      message: `${OUT_OF_SCOPE}: «ОО-002»`,
    });
    const twin = org({ id: 'o3', code: 'ОО-003', full_name: 'МБОУ «Школа № 1»' });
    expect(resolveOrgRef('МБОУ «Школа № 1»', [school1, twin])).toEqual({
      ok: false,
      message:
        'Организация «МБОУ «Школа № 1»» неоднозначна: подходят 2 организации (коды ОО-001, ОО-003); укажите код',
    });
  });
});

describe('a vacancy row', () => {
  const VALID = {
    Организация: 'ОО-001',
    Должность: 'Учитель',
    Предмет: 'Физика',
    Ставка: '1,5',
    'Земский учитель': 'да',
    'Дата открытия': '01.06.2026',
    'Дата закрытия': '',
  };
  const parse = (cells: Record<string, string>) => {
    const r = rowOf(VACANCY_COLUMN_SPECS, cells, 4);
    return { row: parseVacancyRow(r, TODAY), issues: r.issues };
  };

  it('is read with its dates and rate', () => {
    expect(parse(VALID).row).toEqual({
      rowNumber: 4,
      organization: 'ОО-001',
      position: 'Учитель',
      subject: 'Физика',
      rate: 1.5,
      zemsky: true,
      openedOn: '2026-06-01',
      closedOn: null,
    });
  });

  it('refuses a closing before the opening, an absurd rate and a missing opening date', () => {
    expect(parse({ ...VALID, 'Дата закрытия': '01.05.2026' }).issues).toEqual([
      {
        row: 4,
        column: 'Дата закрытия',
        value: '01.05.2026',
        message: 'Дата закрытия «01.05.2026» раньше даты открытия «01.06.2026»',
      },
    ]);
    expect(parse({ ...VALID, Ставка: '12' }).issues[0]?.message).toBe(
      '«12» — неправдоподобно много (не больше 5)',
    );
    expect(parse({ ...VALID, 'Дата открытия': '' }).issues[0]?.message).toBe(
      'Не заполнено обязательное поле «Дата открытия»',
    );
  });

  it('matches an existing vacancy by organization, position, subject and opening date', () => {
    const existing: VacancyRecord = {
      id: 'v-1',
      organizationId: 'o1',
      position: 'Учитель',
      subject: 'Физика',
      rate: 1,
      zemsky: true,
      openedOn: '2026-06-01',
      closedOn: null,
    };
    const rows = [
      { ...parse(VALID).row!, org: { id: 'o1' } },
      { ...parse({ ...VALID, Предмет: 'Химия' }).row!, rowNumber: 5, org: { id: 'o1' } },
      { ...parse(VALID).row!, rowNumber: 6, org: { id: 'o1' } },
    ];
    const p = planVacancies({ rows, existing: [existing], newId: () => 'new' });
    expect(p.update).toEqual([expect.objectContaining({ before: { rate: 1 }, after: { rate: 1.5 } })]);
    expect(p.create.map((v) => v.subject)).toEqual(['Химия']);
    expect(p.errors).toEqual([
      {
        row: 6,
        column: null,
        value: null,
        message: 'Повторяет строку 4: та же организация, должность, предмет и дата открытия',
      },
    ]);
  });
});

describe('a staffing row', () => {
  const VALID = {
    Организация: 'ОО-001',
    Год: '2026',
    'Педагогических ставок всего': '42,5',
    'Педагогических ставок занято': '40',
    'Административных ставок всего': '5',
    'Административных ставок занято': '5',
  };
  const parse = (cells: Record<string, string>) => {
    const r = rowOf(STAFFING_COLUMN_SPECS, cells, 3);
    return { row: parseStaffingRow(r, TODAY), issues: r.issues };
  };

  it('is read as numbers', () => {
    expect(parse(VALID).row).toEqual({
      rowNumber: 3,
      organization: 'ОО-001',
      year: 2026,
      pedTotal: 42.5,
      pedOccupied: 40,
      admTotal: 5,
      admOccupied: 5,
    });
  });

  it('refuses occupied over total, negative and absurd numbers and impossible years', () => {
    expect(parse({ ...VALID, 'Педагогических ставок занято': '43' }).issues).toEqual([
      {
        row: 3,
        column: 'Педагогических ставок занято',
        value: '43',
        message: '«43»: занятых ставок больше, чем всего (42,5)',
      },
    ]);
    expect(parse({ ...VALID, 'Административных ставок всего': '-1' }).issues[0]).toMatchObject({
      column: 'Административных ставок всего',
      message: '«-1» — значение не может быть отрицательным',
    });
    expect(parse({ ...VALID, Год: '2031' }).issues[0]?.message).toBe(
      '«2031» — неправдоподобно много (не больше 2027)',
    );
    expect(parse({ ...VALID, Год: '1999' }).issues[0]?.message).toBe(
      '«1999» — слишком мало (не меньше 2000)',
    );
    expect(parse({ ...VALID, 'Педагогических ставок всего': '1e6' }).issues[0]?.message).toBe(
      '«1e6» — не число',
    );
  });

  it('upserts by organization and year and refuses a repeat', () => {
    const row = { ...parse(VALID).row!, org: { id: 'o1' } };
    const p = planStaffing({
      rows: [row, { ...row, rowNumber: 8 }],
      existing: [
        { organizationId: 'o1', year: 2026, pedTotal: 42.5, pedOccupied: 39, admTotal: 5, admOccupied: 5 },
      ],
    });
    expect(p.update).toEqual([
      expect.objectContaining({ before: { pedOccupied: 39 }, after: { pedOccupied: 40 } }),
    ]);
    expect(p.errors).toEqual([
      { row: 8, column: 'Год', value: '2026', message: 'Повторяет строку 3: та же организация и год' },
    ]);
  });
});
