import { TEACHER_FRAMEWORK } from '../frameworks/presets.ts';
import type { InstrumentContent, InstrumentKind } from './content.ts';

export interface InstrumentPreset {
  code: string;
  name: string;
  kind: InstrumentKind;
  /** Code of the framework preset the items' competency codes belong to. */
  frameworkCode: string | null;
  content: InstrumentContent;
}

const FREQUENCY = ['никогда', 'очень редко', 'редко', 'иногда', 'часто', 'очень часто', 'ежедневно'];

/** The 22 statements of the MBI as adapted by Н.Е. Водопьянова (version for teachers). */
export const MBI_ITEMS = [
  'Я чувствую себя эмоционально опустошенным.',
  'После работы я чувствую себя как «выжатый лимон».',
  'Утром я чувствую усталость и нежелание идти на работу.',
  'Я хорошо понимаю, что чувствуют мои ученики и коллеги, и стараюсь учитывать это в интересах дела.',
  'Я чувствую, что общаюсь с некоторыми учениками и коллегами как с предметами (без теплоты и расположения к ним).',
  'После работы на некоторое время хочется уединиться от всех и всего.',
  'Я умею находить правильное решение в конфликтных ситуациях, возникающих при общении с коллегами.',
  'Я чувствую угнетенность и апатию.',
  'Я уверен, что моя работа нужна людям.',
  'В последнее время я стал более «черствым» по отношению к тем, с кем работаю.',
  'Я замечаю, что моя работа ожесточает меня.',
  'У меня много планов на будущее, и я верю в их осуществление.',
  'Моя работа все больше меня разочаровывает.',
  'Мне кажется, что я слишком много работаю.',
  'Бывает, что мне действительно безразлично то, что происходит с некоторыми моими учениками и коллегами.',
  'Мне хочется уединиться и отдохнуть от всего и всех.',
  'Я легко могу создать атмосферу доброжелательности и сотрудничества в коллективе.',
  'Во время работы я чувствую приятное оживление.',
  'Благодаря своей работе я уже сделал в жизни много действительно ценного.',
  'Я чувствую равнодушие и потерю интереса ко многому, что радовало меня в моей работе.',
  'На работе я спокойно справляюсь с эмоциональными проблемами.',
  'В последнее время мне кажется, что коллеги и ученики всё чаще перекладывают на меня груз своих проблем и обязанностей.',
];

export const MBI_KEY = {
  EE: [1, 2, 3, 6, 8, 13, 14, 16, 20],
  DP: [5, 10, 11, 15, 22],
  PA: [4, 7, 9, 12, 17, 18, 19, 21],
} as const;

const mbiId = (n: number) => `q${n}`;

export const BURNOUT_PRESET: InstrumentPreset = {
  code: 'burnout-mbi-vodopyanova',
  name: 'Профессиональное выгорание (MBI, адаптация Н.Е. Водопьяновой)',
  kind: 'burnout',
  frameworkCode: null,
  content: {
    items: MBI_ITEMS.map((text, i) => ({
      id: mbiId(i + 1),
      text,
      kind: 'scale' as const,
      scale: { min: 0, max: 6, labels: FREQUENCY },
    })),
    scales: [
      {
        code: 'EE',
        name: 'Эмоциональное истощение',
        itemIds: MBI_KEY.EE.map(mbiId),
        levels: [
          { level: 'low', min: 0, max: 15, label: 'Низкий уровень' },
          { level: 'medium', min: 16, max: 24, label: 'Средний уровень' },
          { level: 'high', min: 25, max: 54, label: 'Высокий уровень' },
        ],
      },
      {
        code: 'DP',
        name: 'Деперсонализация',
        itemIds: MBI_KEY.DP.map(mbiId),
        levels: [
          { level: 'low', min: 0, max: 5, label: 'Низкий уровень' },
          { level: 'medium', min: 6, max: 10, label: 'Средний уровень' },
          { level: 'high', min: 11, max: 30, label: 'Высокий уровень' },
        ],
      },
      {
        // Scored directly as personal accomplishment: a LOW sum means HIGH reduction.
        code: 'PA',
        name: 'Редукция профессиональных достижений',
        itemIds: MBI_KEY.PA.map(mbiId),
        levels: [
          { level: 'high', min: 0, max: 30, label: 'Высокая редукция достижений' },
          { level: 'medium', min: 31, max: 36, label: 'Средняя редукция достижений' },
          { level: 'low', min: 37, max: 48, label: 'Низкая редукция достижений' },
        ],
      },
    ],
  },
};

