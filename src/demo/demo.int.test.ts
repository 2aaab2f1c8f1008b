import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../tests/helpers/test-db.ts';
import { myAssessments } from '../assessment/campaigns/taking.service.ts';
import { deficitHeatmap } from '../assessment/deficits/deficits.service.ts';
import { importResults } from '../assessment/results/results.import.ts';
import { findUserByEmail, toActor } from '../platform/auth/auth.repository.ts';
import { verifyPassword } from '../platform/auth/password.ts';
import { type Db, sql } from '../platform/db/database.ts';
import { myConfirmations, myCuratedRoutes, myRoutes, readRouteCard } from '../routes/routes.service.ts';
import { CLOSED_ASSESSED_ON, CLOSED_CAMPAIGN_NAME, OPEN_CAMPAIGN_NAME } from './assessment.demo.ts';
import { loadDataset } from './dataset.loader.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, loadDemoIfEmpty } from './demo.service.ts';
import { regionDatasetStream } from './region.dataset.ts';
import {
  SAMPLE_CODES,
  SAMPLE_DATE,
  SAMPLE_NAME,
  SAMPLE_PROCEDURE,
  sampleFile,
  sampleRows,
} from './samples.ts';

let db: Db;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await createTestDb());
});
afterAll(async () => drop());

const count = async (query: ReturnType<typeof sql>) => (await db.query<{ n: number }>(query))[0]!.n;
const actor = async (email: string) => toActor((await findUserByEmail(db, email))!);

