import { loadDerivedRules } from '../directory/derived/derived-rules.repository.ts';
import type { ORG_KINDS } from '../directory/vocabulary.ts';
import { applyAttendance, lockRegistration } from '../events/events.attendance.ts';
import {
  findPlan,
  insertRegistration,
  setEventCompetencies,
  targetSql,
} from '../events/events.repository.ts';
import { approve, createEvent, createPlan, registerSelf } from '../events/events.service.ts';
import type { EventKind, EventLevel } from '../events/events.vocabulary.ts';
import { type AuditEntry, writeAuditMany } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { type Db, sql } from '../platform/db/database.ts';
import { addDays } from '../platform/time/today.ts';
import { loadDemoContest } from './contest.demo.ts';

/**
 * The town's plan of methodical events for the current school year, in the words of 001 Table 2
 * (numbers, titles, responsible, forecast results), with dates placed around the demo's today:
 *  - past events with registrations, attendance (a few absent), presenters and certificates — the
 *    demo teacher took part in a seminar and presented at the festival of ideas;
 *  - events open for registration, addressing the competencies most often in deficit after the
 *    September diagnosis, so the route generator (run after this) proposes them; one is full with a
 *    waiting list, one asks the organizer's approval, and the demo teacher is registered for one;
 *  - rows «в течение года» that are plan lines rather than one-day events.
 * The plan is drafted by the methodist and approved by the head of the Committee, as in the product.
 */

type OrgKind = keyof typeof ORG_KINDS;

interface Spec {
  number: string;
  title: string;
  kind: EventKind;
  level?: EventLevel;
  /** Days from today of the first day; null: a row «в течение года». */
  at: number | null;
  days?: number;
  /** 'HH:MM'–'HH:MM' of a one-day event, the town's time. */
  time?: [string, string];
  periodText?: string;
  responsibleText: string;
  plannedResultText: string;
  target?: { subjects?: string[]; orgKinds?: OrgKind[]; youngOnly?: boolean };
  capacity?: number;
  place?: string;
  onlineUrl?: string;
  requiresApproval?: boolean;
  organizer?: 'school1' | 'lyceum';
  /** How many of the town's most frequent deficit competencies the event addresses. */
  competencies?: number;
  /** Registrations besides the demo teacher's; attendance for past events. */
  people?: number;
  absent?: number;
  presenters?: number;
  teacher?: 'participant' | 'presenter' | 'registered';
}

const ONLINE = 'https://mms-zima.example/webinar';
const HALL = 'Комитет по образованию администрации ЗГМО, актовый зал';