const opt = (id: string, text: string, correct = false) => ({ id, text, ...(correct ? { correct } : {}) });

export const DEMO_TEST_PRESET: InstrumentPreset = {
  code: 'teacher-demo-test',
  name: 'Диагностика профессиональных компетенций педагога (демонстрационный тест)',
  kind: 'test',
  frameworkCode: TEACHER_FRAMEWORK.code,
  content: {
    items: [
      {
        id: 'd1',
        kind: 'single',
        competencyCode: 'T-METH-01',
        text: 'Какой документ определяет планируемые результаты освоения учебного предмета в конкретной школе?',
        options: [
          opt('a', 'Рабочая программа учебного предмета', true),
          opt('b', 'Классный журнал'),
          opt('c', 'Устав образовательной организации'),
          opt('d', 'Должностная инструкция учителя'),
        ],
      },
      {
        id: 'd2',
        kind: 'multiple',
        competencyCode: 'T-METH-02',
        text: 'Какие из приёмов относятся к формирующему оцениванию?',
        options: [
          opt('a', 'Самооценка по критериям', true),
          opt('b', 'Взаимооценка с обратной связью', true),
          opt('c', 'Итоговая годовая отметка'),
          opt('d', 'Рейтинг класса по итогам четверти'),
        ],
      },
      {
        id: 'd3',
        kind: 'single',
        competencyCode: 'T-SUBJ-03',
        text: 'Какая из составляющих не входит в функциональную грамотность по модели PISA?',
        options: [
          opt('a', 'Читательская грамотность'),
          opt('b', 'Математическая грамотность'),
          opt('c', 'Каллиграфическая грамотность', true),
          opt('d', 'Естественнонаучная грамотность'),
        ],
      },
      {
        id: 'd4',
        kind: 'single',
        competencyCode: 'T-PSY-02',
        text: 'Кто определяет специальные условия обучения ребёнка с ОВЗ?',
        options: [
          opt('a', 'Психолого-медико-педагогическая комиссия', true),
          opt('b', 'Классный руководитель'),
          opt('c', 'Родительский комитет'),
        ],
      },
      {
        id: 'd5',
        kind: 'multiple',
        competencyCode: 'T-METH-03',
        text: 'Что относится к ресурсам цифровой образовательной среды?',
        options: [
          opt('a', 'Федеральная государственная информационная система «Моя школа»', true),
          opt('b', 'Библиотека цифрового образовательного контента', true),
          opt('c', 'Бумажный классный журнал'),
        ],
      },
      {
        id: 'd6',
        kind: 'single',
        competencyCode: 'T-COMM-02',
        text: 'Родитель недоволен отметкой ребёнка. С чего лучше начать разговор?',
        options: [
          opt('a', 'Выслушать родителя и показать критерии оценивания работы', true),
          opt('b', 'Сразу направить родителя к директору'),
          opt('c', 'Исправить отметку, чтобы избежать конфликта'),
        ],
      },
      {
        id: 'd7',
        kind: 'single',
        competencyCode: 'T-PSY-03',
        text: 'Какой документ школы определяет содержание воспитательной работы?',
        options: [
          opt('a', 'Рабочая программа воспитания', true),
          opt('b', 'Учебный план'),
          opt('c', 'Расписание уроков'),
        ],
      },
    ],
  },
};

export const SELF_ASSESSMENT_PRESET: InstrumentPreset = {
  code: 'teacher-self-assessment',
  name: 'Самооценка профессиональных компетенций педагога',
  kind: 'self_assessment',
  frameworkCode: TEACHER_FRAMEWORK.code,
  content: {
    items: TEACHER_FRAMEWORK.groups.flatMap((g) =>
      g.competencies.map((comp) => ({
        id: comp.code,
        kind: 'scale' as const,
        competencyCode: comp.code,
        text: `${comp.name}. ${comp.description}`,
        scale: {
          min: 1,
          max: 5,
          labels: ['совсем не про меня', 'скорее нет', 'отчасти', 'скорее да', 'полностью про меня'],
        },
      })),
    ),
  },
};

export const INSTRUMENT_PRESETS: Record<string, InstrumentPreset> = {
  [BURNOUT_PRESET.code]: BURNOUT_PRESET,
  [DEMO_TEST_PRESET.code]: DEMO_TEST_PRESET,
  [SELF_ASSESSMENT_PRESET.code]: SELF_ASSESSMENT_PRESET,
};
