import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { sql } from '../platform/db/database.ts';
import { insertCompetencies } from './catalog.test-data.ts';
import { PROGRAM_COLUMNS } from './programs.rows.ts';

/**
 * A program and its cohorts follow the program's keeper: the region operator keeps the region's
 * programs (and its municipalities' ones), a methodist only their own municipality's.
 */

let t: TestApp;
let regionOperator: Client;
let methodistA: Client;
let methodistB: Client;
let otherOperator: Client;
let otherMethodist: Client;
let muniA: { id: string; regionId: string };
let muniB: { id: string; regionId: string };

const program = (code: string) => ({
  code,
  name: `Программа ${code}`,
  kind: 'upgrade',
  hours: 36,
  provider: 'ЦНППМ',
  format: 'distance',
  competencyCodes: ['OW1'],
});
const cohort = { startsOn: '2027-03-01', endsOn: '2027-03-20', seats: 20 };

/** Programs created in beforeAll: id and the id of one cohort of each. */
const ids = { region: '', regionCohort: '', a: '', aCohort: '', b: '', bCohort: '' };

const programRow = async (id: string) =>
  (
    await t.db.query<{ hours: number; active: boolean; name: string; updated_at: string }>(
      sql`SELECT hours, active, name, updated_at FROM programs WHERE id = ${id}`,
    )
  )[0]!;
const cohorts = async (programId: string) =>
  t.db.query<{ id: string; starts_on: string; ends_on: string; seats: number | null }>(
    sql`SELECT id, starts_on, ends_on, seats FROM program_cohorts WHERE program_id = ${programId} ORDER BY id`,
  );

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  await insertCompetencies(t.db, ['OW1']);
  const region = await ctx.newRegion({ name: 'Иркутская область' });
  muniA = await ctx.newMunicipality({ regionId: region.id, name: 'г. Зима' });
  muniB = await ctx.newMunicipality({ regionId: region.id, name: 'г. Саянск' });
  const otherMuni = await ctx.newMunicipality({ name: 'г. Братск' }); // another region
  regionOperator = await t.login(await ctx.newUser({ role: 'region_admin', regionId: region.id }));
  methodistA = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', municipalityId: muniA.id, regionId: region.id }),
  );
  methodistB = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', municipalityId: muniB.id, regionId: region.id }),
  );
  otherOperator = await t.login(await ctx.newUser({ role: 'region_admin', regionId: otherMuni.regionId }));
  otherMethodist = await t.login(
    await ctx.newUser({
      role: 'municipal_methodist',
      municipalityId: otherMuni.id,
      regionId: otherMuni.regionId,
    }),
  );

  const make = async (who: Client, code: string) => {
    const p = await who.post('/api/programs', program(code));
    expect(p.status).toBe(201);
    const c = await who.post(`/api/programs/${p.body.id}/cohorts`, cohort);
    expect(c.status).toBe(201);
    return [p.body.id as string, c.body.id as string] as const;
  };
  [ids.region, ids.regionCohort] = await make(regionOperator, 'ВЛ-РЕГИОН');
  [ids.a, ids.aCohort] = await make(methodistA, 'ВЛ-ЗИМА');
  [ids.b, ids.bCohort] = await make(methodistB, 'ВЛ-САЯНСК');
});
afterAll(async () => t.close());

/** Every change a keeper makes to a program and its cohorts, refused with 403 and no trace in the database. */
async function expectRefused(who: Client, programId: string, cohortId: string, message: RegExp) {
  const before = await programRow(programId);
  const beforeCohorts = await cohorts(programId);
  const answers = [
    await who.patch(`/api/programs/${programId}`, { hours: 72 }),
    await who.patch(`/api/programs/${programId}`, { active: false }),
    await who.post(`/api/programs/${programId}/cohorts`, { startsOn: '2027-05-01', endsOn: '2027-05-20' }),
    await who.patch(`/api/cohorts/${cohortId}`, { seats: 5 }),
    await who.delete(`/api/cohorts/${cohortId}`),
  ];
  expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403, 403]);
  for (const a of answers) expect(a.body.error.message).toMatch(message);
  expect(await programRow(programId)).toEqual(before);
  expect(await cohorts(programId)).toEqual(beforeCohorts);
  // The catalog stays readable: the card is there, marked not editable.
  const card = await who.get(`/api/programs/${programId}`);
  expect(card.status).toBe(200);
  expect(card.body.editable).toBe(false);
}

/** The keeper changes the program and its cohorts, and puts them back. */
async function expectAllowed(who: Client, programId: string, cohortId: string) {
  const hours = (await programRow(programId)).hours;
  const edit = await who.patch(`/api/programs/${programId}`, { hours: hours + 1 });
  expect(edit.status).toBe(200);
  expect(edit.body.editable).toBe(true);
  expect((await programRow(programId)).hours).toBe(hours + 1);
  const added = await who.post(`/api/programs/${programId}/cohorts`, { ...cohort, startsOn: '2027-03-10' });
  expect(added.status).toBe(201);
  expect((await who.patch(`/api/cohorts/${cohortId}`, { seats: 30 })).status).toBe(200);
  expect((await cohorts(programId)).find((c) => c.id === cohortId)?.seats).toBe(30);
  expect((await who.delete(`/api/cohorts/${added.body.id}`)).status).toBe(204);
  expect((await cohorts(programId)).map((c) => c.id)).toEqual([cohortId]);
}

