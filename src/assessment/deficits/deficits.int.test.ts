import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';
import { readTable } from '../../platform/files/read-table.ts';

let t: TestApp;
let admin: Client;
let methodist: Client;
let head: Client;
let otherHead: Client;
let teacher: Client;
let frameworkId: string;
let c1: string;
let c2: string;
let school1: { id: string };
let school2: { id: string };
const p: Record<string, { id: string }> = {};

const add = (person: string, competency: string, percent: number, on: string, source = 'import') =>
  t.db.query(sql`
    INSERT INTO competency_results (person_id, competency_id, source, procedure, assessed_on, percent)
    VALUES (${p[person]!.id}, ${competency}, ${source}::result_source, 'Диагностика', ${on}, ${percent})`);

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muni = await ctx.newMunicipality();
  school1 = await ctx.newOrg({ municipalityId: muni.id });
  school2 = await ctx.newOrg({ municipalityId: muni.id });
  p.a = await ctx.newPerson({ organizationId: school1.id, lastName: 'Антонова', subjects: ['Математика'] });
  p.g = await ctx.newPerson({
    organizationId: school1.id,
    lastName: 'Григорьева',
    subjects: ['Математика', 'Физика'],
  });
  p.b = await ctx.newPerson({ organizationId: school1.id, lastName: 'Борисова', subjects: ['Русский язык'] });
  p.v = await ctx.newPerson({ organizationId: school2.id, lastName: 'Викторова', subjects: ['Математика'] });
  admin = await t.login(await ctx.newUser({ role: 'admin' }));
  methodist = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', municipalityId: muni.id, regionId: muni.regionId }),
  );
  head = await t.login(
    await ctx.newUser({ role: 'org_head', organizationId: school1.id, municipalityId: muni.id }),
  );
  otherHead = await t.login(
    await ctx.newUser({ role: 'org_head', organizationId: school2.id, municipalityId: muni.id }),
  );
  teacher = await t.login(
    await ctx.newUser({ role: 'teacher', personId: p.a.id, organizationId: school1.id }),
  );
  const fw = await admin.post('/api/competency-frameworks/presets/teacher-544n');
  expect(fw.status).toBe(201);
  frameworkId = fw.body.id;
  c1 = fw.body.groups[0].competencies[0].id;
  c2 = fw.body.groups[1].competencies[0].id;
  // Thresholds 50 / 75. The latest result (by date, then id) is the current level.
  await add('a', c1, 80, '2026-01-10');
  await add('a', c1, 40, '2026-05-10', 'platform'); // deficit
  await add('a', c2, 60, '2026-05-10'); // partial
  await add('g', c1, 50, '2026-05-10'); // partial (boundary)
  await add('g', c2, 30, '2026-05-01');
  await add('g', c2, 90, '2026-06-01'); // none
  await add('b', c1, 49.99, '2026-05-10'); // deficit (boundary)
  await add('v', c1, 10, '2026-05-10'); // deficit
  await add('v', c2, 70, '2026-05-10');
  await add('v', c2, 20, '2026-05-10'); // same date, later id → deficit
});
afterAll(async () => t.close());

const cell = (body: any, rowId: string, competencyId: string) =>
  body.rows.find((r: any) => r.id === rowId)?.cells.find((c: any) => c.competencyId === competencyId);

describe('deficits of a person', () => {
  it('a teacher reads their own: latest percent, level, date and source per competency', async () => {
    const res = await teacher.get(`/api/deficits/people/${p.a!.id}?frameworkId=${frameworkId}`);
    expect(res.status).toBe(200);
    const byId = new Map(res.body.competencies.map((c: any) => [c.competencyId, c]));
    expect(byId.get(c1)).toMatchObject({
      percent: 40,
      level: 'deficit',
      assessedOn: '2026-05-10',
      source: 'platform',
    });
    expect(byId.get(c2)).toMatchObject({ percent: 60, level: 'partial', source: 'import' });
    const untouched = res.body.competencies.find((c: any) => c.competencyId !== c1 && c.competencyId !== c2);
    expect(untouched).toMatchObject({ percent: null, level: null, assessedOn: null });
  });

  it('a teacher cannot read a colleague (404), nor another school head; 401 anonymous; 422 without a framework', async () => {
    expect((await teacher.get(`/api/deficits/people/${p.g!.id}?frameworkId=${frameworkId}`)).status).toBe(
      404,
    );
    expect((await otherHead.get(`/api/deficits/people/${p.a!.id}?frameworkId=${frameworkId}`)).status).toBe(
      404,
    );
    expect((await head.get(`/api/deficits/people/${p.a!.id}?frameworkId=${frameworkId}`)).status).toBe(200);
    expect((await t.client().get(`/api/deficits/people/${p.a!.id}?frameworkId=${frameworkId}`)).status).toBe(
      401,
    );
    expect((await teacher.get(`/api/deficits/people/${p.a!.id}`)).status).toBe(422);
  });
});

