import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';
import { readTable } from '../../platform/files/read-table.ts';
import { importFile } from './import.service.ts';

/** The organizations import: region-wide roles, a municipal methodist, the administrator's region. */
let t: TestApp;
let regionAdmin: Client;
let methodist: Client;
let admin: Client;
let regionId: string;
let otherRegionId: string;

const HEADERS = [
  'Код',
  'Полное наименование',
  'Краткое наименование',
  'Тип',
  'Муниципалитет',
  'Сельская',
  'ШНОР',
  'ИНН',
];

function file(rows: string[][]): Uint8Array {
  return new TextEncoder().encode([HEADERS, ...rows].map((r) => r.join(';')).join('\n'));
}

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const zima = await ctx.newMunicipality({ name: 'Зиминский район' });
  regionId = zima.regionId;
  await ctx.newMunicipality({ regionId, name: 'Город Саянск' });
  otherRegionId = (await ctx.newRegion({ name: 'Другой регион' })).id;
  regionAdmin = await t.login(await ctx.newUser({ role: 'region_admin', regionId }));
  methodist = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', municipalityId: zima.id, regionId }),
  );
  admin = await t.login(await ctx.newUser({ role: 'admin' }));
});
afterAll(async () => t.close());

const orgsOf = (code: string) =>
  t.db.query<Record<string, unknown>>(sql`
    SELECT o.code, o.full_name, o.short_name, o.kind, o.rural, o.low_results, o.inn, m.name AS municipality, o.updated_at
    FROM organizations o JOIN municipalities m ON m.id = o.municipality_id
    WHERE o.code = ${code} ORDER BY o.region_id`);

describe('organizations import', () => {
  it('creates organizations by code, adds a new municipality with a warning, and re-imports unchanged', async () => {
    const data = file([
      [
        'ОО-101',
        'МБОУ «Средняя школа № 101»',
        'СОШ № 101',
        'ОО',
        'зиминский район',
        'да',
        'нет',
        '3806001238',
      ],
      ['ДОО-7', 'МБДОУ «Детский сад № 7»', '', 'ДОО', 'Куйтунский район', 'нет', '', ''],
    ]);
    const res = await regionAdmin.upload('/api/import/orgs', { name: 'orgs.csv', data });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 2, committed: true, errors: [] });
    expect(res.body.warnings).toEqual([
      {
        row: 3,
        column: 'Муниципалитет',
        value: 'Куйтунский район',
        message: 'Муниципалитета «Куйтунский район» нет в системе: он будет добавлен',
      },
    ]);
    expect(await orgsOf('ОО-101')).toMatchObject([
      {
        full_name: 'МБОУ «Средняя школа № 101»',
        short_name: 'СОШ № 101',
        kind: 'school',
        rural: true,
        low_results: false,
        inn: '3806001238',
        municipality: 'Зиминский район',
      },
    ]);
    expect(await orgsOf('ДОО-7')).toMatchObject([
      { short_name: 'МБДОУ «Детский сад № 7»', kind: 'preschool' },
    ]);

    const [before] = await orgsOf('ОО-101');
    const again = await regionAdmin.upload('/api/import/orgs', { name: 'orgs.csv', data });
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2, warnings: [] });
    expect((await orgsOf('ОО-101'))[0]!.updated_at).toBe(before!.updated_at);

    const changed = await regionAdmin.upload('/api/import/orgs', {
      name: 'orgs.csv',
      data: file([
        [
          'ОО-101',
          'МБОУ «Средняя школа № 101»',
          'СОШ № 101',
          'ОО',
          'Зиминский район',
          'да',
          'да',
          '3806001238',
        ],
      ]),
    });
    expect(changed.body).toMatchObject({ updated: 1 });
    const [audit] = await t.db.query<{ before: unknown; after: unknown }>(
      sql`SELECT before, after FROM audit_log WHERE entity = 'organization' AND action = 'update'`,
    );
    expect(audit).toEqual({ before: { lowResults: false }, after: { lowResults: true } });
  });

  it('keeps a municipal methodist to their municipality', async () => {
    const res = await methodist.upload('/api/import/orgs', {
      name: 'orgs.csv',
      data: file([
        ['ОО-201', 'МБОУ «Школа № 201»', '', 'ОО', 'Зиминский район', 'нет', 'нет', ''],
        ['ОО-202', 'МБОУ «Школа № 202»', '', 'ОО', 'Город Саянск', 'нет', 'нет', ''],
        ['ОО-203', 'МБОУ «Школа № 203»', '', 'ОО', 'Новый район', 'нет', 'нет', ''],
      ]),
    });
    expect(res.status).toBe(422);
    expect(res.body.report.errors).toEqual([
      {
        row: 3,
        column: 'Муниципалитет',
        value: 'Город Саянск',
        message: 'Муниципалитет «Город Саянск» вне вашей области доступа',
      },
      {
        row: 4,
        column: 'Муниципалитет',
        value: 'Новый район',
        message: 'Муниципалитет «Новый район» не найден в регионе',
      },
    ]);
    const valid = await methodist.upload('/api/import/orgs?mode=valid', {
      name: 'orgs.csv',
      data: file([['ОО-201', 'МБОУ «Школа № 201»', '', 'ОО', 'Зиминский район', 'нет', 'нет', '']]),
    });
    expect(valid.body).toMatchObject({ created: 1, committed: true });
  });

  it('asks the administrator for the region when there are several, and uses the one given', async () => {
    const data = file([['ОО-301', 'МБОУ «Школа № 301»', '', 'ОО', 'Зиминский район', 'нет', 'нет', '']]);
    const refused = await admin.upload('/api/import/orgs', { name: 'orgs.csv', data });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(
      /^В системе несколько регионов .*: укажите, в какой регион загружать организации\.$/,
    );

    const res = await admin.upload(`/api/import/orgs?regionId=${regionId}`, { name: 'orgs.csv', data });
    expect(res.body).toMatchObject({ created: 1, committed: true });
    expect(await orgsOf('ОО-301')).toMatchObject([{ municipality: 'Зиминский район' }]);

    // The same code in another region is another organization.
    const other = await importFile(
      { db: t.db },
      { actor: null, kind: 'orgs', fileName: 'orgs.csv', data, regionId: otherRegionId },
    );
    expect(other).toMatchObject({ created: 1, committed: true });
    expect(await orgsOf('ОО-301')).toHaveLength(2);
  });

  it('gives an organizations template with a reference sheet, as CSV for Excel too', async () => {
    const res = await regionAdmin.get('/api/import/templates/orgs?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const read = await readTable({ fileName: 'orgs.csv', data: new Uint8Array(res.raw) });
    expect(read.headers).toEqual(HEADERS);
    expect(read.rows).toHaveLength(1);
  });
});
