import { parseSnils } from '../platform/import/cells.ts';
import type { ColumnSpec } from '../platform/import/import.types.ts';
import { type PersonRef, personColumns } from '../platform/import/person-identity.ts';
import type { RowReader } from '../platform/import/row-reader.ts';
import { hoursProblem, TRAINING_DOCUMENTS, type TrainingDocument } from './catalog.vocabulary.ts';

export const TRAINING_COLUMNS: readonly ColumnSpec[] = [
  ...personColumns('сотрудника', 'Если СНИЛС не указан'),
  {
    key: 'document',
    header: 'Документ',
    required: true,
    example: 'удостоверение',
    help: 'удостоверение (повышение квалификации) или диплом (профессиональная переподготовка)',
  },
  {
    key: 'number',
    header: 'Номер',
    required: true,
    example: '772400012345',
    help: 'Номер документа; повторная загрузка того же номера ничего не меняет',
  },
  {
    key: 'issuedOn',
    header: 'Дата выдачи',
    required: true,
    example: '20.02.2027',
    help: 'ДД.ММ.ГГГГ',
    type: 'date',
  },
  {
    key: 'hours',
    header: 'Часы',
    required: true,
    example: 36,
    help: 'Объём обучения в часах',
    type: 'number',
  },
  {
    key: 'program',
    header: 'Программа',
    required: true,
    example: 'ПК-2027-014',
    help: 'Код программы из каталога или её наименование как в документе',
  },
  {
    key: 'provider',
    header: 'Организация',
    required: false,
    example: 'ЦНППМ',
    help: 'Кто выдал документ; если пусто — разработчик программы из каталога',
  },
];

export interface TrainingRow {
  rowNumber: number;
  /** How to find the person: by СНИЛС, or by full name and birth date. */
  person: PersonRef;
  document: TrainingDocument;
  documentNumber: string;
  issuedOn: string;
  hours: number;
  program: string;
  provider: string | null;
}

const DOCUMENT_EXTRA: Partial<Record<string, TrainingDocument>> = {
  'удостоверение о повышении квалификации': 'certificate',
  'диплом о профессиональной переподготовке': 'diploma',
};

/** Reads and checks one row of the trainings file; the row's issues are on the reader. */
export function readTrainingRow(r: RowReader, today: string): TrainingRow | null {
  const snils = r.value('snils', parseSnils);
  let person: TrainingRow['person'] | null = snils ? { snils } : null;
  if (!snils && r.ok) {
    const lastName = r.text('lastName', { required: true, max: 100 });
    const firstName = r.text('firstName', { required: true, max: 100 });
    const patronymic = r.text('patronymic', { max: 100 }) ?? '';
    const birthDate = r.date('birthDate', { required: true });
    if (!r.has('lastName') || !r.has('firstName') || !r.has('birthDate')) {
      r.fail(null, 'Укажите СНИЛС или фамилию, имя, отчество и дату рождения сотрудника');
    } else if (lastName && firstName && birthDate) person = { lastName, firstName, patronymic, birthDate };
  }
  const document = r.word('document', TRAINING_DOCUMENTS, { required: true, extra: DOCUMENT_EXTRA });
  const documentNumber = r.text('number', { required: true, max: 100 });
  const issuedOn = r.date('issuedOn', { required: true });
  if (issuedOn && issuedOn > today) r.fail('issuedOn', 'Дата выдачи в будущем');
  const hours = r.number('hours', { required: true, integer: true, positive: true });
  if (document && typeof hours === 'number') {
    const problem = hoursProblem(document === 'diploma' ? 'retraining' : 'upgrade', hours);
    if (problem) r.fail('hours', problem);
  }
  const program = r.text('program', { required: true, max: 500 });
  const provider = r.text('provider', { max: 300 }) ?? null;
  if (!r.ok || !person || !document || !documentNumber || !issuedOn || !hours || !program) return null;
  return { rowNumber: r.rowNumber, person, document, documentNumber, issuedOn, hours, program, provider };
}
