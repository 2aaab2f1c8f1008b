import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { sql } from '../platform/db/database.ts';

/**
 * Attendance, roles, the webinar report import and certificates over HTTP. The event is dated
 * 2999-01-10 with registration open 2000–2999, so nothing depends on the real today; its
 * certificates' serials are of the event's year, 2999.
 */
let t: TestApp;
let methodist: Client;
let otherMethodist: Client;
let headA: Client;
let teacherA1: Client;
let teacherA2: Client;
let teacherB: Client;
let teacherOther: Client;
let eventId: string;
const reg: Record<'a1' | 'a2' | 'b' | 'c', string> = { a1: '', a2: '', b: '', c: '' };
const person: Record<'a1' | 'a2' | 'b' | 'c', { id: string; lastName: string }> = {} as never;

const csv = (rows: string[][]) => new TextEncoder().encode(rows.map((r) => r.join(';')).join('\r\n'));
const HEAD = ['Имя', 'Email', 'Время подключения', 'Длительность'];

/** The document's title from the PDF's information dictionary (UTF-16BE hex, as pdf-lib writes it). */
function pdfTitle(raw: ArrayBuffer): string | null {
  const text = new TextDecoder('latin1').decode(raw);
  const hex = /\/Title <([0-9A-Fa-f]+)>/.exec(text)?.[1];
  if (!hex) return null;
  const bytes = Uint8Array.from(hex.match(/../g)!.map((h) => Number.parseInt(h, 16)));
  return new TextDecoder('utf-16be').decode(bytes).replace(/^\uFEFF/, '');
}

