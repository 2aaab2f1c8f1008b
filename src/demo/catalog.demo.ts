import type { Direction, ProgramFormat, ProgramKind } from '../catalog/catalog.vocabulary.ts';
import { type Db, sql } from '../platform/db/database.ts';
import type { Dataset, PersonRow } from './dataset.ts';
import { createRng, hashSeed, type Rng } from './prng.ts';

/**
 * The demo catalog: programs of the region's providers (ПК and two ПП) tied to the competencies of
 * the teacher framework, with cohorts over the next year, and past certificates of the town's staff.
 * Set-based inserts: the demo is loaded at every fresh start.
 */

const IRO = 'ГАУ ДПО «Институт развития образования Иркутской области»';
const CNPPM = 'ЦНППМ Иркутской области';
const ACADEMY = 'ФГАОУ ДПО «Академия Минпросвещения России»';
const ISU = 'ФГБОУ ВО «Иркутский государственный университет»';

export interface DemoProgram {
  code: string;
  name: string;
  kind: ProgramKind;
  hours: number;
  provider: string;
  format: ProgramFormat;
  /** Number in the federal registry of programs; null — not in it. */
  registry: string | null;
  directions: Direction[];
  competencies: string[];
}

const pk = (
  code: string,
  name: string,
  hours: number,
  provider: string,
  format: ProgramFormat,
  registry: string | null,
  directions: Direction[],
  competencies: string[],
): DemoProgram => ({
  code,
  name,
  kind: 'upgrade',
  hours,
  provider,
  format,
  registry,
  directions,
  competencies,
});

/**
 * Every competency of `teacher-544n` is addressed by some program except T-COMM-01 and T-MGMT-01:
 * the route generator then has something to report as not covered by the catalog.
 */
export const DEMO_PROGRAMS: readonly DemoProgram[] = [
  pk(
    'АМП-ПК-2026-011',
    'Реализация требований обновлённых ФГОС ООО, ФГОС СОО в работе учителя',
    36,
    ACADEMY,
    'distance',
    '2817',
    ['updated_fgos'],
    ['T-METH-01', 'T-METH-04'],
  ),
  pk(
    'АМП-ПК-2026-024',
    'Формирование функциональной грамотности обучающихся: читательская, математическая, естественнонаучная',
    72,
    ACADEMY,
    'blended',
    '2904',
    ['functional_literacy'],
    ['T-SUBJ-03'],
  ),
  pk(
    'АМП-ПК-2026-031',
    'Школа современного учителя. Достижения российской науки',
    60,
    ACADEMY,
    'distance',
    '2652',
    ['functional_literacy', 'talents'],
    ['T-SUBJ-01', 'T-SUBJ-02'],
  ),
  pk(
    'ИРО-ПК-2026-104',
    'Подготовка обучающихся к государственной итоговой аттестации: задания повышенной сложности',
    36,
    IRO,
    'in_person',
    null,
    ['quality_assessment', 'low_results'],
    ['T-SUBJ-02', 'T-METH-02'],
  ),
  pk(
    'ЦНППМ-ПК-2026-07',
    'Формирующее оценивание и работа с результатами оценочных процедур (ВПР, ГИА)',
    24,
    CNPPM,
    'blended',
    '3011',
    ['quality_assessment'],
    ['T-METH-02'],
  ),
  pk(
    'АМП-ПК-2026-046',
    'Цифровая образовательная среда: ФГИС «Моя школа» и цифровые сервисы учителя',
    36,
    ACADEMY,
    'distance',
    '2958',
    ['digital_environment'],
    ['T-METH-03'],
  ),
  pk(
    'ИРО-ПК-2026-112',
    'Разработка рабочей программы по предмету с использованием конструктора рабочих программ',
    16,
    IRO,
    'distance',
    null,
    ['updated_fgos'],
    ['T-METH-04'],
  ),
  pk(
    'ИРО-ПК-2026-118',
    'Инклюзивное образование: обучение детей с ОВЗ в общеобразовательном классе',
    72,
    IRO,
    'blended',
    '2733',
    ['updated_fgos'],
    ['T-PSY-02', 'T-PSY-01'],
  ),
  pk(
    'АМП-ПК-2026-052',
    '«Разговоры о важном»: система работы классного руководителя',
    36,
    ACADEMY,
    'distance',
    '2876',
    ['upbringing'],
    ['T-PSY-03', 'T-COMM-02'],
  ),
  pk(
    'ИРО-ПК-2026-121',
    'Организация воспитательной работы по федеральной рабочей программе воспитания',
    36,
    IRO,
    'in_person',
    null,
    ['upbringing'],
    ['T-PSY-03'],
  ),
  pk(
    'ЦНППМ-ПК-2026-12',
    'Повышение качества образования в школах с низкими образовательными результатами',
    24,
    CNPPM,
    'blended',
    null,
    ['low_results', 'quality_assessment'],
    ['T-PSY-04', 'T-METH-02'],
  ),
  pk(
    'ИРО-ПК-2026-130',
    'Выявление и сопровождение одарённых детей: олимпиадная подготовка по предмету',
    36,
    IRO,
    'blended',
    '2991',
    ['talents'],
    ['T-SUBJ-02', 'T-PSY-04'],
  ),
  pk(
    'ЦНППМ-ПК-2026-15',
    'Проектная и исследовательская деятельность обучающихся на уровне основного и среднего общего образования',
    36,
    CNPPM,
    'distance',
    null,
    ['talents'],
    ['T-MGMT-03'],
  ),
  pk(
    'АМП-ПК-2026-063',
    'Профориентационный минимум: «Билет в будущее» и работа педагога-навигатора',
    36,
    ACADEMY,
    'distance',
    '3047',
    ['career_guidance'],
    ['T-MGMT-03', 'T-COMM-02'],
  ),
  pk(
    'ЦНППМ-ПК-2026-18',
    'Взаимодействие с родителями: конструктивный диалог и профилактика конфликтов',
    24,
    CNPPM,
    'in_person',
    null,
    ['upbringing'],
    ['T-COMM-02'],
  ),
  pk(
    'ЦНППМ-ПК-2026-21',
    'Наставничество в образовательной организации: сопровождение молодого педагога',
    36,
    CNPPM,
    'blended',
    '2840',
    [],
    ['T-COMM-03', 'T-MGMT-02'],
  ),
  pk(
    'ИРО-ПК-2026-142',
    'Качество дошкольного образования: мониторинг и развивающая предметно-пространственная среда',
    72,
    IRO,
    'blended',
    '2965',
    ['preschool_quality'],
    ['T-PSY-01', 'T-PSY-04'],
  ),
  pk(
    'ЦНППМ-ПК-2026-24',
    'Профилактика профессионального выгорания педагога',
    16,
    CNPPM,
    'distance',
    null,
    [],
    ['T-MGMT-02'],
  ),
  {
    code: 'ИРО-ПП-2026-03',
    name: 'Педагогическое образование: учитель начальных классов',
    kind: 'retraining',
    hours: 520,
    provider: IRO,
    format: 'blended',
    registry: null,
    directions: ['updated_fgos'],
    competencies: ['T-SUBJ-01', 'T-METH-01', 'T-PSY-01'],
  },
  {
    code: 'ИГУ-ПП-2026-01',
    name: 'Специальное (дефектологическое) образование: олигофренопедагогика',
    kind: 'retraining',
    hours: 300,
    provider: ISU,
    format: 'distance',
    registry: null,
    directions: [],
    competencies: ['T-PSY-02'],
  },
];

