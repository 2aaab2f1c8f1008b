/**
 * The invariants of the registration burst, checked from both ends: what the clients were answered
 * and what the database holds. Pure, so that its honesty has a test (bench/registration.check.test.ts)
 * and the bench and the integration test check by the same rules.
 *
 * - none lost: every request sent got an answer — 201 (a registration: confirmed or waitlisted),
 *   or a clear refusal, 409 (already registered) or 422; no timeouts, connection errors, 5xx;
 * - exact capacity: `capacity` confirmed answers and rows, the rest of the distinct people waitlisted
 *   with the positions 1..n once each;
 * - none doubled: nobody has two live registrations, and one row per distinct person who asked.
 */
import type { BurstState } from './registration.seed.ts';

export interface BurstAnswer {
  /** The person (or their session) the request was sent for. */
  who: string;
  /** HTTP status; 0 when there was no answer (timeout, connection error). */
  status: number;
  /** The registration's status in a 201 answer. */
  registration?: string | null | undefined;
  waitlistPosition?: number | null | undefined;
}

export interface BurstExpectation {
  capacity: number;
  /** Requests sent (distinct people plus the repeated ones). */
  sent: number;
  /** Distinct people among them. */
  people: number;
}

export interface BurstVerdict {
  ok: boolean;
  failures: string[];
  answers: {
    total: number;
    created: number;
    confirmed: number;
    waitlisted: number;
    conflict: number;
    invalid: number;
    other: number;
  };
}

export function checkBurst(x: BurstExpectation, answers: BurstAnswer[], db: BurstState): BurstVerdict {
  const failures: string[] = [];
  const count = (f: (a: BurstAnswer) => boolean) => answers.filter(f).length;
  const a = {
    total: answers.length,
    created: count((r) => r.status === 201 || r.status === 200),
    confirmed: count((r) => (r.status === 201 || r.status === 200) && r.registration === 'confirmed'),
    waitlisted: count((r) => (r.status === 201 || r.status === 200) && r.registration === 'waitlisted'),
    conflict: count((r) => r.status === 409),
    invalid: count((r) => r.status === 422),
    other: count((r) => ![200, 201, 409, 422].includes(r.status)),
  };
  const waitlist = Math.max(0, x.people - x.capacity);
  const expectConfirmed = Math.min(x.capacity, x.people);

  if (a.total !== x.sent) failures.push(`lost: ${x.sent} sent, ${a.total} answered`);
  if (a.other > 0) {
    const kinds = [
      ...new Set(answers.filter((r) => ![200, 201, 409, 422].includes(r.status)).map((r) => r.status)),
    ];
    failures.push(`${a.other} answers neither 201 nor 409/422 (statuses ${kinds.join(', ')})`);
  }
  if (a.created !== x.people) failures.push(`${a.created} registrations answered for ${x.people} people`);
  if (a.created !== a.confirmed + a.waitlisted)
    failures.push(`${a.created - a.confirmed - a.waitlisted} registrations neither confirmed nor waitlisted`);
  if (a.confirmed !== expectConfirmed)
    failures.push(`confirmed answers ${a.confirmed}, capacity ${expectConfirmed}`);
  if (a.waitlisted !== waitlist) failures.push(`waitlisted answers ${a.waitlisted}, expected ${waitlist}`);
  if (a.conflict !== x.sent - x.people)
    failures.push(`409 answers ${a.conflict}, repeated requests ${x.sent - x.people}`);

  // One registration per person in the answers too.
  const createdFor = new Map<string, number>();
  for (const r of answers)
    if (r.status === 201 || r.status === 200) createdFor.set(r.who, (createdFor.get(r.who) ?? 0) + 1);
  const twice = [...createdFor.values()].filter((n) => n > 1).length;
  if (twice > 0) failures.push(`${twice} people answered «registered» twice`);

  const positions = answers
    .filter((r) => r.registration === 'waitlisted')
    .map((r) => r.waitlistPosition ?? 0)
    .sort((p, q) => p - q);
  if (positions.some((p, i) => p !== i + 1)) failures.push('waitlist positions are not 1..n once each');

  const confirmedRows = (db.byStatus.confirmed ?? 0) + (db.byStatus.pending ?? 0);
  if (confirmedRows !== expectConfirmed)
    failures.push(`database: ${confirmedRows} seats taken, capacity ${expectConfirmed}`);
  if ((db.byStatus.waitlisted ?? 0) !== waitlist)
    failures.push(`database: ${db.byStatus.waitlisted ?? 0} waitlisted, expected ${waitlist}`);
  if (db.doubled > 0) failures.push(`database: ${db.doubled} people with two live registrations`);
  if (db.people !== x.people) failures.push(`database: ${db.people} people registered, ${x.people} asked`);
  return { ok: failures.length === 0, failures, answers: a };
}
