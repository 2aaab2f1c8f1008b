import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BurstAnswer, checkBurst } from '../../bench/registration.check.ts';
import { type Burst, burstOrder, readBurst, seedBurst } from '../../bench/registration.seed.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * The registration bench's checking, honest on a small burst over real HTTP: 60 teachers and 10
 * repeated presses for 40 seats, 20 requests in flight at a time, the bench's own seed and checker
 * (src/events/events-capacity.int.test.ts covers the service; this covers the route and the bench).
 */
let t: TestApp;
let burst: Burst;

beforeAll(async () => {
  t = await startTestApp();
  burst = await seedBurst(t.db, { teachers: 60, capacity: 40, schools: 3 });
});
afterAll(async () => t.close());

async function send(order: number[], inFlight: number): Promise<BurstAnswer[]> {
  const answers: BurstAnswer[] = [];
  let next = 0;
  const worker = async () => {
    while (next < order.length) {
      const k = order[next++]!;
      const res = await fetch(`${t.baseUrl}/api/events/${burst.eventId}/register`, {
        method: 'POST',
        headers: { cookie: burst.cookies[k]! },
      });
      const body = (await res.json()) as { status?: string; waitlistPosition?: number | null };
      answers.push({
        who: burst.personIds[k]!,
        status: res.status,
        registration: res.status === 201 ? body.status : null,
        waitlistPosition: res.status === 201 ? body.waitlistPosition : null,
      });
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return answers;
}

describe('the registration burst', () => {
  it('holds 40 seats exactly for 60 teachers, waitlists 20 and registers nobody twice', async () => {
    const order = burstOrder(60, 10, 5);
    expect(order).toHaveLength(70);
    const answers = await send(order, 20);
    const state = await readBurst(t.db, burst.eventId);
    const verdict = checkBurst({ capacity: 40, sent: 70, people: 60 }, answers, state);
    expect(verdict.failures).toEqual([]);
    expect(verdict.answers).toMatchObject({ confirmed: 40, waitlisted: 20, conflict: 10, other: 0 });
    expect(state).toEqual({ byStatus: { confirmed: 40, waitlisted: 20 }, doubled: 0, people: 60 });
  });

  it('seeds real teachers’ sessions: each sees only their own registration', async () => {
    // A session of the seed asks for its own registrations: the account is a teacher with a person.
    const res = await fetch(`${t.baseUrl}/api/my/event-registrations`, {
      headers: { cookie: burst.cookies[0]! },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { eventId: string }[] };
    expect(body.items.map((i) => i.eventId)).toEqual([burst.eventId]);
    expect((await fetch(`${t.baseUrl}/api/my/event-registrations`)).status).toBe(401);
  });
});
