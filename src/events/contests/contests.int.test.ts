import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';

/**
 * A contest over HTTP: nominations and criteria, entries, the jury's hidden score sheets, the
 * organizer's outcomes, publication that freezes scores and issues diplomas. The contest is dated
 * 2999-03-01 with registration open 2000–2999, so nothing depends on the real today.
 */
let t: TestApp;
let methodist: Client;
let otherMethodist: Client;
let p1: Client;
let p2: Client;
let p3: Client;
let j1: Client;
let j2: Client;
let j3: Client;
let bystander: Client;
let outsider: Client;
let eventId: string;
const reg: Record<string, string> = {};
const ids = { n1: '', n2: '', k1: '', k2: '', e1: '', e2: '', e3: '' };

function pdfTitle(raw: ArrayBuffer): string | null {
  const text = new TextDecoder('latin1').decode(raw);
  const hex = /\/Title <([0-9A-Fa-f]+)>/.exec(text)?.[1];
  if (!hex) return null;
  const bytes = Uint8Array.from(hex.match(/../g)!.map((h) => Number.parseInt(h, 16)));
  return new TextDecoder('utf-16be').decode(bytes).replace(/^\uFEFF/, '');
}

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muni = await ctx.newMunicipality();
  const otherMuni = await ctx.newMunicipality();
  const school = await ctx.newOrg({ municipalityId: muni.id });
  const far = await ctx.newOrg({ municipalityId: otherMuni.id });
  const at = (m: { id: string; regionId: string }) => ({ municipalityId: m.id, regionId: m.regionId });
  methodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at(muni) }));
  otherMethodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at(otherMuni) }));
  const head = await t.login(await ctx.newUser({ role: 'municipal_head', ...at(muni) }));
  const teacher = async (lastName: string, org = school.id) => {
    const p = await ctx.newPerson({ organizationId: org, lastName, firstName: 'Анна' });
    return t.login(await ctx.newUser({ role: 'teacher', personId: p.id, organizationId: org }));
  };
  p1 = await teacher('Иванова');
  p2 = await teacher('Петрова');
  p3 = await teacher('Сидорова');
  j1 = await teacher('Жюриева');
  j2 = await teacher('Экспертова');
  j3 = await teacher('Чужая');
  bystander = await teacher('Зрителева');
  outsider = await teacher('Дальняя', far.id);

  const planId = (await methodist.post('/api/event-plans', { schoolYear: 2026 })).body.id;
  const contest = (title: string) =>
    methodist.post(`/api/event-plans/${planId}/events`, {
      title,
      kind: 'contest',
      level: 'municipal',
      registrationOpensOn: '2000-01-01',
      registrationClosesOn: '2999-02-20',
      startsOn: '2999-03-01',
    });
  eventId = (await contest('Конкурс «Педагог года»')).body.id;
  const otherContest = (await contest('Конкурс «Учитель-дефектолог»')).body.id;
  expect((await head.post(`/api/event-plans/${planId}/approve`)).status).toBe(200);
  for (const [k, c] of Object.entries({ p1, p2, p3, j1, j2 })) {
    const r = await c.post(`/api/events/${eventId}/register`);
    expect(r.body.status).toBe('confirmed');
    reg[k] = r.body.id;
  }
  reg.j3 = (await j3.post(`/api/events/${otherContest}/register`)).body.id;
  for (const k of ['j1', 'j2'])
    expect((await methodist.put(`/api/event-registrations/${reg[k]}/role`, { role: 'jury' })).status).toBe(
      200,
    );
  expect((await methodist.put(`/api/event-registrations/${reg.j3}/role`, { role: 'jury' })).status).toBe(200);
});
afterAll(async () => t.close());