/** Names of programs taken before the catalog existed: certificates «free-text». */
const FREE_TRAININGS: readonly { name: string; provider: string; hours: number }[] = [
  { name: 'Оказание первой помощи пострадавшим', provider: 'АНО ДПО «Сибирский учебный центр»', hours: 16 },
  { name: 'Антитеррористическая защищённость образовательной организации', provider: IRO, hours: 16 },
  {
    name: 'Школа Минпросвещения России: новые возможности для повышения качества образования',
    provider: ACADEMY,
    hours: 48,
  },
  { name: 'Реализация требований обновлённых ФГОС НОО, ФГОС ООО в работе учителя', provider: IRO, hours: 36 },
  {
    name: 'Использование современного учебного оборудования в центрах «Точка роста»',
    provider: ACADEMY,
    hours: 36,
  },
  {
    name: 'Основы финансовой грамотности в школе',
    provider: 'ФГБОУ ВО «Байкальский государственный университет»',
    hours: 24,
  },
];

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);

/** Cohorts: 1–3 per program, starting between next month and a year ahead; 20–30 seats. */
export function demoCohorts(rng: Rng, today: Date, p: DemoProgram) {
  const count = rng.int(1, 3);
  const weeks = p.kind === 'retraining' ? rng.int(16, 26) : Math.max(1, Math.ceil(p.hours / 18));
  const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, rng.int(1, 20)));
  const step = Math.floor(300 / count);
  return Array.from({ length: count }, (_, i) => {
    const start = addDays(first, i * step + rng.int(0, 20));
    return { startsOn: iso(start), endsOn: iso(addDays(start, weeks * 7 - 3)), seats: rng.int(20, 30) };
  });
}

export interface DemoCatalogCounts {
  programs: number;
  cohorts: number;
  trainings: number;
  peopleWithTrainings: number;
}

/**
 * Loads the programs into the region, with their competencies (by code in the framework) and cohorts.
 * They are the region's programs (municipality null): the region operator keeps them and their
 * cohorts; the town's methodists read them and keep only the programs they add themselves.
 */
