import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../tests/helpers/factories.ts';
import { createTestDb } from '../../tests/helpers/test-db.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { type Db, sql } from '../platform/db/database.ts';
import {
  approve,
  cancelRegistration,
  createEvent,
  createPlan,
  type Deps,
  decideRegistration,
  getEventCard,
  registerSelf,
} from './events.service.ts';

/**
 * Capacity under concurrency, through the service on the file's own database: 50 teachers press
 * «Зарегистрироваться» at once for 10 seats. The day is fixed (2026-10-15), never the real today.
 */
const DAY = '2026-10-15';
let db: Db;
let drop: () => Promise<void>;
let deps: Deps;
let teachers: Actor[];
let methodist: Actor;
let young: Actor;
let planId: string;

const actor = (p: Partial<Actor> & Pick<Actor, 'role'>): Actor => ({
  userId: '00000000-0000-4000-8000-000000000001',
  email: 'a@test.local',
  fullName: 'Тест',
  regionId: null,
  municipalityId: null,
  organizationId: null,
  personId: null,
  ...p,
});

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  deps = { db, today: () => DAY };
  const ctx = factories(db);
  const muni = await ctx.newMunicipality();
  const school = await ctx.newOrg({ municipalityId: muni.id });
  const users = async (role: Actor['role'], extra: Partial<Actor>) => {
    const u = await ctx.newUser({ role, regionId: muni.regionId, municipalityId: muni.id, ...extra });
    return actor({
      role,
      userId: u.id,
      email: u.email,
      regionId: muni.regionId,
      municipalityId: muni.id,
      ...extra,
    });
  };
  methodist = await users('municipal_methodist', {});
  const head = await users('municipal_head', {});
  teachers = [];
  for (let i = 0; i < 50; i++) {
    const p = await ctx.newPerson({ organizationId: school.id, subjects: ['Математика'] });
    teachers.push(
      await users('teacher', { personId: p.id, organizationId: school.id, municipalityId: null }),
    );
  }
  const y = await ctx.newPerson({
    organizationId: school.id,
    birthDate: '2001-05-01',
    pedExperienceYears: 1,
  });
  young = await users('teacher', { personId: y.id, organizationId: school.id, municipalityId: null });
  planId = await createPlan(deps, methodist, { schoolYear: 2026 });
  await createEvent(deps, methodist, planId, {
    title: 'Первое мероприятие плана',
    kind: 'seminar',
    level: 'municipal',
  });
  await approve(deps, head, planId);
});
afterAll(async () => drop());

async function statuses(eventId: string) {
  return db.query<{ status: string; n: number }>(sql`
    SELECT status::text, count(*)::int AS n FROM event_registrations WHERE event_id = ${eventId} GROUP BY status ORDER BY status`);
}

async function counters(eventId: string) {
  const [row] = await db.query<{ seats_taken: number; waitlisted: number }>(sql`
    SELECT seats_taken, waitlisted FROM events WHERE id = ${eventId}`);
  return row;
}

