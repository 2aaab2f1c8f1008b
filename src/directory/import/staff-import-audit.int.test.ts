import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSnils } from '../../../tests/helpers/factories.ts';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { COMPACT_AUDIT_PEOPLE, personAuditEntries } from '../../platform/audit/audit.repository.ts';
import { sql } from '../../platform/db/database.ts';
import { STAFF_COLUMNS } from './import.service.ts';

/**
 * The staff import's compact audit: one audit row per kind of change and batch of people instead
 * of one per record, yet every change of every person is there — in the person's history on the
 * card and in the audit log filtered by person — and a re-import that changes nothing records
 * nothing. More people than one batch holds, so the batches are exercised.
 */
const N = COMPACT_AUDIT_PEOPLE + 150;
let t: TestApp;
let methodist: Client;
let admin: Client;
let otherMethodist: Client;

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muni = await ctx.newMunicipality();
  const other = await ctx.newMunicipality({ regionId: muni.regionId });
  await ctx.newOrg({ municipalityId: muni.id, code: 'АУД-1', fullName: 'МБОУ «Школа аудита»' });
  methodist = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', municipalityId: muni.id, regionId: muni.regionId }),
  );
  otherMethodist = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', municipalityId: other.id, regionId: muni.regionId }),
  );
  admin = await t.login(await ctx.newUser({ role: 'admin' }));
}, 60_000);
afterAll(async () => t.close());

const snilsOf = (i: number) => makeSnils(600_000 + i * 13);

function row(i: number, changed = false): Record<string, string> {
  return {
    Фамилия: `Журналова${String.fromCharCode(1072 + (i % 32))}`,
    Имя: 'Анна',
    Отчество: 'Ивановна',
    'Дата рождения': '02.04.1980',
    Пол: 'ж',
    СНИЛС: snilsOf(i),
    Организация: 'АУД-1',
    Должность: 'Учитель',
    'Вид занятости': 'основное',
    Нагрузка: changed ? '24' : '18',
    Ставка: '1',
    Email: changed && i % 2 === 0 ? `new.${i}@audit.ru` : `a.${i}@audit.ru`,
  };
}

const quote = (v: string) => (/[;",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
function file(rows: Record<string, string>[]): Uint8Array {
  const headers = STAFF_COLUMNS.filter((h) => rows[0]![h] !== undefined);
  const text = [headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))]
    .map((cells) => cells.map(quote).join(';'))
    .join('\r\n');
  return new TextEncoder().encode(`\ufeff${text}`);
}
const upload = (rows: Record<string, string>[]) =>
  methodist.upload('/api/import/staff', { name: 'журнал.csv', data: file(rows) });