const certCount = async (registrationId: string, status?: string) => {
  const [row] = await t.db.query<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM event_certificates WHERE registration_id = ${registrationId}
        AND (${status ?? null}::text IS NULL OR status::text = ${status ?? null})`,
  );
  return row!.n;
};

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muni = await ctx.newMunicipality();
  const otherMuni = await ctx.newMunicipality();
  const schoolA = await ctx.newOrg({ municipalityId: muni.id });
  const schoolB = await ctx.newOrg({ municipalityId: muni.id });
  const schoolC = await ctx.newOrg({ municipalityId: otherMuni.id });
  person.a1 = await ctx.newPerson({ organizationId: schoolA.id, lastName: 'Алексеева', firstName: 'Анна' });
  person.a2 = await ctx.newPerson({ organizationId: schoolA.id, lastName: 'Борисова', firstName: 'Вера' });
  person.b = await ctx.newPerson({ organizationId: schoolB.id, lastName: 'Григорьева', firstName: 'Дарья' });
  person.c = await ctx.newPerson({ organizationId: schoolB.id, lastName: 'Егорова', firstName: 'Жанна' });
  const outsider = await ctx.newPerson({ organizationId: schoolC.id });
  await t.db.query(sql`UPDATE people SET email = 'Vera.Borisova@school-a.ru' WHERE id = ${person.a2.id}`);
  const at = (m: { id: string; regionId: string }) => ({ municipalityId: m.id, regionId: m.regionId });
  methodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at(muni) }));
  const head = await t.login(await ctx.newUser({ role: 'municipal_head', ...at(muni) }));
  otherMethodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at(otherMuni) }));
  headA = await t.login(await ctx.newUser({ role: 'org_head', organizationId: schoolA.id, ...at(muni) }));
  const teacher = (personId: string, organizationId: string) =>
    ctx.newUser({ role: 'teacher', personId, organizationId });
  teacherA1 = await t.login(await teacher(person.a1.id, schoolA.id));
  teacherA2 = await t.login(await teacher(person.a2.id, schoolA.id));
  teacherB = await t.login(await teacher(person.b.id, schoolB.id));
  const teacherC = await t.login(await teacher(person.c.id, schoolB.id));
  teacherOther = await t.login(await teacher(outsider.id, schoolC.id));

  const planId = (await methodist.post('/api/event-plans', { schoolYear: 2026 })).body.id;
  const ev = await methodist.post(`/api/event-plans/${planId}/events`, {
    title: 'Вебинар «Формирующее оценивание»',
    kind: 'webinar',
    level: 'municipal',
    organizerOrganizationId: schoolA.id,
    registrationOpensOn: '2000-01-01',
    registrationClosesOn: '2999-01-09',
    startsOn: '2999-01-10',
    capacity: 3,
  });
  eventId = ev.body.id;
  expect((await head.post(`/api/event-plans/${planId}/approve`)).status).toBe(200);
  reg.a1 = (await teacherA1.post(`/api/events/${eventId}/register`)).body.id;
  reg.a2 = (await teacherA2.post(`/api/events/${eventId}/register`)).body.id;
  reg.b = (await teacherB.post(`/api/events/${eventId}/register`)).body.id;
  const c = await teacherC.post(`/api/events/${eventId}/register`);
  expect(c.body.status).toBe('waitlisted');
  reg.c = c.body.id;
});
afterAll(async () => t.close());

describe('attendance', () => {
  it('is marked by the organizer only: 403 to those who see the registration, 404 to others', async () => {
    const put = (c: Client, id: string, body: unknown = { attended: true }) =>
      c.put(`/api/event-registrations/${id}/attendance`, body);
    expect((await put(teacherA1, reg.a1)).status).toBe(403);
    expect((await put(headA, reg.a1)).status).toBe(403);
    expect((await put(teacherB, reg.a1)).status).toBe(404);
    expect((await put(otherMethodist, reg.a1)).status).toBe(404);
    expect((await put(methodist, reg.a1, { attended: 'да' })).status).toBe(422);
    const waitlisted = await put(methodist, reg.c);
    expect(waitlisted.status).toBe(422);
    expect(waitlisted.body.error.message).toBe(
      'Отметить присутствие можно только у подтверждённой регистрации',
    );
    expect(await certCount(reg.a1)).toBe(0);
  });

  it('is an idempotent PUT that issues one certificate in the same step', async () => {
    const first = await methodist.put(`/api/event-registrations/${reg.a1}/attendance`, { attended: true });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ attended: true, attendanceSource: 'check_in', role: 'participant' });
    expect(first.body.attendanceMarkedAt).toEqual(expect.any(String));
    expect(first.body.certificate).toMatchObject({ status: 'valid' });
    const again = await methodist.put(`/api/event-registrations/${reg.a1}/attendance`, { attended: true });
    expect(again.status).toBe(200);
    expect(again.body.certificate.id).toBe(first.body.certificate.id);
    expect(await certCount(reg.a1)).toBe(1);
    const [audit] = await t.db.query<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM audit_log WHERE entity = 'event_registration' AND entity_id = ${reg.a1}
        AND action = 'update'`);
    expect(audit!.n).toBe(1);
  });

  it('cannot be undone by cancelling: an attended registration, or any of an event that is over, stays', async () => {
    const attended = await teacherA1.post(`/api/event-registrations/${reg.a1}/cancel`);
    expect(attended.status).toBe(409);
    expect(attended.body.error.message).toBe('Присутствие уже отмечено: регистрацию не отменить.');
    expect((await teacherA1.get(`/api/events/${eventId}`)).body.registration.canCancel).toBe(true);

    // The same kind of event, already over: the card offers no cancelling, the server refuses it.
    const planId = (await methodist.post('/api/event-plans', { schoolYear: 2027 })).body.id;
    const past = await methodist.post(`/api/event-plans/${planId}/events`, {
      title: 'Семинар, который уже прошёл',
      kind: 'seminar',
      level: 'municipal',
      registrationOpensOn: '2000-01-01',
      registrationClosesOn: '2999-01-09',
      startsOn: '2999-01-10',
    });
    await t.db.query(sql`UPDATE event_plans SET status = 'approved' WHERE id = ${planId}`);
    const mine = (await teacherA2.post(`/api/events/${past.body.id}/register`)).body.id;
    await t.db.query(
      sql`UPDATE events SET starts_on = '2001-02-01', ends_on = '2001-02-02' WHERE id = ${past.body.id}`,
    );
    expect((await teacherA2.get(`/api/events/${past.body.id}`)).body.registration.canCancel).toBe(false);
    const late = await teacherA2.post(`/api/event-registrations/${mine}/cancel`);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe(
      'Мероприятие уже прошло: регистрацию не отменить — организатор отмечает присутствие.',
    );
    expect((await methodist.post(`/api/event-registrations/${mine}/cancel`)).status).toBe(409);
    const [row] = await t.db.query<{ status: string }>(
      sql`SELECT status::text FROM event_registrations WHERE id = ${mine}`,
    );
    expect(row!.status).toBe('confirmed');
  });

  it('takes a presenter’s role only with a topic', async () => {
    const bad = await methodist.put(`/api/event-registrations/${reg.a2}/role`, { role: 'presenter' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toBe('Укажите тему выступления.');
    expect((await teacherA2.put(`/api/event-registrations/${reg.a2}/role`, { role: 'jury' })).status).toBe(
      403,
    );
    const ok = await methodist.put(`/api/event-registrations/${reg.a2}/role`, {
      role: 'presenter',
      topic: 'Листы самооценки на уроках математики',
      materialsUrl: 'https://example.org/materials',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ role: 'presenter', roleName: 'представление опыта', attended: null });
  });
});

