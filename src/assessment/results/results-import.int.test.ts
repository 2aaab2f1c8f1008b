import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';

let t: TestApp;
let head: Client;
let teacher: Client;
let frameworkId: string;
let c1: { id: string; code: string };
let c2: { id: string; code: string };

const csv = (rows: string[][]) => new TextEncoder().encode(rows.map((r) => r.join(';')).join('\r\n'));
const upload = (c: Client, query: string, data: Uint8Array) =>
  c.upload(`/api/assessment-results/import?frameworkId=${frameworkId}${query}`, { name: 'r.csv', data });

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const school = await ctx.newOrg();
  const person = await ctx.newPerson({ organizationId: school.id });
  const admin = await t.login(await ctx.newUser({ role: 'admin' }));
  head = await t.login(
    await ctx.newUser({ role: 'org_head', organizationId: school.id, municipalityId: school.municipalityId }),
  );
  teacher = await t.login(
    await ctx.newUser({ role: 'teacher', personId: person.id, organizationId: school.id }),
  );
  const fw = await admin.post('/api/competency-frameworks/presets/teacher-544n');
  expect(fw.status).toBe(201);
  frameworkId = fw.body.id;
  c1 = fw.body.groups[0].competencies[0];
  c2 = fw.body.groups[1].competencies[0];
});
afterAll(async () => t.close());

/**
 * Each test's own municipality with its methodist and a school: a teacher found by СНИЛС, one found
 * by name + birth date, and a stranger from a school outside the methodist's scope; `file()` is the
 * diagnostics file naming all three, `results()` what competency_results holds for them.
 */
async function school() {
  const { ctx } = t;
  const muni = await ctx.newMunicipality();
  const school = await ctx.newOrg({ municipalityId: muni.id });
  const elsewhere = await ctx.newOrg();
  const bySnils = await ctx.newPerson({ organizationId: school.id });
  const byName = await ctx.newPerson({
    organizationId: school.id,
    lastName: 'Кузнецова',
    firstName: 'Ольга',
    birthDate: '1990-01-02',
    snils: null,
  });
  const stranger = await ctx.newPerson({ organizationId: elsewhere.id });
  const methodist = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', municipalityId: muni.id, regionId: muni.regionId }),
  );
  const people = [bySnils.id, byName.id, stranger.id];
  const results = async () =>
    t.db.query<{
      person_id: string;
      competency_id: string;
      percent: number;
      source: string;
      procedure: string;
    }>(
      sql`SELECT person_id, competency_id, percent, source, procedure, organization_id FROM competency_results
          WHERE person_id = ANY(${sql.param(people)}::uuid[])
          ORDER BY person_id, competency_id`,
    );
  const file = () =>
    csv([
      [
        'СНИЛС',
        'Фамилия',
        'Имя',
        'Отчество',
        'Дата рождения',
        'Организация',
        'Процедура',
        'Дата',
        c1.code,
        c2.code,
      ],
      [bySnils.snils!, '', '', '', '', school.code, 'Диагностика ЦНППМ', '20.10.2026', '40', '80,5'],
      ['', 'Кузнецова', 'Ольга', 'Петровна', '02.01.1990', '', 'Диагностика ЦНППМ', '20.10.2026', '60', ''],
      [stranger.snils!, '', '', '', '', '', 'Диагностика ЦНППМ', '20.10.2026', '10', '10'],
    ]);
  return { methodist, school, bySnils, byName, stranger, people, results, file };
}

/** The school's file already imported in mode «valid»: three results for two people. */
async function imported() {
  const s = await school();
  const res = await upload(s.methodist, '&mode=valid', s.file());
  expect(res.status).toBe(200);
  return s;
}