export async function loadDemoPrograms(
  tx: Db,
  input: { regionId: string; frameworkId: string; today: Date },
): Promise<{ programs: { id: string; program: DemoProgram }[]; cohorts: number }> {
  const rng = createRng(hashSeed('demo-catalog'));
  const rows = DEMO_PROGRAMS.map((p) => ({
    code: p.code,
    name: p.name,
    kind: p.kind,
    hours: p.hours,
    provider: p.provider,
    format: p.format,
    federal_registry: p.registry !== null,
    federal_registry_number: p.registry,
    priority_directions: p.directions,
  }));
  const inserted = await tx.query<{ id: string; code: string }>(sql`
    INSERT INTO programs (region_id, code, name, kind, hours, provider, format, federal_registry, federal_registry_number,
                          priority_directions)
    SELECT ${input.regionId}::uuid, x.code, x.name, x.kind::program_kind, x.hours, x.provider, x.format::program_format,
           x.federal_registry, x.federal_registry_number,
           ARRAY(SELECT jsonb_array_elements_text(x.priority_directions))
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(code text, name text, kind text, hours int,
      provider text, format text, federal_registry boolean, federal_registry_number text, priority_directions jsonb)
    RETURNING id, code`);
  const idByCode = new Map(inserted.map((r) => [r.code, r.id]));
  const links = DEMO_PROGRAMS.flatMap((p) =>
    p.competencies.map((code) => ({ program_id: idByCode.get(p.code)!, code })),
  );
  await tx.query(sql`
    INSERT INTO program_competencies (program_id, competency_id)
    SELECT x.program_id, c.id
    FROM jsonb_to_recordset(${JSON.stringify(links)}::jsonb) AS x(program_id uuid, code text)
    JOIN competencies c ON c.framework_id = ${input.frameworkId}::uuid AND c.code = x.code`);
  const cohorts = DEMO_PROGRAMS.flatMap((p) =>
    demoCohorts(rng, input.today, p).map((c) => ({ program_id: idByCode.get(p.code)!, ...c })),
  );
  await tx.query(sql`
    INSERT INTO program_cohorts (program_id, starts_on, ends_on, seats)
    SELECT x.program_id, x."startsOn"::date, x."endsOn"::date, x.seats
    FROM jsonb_to_recordset(${JSON.stringify(cohorts)}::jsonb) AS x(program_id uuid, "startsOn" text, "endsOn" text,
      seats int)`);
  return {
    programs: DEMO_PROGRAMS.map((program) => ({ id: idByCode.get(program.code)!, program })),
    cohorts: cohorts.length,
  };
}

export interface DemoTraining {
  personId: string;
  programId: string | null;
  programName: string;
  provider: string;
  document: 'certificate' | 'diploma';
  documentNumber: string;
  issuedOn: string;
  hours: number;
}

/**
 * Past certificates for about 60 % of the pedagogical staff: 1–3 each, issued 2022 … today, from
 * the catalog's upgrade programs or from free names; every document number is unique.
 */
export function demoTrainings(
  ds: Dataset,
  programs: readonly { id: string; program: DemoProgram }[],
  today: Date,
): DemoTraining[] {
  const rng = createRng(hashSeed('demo-trainings'));
  const person = new Map(ds.people.map((p) => [p.id, p]));
  const staff = [
    ...new Map(
      ds.employments
        .filter((e) => e.kind === 'main' && e.staffCategory === 'pedagogical')
        .map((e) => [e.personId, person.get(e.personId)!] as [string, PersonRow]),
    ).values(),
  ];
  const upgrades = programs.filter((p) => p.program.kind === 'upgrade');
  const from = Date.UTC(2022, 0, 10);
  const span = Math.max(1, addDays(today, -7).getTime() - from);
  const out: DemoTraining[] = [];
  let seq = 0;
  for (const p of staff) {
    if (!rng.chance(0.6)) continue;
    const count = rng.weighted([
      [1, 5],
      [2, 3],
      [3, 2],
    ] as const);
    for (let i = 0; i < count; i++) {
      seq++;
      const issued = new Date(from + Math.floor(rng.next() * span));
      const fromCatalog = rng.chance(0.55);
      const prog = fromCatalog ? rng.pick(upgrades) : null;
      const free = rng.pick(FREE_TRAININGS);
      out.push({
        personId: p.id,
        programId: prog?.id ?? null,
        programName: prog?.program.name ?? free.name,
        provider: prog?.program.provider ?? free.provider,
        document: 'certificate',
        documentNumber: `38${String(issued.getUTCFullYear()).slice(2)}-${String(100_000 + seq).slice(1)}`,
        issuedOn: iso(issued),
        hours: prog?.program.hours ?? free.hours,
      });
    }
  }
  return out;
}

export async function insertDemoTrainings(tx: Db, rows: DemoTraining[]): Promise<void> {
  await tx.query(sql`
    INSERT INTO trainings (person_id, program_id, program_name, provider, document, document_number, issued_on, hours)
    SELECT x."personId", x."programId", x."programName", x.provider, x.document::training_document, x."documentNumber",
           x."issuedOn"::date, x.hours
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x("personId" uuid, "programId" uuid, "programName" text,
      provider text, document text, "documentNumber" text, "issuedOn" text, hours int)`);
}
