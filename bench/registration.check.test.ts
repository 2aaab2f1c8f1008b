import { describe, expect, it } from 'vitest';
import { type BurstAnswer, checkBurst } from './registration.check.ts';
import type { BurstState } from './registration.seed.ts';

/** The burst's checker fails on each way a burst can go wrong (and passes an honest one). */
const X = { capacity: 3, sent: 6, people: 5 };
const honest = (): BurstAnswer[] => [
  { who: 'a', status: 201, registration: 'confirmed' },
  { who: 'b', status: 201, registration: 'confirmed' },
  { who: 'c', status: 201, registration: 'waitlisted', waitlistPosition: 2 },
  { who: 'd', status: 201, registration: 'confirmed' },
  { who: 'e', status: 201, registration: 'waitlisted', waitlistPosition: 1 },
  { who: 'a', status: 409 },
];
const db = (): BurstState => ({ byStatus: { confirmed: 3, waitlisted: 2 }, doubled: 0, people: 5 });

describe('checkBurst', () => {
  it('passes an honest burst', () => {
    const v = checkBurst(X, honest(), db());
    expect(v.failures).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.answers).toMatchObject({ total: 6, confirmed: 3, waitlisted: 2, conflict: 1 });
  });

  it('catches overbooking in the answers and in the database', () => {
    const answers = honest();
    answers[2] = { who: 'c', status: 201, registration: 'confirmed' };
    const v = checkBurst(X, answers, { ...db(), byStatus: { confirmed: 4, waitlisted: 1 } });
    expect(v.ok).toBe(false);
    expect(v.failures).toContain('confirmed answers 4, capacity 3');
    expect(v.failures).toContain('database: 4 seats taken, capacity 3');
  });

  it('catches a person registered twice', () => {
    const answers = honest();
    answers[5] = { who: 'a', status: 201, registration: 'waitlisted', waitlistPosition: 3 };
    const v = checkBurst(X, answers, { ...db(), doubled: 1 });
    expect(v.failures).toContain('1 people answered «registered» twice');
    expect(v.failures).toContain('database: 1 people with two live registrations');
  });

  it('catches a lost request, a server error and a broken queue', () => {
    const lost = checkBurst(X, honest().slice(0, 5), db());
    expect(lost.failures).toContain('lost: 6 sent, 5 answered');
    const failed = honest();
    failed[5] = { who: 'a', status: 500 };
    expect(checkBurst(X, failed, db()).failures).toContain(
      '1 answers neither 201 nor 409/422 (statuses 500)',
    );
    const timedOut = honest();
    timedOut[5] = { who: 'a', status: 0 };
    expect(checkBurst(X, timedOut, db()).ok).toBe(false);
    const queue = honest();
    queue[2] = { who: 'c', status: 201, registration: 'waitlisted', waitlistPosition: 1 };
    expect(checkBurst(X, queue, db()).failures).toContain('waitlist positions are not 1..n once each');
  });

  it('catches a registration the database does not hold', () => {
    const v = checkBurst(X, honest(), { byStatus: { confirmed: 3, waitlisted: 1 }, doubled: 0, people: 4 });
    expect(v.failures).toEqual([
      'database: 1 waitlisted, expected 2',
      'database: 4 people registered, 5 asked',
    ]);
  });
});
