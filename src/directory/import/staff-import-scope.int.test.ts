import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSnils } from '../../../tests/helpers/factories.ts';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { personAuditEntries } from '../../platform/audit/audit.repository.ts';
import { sql } from '../../platform/db/database.ts';
import {
  buildScopeWorld,
  letterTag,
  personState,
  type ScopeWorld,
  staffCsv,
  staffRow,
} from './import-scope.test-support.ts';

/**
 * An import matches people region-wide (so nobody is created twice) but may change only the people
 * its caller keeps: a row naming someone else's teacher is an error of that row, never an update,
 * and a person's СНИЛС, name and birth date change only by someone who keeps all their jobs.
 * Each test builds its own world.
 */
let t: TestApp;
let n = 0;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

async function world(): Promise<{ w: ScopeWorld; as: (who: keyof ScopeWorld['users']) => Promise<Client> }> {
  const w = await buildScopeWorld(t.ctx, letterTag(++n));
  return { w, as: (who) => t.login(w.users[who]) };
}

const upload = (client: Client, rows: Record<string, string>[], query = '') =>
  client.upload(`/api/import/staff${query}`, { name: 'kadry.csv', data: staffCsv(rows) });

/** Uploads the rows and checks that the person is exactly as before (record, jobs, audit). */
async function uploadKeeping(client: Client, personId: string, rows: Record<string, string>[], query = '') {
  const before = await personState(t.db, personId);
  const res = await upload(client, rows, query);
  expect(await personState(t.db, personId)).toEqual(before);
  return res;
}

const NOT_YOURS_SNILS = (who: string) =>
  `Педагог с таким СНИЛС уже работает в другой организации: изменить его данные может ${who}`;

describe('the staff import keeps to the caller’s scope when it matches people', () => {
  it('a school head cannot rewrite another school’s teacher by her СНИЛС (the probe’s first step)', async () => {
    const { w, as } = await world();
    const head = await as('schoolHead');
    const res = await uploadKeeping(head, w.lyceumTeacher.id, [
      staffRow({
        organization: w.school1.code,
        lastName: 'Подменная',
        birthDate: '01.01.1990',
        snils: w.lyceumTeacher.snils,
        kind: 'внешнее совместительство',
      }),
    ]);
    expect(res.status).toBe(422);
    expect(res.body.report.errors).toEqual([
      {
        row: 2,
        column: 'СНИЛС',
        value: expect.stringContaining(w.lyceumTeacher.snils!.slice(9)),
        message: NOT_YOURS_SNILS('методист муниципалитета'),
      },
    ]);
    // The head still cannot open her card: she was not attached to school 1.
    expect((await head.get(`/api/people/${w.lyceumTeacher.id}`)).status).toBe(404);
  });

  it('with «верные строки» the other rows are written and the teacher stays untouched', async () => {
    const { w, as } = await world();
    const head = await as('schoolHead');
    const before = await personState(t.db, w.lyceumTeacher.id);
    const res = await upload(
      head,
      [
        staffRow({
          organization: w.school1.code,
          lastName: 'Подменная',
          snils: w.lyceumTeacher.snils,
          kind: 'внешнее совместительство',
        }),
        staffRow({ organization: w.school1.code, lastName: `Новенькая${letterTag(n)}`, snils: null }),
      ],
      '?mode=valid',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ committed: true, created: 1, updated: 0, validRows: 1 });
    expect(res.body.errors.map((e: { row: number }) => e.row)).toEqual([2]);
    expect(await personState(t.db, w.lyceumTeacher.id)).toEqual(before);
  });

  it('a school head cannot take over a teacher by her name and birth date with a new СНИЛС', async () => {
    const { w, as } = await world();
    const head = await as('schoolHead');
    const res = await uploadKeeping(head, w.lyceumTeacher.id, [
      staffRow({
        organization: w.school1.code,
        lastName: w.lyceumTeacher.lastName,
        snils: makeSnils(4_000_000 + n),
      }),
    ]);
    expect(res.status).toBe(422);
    expect(res.body.report.errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'Фамилия',
        message:
          'Педагог с такими ФИО и датой рождения уже работает в другой организации: изменить его данные может методист муниципалитета',
      }),
    ]);
  });

  it('a methodist of another municipality cannot rewrite the teacher either', async () => {
    const { w, as } = await world();
    const methodist = await as('methodistB');
    const res = await uploadKeeping(methodist, w.lyceumTeacher.id, [
      staffRow({
        organization: w.schoolB.code,
        lastName: 'Подменная',
        snils: w.lyceumTeacher.snils,
        kind: 'внешнее совместительство',
      }),
    ]);
    expect(res.status).toBe(422);
    expect(res.body.report.errors.map((e: { message: string }) => e.message)).toEqual([
      NOT_YOURS_SNILS('региональный оператор'),
    ]);
  });

  it('another region’s operator never reaches the teacher: their region’s registry is their own', async () => {
    const { w, as } = await world();
    const operator = await as('otherRegionOperator');
    const res = await uploadKeeping(operator, w.lyceumTeacher.id, [
      staffRow({ organization: w.schoolC.code, lastName: 'Подменная', snils: w.lyceumTeacher.snils }),
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ committed: true, created: 1, updated: 0 });
    const [copy] = await t.db.query<{ region_id: string }>(
      sql`SELECT region_id FROM people WHERE last_name = 'Подменная' AND snils = ${w.lyceumTeacher.snils}`,
    );
    expect(copy!.region_id).toBe(w.schoolC.regionId);
  });

  it('the region’s operator cannot rename a teacher who also works in another region', async () => {
    const { w, as } = await world();
    const operator = await as('regionOperator');
    const res = await uploadKeeping(operator, w.borderTeacher.id, [
      staffRow({ organization: w.lyceum.code, lastName: 'Переименованная', snils: w.borderTeacher.snils }),
    ]);
    expect(res.status).toBe(422);
    expect(res.body.report.errors.map((e: { message: string }) => e.message)).toEqual([
      'Сотрудник работает и в другой организации: изменить его СНИЛС, ФИО или дату рождения может администратор системы',
    ]);
  });

  it('the region’s own operator may correct her surname, and the audit is signed by them', async () => {
    const { w, as } = await world();
    const operator = await as('regionOperator');
    const res = await upload(operator, [
      staffRow({ organization: w.lyceum.code, lastName: 'Исправленная', snils: w.lyceumTeacher.snils }),
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ committed: true, updated: 1 });
    const after = await personState(t.db, w.lyceumTeacher.id);
    expect(after.person!.last_name).toBe('Исправленная');
    const [entry] = await t.db.query<{ actor_email: string; before: unknown; after: unknown }>(sql`
      SELECT actor_email, before, after FROM ${personAuditEntries(w.lyceumTeacher.id)} AS e
      WHERE entity = 'person' AND action = 'update'`);
    expect(entry).toEqual({
      actor_email: w.users.regionOperator.email,
      before: { lastName: w.lyceumTeacher.lastName },
      after: { lastName: 'Исправленная' },
    });
  });
});

