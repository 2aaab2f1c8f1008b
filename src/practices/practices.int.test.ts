import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { computeIndicators, territoryScope } from '../monitoring/engine/compute.ts';
import { sql } from '../platform/db/database.ts';

/**
 * The bank of practices over HTTP: a teacher's draft, submission, moderation by the methodical
 * council (a member who is a teacher) and by the methodist, the return with a reason and its
 * notification, search and filters, the XLSX, uses, links; and who sees what — another school's
 * drafts stay hidden, another region sees nothing.
 */
let t: TestApp;
let teacherA: Client;
let teacherB: Client;
let headA: Client;
let headB: Client;
let councilMember: Client;
let methodist: Client;
let otherRegionTeacher: Client;
let authorA: { id: string };
let comp: string;
let users: Record<string, string> = {};
let muniId: string;
let otherMuniId: string;
let registrationIds: { presenter: string; participant: string };
let gmoId: string;

beforeAll(async () => {
  t = await startTestApp();
  const { ctx, db } = t;
  const muni = await ctx.newMunicipality();
  muniId = muni.id;
  const farMuni = await ctx.newMunicipality();
  otherMuniId = farMuni.id;
  const schoolA = await ctx.newOrg({ municipalityId: muni.id });
  const schoolB = await ctx.newOrg({ municipalityId: muni.id });
  const schoolFar = await ctx.newOrg({ municipalityId: farMuni.id });
  authorA = await ctx.newPerson({ organizationId: schoolA.id, lastName: 'Авторова' });
  const personB = await ctx.newPerson({ organizationId: schoolB.id, lastName: 'Борисова' });
  const councilP = await ctx.newPerson({ organizationId: schoolB.id, lastName: 'Советова' });
  const farP = await ctx.newPerson({ organizationId: schoolFar.id, lastName: 'Далёкая' });
  const at = { municipalityId: muni.id, regionId: muni.regionId };
  const uA = await ctx.newUser({ role: 'teacher', personId: authorA.id, organizationId: schoolA.id });
  users = { teacherA: uA.id };
  teacherA = await t.login(uA);
  teacherB = await t.login(
    await ctx.newUser({ role: 'teacher', personId: personB.id, organizationId: schoolB.id }),
  );
  headA = await t.login(await ctx.newUser({ role: 'org_head', organizationId: schoolA.id, ...at }));
  headB = await t.login(await ctx.newUser({ role: 'org_head', organizationId: schoolB.id, ...at }));
  councilMember = await t.login(
    await ctx.newUser({ role: 'teacher', personId: councilP.id, organizationId: schoolB.id }),
  );
  methodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at }));
  otherRegionTeacher = await t.login(
    await ctx.newUser({ role: 'teacher', personId: farP.id, organizationId: schoolFar.id }),
  );
  const [council] = await db.query<{ id: string }>(sql`
    INSERT INTO communities (kind, level, region_id, municipality_id, name)
    VALUES ('methodical_council', 'municipal', ${muni.regionId}, ${muni.id}, 'Методический совет') RETURNING id`);
  await db.query(sql`INSERT INTO community_members (community_id, person_id, joined_on)
    VALUES (${council!.id}, ${councilP.id}, '2026-09-01')`);
  const [f] = await db.query<{ id: string }>(sql`
    INSERT INTO competency_frameworks (code, name, deficit_below, partial_below)
    VALUES ('PRACT-TEST', 'Карта', 50, 75) RETURNING id`);
  const [g] = await db.query<{ id: string }>(sql`
    INSERT INTO competency_groups (framework_id, code, name) VALUES (${f!.id}, 'G', 'Группа') RETURNING id`);
  const [c] = await db.query<{ id: string }>(sql`
    INSERT INTO competencies (framework_id, group_id, code, name, position)
    VALUES (${f!.id}, ${g!.id}, 'K1', 'Формирующее оценивание', 0) RETURNING id`);
  comp = c!.id;
  const [plan] = await db.query<{ id: string }>(sql`
    INSERT INTO event_plans (level, region_id, municipality_id, school_year, title, status)
    VALUES ('municipal', ${muni.regionId}, ${muni.id}, 2026, 'План', 'approved') RETURNING id`);
  const [ev] = await db.query<{ id: string }>(sql`
    INSERT INTO events (plan_id, title, kind, level, starts_on, ends_on)
    VALUES (${plan!.id}, 'Фестиваль педагогических идей', 'seminar', 'municipal', '2026-10-10', '2026-10-10') RETURNING id`);
  const reg = async (personId: string, role: string) =>
    (
      await db.query<{ id: string }>(sql`
        INSERT INTO event_registrations (event_id, person_id, status, source, role)
        VALUES (${ev!.id}, ${personId}, 'confirmed', 'self', ${role}::event_registration_role) RETURNING id`)
    )[0]!.id;
  registrationIds = {
    presenter: await reg(authorA.id, 'presenter'),
    participant: await reg(personB.id, 'participant'),
  };
  const [gmo] = await db.query<{ id: string }>(sql`
    INSERT INTO communities (kind, level, region_id, municipality_id, name)
    VALUES ('gmo', 'municipal', ${muni.regionId}, ${muni.id}, 'ГМО учителей математики') RETURNING id`);
  gmoId = gmo!.id;
}, 120_000);
afterAll(async () => t.close());