describe('assessment results import', () => {
  it('401 for anonymous, 403 for a teacher and a school head, 404 for an unknown framework', async () => {
    const { methodist, file } = await school();
    expect((await upload(t.client(), '', file())).status).toBe(401);
    expect((await upload(teacher, '', file())).status).toBe(403);
    expect((await upload(head, '', file())).status).toBe(403);
    const unknown = await methodist.upload(
      '/api/assessment-results/import?frameworkId=00000000-0000-4000-8000-000000000000',
      { name: 'r.csv', data: file() },
    );
    expect(unknown.status).toBe(404);
    const noFw = await methodist.upload('/api/assessment-results/import', { name: 'r.csv', data: file() });
    expect(noFw.status).toBe(422);
  });

  it('the template has the person, procedure and one column per competency code', async () => {
    const { methodist } = await school();
    const res = await methodist.get(`/api/assessment-results/template?frameworkId=${frameworkId}&format=csv`);
    expect(res.status).toBe(200);
    const header = String(res.body)
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)[0]!
      .split(';');
    expect(header.slice(0, 8)).toEqual([
      'СНИЛС',
      'Фамилия',
      'Имя',
      'Отчество',
      'Дата рождения',
      'Организация',
      'Процедура',
      'Дата',
    ]);
    expect(header).toContain(c1.code);
    expect(header).toContain(c2.code);
    expect((await teacher.get(`/api/assessment-results/template?frameworkId=${frameworkId}`)).status).toBe(
      403,
    );
  });

  it('an unknown competency column is one error naming it', async () => {
    const { methodist, bySnils, results } = await school();
    const res = await upload(
      methodist,
      '',
      csv([
        ['СНИЛС', 'Процедура', 'Дата', c1.code, 'T-XXX-99'],
        [bySnils.snils!, 'П', '20.10.2026', '40', '50'],
      ]),
    );
    expect(res.status).toBe(422);
    expect(res.body.report.errors).toHaveLength(1);
    expect(res.body.report.errors[0]).toMatchObject({ row: 1, column: 'T-XXX-99' });
    expect(res.body.report.errors[0].message).toContain('T-XXX-99');
    expect(await results()).toHaveLength(0);
  });

  it('an unmatched person refuses the whole file, naming row and column', async () => {
    const { methodist, stranger, results, file } = await school();
    const res = await upload(methodist, '', file());
    expect(res.status).toBe(422);
    expect(res.body.report.errors).toEqual([
      expect.objectContaining({ row: 4, column: 'СНИЛС', value: stranger.snils }),
    ]);
    expect(res.body.report.committed).toBe(false);
    expect(await results()).toHaveLength(0);
  });

  it('a dry run counts without writing', async () => {
    const { methodist, results, file } = await school();
    const res = await upload(methodist, '&dryRun=true&mode=valid', file());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ committed: false, dryRun: true, created: 2, results: 3, validRows: 2 });
    expect(await results()).toHaveLength(0);
  });

  it('mode valid writes the matched rows onto the right people (by СНИЛС and by name + birth date)', async () => {
    const { methodist, bySnils, byName, stranger, people, results, file } = await school();
    const res = await upload(methodist, '&mode=valid', file());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ committed: true, created: 2, unchanged: 0, results: 3, validRows: 2 });
    const rows = await results();
    expect(rows).toHaveLength(3);
    const of = (personId: string, competencyId: string) =>
      rows.find((r) => r.person_id === personId && r.competency_id === competencyId);
    expect(of(bySnils.id, c1.id)).toMatchObject({
      percent: 40,
      source: 'import',
      procedure: 'Диагностика ЦНППМ',
    });
    expect(of(bySnils.id, c2.id)).toMatchObject({ percent: 80.5 });
    expect(of(byName.id, c1.id)).toMatchObject({ percent: 60 });
    expect(of(byName.id, c2.id)).toBeUndefined();
    expect(rows.some((r) => r.person_id === stranger.id)).toBe(false);
    const [audit] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'competency_result' AND action = 'create'
          AND person_id = ANY(${sql.param(people)}::uuid[])`,
    );
    expect(audit!.n).toBe(2);
  });

  it('re-importing the same file changes nothing', async () => {
    const { methodist, results, file } = await imported();
    const res = await upload(methodist, '&mode=valid', file());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ committed: true, created: 0, unchanged: 2, results: 0 });
    expect(await results()).toHaveLength(3);
  });

  it('a result loaded before with another percent is kept and reported as a warning', async () => {
    const { methodist, bySnils, results } = await imported();
    const res = await upload(
      methodist,
      '',
      csv([
        ['СНИЛС', 'Процедура', 'Дата', c1.code],
        [bySnils.snils!, 'Диагностика ЦНППМ', '20.10.2026', '45'],
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ committed: true, created: 0, unchanged: 1, results: 0 });
    expect(res.body.warnings).toEqual([expect.objectContaining({ row: 2, column: c1.code, value: '45' })]);
    expect(
      (await results()).find((r) => r.person_id === bySnils.id && r.competency_id === c1.id)?.percent,
    ).toBe(40);
  });

  it('an unknown campaign is 422', async () => {
    const { methodist, file } = await school();
    const res = await upload(methodist, '&campaignId=00000000-0000-4000-8000-000000000000', file());
    expect(res.status).toBe(422);
  });

  it('an organization outside the scope is an error in «Организация»', async () => {
    const { methodist, bySnils } = await school();
    const other = await t.ctx.newOrg();
    const res = await upload(
      methodist,
      '',
      csv([
        ['СНИЛС', 'Организация', 'Процедура', 'Дата', c1.code],
        [bySnils.snils!, other.code, 'Другая', '21.10.2026', '70'],
      ]),
    );
    expect(res.status).toBe(422);
    expect(res.body.report.errors[0]).toMatchObject({ row: 2, column: 'Организация', value: other.code });
  });
});
