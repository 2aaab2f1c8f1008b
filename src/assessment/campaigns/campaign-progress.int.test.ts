import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';

/** A campaign's progress counts results from every channel: taken online and loaded by an import. */

let t: TestApp;
const as: Record<string, Client> = {};
const w: Record<string, any> = {};

const csv = (rows: string[][]) => new TextEncoder().encode(rows.map((r) => r.join(';')).join('\r\n'));

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muni = await ctx.newMunicipality();
  const school = await ctx.newOrg({ municipalityId: muni.id });
  const online = await ctx.newPerson({ organizationId: school.id });
  const imported = await ctx.newPerson({ organizationId: school.id });
  const both = await ctx.newPerson({ organizationId: school.id });
  const absent = await ctx.newPerson({ organizationId: school.id });
  Object.assign(w, { muni, school, online, imported, both, absent });
  as.methodist = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', municipalityId: muni.id, regionId: muni.regionId }),
  );
  as.imported = await t.login(
    await ctx.newUser({ role: 'teacher', personId: imported.id, organizationId: school.id }),
  );
  as.absent = await t.login(
    await ctx.newUser({ role: 'teacher', personId: absent.id, organizationId: school.id }),
  );
  const preset = await as.methodist.post('/api/instruments/presets/teacher-demo-test');
  expect([200, 201]).toContain(preset.status);
  const fw = await as.methodist.get(`/api/competency-frameworks/${preset.body.frameworkId}`);
  expect(fw.status).toBe(200);
  w.instrument = preset.body;
  w.code = fw.body.groups[0].competencies[0].code;

  // A window in the past (fixed dates): the campaign is open, but nobody can start it any more.
  const c = await as.methodist.post('/api/assessment-campaigns', {
    name: 'Сентябрьская диагностика',
    frameworkId: preset.body.frameworkId,
    instrumentIds: [preset.body.id],
    opensAt: '2026-09-01T00:00:00+03:00',
    closesAt: '2026-09-30T00:00:00+03:00',
    target: { organizationIds: [school.id] },
  });
  expect(c.status).toBe(201);
  w.campaign = c.body;
  expect((await as.methodist.post(`/api/assessment-campaigns/${c.body.id}/open`)).status).toBe(200);

  // `online` and `both` submitted online; `imported` and `both` have results from a spreadsheet.
  await t.db.query(sql`
    INSERT INTO assessment_attempts (campaign_id, instrument_id, instrument_version, person_id, status, submitted_at)
    SELECT ${c.body.id}::uuid, ${preset.body.id}::uuid, 1, p, 'submitted', '2026-09-10T10:00:00Z'
    FROM unnest(${sql.param([online.id, both.id])}::uuid[]) AS p`);
  const file = csv([
    ['СНИЛС', 'Процедура', 'Дата', w.code],
    [imported.snils, 'Диагностика ЦНППМ', '15.09.2026', '55'],
    [both.snils, 'Диагностика ЦНППМ', '15.09.2026', '65'],
  ]);
  const up = await as.methodist.upload(
    `/api/assessment-results/import?frameworkId=${preset.body.frameworkId}&campaignId=${c.body.id}`,
    { name: 'r.csv', data: file },
  );
  expect(up.status).toBe(200);
});
afterAll(async () => t.close());

describe('campaign progress by channel', () => {
  it('counts online and imported participants once each and says which', async () => {
    const res = await as.methodist!.get(`/api/assessment-campaigns/${w.campaign.id}/progress`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        organizationId: w.school.id,
        organizationName: expect.any(String),
        invited: 4,
        started: 3,
        submitted: 3,
        submittedOnline: 2,
        imported: 1,
      },
    ]);
  });

  it('the teacher with imported results sees them, not «не проходил(а)»', async () => {
    const mine = await as.imported!.get('/api/my/assessments');
    expect(mine.status).toBe(200);
    const c = mine.body.items.find((x: any) => x.campaignId === w.campaign.id);
    expect(c.imported).toEqual({ results: 1, assessedOn: '2026-09-15' });
    const none = await as.absent!.get('/api/my/assessments');
    expect(none.body.items.find((x: any) => x.campaignId === w.campaign.id).imported).toBeNull();
  });
});
