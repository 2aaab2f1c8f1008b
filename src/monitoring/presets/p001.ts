import type { IndicatorPreset } from './index.ts';

/**
 * Seed 001: Зиминское городское муниципальное образование (Иркутская область), план работы по
 * повышению профессионального мастерства на 2022 год (приказ Комитета по образованию от 27.01.2022 № 37).
 *
 * Track «Целевые результаты» = таблица 1 «Целевые результаты и планируемые показатели деятельности»:
 * seven results, the seventh split as the document splits its planned value («12%, из них 8% … 4% …»),
 * each with its 2022 planned value. The document's own wording of the planned value is kept in notes.
 * Track «Кадровый состав (справочно)» = the staff statistics of «Условия реализации плана» (as of
 * 27.01.2022 / 01.01.2022, повышение квалификации 2021): no targets, the document's figures are the
 * baselines, so the same figures computed from the registry can be compared with them.
 *
 * The document says who evaluates and how often («проводятся городским Методическим советом ежегодно»)
 * but no data source per indicator: dataSource names the platform's source or the form to fill.
 */

const T1 = 'Целевые результаты и планируемые показатели деятельности (таблица 1)';
const STAFF = 'Кадровый состав (справочно, раздел «Условия реализации плана»)';
const PERIODICITY = 'ежегодно';
const RESPONSIBLE =
  'Комитет по образованию администрации ЗГМО; оценка и анализ — городской Методический совет';
const METHOD_T1 =
  'Оценка и анализ ключевых показателей эффективности деятельности проводятся городским Методическим советом ежегодно и заслушиваются на заседаниях городского методического совета';
const ALL_MUNI = 'все образовательные организации ЗГМО (19 организаций)';
const STAFF_SOURCE =
  'Реестр педагогических и руководящих работников платформы (основное место работы на дату)';

const TRAINED_FR =
  'Доля педагогических работников общеобразовательных организаций, прошедших повышение квалификации по программам, включенным в Федеральный реестр дополнительных профессиональных программ';

const y2022 = (value: number) => [{ year: 2022, value }];

