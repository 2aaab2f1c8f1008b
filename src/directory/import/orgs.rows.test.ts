import { describe, expect, it } from 'vitest';
import { rowOf } from '../../platform/import/test-rows.ts';
import { ORG_COLUMN_SPECS } from './import.columns.ts';
import { type MunicipalityRecord, type OrgRecord, type OrgRow, parseOrgRow, planOrgs } from './orgs.rows.ts';

const VALID = {
  Код: 'ОО-001',
  'Полное наименование': 'МБОУ «Средняя школа № 1»',
  'Краткое наименование': 'СОШ № 1',
  Тип: 'ОО',
  Муниципалитет: 'Зиминский район',
  Сельская: 'да',
  ШНОР: 'нет',
  ИНН: '3806001238',
};

const parse = (cells: Record<string, string>, n = 2) => {
  const r = rowOf(ORG_COLUMN_SPECS, cells, n);
  return { row: parseOrgRow(r), issues: r.issues };
};

describe('an organization row', () => {
  it('is read with its kind, flags and ИНН', () => {
    expect(parse(VALID).row).toEqual({
      rowNumber: 2,
      code: 'ОО-001',
      fullName: 'МБОУ «Средняя школа № 1»',
      shortName: 'СОШ № 1',
      kind: 'school',
      municipality: 'Зиминский район',
      rural: true,
      lowResults: false,
      inn: '3806001238',
    });
    expect(parse({ ...VALID, Тип: 'Дошкольная образовательная организация' }).row?.kind).toBe('preschool');
  });

  it('names the row, column and value of each problem', () => {
    const cases: [string, string, string][] = [
      ['Код', '', 'Не заполнено обязательное поле «Код»'],
      ['Тип', 'Школа', 'Неизвестное значение «Школа»; допустимые: ДОО, ОО, ДО, ПОО, ДПО, ИМЦ'],
      ['Сельская', 'село', 'Неизвестное значение «село»; допустимые: да, нет'],
      ['ИНН', '3806001239', 'ИНН «3806001239»: неверная контрольная цифра ИНН'],
    ];
    for (const [column, value, message] of cases) {
      expect(parse({ ...VALID, [column]: value }).issues).toEqual([
        { row: 2, column, value: value || null, message },
      ]);
    }
  });
});

const MUNI: MunicipalityRecord = { id: 'm-1', regionId: 'r', code: 'ZIMA', name: 'Зиминский район' };
const OTHER: MunicipalityRecord = { id: 'm-2', regionId: 'r', code: 'TULUN', name: 'Тулунский район' };

function orgRow(n: number, p: Partial<OrgRow> = {}): OrgRow {
  return {
    rowNumber: n,
    code: 'ОО-001',
    fullName: 'МБОУ «СОШ № 1»',
    kind: 'school',
    municipality: 'Зиминский район',
    ...p,
  };
}

const existingOrg: OrgRecord = {
  id: 'o-1',
  regionId: 'r',
  municipalityId: 'm-1',
  code: 'ОО-001',
  fullName: 'МБОУ «СОШ № 1»',
  shortName: 'СОШ № 1',
  kind: 'school',
  rural: true,
  lowResults: false,
  inn: null,
};

let ids = 0;
const base = {
  regionId: 'r',
  existing: [] as OrgRecord[],
  municipalities: [MUNI, OTHER],
  municipalityScope: null as string | null,
  newId: () => `new-${++ids}`,
};

describe('organizations against the registry', () => {
  it('creates new codes, leaves equal ones alone and updates changed ones, case-insensitively by code', () => {
    const p = planOrgs({
      ...base,
      existing: [existingOrg],
      rows: [
        orgRow(2, { code: 'оо-001' }),
        orgRow(3, { code: 'ОО-002', fullName: 'МБДОУ «Детский сад № 2»', kind: 'preschool' }),
      ],
    });
    expect(p.errors).toEqual([]);
    expect(p.outcomes.get(2)).toBe('unchanged');
    expect(p.create).toMatchObject([{ code: 'ОО-002', shortName: 'МБДОУ «Детский сад № 2»', rural: false }]);
    const changed = planOrgs({ ...base, existing: [existingOrg], rows: [orgRow(2, { lowResults: true })] });
    expect(changed.update).toEqual([
      expect.objectContaining({ before: { lowResults: false }, after: { lowResults: true } }),
    ]);
  });

  it('refuses a code repeated in the file, naming both rows', () => {
    const p = planOrgs({ ...base, rows: [orgRow(2), orgRow(9, { code: 'оо-001' })] });
    expect(p.errors).toEqual([
      { row: 9, column: 'Код', value: 'оо-001', message: 'Код «оо-001» повторяется: он уже есть в строке 2' },
    ]);
  });

  it('adds an unknown municipality for a region-wide role, with a warning', () => {
    const p = planOrgs({ ...base, rows: [orgRow(2, { municipality: 'Новый район' })] });
    expect(p.errors).toEqual([]);
    expect(p.newMunicipalities).toMatchObject([{ name: 'Новый район', regionId: 'r' }]);
    expect(p.warnings[0]?.message).toBe('Муниципалитета «Новый район» нет в системе: он будет добавлен');
    expect(p.create[0]!.municipalityId).toBe(p.newMunicipalities[0]!.id);
  });

  it('keeps a municipal methodist inside their municipality', () => {
    const p = planOrgs({
      ...base,
      municipalityScope: 'm-1',
      existing: [{ ...existingOrg, code: 'ОО-777', municipalityId: 'm-2' }],
      rows: [
        orgRow(2, { municipality: 'Тулунский район' }),
        orgRow(3, { municipality: 'Новый район', code: 'X' }),
        orgRow(4, { code: 'ОО-777' }),
        orgRow(5, { code: 'ОО-005', municipality: 'зиминский  район' }),
      ],
    });
    expect(p.errors).toEqual([
      {
        row: 2,
        column: 'Муниципалитет',
        value: 'Тулунский район',
        message: 'Муниципалитет «Тулунский район» вне вашей области доступа',
      },
      {
        row: 3,
        column: 'Муниципалитет',
        value: 'Новый район',
        message: 'Муниципалитет «Новый район» не найден в регионе',
      },
      {
        row: 4,
        column: 'Код',
        value: 'ОО-777',
        message:
          'Организация с кодом «ОО-777» относится к муниципалитету «Тулунский район» — вне вашей области доступа',
      },
    ]);
    expect(p.newMunicipalities).toEqual([]);
    expect(p.create.map((o) => o.code)).toEqual(['ОО-005']);
  });
});