export const DEMO_EVENTS: readonly Spec[] = [
  {
    number: '1.1.',
    title:
      'Организация работы муниципальных органов поддержки педагогических и управленческих инициатив: Совет по развитию образования, Координационный совет по введению и реализации ФГОС, городской Методический совет',
    kind: 'consultation',
    at: null,
    periodText: 'Согласно планам работы Советов',
    responsibleText: 'Горошко О.О., Ланкина Н.Н.',
    plannedResultText: 'Протоколы: не менее 5 заседаний',
  },
  {
    number: '2.1.',
    title:
      'Муниципальная стажировочная площадка МБОУ «Зиминский лицей» «Психолого-педагогическое сопровождение одаренных детей: от теории к практике»: семинар «Индивидуальный образовательный маршрут школьника как эффективный способ развития детской одаренности»',
    kind: 'internship',
    at: 16,
    responsibleText: 'Наумова Т.А., Семахина Е.А., Ижетникова В.В. (МБОУ «Зиминский лицей»)',
    plannedResultText:
      '9 педагогов общеобразовательных организаций города вовлечены в деятельность стажировочной площадки',
    target: { orgKinds: ['school'] },
    capacity: 20,
    place: 'МБОУ «Зиминский лицей», методический кабинет',
    requiresApproval: true,
    organizer: 'lyceum',
    competencies: 2,
    people: 4,
  },
  {
    number: '2.2.',
    title:
      'Практикумы в рамках заседаний ГМО для учителей-предметников по разбору проверочных работ из банка заданий для оценки функциональной грамотности (ФГБНУ «Институт стратегии развития образования РАО»)',
    kind: 'association_meeting',
    at: null,
    periodText: 'В течение года',
    responsibleText: 'Руководители ГМО',
    plannedResultText: 'Проведено не менее чем по 1 заседанию ГМО учителей-предметников',
    target: { orgKinds: ['school'] },
  },
  {
    number: '3.2.',
    title: 'Городской конкурс профессионального мастерства «Новая смена»',
    kind: 'contest',
    at: -34,
    days: 15,
    responsibleText: 'Ланкина Н.Н.',
    plannedResultText:
      'Не менее 50 работников системы образования примут участие в городских профессиональных конкурсах',
    target: { youngOnly: true },
    place: HALL,
    people: 9,
    absent: 1,
  },
  {
    number: '6.5.',
    time: ['10:00', '13:00'],
    title:
      'Межмуниципальный семинар «Теория и практика формирования и оценивания читательской грамотности как компонента функциональной грамотности»',
    kind: 'seminar',
    level: 'regional',
    at: 23,
    responsibleText: 'Ланкина Н.Н.',
    plannedResultText: 'Не менее 3 педагогических работников представят опыт работы',
    target: { orgKinds: ['school'] },
    capacity: 15,
    onlineUrl: `${ONLINE}/chitatelskaya-gramotnost`,
    competencies: 2,
    people: 18,
  },
  {
    number: '6.6.',
    title:
      'Организация участия педагогических работников и управленческих кадров в региональных конкурсах профессионального мастерства и конкурсах методических разработок',
    kind: 'contest',
    level: 'regional',
    at: null,
    periodText: 'В течение года',
    responsibleText: 'Ланкина Н.Н.',
    plannedResultText:
      'Не менее 10 % педагогических работников и управленческих кадров примут участие в региональных конкурсных событиях',
  },
  {
    number: '7.2.',
    title: 'VII Общегородские историко-педагогические чтения',
    kind: 'readings',
    at: -47,
    responsibleText: 'Степанова О.Б.',
    plannedResultText: '5 учителей истории и обществознания представят опыт работы',
    target: { subjects: ['История', 'Обществознание'] },
    place: HALL,
    people: 8,
    absent: 1,
    presenters: 5,
  },
  {
    number: '7.3.',
    title: 'XVI городская конференция «Фестиваль педагогических идей»',
    kind: 'conference',
    at: -26,
    responsibleText: 'Ланкина Н.Н.',
    plannedResultText:
      'Не менее 50 работников муниципальной системы образования представили опыт работы в рамках конференции',
    place: 'МБОУ «СОШ № 26», актовый зал',
    people: 64,
    absent: 5,
    presenters: 14,
    teacher: 'presenter',
  },
  {
    number: '7.4.',
    time: ['14:00', '16:00'],
    title:
      'Семинар «Дифференцированный и разноуровневый подход в организации урочной и неурочной деятельности»',
    kind: 'seminar',
    at: -12,
    responsibleText: 'Садовская Л.Л., Добросельская Л.Л. (МБОУ «СОШ № 1»)',
    plannedResultText:
      '7 педагогических и управленческих работников представят опыт работы в рамках семинара',
    target: { orgKinds: ['school'] },
    place: 'МБОУ «СОШ № 1», кабинет 21',
    organizer: 'school1',
    people: 27,
    absent: 3,
    presenters: 7,
    teacher: 'participant',
  },
  {
    number: '7.7.',
    time: ['15:00', '17:00'],
    title:
      'Методический семинар для педагогических и управленческих кадров по вопросам формирования функциональной грамотности обучающихся',
    kind: 'seminar',
    at: 9,
    responsibleText: 'Ланкина Н.Н., заместители директоров по НМР',
    plannedResultText:
      'Не менее 10 % учителей общеобразовательных организаций повысят профессиональные компетенции в вопросах формирования функциональной грамотности',
    target: { orgKinds: ['school'] },
    capacity: 60,
    place: HALL,
    competencies: 3,
    people: 21,
    teacher: 'registered',
  },
  {
    number: '7.9.',
    time: ['16:00', '17:30'],
    title:
      'Семинар «Языковая и социокультурная адаптация детей-мигрантов в общеобразовательных организациях»',
    kind: 'webinar',
    at: 30,
    responsibleText: 'Наумова Т.А., МБОУ «СОШ № 10» (Венцкене Т.А., Лумпова М.С.)',
    plannedResultText:
      'Не менее 35 работников муниципальной системы образования повысят уровень профессионального мастерства',
    capacity: 100,
    onlineUrl: `${ONLINE}/adaptaciya`,
    competencies: 2,
    people: 12,
  },
  {
    number: '7.10.',
    time: ['15:30', '17:00'],
    title:
      'Муниципальный клуб по наставничеству «Мы вместе»: «Профессиональное выгорание педагога и способы его преодоления»',
    kind: 'master_class',
    at: 14,
    responsibleText: 'Наумова Т.А.',
    plannedResultText: 'Скоординирована деятельность 76 наставников',
    capacity: 40,
    place: 'МБОУ «СОШ № 10», библиотека',
    competencies: 1,
    people: 9,
  },
  {
    number: '7.11.',
    time: ['14:30', '16:00'],
    title: 'Школа молодого педагога: занятие «Современный урок: от замысла к самоанализу»',
    kind: 'young_teacher_school',
    at: 7,
    responsibleText: 'Бахтина Ю.В., Наумова Т.А.',
    plannedResultText:
      'Не менее 70 % молодых педагогических работников вовлечены в различные формы поддержки и сопровождения',
    target: { youngOnly: true },
    capacity: 30,
    place: 'МБОУ «СОШ № 5», кабинет 12',
    competencies: 2,
    people: 6,
  },
];

