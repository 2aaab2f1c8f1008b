/**
 * The data of the registration burst (bench/registration.ts and its honesty test): one
 * municipality with its schools, `teachers` pedagogical workers each with a teacher's account and
 * a session (tokens made here, their hashes stored — as a sign-in would, without 5 000 argon2
 * hashes), an approved municipal plan with one webinar of `capacity` seats whose registration is
 * open over 2000–2999 (so nothing depends on today), and `readBurst` for the state it ends in.
 * Set-based SQL: one statement per table whatever the count.
 */

import { approve, createEvent, createPlan } from '../src/events/events.service.ts';
import { type Actor, SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { newToken } from '../src/platform/auth/tokens.ts';
import { type Db, sql } from '../src/platform/db/database.ts';
import { SESSION_COOKIE } from '../src/platform/http/types.ts';

export interface Burst {
  eventId: string;
  municipalityId: string;
  /** `marshrut_sid=…` of each teacher, in the order of `personIds`. */
  cookies: string[];
  personIds: string[];
}

export async function seedBurst(
  db: Db,
  o: { teachers: number; capacity: number; schools?: number; tag?: string },
): Promise<Burst> {
  const tag = o.tag ?? Math.random().toString(36).slice(2, 8);
  const schools = o.schools ?? Math.max(1, Math.ceil(o.teachers / 100));
  const [region] = await db.query<{ id: string }>(
    sql`INSERT INTO regions (code, name) VALUES (${`RB${tag}`}, ${`Регион нагрузки ${tag}`}) RETURNING id`,
  );
  const [muni] = await db.query<{ id: string }>(sql`
    INSERT INTO municipalities (region_id, code, name) VALUES (${region!.id}, ${`MB${tag}`}, ${`Город ${tag}`}) RETURNING id`);
  const regionId = region!.id;
  const municipalityId = muni!.id;
  await db.query(sql`
    INSERT INTO organizations (region_id, municipality_id, code, full_name, short_name, kind)
    SELECT ${regionId}, ${municipalityId}, ${`OB${tag}-`} || g, 'МБОУ «Школа № ' || g || '»', 'Школа № ' || g, 'school'
    FROM generate_series(1, ${schools}) g`);
  // People numbered 1..n; person k works at school (k mod schools) + 1.
  await db.query(sql`
    INSERT INTO people (region_id, last_name, first_name, patronymic, birth_date, sex, snils, category,
                        ped_experience_years, ped_experience_as_of)
    SELECT ${regionId}, 'Педагогова-' || ${tag} || '-' || g, 'Анна', 'Ивановна', '1985-03-15', 'f', NULL, 'first', 10, '2026-09-01'
    FROM generate_series(1, ${o.teachers}) g`);
  const people = await db.query<{ id: string; k: number; org: string }>(sql`
    WITH p AS (
      SELECT id, substring(last_name from '[0-9]+$')::int AS k FROM people
      WHERE region_id = ${regionId}),
    o AS (SELECT id, substring(code from '[0-9]+$')::int AS n FROM organizations WHERE municipality_id = ${municipalityId})
    SELECT p.id, p.k, o.id AS org FROM p JOIN o ON o.n = (p.k % ${schools}) + 1 ORDER BY p.k`);
  await db.query(sql`
    INSERT INTO employments (person_id, organization_id, position, staff_category, kind, subjects, load_hours, rate, start_date)
    SELECT x.person_id, x.org_id, 'Учитель', 'pedagogical', 'main', ARRAY['Математика'], 18, 1, '2015-09-01'
    FROM unnest(${sql.param(people.map((p) => p.id))}::uuid[], ${sql.param(people.map((p) => p.org))}::uuid[])
      AS x(person_id, org_id)`);
  const tokens = people.map(() => newToken());
  await db.query(sql`
    WITH u AS (
      INSERT INTO users (email, full_name, role, region_id, organization_id, person_id)
      SELECT 'teacher-' || x.k || '@' || ${tag} || '.burst', 'Педагог ' || x.k, 'teacher', ${regionId}, x.org_id, x.person_id
      FROM unnest(${sql.param(people.map((p) => p.id))}::uuid[], ${sql.param(people.map((p) => p.org))}::uuid[],
                  ${sql.param(people.map((p) => p.k))}::int[]) AS x(person_id, org_id, k)
      RETURNING id, person_id)
    INSERT INTO sessions (id_hash, user_id, expires_at)
    SELECT s.hash, u.id, now() + interval '1 day'
    FROM unnest(${sql.param(people.map((p) => p.id))}::uuid[], ${sql.param(tokens.map((t) => t.hash))}::text[])
      AS s(person_id, hash)
    JOIN u ON u.person_id = s.person_id`);

  // The plan and its webinar through the services, as a methodist and the head would make them.
  const [methodist] = await db.query<{ id: string }>(sql`
    INSERT INTO users (email, full_name, role, region_id, municipality_id)
    VALUES (${`methodist@${tag}.burst`}, 'Методист ММС', 'municipal_methodist', ${regionId}, ${municipalityId}),
           (${`head@${tag}.burst`}, 'Руководитель МОУО', 'municipal_head', ${regionId}, ${municipalityId})
    RETURNING id`);
  const as = (role: Actor['role'], userId: string): Actor => ({
    ...SYSTEM_ACTOR,
    userId,
    email: `${role}@${tag}.burst`,
    fullName: role,
    role,
    regionId,
    municipalityId,
    organizationId: null,
    personId: null,
  });
  const [head] = await db.query<{ id: string }>(
    sql`SELECT id FROM users WHERE email = ${`head@${tag}.burst`}`,
  );
  const m = as('municipal_methodist', methodist!.id);
  const deps = { db, today: () => '2026-10-15' };
  const planId = await createPlan(deps, m, { schoolYear: 2026 });
  const eventId = await createEvent(deps, m, planId, {
    title: `Вебинар «Функциональная грамотность» на ${o.capacity} мест`,
    kind: 'webinar',
    level: 'municipal',
    capacity: o.capacity,
    registrationOpensOn: '2000-01-01',
    registrationClosesOn: '2999-01-09',
    startsOn: '2999-01-10',
  });
  await approve(deps, as('municipal_head', head!.id), planId);
  await db.queryText('ANALYZE');
  return {
    eventId,
    municipalityId,
    cookies: tokens.map((t) => `${SESSION_COOKIE}=${t.token}`),
    personIds: people.map((p) => p.id),
  };
}

/** What the database holds after the burst. */
export interface BurstState {
  byStatus: Record<string, number>;
  /** People with more than one live (pending, confirmed, waitlisted) registration for the event. */
  doubled: number;
  /** Distinct people registered. */
  people: number;
}

export async function readBurst(db: Db, eventId: string): Promise<BurstState> {
  const rows = await db.query<{ status: string; n: number }>(sql`
    SELECT status::text AS status, count(*)::int AS n FROM event_registrations WHERE event_id = ${eventId} GROUP BY status`);
  const [d] = await db.query<{ doubled: number; people: number }>(sql`
    SELECT count(*) FILTER (WHERE live > 1)::int AS doubled, count(*)::int AS people FROM (
      SELECT person_id, count(*) FILTER (WHERE status IN ('pending', 'confirmed', 'waitlisted')) AS live
      FROM event_registrations WHERE event_id = ${eventId} GROUP BY person_id) x`);
  return {
    byStatus: Object.fromEntries(rows.map((r) => [r.status, r.n])),
    doubled: d!.doubled,
    people: d!.people,
  };
}

/**
 * The order requests go out in: every person once, and `repeats` of them a second time, each
 * repeat placed soon after its first (within `spread` places) so the two are likely in flight
 * together. Deterministic (a fixed LCG), so two runs send the same sequence.
 */
export function burstOrder(people: number, repeats: number, spread = 50): number[] {
  let s = 74;
  const rnd = () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
  const order = Array.from({ length: people }, (_, i) => i);
  const step = people / Math.max(1, repeats);
  for (let r = repeats - 1; r >= 0; r--) {
    const who = Math.floor(r * step);
    order.splice(Math.min(order.length, who + 1 + Math.floor(rnd() * spread)), 0, who);
  }
  return order;
}
