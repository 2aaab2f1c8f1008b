import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';
import { ensurePresetTemplates } from './templates.service.ts';

/**
 * Templates of expert cards over HTTP: the three presets of 004 loaded once, their discrepancies
 * (ДОО 30 of 31, ДО 17 of 18), who reads them, a methodist's copy, its edit in place, the next
 * version when a campaign uses it, publication; a preset is never edited, another municipality's
 * copy stays hidden, a teacher sees nothing.
 */
let t: TestApp;
let methodist: Client;
let otherMethodist: Client;
let head: Client;
let expert: Client;
let teacher: Client;
let muni: { id: string; regionId: string };

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  muni = await ctx.newMunicipality();
  const far = await ctx.newMunicipality();
  const kindergarten = await ctx.newOrg({ municipalityId: muni.id, kind: 'preschool' });
  const at = { municipalityId: muni.id, regionId: muni.regionId };
  methodist = await t.login(await ctx.newUser({ role: 'municipal_methodist', ...at }));
  otherMethodist = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', municipalityId: far.id, regionId: far.regionId }),
  );
  head = await t.login(await ctx.newUser({ role: 'org_head', organizationId: kindergarten.id, ...at }));
  expert = await t.login(await ctx.newUser({ role: 'expert', organizationId: kindergarten.id, ...at }));
  const p = await ctx.newPerson({ organizationId: kindergarten.id });
  teacher = await t.login(
    await ctx.newUser({ role: 'teacher', personId: p.id, organizationId: kindergarten.id }),
  );
}, 120_000);
afterAll(async () => t.close());

const byKind = (items: { orgKindShort: string; isPreset: boolean; id: string }[], short: string) =>
  items.find((i) => i.orgKindShort === short && i.isPreset)!;

