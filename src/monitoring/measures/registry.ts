import { DIRECTIONS } from '../../catalog/catalog.vocabulary.ts';
import {
  COMMUNITY_KINDS,
  COMMUNITY_LEVELS,
  MEMBERSHIP_KINDS,
} from '../../communities/communities.vocabulary.ts';
import { CATEGORIES, EDUCATION_LEVELS, ORG_KINDS } from '../../directory/vocabulary.ts';
import { CONTEST_OUTCOMES } from '../../events/contests/contests.rules.ts';
import { EVENT_KINDS, EVENT_LEVELS, REGISTRATION_ROLES } from '../../events/events.vocabulary.ts';
import { MENTORING_FORMS } from '../../mentoring/mentoring.vocabulary.ts';
import { APPROBATION_LEVELS, PRACTICE_KINDS } from '../../practices/practices.vocabulary.ts';

/**
 * The measures indicators are built from: named, typed, parameterised counts. The registry is the
 * single description the validator, the API (`GET /api/measures`) and the formula builder read; the
 * SQL behind each code lives in the family files next to this one.
 */

/** What a measure counts; 'value' = a sum (rates, manual figures), not a set of members. */
export type MemberKind = 'person' | 'organization' | 'vacancy' | 'route' | 'training' | 'value';

export type MeasureModule =
  | 'directory'
  | 'assessment'
  | 'routes'
  | 'catalog'
  | 'organizations'
  | 'vacancies'
  | 'staffing'
  | 'events'
  | 'mentoring'
  | 'communities'
  | 'practices'
  | 'manual';

export interface MeasureParam {
  name: string;
  type: 'number' | 'boolean' | 'string' | 'enum' | 'enum[]';
  label: string;
  required?: boolean;
  options?: { value: string; label: string }[];
}

export interface MeasureDef {
  code: string;
  label: string;
  memberKind: MemberKind;
  params: MeasureParam[];
  module: MeasureModule;
  /** Whether the indicator's population (employment, staff, org kinds) applies. */
  population: boolean;
  /** Genitive for «в группе нет ни одного …». */
  emptyWord: string;
}

const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

const DIRECTION_OPTIONS = opts(DIRECTIONS);
const EDUCATION_OPTIONS = opts(EDUCATION_LEVELS);
const CATEGORY_OPTIONS = opts(CATEGORIES);
const ORG_KIND_OPTIONS = Object.entries(ORG_KINDS).map(([value, k]) => ({ value, label: k.label }));

export const ORG_FLAGS = {
  rural: 'сельская',
  low_results: 'с низкими образовательными результатами (ШНОР)',
  innovation_platform: 'инновационная площадка',
  internship_platform: 'стажировочная площадка',
  mentoring_regulation: 'есть положение о наставничестве',
} as const;
export type OrgFlag = keyof typeof ORG_FLAGS;

const person = (
  code: string,
  label: string,
  module: MeasureModule,
  params: MeasureParam[] = [],
): MeasureDef => ({
  code,
  label,
  memberKind: 'person',
  params,
  module,
  population: true,
  emptyWord: 'педагога',
});

const EVENT_PARAMS: MeasureParam[] = [
  { name: 'level', type: 'enum', label: 'Уровень мероприятия', options: opts(EVENT_LEVELS) },
  { name: 'kinds', type: 'enum[]', label: 'Виды мероприятий (любой из)', options: opts(EVENT_KINDS) },
  {
    name: 'planLevel',
    type: 'enum',
    label: 'План',
    options: [
      { value: 'municipal', label: 'муниципальный план' },
      { value: 'institutional', label: 'план организации' },
    ],
  },
  { name: 'number', type: 'string', label: '№ мероприятия в плане («7.7»)' },
];

const eventCount = (code: string, label: string): MeasureDef => ({
  code,
  label,
  memberKind: 'value',
  params: EVENT_PARAMS,
  module: 'events',
  population: false,
  emptyWord: 'мероприятия',
});

