import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSnils } from '../../../tests/helpers/factories.ts';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { writeAudit } from '../../platform/audit/audit.repository.ts';
import { formatSnils, maskSnils } from '../../platform/auth/scope.ts';

/**
 * The history on a person's card shows the audit's before/after with СНИЛС masked exactly as the
 * card masks it: a teacher reading her own card never sees her full СНИЛС, old or new, whether it
 * was changed by hand or by an import; those who keep the registry still do.
 */
let t: TestApp;
let teacher: Client;
let director: Client;
let head: Client;
let personId: string;
const oldSnils = makeSnils(424_242);
const newSnils = makeSnils(737_373);
const importedSnils = makeSnils(515_151);

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const school = await ctx.newOrg();
  const person = await ctx.newPerson({ organizationId: school.id, snils: oldSnils, category: 'none' });
  personId = person.id;
  teacher = await t.login(await ctx.newUser({ role: 'teacher', personId, organizationId: school.id }));
  director = await t.login(
    await ctx.newUser({ role: 'org_head', organizationId: school.id, municipalityId: school.municipalityId }),
  );
  head = await t.login(
    await ctx.newUser({
      role: 'municipal_head',
      municipalityId: school.municipalityId,
      regionId: school.regionId,
    }),
  );
  // A change by the school head through the API: the audit keeps before and after in full.
  const res = await director.patch(`/api/people/${personId}`, { snils: formatSnils(newSnils) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  // An entry as a staff import writes it (a record created from a file row, details aside).
  await writeAudit(t.db, {
    actor: null,
    action: 'create',
    entity: 'person',
    entityId: personId,
    personId,
    after: { lastName: person.lastName, snils: importedSnils },
    details: { source: 'import' },
  });
});
afterAll(async () => t.close());

const full = (s: string) => [s, formatSnils(s)!];

describe('history on the person card', () => {
  it('masks every СНИЛС in the history for the teacher reading her own card', async () => {
    const res = await teacher.get(`/api/people/${personId}`);
    expect(res.status).toBe(200);
    expect(res.body.snils).toBe(maskSnils(newSnils));
    const history = JSON.stringify(res.body.history);
    const update = res.body.history.find((h: any) => h.action === 'update' && h.entity === 'person');
    expect(update.before.snils).toBe(maskSnils(oldSnils));
    expect(update.after.snils).toBe(maskSnils(newSnils));
    const created = res.body.history.find((h: any) => h.action === 'create' && h.entity === 'person');
    expect(created.after.snils).toBe(maskSnils(importedSnils));
    expect(history).not.toMatch(/\d{11}/);
    expect(history).not.toMatch(/\d{3}-\d{3}-\d{3} \d{2}/);
    for (const s of [oldSnils, newSnils, importedSnils]) {
      for (const shown of full(s)) expect(history).not.toContain(shown);
    }
  });

  it('keeps the history whole for those who keep the registry', async () => {
    const res = await director.get(`/api/people/${personId}`);
    expect(res.status).toBe(200);
    const update = res.body.history.find((h: any) => h.action === 'update' && h.entity === 'person');
    expect(update.before.snils).toBe(oldSnils);
    expect(update.after.snils).toBe(newSnils);
    const created = res.body.history.find((h: any) => h.action === 'create' && h.entity === 'person');
    expect(created.after.snils).toBe(importedSnils);
  });

  it('shows no history to a read-only role that sees the card', async () => {
    const res = await head.get(`/api/people/${personId}`);
    expect(res.status).toBe(200);
    expect(res.body.snils).toBe(maskSnils(newSnils));
    expect(res.body.history).toEqual([]);
  });
});
