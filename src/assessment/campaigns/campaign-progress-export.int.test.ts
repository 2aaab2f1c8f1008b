import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';
import { readTable } from '../../platform/files/read-table.ts';

/**
 * The campaign page's progress table as XLSX and CSV: the same rows as the page, in the viewer's
 * scope (a school head gets their school only), natural order of names, a total row, a title
 * block; another municipality's methodist gets 404, a teacher 403; each export is audited.
 */

let t: TestApp;
const as: Record<string, Client> = {};
const w: Record<string, any> = {};

const exportOf = (who: string, format = 'xlsx') =>
  as[who]!.get(`/api/assessment-campaigns/${w.campaign}/progress/export?format=${format}`);

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muni = await ctx.newMunicipality();
  const other = await ctx.newMunicipality({ regionId: muni.regionId });
  const school10 = await ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «СОШ № 10»' });
  const school2 = await ctx.newOrg({ municipalityId: muni.id, fullName: 'МБОУ «СОШ № 2»' });
  const a = await ctx.newPerson({ organizationId: school2.id });
  const b = await ctx.newPerson({ organizationId: school2.id });
  const c = await ctx.newPerson({ organizationId: school10.id });
  const territory = { regionId: muni.regionId, municipalityId: muni.id };
  as.methodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...territory }));
  as.head2 = await t.login(await ctx.newUser({ role: 'org_head', ...territory, organizationId: school2.id }));
  as.otherMethodist = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', regionId: muni.regionId, municipalityId: other.id }),
  );
  as.teacher = await t.login(
    await ctx.newUser({ role: 'teacher', personId: c.id, organizationId: school10.id }),
  );
  const preset = await as.methodist.post('/api/instruments/presets/teacher-demo-test');
  expect([200, 201]).toContain(preset.status);
  const created = await as.methodist.post('/api/assessment-campaigns', {
    name: 'Диагностика для выгрузки',
    frameworkId: preset.body.frameworkId,
    instrumentIds: [preset.body.id],
    opensAt: '2026-09-01T00:00:00+03:00',
    closesAt: '2026-09-30T00:00:00+03:00',
    target: { organizationIds: [school10.id, school2.id] },
  });
  expect(created.status).toBe(201);
  w.campaign = created.body.id;
  expect((await as.methodist.post(`/api/assessment-campaigns/${w.campaign}/open`)).status).toBe(200);
  // At «СОШ № 2» one of two submitted online; at «СОШ № 10» nobody started.
  await t.db.query(sql`
    INSERT INTO assessment_attempts (campaign_id, instrument_id, instrument_version, person_id, status, submitted_at)
    VALUES (${w.campaign}, ${preset.body.id}, 1, ${a.id}, 'submitted', '2026-09-10T10:00:00Z')`);
  Object.assign(w, { b });
}, 120_000);
afterAll(async () => t.close());

describe('GET /api/assessment-campaigns/:id/progress/export', () => {
  it('writes the methodist’s table as XLSX: title block, natural order, numbers, a total row', async () => {
    const res = await exportOf('methodist');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/campaign-progress-.*\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('Ход кампании «Диагностика для выгрузки» по организациям');
    const labels = ws.getColumn(1).values.filter((v) => typeof v === 'string');
    expect(labels).toContain('Период');
    const table = await readTable({ fileName: 'p.xlsx', data: new Uint8Array(res.raw) });
    expect(table.headers).toEqual([
      'Организация',
      'Приглашены',
      'Начали',
      'Завершили',
      'из них онлайн',
      'из них из файла',
      'Не начинали',
      'Доля завершивших',
    ]);
    expect(table.rows.map((r) => r.cells[0])).toEqual(['МБОУ «СОШ № 2»', 'МБОУ «СОШ № 10»', 'Итого']);
    const second = ws.getRow(table.rows[0]!.rowNumber);
    expect([2, 3, 4, 5, 6, 7].map((i) => second.getCell(i).value)).toEqual([2, 1, 1, 1, 0, 1]);
    expect(second.getCell(8).value).toBeCloseTo(0.5);
    expect(second.getCell(8).numFmt).toBe('0.0%');
    const total = ws.getRow(table.rows[2]!.rowNumber);
    expect([2, 3, 4].map((i) => total.getCell(i).value)).toEqual([3, 1, 1]);
  });

  it('gives the school head their school only, and CSV without a title', async () => {
    const res = await exportOf('head2', 'csv');
    expect(res.status).toBe(200);
    const table = await readTable({ fileName: 'p.csv', data: new Uint8Array(res.raw) });
    expect(table.headers[0]).toBe('Организация');
    expect(table.rows.map((r) => r.cells.slice(0, 4))).toEqual([['МБОУ «СОШ № 2»', '2', '1', '1']]);
  });

  it('hides another municipality’s campaign and refuses a teacher; audited', async () => {
    expect((await exportOf('otherMethodist')).status).toBe(404);
    expect((await exportOf('teacher')).status).toBe(403);
    expect((await t.client().get(`/api/assessment-campaigns/${w.campaign}/progress/export`)).status).toBe(
      401,
    );
    expect((await exportOf('methodist', 'pdf')).status).toBe(422);
    const [n] = await t.db.query<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM audit_log
      WHERE action = 'export' AND entity = 'assessment_campaign' AND entity_id = ${w.campaign}`);
    expect(n!.n).toBe(2);
  });
});
