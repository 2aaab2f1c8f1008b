import type { Actor } from '../platform/auth/actor.ts';
import { canManageProgram, sideOf } from './mentoring.policy.ts';
import type {
  GoalDb,
  MentorDb,
  PairDb,
  PlanItemDb,
  ProgramDb,
  ReportDb,
  SummaryDb,
  WarningDb,
} from './mentoring.repository.ts';
import {
  DEFICIT_STATUSES,
  deficitStatus,
  FINISH_REASONS,
  GOAL_OUTCOMES,
  MENTORING_FORMS,
  PLAN_KINDS,
  REPORT_SIDES,
  weeksBetween,
} from './mentoring.vocabulary.ts';

/** The fields of the mentoring context sent to the client. */

export function presentProgram(actor: Actor, p: ProgramDb) {
  return {
    id: p.id,
    organizationId: p.organization_id,
    organizationName: p.organization_name,
    mentoringRegulation: p.mentoring_regulation,
    name: p.name,
    forms: p.forms,
    formNames: p.forms.map((f) => MENTORING_FORMS[f]),
    startsOn: p.starts_on,
    endsOn: p.ends_on,
    order: { number: p.order_number, date: p.order_date, url: p.order_url },
    mentorCount: p.mentor_count,
    openPairs: p.open_pairs,
    finishedPairs: p.finished_pairs,
    canManage: canManageProgram(actor, p),
  };
}

export function presentMentor(m: MentorDb) {
  return {
    id: m.id,
    programId: m.program_id,
    personId: m.person_id,
    personName: m.person_name,
    position: m.position,
    category: m.category,
    capacity: m.capacity,
    load: m.load,
    free: Math.max(0, m.capacity - m.load),
  };
}

export const pairPeople = (p: PairDb) => ({
  mentor_person_id: p.mentor_person_id,
  mentee_person_ids: p.mentees.map((m) => m.person_id),
});

export function presentPair(actor: Actor, p: PairDb) {
  return {
    id: p.id,
    programId: p.program_id,
    programName: p.program_name,
    organizationId: p.organization_id,
    organizationName: p.organization_name,
    mentorId: p.mentor_id,
    mentorPersonId: p.mentor_person_id,
    mentorName: p.mentor_name,
    mentees: p.mentees.map((m) => ({
      personId: m.person_id,
      name: m.name,
      finishedOn: m.finished_on,
      worksAt: m.works_at,
    })),
    form: p.form,
    formName: MENTORING_FORMS[p.form],
    startedOn: p.started_on,
    finishedOn: p.finished_on,
    finishReason: p.finish_reason,
    finishReasonName: p.finish_reason ? FINISH_REASONS[p.finish_reason] : null,
    finishNote: p.finish_note,
    goalsTotal: p.goals_total,
    goalsReached: p.goals_reached,
    planTotal: p.plan_total,
    planDone: p.plan_done,
    reports: p.reports,
    side: sideOf(actor, pairPeople(p)),
  };
}

export function presentGoal(g: GoalDb) {
  const status = deficitStatus(g.after_percent, g.deficit_below);
  return {
    id: g.id,
    menteePersonId: g.mentee_person_id,
    menteeName: g.mentee_name,
    competencyId: g.competency_id,
    competencyCode: g.competency_code,
    competencyName: g.competency_name,
    frameworkName: g.framework_name,
    deficitBelow: g.deficit_below,
    title: g.title,
    before: { percent: g.baseline_percent, on: g.baseline_on },
    after: g.after_percent === null ? null : { percent: g.after_percent, on: g.after_on! },
    deficitStatus: status,
    deficitStatusName: DEFICIT_STATUSES[status],
    outcome: g.outcome,
    outcomeName: g.outcome ? GOAL_OUTCOMES[g.outcome] : null,
  };
}

export function presentPlanItem(i: PlanItemDb) {
  return {
    id: i.id,
    kind: i.kind,
    kindName: PLAN_KINDS[i.kind],
    plannedOn: i.planned_on,
    topic: i.topic,
    done: i.done,
    doneAt: i.done_at,
  };
}

export function presentReport(r: ReportDb) {
  return {
    id: r.id,
    side: r.side,
    sideName: REPORT_SIDES[r.side],
    authorPersonId: r.author_person_id,
    authorName: r.author_name,
    reportedOn: r.reported_on,
    text: r.text,
  };
}

export function presentWarning(w: WarningDb, asOf: string) {
  return {
    personId: w.person_id,
    personName: w.person_name,
    organizationId: w.organization_id,
    organizationName: w.organization_name,
    position: w.position,
    startDate: w.start_date,
    weeksWithoutMentor: weeksBetween(w.start_date, asOf),
  };
}

export function presentSummary(rows: SummaryDb[]) {
  const items = rows.map((r) => ({
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    mentoringRegulation: r.mentoring_regulation,
    programs: r.programs,
    mentors: r.mentors,
    openPairs: r.open_pairs,
    mentees: r.mentees,
    young: r.young,
    youngWithMentor: r.young_with_mentor,
  }));
  const sum = (k: 'programs' | 'mentors' | 'openPairs' | 'mentees' | 'young' | 'youngWithMentor') =>
    items.reduce((s, r) => s + r[k], 0);
  return {
    items,
    totals: {
      organizations: items.length,
      withRegulation: items.filter((r) => r.mentoringRegulation).length,
      programs: sum('programs'),
      mentors: sum('mentors'),
      openPairs: sum('openPairs'),
      mentees: sum('mentees'),
      young: sum('young'),
      youngWithMentor: sum('youngWithMentor'),
    },
  };
}
