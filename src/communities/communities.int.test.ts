import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { sql } from '../platform/db/database.ts';

/**
 * Communities over HTTP: creation by role and territory, members by the rule, the one open
 * membership per person, the plan, meetings with attendance and minutes, the yearly report; and
 * who sees member names. Meetings are dated in the 2025/2026 school year (past for any real today)
 * or in 2999 (future), so nothing depends on the real today.
 */
let t: TestApp;
let methodist: Client;
let muniHead: Client;
let otherMethodist: Client;
let regionAdmin: Client;
let headA: Client;
let headB: Client;
let leader: Client;
let memberTeacher: Client;
let outsider: Client;
let schoolA: { id: string };
let schoolB: { id: string };
let leaderP: { id: string };
let mathA2: { id: string };
let mathB: { id: string };
let rusB: { id: string };
let mathC: { id: string };

const names = (r: { body: { items: { name?: string; personName?: string }[] } }) =>
  r.body.items.map((i) => i.name ?? i.personName);

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muni = await ctx.newMunicipality();
  const otherMuni = await ctx.newMunicipality({ regionId: muni.regionId });
  schoolA = await ctx.newOrg({ municipalityId: muni.id });
  schoolB = await ctx.newOrg({ municipalityId: muni.id });
  const schoolC = await ctx.newOrg({ municipalityId: otherMuni.id });
  leaderP = await ctx.newPerson({
    organizationId: schoolA.id,
    subjects: ['Математика'],
    lastName: 'Аксёнова',
  });
  mathA2 = await ctx.newPerson({
    organizationId: schoolA.id,
    subjects: ['Математика'],
    lastName: 'Борисова',
  });
  mathB = await ctx.newPerson({
    organizationId: schoolB.id,
    subjects: ['Математика', 'Информатика'],
    lastName: 'Васильева',
  });
  rusB = await ctx.newPerson({
    organizationId: schoolB.id,
    subjects: ['Русский язык'],
    lastName: 'Григорьева',
  });
  mathC = await ctx.newPerson({
    organizationId: schoolC.id,
    subjects: ['Математика'],
    lastName: 'Дмитриева',
  });
  const at = (m: { id: string; regionId: string }) => ({ municipalityId: m.id, regionId: m.regionId });
  methodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at(muni) }));
  muniHead = await t.login(await ctx.newUser({ role: 'municipal_head', ...at(muni) }));
  otherMethodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at(otherMuni) }));
  regionAdmin = await t.login(await ctx.newUser({ role: 'region_admin', regionId: muni.regionId }));
  headA = await t.login(await ctx.newUser({ role: 'org_head', organizationId: schoolA.id, ...at(muni) }));
  headB = await t.login(await ctx.newUser({ role: 'org_head', organizationId: schoolB.id, ...at(muni) }));
  const teacher = (personId: string, organizationId: string) =>
    ctx.newUser({ role: 'teacher', personId, organizationId });
  leader = await t.login(await teacher(leaderP.id, schoolA.id));
  memberTeacher = await t.login(await teacher(mathA2.id, schoolA.id));
  outsider = await t.login(await teacher(rusB.id, schoolB.id));
});
afterAll(async () => t.close());

