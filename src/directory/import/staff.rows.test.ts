import { describe, expect, it } from 'vitest';
import { rowOf } from '../../platform/import/test-rows.ts';
import { STAFF_COLUMN_SPECS } from './import.columns.ts';
import { parseStaffRow } from './staff.rows.ts';

const TODAY = '2026-09-15';

const VALID: Record<string, string> = {
  Фамилия: 'Иванова',
  Имя: 'Мария',
  Отчество: 'Петровна',
  'Дата рождения': '15.03.1985',
  Пол: 'ж',
  СНИЛС: '112-233-445 95',
  Организация: 'ОО-001',
  Должность: 'Учитель',
  'Категория должности': 'педагогическая',
  'Вид занятости': 'основное',
  Предметы: 'Математика; Информатика',
  Нагрузка: '18',
  Ставка: '1',
  'Дата начала работы': '01.09.2010',
  'Педагогический стаж': '15,5',
  Образование: 'высшее педагогическое',
  'Не по профилю': 'нет',
  'Квалификационная категория': 'первая',
  'Дата присвоения категории': '20.12.2022',
  Email: 'Ivanova@School1.ru',
};

const parse = (cells: Record<string, string>) => {
  const r = rowOf(STAFF_COLUMN_SPECS, cells, 7);
  return { row: parseStaffRow(r, TODAY), issues: r.issues };
};
const withCell = (header: string, value: string) => parse({ ...VALID, [header]: value });

describe('a staff row', () => {
  it('becomes one person and one employment with typed values', () => {
    const { row, issues } = parse(VALID);
    expect(issues).toEqual([]);
    expect(row).toEqual({
      rowNumber: 7,
      organization: 'ОО-001',
      person: {
        lastName: 'Иванова',
        firstName: 'Мария',
        patronymic: 'Петровна',
        birthDate: '1985-03-15',
        sex: 'f',
        snils: '11223344595',
        email: 'ivanova@school1.ru',
        education: 'higher_pedagogical',
        pedExperienceYears: 15.5,
        category: 'first',
        categoryDate: '2022-12-20',
      },
      employment: {
        position: 'Учитель',
        kind: 'main',
        staffCategory: 'pedagogical',
        subjects: ['Математика', 'Информатика'],
        loadHours: 18,
        rate: 1,
        startDate: '2010-09-01',
        outsideProfile: false,
      },
    });
  });

  it('leaves out what the file does not have, so the registry keeps it', () => {
    const only = Object.fromEntries(
      ['Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Пол', 'Организация', 'Должность', 'Вид занятости'].map(
        (h) => [h, VALID[h]!],
      ),
    );
    const { row } = parse({ ...only, СНИЛС: '' });
    expect(row?.person).toEqual({
      lastName: 'Иванова',
      firstName: 'Мария',
      patronymic: 'Петровна',
      birthDate: '1985-03-15',
      sex: 'f',
    });
    expect(row?.employment).toEqual({ position: 'Учитель', kind: 'main' });
  });

  it('uses defaults for empty optional cells', () => {
    const { row } = parse({
      ...VALID,
      'Категория должности': '',
      Нагрузка: '',
      Ставка: '',
      'Не по профилю': '',
      'Квалификационная категория': '',
      'Дата присвоения категории': '',
      Отчество: '',
    });
    expect(row?.person).toMatchObject({ patronymic: '', category: 'none', categoryDate: null });
    expect(row?.employment).toMatchObject({
      staffCategory: 'pedagogical',
      loadHours: 0,
      rate: 1,
      outsideProfile: false,
    });
  });

  it('reports every problem by row and column, naming the value', () => {
    const cases: [string, string, string][] = [
      ['Фамилия', '', 'Не заполнено обязательное поле «Фамилия»'],
      ['Имя', 'Мария1', '«Мария1» — в ФИО допустимы только буквы, пробел, дефис и апостроф'],
      ['Дата рождения', '31.02.1985', 'Неверная дата «31.02.1985»: укажите дату в виде ДД.ММ.ГГГГ'],
      [
        'Дата рождения',
        '01.01.2015',
        'Дата рождения «01.01.2015» неправдоподобна: возраст 11 лет (допускается от 16 до 100)',
      ],
      ['Пол', 'женщина', 'Неизвестное значение «женщина»; допустимые: м, ж'],
      ['СНИЛС', '112-233-445 96', 'СНИЛС «112-233-445 96»: неверная контрольная сумма СНИЛС'],
      [
        'Вид занятости',
        'почасовая',
        'Неизвестное значение «почасовая»; допустимые: основное, внутреннее совместительство, внешнее совместительство',
      ],
      ['Нагрузка', '-3', '«-3» — значение не может быть отрицательным'],
      ['Нагрузка', '180', '«180» — неправдоподобно много (не больше 60)'],
      ['Ставка', '0', '«0» — значение должно быть больше нуля'],
      ['Дата начала работы', '01.09.2030', 'Дата начала работы «01.09.2030» в будущем'],
      ['Дата начала работы', '01.09.1990', 'Дата начала работы «01.09.1990» раньше 14-летия сотрудника'],
      ['Педагогический стаж', '35', 'Педагогический стаж 35 лет неправдоподобен в возрасте 41 лет'],
      [
        'Образование',
        'высшее техническое',
        'Неизвестное значение «высшее техническое»; допустимые: высшее педагогическое, высшее, среднее профессиональное педагогическое, среднее профессиональное, среднее',
      ],
      [
        'Квалификационная категория',
        'вторая',
        'Неизвестное значение «вторая»; допустимые: высшая, первая, СЗД, без категории',
      ],
      ['Дата присвоения категории', '', 'Для категории «первая» укажите дату присвоения категории'],
      ['Дата присвоения категории', '01.01.2027', 'Дата присвоения категории «01.01.2027» в будущем'],
      ['Email', 'ivanova.school1.ru', '«ivanova.school1.ru» — не адрес электронной почты'],
    ];
    for (const [column, value, message] of cases) {
      const { row, issues } = withCell(column, value);
      expect(row, `${column} «${value}»`).toBeNull();
      expect(issues, `${column} «${value}»`).toEqual([{ row: 7, column, value: value || null, message }]);
    }
  });

  it('requires the category date when the date column is missing altogether', () => {
    const { 'Дата присвоения категории': _, ...rest } = VALID;
    const { issues } = parse({ ...rest, 'Квалификационная категория': 'высшая' });
    expect(issues).toEqual([
      {
        row: 7,
        column: 'Квалификационная категория',
        value: 'высшая',
        message: 'Для категории «высшая» укажите дату присвоения категории',
      },
    ]);
  });

  it('accepts the spellings people actually type', () => {
    const { row } = parse({
      ...VALID,
      Пол: 'Жен',
      'Вид занятости': 'Внешнее совместительство',
      'Квалификационная категория': 'Высшая категория',
      'Дата рождения': '1985-03-15',
      'Дата присвоения категории': '44915',
    });
    expect(row?.person).toMatchObject({ sex: 'f', category: 'highest', categoryDate: '2022-12-20' });
    expect(row?.employment.kind).toBe('external');
  });
});