const indexes = Array.from({ length: N }, (_, i) => i);
const auditRows = async () =>
  (
    await t.db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action <> 'import'`)
  )[0]!.n;

async function people(): Promise<Map<string, { id: string; email: string }>> {
  const rows = await t.db.query<{ id: string; snils: string; email: string }>(
    sql`SELECT id, snils, email FROM people WHERE last_name LIKE 'Журналова%'`,
  );
  return new Map(rows.map((r) => [r.snils, { id: r.id, email: r.email }]));
}

/** Every entry of every imported person, read back as the history reads it: person → entries. */
async function entriesByPerson(ids: string[]) {
  const out = new Map<string, { action: string; entity: string; before: any; after: any }[]>();
  for (const id of ids) {
    out.set(
      id,
      await t.db.query(sql`SELECT action, entity, before, after FROM ${personAuditEntries(id)} AS e
        WHERE action IN ('create', 'update') ORDER BY id, entity_id`),
    );
  }
  return out;
}

describe('compact audit of a staff import', () => {
  it('records each created person and employment, in batches, readable per person', async () => {
    const before = await auditRows();
    const res = await upload(indexes.map((i) => row(i)));
    expect(res.status, JSON.stringify(res.body.errors?.slice(0, 3))).toBe(200);
    expect(res.body).toMatchObject({ created: N, committed: true, errors: [] });

    // Two kinds of change (person, employment), each in ⌈N / batch⌉ rows — not 2·N rows.
    const batches = Math.ceil(N / COMPACT_AUDIT_PEOPLE);
    expect((await auditRows()) - before).toBe(2 * batches);
    const compact = await t.db.query<{ entity: string; people: number; count: number }>(sql`
      SELECT entity, cardinality(person_ids) AS people, (details->>'count')::int AS count
      FROM audit_log WHERE person_ids IS NOT NULL AND action = 'create' ORDER BY id`);
    expect(compact.map((c) => c.entity)).toEqual([
      ...Array(batches).fill('person'),
      ...Array(batches).fill('employment'),
    ]);
    expect(compact.filter((c) => c.entity === 'person').reduce((s, c) => s + c.people, 0)).toBe(N);

    const found = await people();
    expect(found.size).toBe(N);
    const byPerson = await entriesByPerson([...found.values()].map((p) => p.id));
    for (const i of indexes) {
      const p = found.get(snilsOf(i))!;
      const entries = byPerson.get(p.id)!;
      expect(entries.map((e) => `${e.action}:${e.entity}`)).toEqual(['create:person', 'create:employment']);
      expect(entries[0]!.after).toMatchObject({ snils: snilsOf(i), email: `a.${i}@audit.ru` });
      expect(entries[1]!.after).toMatchObject({ position: 'Учитель', loadHours: 18, kind: 'main' });
    }
  });

  it('records each changed field of each person, shown on the card and in the log', async () => {
    const before = await auditRows();
    const res = await upload(indexes.map((i) => row(i, true)));
    expect(res.body).toMatchObject({ created: 0, updated: N, unchanged: 0, committed: true });
    const batches = (n: number) => Math.ceil(n / COMPACT_AUDIT_PEOPLE);
    // Employment updates for all N, person updates (e-mail) for every other one.
    expect((await auditRows()) - before).toBe(batches(N) + batches(Math.ceil(N / 2)));

    const found = await people();
    const byPerson = await entriesByPerson([...found.values()].map((p) => p.id));
    for (const i of indexes) {
      const entries = byPerson.get(found.get(snilsOf(i))!.id)!.filter((e) => e.action === 'update');
      const job = entries.find((e) => e.entity === 'employment')!;
      expect(job).toMatchObject({ before: { loadHours: 18 }, after: { loadHours: 24 } });
      const person = entries.find((e) => e.entity === 'person');
      if (i % 2 === 0)
        expect(person).toMatchObject({
          before: { email: `a.${i}@audit.ru` },
          after: { email: `new.${i}@audit.ru` },
        });
      else expect(person).toBeUndefined();
    }

    // The card's history and the audit log, for a person of the last batch.
    const last = found.get(snilsOf(N - 2))!;
    const card = await methodist.get(`/api/people/${last.id}`);
    expect(card.status).toBe(200);
    const history = card.body.history as { action: string; entity: string; before: any; after: any }[];
    expect(history.map((h) => `${h.action}:${h.entity}`).sort()).toEqual([
      'create:employment',
      'create:person',
      'update:employment',
      'update:person',
    ]);
    expect(history.find((h) => h.action === 'update' && h.entity === 'person')).toMatchObject({
      before: { email: `a.${N - 2}@audit.ru` },
      after: { email: `new.${N - 2}@audit.ru` },
    });
    const log = await admin.get(`/api/audit?personId=${last.id}`);
    expect(log.status).toBe(200);
    expect(log.body.total).toBe(4 + 1); // four changes and the card read just now
    const items = log.body.items as { action: string; entity: string; personId: string; after: any }[];
    expect(items.every((e) => e.personId === last.id)).toBe(true);
    expect(items.find((e) => e.action === 'update' && e.entity === 'employment')!.after).toEqual({
      loadHours: 24,
    });
    // The unfiltered log lists the compact rows without their per-person payload.
    const all = await admin.get('/api/audit?entity=employment&action=update&limit=5');
    expect(all.body.items[0]).toMatchObject({ personId: null, before: null, after: null });
    expect(all.body.items[0].details).toMatchObject({ source: 'import', fileName: 'журнал.csv' });
  });

  it('records nothing when the same file is imported again', async () => {
    const before = await auditRows();
    const res = await upload(indexes.map((i) => row(i, true)));
    expect(res.body).toMatchObject({ created: 0, updated: 0, unchanged: N, committed: true });
    expect(await auditRows()).toBe(before);
  });

  it('shows the history to no one outside the person’s scope, and the log to admins only', async () => {
    const someone = (await people()).get(snilsOf(0))!;
    const card = await otherMethodist.get(`/api/people/${someone.id}`);
    expect(card.status).toBe(404);
    const log = await methodist.get(`/api/audit?personId=${someone.id}`);
    expect(log.status).toBe(403);
  });
});
