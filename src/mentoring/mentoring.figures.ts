import { type SQL, sql } from 'drizzle-orm';
import {
  type MeasureContext,
  type Params,
  type PersonMeasureBuilder,
  type RowsBuilder,
  str,
} from '../monitoring/measures/context.ts';

/**
 * The figures of mentoring for the indicator engine (src/monitoring/measures/run.ts registers
 * them): mentees, active mentors, participants, young teachers in a form of support, open
 * mentorships by form, organizations implementing the target model.
 *
 * Decisions:
 * - A mentorship is active on a date when it started on or before it and is not finished by it
 *   (finished_on later than the date, as an employment's end); a mentee counts while their own
 *   finished_on (a mentee leaves a group earlier) is not reached. `inPeriod` asks instead for a
 *   mentorship active at any day of the period.
 * - An active mentor = a mentor of at least one active mentorship: a mentor appointed by the order
 *   without a mentee is not counted.
 * - A person counts at the organization the population puts them in (their main employment), not
 *   at the program's organization; a mentorship (a count, not a person) counts at its program's.
 * - «Вовлечены в формы поддержки и сопровождения» (001 7.11, 002 row 6) = a mentee, or a member of
 *   a school or council of young teachers (the communities' kinds young_teacher_school,
 *   young_teachers_council).
 * - «Реализует целевую модель наставничества» = a program current on the date with at least one
 *   active mentorship; «разработаны положение, приказы» = a program current on the date whose
 *   order (number or date) is recorded.
 */

/** Active on the date, or during the period with `inPeriod`. */
function activeSql(start: SQL, end: SQL, p: Params, ctx: MeasureContext): SQL {
  return p.inPeriod === true
    ? sql`${start} <= ${ctx.periodEnd}::date AND (${end} IS NULL OR ${end} >= ${ctx.periodStart}::date)`
    : sql`${start} <= ${ctx.asOf}::date AND (${end} IS NULL OR ${end} > ${ctx.asOf}::date)`;
}

function formSql(p: Params): SQL {
  const form = str(p.form);
  return form ? sql`AND ms.form::text = ${form}` : sql``;
}

/** Mentees whose mentor holds an active membership of the kind (003 7.3: «сопровождаемых методистами актива»). */
function mentorMembershipSql(p: Params, ctx: MeasureContext): SQL {
  const kind = str(p.mentorMembership);
  if (!kind) return sql``;
  return sql`AND EXISTS (SELECT 1 FROM memberships mb WHERE mb.person_id = mm.person_id
    AND mb.kind::text = ${kind} AND mb.status = 'active'
    AND (mb.from_on IS NULL OR mb.from_on <= ${ctx.asOf}::date) AND (mb.to_on IS NULL OR mb.to_on >= ${ctx.asOf}::date))`;
}

export function menteesSet(p: Params, ctx: MeasureContext): SQL {
  return sql`SELECT mx.person_id FROM mentorship_mentees mx
    JOIN mentorships ms ON ms.id = mx.mentorship_id JOIN mentoring_mentors mm ON mm.id = ms.mentor_id
    WHERE ${activeSql(sql`ms.started_on`, sql`coalesce(mx.finished_on, ms.finished_on)`, p, ctx)}
      ${formSql(p)} ${mentorMembershipSql(p, ctx)}`;
}

export function mentorsSet(p: Params, ctx: MeasureContext): SQL {
  return sql`SELECT mm.person_id FROM mentoring_mentors mm JOIN mentorships ms ON ms.mentor_id = mm.id
    WHERE ${activeSql(sql`ms.started_on`, sql`ms.finished_on`, p, ctx)} ${formSql(p)}`;
}

/** The kinds of communities that are a form of support of young teachers. */
export const YOUNG_SUPPORT_KINDS = ['young_teacher_school', 'young_teachers_council'] as const;

function supportedSet(p: Params, ctx: MeasureContext): SQL {
  return sql`${menteesSet(p, ctx)} UNION
    SELECT cm.person_id FROM community_members cm JOIN communities c ON c.id = cm.community_id
    WHERE c.kind::text = ANY(${sql.param([...YOUNG_SUPPORT_KINDS])}::text[])
      AND ${activeSql(sql`cm.joined_on`, sql`cm.left_on`, p, ctx)}`;
}

export const MENTORING_PERSON_MEASURES: Record<string, PersonMeasureBuilder> = {
  'mentoring.mentees': (p, ctx) => ({ set: menteesSet(p, ctx) }),
  'mentoring.mentors': (p, ctx) => ({ set: mentorsSet(p, ctx) }),
  'mentoring.participants': (p, ctx) => ({ set: sql`${menteesSet(p, ctx)} UNION ${mentorsSet(p, ctx)}` }),
  'mentoring.supported': (p, ctx) => ({ set: supportedSet(p, ctx) }),
};

function orgKinds(p: Params, pop: { orgKinds: string[] }): SQL {
  const own = Array.isArray(p.kinds) && p.kinds.length ? p.kinds : [];
  return sql`${own.length ? sql`AND o.kind::text = ANY(${sql.param(own)}::text[])` : sql``}
    ${pop.orgKinds.length ? sql`AND o.kind::text = ANY(${sql.param(pop.orgKinds)}::text[])` : sql``}`;
}

/** A program current on the date. */
const programCurrent = (ctx: MeasureContext) =>
  sql`mp.starts_on <= ${ctx.asOf}::date AND (mp.ends_on IS NULL OR mp.ends_on >= ${ctx.asOf}::date)`;

export const MENTORING_ROW_MEASURES: Record<string, RowsBuilder> = {
  'mentoring.mentorships': (p, ctx, pop) => sql`SELECT mp.organization_id, 1 AS value
    FROM mentorships ms JOIN mentoring_programs mp ON mp.id = ms.program_id JOIN organizations o ON o.id = mp.organization_id
    WHERE ${ctx.scope('o')} ${orgKinds({}, pop)} AND ${activeSql(sql`ms.started_on`, sql`ms.finished_on`, p, ctx)} ${formSql(p)}`,
  'mentoring.orgs_implementing': (p, ctx, pop) => sql`SELECT o.id AS organization_id, o.id AS member_id
    FROM organizations o WHERE ${ctx.scope('o')} ${orgKinds(p, pop)}
      AND EXISTS (SELECT 1 FROM mentoring_programs mp JOIN mentorships ms ON ms.program_id = mp.id
                  WHERE mp.organization_id = o.id AND ${programCurrent(ctx)}
                    AND ${activeSql(sql`ms.started_on`, sql`ms.finished_on`, {}, ctx)})`,
  'mentoring.orgs_with_order': (p, ctx, pop) => sql`SELECT o.id AS organization_id, o.id AS member_id
    FROM organizations o WHERE ${ctx.scope('o')} ${orgKinds(p, pop)}
      AND EXISTS (SELECT 1 FROM mentoring_programs mp
                  WHERE mp.organization_id = o.id AND ${programCurrent(ctx)}
                    AND (nullif(btrim(mp.order_number), '') IS NOT NULL OR mp.order_date IS NOT NULL))`,
};
