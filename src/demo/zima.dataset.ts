import type { OrgKind } from '../directory/vocabulary.ts';
import type { Dataset, EmploymentRow, OrganizationRow, PersonRow } from './dataset.ts';
import { makeOrgInn } from './identifiers.ts';
import { POSITIONS, type PositionKey, type StaffProfile } from './positions.ts';
import { createRng, hashSeed } from './prng.ts';
import { CATEGORY_MIX, type OrgPlan, StaffGenerator } from './staff.generator.ts';

/**
 * The demo municipality: г. Зима, Иркутская область, as seed 001 describes it on 27 January
 * 2022 — 19 organisations, 476 pedagogical staff on main employment (schools 263, ДОУ 188,
 * ДО 25) and 56 managers (28, 20, 8). The people are invented; the shape is the town's.
 */
export const ZIMA_REGION = { code: '38', name: 'Иркутская область' } as const;
export const ZIMA_MUNICIPALITY = {
  code: '25715000',
  name: 'Зиминское городское муниципальное образование',
} as const;
export const ZIMA_SEED = 2026;
/**
 * The day the demo's people are generated for (ages, experience, category dates): fixed, so the
 * demo has the same people whatever day it is loaded and the sample files in docs/samples match it.
 */
export const ZIMA_AS_OF = '2026-09-01';

/** Irkutsk tax office that registers the town's organisations. */
const ZIMA_TAX_OFFICE = '3814';

interface ZimaOrg {
  code: string;
  slug: string;
  fullName: string;
  shortName: string;
  kind: OrgKind;
  profile: StaffProfile;
  pedMain: number;
  managers: number;
  externalOnly?: number;
  lowResults?: boolean;
  internshipPlatform?: boolean;
  innovationPlatform?: 'federal' | 'regional' | 'municipal';
  mentoringRegulation: boolean;
}

const MBOU = 'Муниципальное бюджетное общеобразовательное учреждение';
const MBDOU = 'Муниципальное бюджетное дошкольное образовательное учреждение';
const MBU_DO = 'Муниципальное бюджетное учреждение дополнительного образования';

const school = (n: number, pedMain: number, managers: number, extra: Partial<ZimaOrg> = {}): ZimaOrg => ({
  code: `ZIMA-SOSH${n}`,
  slug: `sosh${n}`,
  fullName: `${MBOU} «Средняя общеобразовательная школа № ${n}»`,
  shortName: `МБОУ «СОШ № ${n}»`,
  kind: 'school',
  profile: 'school',
  pedMain,
  managers,
  mentoringRegulation: true,
  ...extra,
});

const kindergarten = (
  n: number,
  pedMain: number,
  managers: number,
  extra: Partial<ZimaOrg> = {},
): ZimaOrg => ({
  code: `ZIMA-DS${n}`,
  slug: `ds${n}`,
  fullName: `${MBDOU} «Детский сад № ${n}»`,
  shortName: `МБДОУ «Детский сад № ${n}»`,
  kind: 'preschool',
  profile: 'preschool',
  pedMain,
  managers,
  mentoringRegulation: true,
  ...extra,
});

