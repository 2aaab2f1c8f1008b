import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { sql } from '../platform/db/database.ts';
import { readTable } from '../platform/files/read-table.ts';
import { insertFramework, insertRoute } from './routes.test-data.ts';

let t: TestApp;
const as: Record<string, Client> = {};
const w: Record<string, any> = {};

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muniA = await ctx.newMunicipality();
  const muniB = await ctx.newMunicipality({ regionId: muniA.regionId });
  const school1 = await ctx.newOrg({ municipalityId: muniA.id });
  const school2 = await ctx.newOrg({ municipalityId: muniA.id });
  const schoolB = await ctx.newOrg({ municipalityId: muniB.id });
  const p1 = await ctx.newPerson({ organizationId: school1.id, lastName: 'Соколова' });
  const p2 = await ctx.newPerson({ organizationId: school1.id, lastName: 'Воронова' });
  const p3 = await ctx.newPerson({ organizationId: school2.id, lastName: 'Орлова' });
  const pB = await ctx.newPerson({ organizationId: schoolB.id, lastName: 'Галкина' });
  const fw = await insertFramework(t.db, ['M1', 'M2']);
  Object.assign(w, { muniA, muniB, school1, school2, schoolB, p1, p2, p3, pB, fw });
  const users = {
    admin: await ctx.newUser({ role: 'admin' }),
    methodist: await ctx.newUser({ role: 'municipal_methodist', municipalityId: muniA.id }),
    methodistB: await ctx.newUser({ role: 'municipal_methodist', municipalityId: muniB.id }),
    munHead: await ctx.newUser({ role: 'municipal_head', municipalityId: muniA.id }),
    regionAdmin: await ctx.newUser({ role: 'region_admin', regionId: muniA.regionId }),
    otherRegion: await ctx.newUser({ role: 'region_admin', regionId: (await ctx.newRegion()).id }),
    expert: await ctx.newUser({ role: 'expert' }),
    head1: await ctx.newUser({ role: 'org_head', organizationId: school1.id }),
    head2: await ctx.newUser({ role: 'org_head', organizationId: school2.id }),
    teacher1: await ctx.newUser({ role: 'teacher', personId: p1.id, organizationId: school1.id }),
    teacher2: await ctx.newUser({ role: 'teacher', personId: p2.id, organizationId: school1.id }),
    teacher3: await ctx.newUser({ role: 'teacher', personId: p3.id, organizationId: school2.id }),
    curator: await ctx.newUser({ role: 'curator' }),
    curator2: await ctx.newUser({ role: 'curator' }),
  };
  w.users = users;
  for (const [k, u] of Object.entries(users)) as[k] = await t.login(u);
  const items = [
    {
      title: 'Курс по оцениванию',
      competencyId: fw.competencies.M1,
      activityKind: 'program' as const,
      hours: 36,
    },
    { title: 'Открытый урок', competencyId: fw.competencies.M2, activityKind: 'event' as const, hours: 4 },
  ];
  w.r1 = await insertRoute(t.db, {
    personId: p1.id,
    curatorUserId: users.curator.id,
    frameworkId: fw.frameworkId,
    items,
  });
  w.r2 = await insertRoute(t.db, { personId: p2.id, status: 'in_progress', title: 'Маршрут Вороновой' });
  w.r3 = await insertRoute(t.db, { personId: p3.id, status: 'agreed', curatorUserId: users.curator2.id });
  w.rB = await insertRoute(t.db, { personId: pB.id, status: 'in_progress' });
});
afterAll(async () => t.close());

const route = (id: string) => `/api/routes/${id}`;
const item = (r: { id: string; itemIds: string[] }, n: number, action = '') =>
  `/api/routes/${r.id}/items/${r.itemIds[n]}${action ? `/${action}` : ''}`;

