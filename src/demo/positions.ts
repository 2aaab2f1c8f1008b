import type { Rng } from './prng.ts';

/**
 * Positions of pedagogical and managerial staff by kind of organisation, with the subjects a
 * position teaches and its weekly hours per full rate (ставка): 18 h for teachers, 36 h for
 * воспитатель, 24 h for музыкальный руководитель, 20 h for учитель-логопед, and so on
 * (приказ Минобрнауки № 1601). `loadHours` in the data is weekly hours, so it is rate × norm.
 */
export interface PositionSpec {
  position: string;
  /** Subjects taught, or a choice of one, e.g. a coach's sport. */
  subjects: readonly string[] | { oneOf: readonly string[] };
  /** Weekly hours for one rate. */
  norm: number;
  /** Teaching positions have a teaching load (учебная нагрузка) that varies person to person. */
  teaching: boolean;
  /** Share of men in the position. */
  male: number;
}

export type StaffProfile =
  | 'school'
  | 'primary_kindergarten'
  | 'preschool'
  | 'sports'
  | 'arts'
  | 'methodical'
  | 'vocational';

const teacher = (position: string, subjects: readonly string[], male = 0.1): PositionSpec => ({
  position,
  subjects,
  norm: 18,
  teaching: true,
  male,
});
const specialist = (position: string, norm: number, male = 0.05): PositionSpec => ({
  position,
  subjects: [],
  norm,
  teaching: false,
  male,
});

export const POSITIONS = {
  primary: teacher('Учитель начальных классов', ['Начальные классы'], 0.02),
  russian: teacher('Учитель русского языка и литературы', ['Русский язык', 'Литература'], 0.03),
  math: teacher('Учитель математики', ['Математика'], 0.12),
  english: teacher('Учитель английского языка', ['Английский язык'], 0.05),
  german: teacher('Учитель немецкого языка', ['Немецкий язык'], 0.05),
  history: teacher('Учитель истории и обществознания', ['История', 'Обществознание'], 0.25),
  physics: teacher('Учитель физики', ['Физика'], 0.3),
  chemistry: teacher('Учитель химии', ['Химия'], 0.1),
  biology: teacher('Учитель биологии', ['Биология'], 0.1),
  geography: teacher('Учитель географии', ['География'], 0.2),
  informatics: teacher('Учитель информатики', ['Информатика'], 0.4),
  pe: teacher('Учитель физической культуры', ['Физическая культура'], 0.55),
  technology: teacher('Учитель труда (технологии)', ['Труд (технология)'], 0.45),
  music: teacher('Учитель музыки', ['Музыка'], 0.1),
  art: teacher('Учитель изобразительного искусства', ['Изобразительное искусство'], 0.1),
  obzr: teacher('Учитель ОБЗР', ['Основы безопасности и защиты Родины'], 0.7),
  psychologist: specialist('Педагог-психолог', 36),
  socialPedagogue: specialist('Социальный педагог', 36),
  speechTherapist: specialist('Учитель-логопед', 20, 0),
  defectologist: specialist('Учитель-дефектолог', 20, 0),
  organizer: specialist('Педагог-организатор', 36, 0.15),
  advisor: specialist(
    'Советник директора по воспитанию и взаимодействию с детскими общественными объединениями',
    36,
    0.2,
  ),
  librarian: specialist('Педагог-библиотекарь', 36, 0),
  tutor: specialist('Тьютор', 36, 0.05),
  educator: specialist('Воспитатель', 36, 0.01),
  seniorEducator: specialist('Старший воспитатель', 36, 0),
  musicDirector: specialist('Музыкальный руководитель', 24, 0.05),
  peInstructor: specialist('Инструктор по физической культуре', 30, 0.1),
  methodist: specialist('Методист', 36, 0.1),
  instructorMethodist: specialist('Инструктор-методист', 36, 0.4),
  accompanist: specialist('Концертмейстер', 24, 0.2),
  coach: {
    position: 'Тренер-преподаватель',
    subjects: {
      oneOf: [
        'Лыжные гонки',
        'Футбол',
        'Волейбол',
        'Баскетбол',
        'Бокс',
        'Лёгкая атлетика',
        'Хоккей',
        'Вольная борьба',
        'Настольный теннис',
      ],
    },
    norm: 18,
    teaching: true,
    male: 0.65,
  },
  additionalEducator: {
    position: 'Педагог дополнительного образования',
    subjects: {
      oneOf: [
        'Хореография',
        'Вокал',
        'Декоративно-прикладное творчество',
        'Робототехника',
        'Изобразительное искусство',
        'Театральное искусство',
        'Шахматы',
        'Туризм и краеведение',
        'Журналистика',
        'Английский язык',
      ],
    },
    norm: 18,
    teaching: true,
    male: 0.2,
  },
  lecturer: {
    position: 'Преподаватель',
    subjects: {
      oneOf: [
        'Математика',
        'Русский язык',
        'Информатика',
        'Физика',
        'История',
        'Экономика',
        'Электротехника',
        'Технология машиностроения',
        'Сварочное производство',
        'Сестринское дело',
        'Бухгалтерский учёт',
      ],
    },
    norm: 18,
    teaching: true,
    male: 0.35,
  },
  vocationalMaster: specialist('Мастер производственного обучения', 36, 0.6),
} as const satisfies Record<string, PositionSpec>;

