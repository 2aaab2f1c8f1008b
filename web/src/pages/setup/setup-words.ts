import type { Answer } from '../../api/client.ts';
import type { ImportKind } from '../../api/types.ts';
import { plural } from '../../lib/words.ts';

export type SetupStatus = Answer<'/api/setup', 'get'>;
export type SetupStep = SetupStatus['steps'][number];
export type SetupStepKey = SetupStep['key'];

interface StepText {
  title: string;
  /** What the step opens up, in the words of the person setting up. */
  unlocks: string;
  /** «Организаций: 3», or the word for none yet. */
  count: (n: number) => string;
  /** The registry import behind the step, if it is one. */
  importKind?: ImportKind;
}

const counted = (one: string, few: string, many: string) => (n: number) =>
  n === 0 ? 'пока нет' : `${n} ${plural(n, one, few, many)}`;

export const STEP_TEXT: Record<SetupStepKey, StepText> = {
  region: {
    title: 'Регион',
    unlocks:
      'Открывает: муниципалитеты региона, учётную запись регионального оператора, сравнение муниципалитетов.',
    count: counted('регион', 'региона', 'регионов'),
  },
  municipalities: {
    title: 'Муниципалитеты',
    unlocks:
      'Открывает: учётные записи методистов и руководителей органов управления образованием. Муниципалитеты, которых нет, добавит и загрузка организаций — по столбцу «Муниципалитет».',
    count: counted('муниципалитет', 'муниципалитета', 'муниципалитетов'),
  },
  methodist: {
    title: 'Первый методист',
    unlocks:
      'Открывает: методист ведёт реестр своего муниципалитета — загружает таблицы, приглашает педагогов, проводит диагностику и сопровождает маршруты.',
    count: counted('методист', 'методиста', 'методистов'),
  },
  organizations: {
    title: 'Организации',
    unlocks:
      'Открывает: загрузку сотрудников, вакансий и штатного расписания; карточки организаций; приглашение руководителей.',
    count: counted('организация', 'организации', 'организаций'),
    importKind: 'orgs',
  },
  staff: {
    title: 'Педагогические кадры',
    unlocks:
      'Открывает: реестр кадров с возрастом, стажем, категориями и нагрузкой; диагностику и маршруты педагогов; показатели кадрового состава.',
    count: counted('сотрудник', 'сотрудника', 'сотрудников'),
    importKind: 'staff',
  },
  vacancies: {
    title: 'Вакансии',
    unlocks:
      'Открывает: показатели вакансий и потребности в кадрах, в том числе по программе «Земский учитель».',
    count: counted('вакансия', 'вакансии', 'вакансий'),
    importKind: 'vacancies',
  },
  staffing: {
    title: 'Штатное расписание',
    unlocks: 'Открывает: показатели укомплектованности педагогическими и административными ставками.',
    count: counted('запись', 'записи', 'записей'),
    importKind: 'staffing',
  },
  invitations: {
    title: 'Приглашения педагогов',
    unlocks:
      'Открывает: педагоги входят в свой кабинет — проходят диагностику, видят свой маршрут, курсы и мероприятия.',
    count: counted('педагог приглашён', 'педагога приглашены', 'педагогов приглашены'),
  },
};
