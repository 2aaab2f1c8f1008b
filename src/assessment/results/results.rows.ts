import { parseNumber, parseSnils } from '../../platform/import/cells.ts';
import type { ColumnSpec } from '../../platform/import/import.types.ts';
import { type PersonRef, personColumns } from '../../platform/import/person-identity.ts';
import type { RowReader } from '../../platform/import/row-reader.ts';

export type { PersonRef } from '../../platform/import/person-identity.ts';

/** The fixed columns of a results file; one column per competency code follows them. */
export const RESULT_BASE_COLUMNS: readonly ColumnSpec[] = [
  ...personColumns('педагога', 'Если СНИЛС не указан; ДД.ММ.ГГГГ'),
  {
    key: 'organization',
    header: 'Организация',
    required: false,
    example: 'SCH-001',
    help: 'Код или полное наименование организации, где работал педагог во время диагностики (необязательно)',
  },
  {
    key: 'procedure',
    header: 'Процедура',
    required: true,
    example: 'Региональная диагностика ЦНППМ',
    help: 'Название процедуры оценки',
  },
  {
    key: 'date',
    header: 'Дата',
    required: true,
    example: '20.10.2026',
    help: 'Дата оценки, ДД.ММ.ГГГГ',
    type: 'date',
  },
];

export const competencyKey = (code: string) => `competency:${code}`;

/** The template's columns for a framework: the fixed ones, then its competency codes. */
export function resultColumns(competencies: readonly { code: string; name: string }[]): ColumnSpec[] {
  return [
    ...RESULT_BASE_COLUMNS,
    ...competencies.map(
      (c): ColumnSpec => ({
        key: competencyKey(c.code),
        header: c.code,
        required: false,
        example: 80,
        help: `${c.name}: процент 0–100 (можно с десятичной запятой); пусто — не оценивалась`,
        type: 'number',
      }),
    ),
  ];
}

export interface ResultRow {
  rowNumber: number;
  person: PersonRef;
  organization: string | null;
  procedure: string;
  assessedOn: string;
  /** Competency code → percent; codes left empty are absent. */
  percents: Map<string, number>;
}

/** Reads and checks one row of a results file; the row's issues are on the reader. */
export function readResultRow(r: RowReader, codes: readonly string[], today: string): ResultRow | null {
  const snils = r.value('snils', parseSnils);
  let person: PersonRef | null = snils ? { snils } : null;
  if (!snils && r.ok) {
    if (!r.has('lastName') || !r.has('firstName') || !r.has('birthDate')) {
      r.fail(null, 'Укажите СНИЛС или фамилию, имя, отчество и дату рождения педагога');
    } else {
      const lastName = r.text('lastName', { required: true, max: 100 });
      const firstName = r.text('firstName', { required: true, max: 100 });
      const patronymic = r.text('patronymic', { max: 100 }) ?? '';
      const birthDate = r.date('birthDate', { required: true });
      if (lastName && firstName && birthDate) person = { lastName, firstName, patronymic, birthDate };
    }
  }
  const organization = r.text('organization', { max: 500 }) ?? null;
  const procedure = r.text('procedure', { required: true, max: 300 });
  const assessedOn = r.date('date', { required: true });
  if (assessedOn && assessedOn > today) r.fail('date', 'Дата оценки в будущем');
  const percents = new Map<string, number>();
  for (const code of codes) {
    const key = competencyKey(code);
    const text = r.raw(key);
    if (!r.has(key) || text === '') continue;
    const parsed = parseNumber(text.replace(/%\s*$/, ''), { min: 0, max: 100 });
    if (!parsed.ok) r.fail(key, `Процент по компетенции ${code}: ${parsed.message}; допускается от 0 до 100`);
    else percents.set(code, Math.round(parsed.value * 100) / 100);
  }
  if (r.ok && percents.size === 0) r.fail(null, 'В строке нет ни одного результата по компетенциям');
  if (!r.ok || !person || !procedure || !assessedOn) return null;
  return { rowNumber: r.rowNumber, person, organization, procedure, assessedOn, percents };
}
