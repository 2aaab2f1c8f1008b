import type { PlanDb, SummaryDb } from './wellbeing.repository.ts';
import {
  maskedCount,
  PLAN_OUTCOME_LABELS,
  RISK_LABELS,
  SMALL_COUNT,
  SUPPORT_ITEM_KIND_LABELS,
} from './wellbeing.vocabulary.ts';

/** A plan as its teacher, the school head or the psychologist sees it. */
export function presentPlan(p: PlanDb, abilities: { canKeep: boolean }) {
  return {
    id: p.id,
    personId: p.person_id,
    personName: p.person_name,
    organizationId: p.organization_id,
    organizationName: p.organization_name,
    riskLevel: p.risk_level,
    riskLabel: RISK_LABELS[p.risk_level],
    status: p.status,
    openedOn: p.opened_on,
    closedOn: p.closed_on,
    followUp: {
      dueOn: p.follow_up_due,
      remindedOn: p.follow_up_notified_on,
      takenOn: p.follow_up_on,
      riskLevel: p.follow_up_risk,
      riskLabel: p.follow_up_risk ? RISK_LABELS[p.follow_up_risk] : null,
    },
    outcome: p.outcome,
    outcomeLabel: p.outcome ? PLAN_OUTCOME_LABELS[p.outcome] : null,
    outcomeNote: p.outcome_note,
    items: p.items.map((i) => ({
      id: i.id,
      kind: i.kind,
      kindLabel: SUPPORT_ITEM_KIND_LABELS[i.kind],
      note: i.note,
      dueOn: i.due_on,
      doneOn: i.done_on,
    })),
    canKeep: abilities.canKeep,
    /** Closing «с улучшением» needs a follow-up screening without a high risk. */
    canCloseImproved: abilities.canKeep && p.follow_up_risk !== null && p.follow_up_risk !== 'high',
  };
}

const COUNTS = ['high_risk', 'open_plans', 'follow_ups_done', 'closed_plans'] as const;

/**
 * Counts per organization and in total, each below 3 masked; no names of people. A total over
 * masked rows would give them away by subtraction, so it then says only «не менее N» (the visible
 * counts plus one for each masked row).
 */
export function presentSummary(rows: SummaryDb[]) {
  const masked = (r: Pick<SummaryDb, (typeof COUNTS)[number]>) => ({
    highRisk: maskedCount(r.high_risk),
    openPlans: maskedCount(r.open_plans),
    followUpsDone: maskedCount(r.follow_ups_done),
    closedPlans: maskedCount(r.closed_plans),
  });
  const totalOf = (k: (typeof COUNTS)[number]) => {
    const hidden = rows.filter((r) => r[k] > 0 && r[k] < SMALL_COUNT).length;
    const sum = rows.reduce((s, r) => s + r[k], 0);
    if (hidden === 0) return maskedCount(sum);
    const visible = rows.reduce((s, r) => s + (r[k] >= SMALL_COUNT ? r[k] : 0), 0);
    return { value: null, label: `не менее ${visible + hidden}` };
  };
  return {
    items: rows.map((r) => ({
      organizationId: r.organization_id,
      organizationName: r.organization_name,
      ...masked(r),
    })),
    total: {
      highRisk: totalOf('high_risk'),
      openPlans: totalOf('open_plans'),
      followUpsDone: totalOf('follow_ups_done'),
      closedPlans: totalOf('closed_plans'),
    },
  };
}
