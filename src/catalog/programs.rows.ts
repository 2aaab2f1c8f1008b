import { normWord, splitList } from '../platform/import/cells.ts';
import type { ColumnSpec } from '../platform/import/import.types.ts';
import type { RowReader } from '../platform/import/row-reader.ts';
import {
  DIRECTIONS,
  type Direction,
  hoursProblem,
  PROGRAM_FORMATS,
  PROGRAM_KINDS,
  type ProgramFormat,
  type ProgramKind,
} from './catalog.vocabulary.ts';

export const PROGRAM_COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'code',
    header: 'Код',
    required: true,
    example: 'ПК-2027-014',
    help: 'Код программы в каталоге; строки с одним кодом добавляют потоки одной программы',
  },
  {
    key: 'name',
    header: 'Наименование',
    required: true,
    example: 'Формирование функциональной грамотности обучающихся',
    help: 'Полное наименование программы',
  },
  {
    key: 'kind',
    header: 'Вид',
    required: true,
    example: 'повышение квалификации',
    help: 'повышение квалификации или профессиональная переподготовка',
  },
  {
    key: 'hours',
    header: 'Часы',
    required: true,
    example: 36,
    help: 'Объём: ПК — от 16 до 2000 часов, ПП — не меньше 250',
    type: 'number',
  },
  {
    key: 'provider',
    header: 'Организация-разработчик',
    required: true,
    aliases: ['Разработчик', 'Организация'],
    example: 'ЦНППМ',
    help: 'Кто разработал и реализует программу',
  },
  {
    key: 'format',
    header: 'Формат',
    required: true,
    example: 'дистанционно',
    help: 'очно, дистанционно или смешанно',
  },
  {
    key: 'federal',
    header: 'Федеральный реестр',
    required: false,
    example: 'нет',
    help: 'да — программа из федерального реестра ДПП; по умолчанию нет',
  },
  {
    key: 'federalNumber',
    header: 'Номер в реестре',
    required: false,
    example: '',
    help: 'Обязателен, если «Федеральный реестр» — да',
  },
  {
    key: 'directions',
    header: 'Направления',
    required: false,
    example: 'функциональная грамотность; оценка качества',
    help: `Через «;»: ${Object.values(DIRECTIONS).join(', ')}`,
  },
  {
    key: 'competencies',
    header: 'Компетенции',
    required: false,
    example: '',
    help: 'Коды компетенций через «;»',
  },
  {
    key: 'startsOn',
    header: 'Начало потока',
    required: false,
    example: '01.02.2027',
    help: 'Необязательно: даты потока ДД.ММ.ГГГГ (одна строка — один поток)',
    type: 'date',
  },
  {
    key: 'endsOn',
    header: 'Окончание потока',
    required: false,
    example: '20.02.2027',
    help: 'Заполняется вместе с началом потока',
    type: 'date',
  },
];

export interface ProgramRow {
  rowNumber: number;
  code: string;
  name: string;
  kind: ProgramKind;
  hours: number;
  provider: string;
  format: ProgramFormat;
  federalRegistry: boolean;
  federalRegistryNumber: string | null;
  /** undefined — no such column in the file (an existing program keeps its value). */
  priorityDirections: Direction[] | undefined;
  competencyCodes: string[] | undefined;
  cohort: { startsOn: string; endsOn: string } | null;
}

const DIRECTION_BY_NAME = new Map<string, Direction>(
  (Object.entries(DIRECTIONS) as [Direction, string][]).map(([k, v]) => [normWord(v), k]),
);
DIRECTION_BY_NAME.set('обновленные фгос', 'updated_fgos');
DIRECTION_BY_NAME.set('фгос', 'updated_fgos');
DIRECTION_BY_NAME.set('шнор', 'low_results');
DIRECTION_BY_NAME.set('школы с низкими результатами', 'low_results');
DIRECTION_BY_NAME.set('цос', 'digital_environment');

const KIND_EXTRA: Partial<Record<string, ProgramKind>> = { пк: 'upgrade', пп: 'retraining' };
const FORMAT_EXTRA: Partial<Record<string, ProgramFormat>> = {
  очная: 'in_person',
  дистанционная: 'distance',
  'с применением дот': 'distance',
  смешанная: 'blended',
  'очно-заочно': 'blended',
};

/** Reads and checks one row of the programs file; the row's issues are on the reader. */
export function readProgramRow(r: RowReader): ProgramRow | null {
  const code = r.text('code', { required: true, max: 50 });
  const name = r.text('name', { required: true, max: 500 });
  const kind = r.word('kind', PROGRAM_KINDS, { required: true, extra: KIND_EXTRA });
  const hours = r.number('hours', { required: true, integer: true, positive: true });
  const provider = r.text('provider', { required: true, max: 300 });
  const format = r.word('format', PROGRAM_FORMATS, { required: true, extra: FORMAT_EXTRA });
  const federalRegistry = r.yesNo('federal') ?? false;
  const federalRegistryNumber = r.text('federalNumber', { max: 100 }) ?? null;
  if (kind && typeof hours === 'number') {
    const problem = hoursProblem(kind, hours);
    if (problem) r.fail('hours', problem);
  }
  if (federalRegistry && !federalRegistryNumber) {
    r.fail('federalNumber', 'Для программы из федерального реестра укажите номер в реестре');
  }

  let priorityDirections: Direction[] | undefined;
  const directionsText = r.text('directions', { max: 2000 });
  if (directionsText !== undefined) {
    priorityDirections = [];
    for (const item of splitList(directionsText ?? '')) {
      const key = DIRECTION_BY_NAME.get(normWord(item));
      if (key) priorityDirections.includes(key) || priorityDirections.push(key);
      else
        r.fail(
          'directions',
          `Неизвестное направление «${item}»; допустимые: ${Object.values(DIRECTIONS).join(', ')}`,
        );
    }
  }
  const competenciesText = r.text('competencies', { max: 2000 });
  const competencyCodes = competenciesText === undefined ? undefined : splitList(competenciesText ?? '');

  const startsOn = r.date('startsOn');
  const endsOn = r.date('endsOn');
  let cohort: ProgramRow['cohort'] = null;
  if (startsOn && endsOn) {
    if (endsOn < startsOn) r.fail('endsOn', 'Окончание потока раньше его начала');
    else cohort = { startsOn, endsOn };
  } else if (startsOn && endsOn === null && r.raw('endsOn') === '') {
    r.fail('endsOn', 'Укажите окончание потока вместе с началом');
  } else if (endsOn && startsOn === null && r.raw('startsOn') === '') {
    r.fail('startsOn', 'Укажите начало потока вместе с окончанием');
  } else if (startsOn && endsOn === undefined) {
    r.fail(null, 'В файле есть «Начало потока», но нет столбца «Окончание потока»');
  } else if (endsOn && startsOn === undefined) {
    r.fail(null, 'В файле есть «Окончание потока», но нет столбца «Начало потока»');
  }

  if (!r.ok || !code || !name || !kind || !hours || !provider || !format) return null;
  return {
    rowNumber: r.rowNumber,
    code,
    name,
    kind,
    hours,
    provider,
    format,
    federalRegistry,
    federalRegistryNumber: federalRegistry ? federalRegistryNumber : null,
    priorityDirections,
    competencyCodes,
    cohort,
  };
}
