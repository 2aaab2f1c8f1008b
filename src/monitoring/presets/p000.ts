import type { Formula, MeasureRef, Population } from '../engine/formula.ts';
import type { IndicatorPreset, PresetIndicator } from './index.ts';

/**
 * Seed 000: муниципальное образование город Новотроицк (Оренбургская область), приказ МКУ «ИМДЦ»
 * № 01-у от 20.06.2022 «Об утверждении концепции муниципальной системы обеспечения
 * профессионального развития педагогических работников». Indicators = table 1 (tracks and their
 * indicators) together with table 2 (the same indicators by track with their collection method;
 * it adds «1) По уровню образования» and «2) По уровню квалификации» to track 1). Schedule =
 * table 3 (what, when, who, use of results).
 *
 * The document sets no targets, no formulas and no directions: shares are «of all pedagogical
 * workers» unless the indicator names another base, the direction is the one the concept's aims
 * imply, and periodicity / responsible come from the table 3 row that monitors the indicator.
 * Table 2's track 2 cell is split across a page; the part about young teachers and mentoring
 * («6)») carries the method «Отчет о реализации региональной программы …», the rest the formal
 * collection — that is how the methods are assigned here.
 */

const T1 = 'Трек 1. Плановое повышение профессионального мастерства педагогических работников';
const T2 = 'Трек 2. Устранение дефицита педагогических кадров';
const T3 =
  'Трек 3. Повышение квалификации педагогических работников в рамках реализации приоритетных федеральных программ';

const EDU = '1) По уровню образования';
const QUAL = '2) По уровню квалификации';
const PROCESS = 'По показателям процесса непрерывного повышения уровня квалификации';
const DEFICIT =
  'По уровню имеющегося дефицита педагогических кадров (в разрезе образовательных организаций и учебных предметов)';
const LOAD = '5) По занятости';
const YOUNG = '6) По поддержке молодых педагогов и реализации программы наставничества';

const M_FORMAL =
  'Формализованный сбор статистических данных с применением электронных таблиц и онлайн-форм; информационно-аналитическая справка';
const M_YOUNG =
  'Отчет о реализации региональной программы профессиональной адаптации и развития молодых учителей';

/** Table 3 rows as periodicity + responsible of the indicators they monitor. */
const CADRE = { periodicity: 'Ежегодно, сентябрь (мониторинг кадрового потенциала)', responsible: 'ИМДЦ' };
const DIFFICULTIES = {
  periodicity:
    'По отдельному плану, по запросу (мониторинг показателей по выявлению профессиональных затруднений и методических потребностей педагогических работников)',
  responsible: 'ИМДЦ, ГМО',
};
const NEEDS = {
  periodicity: 'Ежегодно, август, май (мониторинг показателей по выявлению кадровых потребностей)',
  responsible: 'ИМДЦ',
};
const MENTORING = {
  periodicity:
    'Ежегодно, август (мониторинг показателей по поддержке молодых педагогов/реализации программ наставничества)',
  responsible: 'ИМДЦ, ОО',
};
const FEDERAL = {
  periodicity:
    'В течение года (мониторинг показателей по организации повышения квалификации в рамках приоритетных федеральных программ)',
  responsible: 'ИМДЦ',
};

const SRC_CADRE = 'Анализ кадрового состава педагогов; анализ результатов баз данных о педагогах';
const SRC_PROCESS =
  'Анализ данных ежегодного отчета о состоянии системы образования; анализ результатов баз данных о педагогах';
const SRC_NEEDS =
  'Анализ данных ежегодного отчета выявлению кадровых потребностей в образовательных организациях муниципалитета';
const SRC_YOUNG =
  'Изучение планирующей документации по осуществлению методической поддержки молодых педагогов в рамках реализации системы наставничества; анализ результатов анкетирования педагогов';

const PED: Population = { staff: 'pedagogical' };
const TOTAL: MeasureRef = { measure: 'staff.total' };
const ofAll = (numerator: MeasureRef): Formula => ({ kind: 'share', numerator, denominator: TOTAL });
const manual = (code: string): Formula => ({ kind: 'manual', measure: `manual:${code}` });

type Row = Omit<
  PresetIndicator,
  'unit' | 'representativeness' | 'targets' | 'periodicity' | 'responsible'
> & {
  unit?: string;
  schedule: { periodicity: string; responsible: string };
};
const row = ({ schedule, unit, ...r }: Row): PresetIndicator => ({
  unit: unit ?? '%',
  representativeness: '',
  targets: [],
  ...schedule,
  ...r,
});

