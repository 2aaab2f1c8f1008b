import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/test-app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { sql } from '../../platform/db/database.ts';
import { buildFixture, FIXTURE, type Fixture } from '../fixture/fixture.ts';
import { closeSettings } from './closing.service.ts';
import { forgetClosedParts } from './dashboard-parts.ts';
import { monitoringFigures, presentValues } from './monitorings.service.ts';

/**
 * Monitorings over the correctness fixture (src/monitoring/fixture): a small set whose figures
 * are known by hand — 7 pedagogical staff in the control municipality (S1: P1–P4, S2: P5, P6,
 * D1: P8), young specialists P1 and P5, under 35 at asOf P1, P5, P8.
 */

/**
 * Every test builds its own world: a fresh copy of the fixture (tests change it — P4 leaves) with
 * its own indicator set, signed-in users and monitorings; nothing is shared but the app.
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

async function addIndicator(
  setId: string,
  p: {
    code: string;
    name: string;
    position: number;
    formula: unknown;
    unit?: string;
    direction?: 'up' | 'down';
    targets: [number, number][];
    baseline?: [number, number];
  },
): Promise<string> {
  const [row] = await t.db.query<{ id: string }>(sql`
    INSERT INTO indicators (set_id, code, name, position, formula, unit, direction, baseline_year, baseline_value)
    VALUES (${setId}, ${p.code}, ${p.name}, ${p.position}, ${JSON.stringify(p.formula)}::jsonb, ${p.unit ?? '%'},
            ${p.direction ?? 'up'}, ${p.baseline?.[0] ?? null}, ${p.baseline?.[1] ?? null})
    RETURNING id`);
  for (const [year, value] of p.targets) {
    await t.db.query(
      sql`INSERT INTO indicator_targets (indicator_id, year, value) VALUES (${row!.id}, ${year}, ${value})`,
    );
  }
  return row!.id;
}

const figureOf = (body: any, indicatorId: string) =>
  body.values.indicators.find((i: any) => i.indicatorId === indicatorId);

/** A page of one indicator's slice lines of a monitoring. */
const slicesOf = (as: { get: (url: string) => Promise<any> }, id: string, indicatorId: string, query = '') =>
  as.get(`/api/monitorings/${id}/indicators/${indicatorId}/slices${query ? `?${query}` : ''}`);

/** A fresh fixture with the control set of six indicators, its methodist and the head of S1. */
async function world() {
  const fx: Fixture = await buildFixture(t.ctx);
  const [set] = await t.db.query<{ id: string }>(sql`
    INSERT INTO indicator_sets (code, name, owner_level, region_id, municipality_id)
    VALUES ('kadry', 'Кадры (контроль)', 'municipality', ${fx.regionId}, ${fx.municipalityId}) RETURNING id`);
  const setId = set!.id;
  const ind = {
    young: await addIndicator(setId, {
      code: '1.1',
      name: 'Доля молодых специалистов',
      position: 1,
      formula: {
        kind: 'share',
        numerator: { measure: 'staff.young' },
        denominator: { measure: 'staff.total' },
      },
      targets: [
        [2025, 25],
        [2026, 30],
      ],
      baseline: [2024, 20],
    }),
    under35: await addIndicator(setId, {
      code: '1.2',
      name: 'Доля педагогов до 35 лет',
      position: 2,
      formula: {
        kind: 'share',
        numerator: { measure: 'staff.age', params: { max: 35 } },
        denominator: { measure: 'staff.total' },
      },
      targets: [[2026, 60]],
    }),
    total: await addIndicator(setId, {
      code: '2.1',
      name: 'Численность педагогов',
      position: 3,
      formula: { kind: 'count', of: { measure: 'staff.total' } },
      unit: 'чел.',
      targets: [[2026, 5]],
    }),
    manual: await addIndicator(setId, {
      code: '3.1',
      name: 'Доля педагогов — участников конкурсов',
      position: 4,
      formula: { kind: 'manual', measure: 'manual:contest_participants_share' },
      targets: [[2026, 10]],
    }),
    mentoring: await addIndicator(setId, {
      code: '4.1',
      name: 'Доля организаций с положением о наставничестве',
      position: 5,
      formula: {
        kind: 'share',
        numerator: { measure: 'orgs.flag', params: { flag: 'mentoring_regulation' } },
        denominator: { measure: 'orgs.total' },
      },
      targets: [],
    }),
    vacancies: await addIndicator(setId, {
      code: '5.1',
      name: 'Открытые вакансии',
      position: 6,
      formula: { kind: 'count', of: { measure: 'vacancies.open' } },
      unit: 'ед.',
      direction: 'down',
      targets: [],
    }),
  };
  const methodist = await t.login(fx.users.methodist);
  const head = await t.login(await t.ctx.newUser({ role: 'org_head', organizationId: fx.orgs.S1 }));
  const monitoringBody = () => ({
    setId,
    name: 'Мониторинг кадров 2026',
    periodStart: FIXTURE.periodStart,
    periodEnd: FIXTURE.periodEnd,
    asOf: FIXTURE.asOf,
    targetYear: 2026,
    schedule: 'ежегодно, сентябрь',
    responsible: 'ИМЦ',
  });
  return { fx, setId, ind, methodist, head, monitoringBody };
}
type World = Awaited<ReturnType<typeof world>>;

