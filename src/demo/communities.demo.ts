import {
  addMeeting,
  addPlanItem,
  createCommunity,
  markAttendance,
  saveDecisions,
} from '../communities/communities.service.ts';
import type { CommunityKind } from '../communities/communities.vocabulary.ts';
import { schoolYearOf } from '../communities/communities.vocabulary.ts';
import { addTrainingItem, nominate, transition } from '../communities/memberships.service.ts';
import { loadDerivedRules } from '../directory/derived/derived-rules.repository.ts';
import { youngSql } from '../directory/derived/derived-rules.ts';
import type { OrgKind } from '../directory/vocabulary.ts';
import { appointMentor, createProgram } from '../mentoring/mentoring.service.ts';
import { addPlanItem as addPairPlanItem, createPair, markPlan } from '../mentoring/mentorships.service.ts';
import { writeAuditMany } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { type Db, sql } from '../platform/db/database.ts';
import { addMonths } from '../routes/generation/planner.ts';

/**
 * The town's people helping people (001 §1, §7): the 33 city methodical associations of 7.1 with
 * their leaders, members drawn by each association's rule, a work plan for the school year and the
 * meetings already held (attendance and minutes); the councils of 1.1 (Совет по развитию
 * образования, the FGOS coordination council, the city Методический совет) and the young teachers'
 * council; the manager reserve school with its 15 reservists (1.3) and their training plans; the ten
 * teachers of the region's personnel reserve bank (5.4); the mentors' club «Мы вместе» (7.10) and
 * the school of the young teacher; and a mentoring program in every organization with a regulation,
 * with pairs for most of its young specialists (001 plans 70 %).
 *
 * Everything goes through the services, as the methodist (municipal bodies and memberships) and
 * the heads (mentoring) would do it; the schools without a demo login are run as the administrator.
 */

interface GmoSpec {
  name: string;
  subject?: string;
  direction?: string;
  rule: { subjects?: string[]; positions?: string[]; orgKinds?: OrgKind[]; youngOnly?: boolean };
  /** Split one rule's people into `of` associations, taking every `of`-th from `part`. */
  split?: { part: number; of: number };
}

const SCHOOL: OrgKind[] = ['school'];
const PRESCHOOL: OrgKind[] = ['preschool'];

const SUBJECT_GMO: [string, string[]][] = [
  ['учителей начальных классов', ['Начальные классы']],
  ['учителей русского языка и литературы', ['Русский язык', 'Литература']],
  ['учителей математики', ['Математика']],
  ['учителей английского языка', ['Английский язык']],
  ['учителей немецкого языка', ['Немецкий язык']],
  ['учителей физической культуры', ['Физическая культура']],
  ['учителей истории', ['История']],
  ['учителей обществознания', ['Обществознание']],
  ['учителей физики', ['Физика']],
  ['учителей информатики', ['Информатика']],
  ['учителей биологии', ['Биология']],
  ['учителей химии', ['Химия']],
  ['учителей географии', ['География']],
  ['учителей труда (технологии)', ['Труд (технология)']],
  ['учителей музыки и изобразительного искусства', ['Музыка', 'Изобразительное искусство']],
  ['учителей ОБЗР', ['Основы безопасности и защиты Родины']],
];

const CLASS_TEACHER_BANDS = ['1–4 классов', '5–7 классов', '8–9 классов', '10–11 классов'];
const PRESCHOOL_GMO: [string, string[], { part: number; of: number }?][] = [
  ['воспитателей групп раннего возраста', ['Воспитатель'], { part: 0, of: 3 }],
  ['воспитателей младших и средних групп', ['Воспитатель'], { part: 1, of: 3 }],
  ['воспитателей старших и подготовительных групп', ['Воспитатель'], { part: 2, of: 3 }],
  ['музыкальных руководителей ДОУ', ['Музыкальный руководитель']],
  ['инструкторов по физической культуре ДОУ', ['Инструктор по физической культуре']],
  ['старших воспитателей ДОУ', ['Старший воспитатель']],
];

const SCHOOL_TEACHER_POSITIONS = [
  'Учитель начальных классов',
  'Учитель русского языка и литературы',
  'Учитель математики',
  'Учитель английского языка',
  'Учитель истории и обществознания',
  'Учитель физики',
  'Учитель информатики',
];

