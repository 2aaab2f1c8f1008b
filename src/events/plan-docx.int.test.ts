import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { sql } from '../platform/db/database.ts';
import { platformTimeZone } from '../platform/time/today.ts';
import { docxPart, docxText } from './plan-docx.test-data.ts';

/** GET /api/event-plans/:id/docx — the plan as the document that is signed, seen as the plan is. */
let t: TestApp;
let methodist: Client;
let head: Client;
let otherMethodist: Client;
let teacher: Client;
let teacherOther: Client;
let planId: string;

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muni = await ctx.newMunicipality({ name: 'Зиминский район' });
  const otherMuni = await ctx.newMunicipality();
  const school = await ctx.newOrg({ municipalityId: muni.id });
  const otherSchool = await ctx.newOrg({ municipalityId: otherMuni.id });
  const at = (m: { id: string; regionId: string }) => ({ municipalityId: m.id, regionId: m.regionId });
  methodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at(muni) }));
  const headUser = await ctx.newUser({ role: 'municipal_head', ...at(muni) });
  await t.db.query(sql`UPDATE users SET full_name = 'Кузнецова Ольга Викторовна' WHERE id = ${headUser.id}`);
  head = await t.login(headUser);
  otherMethodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at(otherMuni) }));
  const p = await ctx.newPerson({ organizationId: school.id });
  teacher = await t.login(await ctx.newUser({ role: 'teacher', personId: p.id, organizationId: school.id }));
  const q = await ctx.newPerson({ organizationId: otherSchool.id });
  teacherOther = await t.login(
    await ctx.newUser({ role: 'teacher', personId: q.id, organizationId: otherSchool.id }),
  );

  planId = (await methodist.post('/api/event-plans', { schoolYear: 2026 })).body.id;
  const add = (b: Record<string, unknown>) =>
    methodist.post(`/api/event-plans/${planId}/events`, { kind: 'seminar', level: 'municipal', ...b });
  expect(
    (
      await add({
        number: '2.2.',
        title: 'Методическая неделя учителей начальных классов',
        periodText: 'март',
        responsibleText: 'Руководитель ГМО',
        plannedResultText: 'не менее 40 участников',
      })
    ).status,
  ).toBe(201);
  await add({
    number: '2.1.',
    title: 'Семинар «Функциональная грамотность на уроках математики»',
    startsOn: '2026-10-20',
    responsibleText: 'Петрова А. И., методист ММС',
    plannedResultText: 'Не менее 70 % учителей математики',
  });
  await add({ number: '1.1.', title: 'Августовское совещание', periodText: 'август' });
});
afterAll(async () => t.close());

const docx = async (c: Client) => {
  const res = await c.get(`/api/event-plans/${planId}/docx`);
  return { status: res.status, res };
};
const textOf = async (c: Client) => {
  const { res } = await docx(c);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/wordprocessingml\.document/);
  expect(res.headers.get('content-disposition')).toMatch(/plan-meropriyatiy-2026-.*\.docx/);
  return docxText(await docxPart(new Uint8Array(res.raw)))
    .split('\n')
    .map((l) => l.trim());
};

describe('the plan as DOCX', () => {
  it('is a ПРОЕКТ while a draft, seen only by the municipality’s people', async () => {
    const lines = await textOf(methodist);
    expect(lines[0]).toBe('ПРОЕКТ');
    expect(lines).not.toContain('УТВЕРЖДАЮ');
    expect(lines).toContain('План муниципальных методических мероприятий на 2026/2027 учебный год');
    expect(lines).toContain('Зиминский район');
    // By the plan's numbers, sections before their rows.
    const order = [
      'Раздел 1',
      'Августовское совещание',
      'Раздел 2',
      'Семинар «Функциональная грамотность на уроках математики»',
      '20.10.2026',
      'Не менее 70 % учителей математики',
      'Методическая неделя учителей начальных классов',
      'не менее 40 участников',
    ].map((s) => lines.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect((await docx(head)).status).toBe(200);
    expect((await docx(teacher)).status).toBe(404);
  });

  it('carries «УТВЕРЖДАЮ» with the approver and the day once approved', async () => {
    expect((await head.post(`/api/event-plans/${planId}/approve`)).status).toBe(200);
    const [approved] = await t.db.query<{ day: string }>(
      sql`SELECT (approved_at AT TIME ZONE ${platformTimeZone()})::date::text AS day FROM event_plans WHERE id = ${planId}`,
    );
    const [y, m, d] = approved!.day.split('-');
    const lines = await textOf(teacher);
    expect(lines[0]).toBe('УТВЕРЖДАЮ');
    expect(lines).toContain('Руководитель органа управления образованием (Зиминский район)');
    expect(lines).toContain('_______________ Кузнецова Ольга Викторовна');
    expect(lines.some((l) => l.startsWith(`«${d}» `) && l.endsWith(`${y} г.`))).toBe(true);
    expect(m).toMatch(/^\d\d$/);
    expect(lines).not.toContain('ПРОЕКТ');
  });

  it('is 404 to another municipality, 401 without a session, and audited', async () => {
    expect((await docx(otherMethodist)).status).toBe(404);
    expect((await docx(teacherOther)).status).toBe(404);
    expect((await docx(t.client())).status).toBe(401);
    const missing = await methodist.get('/api/event-plans/00000000-0000-4000-8000-000000000000/docx');
    expect(missing.status).toBe(404);
    const [audit] = await t.db.query<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM audit_log
      WHERE entity = 'event_plan' AND entity_id = ${planId} AND action = 'export' AND details->>'format' = 'docx'`);
    expect(audit!.n).toBe(3);
  });
});
