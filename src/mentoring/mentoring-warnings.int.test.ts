import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../tests/helpers/factories.ts';
import { createTestDb } from '../../tests/helpers/test-db.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { type Db, sql } from '../platform/db/database.ts';
import { appointMentor, createProgram, type Deps } from './mentoring.service.ts';
import { changeMentoringSettings, warnings } from './mentoring-warnings.service.ts';
import { createPair } from './mentorships.service.ts';

/**
 * «Молодые специалисты без наставника» through the service, on a fixed day (2026-10-15): young by
 * the derived rule, started N weeks ago or more (a setting, 4 by default), no open mentorship.
 */
const DAY = '2026-10-15';
let db: Db;
let drop: () => Promise<void>;
let deps: Deps;
let headA: Actor;
let headB: Actor;
let methodist: Actor;
let admin: Actor;
let teacher: Actor;
const p = {} as Record<'late' | 'recent' | 'mentored' | 'senior' | 'inB', string>;

const actor = (a: Partial<Actor> & Pick<Actor, 'role'>): Actor => ({
  userId: '00000000-0000-4000-8000-000000000001',
  email: 'a@test.local',
  fullName: 'Тест',
  regionId: null,
  municipalityId: null,
  organizationId: null,
  personId: null,
  ...a,
});

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  deps = { db, today: () => DAY };
  const ctx = factories(db);
  const muni = await ctx.newMunicipality();
  const a = await ctx.newOrg({ municipalityId: muni.id });
  const b = await ctx.newOrg({ municipalityId: muni.id });
  const young = { birthDate: '2001-04-01', pedExperienceYears: 1 };
  const started = async (orgId: string, lastName: string, startDate: string, isYoung = true) => {
    const x = await ctx.newPerson({ organizationId: orgId, lastName, ...(isYoung ? young : {}) });
    await db.query(sql`UPDATE employments SET start_date = ${startDate} WHERE id = ${x.employmentId}`);
    return x.id;
  };
  p.late = await started(a.id, 'Давняя', '2026-09-01'); // 6 weeks: listed
  p.recent = await started(a.id, 'Недавняя', '2026-10-01'); // 2 weeks: not yet
  p.mentored = await started(a.id, 'Сопровождаемая', '2026-09-01'); // has a mentor
  p.senior = await started(a.id, 'Опытная', '2010-09-01', false); // not young
  p.inB = await started(b.id, 'Изшколыб', '2026-08-20');
  const user = async (role: Actor['role'], extra: Partial<Actor>) => {
    const u = await ctx.newUser({ role, regionId: muni.regionId, ...extra });
    return actor({ role, userId: u.id, email: u.email, regionId: muni.regionId, ...extra });
  };
  headA = await user('org_head', { organizationId: a.id, municipalityId: muni.id });
  headB = await user('org_head', { organizationId: b.id, municipalityId: muni.id });
  methodist = await user('municipal_methodist', { municipalityId: muni.id });
  admin = await user('admin', {});
  teacher = await user('teacher', { personId: p.senior, organizationId: a.id });
  const programId = await createProgram(deps, headA, {
    name: 'Адаптация молодых педагогов',
    forms: ['experienced_young'],
    startsOn: '2026-09-01',
  });
  const mentorId = await appointMentor(deps, headA, programId, { personId: p.senior, capacity: 3 });
  await createPair(deps, headA, programId, {
    mentorId,
    menteePersonIds: [p.mentored],
    form: 'experienced_young',
    startedOn: '2026-09-10',
  });
});
afterAll(async () => drop());

const names = (r: { items: { personName: string }[] }) =>
  r.items.map((i) => i.personName.split(' ')[0]).sort();

describe('young specialists without a mentor', () => {
  it('lists those N weeks after starting with no open mentorship, in the caller’s school', async () => {
    const a = await warnings(deps, headA, {});
    expect(a.weeks).toBe(4);
    expect(names(a)).toEqual(['Давняя']);
    expect(a.items[0]).toMatchObject({ startDate: '2026-09-01', weeksWithoutMentor: 6 });
    expect(names(await warnings(deps, headB, {}))).toEqual(['Изшколыб']);
    expect(names(await warnings(deps, methodist, {}))).toEqual(['Давняя', 'Изшколыб']);
    await expect(warnings(deps, teacher, {})).rejects.toMatchObject({ status: 403 });
  });

  it('follows the setting: at 2 weeks the recent one is listed too; only the admin changes it', async () => {
    await expect(changeMentoringSettings(deps, headA, { warningWeeks: 2 })).rejects.toMatchObject({
      status: 403,
    });
    await changeMentoringSettings(deps, admin, { warningWeeks: 2 });
    expect(names(await warnings(deps, headA, {}))).toEqual(['Давняя', 'Недавняя']);
    await changeMentoringSettings(deps, admin, { warningWeeks: 4 });
  });

  it('the partial unique index itself refuses a second open mentorship of a mentee in a program', async () => {
    const [row] = await db.query<{ mentor_id: string; program_id: string }>(sql`
      SELECT ms.mentor_id, ms.program_id FROM mentorship_mentees mx JOIN mentorships ms ON ms.id = mx.mentorship_id
      WHERE mx.person_id = ${p.mentored}`);
    const [other] = await db.query<{ id: string }>(sql`
      INSERT INTO mentorships (program_id, mentor_id, form, started_on)
      VALUES (${row!.program_id}, ${row!.mentor_id}, 'experienced_young', '2026-10-01') RETURNING id`);
    await expect(
      db.query(sql`
        INSERT INTO mentorship_mentees (mentorship_id, program_id, person_id)
        VALUES (${other!.id}, ${row!.program_id}, ${p.mentored})`),
    ).rejects.toMatchObject({ code: '23505', constraint: 'mentorship_mentees_one_open_uq' });
    // A finished period does not count: once it ends, the person may open another — and is warned of.
    await db.query(
      sql`UPDATE mentorship_mentees SET finished_on = '2026-10-01' WHERE person_id = ${p.mentored}`,
    );
    expect(names(await warnings(deps, headA, {}))).toEqual(['Давняя', 'Сопровождаемая']);
    await db.query(sql`
      INSERT INTO mentorship_mentees (mentorship_id, program_id, person_id)
      VALUES (${other!.id}, ${row!.program_id}, ${p.mentored})`);
    expect(names(await warnings(deps, headA, {}))).toEqual(['Давняя']);
  });
});
