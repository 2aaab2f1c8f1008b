import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { sql } from '../platform/db/database.ts';
import { TRAINING_COLUMNS } from './trainings.rows.ts';

let t: TestApp;
let head: Client;
let otherHead: Client;
let methodist: Client;
let teacher: Client;
let colleague: Client;
let person: { id: string; snils: string | null; lastName: string };
let stranger: { id: string; snils: string | null };

const HEADERS = TRAINING_COLUMNS.map((c) => c.header);
const line = (cells: Record<string, string>) => HEADERS.map((h) => cells[h] ?? '');
const csv = (rows: string[][]) =>
  new TextEncoder().encode([HEADERS, ...rows].map((r) => r.join(';')).join('\r\n'));

const body = {
  document: 'certificate',
  documentNumber: 'УД-0001',
  issuedOn: '2026-05-20',
  hours: 36,
  program: 'ТР-1',
};

const auditOf = async (personId: string, action: string) =>
  (
    await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE person_id = ${personId} AND entity = 'training' AND action = ${action}`,
    )
  )[0]!.n;

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muni = await ctx.newMunicipality();
  const school = await ctx.newOrg({ municipalityId: muni.id });
  const otherSchool = await ctx.newOrg({ municipalityId: muni.id });
  person = await ctx.newPerson({ organizationId: school.id, lastName: 'Смирнова' });
  const colleaguePerson = await ctx.newPerson({ organizationId: school.id });
  stranger = await ctx.newPerson({ organizationId: otherSchool.id });
  await t.db.query(sql`
    INSERT INTO programs (region_id, code, name, kind, hours, provider, format)
    VALUES (${muni.regionId}, 'ТР-1', 'Цифровая образовательная среда', 'upgrade', 36, 'ЦНППМ', 'distance')`);
  head = await t.login(
    await ctx.newUser({ role: 'org_head', organizationId: school.id, municipalityId: muni.id }),
  );
  otherHead = await t.login(
    await ctx.newUser({ role: 'org_head', organizationId: otherSchool.id, municipalityId: muni.id }),
  );
  methodist = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', municipalityId: muni.id, regionId: muni.regionId }),
  );
  teacher = await t.login(
    await ctx.newUser({ role: 'teacher', personId: person.id, organizationId: school.id }),
  );
  colleague = await t.login(
    await ctx.newUser({ role: 'teacher', personId: colleaguePerson.id, organizationId: school.id }),
  );
});
afterAll(async () => t.close());

describe('trainings of a person', () => {
  let trainingId: string;

  it('a registry keeper adds a document; the catalog program is found by code', async () => {
    expect((await t.client().post(`/api/people/${person.id}/trainings`, body)).status).toBe(401);
    expect((await teacher.post(`/api/people/${person.id}/trainings`, body)).status).toBe(403);
    expect((await otherHead.post(`/api/people/${person.id}/trainings`, body)).status).toBe(404);
    const res = await head.post(`/api/people/${person.id}/trainings`, body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      programCode: 'ТР-1',
      programName: 'Цифровая образовательная среда',
      provider: 'ЦНППМ',
    });
    trainingId = res.body.id;
    expect((await head.post(`/api/people/${person.id}/trainings`, body)).status).toBe(409);
    const diploma = await head.post(`/api/people/${person.id}/trainings`, {
      ...body,
      document: 'diploma',
      documentNumber: 'Д-1',
      hours: 72,
      program: 'Менеджмент в образовании',
    });
    expect(diploma.status).toBe(422);
    expect(diploma.body.error.issues[0].message).toMatch(/не меньше 250/);
    expect(await auditOf(person.id, 'create')).toBe(1);
  });

  it('is visible to the person and their school, hidden from another school head and a colleague', async () => {
    expect((await teacher.get(`/api/people/${person.id}/trainings`)).body.total).toBe(1);
    expect((await head.get(`/api/people/${person.id}/trainings`)).body.total).toBe(1);
    expect((await methodist.get(`/api/people/${person.id}/trainings`)).body.total).toBe(1);
    expect((await otherHead.get(`/api/people/${person.id}/trainings`)).status).toBe(404);
    expect((await colleague.get(`/api/people/${person.id}/trainings`)).status).toBe(404);
    expect((await otherHead.delete(`/api/trainings/${trainingId}`)).status).toBe(404);
    expect((await colleague.delete(`/api/trainings/${trainingId}`)).status).toBe(404);
    expect((await teacher.delete(`/api/trainings/${trainingId}`)).status).toBe(403);
  });

  it('removes a document with an audit entry', async () => {
    expect((await head.delete(`/api/trainings/${trainingId}`)).status).toBe(204);
    expect((await head.delete(`/api/trainings/${trainingId}`)).status).toBe(404);
    expect(await auditOf(person.id, 'delete')).toBe(1);
  });
});

describe('trainings import', () => {
  const file = () =>
    csv([
      line({
        СНИЛС: person.snils!,
        Документ: 'удостоверение',
        Номер: 'И-1',
        'Дата выдачи': '20.05.2026',
        Часы: '36',
        Программа: 'ТР-1',
      }),
      line({
        Фамилия: 'Смирнова',
        Имя: 'Мария',
        Отчество: 'Петровна',
        'Дата рождения': '15.03.1985',
        Документ: 'диплом',
        Номер: 'Д-7',
        'Дата выдачи': '01.06.2026',
        Часы: '300',
        Программа: 'Менеджмент в образовании',
        Организация: 'ИРО',
      }),
      line({
        СНИЛС: stranger.snils!,
        Документ: 'удостоверение',
        Номер: 'И-2',
        'Дата выдачи': '20.05.2026',
        Часы: '36',
        Программа: 'ТР-1',
      }),
    ]);

  it('refuses the file for a person outside the scope; mode valid writes the matched rows; re-import unchanged', async () => {
    expect((await teacher.upload('/api/trainings/import', { name: 't.csv', data: file() })).status).toBe(403);
    const tpl = await head.get('/api/trainings/template?format=xlsx');
    expect(tpl.status).toBe(200);
    expect(tpl.headers.get('content-disposition')).toContain('marshrut-trainings-template.xlsx');
    const refused = await head.upload('/api/trainings/import', { name: 't.csv', data: file() });
    expect(refused.status).toBe(422);
    expect(refused.body.report.errors).toEqual([
      expect.objectContaining({ row: 4, column: 'СНИЛС', message: expect.stringMatching(/не найден/) }),
    ]);
    const res = await head.upload('/api/trainings/import?mode=valid', { name: 't.csv', data: file() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ committed: true, created: 2, validRows: 2 });
    const list = await teacher.get(`/api/people/${person.id}/trainings`);
    expect(list.body.items.map((x: { documentNumber: string }) => x.documentNumber).sort()).toEqual([
      'Д-7',
      'И-1',
    ]);
    expect(await auditOf(person.id, 'create')).toBe(3);

    const again = await head.upload('/api/trainings/import?mode=valid', { name: 't.csv', data: file() });
    expect(again.body).toMatchObject({ committed: true, created: 0, unchanged: 2 });
    expect(await auditOf(person.id, 'create')).toBe(3);
  });
});
