import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../db/database.ts';

let t: TestApp;
let teacher: Client;

beforeAll(async () => {
  t = await startTestApp();
  const org = await t.ctx.newOrg();
  const person = await t.ctx.newPerson({ organizationId: org.id });
  teacher = await t.login(
    await t.ctx.newUser({ role: 'teacher', personId: person.id, organizationId: org.id }),
  );
});
afterAll(async () => t.close());

const table = {
  fileName: 'дашборд-2025.csv',
  header: ['Код', 'Показатель', 'Значение'],
  rows: [
    ['1.1', 'Доля прошедших диагностику', 57.14],
    ['=1+1', null, 0],
  ],
};

describe('table export', () => {
  it('writes the page’s table as XLSX: header, numbers as numbers, formulas defused; the export is logged', async () => {
    const res = await teacher.post('/api/export/table', table);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('дашборд-2025.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw);
    const rows = wb.worksheets[0]!.getSheetValues().slice(1) as unknown[][];
    expect(rows.map((r) => r.slice(1))).toEqual([
      ['Код', 'Показатель', 'Значение'],
      ['1.1', 'Доля прошедших диагностику', 57.14],
      ["'=1+1", undefined, 0],
    ]);
    const [audit] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'table' AND action = 'export'`,
    );
    expect(audit!.n).toBe(1);
  });

  it('needs a session and refuses a malformed table with a Russian message', async () => {
    const anonymous = t.client();
    expect((await anonymous.post('/api/export/table', table)).status).toBe(401);
    const bad = await teacher.post('/api/export/table', { ...table, fileName: '../x', header: [] });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body.error.issues)).toMatch(/косых/);
  });
});