describe('route life: teacher and curator', () => {
  it('happy path: agree both → start → done with link → confirm → (file) → complete, every step in history', async () => {
    const { r1 } = w;
    const card = await as.teacher1!.get(route(r1.id));
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({
      status: 'draft',
      fullName: expect.stringContaining('Соколова'),
      organizationId: w.school1.id,
      curator: { userId: w.users.curator.id },
      itemsTotal: 2,
      hoursPlanned: 40,
      progress: 0,
      frameworkId: w.fw.frameworkId,
    });
    expect(card.body.items.map((i: any) => i.competency.code)).toEqual(['M1', 'M2']);
    expect(card.body.permissions).toMatchObject({
      agreeAsTeacher: true,
      agreeAsCurator: false,
      confirm: false,
    });

    const a1 = await as.teacher1!.post(`${route(r1.id)}/agree`);
    expect(a1.status).toBe(200);
    expect(a1.body.status).toBe('draft');
    expect(a1.body.agreedByTeacherAt).toBeTruthy();
    const again = await as.teacher1!.post(`${route(r1.id)}/agree`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/уже согласовали/);
    expect((await as.teacher1!.post(`${route(r1.id)}/start`)).status).toBe(409);

    const a2 = await as.curator!.post(`${route(r1.id)}/agree`);
    expect(a2.status).toBe(200);
    expect(a2.body.status).toBe('agreed');

    const started = await as.teacher1!.post(`${route(r1.id)}/start`);
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('in_progress');

    expect((await as.teacher1!.post(item(r1, 0, 'start'))).body.items[0].status).toBe('in_progress');
    const bad = await as.teacher1!.post(item(r1, 0, 'done'), {
      evidence: { kind: 'link', url: 'javascript:alert(1)' },
    });
    expect(bad.status).toBe(422);
    const done = await as.teacher1!.post(item(r1, 0, 'done'), {
      evidence: { kind: 'link', url: 'https://edu.example.org/cert/42', note: 'удостоверение' },
    });
    expect(done.status).toBe(200);
    expect(done.body.items[0]).toMatchObject({
      status: 'done',
      confirmedAt: null,
      evidence: { kind: 'link', url: 'https://edu.example.org/cert/42', note: 'удостоверение' },
    });
    expect(done.body.itemsAwaitingConfirmation).toBe(1);
    // progress counts what may close the route: confirmed or dropped items
    expect(done.body).toMatchObject({ itemsDone: 1, progress: 0 });

    const mine = await as.curator!.get('/api/my/confirmations');
    expect(mine.body.items.map((x: any) => x.item.id)).toEqual([r1.itemIds[0]]);
    expect((await as.curator!.get('/api/my/curated-routes')).body.awaitingConfirmation).toBe(1);

    // the teacher cannot confirm their own work
    expect((await as.teacher1!.post(item(r1, 0, 'confirm'))).status).toBe(403);
    const confirmed = await as.curator!.post(item(r1, 0, 'confirm'));
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.items[0].confirmedBy).toMatchObject({ userId: w.users.curator.id });
    expect(confirmed.body.progress).toBe(50);
    expect((await as.curator!.post(item(r1, 0, 'confirm'))).status).toBe(409);
    expect((await as.curator!.post(item(r1, 0, 'drop'), { reason: 'передумали' })).status).toBe(409);

    const early = await as.curator!.post(`${route(r1.id)}/complete`);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/не закрыто мероприятий — 1/);

    // the second item: a file, returned once for rework, then confirmed
    const bytes = new Uint8Array(256).map((_, i) => i);
    const up = await as.teacher1!.upload('/api/files', {
      name: 'Отчёт об уроке.pdf',
      data: bytes,
      type: 'application/pdf',
    });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      fileName: 'Отчёт об уроке.pdf',
      size: 256,
      contentType: 'application/pdf',
    });
    const fileId = up.body.id;
    const [stored] = await t.db.query<{ sha256: string }>(
      sql`SELECT sha256 FROM stored_files WHERE id = ${fileId}`,
    );
    expect(stored!.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const fileDone = await as.teacher1!.post(item(r1, 1, 'done'), {
      evidence: { kind: 'file', fileId },
    });
    expect(fileDone.status).toBe(200);
    expect(fileDone.body.items[1].evidence).toEqual({
      kind: 'file',
      fileId,
      fileName: 'Отчёт об уроке.pdf',
      size: 256,
    });

    const download = await as.curator!.get(`/api/files/${fileId}`);
    expect(download.status).toBe(200);
    expect(new Uint8Array(download.raw)).toEqual(bytes);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="_____ __ _____.pdf"; filename*=UTF-8''${encodeURIComponent('Отчёт об уроке.pdf')}`,
    );
    expect((await as.teacher2!.get(`/api/files/${fileId}`)).status).toBe(404);
    expect((await as.head2!.get(`/api/files/${fileId}`)).status).toBe(404);
    expect((await as.head1!.get(`/api/files/${fileId}`)).status).toBe(200);

    const returned = await as.curator!.post(item(r1, 1, 'return'), { comment: 'Приложите конспект урока' });
    expect(returned.status).toBe(200);
    expect(returned.body.items[1].status).toBe('in_progress');
    await as.teacher1!.post(item(r1, 1, 'done'), {
      evidence: { kind: 'link', url: 'https://edu.example.org/lesson' },
    });
    expect((await as.curator!.post(item(r1, 1, 'confirm'))).status).toBe(200);

    const completed = await as.curator!.post(`${route(r1.id)}/complete`);
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'completed', progress: 100, itemsDone: 2 });
    const kinds = completed.body.events.map((e: any) => e.kind);
    expect(kinds).toEqual([
      'created',
      'agreed',
      'agreed',
      'status',
      'status',
      'item_status',
      'evidence',
      'confirmed',
      'evidence',
      'returned',
      'evidence',
      'confirmed',
      'status',
    ]);
    expect(completed.body.events.find((e: any) => e.kind === 'returned').text).toBe(
      'Приложите конспект урока',
    );
    expect((await as.methodist!.post(`${route(r1.id)}/cancel`, { reason: 'поздно' })).status).toBe(409);
    expect(
      (
        await as.curator!.post(`${route(r1.id)}/items`, {
          activityKind: 'event',
          title: 'Ещё',
          form: 'informal',
          hours: 2,
        })
      ).status,
    ).toBe(409);

    const audit = await t.db.query<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity = 'learning_route' AND entity_id = ${r1.id} ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['read', 'agree', 'status', 'item_done', 'item_confirm', 'item_return']),
    );
  });

  it('invalid transitions answer 409 and other roles 403', async () => {
    const { r3, r2 } = w;
    // agreed, not started: items cannot be done yet
    const early = await as.teacher3!.post(item(r3, 0, 'done'), {
      evidence: { kind: 'link', url: 'https://a.example' },
    });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/ещё не начат/);
    expect((await as.teacher3!.post(`${route(r3.id)}/complete`)).status).toBe(403);
    expect((await as.curator2!.post(`${route(r3.id)}/complete`)).status).toBe(409);
    // editing an item outside draft
    const edit = await as.curator2!.patch(item(r3, 0), { title: 'Новое название' });
    expect(edit.status).toBe(409);
    expect(edit.body.error.message).toMatch(/только в черновике/);
    // in progress: only the teacher marks done; the curator-less route has no curator to agree
    expect(
      (
        await as.methodist!.post(item(r2, 0, 'done'), {
          evidence: { kind: 'link', url: 'https://a.example' },
        })
      ).status,
    ).toBe(403);
    expect((await as.teacher2!.post(item(r2, 0, 'confirm'))).status).toBe(403);
    expect((await as.methodist!.post(item(r2, 0, 'confirm'))).status).toBe(409);
    expect((await as.teacher2!.post(`${route(r2.id)}/agree`)).status).toBe(409);
    expect((await as.teacher2!.post(`${route(r2.id)}/cancel`, { reason: 'не хочу' })).status).toBe(403);
    const missing = await as.teacher2!.post(`/api/routes/${r2.id}/items/${r3.itemIds[0]}/start`);
    expect(missing.status).toBe(404);
    // someone else's file cannot be attached
    const theirs = await as.teacher1!.upload('/api/files', {
      name: 'Чужой отчёт.pdf',
      data: 'x',
      type: 'application/pdf',
    });
    expect(theirs.status).toBe(201);
    const other = await as.teacher2!.post(item(r2, 0, 'done'), {
      evidence: { kind: 'file', fileId: theirs.body.id },
    });
    expect(other.status).toBe(422);
  });

  it('a teacher cannot drop an item of an agreed route: 403 with the way, the curator drops it', async () => {
    // People of their own, so the other tests' curators and lists stay as they are.
    const school = await t.ctx.newOrg({ municipalityId: w.muniA.id });
    const [pa, pb] = [
      await t.ctx.newPerson({ organizationId: school.id }),
      await t.ctx.newPerson({ organizationId: school.id }),
    ];
    const [ta, tb] = [
      await t.login(await t.ctx.newUser({ role: 'teacher', personId: pa.id, organizationId: school.id })),
      await t.login(await t.ctx.newUser({ role: 'teacher', personId: pb.id, organizationId: school.id })),
    ];
    const curator = await t.ctx.newUser({ role: 'curator' });
    const asCurator = await t.login(curator);
    const r = await insertRoute(t.db, {
      personId: pa.id,
      status: 'in_progress',
      curatorUserId: curator.id,
      items: [{ title: 'Самообразование: формирующее оценивание' }, { title: 'Курс' }],
    });
    const agreed = await insertRoute(t.db, { personId: pb.id, status: 'agreed', curatorUserId: curator.id });
    for (const [teacher, target] of [
      [ta, r],
      [tb, agreed],
    ] as const) {
      const refused = await teacher.post(item(target, 0, 'drop'), { reason: 'нет времени' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(
        'Исключить мероприятие из согласованного маршрута может только куратор или методист. Напишите куратору ' +
          'комментарий к этому мероприятию, почему его нужно исключить: он исключит его с указанием причины.',
      );
    }
    // The card offers the teacher no «drop» either: nothing changed, nothing in the history.
    const [left] = await t.db.query<{ status: string; events: number }>(sql`
      SELECT i.status::text, (SELECT count(*)::int FROM learning_route_events e WHERE e.item_id = i.id) AS events
      FROM learning_route_items i WHERE i.id = ${r.itemIds[0]}`);
    expect(left).toEqual({ status: 'planned', events: 0 });
    // The teacher asks in the item's comments; the curator drops it with the reason.
    const asked = await ta.post(`${route(r.id)}/comments`, {
      text: 'Прошу исключить: тема уже изучена на курсах',
      itemId: r.itemIds[0],
    });
    expect(asked.status).toBe(201);
    const dropped = await asCurator.post(item(r, 0, 'drop'), { reason: 'Тема изучена на курсах' });
    expect(dropped.status).toBe(200);
    expect(dropped.body.items[0]).toMatchObject({
      status: 'dropped',
      droppedReason: 'Тема изучена на курсах',
    });
  });

  it('editing items of a draft resets agreements; an agreed route goes back to draft', async () => {
    const r = await insertRoute(t.db, {
      personId: w.p2.id,
      curatorUserId: w.users.curator.id,
      title: 'Черновик',
    });
    await as.teacher2!.post(`${route(r.id)}/agree`);
    const added = await as.curator!.post(`${route(r.id)}/items`, {
      competencyId: w.fw.competencies.M2,
      activityKind: 'mentoring',
      title: 'Наставничество',
      form: 'informal',
      hours: 12,
      plannedStart: '2026-10-01',
      plannedEnd: '2026-12-01',
    });
    expect(added.status).toBe(201);
    expect(added.body.agreedByTeacherAt).toBeNull();
    expect(added.body.items).toHaveLength(2);
    const newId = added.body.items[1].id;
    const badDates = await as.curator!.patch(`${route(r.id)}/items/${newId}`, { plannedEnd: '2026-09-01' });
    expect(badDates.status).toBe(422);
    await as.teacher2!.post(`${route(r.id)}/agree`);
    const agreed = await as.curator!.post(`${route(r.id)}/agree`);
    expect(agreed.body.status).toBe('agreed');
    // the teacher does not edit the plan
    expect((await as.teacher2!.delete(`${route(r.id)}/items/${newId}`)).status).toBe(403);
    const more = await as.methodist!.post(`${route(r.id)}/items`, {
      activityKind: 'self_education',
      title: 'Чтение',
      form: 'self_education',
      hours: 6,
    });
    expect(more.body).toMatchObject({ status: 'draft', agreedByTeacherAt: null, agreedByCuratorAt: null });
    const deleted = await as.curator!.delete(`${route(r.id)}/items/${newId}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.items.map((i: any) => i.title)).toEqual(['Мероприятие 1', 'Чтение']);
  });

  it('methodist assigns a curator, who then sees the route and its person', async () => {
    // Its own route: assigning a curator to a shared one would change what other tests see.
    const r2 = await insertRoute(t.db, {
      personId: w.p2.id,
      status: 'in_progress',
      title: 'Маршрут Вороновой',
    });
    expect((await as.curator2!.get(route(r2.id))).status).toBe(404);
    const bad = await as.methodist!.patch(route(r2.id), {
      curatorUserId: w.users.teacher3.id,
      periodEnd: '2026-01-01',
    });
    expect(bad.status).toBe(422);
    // A route's curator holds a curator's, methodist's, school head's or teacher's role.
    for (const u of [w.users.munHead, w.users.expert]) {
      const refused = await as.methodist!.patch(route(r2.id), { curatorUserId: u.id });
      expect(refused.status).toBe(422);
      expect(refused.body.error.message).toBe('Куратор не найден.');
    }
    const patched = await as.methodist!.patch(route(r2.id), {
      curatorUserId: w.users.curator2.id,
      title: 'ИОМ Вороновой',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: 'ИОМ Вороновой', curator: { userId: w.users.curator2.id } });
    expect(patched.body.events.map((e: any) => e.kind)).toEqual(
      expect.arrayContaining(['edited', 'curator']),
    );
    expect((await as.curator2!.get(route(r2.id))).status).toBe(200);
    expect((await as.munHead!.patch(route(r2.id), { title: 'Чужое' })).status).toBe(403);
    expect((await as.head1!.patch(route(r2.id), { title: 'Чужое' })).status).toBe(403);
  });
});