const FORM_PARAM: MeasureParam = {
  name: 'form',
  type: 'enum',
  label: 'Форма наставничества',
  options: opts(MENTORING_FORMS),
};
const IN_PERIOD_PARAM: MeasureParam = {
  name: 'inPeriod',
  type: 'boolean',
  label: 'В любой день периода (а не на дату)',
};
const COMMUNITY_PARAMS: MeasureParam[] = [
  { name: 'kinds', type: 'enum[]', label: 'Виды объединений (любой из)', options: opts(COMMUNITY_KINDS) },
  { name: 'level', type: 'enum', label: 'Уровень объединения', options: opts(COMMUNITY_LEVELS) },
];
const communityCount = (code: string, label: string): MeasureDef => ({
  code,
  label,
  memberKind: 'value',
  params: COMMUNITY_PARAMS,
  module: 'communities',
  population: false,
  emptyWord: 'объединения',
});
const orgMeasure = (code: string, label: string): MeasureDef => ({
  code,
  label,
  memberKind: 'organization',
  params: [{ name: 'kinds', type: 'enum[]', label: 'Типы организаций', options: ORG_KIND_OPTIONS }],
  module: 'mentoring',
  population: false,
  emptyWord: 'организации',
});

const frameworkParam: MeasureParam = { name: 'framework', type: 'string', label: 'Карта компетенций (код)' };