/** The 19 organisations in the order 001 lists them, with their share of the town's staff. */
export const ZIMA_ORGS: readonly ZimaOrg[] = [
  school(1, 34, 4),
  school(5, 30, 3),
  school(7, 32, 3),
  school(8, 28, 3),
  school(9, 24, 3, { lowResults: true }),
  school(10, 30, 3),
  school(26, 33, 3),
  {
    code: 'ZIMA-LICEY',
    slug: 'licey',
    fullName: `${MBOU} «Зиминский лицей»`,
    shortName: 'МБОУ «Зиминский лицей»',
    kind: 'school',
    profile: 'school',
    pedMain: 40,
    managers: 4,
    internshipPlatform: true,
    innovationPlatform: 'regional',
    mentoringRegulation: true,
  },
  {
    code: 'ZIMA-NSHDS11',
    slug: 'nshds11',
    fullName: `${MBOU} «Начальная школа-Детский сад № 11»`,
    shortName: 'МБОУ «НШ-ДС № 11»',
    kind: 'school',
    profile: 'primary_kindergarten',
    pedMain: 12,
    managers: 2,
    mentoringRegulation: false,
  },
  kindergarten(4, 22, 2),
  kindergarten(10, 20, 2),
  kindergarten(14, 24, 3),
  kindergarten(15, 21, 2),
  kindergarten(16, 23, 2),
  // № 56 includes its structural unit (структурное подразделение), as 001 lists it.
  kindergarten(56, 30, 4, { innovationPlatform: 'municipal' }),
  kindergarten(171, 25, 3),
  kindergarten(212, 23, 2, { mentoringRegulation: false }),
  {
    code: 'ZIMA-DYUSSH',
    slug: 'dyussh',
    fullName: `${MBU_DO} «Детско-юношеская спортивная школа имени Г.М. Сергеева»`,
    shortName: 'МБУ ДО «ДЮСШ им. Г.М. Сергеева»',
    kind: 'additional',
    profile: 'sports',
    pedMain: 13,
    managers: 4,
    mentoringRegulation: false,
  },
  {
    code: 'ZIMA-DDT',
    slug: 'ddt',
    fullName: `${MBU_DO} «Зиминский дом детского творчества»`,
    shortName: 'МБУ ДО «Зиминский ДДТ»',
    kind: 'additional',
    profile: 'arts',
    pedMain: 12,
    managers: 4,
    mentoringRegulation: true,
  },
];

/** Codes of the organisations the demo logins are tied to. */
export const ZIMA_CODES = { school1: 'ZIMA-SOSH1', lyceum: 'ZIMA-LICEY' } as const;

type Who = { manager: string } | { position: PositionKey };

interface PartTime {
  kind: 'internal' | 'external';
  from: string;
  who: Who;
  to: string;
  position: PositionKey;
  subjects?: string[];
  loadHours?: number;
  rate?: number;
  outsideProfile?: boolean;
}

/**
 * Fifteen pedagogical part-time jobs: managers who teach, teachers with a second position, and
 * teachers of one organisation who also work at another — some outside their profile.
 */
const PART_TIME: readonly PartTime[] = [
  {
    kind: 'internal',
    from: 'ZIMA-SOSH1',
    who: { manager: 'Заместитель директора по учебно-воспитательной работе' },
    to: 'ZIMA-SOSH1',
    position: 'math',
    loadHours: 6,
  },
  {
    kind: 'internal',
    from: 'ZIMA-LICEY',
    who: { manager: 'Директор' },
    to: 'ZIMA-LICEY',
    position: 'physics',
    loadHours: 4,
  },
  {
    kind: 'internal',
    from: 'ZIMA-SOSH5',
    who: { manager: 'Заместитель директора по учебно-воспитательной работе' },
    to: 'ZIMA-SOSH5',
    position: 'russian',
    loadHours: 8,
  },
  {
    kind: 'internal',
    from: 'ZIMA-SOSH26',
    who: { manager: 'Заместитель директора по воспитательной работе' },
    to: 'ZIMA-SOSH26',
    position: 'obzr',
    loadHours: 4,
    outsideProfile: true,
  },
  {
    kind: 'internal',
    from: 'ZIMA-DDT',
    who: { manager: 'Заместитель директора по учебно-воспитательной работе' },
    to: 'ZIMA-DDT',
    position: 'additionalEducator',
    subjects: ['Театральное искусство'],
    loadHours: 6,
  },
  {
    kind: 'internal',
    from: 'ZIMA-SOSH7',
    who: { position: 'informatics' },
    to: 'ZIMA-SOSH7',
    position: 'additionalEducator',
    subjects: ['Робототехника'],
    loadHours: 4,
  },
  {
    kind: 'internal',
    from: 'ZIMA-SOSH10',
    who: { position: 'history' },
    to: 'ZIMA-SOSH10',
    position: 'organizer',
    rate: 0.5,
  },
  {
    kind: 'internal',
    from: 'ZIMA-DS56',
    who: { position: 'educator' },
    to: 'ZIMA-DS56',
    position: 'additionalEducator',
    subjects: ['Хореография'],
    loadHours: 4,
  },
  {
    kind: 'external',
    from: 'ZIMA-SOSH8',
    who: { position: 'pe' },
    to: 'ZIMA-DYUSSH',
    position: 'coach',
    subjects: ['Лыжные гонки'],
    loadHours: 8,
  },
  {
    kind: 'external',
    from: 'ZIMA-SOSH1',
    who: { position: 'music' },
    to: 'ZIMA-DDT',
    position: 'additionalEducator',
    subjects: ['Вокал'],
    loadHours: 6,
  },
  {
    kind: 'external',
    from: 'ZIMA-LICEY',
    who: { position: 'physics' },
    to: 'ZIMA-SOSH9',
    position: 'physics',
    loadHours: 6,
  },
  {
    kind: 'external',
    from: 'ZIMA-SOSH26',
    who: { position: 'math' },
    to: 'ZIMA-SOSH9',
    position: 'physics',
    loadHours: 6,
    outsideProfile: true,
  },
  {
    kind: 'external',
    from: 'ZIMA-DS4',
    who: { position: 'musicDirector' },
    to: 'ZIMA-DS10',
    position: 'musicDirector',
    rate: 0.5,
  },
];