export type PositionKey = keyof typeof POSITIONS;

interface Profile {
  /** Added once each, in this order, when the organisation has at least `from` pedagogical staff. */
  mandatory: readonly { key: PositionKey; from: number }[];
  /** The rest of the pedagogical staff, by weight. */
  deck: readonly (readonly [PositionKey, number])[];
  /** Managerial positions, the head first; a longer staff takes more of them. */
  managers: readonly string[];
}

const SCHOOL_MANAGERS = [
  'Директор',
  'Заместитель директора по учебно-воспитательной работе',
  'Заместитель директора по воспитательной работе',
  'Заместитель директора по учебной работе',
  'Заместитель директора по научно-методической работе',
  'Заместитель директора по административно-хозяйственной работе',
];

export const PROFILES: Record<StaffProfile, Profile> = {
  school: {
    mandatory: [
      { key: 'psychologist', from: 10 },
      { key: 'socialPedagogue', from: 15 },
      { key: 'advisor', from: 15 },
      { key: 'speechTherapist', from: 22 },
      { key: 'organizer', from: 28 },
      { key: 'librarian', from: 32 },
      { key: 'tutor', from: 38 },
    ],
    deck: [
      ['primary', 26],
      ['russian', 14],
      ['math', 13],
      ['english', 8],
      ['german', 1],
      ['history', 6],
      ['physics', 3],
      ['chemistry', 2],
      ['biology', 3],
      ['geography', 2],
      ['informatics', 3],
      ['pe', 7],
      ['technology', 3],
      ['music', 2],
      ['art', 2],
      ['obzr', 2],
    ],
    managers: SCHOOL_MANAGERS,
  },
  primary_kindergarten: {
    mandatory: [
      { key: 'psychologist', from: 8 },
      { key: 'musicDirector', from: 8 },
      { key: 'speechTherapist', from: 10 },
    ],
    deck: [
      ['primary', 55],
      ['educator', 35],
      ['english', 5],
      ['pe', 5],
    ],
    managers: ['Директор', 'Заместитель директора по учебно-воспитательной работе'],
  },
  preschool: {
    mandatory: [
      { key: 'seniorEducator', from: 8 },
      { key: 'musicDirector', from: 8 },
      { key: 'speechTherapist', from: 12 },
      { key: 'peInstructor', from: 14 },
      { key: 'psychologist', from: 16 },
      { key: 'musicDirector', from: 24 },
      { key: 'defectologist', from: 26 },
    ],
    deck: [['educator', 1]],
    managers: [
      'Заведующий',
      'Заместитель заведующего по воспитательно-методической работе',
      'Заместитель заведующего по административно-хозяйственной работе',
      'Заместитель заведующего по учебно-воспитательной работе',
    ],
  },
  sports: {
    mandatory: [
      { key: 'instructorMethodist', from: 6 },
      { key: 'methodist', from: 12 },
    ],
    deck: [['coach', 1]],
    managers: [
      'Директор',
      'Заместитель директора по спортивной работе',
      'Заместитель директора по учебно-воспитательной работе',
      'Заместитель директора по административно-хозяйственной работе',
    ],
  },
  arts: {
    mandatory: [
      { key: 'methodist', from: 6 },
      { key: 'organizer', from: 8 },
      { key: 'accompanist', from: 10 },
      { key: 'psychologist', from: 12 },
    ],
    deck: [['additionalEducator', 1]],
    managers: [
      'Директор',
      'Заместитель директора по учебно-воспитательной работе',
      'Заместитель директора по научно-методической работе',
      'Заместитель директора по административно-хозяйственной работе',
    ],
  },
  methodical: {
    mandatory: [],
    deck: [['methodist', 1]],
    managers: ['Директор', 'Заместитель директора'],
  },
  vocational: {
    mandatory: [
      { key: 'psychologist', from: 10 },
      { key: 'socialPedagogue', from: 12 },
      { key: 'methodist', from: 15 },
    ],
    deck: [
      ['lecturer', 7],
      ['vocationalMaster', 3],
    ],
    managers: [
      'Директор',
      'Заместитель директора по учебной работе',
      'Заместитель директора по учебно-производственной работе',
      'Заместитель директора по воспитательной работе',
      'Заместитель директора по административно-хозяйственной работе',
    ],
  },
};

export function subjectsOf(rng: Rng, spec: PositionSpec): string[] {
  return 'oneOf' in spec.subjects ? [rng.pick(spec.subjects.oneOf)] : [...spec.subjects];
}