describe('loadDemoIfEmpty', () => {
  it('loads the town and one account per role into an empty database', async () => {
    // The region may already exist (an administrator made it): the demo joins it.
    await db.query(sql`INSERT INTO regions (code, name) VALUES ('38', 'Иркутская область')`);
    const started = performance.now();
    const demo = await loadDemoIfEmpty(db);
    const ms = Math.round(performance.now() - started);
    console.info(`demo loaded on ${db.kind} in ${ms} ms`, demo?.content);
    expect(demo?.logins).toEqual(DEMO_LOGINS);

    expect(await count(sql`SELECT count(*)::int AS n FROM regions`)).toBe(1);
    expect(await count(sql`SELECT count(*)::int AS n FROM organizations`)).toBe(19);
    expect(await count(sql`SELECT count(*)::int AS n FROM people`)).toBe(534);
    expect(await count(sql`SELECT count(*)::int AS n FROM vacancies`)).toBe(8);
    expect(await count(sql`SELECT count(*)::int AS n FROM staffing`)).toBe(38);
    const staff = await db.query<{ kind: string; ped: number; adm: number; part: number }>(sql`
      SELECT o.kind,
             count(*) FILTER (WHERE e.kind = 'main' AND e.staff_category = 'pedagogical')::int AS ped,
             count(*) FILTER (WHERE e.kind = 'main' AND e.staff_category = 'managerial')::int AS adm,
             count(*) FILTER (WHERE e.kind <> 'main')::int AS part
      FROM employments e JOIN organizations o ON o.id = e.organization_id
      GROUP BY o.kind ORDER BY o.kind`);
    expect(Object.fromEntries(staff.map((r) => [r.kind, { ped: r.ped, adm: r.adm }]))).toEqual({
      school: { ped: 263, adm: 28 },
      preschool: { ped: 188, adm: 20 },
      additional: { ped: 25, adm: 8 },
    });
    expect(staff.reduce((a, r) => a + r.part, 0)).toBe(15);

    const users = await db.query<{ role: string; n: number }>(
      sql`SELECT role::text, count(*)::int AS n FROM users GROUP BY role ORDER BY role`,
    );
    expect(Object.fromEntries(users.map((u) => [u.role, u.n]))).toEqual({
      admin: 1,
      region_admin: 1,
      municipal_methodist: 1,
      municipal_head: 1,
      org_head: 2,
      teacher: 1,
      curator: 3,
      expert: 1,
    });
  });

  it('scopes the accounts: heads of two schools, a teacher of СОШ № 1, a curator of ten', async () => {
    const heads = await db.query<{ email: string; short_name: string; position: string }>(sql`
      SELECT u.email, o.short_name, e.position
      FROM users u JOIN organizations o ON o.id = u.organization_id
      JOIN employments e ON e.person_id = u.person_id AND e.organization_id = o.id
      WHERE u.role = 'org_head' AND e.kind = 'main' ORDER BY u.email`);
    expect(heads).toEqual([
      { email: 'licey@zima.demo', short_name: 'МБОУ «Зиминский лицей»', position: 'Директор' },
      { email: 'sosh1@zima.demo', short_name: 'МБОУ «СОШ № 1»', position: 'Директор' },
    ]);
    const [teacher] = await db.query<{
      short_name: string;
      kind: string;
      full_name: string;
      person: string;
    }>(sql`
      SELECT o.short_name, e.kind::text, u.full_name, p.last_name || ' ' || p.first_name || ' ' || p.patronymic AS person
      FROM users u JOIN people p ON p.id = u.person_id
      JOIN employments e ON e.person_id = p.id JOIN organizations o ON o.id = e.organization_id
      WHERE u.email = 'pedagog@zima.demo' AND e.kind = 'main'`);
    expect(teacher).toMatchObject({ short_name: 'МБОУ «СОШ № 1»', kind: 'main' });
    expect(teacher!.full_name).toBe(teacher!.person);
    // Ten young teachers of the demo, and more people the route generation gave this curator.
    expect(
      await count(sql`SELECT count(*)::int AS n FROM curator_assignments ca JOIN users u ON u.id = ca.curator_user_id
                      WHERE u.email = 'kurator@zima.demo'`),
    ).toBeGreaterThanOrEqual(10);
    expect(
      await count(sql`SELECT count(*)::int AS n FROM curator_assignments ca JOIN users u ON u.person_id = ca.person_id
                      WHERE u.email = 'pedagog@zima.demo'`),
    ).toBe(1);
    const [territory] = await db.query<{ region: string; muni: string }>(sql`
      SELECT r.name AS region, m.name AS muni FROM users u
      JOIN regions r ON r.id = u.region_id JOIN municipalities m ON m.id = u.municipality_id
      WHERE u.email = 'metodist@zima.demo'`);
    expect(territory).toEqual({
      region: 'Иркутская область',
      muni: 'Зиминское городское муниципальное образование',
    });
  });

  it('stores argon2id hashes of the one demo password and audits every account', async () => {
    const rows = await db.query<{ password_hash: string }>(sql`SELECT password_hash FROM users`);
    for (const r of rows) expect(r.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(rows.length); // own salt each
    expect(await verifyPassword(rows[0]!.password_hash, DEMO_PASSWORD)).toBe(true);
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'user' AND action = 'create' AND actor_user_id IS NULL`,
      ),
    ).toBe(11);
  });

  it('has the preset frameworks and instruments, the region catalog and past certificates', async () => {
    const frameworks = await db.query<{ code: string; owner_level: string }>(
      sql`SELECT code, owner_level::text FROM competency_frameworks ORDER BY code`,
    );
    expect(frameworks).toEqual([
      { code: 'manager-544n', owner_level: 'system' },
      { code: 'teacher-544n', owner_level: 'system' },
    ]);
    expect(await count(sql`SELECT count(*)::int AS n FROM instruments WHERE owner_level = 'system'`)).toBe(3);

    expect(await count(sql`SELECT count(*)::int AS n FROM programs WHERE region_id IS NOT NULL`)).toBe(20);
    expect(
      await count(sql`SELECT count(*)::int AS n FROM programs WHERE kind = 'retraining' AND hours >= 250`),
    ).toBe(2);
    const registry = await count(sql`SELECT count(*)::int AS n FROM programs WHERE federal_registry`);
    expect(registry).toBeGreaterThanOrEqual(8);
    expect(registry).toBeLessThanOrEqual(12);
    for (const d of [
      'quality_assessment',
      'low_results',
      'talents',
      'career_guidance',
      'upbringing',
      'preschool_quality',
    ])
      expect(
        await count(sql`SELECT count(*)::int AS n FROM programs WHERE ${d} = ANY(priority_directions)`),
        d,
      ).toBeGreaterThan(0);
    // Every teacher competency but two is addressed by a program.
    const uncovered = await db.query<{ code: string }>(sql`
      SELECT c.code FROM competencies c JOIN competency_frameworks f ON f.id = c.framework_id
      WHERE f.code = 'teacher-544n'
        AND NOT EXISTS (SELECT 1 FROM program_competencies pc WHERE pc.competency_id = c.id)
      ORDER BY c.code`);
    expect(uncovered.map((r) => r.code)).toEqual(['T-COMM-01', 'T-MGMT-01']);
    const [cohorts] = await db.query<{
      programs: number;
      min_seats: number;
      max_seats: number;
      first: string;
      last: string;
    }>(sql`
      SELECT count(DISTINCT program_id)::int AS programs, min(seats) AS min_seats, max(seats) AS max_seats,
             min(starts_on) AS first, max(starts_on) AS last FROM program_cohorts`);
    expect(cohorts!.programs).toBe(20);
    expect(cohorts!.min_seats).toBeGreaterThanOrEqual(20);
    expect(cohorts!.max_seats).toBeLessThanOrEqual(30);
    const today = new Date().toISOString().slice(0, 10);
    expect(cohorts!.first > today).toBe(true);

    const [t] = await db.query<{
      people: number;
      docs: number;
      numbers: number;
      first: string;
      last: string;
      catalog: number;
    }>(sql`
      SELECT count(DISTINCT person_id)::int AS people, count(*)::int AS docs,
             count(DISTINCT document_number)::int AS numbers, min(issued_on) AS first, max(issued_on) AS last,
             count(program_id)::int AS catalog
      FROM trainings`);
    const staff = await count(sql`SELECT count(DISTINCT person_id)::int AS n FROM employments
                                  WHERE kind = 'main' AND staff_category = 'pedagogical'`);
    expect(t!.people / staff).toBeGreaterThan(0.5);
    expect(t!.people / staff).toBeLessThan(0.7);
    expect(t!.numbers).toBe(t!.docs);
    expect(t!.first >= '2022-01-01').toBe(true);
    expect(t!.last <= today).toBe(true);
    expect(t!.catalog).toBeGreaterThan(0);
  });

  it('has the closed September campaign of the schools with results, a third with a deficit', async () => {
    const [closed] = await db.query<{
      id: string;
      status: string;
      owner_level: string;
      participants: number;
    }>(sql`
      SELECT c.id, c.status::text, c.owner_level::text,
             (SELECT count(*)::int FROM campaign_participants cp WHERE cp.campaign_id = c.id) AS participants
      FROM assessment_campaigns c WHERE c.name = ${CLOSED_CAMPAIGN_NAME}`);
    expect(closed).toMatchObject({ status: 'closed', owner_level: 'municipality' });
    // The schools' pedagogical staff (a few part-timers of other organisations teach there too).
    expect(closed!.participants).toBeGreaterThanOrEqual(263);
    expect(closed!.participants).toBeLessThan(280);
    const notSchool = await count(sql`
      SELECT count(*)::int AS n FROM campaign_participants cp JOIN organizations o ON o.id = cp.organization_id
      WHERE cp.campaign_id = ${closed!.id} AND o.kind <> 'school'`);
    expect(notSchool).toBe(0);
    const [r] = await db.query<{
      results: number;
      people: number;
      with_deficit: number;
      dates: string[];
    }>(sql`
      SELECT count(*)::int AS results, count(DISTINCT person_id)::int AS people,
             count(DISTINCT person_id) FILTER (WHERE percent < 50)::int AS with_deficit,
             array_agg(DISTINCT assessed_on::text) AS dates
      FROM competency_results WHERE campaign_id = ${closed!.id}`);
    expect(r!.people).toBe(closed!.participants);
    expect(r!.results).toBe(closed!.participants * 17);
    expect(r!.dates).toEqual([CLOSED_ASSESSED_ON]);
    expect(r!.with_deficit / r!.people).toBeGreaterThan(0.28);
    expect(r!.with_deficit / r!.people).toBeLessThan(0.45);
    // The demo teacher has deficits to build a route on.
    expect(
      await count(sql`SELECT count(*)::int AS n FROM competency_results cr JOIN users u ON u.person_id = cr.person_id
                      WHERE u.email = 'pedagog@zima.demo' AND cr.percent < 50`),
    ).toBeGreaterThanOrEqual(2);

    const methodist = await actor('metodist@zima.demo');
    const [f] = await db.query<{ id: string }>(
      sql`SELECT id FROM competency_frameworks WHERE code = 'teacher-544n'`,
    );
    const heat = await deficitHeatmap(db, methodist, { frameworkId: f!.id, by: 'organization' });
    expect(heat.competencies).toHaveLength(17);
    expect(heat.rows.length).toBeGreaterThanOrEqual(8);
    expect(heat.rows.flatMap((row) => row.cells).some((c) => c.deficit > 0)).toBe(true);
  });

  it("shows the open campaign of СОШ № 1 in the demo teacher's cabinet, not yet taken", async () => {
    const mine = await myAssessments(db, await actor('pedagog@zima.demo'));
    const open = mine.find((c) => c.name === OPEN_CAMPAIGN_NAME);
    expect(open).toMatchObject({ status: 'open', inWindow: true });
    expect(open!.instruments.map((i) => [i.kind, i.status])).toEqual([
      ['test', 'not_started'],
      ['self_assessment', 'not_started'],
    ]);
    expect(mine.find((c) => c.name === CLOSED_CAMPAIGN_NAME)).toMatchObject({
      status: 'closed',
      inWindow: false,
    });
    expect(await count(sql`SELECT count(*)::int AS n FROM assessment_attempts`)).toBe(0);
    // A teacher of another school is not invited to it.
    const others = await count(sql`
      SELECT count(*)::int AS n FROM campaign_participants cp JOIN assessment_campaigns c ON c.id = cp.campaign_id
      JOIN organizations o ON o.id = cp.organization_id
      WHERE c.name = ${OPEN_CAMPAIGN_NAME} AND o.short_name <> 'МБОУ «СОШ № 1»'`);
    expect(others).toBe(0);
  });

  it('has three curators, each in their own school, sharing the generated routes', async () => {
    const curators = await db.query<{ email: string; school: string; routes: number; seeded: boolean }>(sql`
      SELECT u.email, o.short_name AS school,
             (SELECT count(*)::int FROM learning_routes r WHERE r.curator_user_id = u.id) AS routes,
             -- the demo's own mentees stay with their curator after generation
             (SELECT count(*)::int FROM curator_assignments ca WHERE ca.curator_user_id = u.id) >= 4 AS seeded
      FROM users u JOIN organizations o ON o.id = u.organization_id
      WHERE u.role = 'curator' ORDER BY u.email`);
    expect(curators.map((c) => [c.email, c.school])).toEqual([
      ['kurator2@zima.demo', 'МБОУ «СОШ № 5»'],
      ['kurator3@zima.demo', 'МБОУ «СОШ № 7»'],
      ['kurator@zima.demo', 'МБОУ «СОШ № 1»'],
    ]);
    const loads = curators.map((c) => c.routes);
    for (const n of loads) expect(n).toBeGreaterThan(0);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(3);
    expect(curators.every((c) => c.seeded)).toBe(true);
  });

  it("has draft routes for the people with a deficit, two of kurator@ in progress (the demo teacher's with items done), one agreed", async () => {
    const byStatus = await db.query<{ status: string; n: number }>(
      sql`SELECT status::text, count(*)::int AS n FROM learning_routes GROUP BY status ORDER BY status`,
    );
    const withDeficit = await count(sql`
      SELECT count(DISTINCT cr.person_id)::int AS n FROM competency_results cr
      JOIN assessment_campaigns c ON c.id = cr.campaign_id WHERE c.name = ${CLOSED_CAMPAIGN_NAME} AND cr.percent < 50`);
    expect(Object.fromEntries(byStatus.map((r) => [r.status, r.n]))).toEqual({
      agreed: 1,
      draft: withDeficit - 3,
      in_progress: 2,
    });
    expect(
      await count(sql`SELECT count(*)::int AS n FROM learning_routes WHERE curator_user_id IS NULL`),
    ).toBe(0);
    const [agreed] = await db.query<{ email: string }>(sql`
      SELECT u.email FROM learning_routes r JOIN users u ON u.id = r.curator_user_id WHERE r.status = 'agreed'`);
    expect(agreed?.email).toBe('kurator2@zima.demo');

    const teacher = await actor('pedagog@zima.demo');
    const [own] = await myRoutes(db, teacher).then((r) => r.items);
    expect(own).toMatchObject({ status: 'in_progress', itemsDone: 2, itemsAwaitingConfirmation: 1 });
    const card = await readRouteCard(db, teacher, own!.id);
    const done = card.items.filter((i) => i.status === 'done');
    expect(done.map((i) => [i.evidence?.kind, i.confirmedAt !== null])).toEqual([
      ['link', true],
      ['link', false],
    ]);
    const curator = await actor('kurator@zima.demo');
    expect(card.curator?.userId).toBe(curator.userId);
    const waiting = await myConfirmations(db, curator);
    expect(waiting.items.map((w) => w.routeId)).toEqual([own!.id]);
    const curated = await myCuratedRoutes(db, curator);
    expect(curated.items.filter((r) => r.status === 'in_progress')).toHaveLength(2);
    expect(curated.awaitingConfirmation).toBe(1);
  });

  it('imports the sample regional results file: matched rows land on their people, strangers are reported', async () => {
    const methodist = await actor('metodist@zima.demo');
    const [f] = await db.query<{ id: string }>(
      sql`SELECT id FROM competency_frameworks WHERE code = 'teacher-544n'`,
    );
    const input = {
      actor: methodist,
      frameworkId: f!.id,
      campaignId: null,
      fileName: `${SAMPLE_NAME}.xlsx`,
      data: await sampleFile('xlsx'),
      dryRun: false,
    };
    const refused = await importResults(db, { ...input, mode: 'all' });
    expect(refused.committed).toBe(false);
    expect(
      await count(
        sql`SELECT count(*)::int AS n FROM competency_results WHERE procedure = ${SAMPLE_PROCEDURE}`,
      ),
    ).toBe(0);

    const report = await importResults(db, { ...input, mode: 'valid' });
    expect(report).toMatchObject({ totalRows: 27, validRows: 25, created: 25, committed: true });
    expect(report.results).toBe(25 * SAMPLE_CODES.length);
    expect(report.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [27, 'СНИЛС', 'Педагог с таким СНИЛС не найден в реестре вашей области доступа'],
      [28, 'Фамилия', 'Педагог с такими ФИО и датой рождения не найден в реестре вашей области доступа'],
    ]);
    const stored = await db.query<{
      person_id: string;
      code: string;
      percent: number;
      assessed_on: string;
    }>(sql`
      SELECT cr.person_id, c.code, cr.percent, cr.assessed_on FROM competency_results cr
      JOIN competencies c ON c.id = cr.competency_id WHERE cr.procedure = ${SAMPLE_PROCEDURE}`);
    const got = new Map(stored.map((r) => [`${r.person_id}|${r.code}`, r.percent]));
    for (const row of sampleRows().filter((r) => r.personId))
      for (const [code, percent] of Object.entries(row.percents))
        expect(got.get(`${row.personId}|${code}`), `${row.lastName} ${code}`).toBe(percent);
    expect(new Set(stored.map((r) => r.assessed_on))).toEqual(new Set([SAMPLE_DATE]));
  });

  it('does nothing the second time', async () => {
    expect(await loadDemoIfEmpty(db)).toBeNull();
    expect(await count(sql`SELECT count(*)::int AS n FROM organizations`)).toBe(19);
  });
});

describe('loadDataset', () => {
  it('streams a region in chunks, set-wise, next to the demo', async () => {
    const stream = regionDatasetStream({ organizations: 120, staff: 3_000, seed: 3 });
    const result = await loadDataset(db, stream, { chunkSize: 700 });
    console.info(`region of 120 organisations / 3 000 staff loaded on ${db.kind} in ${result.ms} ms`);
    expect(result).toMatchObject({ organizations: 120, people: 3_000 });
    const [r] = await db.query<{ orgs: number; people: number; emps: number }>(sql`
      SELECT (SELECT count(*)::int FROM organizations WHERE region_id = ${result.regionId}) AS orgs,
             (SELECT count(*)::int FROM people WHERE region_id = ${result.regionId}) AS people,
             (SELECT count(*)::int FROM employments e JOIN organizations o ON o.id = e.organization_id
               WHERE o.region_id = ${result.regionId}) AS emps`);
    expect(r).toEqual({ orgs: 120, people: 3_000, emps: result.employments });
  });
});