/** An open monitoring of the world's set, created by its methodist. */
async function openMonitoring(w: World): Promise<string> {
  const created = await w.methodist.post('/api/monitorings', w.monitoringBody());
  expect(created.status).toBe(201);
  return created.body.id;
}

/** A monitoring created and closed (frozen) over the fixture as built: 7 pedagogical staff. */
async function closedMonitoring(w: World): Promise<string> {
  const id = await openMonitoring(w);
  const closed = await w.methodist.post(`/api/monitorings/${id}/close`);
  expect(closed.status).toBe(200);
  return id;
}

/** P4 leaves S1 before the fixture's date, so a live count has 6 people. */
async function p4Leaves(w: World): Promise<void> {
  await t.db.query(sql`UPDATE employments SET end_date = '2026-09-01' WHERE person_id = ${w.fx.people.P4}`);
}

describe('monitorings', () => {
  it('a methodist creates a monitoring; while open its values are live, compared with the target year', async () => {
    const { fx, ind, methodist, monitoringBody } = await world();
    const created = await methodist.post('/api/monitorings', monitoringBody());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'open',
      ownerLevel: 'municipality',
      municipalityId: fx.municipalityId,
      canManage: true,
    });
    const monitoringId = created.body.id;

    const res = await methodist.get(`/api/monitorings/${monitoringId}`);
    expect(res.status).toBe(200);
    expect(res.body.values.frozen).toBe(false);
    const young = figureOf(res.body, ind.young);
    expect(young).toMatchObject({
      numerator: 2,
      denominator: 7,
      target: 30,
      targetStatus: 'at_risk',
      status: 'ok',
    });
    expect(young.value).toBeCloseTo((2 / 7) * 100, 3);
    expect(figureOf(res.body, ind.under35)).toMatchObject({
      numerator: 3,
      denominator: 7,
      targetStatus: 'not_achieved',
    });
    expect(figureOf(res.body, ind.total)).toMatchObject({ value: 7, target: 5, targetStatus: 'achieved' });
    expect(figureOf(res.body, ind.manual)).toMatchObject({
      value: null,
      status: 'manual_missing',
      targetStatus: 'no_data',
    });
    // The answer says how many lines each slice has; the lines come one indicator at a time.
    expect(young.slices).toBeUndefined();
    expect(young.sliceCounts).toEqual({ organization: 3, org_kind: 2, territory: 1, subject: 4 });
    const lines = await slicesOf(methodist, monitoringId, ind.young);
    expect(lines.status).toBe(200);
    expect(lines.body).toMatchObject({ frozen: false, kind: 'organization', total: 3, found: 3, target: 30 });
    // Per organization: S1 1 of 4, S2 1 of 2, D1 0 of 1.
    const orgs = Object.fromEntries(lines.body.items.map((s: any) => [s.key, [s.numerator, s.denominator]]));
    expect(orgs).toEqual({ [fx.orgs.S1]: [1, 4], [fx.orgs.S2]: [1, 2], [fx.orgs.D1]: [0, 1] });
    expect((await slicesOf(methodist, monitoringId, ind.young, 'kind=org_kind')).body.items).toHaveLength(2);
    expect((await slicesOf(methodist, monitoringId, ind.young, 'kind=subject')).body.total).toBe(4);
    expect((await slicesOf(methodist, monitoringId, ind.young, 'kind=territory')).body.items).toEqual([
      expect.objectContaining({ key: fx.municipalityId, numerator: 2 }),
    ]);
  });

  it('who may see and who may not: a school head reads the municipal figure with only their school line', async () => {
    const w = await world();
    const { fx, ind, head, monitoringBody } = w;
    const monitoringId = await openMonitoring(w);
    const res = await head.get(`/api/monitorings/${monitoringId}`);
    expect(res.status).toBe(200);
    expect(res.body.canManage).toBe(false);
    const young = figureOf(res.body, ind.young);
    expect(young).toMatchObject({ numerator: 2, denominator: 7 });
    expect(young.sliceCounts.organization).toBe(1);
    const own = await slicesOf(head, monitoringId, ind.young, 'pageSize=200');
    expect(own.status).toBe(200);
    expect(own.body.items.map((s: any) => s.key)).toEqual([fx.orgs.S1]);
    expect(own.body.total).toBe(1);
    // not by name either: another school's line is not there to be found
    const [s2] = await t.db.query<{ short_name: string }>(
      sql`SELECT short_name FROM organizations WHERE id = ${fx.orgs.S2}`,
    );
    expect(
      (await slicesOf(head, monitoringId, ind.young, `q=${encodeURIComponent(s2!.short_name)}`)).body.found,
    ).toBe(0);
    expect((await head.get('/api/monitorings')).body.items.map((m: any) => m.id)).toContain(monitoringId);

    const other = await t.login(fx.users.otherMethodist);
    expect((await other.get(`/api/monitorings/${monitoringId}`)).status).toBe(404);
    expect((await slicesOf(other, monitoringId, ind.young)).status).toBe(404);
    expect((await other.get('/api/monitorings')).body.items.map((m: any) => m.id)).not.toContain(
      monitoringId,
    );
    expect((await other.post('/api/monitorings', monitoringBody())).status).toBe(404);

    const teacherUser = await t.ctx.newUser({ role: 'teacher', personId: fx.people.P1 });
    const teacher = await t.login(teacherUser);
    expect((await teacher.get(`/api/monitorings/${monitoringId}`)).status).toBe(403);
    expect((await teacher.get('/api/monitorings')).status).toBe(403);
    expect((await slicesOf(teacher, monitoringId, ind.young)).status).toBe(403);
    expect((await head.post(`/api/monitorings/${monitoringId}/close`)).status).toBe(403);
  });

  it("one indicator's slice lines: paged, sorted and searched on the server", async () => {
    const w = await world();
    const { fx, ind, methodist } = w;
    const id = await openMonitoring(w);
    const names = new Map(
      (
        await t.db.query<{ id: string; short_name: string }>(
          sql`SELECT id::text AS id, short_name FROM organizations WHERE id IN (${fx.orgs.S1}, ${fx.orgs.S2}, ${fx.orgs.D1})`,
        )
      ).map((o) => [o.id, o.short_name]),
    );
    // by name unless asked, in pages
    const first = await slicesOf(methodist, id, ind.young, 'pageSize=2');
    expect(first.body).toMatchObject({ total: 3, found: 3, page: 1, pageSize: 2 });
    expect(first.body.items).toHaveLength(2);
    const second = await slicesOf(methodist, id, ind.young, 'pageSize=2&page=2');
    expect(second.body.items).toHaveLength(1);
    const keys = [...first.body.items, ...second.body.items].map((s: any) => s.key);
    expect(new Set(keys)).toEqual(new Set([fx.orgs.S1, fx.orgs.S2, fx.orgs.D1]));
    const labels = [...first.body.items, ...second.body.items].map((s: any) => s.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'ru', { numeric: true })));
    // a page past the last is the last
    expect((await slicesOf(methodist, id, ind.young, 'pageSize=2&page=9')).body.page).toBe(2);
    // by value: S2 50 %, S1 25 %, D1 0 %
    const desc = await slicesOf(methodist, id, ind.young, 'sort=value&order=desc');
    expect(desc.body.items.map((s: any) => s.key)).toEqual([fx.orgs.S2, fx.orgs.S1, fx.orgs.D1]);
    const asc = await slicesOf(methodist, id, ind.young, 'sort=denominator&order=asc');
    expect(asc.body.items.map((s: any) => s.denominator)).toEqual([1, 2, 4]);
    // each line judged against the indicator's target (30): S2 achieved, S1 and D1 short of it
    expect(Object.fromEntries(desc.body.items.map((s: any) => [s.key, s.targetStatus]))).toEqual({
      [fx.orgs.S2]: 'achieved',
      [fx.orgs.S1]: 'not_achieved',
      [fx.orgs.D1]: 'not_achieved',
    });
    const short = await slicesOf(methodist, id, ind.young, 'targetStatus=not_achieved&sort=status');
    expect(short.body).toMatchObject({ total: 3, found: 2 });
    // part of a name, in any case
    const needle = names.get(fx.orgs.S1)!.toLocaleUpperCase('ru');
    const found = await slicesOf(methodist, id, ind.young, `q=${encodeURIComponent(needle)}`);
    expect(found.body).toMatchObject({ total: 3, found: 1 });
    expect(found.body.items[0].key).toBe(fx.orgs.S1);
    expect(
      (await slicesOf(methodist, id, ind.young, 'q=%D0%BD%D0%B5%D1%82-%D1%82%D0%B0%D0%BA%D0%BE%D0%B9')).body,
    ).toMatchObject({
      found: 0,
      items: [],
    });
  });

  it('bad slice parameters are refused with 422 and a Russian message; an unknown indicator is 404', async () => {
    const w = await world();
    const { ind, methodist, setId } = w;
    const id = await openMonitoring(w);
    for (const query of [
      'pageSize=0',
      'pageSize=201',
      'page=0',
      'page=abc',
      'kind=people',
      'sort=size',
      'order=up',
      'targetStatus=bad',
      `q=${'я'.repeat(201)}`,
    ]) {
      const res = await slicesOf(methodist, id, ind.young, query);
      expect(res.status, query).toBe(422);
      expect(res.body.error.code, query).toBe('validation');
      expect(res.body.error.issues[0].message, query).toMatch(/[а-яё]/i);
    }
    expect((await methodist.get(`/api/monitorings/${id}/indicators/not-a-uuid/slices`)).status).toBe(422);
    const unknown = await slicesOf(methodist, id, '00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('Показатель не найден в этом мониторинге.');
    // the set's slices: a year or a date, not both; a period that ends before it starts
    const setSlices = `/api/indicator-sets/${setId}/slices?indicatorId=${ind.young}`;
    const both = await methodist.get(`${setSlices}&year=2026&asOf=${FIXTURE.asOf}`);
    expect(both.status).toBe(422);
    expect(both.body.error.issues[0].message).toBe('Укажите либо год, либо дату расчёта');
    const backwards = await methodist.get(
      `${setSlices}&asOf=${FIXTURE.asOf}&periodStart=2026-09-30&periodEnd=2026-01-01`,
    );
    expect(backwards.status).toBe(422);
    expect((await methodist.get(`${setSlices}&asOf=31.12.2026`)).status).toBe(422);
  });

  it("a closed monitoring's slice lines are the frozen ones: a person leaving changes the live lines only", async () => {
    const w = await world();
    const { fx, ind, methodist, head, monitoringBody } = w;
    const id = await closedMonitoring(w);
    const before = await slicesOf(methodist, id, ind.young, 'pageSize=200');
    expect(before.body.frozen).toBe(true);
    const s1 = (body: any) => body.items.find((s: any) => s.key === fx.orgs.S1);
    expect(s1(before.body)).toMatchObject({ numerator: 1, denominator: 4 });
    const headBefore = await slicesOf(head, id, ind.young);
    expect(headBefore.body.items.map((s: any) => s.key)).toEqual([fx.orgs.S1]);

    await p4Leaves(w);
    // read again from the stored snapshot, not from what this process remembers
    forgetClosedParts(t.db);
    const after = await slicesOf(methodist, id, ind.young, 'pageSize=200');
    expect(after.body).toEqual(before.body);
    expect((await slicesOf(head, id, ind.young)).body).toEqual(headBefore.body);
    const answer = await methodist.get(`/api/monitorings/${id}`);
    expect(figureOf(answer.body, ind.young).sliceCounts.organization).toBe(3);

    // a new (open) monitoring on the same date counts the registry as it is now: S1 has 3
    const live = await methodist.post('/api/monitorings', { ...monitoringBody(), name: 'Повторный срез' });
    const liveLines = await slicesOf(methodist, live.body.id, ind.young, 'pageSize=200');
    expect(liveLines.body.frozen).toBe(false);
    expect(s1(liveLines.body)).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('at 800 organizations the answer stays small; the lines come a page at a time and the XLSX has them all', async () => {
    const w = await world();
    const { fx, ind, methodist } = w;
    await t.db.query(sql`
      INSERT INTO organizations (region_id, municipality_id, code, full_name, short_name, kind)
      SELECT ${fx.regionId}, ${fx.municipalityId}, 'BIG' || n || '-' || ${fx.municipalityId}::text,
             'МБОУ «Школа № ' || n || '» (масштаб)', 'Школа № ' || n, 'school'
      FROM generate_series(1, 800) AS n`);
    const id = await openMonitoring(w);
    const open = await methodist.get(`/api/monitorings/${id}`);
    expect(open.status).toBe(200);
    const bytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x));
    expect(figureOf(open.body, ind.young).sliceCounts.organization).toBe(803);
    expect(bytes(open.body)).toBeLessThan(20 * 1024);
    // what the answer carried before: every indicator's lines of every slice
    const [m] = await t.db.query<any>(sql`SELECT * FROM monitorings WHERE id = ${id}`);
    const actor: Actor = {
      userId: fx.users.methodist.id,
      email: fx.users.methodist.email,
      fullName: '',
      role: 'municipal_methodist',
      regionId: fx.regionId,
      municipalityId: fx.municipalityId,
      organizationId: null,
      personId: null,
    };
    const full = await presentValues(t.db, actor, m.set_id, 2026, await monitoringFigures(t.db, m));
    expect(bytes(full)).toBeGreaterThan(30 * bytes(open.body));

    const page = await slicesOf(
      methodist,
      id,
      ind.young,
      'q=%D0%A8%D0%BA%D0%BE%D0%BB%D0%B0%20%E2%84%96%2012&pageSize=200',
    );
    // «Школа № 12» and «Школа № 120» … «Школа № 129» of 803
    expect(page.body.total).toBe(803);
    expect(page.body.found).toBe(11);
    const biggest = await slicesOf(methodist, id, ind.young, 'pageSize=200&page=5');
    expect(biggest.body.items).toHaveLength(3);
    expect(bytes((await slicesOf(methodist, id, ind.young, 'pageSize=200')).body)).toBeLessThan(200 * 1024);

    const threshold = closeSettings.jobThresholdOrgs;
    closeSettings.jobThresholdOrgs = 100000;
    try {
      expect((await methodist.post(`/api/monitorings/${id}/close`)).status).toBe(200);
    } finally {
      closeSettings.jobThresholdOrgs = threshold;
    }
    const closed = await methodist.get(`/api/monitorings/${id}`);
    expect(closed.body.values.frozen).toBe(true);
    expect(bytes(closed.body)).toBeLessThan(20 * 1024);
    const file = await methodist.get(`/api/monitorings/${id}/export?format=xlsx`);
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.raw);
    // the title block and the header (8 rows), then every organization × six indicators
    expect(wb.getWorksheet('Организации')!.rowCount).toBe(8 + 803 * 6);
  });

  it('a period ending before it starts is refused', async () => {
    const { methodist, monitoringBody } = await world();
    const res = await methodist.post('/api/monitorings', {
      ...monitoringBody(),
      periodStart: '2026-09-30',
      periodEnd: '2026-01-01',
    });
    expect(res.status).toBe(422);
  });

  it('live drill-down lists the people counted, within the viewer’s scope', async () => {
    const w = await world();
    const { fx, ind, methodist } = w;
    const monitoringId = await openMonitoring(w);
    const res = await methodist.get(
      `/api/monitorings/${monitoringId}/drilldown?indicatorId=${ind.young}&part=numerator`,
    );
    expect(res.status).toBe(200);
    expect(res.body.frozen).toBe(false);
    expect(res.body.memberKind).toBe('person');
    expect(res.body.items.map((i: any) => i.id).sort()).toEqual([fx.people.P1, fx.people.P5].sort());

    // Organizations and vacancies drill down to their own names.
    const orgs = await methodist.get(
      `/api/monitorings/${monitoringId}/drilldown?indicatorId=${ind.mentoring}&part=numerator`,
    );
    expect(orgs.body.memberKind).toBe('organization');
    expect(orgs.body.items.map((i: any) => i.id).sort()).toEqual([fx.orgs.S1, fx.orgs.D1].sort());
    expect(orgs.body.items.map((i: any) => i.name)).toContain('МБОУ «СОШ № 1» (контроль)');
    const vacancies = await methodist.get(
      `/api/monitorings/${monitoringId}/drilldown?indicatorId=${ind.vacancies}&part=value`,
    );
    expect(vacancies.body.memberKind).toBe('vacancy');
    expect(vacancies.body.items.map((i: any) => i.organizationId).sort()).toEqual(
      [fx.orgs.S1, fx.orgs.S2].sort(),
    );
  });

  it('closing freezes every figure and the ids behind it; a second close is refused', async () => {
    const w = await world();
    const { fx, ind, methodist } = w;
    const monitoringId = await openMonitoring(w);
    const closed = await methodist.post(`/api/monitorings/${monitoringId}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.closedAt).not.toBeNull();
    const [counts] = await t.db.query<{ values: number; members: number; total: number }>(sql`
      SELECT (SELECT count(*)::int FROM monitoring_values WHERE monitoring_id = ${monitoringId}) AS values,
             (SELECT count(*)::int FROM monitoring_members WHERE monitoring_id = ${monitoringId}) AS members,
             (SELECT count(*)::int FROM monitoring_values WHERE monitoring_id = ${monitoringId} AND slice_kind = 'total') AS total`);
    expect(counts!.total).toBe(6);
    expect(counts!.values).toBe(closed.body.frozenValues);
    expect(counts!.members).toBeGreaterThan(0);
    const [young] = await t.db.query<{ member_ids: string[] }>(sql`
      SELECT member_ids FROM monitoring_members
      WHERE monitoring_id = ${monitoringId} AND indicator_id = ${ind.young} AND part = 'denominator'
        AND organization_id = ${fx.orgs.S1}`);
    expect([...young!.member_ids].sort()).toEqual(
      [fx.people.P1, fx.people.P2, fx.people.P3, fx.people.P4].sort(),
    );

    const again = await methodist.post(`/api/monitorings/${monitoringId}/close`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('уже закрыт');
  });

  it('a published number never changes: after a person leaves the frozen figures and names stay, a live compute differs', async () => {
    const w = await world();
    const { fx, setId, ind, methodist, monitoringBody } = w;
    const monitoringId = await closedMonitoring(w);
    const before = await methodist.get(`/api/monitorings/${monitoringId}`);
    const drillBefore = await methodist.get(
      `/api/monitorings/${monitoringId}/drilldown?indicatorId=${ind.young}&part=denominator&organizationId=${fx.orgs.S1}`,
    );
    // P4 leaves S1 before the date the monitoring was taken on.
    await t.db.query(sql`UPDATE employments SET end_date = '2026-09-01' WHERE person_id = ${fx.people.P4}`);

    const after = await methodist.get(`/api/monitorings/${monitoringId}`);
    expect(after.body.values.frozen).toBe(true);
    expect(after.body.values).toEqual(before.body.values);
    expect(figureOf(after.body, ind.young)).toMatchObject({
      numerator: 2,
      denominator: 7,
      targetStatus: 'at_risk',
    });
    const drillAfter = await methodist.get(
      `/api/monitorings/${monitoringId}/drilldown?indicatorId=${ind.young}&part=denominator&organizationId=${fx.orgs.S1}`,
    );
    expect(drillAfter.body.items).toEqual(drillBefore.body.items);
    expect(drillAfter.body.items.map((i: any) => i.id)).toContain(fx.people.P4);

    const live = await methodist.get(
      `/api/indicator-sets/${setId}/values?asOf=${FIXTURE.asOf}&periodStart=${FIXTURE.periodStart}&periodEnd=${FIXTURE.periodEnd}`,
    );
    expect(live.status).toBe(200);
    expect(live.body.indicators.find((i: any) => i.indicatorId === ind.young)).toMatchObject({
      numerator: 2,
      denominator: 6,
    });
    // A new monitoring on the same date counts the registry as it is now.
    const second = await methodist.post('/api/monitorings', { ...monitoringBody(), name: 'Повторный срез' });
    const secondValues = await methodist.get(`/api/monitorings/${second.body.id}`);
    expect(figureOf(secondValues.body, ind.total).value).toBe(6);

    // Raising the target after closing re-judges the open monitoring only, never the published one.
    const frozenTarget = figureOf(before.body, ind.young).target;
    expect(frozenTarget).not.toBeNull();
    const set = await methodist.get(`/api/indicator-sets/${setId}`);
    const allTargets = set.body.indicators.find((i: any) => i.id === ind.young).targets;
    const raised = await methodist.put(`/api/indicators/${ind.young}/targets`, {
      targets: [{ year: before.body.targetYear, value: 99 }],
    });
    expect(raised.status).toBe(200);
    const closedAgain = await methodist.get(`/api/monitorings/${monitoringId}`);
    expect(figureOf(closedAgain.body, ind.young)).toMatchObject({
      target: frozenTarget,
      targetStatus: 'at_risk',
    });
    const openAgain = await methodist.get(`/api/monitorings/${second.body.id}`);
    expect(figureOf(openAgain.body, ind.young)).toMatchObject({ target: 99, targetStatus: 'not_achieved' });
    await methodist.put(`/api/indicators/${ind.young}/targets`, { targets: allTargets });
  });

  it('frozen drill-down: a school head sees only their school’s names under the municipal figure, and the read is audited', async () => {
    const w = await world();
    const { fx, ind, methodist, head } = w;
    const monitoringId = await closedMonitoring(w);
    const all = await methodist.get(
      `/api/monitorings/${monitoringId}/drilldown?indicatorId=${ind.young}&part=denominator`,
    );
    expect(all.status).toBe(200);
    expect(all.body.frozen).toBe(true);
    expect(all.body.items).toHaveLength(7);
    expect(all.body.truncated).toBe(false);
    const file = await methodist.get(
      `/api/monitorings/${monitoringId}/drilldown/export?indicatorId=${ind.young}&part=denominator`,
    );
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.raw);
    const sheet = wb.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['ФИО', 'Организация', 'Должность']);
    expect(sheet.rowCount).toBe(1 + 7);
    const p4 = all.body.items.find((i: any) => i.id === fx.people.P4);
    expect(p4.detail).toBe('Учитель');
    expect(p4.name).toMatch(/\S+ \S+/);

    const mine = await head.get(
      `/api/monitorings/${monitoringId}/drilldown?indicatorId=${ind.young}&part=denominator`,
    );
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: any) => i.id).sort()).toEqual(
      [fx.people.P1, fx.people.P2, fx.people.P3, fx.people.P4].sort(),
    );
    expect(mine.body.items.every((i: any) => i.organizationId === fx.orgs.S1)).toBe(true);
    const foreign = await head.get(
      `/api/monitorings/${monitoringId}/drilldown?indicatorId=${ind.young}&part=denominator&organizationId=${fx.orgs.S2}`,
    );
    expect(foreign.status).toBe(404);

    const audit = await t.db.query<{ actor_email: string; details: any }>(sql`
      SELECT actor_email, details FROM audit_log
      WHERE entity = 'monitoring_members' AND action = 'read' AND entity_id = ${monitoringId} ORDER BY id`);
    expect(audit.length).toBeGreaterThanOrEqual(3);
    // The last read is the school head's, of their four.
    expect(audit.at(-1)!.details).toMatchObject({ indicatorId: ind.young, part: 'denominator', rows: 4 });
    expect(audit.at(-2)!.details).toMatchObject({ rows: 7 });

    // A manual figure has no list behind it.
    const manual = await methodist.get(
      `/api/monitorings/${monitoringId}/drilldown?indicatorId=${ind.manual}&part=value`,
    );
    expect(manual.status).toBe(422);
  });

  it('XLSX export opens in ExcelJS with every indicator, its target and status, and a sheet per slice', async () => {
    const w = await world();
    const { methodist } = w;
    const monitoringId = await closedMonitoring(w);
    const res = await methodist.get(`/api/monitorings/${monitoringId}/export?format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Показатели',
      'Организации',
      'Типы организаций',
      'Территории',
      'Предметы',
    ]);
    const main = wb.getWorksheet('Показатели')!;
    // The title block: what, territory, period, as of, the «closed» stamp, who exported.
    expect(String(main.getCell('A1').value)).toMatch(/^Мониторинг «/);
    const block = new Map<string, unknown>();
    for (let r = 2; r <= 6; r++) block.set(String(main.getCell(`A${r}`).value), main.getCell(`B${r}`).value);
    expect([...block.keys()]).toEqual(['Территория', 'Период', 'По состоянию на', 'Данные', 'Выгрузил(а)']);
    expect(block.get('По состоянию на')).toBeInstanceOf(Date);
    expect(String(block.get('Данные'))).toMatch(/^зафиксированы \d\d\.\d\d\.\d{4} \(мониторинг закрыт\)$/);
    const headerAt = 8;
    expect(main.views[0]).toMatchObject({ state: 'frozen', ySplit: headerAt });
    const header = (main.getRow(headerAt).values as unknown[]).slice(1);
    expect(header).toEqual([
      'Код',
      'Показатель',
      'Ед. изм.',
      'Значение',
      'Целевое значение 2026',
      'Статус',
      'Числитель',
      'Знаменатель',
      'Источник',
      'Примечание',
    ]);
    const rows = new Map<string, unknown[]>();
    main.eachRow((row, n) => {
      if (n > headerAt) rows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1));
    });
    // Values are rounded to one decimal with a number format; counts as stored.
    expect(rows.get('1.1')!.slice(3, 8)).toEqual([28.6, 30, 'под угрозой', 2, 7]);
    expect(main.getCell(`D${headerAt + 1}`).numFmt).toBe('#,##0.0');
    expect(rows.get('2.1')!.slice(3, 6)).toEqual([7, 5, 'достигнуто']);
    expect(rows.get('3.1')![8]).toBe('вводится вручную');
    const orgSheet = wb.getWorksheet('Организации')!;
    expect(orgSheet.rowCount).toBe(headerAt + 3 * 6); // three organizations × six indicators
  });

  it('the dashboard: the latest closed monitoring of the year against its target, dynamics and problem zones', async () => {
    const w = await world();
    const { fx, setId, ind, methodist, head } = w;
    const monitoringId = await closedMonitoring(w);
    const res = await methodist.get(`/api/indicator-sets/${setId}/dashboard?year=2026`);
    expect(res.status).toBe(200);
    expect(res.body.source).toMatchObject({ kind: 'monitoring', monitoringId });
    const young = res.body.indicators.find((i: any) => i.indicatorId === ind.young);
    expect(young.targetStatus).toBe('at_risk');
    expect(young.value).toBeCloseTo((2 / 7) * 100, 3);
    expect(young.dynamics).toEqual([
      { year: 2024, value: 20, target: null, source: 'baseline' },
      { year: 2025, value: null, target: 25, source: '' },
      { year: 2026, value: young.value, target: 30, source: 'monitoring' },
    ]);
    // D1 0 % and S1 25 % fall short of 30 (S1 by more than 10 % of it); S2 50 % is not a problem.
    expect(young.problemZoneCount).toBe(2);
    const zones = await methodist.get(
      `/api/indicator-sets/${setId}/problem-zones?year=2026&indicatorId=${ind.young}`,
    );
    expect(zones.body.items.map((z: any) => [z.organizationId, z.targetStatus, z.gap])).toEqual([
      [fx.orgs.D1, 'not_achieved', 30],
      [fx.orgs.S1, 'not_achieved', 5],
    ]);
    const statuses = Object.fromEntries(res.body.indicators.map((i: any) => [i.code, i.targetStatus]));
    expect(statuses).toEqual({
      '1.1': 'at_risk',
      '1.2': 'not_achieved',
      '2.1': 'achieved',
      '3.1': 'no_data',
      '4.1': null,
      '5.1': null,
    });

    // The admin (owner ordering over every territory) reads the same closed monitoring.
    const admin = await t.login(await t.ctx.newUser({ role: 'admin' }));
    const asAdmin = await admin.get(`/api/indicator-sets/${setId}/dashboard?year=2026`);
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.source).toMatchObject({ kind: 'monitoring', monitoringId });

    // A year without a closed monitoring is computed live.
    const live = await methodist.get(`/api/indicator-sets/${setId}/dashboard?year=2025`);
    expect(live.status).toBe(200);
    expect(live.body.source.kind).toBe('live');
    // The school head's problem zones name their own school only.
    const mine = await head.get(
      `/api/indicator-sets/${setId}/problem-zones?year=2026&indicatorId=${ind.young}`,
    );
    expect(mine.body.items.map((z: any) => z.organizationId)).toEqual([fx.orgs.S1]);
  });

  it('clusters: organizations grouped by their share profile, the same answer every time', async () => {
    const w = await world();
    const { fx, setId, methodist, head } = w;
    const monitoringId = await closedMonitoring(w);
    const url = `/api/indicator-sets/${setId}/clusters?monitoringId=${monitoringId}&k=2`;
    const one = await methodist.get(url);
    expect(one.status).toBe(200);
    expect(one.body.indicators.map((i: any) => i.code)).toEqual(['1.1', '1.2', '4.1']);
    expect(one.body.k).toBe(2);
    expect(one.body.clusters.reduce((s: number, c: any) => s + c.size, 0)).toBe(3);
    // S2 (50 %, 50 %) leads; S1 (25 %, 25 %) and D1 (0 %, 100 %) share the other group or stand apart.
    expect(one.body.clusters[0].label).toBe('Кластер 1');
    expect(one.body.clusters[0].description).toMatch(/значения/);
    const two = await methodist.get(url);
    expect(two.body).toEqual(one.body);
    const mine = await head.get(url);
    expect(mine.body.organizations.map((o: any) => o.id)).toEqual([fx.orgs.S1]);
  });

  it('the region compares its municipalities; a municipality may not', async () => {
    const w = await world();
    const { fx, setId, ind, methodist } = w;
    // A monitoring closed with 7 people, then P4 left: the live figures count 6.
    await closedMonitoring(w);
    await p4Leaves(w);
    const region = await t.login(fx.users.regionAdmin);
    const res = await region.get(`/api/indicator-sets/${setId}/compare?by=municipality&year=2026`);
    expect(res.status).toBe(200);
    const m = res.body.municipalities.find((x: any) => x.id === fx.municipalityId);
    expect(m).toBeDefined();
    expect(res.body.municipalities.map((x: any) => x.id)).toContain(fx.otherMunicipalityId);
    // The municipality's line is its own figure: the same as the set's live values on that date.
    const own = await methodist.get(
      `/api/indicator-sets/${setId}/values?asOf=${res.body.asOf}&periodStart=2026-01-01`,
    );
    const ownTotal = own.body.indicators.find((i: any) => i.indicatorId === ind.total).value;
    expect(ownTotal).toBe(6);
    expect(m.values.find((v: any) => v.indicatorId === ind.total)).toMatchObject({
      value: ownTotal,
      targetStatus: 'achieved',
    });
    const young = m.values.find((v: any) => v.indicatorId === ind.young);
    expect(young).toMatchObject({ numerator: 2, denominator: 6 });
    expect((await methodist.get(`/api/indicator-sets/${setId}/compare?by=municipality`)).status).toBe(403);
  });

  it('a large territory is closed in a background job with progress; the snapshot appears when it commits', async () => {
    const w = await world();
    const { ind, methodist, monitoringBody } = w;
    // P4 has left before this monitoring is taken.
    await p4Leaves(w);
    const created = await methodist.post('/api/monitorings', {
      ...monitoringBody(),
      name: 'Срез через задание',
    });
    const id = created.body.id;
    const threshold = closeSettings.jobThresholdOrgs;
    closeSettings.jobThresholdOrgs = 1;
    try {
      const res = await methodist.post(`/api/monitorings/${id}/close`);
      expect(res.status).toBe(202);
      expect(res.body.jobId).toEqual(expect.any(String));
      let job: any;
      for (let i = 0; i < 100; i++) {
        job = (await methodist.get(`/api/jobs/${res.body.jobId}`)).body;
        if (job.status === 'succeeded' || job.status === 'failed') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(job.status).toBe('succeeded');
      const after = await methodist.get(`/api/monitorings/${id}`);
      expect(after.body.status).toBe('closed');
      expect(after.body.values.frozen).toBe(true);
      expect(after.body.closingJobId).toBeNull();
      // P4 left before this monitoring was taken: 6 people.
      expect(figureOf(after.body, ind.total).value).toBe(6);
      expect((await methodist.post(`/api/monitorings/${id}/close`)).status).toBe(409);
    } finally {
      closeSettings.jobThresholdOrgs = threshold;
    }
  });
  it('the routes are described in the OpenAPI document', async () => {
    const doc = await t.client().get('/api/openapi.json');
    const paths = Object.keys(doc.body.paths);
    for (const p of [
      '/api/monitorings',
      '/api/monitorings/{id}',
      '/api/monitorings/{id}/close',
      '/api/monitorings/{id}/drilldown',
      '/api/monitorings/{id}/export',
      '/api/monitorings/{id}/indicators/{indicatorId}/slices',
      '/api/indicator-sets/{id}/dashboard',
      '/api/indicator-sets/{id}/clusters',
      '/api/indicator-sets/{id}/compare',
      '/api/indicator-sets/{id}/problem-zones',
      '/api/indicator-sets/{id}/slices',
    ]) {
      expect(paths).toContain(p);
    }
  });
});