describe('the organizer sets up the contest', () => {
  it('adds nominations and criteria; others are refused, bad input is 422', async () => {
    expect((await p1.post(`/api/events/${eventId}/contest/nominations`, { title: 'Х' })).status).toBe(403);
    expect(
      (await otherMethodist.post(`/api/events/${eventId}/contest/nominations`, { title: 'Х' })).status,
    ).toBe(404);
    expect((await methodist.post(`/api/events/${eventId}/contest/nominations`, { title: ' ' })).status).toBe(
      422,
    );
    expect(
      (await methodist.post(`/api/events/${eventId}/contest/criteria`, { title: 'Новизна', maxScore: 0 }))
        .status,
    ).toBe(422);
    await methodist.post(`/api/events/${eventId}/contest/nominations`, { title: 'Урок' });
    const dup = await methodist.post(`/api/events/${eventId}/contest/nominations`, { title: 'урок' });
    expect(dup.status).toBe(409);
    await methodist.post(`/api/events/${eventId}/contest/nominations`, { title: 'Классный час' });
    await methodist.post(`/api/events/${eventId}/contest/criteria`, { title: 'Содержание', maxScore: 10 });
    const res = await methodist.post(`/api/events/${eventId}/contest/criteria`, {
      title: 'Подача',
      maxScore: 5,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ canManage: true, maxTotal: 15, publishedAt: null });
    expect(res.body.nominations.map((n: { title: string }) => n.title)).toEqual(['Урок', 'Классный час']);
    [ids.n1, ids.n2] = res.body.nominations.map((n: { id: string }) => n.id);
    [ids.k1, ids.k2] = res.body.criteria.map((k: { id: string }) => k.id);
  });

  it('answers 404 for an event that is not a contest', async () => {
    const card = await methodist.get(`/api/events/${eventId}`);
    const planId = card.body.planId;
    const webinar = await methodist.post(`/api/event-plans/${planId}/events`, {
      title: 'Вебинар',
      kind: 'webinar',
      level: 'municipal',
      startsOn: '2999-03-02',
    });
    expect((await methodist.get(`/api/events/${webinar.body.id}/contest`)).status).toBe(404);
  });
});

describe('entries', () => {
  it('are submitted by confirmed participants, one per nomination; not by jurors', async () => {
    const bad = await p1.post(`/api/events/${eventId}/contest/entries`, {
      nominationId: ids.n1,
      title: 'Урок дробей',
      materialsUrl: 'ftp://x',
    });
    expect(bad.status).toBe(422);
    const e1 = await p1.post(`/api/events/${eventId}/contest/entries`, {
      nominationId: ids.n1,
      title: 'Урок дробей',
      materialsUrl: 'https://example.org/p1',
    });
    expect(e1.status).toBe(200);
    expect(e1.body).toMatchObject({ title: 'Урок дробей', outcome: null, averageScore: null });
    ids.e1 = e1.body.id;
    const again = await p1.post(`/api/events/${eventId}/contest/entries`, {
      nominationId: ids.n1,
      title: 'Ещё',
    });
    expect(again.status).toBe(409);
    ids.e2 = (
      await p2.post(`/api/events/${eventId}/contest/entries`, { nominationId: ids.n1, title: 'Урок чтения' })
    ).body.id;
    ids.e3 = (
      await p3.post(`/api/events/${eventId}/contest/entries`, { nominationId: ids.n2, title: 'Классный час' })
    ).body.id;
    expect(
      (await j1.post(`/api/events/${eventId}/contest/entries`, { nominationId: ids.n1, title: 'Я' })).status,
    ).toBe(403);
    const notRegistered = await bystander.post(`/api/events/${eventId}/contest/entries`, {
      nominationId: ids.n1,
      title: 'Я',
    });
    expect(notRegistered.status).toBe(403);
    expect(notRegistered.body.error.message).toBe('Чтобы подать работу, зарегистрируйтесь на конкурс.');
  });

  it('stay hidden from another teacher, who can neither see nor edit them', async () => {
    expect((await p2.get(`/api/events/${eventId}/contest/entries`)).status).toBe(403);
    expect((await p2.patch(`/api/contest-entries/${ids.e1}`, { title: 'Чужое' })).status).toBe(404);
    expect((await p2.delete(`/api/contest-entries/${ids.e1}`)).status).toBe(404);
    expect((await outsider.patch(`/api/contest-entries/${ids.e1}`, { title: 'Чужое' })).status).toBe(404);
    expect((await methodist.patch(`/api/contest-entries/${ids.e1}`, { title: 'Чужое' })).status).toBe(403);
    const mine = await p2.get(`/api/events/${eventId}/contest`);
    expect(mine.body.myEntries.map((e: { id: string }) => e.id)).toEqual([ids.e2]);
    expect((await outsider.get(`/api/events/${eventId}/contest`)).status).toBe(404);
    const edited = await p1.patch(`/api/contest-entries/${ids.e1}`, { title: 'Урок дробей, 5 класс' });
    expect(edited.status).toBe(200);
    expect(edited.body.title).toBe('Урок дробей, 5 класс');
  });
});

