import { describe, expect, it } from 'vitest';
import { presentSummary } from './wellbeing.presenter.ts';

const row = (id: string, high: number, open: number) => ({
  organization_id: id,
  organization_name: `Школа ${id}`,
  high_risk: high,
  open_plans: open,
  follow_ups_done: 0,
  closed_plans: 0,
});

describe('the municipal summary', () => {
  it('masks small counts and a total that would give them away by subtraction', () => {
    const s = presentSummary([row('a', 1, 1), row('b', 3, 4)]);
    expect(s.items[0]).toMatchObject({ highRisk: { value: null, label: 'менее 3' } });
    expect(s.items[1]).toMatchObject({ highRisk: { value: 3, label: '3' }, openPlans: { value: 4 } });
    expect(s.total.highRisk).toEqual({ value: null, label: 'не менее 4' });
    expect(s.total.followUpsDone).toEqual({ value: 0, label: '0' });
    expect(presentSummary([row('a', 3, 5), row('b', 4, 0)]).total.highRisk).toEqual({ value: 7, label: '7' });
  });
});