describe('the webinar report import', () => {
  it('refuses the whole file, row by row in Russian, when a row matches nobody', async () => {
    const res = await methodist.upload(`/api/events/${eventId}/attendance/import`, {
      name: 'webinar.csv',
      data: csv([
        HEAD,
        ['Вера Борисова', 'vera.borisova@school-a.ru', '10.01.2999 10:01', '01:30:00'],
        ['Пётр Неизвестный', 'petr@example.org', '10.01.2999 10:05', '00:40:00'],
        ['Жанна Егорова', '', '10.01.2999 10:07', '01:10:00'],
        ['', '', '10.01.2999 10:09', '00:01:00'],
      ]),
    });
    expect(res.status).toBe(422);
    expect(res.body.report.committed).toBe(false);
    const errors = res.body.report.errors.map((e: { row: number; message: string }) => [e.row, e.message]);
    expect(errors).toEqual([
      [3, 'Участник «Пётр Неизвестный», petr@example.org не найден среди зарегистрированных на мероприятие'],
      [4, 'Регистрация участника «Егорова Жанна Петровна» не подтверждена (в листе ожидания)'],
      [5, 'Не указаны ни имя, ни e-mail участника'],
    ]);
    const a2 = (await methodist.get(`/api/events/${eventId}/registrations`)).body.items.find(
      (r: { id: string }) => r.id === reg.a2,
    );
    expect(a2.attended).toBeNull();
    expect(await certCount(reg.a2)).toBe(0);
  });

  it('refuses a file without data rows and is closed to those who do not run the event', async () => {
    const empty = await methodist.upload(`/api/events/${eventId}/attendance/import`, {
      name: 'webinar.csv',
      data: csv([HEAD]),
    });
    expect(empty.status).toBe(422);
    expect(empty.body.report.errors[0].message).toMatch(/нет строк с данными/);
    const file = { name: 'webinar.csv', data: csv([HEAD, ['Вера Борисова', '', '', '']]) };
    expect((await teacherA1.upload(`/api/events/${eventId}/attendance/import`, file)).status).toBe(403);
    expect((await otherMethodist.upload(`/api/events/${eventId}/attendance/import`, file)).status).toBe(404);
  });

  it('marks the matched by e-mail, then by name in any order, and issues their certificates', async () => {
    const res = await methodist.upload(`/api/events/${eventId}/attendance/import`, {
      name: 'webinar.csv',
      data: csv([
        HEAD,
        ['Участник 1', 'VERA.BORISOVA@school-a.ru', '10.01.2999 10:01', '01:30:00'],
        ['Дарья Григорьева', '', '10.01.2999 10:03', '01:28:00'],
        ['Дарья Григорьева', '', '10.01.2999 11:00', '00:20:00'],
        ['Алексеева Анна Петровна', '', '10.01.2999 10:00', '01:31:00'],
      ]),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ committed: true, updated: 2, unchanged: 1, errors: [] });
    expect(res.body.warnings.map((w: { row: number }) => w.row)).toEqual([4]);
    const items = (await methodist.get(`/api/events/${eventId}/registrations`)).body.items;
    const byId = (id: string) => items.find((r: { id: string }) => r.id === id);
    expect(byId(reg.a2)).toMatchObject({ attended: true, attendanceSource: 'import' });
    expect(byId(reg.b)).toMatchObject({ attended: true, attendanceSource: 'import' });
    expect(byId(reg.c).attended).toBeNull();
    expect(await certCount(reg.a1)).toBe(1);
    const mine = (await teacherA2.get('/api/my/certificates')).body.items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      kind: 'gratitude',
      kindName: 'Благодарность',
      content: {
        title: 'Благодарность',
        personName: 'Борисова Вера Петровна',
        eventTitle: 'Вебинар «Формирующее оценивание»',
        eventDate: '10.01.2999',
        roleName: 'представление опыта',
        topic: 'Листы самооценки на уроках математики',
      },
    });
  });
});