const material = {
  kind: 'practice',
  title: 'Кейсы по формирующему оцениванию на уроках математики',
  description: 'Сборник приёмов обратной связи',
  topic: 'Формирующее оценивание',
  subjects: ['Математика'],
  approbationLevel: 'municipal',
  url: 'https://example.org/kejsy',
};

describe('a teacher’s material from draft to the bank', () => {
  let id: string;

  it('is created as a draft with the teacher as its author; a bad link is a Russian 422', async () => {
    const bad = await teacherA.post('/api/practices', { ...material, url: 'example.org' });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toMatch(/http/);
    const res = await teacherA.post('/api/practices', { ...material, competencyIds: [comp] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      statusName: 'Черновик',
      authors: [{ id: authorA.id }],
      competencies: [{ id: comp, code: 'K1' }],
      canEdit: true,
      canModerate: false,
    });
    id = res.body.id;
  });

  it('a draft is seen by its author and their school head, not by another school', async () => {
    expect((await teacherA.get(`/api/practices/${id}`)).status).toBe(200);
    expect((await headA.get(`/api/practices/${id}`)).body.canEdit).toBe(true);
    expect((await teacherB.get(`/api/practices/${id}`)).status).toBe(404);
    expect((await headB.get(`/api/practices/${id}`)).status).toBe(404);
    expect((await otherRegionTeacher.get(`/api/practices/${id}`)).status).toBe(404);
    const mine = await teacherA.get('/api/practices?mine=true');
    expect(mine.body.items.map((m: { id: string }) => m.id)).toEqual([id]);
    const others = await headB.get('/api/practices?status=draft');
    expect(others.body.total).toBe(0);
    expect((await teacherB.put(`/api/practices/${id}`, material)).status).toBe(404);
  });

  it('is submitted; the author cannot publish it, a non-council teacher cannot see it', async () => {
    const sub = await teacherA.post(`/api/practices/${id}/submit`);
    expect(sub.status).toBe(200);
    expect(sub.body.status).toBe('on_moderation');
    expect((await teacherA.put(`/api/practices/${id}`, material)).status).toBe(409);
    expect((await teacherA.post(`/api/practices/${id}/publish`)).status).toBe(403);
    expect((await teacherB.get(`/api/practices/${id}`)).status).toBe(404);
  });

  it('the council member sees it to moderate and returns it with a reason; the author is told', async () => {
    const queue = await councilMember.get('/api/practices?status=on_moderation');
    expect(queue.body.canModerate).toBe(true);
    expect(queue.body.items.map((m: { id: string }) => m.id)).toEqual([id]);
    expect((await councilMember.post(`/api/practices/${id}/return`, { reason: '' })).status).toBe(422);
    const ret = await councilMember.post(`/api/practices/${id}/return`, {
      reason: 'Добавьте описание апробации',
    });
    expect(ret.status).toBe(200);
    expect(ret.body).toMatchObject({ status: 'returned', returnReason: 'Добавьте описание апробации' });
    await expect
      .poll(
        async () =>
          (
            await t.db.query<{ title: string }>(sql`
          SELECT title FROM notifications WHERE recipient_user_id = ${users.teacherA!} AND kind = 'material_moderated'`)
          ).map((n) => n.title),
        { timeout: 20_000, interval: 200 },
      )
      .toEqual(['Материал «Кейсы по формирующему оцениванию на уроках математики» возвращён на доработку']);
  });

  it('edited and submitted again, the methodist publishes it and everyone of the region finds it', async () => {
    expect(
      (
        await teacherA.put(`/api/practices/${id}`, {
          ...material,
          competencyIds: [comp],
          description: 'Апробировано в 5 школах',
        })
      ).status,
    ).toBe(200);
    expect((await teacherA.post(`/api/practices/${id}/submit`)).status).toBe(200);
    const pub = await methodist.post(`/api/practices/${id}/publish`);
    expect(pub.status).toBe(200);
    expect(pub.body.status).toBe('published');
    expect((await methodist.post(`/api/practices/${id}/publish`)).status).toBe(409);

    const found = await teacherB.get(`/api/practices?q=${encodeURIComponent('формирующ')}`);
    expect(found.body.items.map((m: { id: string }) => m.id)).toEqual([id]);
    for (const q of [`competencyId=${comp}`, 'subject=математика', 'level=municipal', 'kind=practice']) {
      expect((await teacherB.get(`/api/practices?${q}`)).body.total).toBe(1);
    }
    for (const q of ['level=federal', 'kind=material', 'q=физика']) {
      expect((await teacherB.get(`/api/practices?${q}`)).body.total).toBe(0);
    }
    expect((await otherRegionTeacher.get('/api/practices')).body.total).toBe(0);
    expect((await otherRegionTeacher.get(`/api/practices/${id}`)).status).toBe(404);
  });

  it('counts views, downloads and links; exports XLSX; audits changes', async () => {
    await teacherB.get(`/api/practices/${id}`);
    expect((await teacherB.post(`/api/practices/${id}/uses`, { kind: 'link' })).status).toBe(204);
    const card = await teacherB.get(`/api/practices/${id}`);
    expect(card.body.uses).toEqual({ views: 2, downloads: 0, links: 1 });

    const x = await methodist.get('/api/practices/export');
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.raw);
    const cells = wb.worksheets[0]!.getSheetValues().flat().map(String);
    expect(cells).toContain('Кейсы по формирующему оцениванию на уроках математики');

    const audit = await t.db.query<{ action: string }>(sql`
      SELECT action FROM audit_log WHERE entity = 'practice_material' AND entity_id = ${id} ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual([
      'create',
      'submit',
      'return',
      'update',
      'submit',
      'publish_material',
    ]);
  });
});

describe('links: a presenter’s materials, a community’s materials', () => {
  it('the presenter attaches their published material; others cannot; the card lists the links', async () => {
    const [m] = await t.db.query<{ id: string }>(
      sql`SELECT id FROM practice_materials WHERE status = 'published'`,
    );
    const id = m!.id;
    expect(
      (await teacherB.post(`/api/practices/${id}/links`, { registrationId: registrationIds.presenter }))
        .status,
    ).toBe(404);
    expect(
      (await teacherB.post(`/api/practices/${id}/links`, { registrationId: registrationIds.participant }))
        .status,
    ).toBe(409);
    expect((await teacherA.post(`/api/practices/${id}/links`, {})).status).toBe(422);
    const linked = await teacherA.post(`/api/practices/${id}/links`, {
      registrationId: registrationIds.presenter,
    });
    expect(linked.status).toBe(200);
    expect(linked.body.links.events).toMatchObject([{ title: 'Фестиваль педагогических идей' }]);
    expect((await teacherA.post(`/api/practices/${id}/links`, { communityId: gmoId })).status).toBe(403);
    const toGmo = await methodist.post(`/api/practices/${id}/links`, { communityId: gmoId });
    expect(toGmo.status).toBe(200);
    expect(toGmo.body.links.communities).toMatchObject([{ name: 'ГМО учителей математики' }]);
    const again = await methodist.post(`/api/practices/${id}/links`, { communityId: gmoId });
    expect(again.body.links.communities).toHaveLength(1);
    // The community's «Материалы» tab lists what is attached to it, and only that.
    const ofGmo = await teacherB.get(`/api/practices?communityId=${gmoId}`);
    expect(ofGmo.status).toBe(200);
    expect(ofGmo.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    const ofOther = await teacherB.get(`/api/practices?communityId=${registrationIds.presenter}`);
    expect(ofOther.body.items).toEqual([]);
  });
});

describe('the measure practices.published', () => {
  it('counts materials published in the period in the territory, by kind and level', async () => {
    // A fixed day of publication, so the period does not depend on today.
    await t.db.query(
      sql`UPDATE practice_materials SET published_at = '2026-03-15T05:00:00Z' WHERE status = 'published'`,
    );
    const value = async (params: object, municipalityId = muniId) => {
      const r = await computeIndicators(
        t.db,
        territoryScope({ municipalityId }),
        [
          {
            code: 'n',
            formula: { kind: 'count', of: { measure: 'practices.published', params } },
            population: {},
          },
        ],
        { asOf: '2026-06-30', periodStart: '2026-01-01', periodEnd: '2026-06-30' },
      );
      return r.indicators[0]!.value;
    };
    expect(await value({})).toBe(1);
    expect(await value({ kind: 'practice', level: 'municipal' })).toBe(1);
    expect(await value({ kind: 'material' })).toBe(0);
    expect(await value({}, otherMuniId)).toBe(0);
  });
});