export interface DemoEvents {
  planId: string;
  events: number;
  registrations: number;
  attended: number;
  certificates: number;
  presenters: number;
  /** The contest's entries and the diplomas its published results issued (also certificates). */
  contestEntries: number;
  diplomas: number;
}

const JURORS = 3;

const TOPICS = [
  'Опыт применения технологии смыслового чтения на уроках',
  'Проектная задача как средство формирования функциональной грамотности',
  'Формирующее оценивание: приёмы обратной связи на уроке',
  'Цифровые ресурсы в работе с детьми с ОВЗ',
  'Наставничество «учитель — учитель»: первый год в школе',
  'Кейс-метод на уроках истории и обществознания',
  'Читательская грамотность в начальной школе: система заданий',
];

/** The school year of a day: 2026 for any day from 1 September 2026 to 31 August 2027. */
export function schoolYearOf(day: string): number {
  const y = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 9 ? y : y - 1;
}

export async function loadDemoEvents(
  tx: Db,
  input: {
    methodist: Actor;
    head: Actor;
    teacher: Actor;
    organizations: { school1: string; lyceum: string };
    campaignId: string;
    today: string;
  },
): Promise<DemoEvents> {
  const { methodist, teacher, today } = input;
  const schoolYear = schoolYearOf(today);
  const deps = { db: tx, today: () => today };
  const planId = await createPlan(deps, methodist, { schoolYear });
  const plan = (await findPlan(tx, methodist, planId))!;
  const rules = await loadDerivedRules(tx);
  const deficits = await tx.query<{ competency_id: string }>(sql`
    SELECT cr.competency_id FROM competency_results cr JOIN competencies c ON c.id = cr.competency_id
    WHERE cr.campaign_id = ${input.campaignId} AND cr.percent < 50
    GROUP BY cr.competency_id, c.code ORDER BY count(*) DESC, c.code`);
  const mine = await tx.query<{ competency_id: string }>(sql`
    SELECT competency_id FROM competency_results WHERE campaign_id = ${input.campaignId}
      AND person_id = ${teacher.personId} ORDER BY percent, competency_id LIMIT 1`);
  // The demo teacher's weakest competency goes first, then the town's most frequent deficits.
  const ranked = [...new Set([...mine, ...deficits].map((d) => d.competency_id))];

  const audit: AuditEntry[] = [];
  const out: DemoEvents = {
    planId,
    events: 0,
    registrations: 0,
    attended: 0,
    certificates: 0,
    presenters: 0,
    contestEntries: 0,
    diplomas: 0,
  };
  const teacherRegistrations: {
    eventId: string;
    role: 'participant' | 'presenter' | 'registered';
    day: string;
  }[] = [];
  const past: { spec: Spec; id: string; day: string }[] = [];
  const upcoming: { spec: Spec; id: string; opensOn: string }[] = [];
  for (const [i, s] of DEMO_EVENTS.entries()) {
    // A demo loaded early in September has its past events in August: no check keeps them in the year.
    const start = s.at === null ? null : addDays(today, s.at);
    const end = start && s.days ? addDays(start, s.days - 1) : start;
    const opensOn = start && s.at! >= 0 ? addDays(today, -7) : null;
    const id = await createEvent(deps, methodist, planId, {
      number: s.number,
      title: s.title,
      kind: s.kind,
      level: s.level ?? 'municipal',
      responsibleText: s.responsibleText,
      plannedResultText: s.plannedResultText,
      ...(start
        ? { startsOn: start, endsOn: end, periodText: ruDate(start) }
        : { periodText: s.periodText ?? null }),
      target: s.target ?? {},
      capacity: s.capacity ?? null,
      place: s.place ?? null,
      onlineUrl: s.onlineUrl ?? null,
      requiresApproval: s.requiresApproval ?? false,
      organizerOrganizationId: s.organizer ? input.organizations[s.organizer] : null,
      registrationOpensOn: opensOn,
      registrationClosesOn: start && s.at! >= 0 ? addDays(start, -1) : null,
    });
    if (s.competencies) {
      const from = (i * 2) % Math.max(1, ranked.length - s.competencies);
      const ids =
        s.teacher === 'registered'
          ? ranked.slice(0, s.competencies)
          : ranked.slice(from, from + s.competencies);
      await setEventCompetencies(tx, id, ids);
    }
    out.events++;
    if (!start) continue;
    if (s.at! < 0) past.push({ spec: s, id, day: end! });
    else upcoming.push({ spec: s, id, opensOn: opensOn! });
    if (s.teacher)
      teacherRegistrations.push({ eventId: id, role: s.teacher, day: s.at! < 0 ? start : today });
  }
  await approve(deps, input.head, planId);

  const who = { userId: methodist.userId, email: methodist.email };
  // The demo teacher registers herself, on a day the registration was open.
  const teacherRegIds = new Map<string, string>();
  for (const t of teacherRegistrations) {
    const r = await registerSelf({ db: tx, today: () => t.day }, teacher, t.eventId);
    teacherRegIds.set(t.eventId, r.id);
  }

  const chosen = async (eventId: string, s: Spec, n: number): Promise<string[]> => {
    const rows = await tx.query<{ person_id: string }>(sql`
      SELECT e.person_id FROM employments e JOIN organizations o ON o.id = e.organization_id JOIN people p ON p.id = e.person_id
      WHERE ${targetSql(plan, s.target ?? {}, rules, today)} AND e.person_id <> ${teacher.personId}
      GROUP BY e.person_id ORDER BY md5(e.person_id::text || ${eventId}) LIMIT ${n}`);
    return rows.map((r) => r.person_id);
  };
  const register = async (
    eventId: string,
    personId: string,
    status: 'confirmed' | 'pending' | 'waitlisted',
  ) => {
    const id = await insertRegistration(tx, {
      eventId,
      personId,
      status,
      source: 'nominated',
      userId: methodist.userId,
    });
    audit.push({
      actor: methodist,
      action: 'create',
      entity: 'event_registration',
      entityId: id,
      personId,
      after: { eventId, status, source: 'nominated', demo: true },
    });
    out.registrations++;
    return id!;
  };

  for (const { spec: s, id, day } of past) {
    const people = await chosen(id, s, s.people ?? 0);
    const regs = [...people.map((p) => ({ personId: p, regId: '' }))];
    for (const r of regs) r.regId = await register(id, r.personId, 'confirmed');
    const mineId = teacherRegIds.get(id);
    if (mineId) regs.unshift({ personId: teacher.personId!, regId: mineId });
    // A contest's jury: experienced teachers of the town, registered by the organizer in that role.
    const jurors: { personId: string; regId: string }[] = [];
    if (s.kind === 'contest') {
      const rows = await tx.query<{ person_id: string }>(sql`
        SELECT e.person_id FROM employments e JOIN organizations o ON o.id = e.organization_id JOIN people p ON p.id = e.person_id
        WHERE o.municipality_id = ${plan.municipality_id} AND p.ped_experience_years >= 15 AND e.person_id <> ${teacher.personId}
          AND NOT EXISTS (SELECT 1 FROM event_registrations r WHERE r.event_id = ${id} AND r.person_id = e.person_id)
        GROUP BY e.person_id ORDER BY md5(e.person_id::text || ${id}) LIMIT ${JURORS}`);
      for (const r of rows) {
        const regId = await register(id, r.person_id, 'confirmed');
        await tx.query(sql`UPDATE event_registrations SET role = 'jury' WHERE id = ${regId}`);
        jurors.push({ personId: r.person_id, regId });
      }
    }
    const presenters = regs.slice(0, s.presenters ?? 0);
    if (s.teacher === 'participant' && mineId && presenters[0]?.regId === mineId) presenters.shift();
    for (const [k, p] of presenters.entries()) {
      await tx.query(sql`UPDATE event_registrations SET role = 'presenter', topic = ${TOPICS[k % TOPICS.length]!},
        materials_url = ${`https://mms-zima.example/opyt/${k + 1}`} WHERE id = ${p.regId}`);
      out.presenters++;
    }
    // The last few did not come; everyone else is ticked on the event's day, which issues the certificate.
    const absent = new Set(regs.slice(regs.length - (s.absent ?? 0)).map((r) => r.regId));
    for (const r of [...regs, ...jurors]) {
      const locked = (await lockRegistration(tx, r.regId))!;
      const entries = await applyAttendance(tx, who, locked, !absent.has(r.regId), 'check_in', day);
      for (const e of entries) audit.push({ actor: methodist, ...e });
      if (!absent.has(r.regId)) out.attended++;
      out.certificates += entries.filter((e) => e.entity === 'event_certificate').length;
    }
    if (s.kind === 'contest') {
      const c = await loadDemoContest(tx, {
        eventId: id,
        day,
        methodist,
        participants: regs
          .filter((r) => !absent.has(r.regId))
          .map((r) => ({ registrationId: r.regId, personId: r.personId })),
        jurors: jurors.map((j) => ({ registrationId: j.regId, personId: j.personId })),
        audit,
      });
      out.contestEntries += c.entries;
      out.diplomas += c.diplomas;
    }
  }

  for (const { spec: s, id } of upcoming) {
    const people = await chosen(id, s, s.people ?? 0);
    const seats = s.capacity ?? Number.POSITIVE_INFINITY;
    let taken = teacherRegIds.has(id) ? 1 : 0;
    for (const p of people) {
      const status = taken >= seats ? 'waitlisted' : s.requiresApproval ? 'pending' : 'confirmed';
      await register(id, p, status);
      if (status !== 'waitlisted') taken++;
    }
  }
  await writeAuditMany(tx, audit);
  return out;
}

function ruDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}
