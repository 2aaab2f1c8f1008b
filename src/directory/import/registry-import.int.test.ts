import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';
import { writeTable } from '../../platform/files/write-table.ts';
import { VACANCY_COLUMN_SPECS } from './import.columns.ts';

/** Vacancies and staffing imports, and who may use the import routes at all. */
let t: TestApp;
let head: Client;
let methodist: Client;
let teacher: Client;
let municipalHead: Client;
let s1: { id: string };

const csv = (headers: string[], rows: string[][]) =>
  new TextEncoder().encode([headers, ...rows].map((r) => r.join(';')).join('\r\n'));

const VACANCY_HEADERS = VACANCY_COLUMN_SPECS.map((c) => c.header);
const STAFFING_HEADERS = [
  'Организация',
  'Год',
  'Педагогических ставок всего',
  'Педагогических ставок занято',
  'Административных ставок всего',
  'Административных ставок занято',
];

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muni = await ctx.newMunicipality();
  s1 = await ctx.newOrg({ municipalityId: muni.id, code: 'В-1' });
  await ctx.newOrg({ municipalityId: muni.id, code: 'В-2' });
  const teacherPerson = await ctx.newPerson({ organizationId: s1.id });
  head = await t.login(
    await ctx.newUser({ role: 'org_head', organizationId: s1.id, municipalityId: muni.id }),
  );
  methodist = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', municipalityId: muni.id, regionId: muni.regionId }),
  );
  teacher = await t.login(
    await ctx.newUser({ role: 'teacher', personId: teacherPerson.id, organizationId: s1.id }),
  );
  municipalHead = await t.login(
    await ctx.newUser({ role: 'municipal_head', municipalityId: muni.id, regionId: muni.regionId }),
  );
});
afterAll(async () => t.close());

describe('vacancies import', () => {
  it('creates, re-imports unchanged and closes a vacancy by organization, position, subject and opening date', async () => {
    const table = await writeTable({
      format: 'xlsx',
      sheetName: 'Вакансии',
      columns: VACANCY_COLUMN_SPECS.map(({ key, header, type }) => ({
        key,
        header,
        ...(type ? { type } : {}),
      })),
      rows: [
        {
          organization: 'В-1',
          position: 'Учитель',
          subject: 'Физика',
          rate: 1,
          zemsky: 'да',
          openedOn: '2026-06-01',
        },
        {
          organization: 'В-1',
          position: 'Учитель',
          subject: 'Химия',
          rate: 0.5,
          zemsky: 'нет',
          openedOn: '2026-06-01',
        },
      ],
    });
    const first = await head.upload('/api/import/vacancies', { name: 'vacancies.xlsx', data: table.data });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: 2, committed: true, errors: [] });
    const again = await head.upload('/api/import/vacancies', { name: 'vacancies.xlsx', data: table.data });
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    const closing = csv(VACANCY_HEADERS, [
      ['В-1', 'Учитель', 'физика', '1', 'да', '01.06.2026', '01.07.2026'],
    ]);
    const closed = await head.upload('/api/import/vacancies', { name: 'v.csv', data: closing });
    expect(closed.body).toMatchObject({ updated: 1 });
    const rows = await t.db.query<{ subject: string; closed_on: string | null; zemsky: boolean }>(
      sql`SELECT subject, closed_on, zemsky FROM vacancies WHERE organization_id = ${s1.id} ORDER BY lower(subject)`,
    );
    expect(rows).toEqual([
      { subject: 'физика', closed_on: '2026-07-01', zemsky: true },
      { subject: 'Химия', closed_on: null, zemsky: false },
    ]);
  });

  it("refuses another school's vacancy for a school head", async () => {
    const res = await head.upload('/api/import/vacancies', {
      name: 'v.csv',
      data: csv(VACANCY_HEADERS, [['В-2', 'Учитель', 'Физика', '1', 'нет', '01.06.2026', '']]),
    });
    expect(res.status).toBe(422);
    expect(res.body.report.errors).toEqual([
      {
        row: 2,
        column: 'Организация',
        value: 'В-2',
        message: 'Организация вне вашей области доступа: «В-2»',
      },
    ]);
  });
});

describe('staffing import', () => {
  it('upserts by organization and year and refuses occupied over total', async () => {
    const good = ['В-1', '2026', '42,5', '40', '5', '5'];
    const bad = ['В-2', '2026', '10', '12', '2', '1'];
    const refused = await methodist.upload('/api/import/staffing', {
      name: 's.csv',
      data: csv(STAFFING_HEADERS, [good, bad]),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.report.errors).toEqual([
      {
        row: 3,
        column: 'Педагогических ставок занято',
        value: '12',
        message: '«12»: занятых ставок больше, чем всего (10)',
      },
    ]);
    const partial = await methodist.upload('/api/import/staffing?mode=valid', {
      name: 's.csv',
      data: csv(STAFFING_HEADERS, [good, bad]),
    });
    expect(partial.body).toMatchObject({ created: 1, committed: true });
    const updated = await methodist.upload('/api/import/staffing', {
      name: 's.csv',
      data: csv(STAFFING_HEADERS, [['В-1', '2026', '42,5', '41', '5', '5']]),
    });
    expect(updated.body).toMatchObject({ updated: 1 });
    expect(
      await t.db.query(sql`SELECT ped_total, ped_occupied FROM staffing WHERE organization_id = ${s1.id}`),
    ).toEqual([{ ped_total: 42.5, ped_occupied: 41 }]);
  });
});

describe('who may import', () => {
  const data = csv(STAFFING_HEADERS, [['В-1', '2026', '1', '1', '1', '1']]);

  it('answers 401 to anonymous callers', async () => {
    const anon = t.client();
    expect((await anon.get('/api/import/templates/staff')).status).toBe(401);
    expect((await anon.upload('/api/import/staffing', { name: 's.csv', data })).status).toBe(401);
  });

  it('answers 403 to roles that do not keep the registry', async () => {
    expect((await teacher.get('/api/import/templates/staff')).status).toBe(403);
    expect((await municipalHead.get('/api/import/templates/vacancies?format=csv')).status).toBe(403);
    const res = await municipalHead.upload('/api/import/staffing', { name: 's.csv', data });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect((await teacher.upload('/api/import/staff', { name: 's.csv', data })).status).toBe(403);
    // A school head keeps staff, vacancies and staffing, not the list of organizations.
    expect((await head.upload('/api/import/orgs', { name: 'o.csv', data })).status).toBe(403);
    expect(
      await t.db.query(
        sql`SELECT 1 FROM audit_log WHERE action = 'import' AND entity = 'import' AND details->>'kind' = 'orgs'`,
      ),
    ).toEqual([]);
  });

  it('refuses a request without a file, an unknown kind and an unreadable file', async () => {
    const noFile = await methodist.post('/api/import/staffing', {});
    expect(noFile.status).toBe(422);
    expect(noFile.body.error.message).toMatch(/Прикрепите файл/);
    expect((await methodist.upload('/api/import/people', { name: 's.csv', data })).status).toBe(422);
    const broken = await methodist.upload('/api/import/staffing', {
      name: 's.xlsx',
      data: new Uint8Array([1, 2, 3]),
    });
    expect(broken.status).toBe(422);
    expect(broken.body.error.message).toMatch(/повреждён/);
  });
});