/** Two people whose only job in the town is external part-time (their main job is elsewhere). */
const EXTERNAL_ONLY: readonly {
  to: string;
  position: PositionKey;
  subjects: string[];
  loadHours: number;
  sex: 'm' | 'f';
  age: number;
}[] = [
  { to: 'ZIMA-DYUSSH', position: 'coach', subjects: ['Бокс'], loadHours: 9, sex: 'm', age: 66 },
  {
    to: 'ZIMA-DDT',
    position: 'additionalEducator',
    subjects: ['Хореография'],
    loadHours: 8,
    sex: 'f',
    age: 41,
  },
];

/** A second subject a teacher may be asked to cover in a school short of staff. */
const NEIGHBOUR_SUBJECT: Record<string, string> = {
  География: 'Биология',
  Биология: 'Химия',
  Физика: 'Информатика',
  Информатика: 'Физика',
  Химия: 'Биология',
  Математика: 'Физика',
  'Английский язык': 'Немецкий язык',
};

/** Eight vacancies: three of them «Земский учитель», three already closed. */
const VACANCIES: readonly {
  org: string;
  position: PositionKey;
  subject?: string;
  rate?: number;
  zemsky?: boolean;
  openedDaysAgo: number;
  closedAfterDays?: number;
}[] = [
  { org: 'ZIMA-SOSH9', position: 'math', zemsky: true, openedDaysAgo: 140 },
  { org: 'ZIMA-SOSH26', position: 'english', zemsky: true, openedDaysAgo: 95 },
  { org: 'ZIMA-LICEY', position: 'physics', openedDaysAgo: 60 },
  { org: 'ZIMA-SOSH7', position: 'primary', openedDaysAgo: 30 },
  { org: 'ZIMA-DS171', position: 'psychologist', rate: 0.5, openedDaysAgo: 75 },
  { org: 'ZIMA-DS14', position: 'educator', openedDaysAgo: 200, closedAfterDays: 45 },
  { org: 'ZIMA-DYUSSH', position: 'coach', subject: 'Лыжные гонки', openedDaysAgo: 250, closedAfterDays: 60 },
  { org: 'ZIMA-SOSH5', position: 'chemistry', zemsky: true, openedDaysAgo: 300, closedAfterDays: 120 },
];

export interface ZimaOptions {
  seed?: number;
  /** The date ages, experience and category dates are counted to; ZIMA_AS_OF by default. */
  asOf?: string;
}

