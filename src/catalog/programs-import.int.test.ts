import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { sql } from '../platform/db/database.ts';
import { writeTable } from '../platform/files/write-table.ts';
import { insertCompetencies } from './catalog.test-data.ts';
import { PROGRAM_COLUMNS } from './programs.rows.ts';

let t: TestApp;
let methodist: Client;
let teacher: Client;
let otherMethodist: Client;

const HEADERS = PROGRAM_COLUMNS.map((c) => c.header);
const row = (over: Partial<Record<string, string>> = {}) => {
  const base: Record<string, string> = {
    Код: 'ИМ-1',
    Наименование: 'Обновлённые ФГОС: практика',
    Вид: 'повышение квалификации',
    Часы: '72',
    'Организация-разработчик': 'ИРО',
    Формат: 'смешанно',
    'Федеральный реестр': 'нет',
    'Номер в реестре': '',
    Направления: 'обновлённые ФГОС',
    Компетенции: 'K1',
    'Начало потока': '01.03.2027',
    'Окончание потока': '15.03.2027',
    ...over,
  };
  return HEADERS.map((h) => base[h] ?? '');
};
// Header case does not matter.
const csv = (rows: string[][]) =>
  new TextEncoder().encode(
    [HEADERS.map((h) => h.toUpperCase()), ...rows].map((r) => r.join(';')).join('\r\n'),
  );

const count = async (table: string) =>
  (await t.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`))[0]!.n;

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  await insertCompetencies(t.db, ['K1', 'K2']);
  const muni = await ctx.newMunicipality();
  const school = await ctx.newOrg({ municipalityId: muni.id });
  const person = await ctx.newPerson({ organizationId: school.id });
  methodist = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', municipalityId: muni.id, regionId: muni.regionId }),
  );
  const otherMuni = await ctx.newMunicipality();
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

describe('programs import', () => {
  const file = () =>
    csv([
      row(),
      row({ 'Начало потока': '01.10.2027', 'Окончание потока': '15.10.2027', Компетенции: '' }),
      row({ Код: 'ИМ-2', Часы: '8', Компетенции: 'K2' }),
      row({ Код: 'ИМ-3', Вид: 'профессиональная переподготовка', Часы: '300', Компетенции: 'K9' }),
    ]);

  it('gives the template and refuses those who do not keep the catalog', async () => {
    const tpl = await methodist.get('/api/programs/template?format=csv');
    expect(tpl.status).toBe(200);
    expect(String(tpl.body)).toContain('Организация-разработчик');
    expect((await teacher.get('/api/programs/template')).status).toBe(403);
    expect((await teacher.upload('/api/programs/import', { name: 'p.csv', data: file() })).status).toBe(403);
    expect((await t.client().upload('/api/programs/import', { name: 'p.csv', data: file() })).status).toBe(
      401,
    );
  });

  it('refuses the whole file for one bad row, naming row and column', async () => {
    const res = await methodist.upload('/api/programs/import', { name: 'p.csv', data: file() });
    expect(res.status).toBe(422);
    const { errors, committed } = res.body.report;
    expect(committed).toBe(false);
    expect(errors).toEqual([
      expect.objectContaining({ row: 4, column: 'Часы', message: expect.stringMatching(/от 16 до 2000/) }),
      expect.objectContaining({ row: 5, column: 'Компетенции', message: 'Нет компетенции с кодом «K9»' }),
    ]);
    expect(await count('programs')).toBe(0);
  });

  it('dry run counts without writing; mode valid writes the good rows', async () => {
    const dry = await methodist.upload('/api/programs/import?dryRun=true&mode=valid', {
      name: 'p.csv',
      data: file(),
    });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ created: 2, committed: false });
    expect(await count('programs')).toBe(0);

    const res = await methodist.upload('/api/programs/import?mode=valid', { name: 'p.csv', data: file() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ committed: true, created: 2, validRows: 2, totalRows: 4 });
    expect(await count('programs')).toBe(1);
    expect(await count('program_cohorts')).toBe(2);
    const list = await teacher.get('/api/programs?competencyCode=K1&direction=updated_fgos');
    expect(list.body.items.map((p: { code: string }) => p.code)).toEqual(['ИМ-1']);
  });

  it('re-importing the same file changes nothing; a new cohort row adds only it', async () => {
    const audit = await count('audit_log');
    const res = await methodist.upload('/api/programs/import?mode=valid', { name: 'p.csv', data: file() });
    expect(res.body).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 2 });
    expect(await count('program_cohorts')).toBe(2);
    expect(await count('audit_log')).toBe(audit + 1); // the import itself

    const more = await methodist.upload('/api/programs/import', {
      name: 'p.csv',
      data: csv([row({ 'Начало потока': '01.12.2027', 'Окончание потока': '10.12.2027' })]),
    });
    expect(more.body).toMatchObject({ committed: true, updated: 1 });
    expect(await count('program_cohorts')).toBe(3);
  });

  it('reads XLSX too and reports rows of one code that disagree', async () => {
    const table = await writeTable({
      format: 'xlsx',
      sheetName: 'Программы',
      columns: HEADERS.map((h) => ({ key: h, header: h })),
      rows: [row({ Код: 'ИМ-5' }), row({ Код: 'ИМ-5', Часы: '48' })].map((r) =>
        Object.fromEntries(HEADERS.map((h, i) => [h, r[i]])),
      ),
    });
    const res = await methodist.upload('/api/programs/import', { name: 'p.xlsx', data: table.data });
    expect(res.status).toBe(422);
    expect(res.body.report.errors[0]).toMatchObject({ row: 3, message: expect.stringMatching(/строкой 2/) });
  });

  it('does not let another region change its programs, nor take an ambiguous competency code', async () => {
    await insertCompetencies(t.db, ['K1'], 'OTHER');
    const res = await otherMethodist.upload('/api/programs/import', {
      name: 'p.csv',
      data: csv([row({ Компетенции: '' }), row({ Код: 'ИМ-9', Компетенции: 'K1' })]),
    });
    expect(res.status).toBe(422);
    expect(res.body.report.errors).toEqual([
      expect.objectContaining({ row: 2, column: 'Код', message: expect.stringMatching(/другой оператор/) }),
      expect.objectContaining({
        row: 3,
        column: 'Компетенции',
        message: expect.stringMatching(/нескольких картах/),
      }),
    ]);
  });
});