describe('the presets of 004', () => {
  it('load once, even when asked at the same time', async () => {
    await Promise.all([
      ensurePresetTemplates(t.db),
      ensurePresetTemplates(t.db),
      ensurePresetTemplates(t.db),
    ]);
    const rows = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM expert_card_templates WHERE region_id IS NULL`,
    );
    expect(rows[0]!.n).toBe(3);
  });

  it('the methodist, the head and the expert list them with the maxima both ways', async () => {
    for (const c of [methodist, head, expert]) {
      const res = await c.get('/api/expert-cards/templates');
      expect(res.status).toBe(200);
      const presets = res.body.items.filter((i: { isPreset: boolean }) => i.isPreset);
      expect(presets.map((i: { orgKindShort: string }) => i.orgKindShort)).toEqual(['ДОО', 'ОО', 'ДО']);
      expect(presets.map((i: { itemsMax: number; statedMax: number }) => [i.itemsMax, i.statedMax])).toEqual([
        [30, 31],
        [39, 39],
        [17, 18],
      ]);
      expect(presets.map((i: { differs: boolean }) => i.differs)).toEqual([true, false, true]);
      expect(presets[0]).toMatchObject({ version: 1, status: 'published', itemsCount: 28, campaigns: 0 });
    }
    const list = await methodist.get('/api/expert-cards/templates');
    expect(list.body.canCopy).toBe(true);
    expect((await head.get('/api/expert-cards/templates')).body.canCopy).toBe(false);
  });

  it('the ДОО card shows 30 of 31, per direction, and the bands both ways', async () => {
    const list = await head.get('/api/expert-cards/templates');
    const res = await head.get(`/api/expert-cards/templates/${byKind(list.body.items, 'ДОО').id}`);
    expect(res.status).toBe(200);
    const c = res.body;
    expect(c.check.itemsMax).toBe(30);
    expect(c.check.statedMax).toBe(31);
    expect(c.check.directionsStatedSum).toBe(31);
    expect(
      c.directions.map((d: { itemsMax: number; statedMax: number }) => [d.itemsMax, d.statedMax]),
    ).toEqual([
      [3, 3],
      [5, 6],
      [5, 5],
      [6, 6],
      [11, 11],
    ]);
    expect(c.check.bands.document.map((b: { from: number; to: number }) => [b.from, b.to])).toEqual([
      [25, 31],
      [19, 24],
      [0, 18],
    ]);
    expect(c.check.bands.items.map((b: { from: number; to: number }) => [b.from, b.to])).toEqual([
      [24, 30],
      [18, 23],
      [0, 17],
    ]);
    expect(c.notes).toMatch(/наставнической пары/);
    const first = c.directions[0].items[0];
    expect(first).toMatchObject({
      method: 'факт прохождения - 1 балл',
      maxPoints: 1,
      periodicity: '1 раз в год',
    });
    expect(first.prefillLabel).toMatch(/^Реестр обучения: удостоверения/);
    expect(c.canEdit).toBe(false);
    const doo = await head.get(`/api/expert-cards/templates/${byKind(list.body.items, 'ДО').id}`);
    expect([doo.body.check.itemsMax, doo.body.check.statedMax]).toEqual([17, 18]);
  });

  it('exports the ДОО card as XLSX with every item', async () => {
    const list = await head.get('/api/expert-cards/templates');
    const id = byKind(list.body.items, 'ДОО').id;
    const res = await head.get(`/api/expert-cards/templates/${id}/export`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw);
    const values = wb.worksheets[0]!.getSheetValues().map((r) => JSON.stringify(r ?? ''));
    expect(values.filter((v) => v.includes('1 раз в год')).length).toBe(28);
    expect(values.join('\n')).toMatch(/сумма показателей 5, в документе 6/);
    expect((await teacher.get(`/api/expert-cards/templates/${id}/export`)).status).toBe(404);
  });

  it('a teacher is refused the list and does not find a template', async () => {
    const list = await methodist.get('/api/expert-cards/templates');
    expect((await teacher.get('/api/expert-cards/templates')).status).toBe(403);
    expect((await teacher.get(`/api/expert-cards/templates/${list.body.items[0].id}`)).status).toBe(404);
  });

  it('a preset is never edited', async () => {
    const list = await methodist.get('/api/expert-cards/templates');
    const card = await methodist.get(`/api/expert-cards/templates/${byKind(list.body.items, 'ДОО').id}`);
    const res = await methodist.put(`/api/expert-cards/templates/${card.body.id}`, editOf(card.body));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/копию/);
  });
});

type Card = {
  id: string;
  title: string;
  statedMax: number | null;
  levels: unknown[];
  notes: string;
  directions: {
    title: string;
    statedMax: number | null;
    items: {
      text: string;
      method: string;
      rule: unknown;
      periodicity: string;
      source: string;
      evidenceRequired: boolean;
      prefillSource: string | null;
      note: string;
    }[];
  }[];
};
const editOf = (c: Card) => ({
  title: c.title,
  statedMax: c.statedMax,
  levels: c.levels,
  notes: c.notes,
  directions: c.directions.map((d) => ({
    title: d.title,
    statedMax: d.statedMax,
    items: d.items.map((i) => ({
      text: i.text,
      method: i.method,
      rule: i.rule,
      periodicity: i.periodicity,
      source: i.source,
      evidenceRequired: i.evidenceRequired,
      prefillSource: i.prefillSource,
      note: i.note,
    })),
  })),
});

describe('a methodist’s copy', () => {
  let copyId: string;

  it('is made from the ДОО preset as a draft of the municipality', async () => {
    const list = await methodist.get('/api/expert-cards/templates');
    const res = await methodist.post(
      `/api/expert-cards/templates/${byKind(list.body.items, 'ДОО').id}/copy`,
      {
        title: 'Экспертная карта ДОО муниципалитета',
      },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      version: 1,
      status: 'draft',
      isPreset: false,
      canEdit: true,
      itemsMax: 30,
    });
    copyId = res.body.id;
    expect((await head.get(`/api/expert-cards/templates/${copyId}`)).body.canEdit).toBe(false);
    expect((await head.post(`/api/expert-cards/templates/${copyId}/copy`, {})).status).toBe(403);
  });

  it('is hidden from another municipality', async () => {
    expect((await otherMethodist.get(`/api/expert-cards/templates/${copyId}`)).status).toBe(404);
    const list = await otherMethodist.get('/api/expert-cards/templates');
    expect(list.body.items.some((i: { id: string }) => i.id === copyId)).toBe(false);
    const card = await methodist.get(`/api/expert-cards/templates/${copyId}`);
    expect(
      (await otherMethodist.put(`/api/expert-cards/templates/${copyId}`, editOf(card.body))).status,
    ).toBe(404);
  });

  it('is edited in place while unused: the missing point added, the discrepancy gone', async () => {
    const card = (await methodist.get(`/api/expert-cards/templates/${copyId}`)).body;
    const body = editOf(card);
    body.directions[1]!.items.push({
      text: 'Участие молодых специалистов в деятельности наставнической пары',
      method: 'факт участия - 1 балл',
      rule: { kind: 'fact', points: 1 },
      periodicity: '1 раз в год',
      source: 'Приказы',
      evidenceRequired: true,
      prefillSource: null,
      note: '',
    });
    body.directions[2]!.items.shift();
    body.directions[2]!.items[0]!.rule = { kind: 'fact', points: 4 };
    const res = await methodist.put(`/api/expert-cards/templates/${copyId}`, body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: copyId,
      version: 1,
      newVersion: false,
      itemsMax: 31,
      differs: false,
    });
    expect(res.body.directions[1].items).toHaveLength(6);
  });

  it('refuses an invalid rule and odd levels with Russian 422', async () => {
    const card = (await methodist.get(`/api/expert-cards/templates/${copyId}`)).body;
    const bad = editOf(card);
    (bad.directions[0]!.items[0] as { rule: unknown }).rule = { kind: 'share', minPercent: 150, points: 1 };
    const res = await methodist.put(`/api/expert-cards/templates/${copyId}`, bad);
    expect(res.status).toBe(422);
    const levels = editOf(card);
    levels.levels = [{ code: 'high', label: 'высокая', minPercent: 80 }];
    const res2 = await methodist.put(`/api/expert-cards/templates/${copyId}`, levels);
    expect(res2.status).toBe(422);
    expect(JSON.stringify(res2.body)).toMatch(/0 %/);
  });

  it('is published; once a campaign uses it, an edit makes version 2 and the campaign keeps version 1', async () => {
    const pub = await methodist.post(`/api/expert-cards/templates/${copyId}/publish`);
    expect(pub.status).toBe(200);
    expect(pub.body.status).toBe('published');
    const [c] = await t.db.query<{ id: string }>(sql`
      INSERT INTO expert_campaigns (region_id, municipality_id, school_year, title, fill_by, verify_by, evaluate_by)
      VALUES (${muni.regionId}, ${muni.id}, 2025, 'Мониторинг 2025/26', '2025-09-30', '2025-10-15', '2025-11-01')
      RETURNING id`);
    await t.db.query(sql`INSERT INTO expert_campaign_templates (campaign_id, org_kind, template_id)
      VALUES (${c!.id}, 'preschool', ${copyId})`);
    const card = (await methodist.get(`/api/expert-cards/templates/${copyId}`)).body;
    expect(card.campaigns).toBe(1);
    const body = editOf(card);
    body.title = 'Экспертная карта ДОО, редакция 2';
    const res = await methodist.put(`/api/expert-cards/templates/${copyId}`, body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 2, status: 'draft', newVersion: true, campaigns: 0 });
    expect(res.body.id).not.toBe(copyId);
    expect(res.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const old = (await methodist.get(`/api/expert-cards/templates/${copyId}`)).body;
    expect(old.title).toBe('Экспертная карта ДОО муниципалитета');
    const [used] = await t.db.query<{ template_id: string }>(
      sql`SELECT template_id FROM expert_campaign_templates WHERE campaign_id = ${c!.id}`,
    );
    expect(used!.template_id).toBe(copyId);
    // Editing the old version again while version 2 exists is refused.
    expect((await methodist.put(`/api/expert-cards/templates/${copyId}`, body)).status).toBe(409);
    // Publishing version 2 archives version 1.
    await methodist.post(`/api/expert-cards/templates/${res.body.id}/publish`);
    expect((await methodist.get(`/api/expert-cards/templates/${copyId}`)).body.status).toBe('archived');
    const audit = await t.db.query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity = 'expert_card_template'`,
    );
    expect(audit[0]!.n).toBeGreaterThanOrEqual(5);
  });
});