describe('the jury', () => {
  const sheet = (a: number, b: number) => ({
    scores: [
      { criterionId: ids.k1, score: a },
      { criterionId: ids.k2, score: b },
    ],
  });

  it('scores by every criterion within 0..max; only this contest’s jurors may', async () => {
    const over = await j1.put(`/api/contest-entries/${ids.e1}/scores`, sheet(11, 5));
    expect(over.status).toBe(422);
    expect(over.body.error.message).toBe('Оценка по критерию «Содержание» — целое число от 0 до 10');
    const partial = await j1.put(`/api/contest-entries/${ids.e1}/scores`, {
      scores: [{ criterionId: ids.k1, score: 3 }],
    });
    expect(partial.status).toBe(422);
    expect((await j1.put(`/api/contest-entries/${ids.e1}/scores`, sheet(2.5, 1))).status).toBe(422);
    expect((await j3.put(`/api/contest-entries/${ids.e1}/scores`, sheet(10, 5))).status).toBe(403);
    expect((await p2.put(`/api/contest-entries/${ids.e1}/scores`, sheet(10, 5))).status).toBe(403);
    expect((await methodist.put(`/api/contest-entries/${ids.e1}/scores`, sheet(10, 5))).status).toBe(403);
    expect((await outsider.put(`/api/contest-entries/${ids.e1}/scores`, sheet(10, 5))).status).toBe(404);
    expect((await j1.put(`/api/contest-entries/${ids.e1}/scores`, sheet(8, 5))).status).toBe(200);
    // Editable until publication: the second sheet replaces the first.
    expect((await j1.put(`/api/contest-entries/${ids.e1}/scores`, sheet(9, 5))).status).toBe(200);
    expect((await j2.put(`/api/contest-entries/${ids.e1}/scores`, sheet(7, 4))).status).toBe(200);
    expect((await j1.put(`/api/contest-entries/${ids.e2}/scores`, sheet(5, 2))).status).toBe(200);
    const [row] = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM contest_scores WHERE entry_id = ${ids.e1}`,
    );
    expect(row!.n).toBe(4);
  });

  it('sees only its own sheets and no averages; participants see no scores', async () => {
    const table = await j2.get(`/api/events/${eventId}/contest/entries`);
    expect(table.status).toBe(200);
    expect(table.body.view).toBe('juror');
    const byId = (id: string) => table.body.items.find((e: { id: string }) => e.id === id);
    expect(byId(ids.e1).mySheet.total).toBe(11);
    expect(byId(ids.e1).averageScore).toBeNull();
    expect(byId(ids.e1).sheets).toBeNull();
    expect(byId(ids.e2).mySheet).toBeNull();
    expect(JSON.stringify(table.body)).not.toContain('"total":14');
    const mine = await p1.get(`/api/events/${eventId}/contest`);
    expect(mine.body.myEntries[0]).toMatchObject({ averageScore: null, outcome: null });
    const results = await p1.get(`/api/events/${eventId}/contest/results`);
    expect(results.body).toMatchObject({ publishedAt: null, nominations: [] });
  });

  it('gives the organizer the averages and suggested outcomes', async () => {
    const table = await methodist.get(`/api/events/${eventId}/contest/entries`);
    expect(table.body.view).toBe('organizer');
    const byId = (id: string) => table.body.items.find((e: { id: string }) => e.id === id);
    expect(byId(ids.e1)).toMatchObject({ averageScore: 12.5, sheets: 2, suggestedOutcome: 'winner' });
    expect(byId(ids.e2)).toMatchObject({ averageScore: 7, sheets: 1, suggestedOutcome: 'prize_winner' });
    expect(byId(ids.e3)).toMatchObject({ averageScore: null, sheets: 0, suggestedOutcome: 'participant' });
    expect((await j1.put(`/api/events/${eventId}/contest/outcomes`, { items: [] })).status).toBe(422);
    expect(
      (
        await j1.put(`/api/events/${eventId}/contest/outcomes`, {
          items: [{ entryId: ids.e1, outcome: 'winner' }],
        })
      ).status,
    ).toBe(403);
  });
});

describe('publication', () => {
  it('needs every outcome chosen', async () => {
    await methodist.put(`/api/events/${eventId}/contest/outcomes`, {
      items: [{ entryId: ids.e1, outcome: 'winner' }],
    });
    const res = await methodist.post(`/api/events/${eventId}/contest/publish`);
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/^Не выбран итог у работ: 2/);
    expect((await p1.post(`/api/events/${eventId}/contest/publish`)).status).toBe(403);
  });

  it('issues diplomas with serials in one step; the participant certificate stays', async () => {
    // p1 attended: their participant certificate coexists with the diploma.
    expect(
      (await methodist.put(`/api/event-registrations/${reg.p1}/attendance`, { attended: true })).body
        .certificate,
    ).toMatchObject({ status: 'valid' });
    await methodist.put(`/api/events/${eventId}/contest/outcomes`, {
      items: [
        { entryId: ids.e2, outcome: 'prize_winner' },
        { entryId: ids.e3, outcome: 'participant' },
      ],
    });
    const res = await methodist.post(`/api/events/${eventId}/contest/publish`);
    expect(res.status).toBe(200);
    expect(res.body.diplomas).toBe(2);
    expect((await methodist.post(`/api/events/${eventId}/contest/publish`)).status).toBe(409);
    const certs = await t.db.query<{
      registration_id: string;
      kind: string;
      serial: string;
      title: string;
      nomination: string | null;
    }>(sql`
      SELECT registration_id, kind::text AS kind, serial, content->>'title' AS title, content->>'nomination' AS nomination
      FROM event_certificates WHERE event_id = ${eventId} AND status = 'valid' ORDER BY serial`);
    expect(certs.map((c) => [c.registration_id, c.kind, c.title, c.nomination])).toEqual([
      [reg.p1, 'participant', 'Сертификат участника', null],
      [reg.p1, 'diploma', 'Диплом победителя', 'Урок'],
      [reg.p2, 'diploma', 'Диплом призёра', 'Урок'],
    ]);
    for (const c of certs) expect(c.serial).toMatch(/^МР-2999-\d{6}$/);
    const mine = await p1.get(`/api/events/${eventId}/contest`);
    expect(mine.body.myEntries[0]).toMatchObject({
      outcome: 'winner',
      outcomeName: 'победитель',
      averageScore: 12.5,
    });
    const diplomaId = mine.body.myEntries[0].diploma.id;
    const pdf = await p1.get(`/api/certificates/${diplomaId}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdfTitle(pdf.raw)).toMatch(/^Диплом победителя — Иванова Анна/);
    expect((await p2.get(`/api/certificates/${diplomaId}`)).status).toBe(404);
    const my = await p1.get('/api/my/certificates');
    expect(my.body.items.map((c: { kind: string }) => c.kind).sort()).toEqual(['diploma', 'participant']);
    // The registration's own certificate in the list stays the participant one.
    const r = (await methodist.get(`/api/events/${eventId}/registrations`)).body.items.find(
      (x: { id: string }) => x.id === reg.p1,
    );
    expect(r.certificate.id).not.toBe(diplomaId);
  });

  it('freezes scores, outcomes, entries and the setup', async () => {
    const sheet = {
      scores: [
        { criterionId: ids.k1, score: 1 },
        { criterionId: ids.k2, score: 1 },
      ],
    };
    expect((await j1.put(`/api/contest-entries/${ids.e1}/scores`, sheet)).status).toBe(409);
    expect(
      (
        await methodist.put(`/api/events/${eventId}/contest/outcomes`, {
          items: [{ entryId: ids.e3, outcome: 'winner' }],
        })
      ).status,
    ).toBe(409);
    expect((await p1.patch(`/api/contest-entries/${ids.e1}`, { title: 'Поздно' })).status).toBe(409);
    expect(
      (await methodist.post(`/api/events/${eventId}/contest/nominations`, { title: 'Новая' })).status,
    ).toBe(409);
    const [row] = await t.db.query<{ s: number }>(
      sql`SELECT sum(score)::int AS s FROM contest_scores WHERE entry_id = ${ids.e1}`,
    );
    expect(row!.s).toBe(25);
  });

  it('shows the results to everyone who sees the event, not beyond', async () => {
    const res = await bystander.get(`/api/events/${eventId}/contest/results`);
    expect(res.status).toBe(200);
    expect(res.body.publishedAt).toEqual(expect.any(String));
    expect(
      res.body.nominations.map(
        (n: {
          title: string;
          entries: { title: string; outcomeName: string; averageScore: number | null }[];
        }) => [n.title, n.entries.map((e) => [e.title, e.outcomeName, e.averageScore])],
      ),
    ).toEqual([
      [
        'Урок',
        [
          ['Урок дробей, 5 класс', 'победитель', 12.5],
          ['Урок чтения', 'призёр', 7],
        ],
      ],
      ['Классный час', [['Классный час', 'участник', null]]],
    ]);
    expect((await outsider.get(`/api/events/${eventId}/contest/results`)).status).toBe(404);
    // After publication the juror sees the averages too.
    const table = await j2.get(`/api/events/${eventId}/contest/entries`);
    expect(table.body.items.find((e: { id: string }) => e.id === ids.e1).averageScore).toBe(12.5);
  });
});
