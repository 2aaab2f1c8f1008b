import { writeAudit } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { type Db, sql } from '../platform/db/database.ts';
import { conflict } from '../platform/errors.ts';
import { insertGoal, insertMentees, insertPair, openMentorshipOf } from './mentoring.repository.ts';
import { MENTORING_FORMS, type MentoringForm } from './mentoring.vocabulary.ts';

/**
 * A mentorship opened from a route's mentoring item (the school head confirms the mentor the route
 * suggests). It goes into the mentee's organization's program running on the day — the earliest
 * started, by id — and when the organization has none, a default program «Наставничество по
 * образовательным маршрутам» is created for it (forms «опытный–молодой» and «педагог–педагог»),
 * so a confirmation never stops at paperwork; the head fills in the order later. A mentor from
 * another school of the municipality is appointed in that program with the capacity of their
 * appointment elsewhere. The mentorship's goal is the item's deficit competency.
 *
 * Runs inside the caller's transaction. Races: the organization's row is locked while the program
 * is found or created (two confirmations never create two programs), the mentor's appointments are
 * locked for the capacity check, and the partial unique index of mentorship_mentees keeps one open
 * mentorship per mentee in a program whoever inserts at the same time.
 */

export const DEFAULT_PROGRAM_NAME = 'Наставничество по образовательным маршрутам';
const DEFAULT_FORMS: MentoringForm[] = ['experienced_young', 'teacher_teacher'];

export interface RouteMentorshipInput {
  organizationId: string;
  menteePersonId: string;
  menteeName: string;
  mentorPersonId: string;
  competencyId: string;
  baselinePercent: number;
  baselineOn: string;
  startedOn: string;
  goalTitle: string;
}

export const openMentorshipMessage = (name: string) =>
  `${name}: уже есть открытое наставничество в программе школы. Завершите его, прежде чем назначать новое.`;

export async function openRouteMentorship(tx: Db, actor: Actor, m: RouteMentorshipInput): Promise<string> {
  const [org] = await tx.query<{ region_id: string; municipality_id: string }>(sql`
    SELECT region_id, municipality_id FROM organizations WHERE id = ${m.organizationId} FOR UPDATE`);
  if (!org) throw conflict('Организация педагога не найдена.');
  let [program] = await tx.query<{ id: string; forms: MentoringForm[] }>(sql`
    SELECT id, forms::text[] AS forms FROM mentoring_programs
    WHERE organization_id = ${m.organizationId} AND starts_on <= ${m.startedOn}::date
      AND (ends_on IS NULL OR ends_on >= ${m.startedOn}::date)
    ORDER BY starts_on, id LIMIT 1`);
  if (!program) {
    const [row] = await tx.query<{ id: string }>(sql`
      INSERT INTO mentoring_programs (region_id, municipality_id, organization_id, name, forms, starts_on)
      VALUES (${org.region_id}, ${org.municipality_id}, ${m.organizationId}, ${DEFAULT_PROGRAM_NAME},
              ${sql.param(DEFAULT_FORMS)}::mentoring_form[], ${m.startedOn})
      RETURNING id`);
    program = { id: row!.id, forms: DEFAULT_FORMS };
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'mentoring_program',
      entityId: program.id,
      after: {
        organizationId: m.organizationId,
        name: DEFAULT_PROGRAM_NAME,
        forms: DEFAULT_FORMS.map((f) => MENTORING_FORMS[f]),
        startsOn: m.startedOn,
        source: 'route',
      },
    });
  }
  const form: MentoringForm =
    DEFAULT_FORMS.find((f) => program.forms.includes(f)) ??
    program.forms.find((f) => f !== 'group') ??
    'experienced_young';

  // Every appointment of the mentor, locked: their places are counted over all of them.
  const rows = await tx.query<{ id: string; program_id: string; capacity: number; name: string }>(sql`
    SELECT mm.id, mm.program_id, mm.capacity,
           concat_ws(' ', p.last_name, p.first_name, NULLIF(p.patronymic, '')) AS name
    FROM mentoring_mentors mm JOIN people p ON p.id = mm.person_id
    WHERE mm.person_id = ${m.mentorPersonId} ORDER BY mm.id FOR UPDATE OF mm`);
  if (rows.length === 0)
    throw conflict('Педагог не назначен наставником ни в одной программе наставничества.');
  const capacity = Math.max(...rows.map((r) => r.capacity));
  const [{ load } = { load: 0 }] = await tx.query<{ load: number }>(sql`
    SELECT count(*)::int AS load FROM mentorship_mentees mx
    JOIN mentorships ms ON ms.id = mx.mentorship_id JOIN mentoring_mentors mm ON mm.id = ms.mentor_id
    WHERE mm.person_id = ${m.mentorPersonId} AND mx.finished_on IS NULL`);
  const mentorName = rows[0]!.name;
  if (load >= capacity)
    throw conflict(
      `У наставника ${mentorName} нет свободных мест: занято ${load} из ${capacity}. Выберите другого наставника.`,
    );
  if ((await openMentorshipOf(tx, program.id, [m.menteePersonId])).length > 0)
    throw conflict(openMentorshipMessage(m.menteeName));

  let mentorId = rows.find((r) => r.program_id === program.id)?.id;
  if (!mentorId) {
    const [row] = await tx.query<{ id: string }>(sql`
      INSERT INTO mentoring_mentors (program_id, person_id, capacity)
      VALUES (${program.id}, ${m.mentorPersonId}, ${capacity}) RETURNING id`);
    mentorId = row!.id;
    await writeAudit(tx, {
      actor,
      action: 'assign',
      entity: 'mentoring_mentor',
      entityId: mentorId,
      personId: m.mentorPersonId,
      after: { programId: program.id, personId: m.mentorPersonId, capacity, source: 'route' },
    });
  }
  const id = await insertPair(tx, {
    programId: program.id,
    mentorId,
    form,
    startedOn: m.startedOn,
    createdBy: actor.userId,
  });
  // The partial unique index settles a race the check above could not see.
  const added = await insertMentees(tx, id, program.id, [m.menteePersonId]);
  if (added.length === 0) throw conflict(openMentorshipMessage(m.menteeName));
  await insertGoal(tx, {
    mentorshipId: id,
    menteePersonId: m.menteePersonId,
    competencyId: m.competencyId,
    title: m.goalTitle,
    baselinePercent: m.baselinePercent,
    baselineOn: m.baselineOn,
  });
  await writeAudit(tx, {
    actor,
    action: 'create',
    entity: 'mentorship',
    entityId: id,
    personId: m.menteePersonId,
    after: {
      programId: program.id,
      mentorPersonId: m.mentorPersonId,
      form: MENTORING_FORMS[form],
      startedOn: m.startedOn,
      competencyId: m.competencyId,
      source: 'route',
    },
  });
  return id;
}