describe('capacity under concurrency', () => {
  it('never gives more than 10 seats to 50 simultaneous registrations; the rest wait in order', async () => {
    const eventId = await createEvent(deps, methodist, planId, {
      title: 'Вебинар на 10 мест',
      kind: 'webinar',
      level: 'municipal',
      capacity: 10,
      startsOn: '2026-11-20',
      registrationOpensOn: '2026-10-01',
      registrationClosesOn: '2026-11-19',
    });
    const results = await Promise.all(teachers.map((t) => registerSelf(deps, t, eventId)));
    expect(results.filter((r) => r.status === 'confirmed')).toHaveLength(10);
    expect(results.filter((r) => r.status === 'waitlisted')).toHaveLength(40);
    expect(await statuses(eventId)).toEqual([
      { status: 'confirmed', n: 10 },
      { status: 'waitlisted', n: 40 },
    ]);
    const positions = results
      .flatMap((r) => (r.waitlistPosition === null ? [] : [r.waitlistPosition]))
      .sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));

    // Three cancel at once: exactly the first three of the queue move up, the seats stay at 10.
    const confirmed = results.filter((r) => r.status === 'confirmed').slice(0, 3);
    const firstInQueue = results
      .filter((r) => r.status === 'waitlisted')
      .sort((a, b) => a.waitlistPosition! - b.waitlistPosition!)
      .slice(0, 3)
      .map((r) => r.id)
      .sort();
    const byPerson = new Map(teachers.map((t) => [t.personId, t]));
    await Promise.all(confirmed.map((r) => cancelRegistration(deps, byPerson.get(r.personId)!, r.id)));
    expect(await statuses(eventId)).toEqual([
      { status: 'cancelled', n: 3 },
      { status: 'confirmed', n: 10 },
      { status: 'waitlisted', n: 37 },
    ]);
    const promoted = await db.query<{ id: string }>(sql`
      SELECT id FROM event_registrations WHERE id = ANY(${sql.param(firstInQueue)}::uuid[]) AND status = 'confirmed' ORDER BY id`);
    expect(promoted.map((p) => p.id)).toEqual(firstInQueue);
    const card = await getEventCard(deps, teachers[0]!, eventId);
    expect(card.seatsTaken).toBe(10);
    expect(card.waitlisted).toBe(37);
    expect(await counters(eventId)).toEqual({ seats_taken: 10, waitlisted: 37 });
  });

  it("keeps the event's seat counters equal to its registrations through every change", async () => {
    const eventId = await createEvent(deps, methodist, planId, {
      title: 'Мастер-класс с подтверждением',
      kind: 'master_class',
      level: 'municipal',
      capacity: 3,
      requiresApproval: true,
      startsOn: '2026-11-20',
    });
    const five = teachers.slice(10, 15);
    const made = [];
    for (const t of five) made.push(await registerSelf(deps, t, eventId));
    expect(made.map((r) => r.status)).toEqual(['pending', 'pending', 'pending', 'waitlisted', 'waitlisted']);
    expect(await counters(eventId)).toEqual({ seats_taken: 3, waitlisted: 2 });
    // The organizer rejects one (the first in the queue moves up), confirms another.
    await decideRegistration(deps, methodist, made[0]!.id, 'rejected');
    await decideRegistration(deps, methodist, made[1]!.id, 'confirmed');
    expect(await counters(eventId)).toEqual({ seats_taken: 3, waitlisted: 1 });
    // A waiting teacher cancels; a person removed from the registry takes their seat with them.
    await cancelRegistration(deps, five[4]!, made[4]!.id);
    await db.query(sql`DELETE FROM event_registrations WHERE id = ${made[1]!.id}`);
    expect(await counters(eventId)).toEqual({ seats_taken: 2, waitlisted: 0 });
    const [counted] = await db.query<{ seats: number; waiting: number }>(sql`
      SELECT count(*) FILTER (WHERE status IN ('pending', 'confirmed'))::int AS seats,
             count(*) FILTER (WHERE status = 'waitlisted')::int AS waiting
      FROM event_registrations WHERE event_id = ${eventId}`);
    expect(counted).toEqual({ seats: 2, waiting: 0 });
  });

  it('registers one person once even when they press twice at the same moment', async () => {
    const eventId = await createEvent(deps, methodist, planId, {
      title: 'Семинар без ограничения мест',
      kind: 'seminar',
      level: 'municipal',
      startsOn: '2026-11-20',
    });
    const t = teachers[0]!;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, () => registerSelf(deps, t, eventId)),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(rejected.map((o) => (o.reason as { status: number }).status)).toEqual([409, 409, 409, 409]);
    expect(await statuses(eventId)).toEqual([{ status: 'confirmed', n: 1 }]);
  });

  it('lets only young specialists in when the target says so, on the fixed day', async () => {
    const eventId = await createEvent(deps, methodist, planId, {
      title: 'Школа молодого педагога: занятие 1',
      kind: 'young_teacher_school',
      level: 'municipal',
      startsOn: '2026-11-20',
      target: { youngOnly: true },
    });
    expect((await getEventCard(deps, young, eventId)).registration.canRegister).toBe(true);
    const older = await getEventCard(deps, teachers[1]!, eventId);
    expect(older.registration).toMatchObject({
      canRegister: false,
      reason: 'Вы не входите в целевую группу мероприятия',
    });
    // After the event's start the window is closed (no closing day given).
    const later = await getEventCard({ db, today: () => '2026-11-21' }, young, eventId);
    expect(later.registration.reason).toBe('Регистрация закрыта');
  });
});