describe('route concurrency and documentation', () => {
  it('a double click or two users: one transition wins, the other gets 409', async () => {
    // own school and people, so the list tests below do not see this route
    const school = await t.ctx.newOrg();
    const person = await t.ctx.newPerson({ organizationId: school.id });
    const teacher = await t.login(await t.ctx.newUser({ role: 'teacher', personId: person.id }));
    const curatorUser = await t.ctx.newUser({ role: 'curator' });
    const curator = await t.login(curatorUser);
    const r = await insertRoute(t.db, {
      personId: person.id,
      curatorUserId: curatorUser.id,
      status: 'agreed',
    });
    const starts = await Promise.all([
      teacher.post(`${route(r.id)}/start`),
      curator.post(`${route(r.id)}/start`),
    ]);
    expect(starts.map((x) => x.status).sort()).toEqual([200, 409]);
    await teacher.post(item(r, 0, 'done'), { evidence: { kind: 'link', url: 'https://a.example/x' } });
    const confirms = await Promise.all([
      curator.post(item(r, 0, 'confirm')),
      curator.post(item(r, 0, 'confirm')),
    ]);
    expect(confirms.map((x) => x.status).sort()).toEqual([200, 409]);
    const events = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM learning_route_events WHERE route_id = ${r.id} AND kind IN ('status', 'confirmed')`,
    );
    expect(events[0]!.n).toBe(2);
  });

  it('the route and file endpoints are in the OpenAPI document', async () => {
    const doc = await t.client().get('/api/openapi.json');
    const paths = Object.keys(doc.body.paths);
    for (const p of [
      '/api/routes',
      '/api/routes/export',
      '/api/routes/{id}',
      '/api/routes/{id}/items/{itemId}/done',
      '/api/routes/{id}/effect',
      '/api/routes/effect-summary',
      '/api/routes/measures',
      '/api/my/confirmations',
      '/api/files',
      '/api/files/{id}',
    ]) {
      expect(paths).toContain(p);
    }
  });
});

describe('route scope', () => {
  it('teacher sees only own routes; another school, municipality or curator gets 404', async () => {
    const { r1, r2, r3, rB } = w;
    expect((await as.teacher2!.get(route(r1.id))).status).toBe(404);
    expect((await as.teacher1!.get(route(r2.id))).status).toBe(404);
    expect((await as.head2!.get(route(r1.id))).status).toBe(404);
    expect((await as.methodistB!.get(route(r1.id))).status).toBe(404);
    expect((await as.methodistB!.post(`${route(r1.id)}/comments`, { text: 'чужой' })).status).toBe(404);
    expect((await as.curator2!.get(route(r1.id))).status).toBe(404);
    expect((await as.curator!.get(route(r3.id))).status).toBe(404);
    expect((await as.methodist!.get(route(rB.id))).status).toBe(404);
    expect((await as.admin!.get(route(rB.id))).status).toBe(200);
    expect((await as.regionAdmin!.get(route(rB.id))).status).toBe(200);
    expect((await as.otherRegion!.get(route(r1.id))).status).toBe(404);
    expect((await as.otherRegion!.get('/api/routes')).body).toEqual({
      total: 0,
      items: [],
      nextCursor: null,
    });
    expect((await as.expert!.get(route(r1.id))).status).toBe(404);

    const teacherList = await as.teacher1!.get('/api/routes');
    expect(teacherList.body.items.map((r: any) => r.id)).toEqual([r1.id]);
    expect((await as.teacher1!.get('/api/my/routes')).body.items.map((r: any) => r.id)).toEqual([r1.id]);
    const headList = await as.head1!.get('/api/routes');
    expect(headList.body.items.every((r: any) => r.organizationId === w.school1.id)).toBe(true);
    expect(headList.body.items.map((r: any) => r.id)).toEqual(expect.arrayContaining([r1.id, r2.id]));
    expect(headList.body.items.map((r: any) => r.id)).not.toContain(r3.id);
    const curatorList = await as.curator!.get('/api/routes');
    expect(curatorList.body.items.map((r: any) => r.id)).toContain(r1.id);
    expect(curatorList.body.items.map((r: any) => r.id)).not.toContain(r3.id);
    const methodistB = await as.methodistB!.get('/api/routes');
    expect(methodistB.body.items.map((r: any) => r.id)).toEqual([rB.id]);
  });

  it('org head reads and comments, but does not agree or manage', async () => {
    const { r2 } = w;
    const card = await as.head1!.get(route(r2.id));
    expect(card.status).toBe(200);
    expect(card.body.permissions).toMatchObject({
      comment: true,
      cancel: false,
      edit: false,
      confirm: false,
    });
    const comment = await as.head1!.post(`${route(r2.id)}/comments`, {
      text: 'Поддерживаю',
      itemId: r2.itemIds[0],
    });
    expect(comment.status).toBe(201);
    expect(comment.body.events.at(-1)).toMatchObject({
      kind: 'comment',
      text: 'Поддерживаю',
      itemId: r2.itemIds[0],
    });
    expect((await as.head1!.post(`${route(r2.id)}/agree`)).status).toBe(403);
  });

  it('municipal head only reads: no comment (403, nothing written), no management; a methodist comments', async () => {
    const { r2 } = w;
    const events = async () =>
      (
        await t.db.query<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM learning_route_events WHERE route_id = ${r2.id}`,
        )
      )[0]!.n;
    const audits = async () =>
      (
        await t.db.query<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'learning_route' AND entity_id = ${r2.id}
              AND action = 'comment'`,
        )
      )[0]!.n;
    const [eventsBefore, auditsBefore] = [await events(), await audits()];
    for (const body of [{ text: 'Видим' }, { text: 'По пункту', itemId: r2.itemIds[0] }]) {
      const res = await as.munHead!.post(`${route(r2.id)}/comments`, body);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
      expect(res.body.error.message).toMatch(/только для просмотра/);
    }
    expect(await events()).toBe(eventsBefore);
    expect(await audits()).toBe(auditsBefore);
    // The card tells the page not to show the comment form.
    const card = await as.munHead!.get(route(r2.id));
    expect(card.status).toBe(200);
    expect(card.body.permissions).toMatchObject({ comment: false, cancel: false, edit: false });
    expect((await as.munHead!.post(`${route(r2.id)}/cancel`, { reason: 'нельзя' })).status).toBe(403);

    const ok = await as.methodist!.post(`${route(r2.id)}/comments`, { text: 'Принято методистом' });
    expect(ok.status).toBe(201);
    expect(ok.body.events.at(-1)).toMatchObject({ kind: 'comment', text: 'Принято методистом' });
    expect(await events()).toBe(eventsBefore + 1);
  });

  it('anonymous 401; unknown route 404', async () => {
    expect((await t.client().get('/api/routes')).status).toBe(401);
    const file = await as.teacher1!.upload('/api/files', {
      name: 'a.pdf',
      data: 'x',
      type: 'application/pdf',
    });
    expect((await t.client().get(`/api/files/${file.body.id}`)).status).toBe(401);
    expect((await as.admin!.get(route('6f1c2a9e-8b1d-4c3e-9f2a-1b2c3d4e5f60'))).status).toBe(404);
  });
});

describe('route list and export', () => {
  it('filters by status, organization, curator, competency and name', async () => {
    // Its own municipality, schools, curators and routes: no other test's data or changes.
    const { ctx } = t;
    const muni = await ctx.newMunicipality();
    const [schoolX, schoolY] = [
      await ctx.newOrg({ municipalityId: muni.id }),
      await ctx.newOrg({ municipalityId: muni.id }),
    ];
    const pX1 = await ctx.newPerson({ organizationId: schoolX.id, lastName: 'Лебедева' });
    const pX2 = await ctx.newPerson({ organizationId: schoolX.id, lastName: 'Щеглова' });
    const pY = await ctx.newPerson({ organizationId: schoolY.id, lastName: 'Чижова' });
    const fw = await insertFramework(t.db, ['F1']);
    const [curatorA, curatorB] = [
      await ctx.newUser({ role: 'curator' }),
      await ctx.newUser({ role: 'curator' }),
    ];
    const rX1 = await insertRoute(t.db, {
      personId: pX1.id,
      curatorUserId: curatorA.id,
      frameworkId: fw.frameworkId,
      items: [{ competencyId: fw.competencies.F1 }],
    });
    const rX2 = await insertRoute(t.db, {
      personId: pX2.id,
      status: 'in_progress',
      curatorUserId: curatorB.id,
    });
    const rY = await insertRoute(t.db, { personId: pY.id, status: 'agreed', curatorUserId: curatorB.id });
    const methodist = await t.login(
      await ctx.newUser({ role: 'municipal_methodist', municipalityId: muni.id }),
    );
    const ids = async (qs: string) =>
      (await methodist.get(`/api/routes?${qs}`)).body.items.map((r: any) => r.id).sort();
    expect(await ids('')).toEqual([rX1.id, rX2.id, rY.id].sort());
    expect(await ids(`organizationId=${schoolY.id}`)).toEqual([rY.id]);
    expect(await ids(`curatorUserId=${curatorB.id}`)).toEqual([rX2.id, rY.id].sort());
    expect(await ids(`competencyId=${fw.competencies.F1}`)).toEqual([rX1.id]);
    expect(await ids('q=Чижова')).toEqual([rY.id]);
    expect(await ids('status=agreed')).toEqual([rY.id]);
    expect(await ids('status=in_progress')).toEqual([rX2.id]);
    const paged = await methodist.get('/api/routes?pageSize=1&page=2');
    expect(paged.body.total).toBe(3);
    expect(paged.body.items).toHaveLength(1);
  });

  it('exports the filtered list to CSV and XLSX with Russian headers, audited', async () => {
    const csv = await as.methodist!.get(`/api/routes/export?format=csv&organizationId=${w.school2.id}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/marshrut-routes-.*\.csv/);
    const table = await readTable({ data: new Uint8Array(csv.raw), fileName: 'routes.csv' });
    expect(table.headers.slice(0, 4)).toEqual(['ФИО', 'Организация', 'Маршрут', 'Статус']);
    expect(table.rows).toHaveLength(1);
    expect(table.rows[0]!.cells[0]).toContain('Орлова');
    expect(table.rows[0]!.cells[3]).toBe('согласован');
    const xlsx = await as.teacher1!.get('/api/routes/export?format=xlsx');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const own = await readTable({ data: new Uint8Array(xlsx.raw), fileName: 'routes.xlsx' });
    expect(own.rows).toHaveLength(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('Индивидуальные образовательные маршруты');
    const headerAt = own.rows[0]!.rowNumber - 1;
    expect(ws.getCell(`A${headerAt}`).value).toBe('ФИО');
    expect(ws.getCell(`F${headerAt + 1}`).type).toBe(ExcelJS.ValueType.Date);
    expect(ws.getCell(`L${headerAt + 1}`).numFmt).toBe('0.0%');
    const [audit] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'export' AND entity = 'learning_routes'`,
    );
    expect(audit!.n).toBe(2);
  });
});

describe('evidence files', () => {
  it('accepts the allowed types only, refuses over 10 MB, round-trips bytes', async () => {
    const exe = await as.teacher1!.upload('/api/files', { name: 'virus.exe', data: 'MZ' });
    expect(exe.status).toBe(422);
    expect(exe.body.error.message).toMatch(/не принимаются/);
    const mismatch = await as.teacher1!.upload('/api/files', {
      name: 'scan.pdf',
      data: 'x',
      type: 'text/html',
    });
    expect(mismatch.status).toBe(422);
    const big = await as.teacher1!.upload('/api/files', {
      name: 'scan.png',
      data: new Uint8Array(10 * 1024 * 1024 + 1),
      type: 'image/png',
    });
    expect(big.status).toBe(413);
    expect(big.body.error.message).toMatch(/10 МБ/);
    const data = new Uint8Array(70_000).map((_, i) => (i * 31 + 7) % 256);
    const up = await as.teacher2!.upload('/api/files', { name: 'scan.PNG', data });
    expect(up.status).toBe(201);
    expect(up.body.contentType).toBe('image/png');
    const back = await as.teacher2!.get(`/api/files/${up.body.id}`);
    expect(new Uint8Array(back.raw)).toEqual(data);
    // not attached anywhere: only its uploader reads it
    expect((await as.methodist!.get(`/api/files/${up.body.id}`)).status).toBe(404);
    expect((await as.teacher1!.get(`/api/files/${up.body.id}`)).status).toBe(404);
  });
});