/** 001 §7.1: 16 subject associations, two by problem, 6 preschool, 4 class teachers', inclusive, 2+2. */
export function cityAssociations(): GmoSpec[] {
  return [
    ...SUBJECT_GMO.map(([who, subjects]) => ({
      name: `ГМО ${who}`,
      subject: subjects[0]!,
      rule: { subjects, orgKinds: SCHOOL },
    })),
    {
      name: 'ГМО педагогов «Внедрение идей гуманной педагогики в практику современного учителя»',
      direction: 'Гуманная педагогика',
      rule: { positions: ['Учитель начальных классов', 'Учитель русского языка и литературы'] },
      split: { part: 0, of: 4 },
    },
    {
      name: 'ГМО педагогов «Эффективное использование робототехники»',
      direction: 'Робототехника',
      rule: { subjects: ['Робототехника', 'Информатика'] },
    },
    ...PRESCHOOL_GMO.map(([who, positions, split]) => ({
      name: `ГМО ${who}`,
      direction: 'Дошкольное образование',
      rule: { positions, orgKinds: PRESCHOOL },
      ...(split ? { split } : {}),
    })),
    ...CLASS_TEACHER_BANDS.map((band, part) => ({
      name: `ГМО классных руководителей ${band}`,
      direction: 'Воспитательная работа',
      rule: { positions: SCHOOL_TEACHER_POSITIONS, orgKinds: SCHOOL },
      split: { part, of: 4 },
    })),
    {
      name: 'ГМО учителей специального и инклюзивного обучения',
      direction: 'Инклюзивное образование',
      rule: { positions: ['Социальный педагог', 'Учитель-дефектолог', 'Тьютор'] },
    },
    {
      name: 'ГМО учителей-логопедов СОШ',
      direction: 'Логопедия',
      rule: { positions: ['Учитель-логопед'], orgKinds: SCHOOL },
    },
    {
      name: 'ГМО учителей-логопедов ДОУ',
      direction: 'Логопедия',
      rule: { positions: ['Учитель-логопед'], orgKinds: PRESCHOOL },
    },
    {
      name: 'ГМО педагогов-психологов СОШ',
      direction: 'Психолого-педагогическое сопровождение',
      rule: { positions: ['Педагог-психолог'], orgKinds: SCHOOL },
    },
    {
      name: 'ГМО педагогов-психологов ДОУ',
      direction: 'Психолого-педагогическое сопровождение',
      rule: { positions: ['Педагог-психолог'], orgKinds: PRESCHOOL },
    },
  ];
}