export const P001: IndicatorPreset = {
  code: 'p001',
  name: 'Целевые результаты плана повышения профессионального мастерства (Зиминское городское МО, 2022)',
  sourceDocument: '001',
  description:
    'План работы по повышению профессионального мастерства педагогических работников и управленческих кадров Зиминского ' +
    'городского муниципального образования в рамках Региональной системы научно-методического сопровождения Иркутской ' +
    'области в 2022 году (приказ Комитета по образованию администрации ЗГМО от 27.01.2022 № 37). Таблица 1 «Целевые ' +
    'результаты и планируемые показатели деятельности»: 7 результатов (седьмой — с двумя составляющими) с плановыми ' +
    'значениями на 2022 год; справочно — кадровый состав из раздела «Условия реализации плана» (значения документа — базовые). ' +
    'ИОМ, наставничество в ОО, повышение квалификации по федеральному реестру и кадровый состав считаются по данным ' +
    'платформы; обучение специалистов ИМС, мероприятия и разбивка по организациям-исполнителям ПК вводятся вручную.',
  indicators: [
    {
      code: '1',
      name: 'Доля педагогических работников и управленческих кадров, для которых разработаны индивидуальные образовательные маршруты на основе результатов диагностики профессиональных компетенций',
      track: T1,
      criterion: '',
      formula: {
        kind: 'share',
        numerator: { measure: 'routes.formed' },
        denominator: { measure: 'staff.total' },
      },
      population: { staff: 'all' },
      unit: '%',
      direction: 'up',
      dataSource:
        'ИОМ платформы, сформированные по результатам диагностики; реестр педагогических и управленческих кадров',
      method:
        'k = A / N · 100 %, где A — педагогические и руководящие работники (основное место работы), для которых в отчётном периоде по результатам диагностики сформирован ИОМ (не отменённый); N — все педагогические и руководящие работники на дату',
      representativeness: ALL_MUNI,
      periodicity: PERIODICITY,
      responsible: RESPONSIBLE,
      notes:
        'Плановое значение в документе: «10% от общего числа педагогических работников Зиминского городского муниципального».',
      targets: y2022(10),
    },
    {
      code: '2',
      name: 'Доля специалистов Информационно-методического сектора Комитета по образованию, прошедших обучение на базе ЦНППМ ГАУ ДПО ИРО',
      track: T1,
      criterion: '',
      formula: {
        kind: 'ratio',
        numerator: { measure: 'manual:methodical_service_trained_cnppm' },
        denominator: { measure: 'manual:methodical_service_specialists' },
        per: 100,
      },
      unit: '%',
      direction: 'up',
      dataSource: 'Сведения Информационно-методического сектора Комитета по образованию (ручной ввод)',
      method: `k = A / N · 100 %, где A — специалисты сектора, прошедшие обучение на базе ЦНППМ, N — все специалисты сектора (оба числа вводятся вручную). ${METHOD_T1}`,
      representativeness: 'специалисты Информационно-методического сектора Комитета по образованию',
      periodicity: PERIODICITY,
      responsible: RESPONSIBLE,
      notes:
        'Специалисты сектора не ведутся в реестре кадров образовательных организаций, а исполнитель обучения (ЦНППМ) — свободный текст документа о ПК: показатель ручной (оба числа вводятся методистом). Плановое значение в документе: «10%».',
      targets: y2022(10),
    },
    {
      code: '3',
      name: 'Количество проведенных мероприятий муниципального уровня в рамках функционирования региональной системы научно-методического сопровождения педагогических работников и управленческих кадров',
      track: T1,
      criterion: '',
      formula: { kind: 'manual', measure: 'manual:municipal_events_count' },
      unit: 'мероприятий',
      direction: 'up',
      dataSource: 'План мероприятий (таблица 2) и отчёты о проведённых мероприятиях (ручной ввод)',
      method: METHOD_T1,
      representativeness: 'мероприятия муниципального уровня ЗГМО',
      periodicity: PERIODICITY,
      responsible: RESPONSIBLE,
      notes:
        'Модуль мероприятий ещё не построен — показатель ручной. Плановое значение в документе: «Не менее 2 мероприятий».',
      targets: y2022(2),
    },
    {
      code: '4',
      name: 'Доля участников региональных мероприятий, проведенных в рамках функционирования региональной системы научно-методического сопровождения педагогических работников и управленческих кадров',
      track: T1,
      criterion: '',
      formula: {
        kind: 'ratio',
        numerator: { measure: 'manual:regional_events_participants' },
        denominator: { measure: 'staff.total' },
        per: 100,
      },
      population: { staff: 'all' },
      unit: '%',
      direction: 'up',
      dataSource:
        'Сведения образовательных организаций об участии в региональных мероприятиях (форма сбора); реестр кадров',
      method: `k = A / N · 100 %, где A — число участников региональных мероприятий (сумма по формам ОО), N — педагогические и руководящие работники на дату (реестр). ${METHOD_T1}`,
      representativeness: ALL_MUNI,
      periodicity: PERIODICITY,
      responsible: RESPONSIBLE,
      notes:
        'Модуль мероприятий ещё не построен — числитель вводится вручную. Плановое значение в документе: «10%».',
      targets: y2022(10),
    },
    {
      code: '5',
      name: 'Доля образовательных организаций муниципального образования, принявших участие в программах повышения квалификации управленческих команд (руководителей и заместителей руководителей)',
      track: T1,
      criterion: '',
      formula: {
        kind: 'ratio',
        numerator: { measure: 'manual:management_team_trained_org' },
        denominator: { measure: 'orgs.total' },
        per: 100,
      },
      unit: '%',
      direction: 'up',
      dataSource:
        'Сведения образовательных организаций (форма сбора: «да/нет» от каждой организации); реестр организаций',
      method: `k = A / N · 100 %, где A — число организаций, ответивших «да» (управленческая команда участвовала в программах ПК), N — все образовательные организации. ${METHOD_T1}`,
      representativeness: ALL_MUNI,
      periodicity: PERIODICITY,
      responsible: RESPONSIBLE,
      notes:
        'Программы ПК управленческих команд в каталоге не отмечены отдельным признаком — числитель вводится вручную. Плановое значение в документе: «10%».',
      targets: y2022(10),
    },
    {
      code: '6',
      name: 'Доля общеобразовательных организаций, образовательных организаций дополнительного образования, реализующих целевую модель наставничества педагогических работников',
      track: T1,
      criterion: '',
      formula: {
        kind: 'share',
        numerator: {
          measure: 'orgs.flag',
          params: { flag: 'mentoring_regulation', kinds: ['school', 'additional'] },
        },
        denominator: { measure: 'orgs.total', params: { kinds: ['school', 'additional'] } },
      },
      unit: '%',
      direction: 'up',
      dataSource: 'Реестр организаций платформы: признак «есть положение о наставничестве»',
      method:
        'k = A / N · 100 %, где A — общеобразовательные организации и организации дополнительного образования с положением о наставничестве педагогических работников; N — все такие организации',
      representativeness:
        'все общеобразовательные организации и организации дополнительного образования ЗГМО (9 + 2)',
      periodicity: PERIODICITY,
      responsible: RESPONSIBLE,
      notes: 'Плановое значение в документе: «100 %».',
      targets: y2022(100),
    },
    {
      code: '7',
      name: `${TRAINED_FR}, в т.ч.: - в Академии Минпросвещения России; - в ГАУ ДПО ИРО, в т.ч. в ЦНППМ`,
      track: T1,
      criterion: '',
      formula: {
        kind: 'share',
        numerator: { measure: 'trainings.people', params: { federalRegistry: true } },
        denominator: { measure: 'staff.total' },
      },
      population: { staff: 'pedagogical', orgKinds: ['school'] },
      unit: '%',
      direction: 'up',
      dataSource:
        'Документы о повышении квалификации платформы (программа из федерального реестра); реестр кадров',
      method:
        'k = A / N · 100 %, где A — педагогические работники общеобразовательных организаций (основное место работы), получившие в отчётном периоде документ о ПК по программе из федерального реестра; N — все педагогические работники общеобразовательных организаций на дату',
      representativeness: 'все общеобразовательные организации ЗГМО (9 организаций)',
      periodicity: PERIODICITY,
      responsible: RESPONSIBLE,
      notes:
        'Плановое значение в документе: «12%, из них: - 8% на базе Академии Минпросвещения России; - 4% в ГАУ ДПО ИРО, в т.ч. ЦНППМ» (составляющие — показатели 7.1 и 7.2).',
      targets: y2022(12),
    },
    {
      code: '7.1',
      name: `${TRAINED_FR}, в т.ч. в Академии Минпросвещения России`,
      track: T1,
      criterion: '',
      formula: {
        kind: 'ratio',
        numerator: { measure: 'manual:fr_trained_academy' },
        denominator: { measure: 'staff.total' },
        per: 100,
      },
      population: { staff: 'pedagogical', orgKinds: ['school'] },
      unit: '%',
      direction: 'up',
      dataSource: 'Сведения общеобразовательных организаций (форма сбора); реестр кадров',
      method: `k = A / N · 100 %, где A — число педагогических работников ОО, прошедших ПК по программам федерального реестра в Академии Минпросвещения России (сумма по формам ОО), N — педагогические работники общеобразовательных организаций на дату (реестр). ${METHOD_T1}`,
      representativeness: 'все общеобразовательные организации ЗГМО (9 организаций)',
      periodicity: PERIODICITY,
      responsible: RESPONSIBLE,
      notes:
        'Организация, проводившая обучение, в документе о ПК записана свободным текстом — числитель по исполнителям вводится вручную. Плановое значение в документе: «8% на базе Академии Минпросвещения России».',
      targets: y2022(8),
    },
    {
      code: '7.2',
      name: `${TRAINED_FR}, в т.ч. в ГАУ ДПО ИРО, в т.ч. в ЦНППМ`,
      track: T1,
      criterion: '',
      formula: {
        kind: 'ratio',
        numerator: { measure: 'manual:fr_trained_iro' },
        denominator: { measure: 'staff.total' },
        per: 100,
      },
      population: { staff: 'pedagogical', orgKinds: ['school'] },
      unit: '%',
      direction: 'up',
      dataSource: 'Сведения общеобразовательных организаций (форма сбора); реестр кадров',
      method: `k = A / N · 100 %, где A — число педагогических работников ОО, прошедших ПК по программам федерального реестра в ГАУ ДПО ИРО, в т.ч. в ЦНППМ (сумма по формам ОО), N — педагогические работники общеобразовательных организаций на дату (реестр). ${METHOD_T1}`,
      representativeness: 'все общеобразовательные организации ЗГМО (9 организаций)',
      periodicity: PERIODICITY,
      responsible: RESPONSIBLE,
      notes:
        'Организация, проводившая обучение, в документе о ПК записана свободным текстом — числитель по исполнителям вводится вручную. Плановое значение в документе: «4% в ГАУ ДПО ИРО, в т.ч. ЦНППМ».',
      targets: y2022(4),
    },

    // ---- staff statistics of «Условия реализации плана»: document figures as baselines ----
    {
      code: 'К1',
      name: 'Численность педагогических работников образовательных организаций',
      track: STAFF,
      criterion: '',
      formula: { kind: 'count', of: { measure: 'staff.total' } },
      population: { staff: 'pedagogical' },
      unit: 'чел.',
      direction: 'none',
      dataSource: STAFF_SOURCE,
      method: 'Число педагогических работников по основному месту работы на дату',
      representativeness: ALL_MUNI,
      periodicity: PERIODICITY,
      responsible: 'Комитет по образованию администрации ЗГМО',
      baselineValue: 476,
      baselineYear: 2022,
      notes:
        'В документе: «По состоянию на 27 января 2022 года … работает 476 педагогических работников» (ОО — 263, ДОО — 188, ДО — 25).',
      targets: [],
    },
    {
      code: 'К2',
      name: 'Численность административно-управленческих работников образовательных организаций',
      track: STAFF,
      criterion: '',
      formula: { kind: 'count', of: { measure: 'staff.total' } },
      population: { staff: 'managerial' },
      unit: 'чел.',
      direction: 'none',
      dataSource: STAFF_SOURCE,
      method: 'Число руководящих работников по основному месту работы на дату',
      representativeness: ALL_MUNI,
      periodicity: PERIODICITY,
      responsible: 'Комитет по образованию администрации ЗГМО',
      baselineValue: 56,
      baselineYear: 2022,
      notes:
        'В документе: «административно-управленческих работников - 56 человек» (ОО — 28, ДОО — 20, ДО — 8).',
      targets: [],
    },
    ...(
      [
        [
          'К3',
          'общеобразовательных организаций',
          'school',
          66.7,
          '194 человек (66,7%) из 263 педагогов и 28 АУП',
        ],
        [
          'К4',
          'дошкольных образовательных организаций',
          'preschool',
          29.3,
          '61 человек (29,3 %) из 188 педагогов и 20 АУП',
        ],
        [
          'К5',
          'организаций дополнительного образования',
          'additional',
          30.3,
          '10 человек (30,3%) из 25 педагогов и 8 АУП',
        ],
      ] as const
    ).map(([code, where, kind, baseline, text]) => ({
      code,
      name: `Доля педагогических и административно-управленческих работников ${where}, имеющих высшее образование`,
      track: STAFF,
      criterion: '',
      formula: {
        kind: 'share' as const,
        numerator: { measure: 'staff.education', params: { levels: ['higher_pedagogical', 'higher'] } },
        denominator: { measure: 'staff.total' },
      },
      population: { staff: 'all' as const, orgKinds: [kind] },
      unit: '%',
      direction: 'up' as const,
      dataSource: STAFF_SOURCE,
      method: `k = A / N · 100 %, где A — работники ${where} с высшим (в т.ч. педагогическим) образованием; N — все педагогические и руководящие работники ${where}`,
      representativeness: `все ${where} ЗГМО`,
      periodicity: PERIODICITY,
      responsible: 'Комитет по образованию администрации ЗГМО',
      baselineValue: baseline,
      baselineYear: 2022,
      notes: `В документе (на 27.01.2022): высшее образование имеют ${text}.`,
      targets: [],
    })),
    ...(
      [
        ['К6', 'высшую', 'highest', 27, '133 педагога … что составляет 27 %'],
        ['К7', 'первую', 'first', 34.4, '169 человека (34,4%)'],
      ] as const
    ).map(([code, which, category, baseline, text]) => ({
      code,
      name: `Доля педагогов, имеющих ${which} квалификационную категорию (с учетом административно-управленческих работников, имеющих учебную нагрузку, но без учета совместителей)`,
      track: STAFF,
      criterion: '',
      formula: {
        kind: 'share' as const,
        numerator: { measure: 'staff.category', params: { category } },
        denominator: { measure: 'staff.total' },
      },
      population: { employment: 'main' as const, staff: 'pedagogical_and_teaching_managers' as const },
      unit: '%',
      direction: 'up' as const,
      dataSource: STAFF_SOURCE,
      method:
        'k = A / N · 100 %, где N — педагогические работники и руководящие работники с учебной нагрузкой по основному месту работы (без совместителей), A — из них имеющие категорию',
      representativeness: ALL_MUNI,
      periodicity: PERIODICITY,
      responsible: 'Комитет по образованию администрации ЗГМО',
      baselineValue: baseline,
      baselineYear: 2022,
      notes: `В документе (на 01.01.2022): ${which} квалификационную категорию имеют ${text}.`,
      targets: [],
    })),
    {
      code: 'К8',
      name: 'Доля педагогов, соответствующих занимаемой должности (с учетом административно-управленческих работников, имеющих учебную нагрузку, но без учета совместителей)',
      track: STAFF,
      criterion: '',
      formula: {
        kind: 'share',
        numerator: { measure: 'staff.category', params: { category: 'szd' } },
        denominator: { measure: 'staff.total' },
      },
      population: { employment: 'main', staff: 'pedagogical_and_teaching_managers' },
      unit: '%',
      direction: 'none',
      dataSource: STAFF_SOURCE,
      method:
        'k = A / N · 100 %, где N — педагогические работники и руководящие работники с учебной нагрузкой по основному месту работы (без совместителей), A — из них аттестованные на соответствие занимаемой должности',
      representativeness: ALL_MUNI,
      periodicity: PERIODICITY,
      responsible: 'Комитет по образованию администрации ЗГМО',
      baselineValue: 11.4,
      baselineYear: 2022,
      notes: 'В документе (на 01.01.2022): «Соответствуют занимаемой должности 56 педагога (11,4%)».',
      targets: [],
    },
    {
      code: 'К9',
      name: 'Обеспеченность педагогическими кадрами образовательных организаций',
      track: STAFF,
      criterion: '',
      formula: {
        kind: 'ratio',
        numerator: { measure: 'staffing.rates', params: { category: 'pedagogical', what: 'occupied' } },
        denominator: { measure: 'staffing.rates', params: { category: 'pedagogical', what: 'total' } },
        per: 100,
      },
      unit: '%',
      direction: 'up',
      dataSource: 'Штатное расписание организаций на платформе (учебный год, содержащий дату расчёта)',
      method: 'Занятые педагогические ставки / все педагогические ставки по штатному расписанию · 100 %',
      representativeness: ALL_MUNI,
      periodicity: PERIODICITY,
      responsible: 'Комитет по образованию администрации ЗГМО',
      baselineValue: 97,
      baselineYear: 2022,
      notes:
        'В документе: «Обеспеченность педагогическими кадрами образовательных организаций в 2022 году составляет 97%: в общеобразовательных организациях – 95%; в дошкольных – 99%; дополнительного образования – 93 %» (разрез по типам организаций).',
      targets: [],
    },
    {
      code: 'К10',
      name: 'Доля педагогических работников и управленческих кадров образовательных организаций, повысивших квалификацию',
      track: STAFF,
      criterion: '',
      formula: {
        kind: 'share',
        numerator: { measure: 'trainings.people' },
        denominator: { measure: 'staff.total' },
      },
      population: { staff: 'all' },
      unit: '%',
      direction: 'up',
      dataSource: 'Документы о повышении квалификации и переподготовке платформы; реестр кадров',
      method:
        'k = A / N · 100 %, где A — педагогические и руководящие работники, получившие документ о ПК или ПП в отчётном периоде; N — все педагогические и руководящие работники на дату',
      representativeness: ALL_MUNI,
      periodicity: PERIODICITY,
      responsible: 'Комитет по образованию администрации ЗГМО',
      baselineValue: 85,
      baselineYear: 2021,
      notes:
        'В документе: «В 2021 году 409 работников образования повысили свою квалификацию, что составило 85%».',
      targets: [],
    },
  ],
  schedule: [
    {
      track: T1,
      what: 'Оценка и анализ ключевых показателей эффективности деятельности (целевых результатов и планируемых показателей) в рамках плана работы',
      timing: 'ежегодно',
      responsible: 'городской Методический совет',
      useOfResults: 'заслушиваются на заседаниях городского методического совета',
    },
    {
      track: T1,
      what: 'Выявление профессиональных дефицитов педагогических работников ЗГМО на основе анализов проведения мониторинговых мероприятий федерального, регионального, муниципального уровней, в т.ч. направленных на исследование качества образования',
      timing: 'В течение года',
      responsible: 'Ланкина Н.Н., Градович Ж.Ф., Перевалова С.Г.',
      useOfResults:
        '10 % педагогических работников и управленческих кадров образовательных организаций ЗГМО приняли участие в мероприятиях, направленных на выявление профессиональных дефицитов',
    },
  ],
};