/** The demo municipality, generated; same options → same rows. */
export function zimaDataset(opts: ZimaOptions = {}): Dataset {
  const seed = opts.seed ?? ZIMA_SEED;
  const head = createRng(hashSeed(`zima:${seed}:head`));
  const gen = new StaffGenerator(hashSeed(`zima:${seed}:staff`), opts.asOf ?? ZIMA_AS_OF);

  const region = { id: head.uuid(), ...ZIMA_REGION };
  const municipality = { id: head.uuid(), ...ZIMA_MUNICIPALITY };
  const organizations: OrganizationRow[] = ZIMA_ORGS.map((o) => ({
    id: head.uuid(),
    municipalityId: municipality.id,
    code: o.code,
    fullName: o.fullName,
    shortName: o.shortName,
    kind: o.kind,
    rural: false,
    lowResults: o.lowResults ?? false,
    innovationPlatform: o.innovationPlatform ?? null,
    internshipPlatform: o.internshipPlatform ?? false,
    mentoringRegulation: o.mentoringRegulation,
    inn: makeOrgInn(ZIMA_TAX_OFFICE, head.int(10_000, 99_999)),
  }));
  const orgByCode = new Map(organizations.map((o) => [o.code, o]));
  const org = (code: string) => {
    const o = orgByCode.get(code);
    if (!o) throw new Error(`unknown organisation ${code}`);
    return o;
  };

  const people: PersonRow[] = [];
  const employments: EmploymentRow[] = [];
  const pedPool: PersonRow[] = [];
  ZIMA_ORGS.forEach((z, i) => {
    const plan: OrgPlan = {
      org: organizations[i]!,
      profile: z.profile,
      pedMain: z.pedMain,
      managers: z.managers,
      externalOnly: 0,
      emailDomain: `${z.slug}.zima.demo`,
    };
    const g = gen.generateOrg(plan, { randomPartTime: false });
    people.push(...g.batch.people);
    employments.push(...g.batch.employments);
    pedPool.push(...g.pedMain);
  });
  gen.assignCategories(pedPool, CATEGORY_MIX, true);

  const personById = new Map(people.map((p) => [p.id, p]));
  const used = new Set<string>();
  const findPerson = (from: string, who: Who): PersonRow => {
    const o = org(from);
    const candidates = employments.filter(
      (e) => e.organizationId === o.id && e.kind === 'main' && !used.has(e.personId),
    );
    const match =
      'manager' in who
        ? candidates.find((e) => e.staffCategory === 'managerial' && e.position === who.manager)
        : (candidates.find((e) => e.position === POSITIONS[who.position].position) ??
          candidates.find((e) => e.staffCategory === 'pedagogical' && e.subjects.length > 0));
    if (!match) throw new Error(`no one to take a part-time job at ${from}`);
    used.add(match.personId);
    return personById.get(match.personId)!;
  };
  for (const pt of PART_TIME) {
    const person = findPerson(pt.from, pt.who);
    const spec = POSITIONS[pt.position];
    employments.push(
      gen.employment({
        person,
        org: org(pt.to),
        spec,
        kind: pt.kind,
        ...(pt.subjects ? { subjects: pt.subjects } : {}),
        ...(pt.loadHours !== undefined ? { loadHours: pt.loadHours } : {}),
        ...(pt.rate !== undefined ? { rate: pt.rate } : {}),
        outsideProfile: pt.outsideProfile ?? false,
      }),
    );
  }
  for (const x of EXTERNAL_ONLY) {
    const o = org(x.to);
    const person = gen.newPerson({
      sex: x.sex,
      age: x.age,
      education: 'secondary_vocational_pedagogical',
      emailDomain: `${ZIMA_ORGS.find((z) => z.code === x.to)!.slug}.zima.demo`,
      emailShare: 0,
    });
    person.category = 'first';
    person.categoryDate = gen.categoryDate(person, 'first');
    people.push(person);
    employments.push(
      gen.employment({
        person,
        org: o,
        spec: POSITIONS[x.position],
        kind: 'external',
        subjects: x.subjects,
        loadHours: x.loadHours,
      }),
    );
  }
  // Two teachers on main employment cover a neighbouring subject outside their profile.
  for (const code of ['ZIMA-SOSH9', 'ZIMA-SOSH26']) {
    const o = org(code);
    const e = employments.find(
      (x) =>
        x.organizationId === o.id &&
        x.kind === 'main' &&
        x.subjects.length === 1 &&
        NEIGHBOUR_SUBJECT[x.subjects[0]!] !== undefined,
    );
    if (e) {
      e.subjects = [...e.subjects, NEIGHBOUR_SUBJECT[e.subjects[0]!]!];
      e.outsideProfile = true;
    }
  }

  const vacancies = VACANCIES.map((v) =>
    gen.vacancy({
      org: org(v.org),
      spec: POSITIONS[v.position],
      ...(v.subject ? { subject: v.subject } : {}),
      ...(v.rate !== undefined ? { rate: v.rate } : {}),
      zemsky: v.zemsky ?? false,
      openedDaysAgo: v.openedDaysAgo,
      closedAfterDays: v.closedAfterDays ?? null,
    }),
  );
  const staffing = organizations.flatMap((o) => gen.staffing(o, employments));
  return { region, municipalities: [municipality], organizations, people, employments, vacancies, staffing };
}