export const P000: IndicatorPreset = {
  code: 'p000',
  name: 'Муниципальные показатели системы обеспечения профессионального развития педагогов (г. Новотроицк)',
  sourceDocument: '000',
  description:
    'Концепция муниципальной системы обеспечения профессионального развития педагогических работников муниципального ' +
    'образования город Новотроицк Оренбургской области (приказ МКУ «ИМДЦ» № 01-у от 20.06.2022). Показатели трёх треков ' +
    '(таблицы 1 и 2) с методами сбора информации и график мониторинга (таблица 3: мероприятие, сроки, ответственный, ' +
    'использование результатов). Плановых значений документ не устанавливает. Источники данных по документу: официальные ' +
    'сайты образовательных организаций, педагогические наблюдения, планирующая и отчётная документация, самоанализ условий, ' +
    'анкетирование, аналитические справки методических объединений и служб.',
  indicators: [
    // Track 1, table 2: «1) По уровню образования»
    row({
      code: 'Т1.1',
      name: 'Доля педагогов, имеющих высшее профессиональное образование',
      track: T1,
      criterion: EDU,
      formula: ofAll({ measure: 'staff.education', params: { levels: ['higher_pedagogical', 'higher'] } }),
      population: PED,
      direction: 'up',
      dataSource: SRC_CADRE,
      method: M_FORMAL,
      schedule: CADRE,
      notes: 'Таблица 2. Высшее — педагогическое и непедагогическое.',
    }),
    row({
      code: 'Т1.2',
      name: 'Доля педагогов, имеющих средне-специальное профессиональное образование',
      track: T1,
      criterion: EDU,
      formula: ofAll({
        measure: 'staff.education',
        params: { levels: ['secondary_vocational_pedagogical', 'secondary_vocational'] },
      }),
      population: PED,
      direction: 'none',
      dataSource: SRC_CADRE,
      method: M_FORMAL,
      schedule: CADRE,
      notes: 'Таблица 2. Среднее профессиональное — педагогическое и непедагогическое.',
    }),
    row({
      code: 'Т1.3',
      name: 'Доля педагогов, имеющих среднее образование',
      track: T1,
      criterion: EDU,
      formula: ofAll({ measure: 'staff.education', params: { level: 'secondary' } }),
      population: PED,
      direction: 'down',
      dataSource: SRC_CADRE,
      method: M_FORMAL,
      schedule: CADRE,
      notes: 'Таблица 2.',
    }),
    // Track 1, table 2: «2) По уровню квалификации»
    row({
      code: 'Т1.4',
      name: 'Доля педагогов, имеющих высшую квалификационную категорию',
      track: T1,
      criterion: QUAL,
      formula: ofAll({ measure: 'staff.category', params: { category: 'highest' } }),
      population: PED,
      direction: 'up',
      dataSource: SRC_CADRE,
      method: M_FORMAL,
      schedule: CADRE,
      notes: 'Таблица 2.',
    }),
    row({
      code: 'Т1.5',
      name: 'Доля педагогов, имеющих первую квалификационную категорию',
      track: T1,
      criterion: QUAL,
      formula: ofAll({ measure: 'staff.category', params: { category: 'first' } }),
      population: PED,
      direction: 'up',
      dataSource: SRC_CADRE,
      method: M_FORMAL,
      schedule: CADRE,
      notes: 'Таблица 2.',
    }),
    row({
      code: 'Т1.6',
      name: 'Доля педагогов без категории (в т.ч. аттестованных на соответствие занимаемой должности)',
      track: T1,
      criterion: QUAL,
      formula: ofAll({ measure: 'staff.category', params: { category: 'none', categories: ['szd'] } }),
      population: PED,
      direction: 'down',
      dataSource: SRC_CADRE,
      method: M_FORMAL,
      schedule: CADRE,
      notes: 'Таблица 2. Без категории и с аттестацией на соответствие занимаемой должности (СЗД).',
    }),
    row({
      code: 'Т1.7',
      name: 'Доля руководителей, прошедших аттестацию в соответствии с новой единой моделью аттестации руководителей',
      track: T1,
      criterion: QUAL,
      formula: manual('managers_attested_new_model_share'),
      population: { staff: 'managerial' },
      direction: 'up',
      dataSource: SRC_CADRE,
      method: M_FORMAL,
      schedule: CADRE,
      notes: 'Таблица 2. Вводится вручную: аттестация руководителей не ведётся на платформе.',
    }),
    // Track 1, tables 1 and 2: process of continuous qualification growth
    row({
      code: 'Т1.8',
      name: 'Доля педагогов, прошедших диагностику профессиональных дефицитов, на базе регионального ЦНППМ от общего количества педагогов',
      track: T1,
      criterion: PROCESS,
      formula: ofAll({ measure: 'assessment.assessed' }),
      population: PED,
      direction: 'up',
      dataSource: SRC_PROCESS,
      method: M_FORMAL,
      schedule: DIFFICULTIES,
      notes: 'Таблицы 1 и 2. Диагностика — результат оценки компетенций в периоде.',
    }),
    row({
      code: 'Т1.9',
      name: 'Доля педагогических работников, прошедших обучение по индивидуальным образовательным маршрутам в рамках реализации выявленных профессиональных дефицитов',
      track: T1,
      criterion: PROCESS,
      formula: ofAll({ measure: 'routes.completed' }),
      population: PED,
      direction: 'up',
      dataSource: SRC_PROCESS,
      method: M_FORMAL,
      schedule: DIFFICULTIES,
      notes:
        'Таблицы 1 и 2. Прошедшие обучение — завершившие ИОМ в периоде; база — все педагогические работники.',
    }),
    row({
      code: 'Т1.10',
      name: 'Доля педагогов, прошедших обучение по программам дополнительного профессионального образования',
      track: T1,
      criterion: PROCESS,
      formula: ofAll({ measure: 'trainings.people' }),
      population: PED,
      direction: 'up',
      dataSource: SRC_PROCESS,
      method: M_FORMAL,
      schedule: DIFFICULTIES,
      notes: 'Таблицы 1 и 2. Удостоверение или диплом, выданные в периоде.',
    }),
    row({
      code: 'Т1.11',
      name: 'Доля педагогов, прошедших процедуру оценки предметных и методических компетенций учителей в рамках сопровождения курсов повышения квалификации педагогических работников системы общего образования по совершенствованию предметных и методических компетенций',
      track: T1,
      criterion: PROCESS,
      formula: manual('subject_methodical_assessment_share'),
      population: PED,
      direction: 'up',
      dataSource: SRC_PROCESS,
      method: M_FORMAL,
      schedule: DIFFICULTIES,
      notes:
        'Таблицы 1 и 2. Вводится вручную: это федеральная процедура при курсах, её результаты не поступают на платформу.',
    }),
    // Track 2
    row({
      code: 'Т2.1',
      name: 'Количество вакантных мест',
      track: T2,
      criterion: DEFICIT,
      formula: { kind: 'count', of: { measure: 'vacancies.open' } },
      unit: 'ед.',
      direction: 'down',
      dataSource: SRC_NEEDS,
      method: M_FORMAL,
      schedule: NEEDS,
      notes: 'Таблицы 1 и 2. Вакансии, открытые на дату расчёта; в разрезе организаций и предметов.',
    }),
    row({
      code: 'Т2.2',
      name: 'Количество «условных» специалистов (в т.ч. внутренних совместителей, преподающих учебные предметы не по профилю)',
      track: T2,
      criterion: DEFICIT,
      formula: { kind: 'count', of: { measure: 'staff.outside_profile' } },
      // part-timers from outside count too, not only people whose main job is here
      population: { staff: 'pedagogical', employment: 'all' },
      unit: 'чел.',
      direction: 'down',
      dataSource: SRC_NEEDS,
      method: M_FORMAL,
      schedule: NEEDS,
      notes: 'Таблицы 1 и 2. Люди с текущей работой не по профилю (любое место работы), каждый один раз.',
    }),
    row({
      code: 'Т2.3',
      name: 'Доля педагогов и руководителей, освоивших программу переподготовки по образовательным программам дополнительного профессионального образования',
      track: T2,
      criterion: DEFICIT,
      formula: ofAll({ measure: 'staff.retrained' }),
      population: { staff: 'all' },
      direction: 'up',
      dataSource: SRC_NEEDS,
      method: M_FORMAL,
      schedule: NEEDS,
      notes:
        'Таблицы 1 и 2. Диплом о профессиональной переподготовке, выданный до даты расчёта; база — педагоги и руководители.',
    }),
    row({
      code: 'Т2.4',
      name: 'Доля педагогов пенсионного возраста',
      track: T2,
      criterion: DEFICIT,
      formula: ofAll({ measure: 'staff.pension_age' }),
      population: PED,
      direction: 'down',
      dataSource: SRC_NEEDS,
      method: M_FORMAL,
      schedule: NEEDS,
      notes: 'Таблицы 1 и 2. Пенсионный возраст — по настройкам (мужчины / женщины).',
    }),
    row({
      code: 'Т2.5',
      name: 'Доля педагогов, имеющих учебную нагрузку более 30 часов',
      track: T2,
      criterion: LOAD,
      formula: ofAll({ measure: 'staff.load_over', params: { hours: 30 } }),
      population: PED,
      direction: 'down',
      dataSource: SRC_NEEDS,
      method: M_FORMAL,
      schedule: NEEDS,
      notes:
        'Таблицы 1 и 2. Нагрузка по всем текущим местам работы; должности воспитателей не учитываются (норма 36 часов).',
    }),
    row({
      code: 'Т2.6',
      name: 'Доля молодых педагогов, работающих в образовательных организациях муниципалитета в разрезе учебных предметов',
      track: T2,
      criterion: YOUNG,
      formula: ofAll({ measure: 'staff.young' }),
      population: PED,
      direction: 'up',
      dataSource: SRC_YOUNG,
      method: M_YOUNG,
      schedule: MENTORING,
      notes:
        'Таблицы 1 и 2. Молодой специалист — по настройкам (возраст и стаж); разрез по предметам — срез «предметы».',
    }),
    row({
      code: 'Т2.7',
      name: 'Доля молодых педагогов, охваченных мероприятиями в рамках муниципальных проектов, программ, участия в профессиональных объединениях от общего числа молодых педагогов',
      track: T2,
      criterion: YOUNG,
      formula: manual('young_covered_by_municipal_events_share'),
      population: PED,
      direction: 'up',
      dataSource: SRC_YOUNG,
      method: M_YOUNG,
      schedule: MENTORING,
      notes:
        'Таблицы 1 и 2. Вводится вручную: охват и мероприятиями муниципальных проектов, и профессиональными объединениями одной мерой платформа не считает (участники мероприятий и объединений — отдельные меры).',
    }),
    row({
      code: 'Т2.8',
      name: 'Доля педагогов, участвующих в программах наставничества от общего числа педагогов',
      track: T2,
      criterion: YOUNG,
      formula: ofAll({ measure: 'mentoring.participants' }),
      population: PED,
      direction: 'up',
      dataSource: SRC_YOUNG,
      method: M_YOUNG,
      schedule: MENTORING,
      notes:
        'Таблицы 1 и 2. Участники — наставники и наставляемые действующих на дату пар и групп программ наставничества (модуль «Наставничество»), каждый один раз.',
    }),
    row({
      code: 'Т2.9',
      name: 'Доля образовательных организаций, реализующих целевую модель наставничества',
      track: T2,
      criterion: YOUNG,
      formula: {
        kind: 'share',
        numerator: { measure: 'mentoring.orgs_implementing' },
        denominator: { measure: 'orgs.total' },
      },
      direction: 'up',
      dataSource: SRC_YOUNG,
      method: M_YOUNG,
      schedule: MENTORING,
      notes:
        'Таблицы 1 и 2. Реализующие целевую модель наставничества — организации с действующей на дату программой наставничества и хотя бы одной действующей парой или группой.',
    }),
    // Track 3
    row({
      code: 'Т3.1',
      name: 'Доля педагогических работников, повысивших свою квалификацию (курсы повышения квалификации, стажировки и пр.) в рамках реализации приоритетных федеральных программ',
      track: T3,
      criterion: '',
      formula: ofAll({ measure: 'trainings.people', params: { federalRegistry: true } }),
      population: PED,
      direction: 'up',
      dataSource: SRC_PROCESS,
      method: M_FORMAL,
      schedule: FEDERAL,
      notes:
        'Таблицы 1 и 2. Обучение в периоде по программе из федерального реестра ДПП; база — все педагогические работники.',
    }),
  ],
  schedule: [
    {
      track: T1,
      what: 'Мониторинг показателей по выявлению профессиональных затруднений и методических потребностей педагогических работников',
      timing: 'По отдельному плану, по запросу',
      responsible: 'ИМДЦ, ГМО',
      useOfResults:
        'Разработка адресных методических рекомендаций, планирование муниципальных методических мероприятий',
    },
    {
      track: T1,
      what: 'Мониторинг кадрового потенциала',
      timing: 'Ежегодно, сентябрь',
      responsible: 'ИМДЦ',
      useOfResults: 'Базы данных о педагогах',
    },
    {
      track: T2,
      what: 'Мониторинг показателей по выявлению кадровых потребностей (в разрезе образовательных организаций и учебных предметов)',
      timing: 'Ежегодно, август, май',
      responsible: 'ИМДЦ',
      useOfResults:
        'Обеспечение образовательных организаций педагогическими кадрами, способными осуществлять деятельность в новых профессиональных обстоятельствах',
    },
    {
      track: T2,
      what: 'Мониторинг показателей по поддержке молодых педагогов/реализации программ наставничества педагогических работников.',
      timing: 'Ежегодно, август',
      responsible: 'ИМДЦ, ОО',
      useOfResults:
        'Актуализация муниципальной программы профессиональной адаптации и развития молодых учителей, планирование деятельности Школы молодого учителя',
    },
    {
      track:
        'Трек 3. Повышение квалификации педагогических работников в рамках приоритетных федеральных программ',
      what: 'Мониторинг показателей по организации повышения квалификации педагогических работников в рамках реализации приоритетных федеральных программ',
      timing: 'В течение года',
      responsible: 'ИМДЦ',
      useOfResults: 'Стратегическое планирование по приоритетным направлениям повышения квалификации',
    },
  ],
};