describe('heatmap', () => {
  it('by organization: hand-computed counts and shares', async () => {
    const res = await methodist.get(`/api/deficits/heatmap?frameworkId=${frameworkId}&by=organization`);
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: any) => r.id).sort()).toEqual([school1.id, school2.id].sort());
    expect(cell(res.body, school1.id, c1)).toEqual({
      competencyId: c1,
      assessed: 3,
      deficit: 2,
      partial: 1,
      deficitShare: 66.7,
      partialShare: 33.3,
    });
    expect(cell(res.body, school1.id, c2)).toMatchObject({
      assessed: 2,
      deficit: 0,
      partial: 1,
      deficitShare: 0,
      partialShare: 50,
    });
    expect(cell(res.body, school2.id, c1)).toMatchObject({ assessed: 1, deficit: 1, deficitShare: 100 });
    expect(cell(res.body, school2.id, c2)).toMatchObject({ assessed: 1, deficit: 1, partial: 0 });
  });

  it('by subject: a person counts under each of their subjects', async () => {
    const res = await methodist.get(`/api/deficits/heatmap?frameworkId=${frameworkId}&by=subject`);
    expect(res.status).toBe(200);
    expect(cell(res.body, 'Математика', c1)).toMatchObject({ assessed: 3, deficit: 2, partial: 1 });
    expect(cell(res.body, 'Физика', c1)).toMatchObject({ assessed: 1, deficit: 0, partial: 1 });
    expect(cell(res.body, 'Русский язык', c1)).toMatchObject({ assessed: 1, deficit: 1 });
  });

  it('narrows to a municipality; the routes are in the OpenAPI document', async () => {
    const other = await t.ctx.newMunicipality();
    const res = await admin.get(
      `/api/deficits/heatmap?frameworkId=${frameworkId}&municipalityId=${other.id}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([]);
    const doc = await t.client().get('/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/deficits/heatmap',
        '/api/deficits/people/{personId}',
        '/api/deficits/people/export',
        '/api/assessment-results/import',
        '/api/assessment-results/template',
      ]),
    );
  });

  it('a school head sees only their school; a teacher 403; anonymous 401; bad query 422', async () => {
    const res = await head.get(`/api/deficits/heatmap?frameworkId=${frameworkId}`);
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: any) => r.id)).toEqual([school1.id]);
    expect((await teacher.get(`/api/deficits/heatmap?frameworkId=${frameworkId}`)).status).toBe(403);
    expect((await t.client().get(`/api/deficits/heatmap?frameworkId=${frameworkId}`)).status).toBe(401);
    expect((await methodist.get(`/api/deficits/heatmap?frameworkId=${frameworkId}&by=nope`)).status).toBe(
      422,
    );
  });
});

describe('heatmap export', () => {
  const sheetOf = async (raw: ArrayBuffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(raw);
    return wb;
  };

  it('writes the shares the page shows as real percentages, with a title block and the counts sheet', async () => {
    const page = await methodist.get(`/api/deficits/heatmap?frameworkId=${frameworkId}&by=organization`);
    const name1 = page.body.rows.find((r: any) => r.id === school1.id).name;
    const res = await methodist.get(`/api/deficits/heatmap/export?frameworkId=${frameworkId}&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toMatch(/deficits-heatmap-.*\.xlsx/);
    const wb = await sheetOf(res.raw);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Тепловая карта', 'По ячейкам']);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toMatch(/^Дефициты компетенций: /);
    expect(ws.getCell('B4').value).toBe('текущий расчёт');
    const table = await readTable({ fileName: 'h.xlsx', data: new Uint8Array(res.raw) });
    expect(table.headers[0]).toBe('Организация');
    // Two columns per competency, as the page's two-tone cell: the deficit share and the partial share.
    expect(table.headers).toHaveLength(1 + 2 * page.body.competencies.length);
    const row1 = table.rows.find((r) => r.cells[0] === name1)!;
    const col = (competencyId: string) =>
      1 + 2 * page.body.competencies.findIndex((c: any) => c.id === competencyId);
    const cell = ws.getRow(row1.rowNumber).getCell(1 + col(c1));
    expect(cell.value).toBeCloseTo(0.667, 6);
    expect(cell.numFmt).toBe('0.0%');
    expect(ws.getRow(row1.rowNumber).getCell(2 + col(c1)).value).toBeCloseTo(0.333, 6);
    expect(ws.getRow(row1.rowNumber).getCell(1 + col(c2)).value).toBe(0);
    expect(ws.getRow(row1.rowNumber).getCell(2 + col(c2)).value).toBeCloseTo(0.5, 6);
    const code1 = page.body.competencies.find((c: any) => c.id === c1).code;
    const counts: unknown[][] = [];
    wb.worksheets[1]!.eachRow((r) => {
      if (r.getCell(1).value === name1 && r.getCell(2).value === code1)
        counts.push((r.values as unknown[]).slice(4));
    });
    expect(counts).toHaveLength(1);
    expect(counts[0]!.slice(0, 3)).toEqual([3, 2, 1]);
    expect(counts[0]![3]).toBeCloseTo(0.667, 6);
    expect(counts[0]![4]).toBeCloseTo(0.333, 6);
  });

  it('CSV by subject; keeps the page scope: a head sees only their school, a teacher 403, anonymous 401', async () => {
    const csv = await methodist.get(
      `/api/deficits/heatmap/export?frameworkId=${frameworkId}&by=subject&format=csv`,
    );
    expect(csv.status).toBe(200);
    const text = String(csv.body);
    expect(text.split('\r\n')[0]).toMatch(/^Предмет;/);
    expect(text).toContain('Математика;66,7;');
    const own = await head.get(`/api/deficits/heatmap/export?frameworkId=${frameworkId}&format=csv`);
    const ownTable = await readTable({ fileName: 'h.csv', data: new Uint8Array(own.raw) });
    const page = await head.get(`/api/deficits/heatmap?frameworkId=${frameworkId}`);
    expect(ownTable.rows.map((r) => r.cells[0])).toEqual(page.body.rows.map((r: any) => r.name));
    expect(ownTable.rows).toHaveLength(1);
    expect((await teacher.get(`/api/deficits/heatmap/export?frameworkId=${frameworkId}`)).status).toBe(403);
    expect((await t.client().get(`/api/deficits/heatmap/export?frameworkId=${frameworkId}`)).status).toBe(
      401,
    );
    const [n] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'export' AND entity = 'deficit_heatmap'`,
    );
    expect(n!.n).toBe(3);
  });
});

describe('who has a deficit', () => {
  const q = () => `frameworkId=${frameworkId}&competencyId=${c1}`;

  it('lists the people with the level asked, within the scope', async () => {
    const res = await methodist.get(`/api/deficits/people?${q()}&level=deficit`);
    expect(res.status).toBe(200);
    expect(res.body.people.map((x: any) => [x.personId, x.percent])).toEqual([
      [p.a!.id, 40],
      [p.b!.id, 49.99],
      [p.v!.id, 10],
    ]);
    expect(res.body.people[0]).toMatchObject({ organizationId: school1.id, assessedOn: '2026-05-10' });
    const own = await head.get(`/api/deficits/people?${q()}&level=deficit`);
    expect(own.body.people.map((x: any) => x.personId)).toEqual([p.a!.id, p.b!.id]);
    const partial = await methodist.get(
      `/api/deficits/people?${q()}&level=partial&organizationId=${school1.id}`,
    );
    expect(partial.body.people.map((x: any) => x.personId)).toEqual([p.g!.id]);
    expect((await teacher.get(`/api/deficits/people?${q()}`)).status).toBe(403);
  });

  it('exports the list through writeTable and logs the export', async () => {
    const res = await methodist.get(`/api/deficits/people/export?${q()}&level=deficit&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('.csv');
    const text = String(res.body);
    expect(text).toContain('Антонова');
    expect(text).toContain('49,99');
    expect(text).not.toContain('Григорьева');
    const xlsx = await methodist.get(`/api/deficits/people/export?${q()}&format=xlsx`);
    expect(xlsx.status).toBe(200);
    const [n] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'export' AND entity = 'deficit_list'`,
    );
    expect(n!.n).toBe(2);
  });
});