describe('a teacher who also works elsewhere', () => {
  it('the school head updates her part-time job here but not her name', async () => {
    const { w, as } = await world();
    const head = await as('schoolHead');
    const teacher = w.sharedTeacher;
    const job = (load: string, lastName = teacher.lastName) =>
      staffRow({
        organization: w.school1.code,
        lastName,
        snils: teacher.snils,
        kind: 'внешнее совместительство',
        load,
      });

    const load = await upload(head, [job('9')]);
    expect(load.status).toBe(200);
    expect(load.body).toMatchObject({ committed: true, updated: 1 });
    const jobs = (await personState(t.db, teacher.id)).jobs as {
      organization_id: string;
      load_hours: number;
    }[];
    expect(jobs.find((j) => j.organization_id === w.school1.id)!.load_hours).toBe(9);

    const before = await personState(t.db, teacher.id);
    const rename = await upload(head, [job('9', 'Переименованная')]);
    expect(rename.status).toBe(422);
    expect(rename.body.report.errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'Фамилия',
        value: 'Переименованная',
        message:
          'Сотрудник работает и в другой организации: изменить его СНИЛС, ФИО или дату рождения может методист муниципалитета',
      }),
    ]);
    expect(await personState(t.db, teacher.id)).toEqual(before);
  });

  it('the card refuses the same rename (403), and the methodist who keeps both schools may make it', async () => {
    const { w, as } = await world();
    const head = await as('schoolHead');
    const teacher = w.sharedTeacher;
    const card = await head.get(`/api/people/${teacher.id}`);
    expect(card.body).toMatchObject({ canEdit: true, canEditIdentity: false });
    const refused = await head.patch(`/api/people/${teacher.id}`, { lastName: 'Переименованная' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/работает и в другой организации/);
    // Other details of hers are still the head's to keep.
    expect((await head.patch(`/api/people/${teacher.id}`, { email: `shared${n}@school.ru` })).status).toBe(
      200,
    );

    const methodist = await as('methodistA');
    expect((await methodist.get(`/api/people/${teacher.id}`)).body).toMatchObject({ canEditIdentity: true });
    const res = await upload(methodist, [
      staffRow({ organization: w.lyceum.code, lastName: 'Переименованная', snils: teacher.snils }),
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ committed: true, updated: 1 });
    expect((await personState(t.db, teacher.id)).person!.last_name).toBe('Переименованная');
  });
});