/** A day of the school year that starts in September of `y`: month 9..12 in y, 1..8 in y + 1. */
const dayOfYear = (y: number, month: number, day: number) =>
  `${month >= 9 ? y : y + 1}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

const GMO_PLAN: { month: number; day: number; title: string; agenda: string }[] = [
  {
    month: 9,
    day: 16,
    title: 'Организационное заседание: анализ работы за прошлый год, план на учебный год',
    agenda: 'Итоги прошлого года; дефициты по итогам диагностики; утверждение плана работы',
  },
  {
    month: 11,
    day: 18,
    title: 'Практикум по разбору заданий банка функциональной грамотности (ФГБНУ «ИСРО РАО»)',
    agenda: 'Разбор проверочных работ; типичные затруднения обучающихся; приёмы формирующего оценивания',
  },
  {
    month: 2,
    day: 10,
    title: 'Открытые уроки и мастер-классы: трансляция опыта',
    agenda: 'Открытые уроки; мастер-классы победителей конкурсов; обсуждение',
  },
  {
    month: 5,
    day: 19,
    title: 'Итоговое заседание: результаты года, предложения в план на следующий год',
    agenda: 'Отчёт руководителя; результаты ВПР и ГИА; предложения',
  },
];

const DECISIONS = [
  'Принять план работы объединения на учебный год',
  'Провести взаимопосещение уроков по теме заседания до конца четверти',
  'Обобщить опыт и представить материалы в банк практик',
];

const CLUB_MEETINGS: { month: number; day: number; title: string }[] = [
  { month: 10, day: 11, title: '«Профессиональное выгорание педагога и способы его преодоления»' },
  { month: 12, day: 13, title: '«Практика наставничества: от идеи к результату»' },
  {
    month: 3,
    day: 15,
    title: '«Диагностический инструментарий контрольно-оценочных средств: технология разработки»',
  },
  { month: 6, day: 14, title: '«Профессиональное выгорание педагога и способы его преодоления»' },
];

const COUNCILS: {
  kind: CommunityKind;
  name: string;
  description: string;
  positions?: string[];
  youngOnly?: boolean;
  meetings: number;
}[] = [
  {
    kind: 'council',
    name: 'Совет по развитию образования',
    description:
      'Орган поддержки педагогических и управленческих инициатив (001, п. 1.1): не менее 5 заседаний в год.',
    positions: ['Директор', 'Заведующий'],
    meetings: 5,
  },
  {
    kind: 'coordination_council',
    name: 'Координационный совет по введению и реализации ФГОС общего образования',
    description:
      'Нормативно-правовое и организационное сопровождение введения ФГОС: не менее 3 заседаний в год.',
    positions: ['Заместитель директора по учебно-воспитательной работе'],
    meetings: 3,
  },
  {
    kind: 'methodical_council',
    name: 'Городской методический совет',
    description:
      'Развитие и координация методической деятельности в системе образования г. Зимы: не менее 5 заседаний.',
    meetings: 5,
  },
  {
    kind: 'young_teachers_council',
    name: 'Совет молодых педагогов',
    description: 'Самоуправление молодых педагогов города: адаптация, конкурсы, обмен опытом.',
    youngOnly: true,
    meetings: 3,
  },
];

/** The months of a council's meetings through the school year, `n` of them. */
const COUNCIL_MONTHS = [9, 10, 12, 2, 4, 6];

export interface DemoCommunities {
  associations: number;
  councils: number;
  members: number;
  meetingsHeld: number;
  reservists: number;
  regionalBank: number;
  mentoringPrograms: number;
  mentors: number;
  pairs: number;
  youngSpecialists: number;
}

interface Person {
  id: string;
  organization_id: string;
  category: string;
}

export async function loadDemoCommunities(
  tx: Db,
  input: {
    methodist: Actor;
    region: Actor;
    admin: Actor;
    /** The heads with a demo login run their own schools' mentoring. */
    headByOrg: Map<string, Actor>;
    municipalityId: string;
    today: string;
  },
): Promise<DemoCommunities> {
  const { methodist, today } = input;
  const deps = { db: tx, today: () => today };
  const year = schoolYearOf(today);
  const rules = await loadDerivedRules(tx);
  const young = sql`${youngSql(rules, 'p', today)}`;

  /** People of the municipality matching a rule, in a stable order, best category first. */
  const peopleBy = async (rule: GmoSpec['rule'], split?: GmoSpec['split']): Promise<Person[]> => {
    const rows = await tx.query<Person>(sql`
      SELECT DISTINCT ON (p.last_name, p.first_name, p.id) p.id, e.organization_id, p.category::text AS category
      FROM employments e JOIN organizations o ON o.id = e.organization_id JOIN people p ON p.id = e.person_id
      WHERE e.end_date IS NULL AND o.municipality_id = ${input.municipalityId}
        AND (${sql.param(rule.subjects ?? null)}::text[] IS NULL OR e.subjects && ${sql.param(rule.subjects ?? null)}::text[])
        AND (${sql.param(rule.positions ?? null)}::text[] IS NULL OR e.position = ANY(${sql.param(rule.positions ?? null)}::text[]))
        AND (${sql.param(rule.orgKinds ?? null)}::text[] IS NULL OR o.kind::text = ANY(${sql.param(rule.orgKinds ?? null)}::text[]))
        AND (${!!rule.youngOnly} = false OR ${young})
      ORDER BY p.last_name, p.first_name, p.id, (e.kind = 'main') DESC`);
    return split ? rows.filter((_, i) => i % split.of === split.part) : rows;
  };
  const rank = { highest: 0, first: 1, szd: 2, none: 3 } as Record<string, number>;
  const leaderOf = (people: Person[]) =>
    [...people].sort((a, b) => (rank[a.category] ?? 3) - (rank[b.category] ?? 3))[0] ?? null;

  let members = 0;
  let meetingsHeld = 0;
  const leaders = new Set<string>();

  /** A municipal community with its people, plan and meetings; held ones get attendance and minutes. */
  const community = async (
    spec: { kind: CommunityKind; name: string; subject?: string; direction?: string; description?: string },
    people: Person[],
    rule: GmoSpec['rule'],
    plan: { date: string; title: string; agenda: string }[],
  ) => {
    const leader = leaderOf(people);
    const deputy =
      people.length >= 12 ? people.find((p) => p.id !== leader?.id && p.category !== 'none') : undefined;
    const id = await createCommunity(deps, methodist, {
      kind: spec.kind,
      level: 'municipal',
      name: spec.name,
      subject: spec.subject ?? null,
      direction: spec.direction ?? null,
      description: spec.description ?? null,
      municipalityId: input.municipalityId,
      leaderPersonId: leader?.id ?? null,
      deputyPersonIds: deputy ? [deputy.id] : [],
      rule,
    });
    if (leader) leaders.add(leader.id);
    if (people.length) {
      // Set-wise, as an import would: hundreds of members one call each would slow the first start.
      const joinedOn = `${year}-09-01`;
      const made = await tx.query<{ id: string; person_id: string }>(sql`
        INSERT INTO community_members (community_id, person_id, joined_on, added_by)
        SELECT ${id}, x, ${joinedOn}::date, ${methodist.userId}::uuid
        FROM unnest(${sql.param(people.map((p) => p.id))}::uuid[]) AS x
        RETURNING id, person_id`);
      await writeAuditMany(
        tx,
        made.map((m) => ({
          actor: methodist,
          action: 'create',
          entity: 'community_member',
          entityId: m.id,
          personId: m.person_id,
          after: { communityId: id, joinedOn, demo: true },
        })),
      );
      members += made.length;
    }
    for (const [k, item] of plan.entries()) {
      const planItem = await addPlanItem(deps, methodist, id, {
        startsOn: item.date,
        title: item.title,
        responsiblePersonId: leader?.id ?? null,
      });
      const held = item.date <= today;
      const meetingId = await addMeeting(deps, methodist, id, {
        heldOn: item.date,
        title: item.title,
        agenda: item.agenda,
        status: held ? 'held' : 'planned',
        minutes: held ? `Протокол № ${k + 1} от ${item.date.split('-').reverse().join('.')}` : null,
        planItemId: planItem.id,
      });
      if (!held) continue;
      meetingsHeld++;
      // Most come: all but every fifth, the same on every load.
      await markAttendance(
        deps,
        methodist,
        meetingId,
        people.filter((_, i) => (i + k) % 5 !== 4).map((p) => p.id),
      );
      await saveDecisions(
        deps,
        methodist,
        meetingId,
        DECISIONS.slice(0, 2 + (k % 2)).map((text, j) => ({
          text,
          responsiblePersonId: (j === 0 ? leader : (deputy ?? leader))?.id ?? null,
          dueOn: addMonths(item.date, 1 + j),
        })),
      );
    }
  };

  const specs = cityAssociations();
  for (const s of specs) {
    const people = await peopleBy(s.rule, s.split);
    await community(
      {
        kind: 'gmo',
        name: s.name,
        ...(s.subject ? { subject: s.subject } : {}),
        ...(s.direction ? { direction: s.direction } : {}),
      },
      people,
      s.rule,
      GMO_PLAN.map((p) => ({ date: dayOfYear(year, p.month, p.day), title: p.title, agenda: p.agenda })),
    );
  }

  // The councils: heads, deputies, the associations' leaders, the young.
  const leaderPeople = async () =>
    (
      await tx.query<Person>(sql`
        SELECT p.id, (SELECT e.organization_id FROM employments e WHERE e.person_id = p.id AND e.end_date IS NULL
                      ORDER BY (e.kind = 'main') DESC LIMIT 1) AS organization_id, p.category::text AS category
        FROM people p WHERE p.id = ANY(${sql.param([...leaders])}::uuid[]) ORDER BY p.last_name, p.first_name, p.id`)
    ).filter((p) => p.organization_id);
  for (const c of COUNCILS) {
    const rule = {
      ...(c.positions ? { positions: c.positions } : {}),
      ...(c.youngOnly ? { youngOnly: true } : {}),
    };
    const people =
      c.kind === 'methodical_council'
        ? await leaderPeople()
        : (await peopleBy(rule)).slice(0, c.youngOnly ? 12 : 40);
    await community(
      { kind: c.kind, name: c.name, description: c.description },
      people,
      rule,
      COUNCIL_MONTHS.slice(0, c.meetings).map((m, i) => ({
        date: dayOfYear(year, m, 20 + (i % 5)),
        title: `Заседание № ${i + 1}`,
        agenda: i === 0 ? 'План работы на учебный год' : 'Ход реализации плана; вопросы по текущей работе',
      })),
    );
  }

  // The young: the school of the young teacher, and the mentors' club further down.
  const youngPeople = await peopleBy({ youngOnly: true });
  await community(
    {
      kind: 'young_teacher_school',
      name: 'Школа молодого педагога',
      description: 'Программа адаптации молодых педагогов: занятия раз в четверть, наставник у каждого.',
    },
    youngPeople,
    { youngOnly: true },
    [
      {
        date: dayOfYear(year, 10, 7),
        title: 'Знакомство: нормативная база, рабочая программа, ФОП',
        agenda: '',
      },
      { date: dayOfYear(year, 12, 9), title: 'Формирующее оценивание на уроке', agenda: '' },
      { date: dayOfYear(year, 3, 3), title: 'Классное руководство: первые шаги', agenda: '' },
      { date: dayOfYear(year, 5, 12), title: 'Итоги года: портфолио молодого педагога', agenda: '' },
    ].map((m) => ({ ...m, agenda: m.agenda || 'Занятие школы молодого педагога' })),
  );

  // The manager reserve school: 15 reservists (001, 1.3), each with a training plan.
  const reserveCandidates = (
    await tx.query<Person>(sql`
      SELECT DISTINCT ON (p.id) p.id, e.organization_id, p.category::text AS category
      FROM employments e JOIN organizations o ON o.id = e.organization_id JOIN people p ON p.id = e.person_id
      WHERE e.end_date IS NULL AND o.municipality_id = ${input.municipalityId} AND p.category IN ('highest', 'first')
        AND e.staff_category = 'pedagogical' AND NOT ${young}
      ORDER BY p.id`)
  ).sort((a, b) => a.id.localeCompare(b.id));
  const pick = (list: Person[], n: number, offset: number) =>
    Array.from({ length: Math.min(n, list.length) }, (_, i) => list[(offset + i * 7) % list.length]!).filter(
      (p, i, all) => all.findIndex((q) => q.id === p.id) === i,
    );
  const reservists = pick(reserveCandidates, 15, 0);
  const TRAINING = [
    'Семинар «Управление образовательной организацией: нормативная база»',
    'Стажировка у действующего руководителя',
    'Разработка проекта программы развития организации',
    'Защита проекта перед комиссией Комитета по образованию',
  ];
  for (const [i, p] of reservists.entries()) {
    const id = await nominate(deps, methodist, {
      kind: 'manager_reserve',
      personId: p.id,
      direction: 'Руководитель общеобразовательной организации',
      fromOn: `${year}-09-29`,
      toOn: `${year + 1}-08-31`,
      note: 'Приказ Комитета по образованию «Об утверждении персонального состава резерва управленческих кадров»',
    });
    await transition(deps, methodist, id, { to: 'approved', on: `${year}-09-29` });
    await transition(deps, methodist, id, { to: 'active', on: `${year}-09-29` });
    for (const [k, title] of TRAINING.entries()) {
      const dueOn = dayOfYear(year, [10, 12, 3, 5][k]!, 25);
      await addTrainingItem(deps, methodist, id, {
        title,
        dueOn,
        // The earlier steps are done by those ahead; the rest still to come.
        doneOn: dueOn <= today && (i + k) % 4 !== 3 ? dueOn : null,
      });
    }
  }

  // The region's personnel reserve bank: ten teachers (001, 5.4), approved by the region.
  const bank = pick(reserveCandidates, 10, 3).filter((p) => !reservists.some((r) => r.id === p.id));
  for (const p of bank) {
    const id = await nominate(deps, methodist, {
      kind: 'regional_reserve_bank',
      personId: p.id,
      direction: 'Сопровождение педагогов в реализации ИОМ',
      fromOn: `${year}-04-02`,
    });
    await transition(deps, input.region, id, { to: 'approved' });
    await transition(deps, input.region, id, { to: 'active', on: `${year}-09-01` });
  }
  // The methodical asset and the expert community: the associations' leaders and the bank's teachers.
  for (const [i, id] of [...leaders].entries()) {
    const kind = i % 3 === 0 ? 'expert_community' : 'methodical_asset';
    const m = await nominate(deps, methodist, { kind, personId: id, fromOn: `${year}-09-01` });
    await transition(deps, methodist, m, { to: 'approved', on: `${year}-09-01` });
    await transition(deps, methodist, m, { to: 'active', on: `${year}-09-01` });
  }

  // Mentoring: a program in every organization with a regulation, a mentor for most young specialists.
  const orgs = await tx.query<{ id: string; short_name: string }>(sql`
    SELECT id, short_name FROM organizations
    WHERE municipality_id = ${input.municipalityId} AND mentoring_regulation ORDER BY short_name, id`);
  const youngByOrg = new Map<string, Person[]>();
  for (const p of youngPeople)
    youngByOrg.set(p.organization_id, [...(youngByOrg.get(p.organization_id) ?? []), p]);
  let programs = 0;
  let mentorsCount = 0;
  let pairs = 0;
  const clubMembers: Person[] = [];
  const startedOn = `${year}-09-15`;
  for (const [n, o] of orgs.entries()) {
    const mentees = youngByOrg.get(o.id) ?? [];
    if (mentees.length === 0) continue;
    const actor = input.headByOrg.get(o.id) ?? input.admin;
    const programId = await createProgram(deps, actor, {
      name: `Программа наставничества ${o.short_name} на ${year}/${year + 1} учебный год`,
      forms: ['experienced_young', 'teacher_teacher', 'group'],
      startsOn: `${year}-09-01`,
      endsOn: `${year + 1}-08-31`,
      orderNumber: `${40 + n}-од`,
      orderDate: `${year}-09-01`,
      organizationId: o.id,
    });
    programs++;
    // Mentors: experienced staff of the same organization, best category first, two places each.
    const experienced = await tx.query<Person & { subjects: string[] }>(sql`
      SELECT DISTINCT ON (p.id) p.id, e.organization_id, p.category::text AS category, e.subjects
      FROM employments e JOIN people p ON p.id = e.person_id
      WHERE e.end_date IS NULL AND e.organization_id = ${o.id} AND e.staff_category = 'pedagogical'
        AND p.category IN ('highest', 'first') AND NOT ${young}
      ORDER BY p.id, (e.kind = 'main') DESC`);
    experienced.sort((a, b) => (rank[a.category] ?? 3) - (rank[b.category] ?? 3) || a.id.localeCompare(b.id));
    const mentorIds = new Map<string, { id: string; load: number }>();
    // Every fifth young specialist waits for a mentor: the warnings and 001's 70 % have something to show.
    for (const [k, mentee] of mentees.entries()) {
      if ((n + k) % 5 === 4) continue;
      const free = experienced.find((e) => (mentorIds.get(e.id)?.load ?? 0) < 2);
      if (!free) break;
      let m = mentorIds.get(free.id);
      if (!m) {
        m = { id: await appointMentor(deps, actor, programId, { personId: free.id, capacity: 2 }), load: 0 };
        mentorIds.set(free.id, m);
        clubMembers.push(free);
        mentorsCount++;
      }
      const pairId = await createPair(deps, actor, programId, {
        mentorId: m.id,
        menteePersonIds: [mentee.id],
        form: 'experienced_young',
        startedOn,
      });
      m.load++;
      pairs++;
      const meetingOn = dayOfYear(year, 10, 30);
      await addPairPlanItem(deps, actor, pairId, {
        plannedOn: meetingOn,
        kind: 'meeting',
        topic: 'Знакомство, план работы пары, посещение урока наставника',
      });
      await addPairPlanItem(deps, actor, pairId, {
        plannedOn: dayOfYear(year, 1, 30),
        kind: 'task',
        topic: 'Открытый урок наставляемого с разбором',
      });
      if (meetingOn <= today) {
        const [first] = await tx.query<{ id: string }>(sql`
          SELECT id FROM mentorship_plan_items WHERE mentorship_id = ${pairId} ORDER BY planned_on, id LIMIT 1`);
        await markPlan(deps, actor, first!.id, true);
      }
    }
  }

  // The mentors' club «Мы вместе» (001, 7.10): the mentors, with the year's four meetings.
  await community(
    {
      kind: 'mentors_club',
      name: 'Муниципальный клуб по наставничеству «Мы вместе»',
      description: 'Координация деятельности наставников образовательных организаций города.',
    },
    clubMembers,
    {},
    CLUB_MEETINGS.map((m) => ({
      date: dayOfYear(year, m.month, m.day),
      title: `Заседание клуба ${m.title}`,
      agenda: m.title,
    })),
  );

  return {
    associations: specs.length,
    councils: COUNCILS.length,
    members,
    meetingsHeld,
    reservists: reservists.length,
    regionalBank: bank.length,
    mentoringPrograms: programs,
    mentors: mentorsCount,
    pairs,
    youngSpecialists: youngPeople.length,
  };
}