describe('certificates', () => {
  let cert: { id: string; serial: string; code: string; verifyPath: string };

  it('are the teacher’s own: listed, downloaded as a PDF naming them, hidden from others', async () => {
    const list = await teacherA1.get('/api/my/certificates');
    expect(list.body.total).toBe(1);
    cert = list.body.items[0];
    expect(cert.serial).toMatch(/^МР-2999-\d{6}$/);
    expect(cert.code).toMatch(/^МР-2999-\d{6}-[2-9A-Z]{10}$/);
    expect(list.body.items[0].content).toMatchObject({
      title: 'Сертификат участника',
      personName: 'Алексеева Анна Петровна',
      organizerName: expect.any(String),
    });
    const pdf = await teacherA1.get(`/api/certificates/${cert.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(new TextDecoder('latin1').decode(pdf.raw.slice(0, 5))).toBe('%PDF-');
    expect(pdf.raw.byteLength).toBeGreaterThan(5000);
    expect(pdfTitle(pdf.raw)).toBe('Сертификат участника — Алексеева Анна Петровна');
    expect((await methodist.get(`/api/certificates/${cert.id}/pdf`)).status).toBe(200);
    for (const other of [teacherA2, teacherB, teacherOther, headA, otherMethodist]) {
      expect((await other.get(`/api/certificates/${cert.id}/pdf`)).status).toBe(404);
      expect((await other.get(`/api/certificates/${cert.id}`)).status).toBe(404);
    }
    expect(
      (await teacherB.get('/api/my/certificates')).body.items.map((c: { id: string }) => c.id),
    ).not.toContain(cert.id);
  });

  it('verify publicly by the code, showing the stored content; a serial alone finds nothing', async () => {
    const anon = t.client();
    const res = await anon.get(`/api/certificates/verify/${encodeURIComponent(cert.code)}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      serial: cert.serial,
      status: 'valid',
      statusName: 'действителен',
      kindName: 'Сертификат участника',
      content: { personName: 'Алексеева Анна Петровна', eventDate: '10.01.2999' },
      revokedReason: null,
    });
    expect(res.body).not.toHaveProperty('personId');
    for (const wrong of [cert.serial, `${cert.serial}-2222222222`, 'МР-2999-999999-ABCDEFGHJK']) {
      const miss = await anon.get(`/api/certificates/verify/${encodeURIComponent(wrong)}`);
      expect(miss.status).toBe(404);
      expect(miss.body.error.message).toBe('Сертификат не найден');
    }
  });

  it('are revoked by the organizer with a reason, audit-logged, and verify as revoked', async () => {
    expect((await teacherA1.post(`/api/certificates/${cert.id}/revoke`, { reason: 'Не был' })).status).toBe(
      403,
    );
    expect(
      (await otherMethodist.post(`/api/certificates/${cert.id}/revoke`, { reason: 'Ошибка' })).status,
    ).toBe(404);
    expect((await methodist.post(`/api/certificates/${cert.id}/revoke`, { reason: '' })).status).toBe(422);
    const res = await methodist.post(`/api/certificates/${cert.id}/revoke`, {
      reason: 'Выдан по ошибке: участник не подключался',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'revoked',
      revokedReason: 'Выдан по ошибке: участник не подключался',
    });
    expect((await methodist.post(`/api/certificates/${cert.id}/revoke`, { reason: 'Ещё раз' })).status).toBe(
      409,
    );
    const v = await t.client().get(`/api/certificates/verify/${encodeURIComponent(cert.code)}`);
    expect(v.body).toMatchObject({
      status: 'revoked',
      statusName: 'отозван',
      revokedReason: 'Выдан по ошибке: участник не подключался',
      content: { personName: 'Алексеева Анна Петровна' },
    });
    const [audit] = await t.db.query<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM audit_log WHERE entity = 'event_certificate' AND entity_id = ${cert.id}
        AND action = 'revoke' AND person_id = ${person.a1.id}`);
    expect(audit!.n).toBe(1);
  });

  it('are revoked when the tick is taken back, and issued anew with the next serial when it returns', async () => {
    const off = await methodist.put(`/api/event-registrations/${reg.b}/attendance`, { attended: false });
    expect(off.body).toMatchObject({ attended: false, certificate: { status: 'revoked' } });
    const [revoked] = (await teacherB.get('/api/my/certificates')).body.items;
    expect(revoked).toMatchObject({ status: 'revoked', revokedReason: 'Отметка о присутствии снята' });
    const on = await methodist.put(`/api/event-registrations/${reg.b}/attendance`, { attended: true });
    expect(on.body.certificate.status).toBe('valid');
    const serials = (await teacherB.get('/api/my/certificates')).body.items.map(
      (c: { serial: string }) => c.serial,
    );
    expect(serials).toHaveLength(2);
    expect(new Set(serials).size).toBe(2);
    expect(await certCount(reg.b, 'valid')).toBe(1);
  });

  it('are re-issued when an attended person’s role changes, naming the new role', async () => {
    const res = await methodist.put(`/api/event-registrations/${reg.b}/role`, { role: 'moderator' });
    expect(res.status).toBe(200);
    const items = (await teacherB.get('/api/my/certificates')).body.items;
    const valid = items.filter((c: { status: string }) => c.status === 'valid');
    expect(valid).toHaveLength(1);
    expect(valid[0]).toMatchObject({
      kind: 'gratitude',
      role: 'moderator',
      content: { roleName: 'модератор' },
    });
    expect(
      items.filter(
        (c: { revokedReason: string | null }) => c.revokedReason === 'Изменены роль или тема участника',
      ),
    ).toHaveLength(1);
  });

  it('take distinct running numbers when ticks arrive together', async () => {
    const regs = [reg.a1, reg.a2];
    await Promise.all(
      regs.map((id) => methodist.put(`/api/event-registrations/${id}/attendance`, { attended: false })),
    );
    const on = await Promise.all(
      regs.map((id) => methodist.put(`/api/event-registrations/${id}/attendance`, { attended: true })),
    );
    expect(on.map((r) => r.status)).toEqual([200, 200]);
    const rows = await t.db.query<{ serial: string }>(
      sql`SELECT serial FROM event_certificates WHERE event_id = ${eventId}`,
    );
    expect(new Set(rows.map((r) => r.serial)).size).toBe(rows.length);
    for (const id of regs) expect(await certCount(id, 'valid')).toBe(1);
  });
});
