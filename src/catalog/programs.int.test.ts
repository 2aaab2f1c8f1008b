import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { sql } from '../platform/db/database.ts';
import { readTable } from '../platform/files/read-table.ts';
import { insertCompetencies } from './catalog.test-data.ts';

let t: TestApp;
let admin: Client;
let methodist: Client;
let otherMethodist: Client;
let teacher: Client;

const base = {
  code: 'ПК-001',
  name: 'Формирование функциональной грамотности',
  kind: 'upgrade',
  hours: 36,
  provider: 'ЦНППМ',
  format: 'distance',
  priorityDirections: ['functional_literacy'],
  competencyCodes: ['M1'],
};

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  await insertCompetencies(t.db, ['M1', 'M2']);
  const muni = await ctx.newMunicipality();
  const otherMuni = await ctx.newMunicipality();
  const school = await ctx.newOrg({ municipalityId: muni.id });
  const person = await ctx.newPerson({ organizationId: school.id });
  admin = await t.login(await ctx.newUser({ role: 'admin' }));
  methodist = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', municipalityId: muni.id, regionId: muni.regionId }),
  );
  otherMethodist = await t.login(
    await ctx.newUser({
      role: 'municipal_methodist',
      municipalityId: otherMuni.id,
      regionId: otherMuni.regionId,
    }),
  );
  teacher = await t.login(
    await ctx.newUser({ role: 'teacher', personId: person.id, organizationId: school.id }),
  );
});
afterAll(async () => t.close());

describe('programs', () => {
  let id: string;

  it('refuses the anonymous and those who do not keep the catalog', async () => {
    expect((await t.client().get('/api/programs')).status).toBe(401);
    expect((await teacher.post('/api/programs', base)).status).toBe(403);
  });

  it('creates a program with its competencies and finds it by filters', async () => {
    const res = await methodist.post('/api/programs', base);
    expect(res.status).toBe(201);
    expect(res.body.competencies.map((c: { code: string }) => c.code)).toEqual(['M1']);
    expect(res.body.kindName).toBe('повышение квалификации');
    id = res.body.id;

    const list = await teacher.get('/api/programs?direction=functional_literacy&competencyCode=M1&q=грамотн');
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect((await teacher.get('/api/programs?competencyCode=M2')).body.total).toBe(0);
    expect((await teacher.get('/api/programs?federalRegistry=true')).body.total).toBe(0);
    expect((await otherMethodist.get(`/api/programs/${id}`)).body.editable).toBe(false);
    expect((await admin.get(`/api/programs/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await admin.get(`/api/programs/${id}`)).status).toBe(200);
  });

  it('answers 409 on a repeated code and 422 on hours, registry number and unknown competencies', async () => {
    expect((await methodist.post('/api/programs', base)).status).toBe(409);
    const hours = await methodist.post('/api/programs', { ...base, code: 'ПК-002', hours: 8 });
    expect(hours.status).toBe(422);
    expect(hours.body.error.issues[0].message).toMatch(/от 16 до 2000/);
    const pp = await methodist.post('/api/programs', {
      ...base,
      code: 'ПП-1',
      kind: 'retraining',
      hours: 200,
    });
    expect(pp.status).toBe(422);
    expect(pp.body.error.issues[0].message).toMatch(/не меньше 250/);
    const reg = await methodist.post('/api/programs', { ...base, code: 'ПК-003', federalRegistry: true });
    expect(reg.status).toBe(422);
    expect(reg.body.error.issues[0].path).toBe('federalRegistryNumber');
    const comp = await methodist.post('/api/programs', {
      ...base,
      code: 'ПК-004',
      competencyCodes: ['NOPE'],
    });
    expect(comp.status).toBe(422);
    expect(comp.body.error.issues[0].message).toMatch(/NOPE/);
  });

  it('edits a program; 403 to a teacher and to another region, 409 on a taken code', async () => {
    const res = await methodist.patch(`/api/programs/${id}`, {
      federalRegistry: true,
      federalRegistryNumber: 'ФР-77',
      competencyCodes: ['M1', 'M2'],
    });
    expect(res.status).toBe(200);
    expect(res.body.federalRegistryNumber).toBe('ФР-77');
    expect(res.body.competencyCodes).toEqual(['M1', 'M2']);
    expect((await teacher.patch(`/api/programs/${id}`, { hours: 40 })).status).toBe(403);
    expect((await otherMethodist.patch(`/api/programs/${id}`, { hours: 40 })).status).toBe(403);
    await methodist.post('/api/programs', { ...base, code: 'ПК-010' });
    expect((await methodist.patch(`/api/programs/${id}`, { code: 'ПК-010' })).status).toBe(409);
    expect((await methodist.patch(`/api/programs/${id}`, { hours: 3000 })).status).toBe(422);
  });

  it('adds, edits and removes cohorts', async () => {
    const bad = await methodist.post(`/api/programs/${id}/cohorts`, {
      startsOn: '2027-02-10',
      endsOn: '2027-02-01',
    });
    expect(bad.status).toBe(422);
    const c = await methodist.post(`/api/programs/${id}/cohorts`, {
      startsOn: '2027-02-01',
      endsOn: '2027-02-20',
      seats: 25,
    });
    expect(c.status).toBe(201);
    expect((await teacher.patch(`/api/cohorts/${c.body.id}`, { seats: 30 })).status).toBe(403);
    expect((await methodist.patch(`/api/cohorts/${c.body.id}`, { endsOn: '2027-01-01' })).status).toBe(422);
    const ok = await methodist.patch(`/api/cohorts/${c.body.id}`, { seats: 30 });
    expect(ok.status).toBe(200);
    expect(ok.body.seats).toBe(30);
    const card = await teacher.get(`/api/programs/${id}`);
    expect(card.body.cohorts).toHaveLength(1);
    expect((await otherMethodist.delete(`/api/cohorts/${c.body.id}`)).status).toBe(403);
    expect((await methodist.delete(`/api/cohorts/${c.body.id}`)).status).toBe(204);
    expect((await methodist.delete(`/api/cohorts/${c.body.id}`)).status).toBe(404);
  });
});

describe('catalog export', () => {
  it('writes the list the page shows, with its filters, as XLSX with a title block and as CSV; audited', async () => {
    const page = await teacher.get('/api/programs?competencyCode=M1');
    expect(page.body.total).toBeGreaterThan(0);
    const res = await teacher.get('/api/programs/export?competencyCode=M1&fileFormat=xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/katalog-programm-.*\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('Каталог дополнительных профессиональных программ');
    const table = await readTable({ fileName: 'c.xlsx', data: new Uint8Array(res.raw) });
    expect(table.headers.slice(0, 4)).toEqual(['Код', 'Программа', 'Вид', 'Часов']);
    expect(table.rows.map((r) => r.cells[0])).toEqual(page.body.items.map((p: { code: string }) => p.code));
    const first = table.rows[0]!;
    expect(ws.getRow(first.rowNumber).getCell(4).value).toBe(36);
    expect(first.cells[8]).toBe('функциональная грамотность');

    const none = await teacher.get('/api/programs/export?q=нет-такой-программы&fileFormat=csv');
    expect(none.status).toBe(200);
    expect((await readTable({ fileName: 'c.csv', data: new Uint8Array(none.raw) })).rows).toEqual([]);
    expect((await t.client().get('/api/programs/export')).status).toBe(401);
    expect((await teacher.get('/api/programs/export?fileFormat=pdf')).status).toBe(422);
    const [n] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'export' AND entity = 'programs'`,
    );
    expect(n!.n).toBe(2);
  });
});