describe('a municipal association (ГМО)', () => {
  let gmo: string;
  let heldMeeting: string;
  let plannedMeeting: string;

  it('is created by the methodist with a leader from the registry; a 422 speaks Russian', async () => {
    expect((await outsider.post('/api/communities', { kind: 'gmo', name: 'ГМО учителей' })).status).toBe(403);
    const bad = await methodist.post('/api/communities', {
      kind: 'shmo',
      name: 'ШМО без школы',
      level: 'municipal',
      leaderPersonId: mathC.id,
    });
    expect(bad.status).toBe(422);
    const messages = bad.body.error.issues.map((i: { message: string }) => i.message);
    expect(messages.join(' ')).toMatch(/уровня «уровень организации»/);
    expect(messages).toContain('Руководитель должен работать в организации муниципалитета сообщества');

    const res = await methodist.post('/api/communities', {
      kind: 'gmo',
      name: 'ГМО учителей математики',
      subject: 'Математика',
      leaderPersonId: leaderP.id,
      deputyPersonIds: [mathB.id],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      level: 'municipal',
      kindName: 'Городское методическое объединение (ГМО)',
      leader: { id: leaderP.id },
      rule: { subjects: ['Математика'] },
      canEdit: true,
      canManage: true,
      canSeeMembers: true,
      membersCount: 0,
    });
    expect(res.body.deputies.map((d: { id: string }) => d.id)).toEqual([mathB.id]);
    gmo = res.body.id;
  });

  it('is hidden from another municipality (404) and read-only to the region operator', async () => {
    expect((await otherMethodist.get(`/api/communities/${gmo}`)).status).toBe(404);
    expect((await otherMethodist.get(`/api/communities/${gmo}/members`)).status).toBe(404);
    expect((await otherMethodist.patch(`/api/communities/${gmo}`, { name: 'Чужое' })).status).toBe(404);
    expect(
      (await otherMethodist.post(`/api/communities/${gmo}/members`, { personIds: [mathC.id] })).status,
    ).toBe(404);
    expect((await otherMethodist.get('/api/communities')).body.items).toEqual([]);
    const region = await regionAdmin.get(`/api/communities/${gmo}`);
    expect(region.status).toBe(200);
    expect(region.body).toMatchObject({ canEdit: false, canManage: false, canSeeMembers: true });
    expect((await regionAdmin.patch(`/api/communities/${gmo}`, { name: 'Переименовано' })).status).toBe(403);
  });

  it('suggests teachers of the subject in the municipality who are not members yet', async () => {
    const s = await leader.get(`/api/communities/${gmo}/suggestions`);
    expect(s.status).toBe(200);
    expect(names(s)).toEqual([
      expect.stringMatching(/^Аксёнова/),
      expect.stringMatching(/^Борисова/),
      expect.stringMatching(/^Васильева/),
    ]);
    const any = await leader.get(`/api/communities/${gmo}/suggestions?ruleOnly=false&q=Григ`);
    expect(names(any)).toEqual([expect.stringMatching(/^Григорьева/)]);
    expect((await outsider.get(`/api/communities/${gmo}/suggestions`)).status).toBe(403);
  });

  it('takes members from the territory; the leader adds them', async () => {
    const outside = await leader.post(`/api/communities/${gmo}/members`, { personIds: [mathC.id] });
    expect(outside.status).toBe(422);
    expect(outside.body.error.issues[0].message).toMatch(/муниципалитета сообщества/);
    const res = await leader.post(`/api/communities/${gmo}/members`, {
      personIds: [mathA2.id],
      joinedOn: '2025-09-01',
    });
    expect(res.status).toBe(201);
    expect(res.body.added).toBe(1);
    const again = await methodist.post(`/api/communities/${gmo}/members`, { personIds: [mathA2.id] });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/^Уже участник сообщества: Борисова/);
    const s = await leader.get(`/api/communities/${gmo}/suggestions`);
    expect(names(s)).not.toContainEqual(expect.stringMatching(/^Борисова/));
  });

  it('keeps one open membership when two add the same person at once', async () => {
    const [a, b] = await Promise.all([
      leader.post(`/api/communities/${gmo}/members`, { personIds: [mathB.id], joinedOn: '2025-09-01' }),
      methodist.post(`/api/communities/${gmo}/members`, { personIds: [mathB.id], joinedOn: '2025-09-01' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.message).toMatch(/Уже участник сообщества: Васильева/);
    const [row] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM community_members WHERE community_id = ${gmo} AND person_id = ${mathB.id}`,
    );
    expect(row!.n).toBe(1);
  });

  it('shows member names to members and managers, only the count to other teachers', async () => {
    const byMember = await memberTeacher.get(`/api/communities/${gmo}/members`);
    expect(byMember.status).toBe(200);
    expect(names(byMember)).toEqual([
      expect.stringMatching(/^Борисова/),
      expect.stringMatching(/^Васильева/),
    ]);
    expect((await muniHead.get(`/api/communities/${gmo}/members`)).status).toBe(200);
    const card = await outsider.get(`/api/communities/${gmo}`);
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({ membersCount: 2, canSeeMembers: false, canManage: false });
    const hidden = await outsider.get(`/api/communities/${gmo}/members`);
    expect(hidden.status).toBe(403);
    expect(hidden.body.error.message).toMatch(/Список участников видят участники/);
    // A member reads but does not edit.
    expect(
      (await memberTeacher.post(`/api/communities/${gmo}/members`, { personIds: [rusB.id] })).status,
    ).toBe(403);
    expect(
      (
        await memberTeacher.post(`/api/communities/${gmo}/meetings`, {
          heldOn: '2025-10-01',
          title: 'Заседание',
        })
      ).status,
    ).toBe(403);
    expect((await outsider.patch(`/api/communities/${gmo}`, { name: 'Захват' })).status).toBe(403);
    // The leader manages but does not change the settings.
    expect((await leader.patch(`/api/communities/${gmo}`, { name: 'Новое имя' })).status).toBe(403);
  });

  it('lists «Мои объединения» for the leader and members, none for others', async () => {
    const mine = await memberTeacher.get('/api/my/communities');
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([gmo]);
    expect((await leader.get('/api/my/communities')).body.items[0]).toMatchObject({
      id: gmo,
      isLeader: true,
    });
    expect((await outsider.get('/api/my/communities')).body.items).toEqual([]);
    // The municipality's list shows it to every teacher of the municipality.
    expect((await outsider.get('/api/communities')).body.items.map((c: { id: string }) => c.id)).toContain(
      gmo,
    );
  });

  it('keeps a plan linked to events and meetings with attendance and minutes', async () => {
    const item = await leader.post(`/api/communities/${gmo}/plan`, {
      startsOn: '2025-10-01',
      title: 'Заседание: анализ ВПР по математике',
    });
    expect(item.status).toBe(201);
    expect(item.body.schoolYear).toBe(2025);
    const badItem = await leader.post(`/api/communities/${gmo}/plan`, {
      startsOn: '2025-10-01',
      endsOn: '2025-09-01',
      title: 'Наоборот',
      eventId: '00000000-0000-4000-8000-000000000000',
    });
    expect(badItem.status).toBe(422);
    expect(badItem.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'endsOn',
      'eventId',
    ]);

    const future = await leader.post(`/api/communities/${gmo}/meetings`, {
      heldOn: '2999-01-10',
      title: 'Будущее заседание',
      status: 'held',
    });
    expect(future.status).toBe(422);
    const held = await leader.post(`/api/communities/${gmo}/meetings`, {
      heldOn: '2025-10-01',
      title: 'Заседание № 1',
      agenda: '1. Итоги ВПР. 2. План на год.',
      status: 'held',
      planItemId: item.body.id,
    });
    expect(held.status).toBe(201);
    heldMeeting = held.body.id;
    expect(held.body.attendance.map((a: { personName: string }) => a.personName)).toHaveLength(2);
    const planned = await leader.post(`/api/communities/${gmo}/meetings`, {
      heldOn: '2026-02-10',
      title: 'Заседание № 2',
    });
    plannedMeeting = planned.body.id;

    expect(
      (await leader.put(`/api/community-meetings/${plannedMeeting}/attendance`, { present: [mathA2.id] }))
        .status,
    ).toBe(409);
    const stranger = await leader.put(`/api/community-meetings/${heldMeeting}/attendance`, {
      present: [rusB.id],
    });
    expect(stranger.status).toBe(422);
    const marked = await leader.put(`/api/community-meetings/${heldMeeting}/attendance`, {
      present: [mathA2.id],
    });
    expect(marked.status).toBe(200);
    expect(marked.body.attended).toBe(1);

    const minutes = await leader.put(`/api/community-meetings/${heldMeeting}/decisions`, {
      decisions: [
        { text: 'Провести открытые уроки', responsiblePersonId: mathA2.id, dueOn: '2025-12-20' },
        { text: 'Обобщить опыт', responsiblePersonId: mathC.id, dueOn: '2025-09-01' },
      ],
    });
    expect(minutes.status).toBe(422);
    expect(minutes.body.error.issues.map((i: { path: string }) => i.path)).toEqual([
      'decisions.1.responsiblePersonId',
      'decisions.1.dueOn',
    ]);
    const saved = await leader.put(`/api/community-meetings/${heldMeeting}/decisions`, {
      decisions: [{ text: 'Провести открытые уроки', responsiblePersonId: mathA2.id, dueOn: '2025-12-20' }],
    });
    expect(saved.body.decisionList).toEqual([
      expect.objectContaining({
        text: 'Провести открытые уроки',
        responsibleName: expect.stringMatching(/^Борисова/),
      }),
    ]);
    // An outsider sees the meeting but not who attended.
    const seen = await outsider.get(`/api/community-meetings/${heldMeeting}`);
    expect(seen.status).toBe(200);
    expect(seen.body.attendance).toBeNull();
    expect((await otherMethodist.get(`/api/community-meetings/${heldMeeting}`)).status).toBe(404);
  });

  it('reports the year: meetings held against planned, members and active members; exports XLSX', async () => {
    const r = await muniHead.get(`/api/communities/${gmo}/report?schoolYear=2025`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      schoolYearName: '2025/2026',
      meetingsPlanned: 2,
      meetingsHeld: 1,
      members: 2,
      membersActive: 1,
      planItems: 1,
      decisions: 1,
    });
    const list = await methodist.get('/api/communities?schoolYear=2025&kind=gmo');
    expect(list.body.items[0]).toMatchObject({
      id: gmo,
      membersCount: 2,
      meetingsHeld: 1,
      meetingsPlanned: 2,
    });

    const file = await methodist.get(`/api/communities/${gmo}/report/export?schoolYear=2025`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.raw) as unknown as ArrayBuffer);
    const text = JSON.stringify(wb.worksheets.map((ws) => ws.getSheetValues()));
    expect(text).toContain('Активных участников');
    expect(text).toContain('Борисова');
    expect((await outsider.get(`/api/communities/${gmo}/report/export?schoolYear=2025`)).status).toBe(403);
  });

  it('closes a membership period and lets the person join again as a new period', async () => {
    const members = await methodist.get(`/api/communities/${gmo}/members`);
    const b = members.body.items.find((m: { personId: string }) => m.personId === mathB.id);
    expect((await memberTeacher.post(`/api/community-members/${b.id}/leave`, {})).status).toBe(403);
    expect((await outsider.post(`/api/community-members/${b.id}/leave`, {})).status).toBe(404);
    const early = await leader.post(`/api/community-members/${b.id}/leave`, { leftOn: '2025-01-01' });
    expect(early.status).toBe(422);
    expect(
      (await leader.post(`/api/community-members/${b.id}/leave`, { leftOn: '2026-01-15', reason: 'Переход' }))
        .status,
    ).toBe(204);
    expect((await leader.post(`/api/community-members/${b.id}/leave`, { leftOn: '2026-01-16' })).status).toBe(
      409,
    );
    expect(
      (
        await leader.post(`/api/communities/${gmo}/members`, {
          personIds: [mathB.id],
          joinedOn: '2026-03-01',
        })
      ).status,
    ).toBe(201);
    const all = await methodist.get(`/api/communities/${gmo}/members?includeLeft=true`);
    expect(all.body.items.filter((m: { personId: string }) => m.personId === mathB.id)).toHaveLength(2);
    const [audit] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'community_member' AND person_id = ${mathB.id}`,
    );
    expect(audit!.n).toBe(3);
  });
});

describe('a school association (ШМО)', () => {
  let shmo: string;

  it('is created and kept by its school head, within their school only', async () => {
    expect(
      (await headA.post('/api/communities', { kind: 'gmo', name: 'ГМО от школы', level: 'municipal' }))
        .status,
    ).toBe(403);
    expect(
      (
        await headA.post('/api/communities', {
          kind: 'shmo',
          name: 'ШМО чужой школы',
          organizationId: schoolB.id,
        })
      ).status,
    ).toBe(403);
    const res = await headA.post('/api/communities', {
      kind: 'shmo',
      name: 'ШМО учителей математики',
      subject: 'Математика',
      leaderPersonId: mathA2.id,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ level: 'institutional', organizationId: schoolA.id, canEdit: true });
    shmo = res.body.id;
    const s = await headA.get(`/api/communities/${shmo}/suggestions`);
    // Only the school's teachers of the subject: not Васильева of school B.
    expect(names(s)).toEqual([expect.stringMatching(/^Аксёнова/), expect.stringMatching(/^Борисова/)]);
    expect((await headA.post(`/api/communities/${shmo}/members`, { personIds: [mathB.id] })).status).toBe(
      422,
    );
    expect((await headA.post(`/api/communities/${shmo}/members`, { personIds: [leaderP.id] })).status).toBe(
      201,
    );
  });

  it('is hidden from another school head and read-only to the municipal ГМО viewers', async () => {
    expect((await headB.get(`/api/communities/${shmo}`)).status).toBe(404);
    expect((await headB.patch(`/api/communities/${shmo}`, { name: 'Чужое' })).status).toBe(404);
    expect((await outsider.get(`/api/communities/${shmo}`)).status).toBe(404);
    const gmoId = (await headA.get('/api/communities?kind=gmo')).body.items[0].id;
    expect((await headA.patch(`/api/communities/${gmoId}`, { name: 'Не моё' })).status).toBe(403);
    expect((await headA.get(`/api/communities/${gmoId}/members`)).status).toBe(403);
    // The methodist keeps the municipality's ШМО too.
    expect(
      (await methodist.patch(`/api/communities/${shmo}`, { description: 'Для учителей 5–11 классов' }))
        .status,
    ).toBe(200);
    expect((await otherMethodist.get(`/api/communities/${shmo}`)).status).toBe(404);
  });

  it('is deleted by its owner only', async () => {
    expect((await memberTeacher.delete(`/api/communities/${shmo}`)).status).toBe(403);
    expect((await headA.delete(`/api/communities/${shmo}`)).status).toBe(204);
    expect((await headA.get(`/api/communities/${shmo}`)).status).toBe(404);
  });
});

describe('memberships: актив, эксперты, резерв', () => {
  let reserve: string;

  it('are nominated by the school head for their staff and by the methodist in the municipality', async () => {
    expect(
      (await outsider.post('/api/memberships', { kind: 'expert_community', personId: rusB.id })).status,
    ).toBe(403);
    expect(
      (await headA.post('/api/memberships', { kind: 'manager_reserve', personId: rusB.id })).status,
    ).toBe(404);
    expect(
      (await otherMethodist.post('/api/memberships', { kind: 'expert_community', personId: rusB.id })).status,
    ).toBe(404);
    const [a, b] = await Promise.all([
      headA.post('/api/memberships', { kind: 'manager_reserve', personId: leaderP.id, fromOn: '2026-09-01' }),
      methodist.post('/api/memberships', { kind: 'manager_reserve', personId: leaderP.id }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const won = a.status === 201 ? a : b;
    expect(won.body).toMatchObject({
      status: 'nominated',
      statusName: 'Выдвинут',
      organizationId: schoolA.id,
    });
    expect((a.status === 409 ? a : b).body.error.message).toMatch(/уже выдвинут или состоит/);
    reserve = won.body.id;
    const expert = await methodist.post('/api/memberships', {
      kind: 'expert_community',
      personId: rusB.id,
      direction: 'Русский язык',
    });
    expect(expert.status).toBe(201);
  });

  it('move nomination → approved → active → ended by the methodist, with reasons where needed', async () => {
    expect((await headA.post(`/api/memberships/${reserve}/transition`, { to: 'approved' })).status).toBe(403);
    expect(
      (await otherMethodist.post(`/api/memberships/${reserve}/transition`, { to: 'approved' })).status,
    ).toBe(404);
    expect((await methodist.post(`/api/memberships/${reserve}/transition`, { to: 'active' })).status).toBe(
      409,
    );
    expect((await methodist.post(`/api/memberships/${reserve}/transition`, { to: 'approved' })).status).toBe(
      200,
    );
    expect(
      (await methodist.post(`/api/memberships/${reserve}/transition`, { to: 'rejected', reason: 'x' }))
        .status,
    ).toBe(409);
    const active = await methodist.post(`/api/memberships/${reserve}/transition`, {
      to: 'active',
      on: '2026-09-01',
    });
    expect(active.body).toMatchObject({ status: 'active', fromOn: '2026-09-01' });
    const noReason = await methodist.post(`/api/memberships/${reserve}/transition`, { to: 'ended' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.message).toBe('Укажите причину завершения.');

    const training = await methodist.post(`/api/memberships/${reserve}/training`, {
      title: 'Стажировка в должности заместителя директора',
      dueOn: '2027-03-01',
    });
    expect(training.status).toBe(201);
    const itemId = training.body.trainingItems[0].id;
    expect((await headA.patch(`/api/membership-training/${itemId}`, { doneOn: '2027-02-01' })).status).toBe(
      403,
    );
    const done = await methodist.patch(`/api/membership-training/${itemId}`, { doneOn: '2027-02-01' });
    expect(done.body.training).toEqual({ items: 1, done: 1 });

    const ended = await methodist.post(`/api/memberships/${reserve}/transition`, {
      to: 'ended',
      reason: 'Назначена заместителем директора',
      on: '2027-06-30',
    });
    expect(ended.body).toMatchObject({
      status: 'ended',
      toOn: '2027-06-30',
      reason: 'Назначена заместителем директора',
    });
    expect(ended.body.transitions.map((x: { to: string }) => x.to)).toEqual([
      'nominated',
      'approved',
      'active',
      'ended',
    ]);
    // Ended is final: a new nomination opens a new period.
    expect(
      (await headA.post('/api/memberships', { kind: 'manager_reserve', personId: leaderP.id })).status,
    ).toBe(201);
  });

  it('keep the regional bank for the region operator and training plans for the reserve only', async () => {
    const bank = await methodist.post('/api/memberships', {
      kind: 'regional_reserve_bank',
      personId: mathB.id,
    });
    expect(bank.status).toBe(201);
    expect(
      (await methodist.post(`/api/memberships/${bank.body.id}/transition`, { to: 'approved' })).status,
    ).toBe(403);
    expect(
      (await regionAdmin.post(`/api/memberships/${bank.body.id}/transition`, { to: 'approved' })).status,
    ).toBe(200);
    const experts = await methodist.get('/api/memberships?kind=expert_community');
    expect(
      (
        await methodist.post(`/api/memberships/${experts.body.items[0].id}/training`, {
          title: 'Курсы экспертов',
        })
      ).status,
    ).toBe(422);
  });

  it('are listed by scope with filters and exported; changes are audited', async () => {
    const all = await methodist.get('/api/memberships');
    expect(all.body.total).toBe(4);
    expect((await methodist.get(`/api/memberships?organizationId=${schoolB.id}`)).body.total).toBe(2);
    expect((await methodist.get('/api/memberships?status=ended')).body.total).toBe(1);
    const forB = await headB.get('/api/memberships');
    expect(names(forB).sort()).toEqual([
      expect.stringMatching(/^Васильева/),
      expect.stringMatching(/^Григорьева/),
    ]);
    const own = await outsider.get('/api/memberships');
    expect(own.body.items.map((m: { personId: string }) => m.personId)).toEqual([rusB.id]);
    expect((await otherMethodist.get('/api/memberships')).body.total).toBe(0);
    expect((await otherMethodist.get(`/api/memberships/${reserve}`)).status).toBe(404);

    const file = await methodist.get('/api/memberships/export?kind=manager_reserve');
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.raw) as unknown as ArrayBuffer);
    const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    expect(text).toContain('Назначена заместителем директора');
    expect(text).toContain('1 / 1');

    const rows = await t.db.query<{ action: string }>(sql`
      SELECT action FROM audit_log WHERE entity = 'membership' AND person_id = ${leaderP.id} ORDER BY id`);
    expect(rows.map((r) => r.action)).toEqual(['create', 'status', 'status', 'status', 'create']);
  });
});