export const MEASURES: readonly MeasureDef[] = [
  person('staff.total', 'Педагоги (численность совокупности)', 'directory'),
  person('staff.age', 'Педагоги в возрасте [от; до) лет на дату', 'directory', [
    { name: 'min', type: 'number', label: 'Возраст от (лет, включительно)' },
    { name: 'max', type: 'number', label: 'Возраст до (лет, не включая)' },
  ]),
  person('staff.young', 'Молодые специалисты', 'directory'),
  person('staff.pension_age', 'Педагоги пенсионного возраста', 'directory'),
  person('staff.education', 'Педагоги с уровнем образования', 'directory', [
    { name: 'level', type: 'enum', label: 'Уровень образования', options: EDUCATION_OPTIONS },
    { name: 'levels', type: 'enum[]', label: 'Уровни образования (любой из)', options: EDUCATION_OPTIONS },
  ]),
  person('staff.category', 'Педагоги с квалификационной категорией', 'directory', [
    { name: 'category', type: 'enum', label: 'Категория', required: true, options: CATEGORY_OPTIONS },
    { name: 'categories', type: 'enum[]', label: 'Ещё категории (любая из)', options: CATEGORY_OPTIONS },
    { name: 'valid', type: 'boolean', label: 'Только действующая на дату' },
  ]),
  person('staff.experience', 'Педагоги с педагогическим стажем [от; до) лет', 'directory', [
    { name: 'min', type: 'number', label: 'Стаж от (лет, включительно)' },
    { name: 'max', type: 'number', label: 'Стаж до (лет, не включая)' },
  ]),
  person('staff.load_over', 'Педагоги с учебной нагрузкой выше порога', 'directory', [
    { name: 'hours', type: 'number', label: 'Порог нагрузки, часов в неделю (по умолчанию из настроек)' },
  ]),
  person('staff.rates_over', 'Педагоги, работающие более чем на N ставок', 'directory', [
    { name: 'rates', type: 'number', label: 'Порог ставок (по умолчанию из настроек)' },
  ]),
  person('staff.outside_profile', 'Педагоги, работающие не по профилю («условные специалисты»)', 'directory'),
  person('staff.part_time', 'Педагоги-совместители', 'directory', [
    {
      name: 'kind',
      type: 'enum',
      label: 'Вид совместительства',
      required: true,
      options: [
        { value: 'internal', label: 'внутреннее' },
        { value: 'external', label: 'внешнее' },
        { value: 'any', label: 'любое' },
      ],
    },
  ]),
  person('staff.retrained', 'Педагоги, прошедшие профессиональную переподготовку', 'catalog'),
  person('assessment.assessed', 'Педагоги, прошедшие оценку компетенций в периоде', 'assessment', [
    frameworkParam,
  ]),
  person('assessment.with_deficit', 'Педагоги с выявленными дефицитами (из прошедших оценку)', 'assessment', [
    frameworkParam,
  ]),
  person('assessment.burnout_high', 'Педагоги с высоким риском выгорания', 'assessment'),
  person('routes.formed', 'Педагоги, для которых сформирован ИОМ по результатам оценки', 'routes'),
  {
    code: 'routes.total',
    label: 'ИОМ, сформированные в периоде',
    memberKind: 'route',
    params: [],
    module: 'routes',
    population: true,
    emptyWord: 'маршрута',
  },
  {
    code: 'routes.with_curator',
    label: 'ИОМ с закреплённым куратором',
    memberKind: 'route',
    params: [],
    module: 'routes',
    population: true,
    emptyWord: 'маршрута',
  },
  person('routes.completed', 'Педагоги, завершившие ИОМ в периоде', 'routes'),
  person('routes.with_topic', 'Педагоги с ИОМ, включающим ПК по направлению', 'routes', [
    {
      name: 'direction',
      type: 'enum',
      label: 'Приоритетное направление',
      required: true,
      options: DIRECTION_OPTIONS,
    },
  ]),
  person('routes.completed_with_topic', 'Педагоги, реализовавшие ИОМ с ПК по направлению', 'routes', [
    {
      name: 'direction',
      type: 'enum',
      label: 'Приоритетное направление',
      required: true,
      options: DIRECTION_OPTIONS,
    },
  ]),
  person('trainings.people', 'Педагоги, прошедшие обучение в периоде', 'catalog', [
    {
      name: 'direction',
      type: 'enum',
      label: 'Приоритетное направление программы',
      options: DIRECTION_OPTIONS,
    },
    { name: 'federalRegistry', type: 'boolean', label: 'Программа из федерального реестра' },
    {
      name: 'document',
      type: 'enum',
      label: 'Документ',
      options: [
        { value: 'certificate', label: 'удостоверение (ПК)' },
        { value: 'diploma', label: 'диплом (ПП)' },
      ],
    },
  ]),
  person('trainings.due', 'Педагоги, которым подошёл срок повышения квалификации', 'catalog', [
    { name: 'years', type: 'number', label: 'Периодичность, лет (по умолчанию 3)' },
  ]),
  person('staff.subject', 'Педагоги, преподающие предмет (по основному месту работы)', 'directory', [
    { name: 'subject', type: 'string', label: 'Предмет', required: true },
  ]),
  person('staff.org_flag', 'Педагоги организаций с признаком', 'directory', [
    { name: 'flag', type: 'enum', label: 'Признак организации', required: true, options: opts(ORG_FLAGS) },
  ]),
  person(
    'events.participants',
    'Педагоги, принявшие участие в мероприятиях в периоде (присутствие подтверждено)',
    'events',
    [
      { name: 'role', type: 'enum', label: 'Роль', options: opts(REGISTRATION_ROLES) },
      {
        name: 'outcomes',
        type: 'enum[]',
        label: 'Итог конкурса (любой из; опубликованные итоги)',
        options: opts(CONTEST_OUTCOMES),
      },
      ...EVENT_PARAMS,
    ],
  ),
  person(
    'events.presenters',
    'Педагоги, представившие опыт на мероприятиях в периоде',
    'events',
    EVENT_PARAMS,
  ),
  person(
    'events.contest_winners',
    'Победители и призёры конкурсов профессионального мастерства в периоде (опубликованные итоги)',
    'events',
    EVENT_PARAMS,
  ),
  person('mentoring.mentees', 'Наставляемые с действующим наставником на дату', 'mentoring', [
    FORM_PARAM,
    IN_PERIOD_PARAM,
    {
      name: 'mentorMembership',
      type: 'enum',
      label: 'Наставник входит в',
      options: opts(MEMBERSHIP_KINDS),
    },
  ]),
  person('mentoring.mentors', 'Действующие наставники (есть наставляемый) на дату', 'mentoring', [
    FORM_PARAM,
    IN_PERIOD_PARAM,
  ]),
  person(
    'mentoring.participants',
    'Участники программ наставничества (наставники и наставляемые)',
    'mentoring',
    [FORM_PARAM, IN_PERIOD_PARAM],
  ),
  person(
    'mentoring.supported',
    'Педагоги в формах поддержки: наставляемые, участники школы или совета молодых педагогов',
    'mentoring',
    [IN_PERIOD_PARAM],
  ),
  {
    code: 'mentoring.mentorships',
    label: 'Действующие пары и группы наставничества',
    memberKind: 'value',
    params: [FORM_PARAM, IN_PERIOD_PARAM],
    module: 'mentoring',
    population: false,
    emptyWord: 'пары',
  },
  orgMeasure(
    'mentoring.orgs_implementing',
    'Организации, реализующие целевую модель наставничества (программа и действующие пары)',
  ),
  orgMeasure('mentoring.orgs_with_order', 'Организации с программой наставничества и приказом о наставниках'),
  person('communities.members', 'Участники методических объединений и сообществ на дату', 'communities', [
    ...COMMUNITY_PARAMS,
    IN_PERIOD_PARAM,
  ]),
  communityCount('communities.active', 'Действующие объединения (проведено заседание в периоде)'),
  communityCount('communities.meetings', 'Проведённые заседания объединений в периоде'),
  person(
    'communities.memberships',
    'Участники актива, экспертного сообщества, резерва на дату',
    'communities',
    [{ name: 'kind', type: 'enum', label: 'Состав', required: true, options: opts(MEMBERSHIP_KINDS) }],
  ),
  person('communities.reserve_trained', 'Резервисты, выполнившие план подготовки', 'communities', [
    {
      name: 'kind',
      type: 'enum',
      label: 'Резерв',
      options: [
        { value: 'manager_reserve', label: MEMBERSHIP_KINDS.manager_reserve },
        { value: 'regional_reserve_bank', label: MEMBERSHIP_KINDS.regional_reserve_bank },
      ],
    },
  ]),
  eventCount('events.planned', 'Мероприятия утверждённых планов в периоде'),
  eventCount('events.held', 'Проведённые мероприятия (есть подтверждённое присутствие)'),
  eventCount('events.achieved', 'Мероприятия, достигшие прогнозируемого результата'),
  {
    code: 'practices.published',
    label: 'Материалы и практики, опубликованные в банке практик в периоде',
    memberKind: 'value',
    params: [
      { name: 'kind', type: 'enum', label: 'Вид', options: opts(PRACTICE_KINDS) },
      { name: 'level', type: 'enum', label: 'Уровень апробации', options: opts(APPROBATION_LEVELS) },
    ],
    module: 'practices',
    population: false,
    emptyWord: 'материала',
  },
  {
    code: 'orgs.total',
    label: 'Образовательные организации',
    memberKind: 'organization',
    params: [{ name: 'kinds', type: 'enum[]', label: 'Типы организаций', options: ORG_KIND_OPTIONS }],
    module: 'organizations',
    population: false,
    emptyWord: 'организации',
  },
  {
    code: 'orgs.flag',
    label: 'Организации с признаком',
    memberKind: 'organization',
    params: [
      { name: 'flag', type: 'enum', label: 'Признак', required: true, options: opts(ORG_FLAGS) },
      { name: 'kinds', type: 'enum[]', label: 'Типы организаций', options: ORG_KIND_OPTIONS },
    ],
    module: 'organizations',
    population: false,
    emptyWord: 'организации',
  },
  {
    code: 'vacancies.open',
    label: 'Открытые вакансии на дату',
    memberKind: 'vacancy',
    params: [
      { name: 'subject', type: 'string', label: 'Предмет' },
      { name: 'zemsky', type: 'boolean', label: 'Только «Земский учитель»' },
    ],
    module: 'vacancies',
    population: false,
    emptyWord: 'вакансии',
  },
  {
    code: 'staffing.rates',
    label: 'Ставки по штатному расписанию',
    memberKind: 'value',
    params: [
      {
        name: 'category',
        type: 'enum',
        label: 'Категория',
        required: true,
        options: [
          { value: 'pedagogical', label: 'педагогические' },
          { value: 'managerial', label: 'руководящие' },
        ],
      },
      {
        name: 'what',
        type: 'enum',
        label: 'Что',
        required: true,
        options: [
          { value: 'total', label: 'всего ставок' },
          { value: 'occupied', label: 'занято ставок' },
        ],
      },
    ],
    module: 'staffing',
    population: false,
    emptyWord: 'ставки',
  },
];

const BY_CODE = new Map(MEASURES.map((m) => [m.code, m]));

/** A manual measure: any code after `manual:`; its label comes from the presets' list when known. */
export function manualMeasureDef(code: string): MeasureDef {
  return {
    code,
    label: `Ручная мера ${code.replace(/^manual:/, '')}`,
    memberKind: 'value',
    params: [],
    module: 'manual',
    population: false,
    emptyWord: 'значения',
  };
}

export const MANUAL_CODE = /^manual:[a-z0-9_.-]+$/i;

export function measureByCode(code: string): MeasureDef | undefined {
  if (MANUAL_CODE.test(code)) return manualMeasureDef(code);
  return BY_CODE.get(code);
}