describe('who keeps a program', () => {
  it('a program belongs to its creator’s level, and the API says who keeps it and whether the caller may edit', async () => {
    const owners = await t.db.query<{
      code: string;
      region_id: string | null;
      municipality_id: string | null;
    }>(sql`SELECT code, region_id, municipality_id FROM programs ORDER BY code`);
    expect(owners).toEqual([
      { code: 'ВЛ-ЗИМА', region_id: muniA.regionId, municipality_id: muniA.id },
      { code: 'ВЛ-РЕГИОН', region_id: muniA.regionId, municipality_id: null },
      { code: 'ВЛ-САЯНСК', region_id: muniB.regionId, municipality_id: muniB.id },
    ]);

    const seen = async (who: Client) =>
      Object.fromEntries(
        (await who.get('/api/programs')).body.items.map(
          (p: { code: string; owner: unknown; editable: boolean }) => [p.code, [p.owner, p.editable]],
        ),
      );
    const region = { level: 'region', name: 'Иркутская область' };
    const zima = { level: 'municipality', name: 'г. Зима' };
    const sayansk = { level: 'municipality', name: 'г. Саянск' };
    expect(await seen(methodistA)).toEqual({
      'ВЛ-РЕГИОН': [region, false],
      'ВЛ-ЗИМА': [zima, true],
      'ВЛ-САЯНСК': [sayansk, false],
    });
    expect(await seen(regionOperator)).toEqual({
      'ВЛ-РЕГИОН': [region, true],
      'ВЛ-ЗИМА': [zima, true],
      'ВЛ-САЯНСК': [sayansk, true],
    });
    expect(await seen(otherOperator)).toEqual({
      'ВЛ-РЕГИОН': [region, false],
      'ВЛ-ЗИМА': [zima, false],
      'ВЛ-САЯНСК': [sayansk, false],
    });
  });

  it('a methodist of municipality A cannot change the region’s program nor its cohorts', async () => {
    await expectRefused(methodistA, ids.region, ids.regionCohort, /ведёт региональный оператор/);
  });

  it('nor those of municipality B', async () => {
    await expectRefused(methodistA, ids.b, ids.bCohort, /муниципалитет «г\. Саянск»/);
  });

  it('a methodist keeps the programs of their own municipality', async () => {
    await expectAllowed(methodistA, ids.a, ids.aCohort);
  });

  it('the region operator keeps all of the region’s programs', async () => {
    await expectAllowed(regionOperator, ids.region, ids.regionCohort);
    await expectAllowed(regionOperator, ids.a, ids.aCohort);
    await expectAllowed(regionOperator, ids.b, ids.bCohort);
  });

  it('a methodist and an operator of another region get 403', async () => {
    for (const who of [otherMethodist, otherOperator]) {
      await expectRefused(who, ids.region, ids.regionCohort, /ведёт региональный оператор/);
      await expectRefused(who, ids.a, ids.aCohort, /муниципалитет «г\. Зима»/);
    }
  });
});

describe('the program import follows the keeper', () => {
  const HEADERS = PROGRAM_COLUMNS.map((c) => c.header);
  const csv = (rows: Record<string, string>[]) =>
    new TextEncoder().encode(
      [HEADERS, ...rows.map((r) => HEADERS.map((h) => r[h] ?? ''))].map((r) => r.join(';')).join('\r\n'),
    );
  const line = (code: string, over: Record<string, string> = {}) => ({
    Код: code,
    Наименование: `Программа ${code}`,
    Вид: 'повышение квалификации',
    Часы: '48',
    'Организация-разработчик': 'ЦНППМ',
    Формат: 'дистанционно',
    'Начало потока': '01.09.2027',
    'Окончание потока': '20.09.2027',
    ...over,
  });

  it('a methodist of A refuses to update the region’s program (and B’s) row by row, writing nothing', async () => {
    const before = [await programRow(ids.region), await programRow(ids.b)];
    const cohortsBefore = [await cohorts(ids.region), await cohorts(ids.b)];
    const res = await methodistA.upload('/api/programs/import?mode=valid', {
      name: 'p.csv',
      data: csv([line('ВЛ-РЕГИОН'), line('ВЛ-САЯНСК'), line('ВЛ-ЗИМА-2')]),
    });
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ row: 2, column: 'Код', message: expect.stringMatching(/другой оператор/) }),
      expect.objectContaining({ row: 3, column: 'Код', message: expect.stringMatching(/другой оператор/) }),
    ]);
    expect(res.body).toMatchObject({ committed: true, created: 1, updated: 0 });
    expect([await programRow(ids.region), await programRow(ids.b)]).toEqual(before);
    expect([await cohorts(ids.region), await cohorts(ids.b)]).toEqual(cohortsBefore);
    // The new program belongs to the methodist's municipality.
    const [created] = await t.db.query<{ region_id: string; municipality_id: string | null }>(
      sql`SELECT region_id, municipality_id FROM programs WHERE code = 'ВЛ-ЗИМА-2'`,
    );
    expect(created).toEqual({ region_id: muniA.regionId, municipality_id: muniA.id });
  });

  it('the region operator updates a municipality’s program and adds region-owned ones', async () => {
    const res = await regionOperator.upload('/api/programs/import', {
      name: 'p.csv',
      data: csv([line('ВЛ-ЗИМА-2', { Часы: '60' }), line('ВЛ-РЕГИОН-2')]),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ committed: true, created: 1, updated: 1 });
    const rows = await t.db.query<{ code: string; hours: number; municipality_id: string | null }>(
      sql`SELECT code, hours, municipality_id FROM programs WHERE code IN ('ВЛ-ЗИМА-2', 'ВЛ-РЕГИОН-2') ORDER BY code`,
    );
    expect(rows).toEqual([
      { code: 'ВЛ-ЗИМА-2', hours: 60, municipality_id: muniA.id },
      { code: 'ВЛ-РЕГИОН-2', hours: 48, municipality_id: null },
    ]);
  });
});
