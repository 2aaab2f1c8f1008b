import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSnils } from '../../../tests/helpers/factories.ts';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { personAuditEntries } from '../../platform/audit/audit.repository.ts';
import { sql } from '../../platform/db/database.ts';
import { readTable } from '../../platform/files/read-table.ts';
import * as clock from '../../platform/time/today.ts';
import { STAFF_COLUMNS } from './import.service.ts';

/**
 * The staff import end to end: through the HTTP API, on the file's own database (PGlite, and
 * PostgreSQL when TEST_DATABASE_URL is set). Each test uses its own people (own surnames and
 * СНИЛС), so the tests do not depend on their order.
 */
let t: TestApp;
let methodist: Client;
let head1: Client;
let s1: { id: string; code: string };

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muniA = await ctx.newMunicipality();
  const muniB = await ctx.newMunicipality({ regionId: muniA.regionId });
  s1 = await ctx.newOrg({ municipalityId: muniA.id, code: 'ШК-1', fullName: 'МБОУ «Школа № 1»' });
  await ctx.newOrg({ municipalityId: muniA.id, code: 'ШК-2', fullName: 'МБОУ «Школа № 2»' });
  await ctx.newOrg({ municipalityId: muniB.id, code: 'ШК-3', fullName: 'МБОУ «Школа № 3»' });
  methodist = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', municipalityId: muniA.id, regionId: muniA.regionId }),
  );
  head1 = await t.login(
    await ctx.newUser({ role: 'org_head', organizationId: s1.id, municipalityId: muniA.id }),
  );
});
afterAll(async () => t.close());

let seed = 1000;
/** One row of the staff file, keyed by header; a fresh valid person unless told otherwise. */
function person(lastName: string, p: Record<string, string> = {}): Record<string, string> {
  const snils = makeSnils(++seed * 7919);
  return {
    Фамилия: lastName,
    Имя: 'Мария',
    Отчество: 'Петровна',
    'Дата рождения': '15.03.1985',
    Пол: 'ж',
    СНИЛС: `${snils.slice(0, 3)}-${snils.slice(3, 6)}-${snils.slice(6, 9)} ${snils.slice(9)}`,
    Организация: 'ШК-1',
    Должность: 'Учитель',
    'Категория должности': 'педагогическая',
    'Вид занятости': 'основное',
    Предметы: 'Математика; Информатика',
    Нагрузка: '18',
    Ставка: '1',
    'Дата начала работы': '01.09.2010',
    'Педагогический стаж': '15',
    Образование: 'высшее педагогическое',
    'Не по профилю': 'нет',
    'Квалификационная категория': 'первая',
    'Дата присвоения категории': '20.12.2022',
    Email: `${lastName.length}.${seed}@school.ru`,
    ...p,
  };
}

const quote = (v: string) => (/[;",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

function csv(
  rows: Record<string, string>[],
  headers: readonly string[] = STAFF_COLUMNS,
  delimiter = ';',
): string {
  return [headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))]
    .map((cells) => cells.map(quote).join(delimiter))
    .join('\r\n');
}

const utf8 = (text: string) => new TextEncoder().encode(`\ufeff${text}`);

async function upload(client: Client, rows: Record<string, string>[], query = '', name = 'kadry.csv') {
  return client.upload(`/api/import/staff${query}`, { name, data: utf8(csv(rows)) });
}

async function peopleNamed(lastName: string) {
  return t.db.query<{ id: string; snils: string; updated_at: string; category: string; email: string }>(
    sql`SELECT id, snils, updated_at, category, email FROM people WHERE lower(last_name) = lower(${lastName})`,
  );
}

async function jobsOf(personId: string) {
  return t.db.query<{
    id: string;
    position: string;
    kind: string;
    subjects: string[];
    load_hours: number;
    rate: number;
    updated_at: string;
    organization_id: string;
  }>(sql`SELECT id, position, kind, subjects, load_hours, rate, updated_at, organization_id
          FROM employments WHERE person_id = ${personId} ORDER BY position`);
}

describe('staff import', () => {
  it('imports a filled template: template → fill → import → rows in the registry', async () => {
    const res = await methodist.get('/api/import/templates/staff?format=xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="marshrut-staff-template\.xlsx"/,
    );
    const template = new Uint8Array(res.raw);
    const read = await readTable({ fileName: 'template.xlsx', data: template });
    expect(read.headers).toEqual([...STAFF_COLUMNS]);
    expect(read.rows).toHaveLength(1);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Педагогические кадры', 'Справка']);
    const help = wb.getWorksheet('Справка')!;
    const helpText = help.getColumn(3).values.join(' ');
    expect(helpText).toContain('высшая / первая / СЗД / без категории');
    const ws = wb.worksheets[0]!;
    const col = (header: string) => STAFF_COLUMNS.indexOf(header) + 1;
    const fill = (rowNumber: number, values: Record<string, ExcelJS.CellValue>) => {
      for (const [h, v] of Object.entries(values)) ws.getRow(rowNumber).getCell(col(h)).value = v;
    };
    // A person typed as Excel would store it: real dates, numbers, СНИЛС as text.
    fill(2, {
      Фамилия: 'Шаблонова',
      Имя: 'Анна',
      Отчество: 'Сергеевна',
      'Дата рождения': new Date(Date.UTC(1990, 4, 20)),
      СНИЛС: '112-233-445 95',
      Организация: 'ШК-1',
      Должность: 'Учитель',
      Предметы: 'Физика; Астрономия',
      Нагрузка: 27,
      Ставка: 1.5,
      'Дата начала работы': new Date(Date.UTC(2015, 8, 1)),
      'Педагогический стаж': 11,
      'Квалификационная категория': 'высшая',
      'Дата присвоения категории': new Date(Date.UTC(2024, 11, 25)),
      Email: 'shablonova@school1.ru',
    });
    fill(3, {
      Фамилия: 'Шаблонова',
      Имя: 'Анна',
      Отчество: 'Сергеевна',
      'Дата рождения': new Date(Date.UTC(1990, 4, 20)),
      Пол: 'ж',
      СНИЛС: '112-233-445 95',
      Организация: 'МБОУ "Школа № 1"',
      Должность: 'Педагог дополнительного образования',
      'Категория должности': 'педагогическая',
      'Вид занятости': 'внутреннее совместительство',
      Нагрузка: 4,
      Ставка: 0.25,
      'Квалификационная категория': 'высшая',
      'Дата присвоения категории': new Date(Date.UTC(2024, 11, 25)),
      'Педагогический стаж': 11,
      Образование: 'высшее педагогическое',
      'Не по профилю': 'нет',
      Email: 'shablonova@school1.ru',
    });
    const filled = new Uint8Array(await wb.xlsx.writeBuffer());

    const imported = await methodist.upload('/api/import/staff', { name: 'Кадры.xlsx', data: filled });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({
      kind: 'staff',
      fileName: 'Кадры.xlsx',
      totalRows: 2,
      validRows: 2,
      errors: [],
      created: 2,
      updated: 0,
      unchanged: 0,
      committed: true,
      dryRun: false,
    });

    const [p] = await t.db.query<Record<string, unknown>>(sql`
      SELECT last_name, first_name, patronymic, birth_date, sex, snils, email, education, ped_experience_years,
             ped_experience_as_of, category, category_date
      FROM people WHERE last_name = 'Шаблонова'`);
    expect(p).toEqual({
      last_name: 'Шаблонова',
      first_name: 'Анна',
      patronymic: 'Сергеевна',
      birth_date: '1990-05-20',
      sex: 'f',
      snils: '11223344595',
      email: 'shablonova@school1.ru',
      education: 'higher_pedagogical',
      ped_experience_years: 11,
      ped_experience_as_of: clock.today(),
      category: 'highest',
      category_date: '2024-12-25',
    });
    const [person] = await peopleNamed('Шаблонова');
    const jobs = await jobsOf(person!.id);
    expect(
      jobs.map((j) => [j.position, j.kind, j.subjects, j.load_hours, j.rate, j.organization_id]),
    ).toEqual([
      ['Педагог дополнительного образования', 'internal', [], 4, 0.25, s1.id],
      ['Учитель', 'main', ['Физика', 'Астрономия'], 27, 1.5, s1.id],
    ]);
    const audit = await t.db.query<{ entity: string; action: string }>(
      sql`SELECT entity, action FROM ${personAuditEntries(person!.id)} AS e ORDER BY id, entity_id`,
    );
    expect(audit).toEqual([
      { entity: 'person', action: 'create' },
      { entity: 'employment', action: 'create' },
      { entity: 'employment', action: 'create' },
    ]);
  });

  it('changes nothing when the same file is imported again', async () => {
    const rows = [
      person('Повторова'),
      person('Повторов', { Имя: 'Пётр', Пол: 'м', 'Вид занятости': 'внешнее совместительство' }),
    ];
    const first = await upload(methodist, rows);
    expect(first.body).toMatchObject({ created: 2, committed: true });
    const [before] = await peopleNamed('Повторова');
    const jobsBefore = await jobsOf(before!.id);
    const auditCount = async () =>
      (
        await t.db.query<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM audit_log WHERE action <> 'import'`,
        )
      )[0]!.n;
    const auditBefore = await auditCount();

    const again = await upload(methodist, rows);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2, committed: true, errors: [] });
    const [after] = await peopleNamed('Повторова');
    expect(after!.updated_at).toBe(before!.updated_at);
    expect(await jobsOf(after!.id)).toEqual(jobsBefore);
    expect(await auditCount()).toBe(auditBefore);
    expect(await peopleNamed('Повторова')).toHaveLength(1);
  });

  it('audits every created person and employment with its values, and the person’s history finds them', async () => {
    const admin = await t.login(await t.ctx.newUser({ role: 'admin' }));
    const rows = [
      person('Аудитова', { Должность: 'Учитель \\ "старший"', Предметы: 'Химия; Биология' }),
      person('Аудитова', {
        Должность: 'Педагог-организатор',
        'Вид занятости': 'внутреннее совместительство',
      }),
      person('Аудитов', { Имя: 'Антон', Пол: 'м', СНИЛС: '' }),
    ];
    rows[1]!.СНИЛС = rows[0]!.СНИЛС!;
    rows[1]!.Email = rows[0]!.Email!;
    const res = await upload(methodist, rows);
    expect(res.body).toMatchObject({ created: 3, committed: true, errors: [] });
    const people = await t.db.query<{ id: string; first_name: string }>(
      sql`SELECT id, first_name FROM people WHERE last_name IN ('Аудитова', 'Аудитов') ORDER BY first_name`,
    );
    expect(people.map((p) => p.first_name)).toEqual(['Антон', 'Мария']);
    const maria = people[1]!;
    const audit = await t.db.query<{
      entity: string;
      action: string;
      entity_id: string;
      after: Record<string, unknown>;
      details: unknown;
      actor_email: string;
    }>(sql`SELECT entity, action, entity_id, after, details, actor_email FROM ${personAuditEntries(people[0]!.id)} AS a
           UNION ALL
           SELECT entity, action, entity_id, after, details, actor_email FROM ${personAuditEntries(maria.id)} AS b`);
    // One entry per created record: 2 people, 3 employments (read back from compact entries).
    expect(audit.map((a) => `${a.entity}:${a.action}`).sort()).toEqual([
      'employment:create',
      'employment:create',
      'employment:create',
      'person:create',
      'person:create',
    ]);
    expect(new Set(audit.map((a) => a.actor_email)).size).toBe(1);
    expect(audit.every((a) => (a.details as { source: string }).source === 'import')).toBe(true);
    const mariaEntry = audit.find((a) => a.entity === 'person' && a.entity_id === maria.id)!;
    expect(mariaEntry.after).toMatchObject({
      lastName: 'Аудитова',
      firstName: 'Мария',
      snils: rows[0]!.СНИЛС!.replace(/\D/g, ''),
      email: rows[0]!.Email,
    });
    const jobs = audit.filter((a) => a.entity === 'employment').map((a) => a.after);
    expect(jobs).toContainEqual(
      expect.objectContaining({
        position: 'Учитель \\ "старший"',
        subjects: ['Химия', 'Биология'],
        kind: 'main',
      }),
    );

    // The log, filtered to the person, lists her three entries.
    const history = await admin.get(`/api/audit?personId=${maria.id}`);
    expect(history.status).toBe(200);
    expect(
      (history.body.items as { entity: string; action: string }[])
        .map((e) => `${e.entity}:${e.action}`)
        .sort(),
    ).toEqual(['employment:create', 'employment:create', 'person:create']);
  });

  it('updates the person from a corrected file instead of adding a duplicate', async () => {
    const original = person('Исправленова', { Имя: 'Ирина' });
    expect((await upload(methodist, [original])).body).toMatchObject({ created: 1 });

    const corrected: Record<string, string> = {
      ...original,
      Имя: 'Ирина',
      Фамилия: 'Исправлёнова',
      Нагрузка: '20',
      Email: 'new@school1.ru',
    };
    const res = await upload(methodist, [corrected]);
    expect(res.body).toMatchObject({ created: 0, updated: 1, unchanged: 0, committed: true });
    const people = await t.db.query<{ id: string; last_name: string; email: string }>(
      sql`SELECT id, last_name, email FROM people WHERE snils = ${original.СНИЛС!.replace(/\D/g, '')}`,
    );
    expect(people).toMatchObject([{ last_name: 'Исправлёнова', email: 'new@school1.ru' }]);
    expect((await jobsOf(people[0]!.id)).map((j) => j.load_hours)).toEqual([20]);
    const [change] = await t.db.query<{ before: unknown; after: unknown }>(
      sql`SELECT before, after FROM ${personAuditEntries(people[0]!.id)} AS e WHERE entity = 'person' AND action = 'update'`,
    );
    expect(change).toEqual({
      before: { lastName: 'Исправленова', email: original.Email },
      after: { lastName: 'Исправлёнова', email: 'new@school1.ru' },
    });

    // Without СНИЛС the same person is found by full name and birth date, case-insensitively.
    const { СНИЛС: _, ...noSnils } = corrected;
    const byName = await upload(methodist, [{ ...noSnils, Фамилия: 'ИСПРАВЛЁНОВА', Нагрузка: '20' }]);
    expect(byName.body).toMatchObject({ created: 0, updated: 1 });
    expect(await t.db.query(sql`SELECT 1 FROM people WHERE lower(last_name) = 'исправлёнова'`)).toHaveLength(
      1,
    );
  });

  it('refuses the whole file for one bad row by default, and writes the good rows in mode valid', async () => {
    const rows = [person('Хорошева'), person('Плохова', { СНИЛС: '112-233-445 96' }), person('Годнова')];
    const refused = await upload(methodist, rows);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'validation',
      message: expect.stringContaining('не загружен'),
    });
    expect(refused.body.report).toMatchObject({
      totalRows: 3,
      validRows: 2,
      created: 0,
      committed: false,
      errors: [
        {
          row: 3,
          column: 'СНИЛС',
          value: '112-233-445 96',
          message: 'СНИЛС «112-233-445 96»: неверная контрольная сумма СНИЛС',
        },
      ],
    });
    expect(await peopleNamed('Хорошева')).toEqual([]);

    const partial = await upload(methodist, rows, '?mode=valid');
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ validRows: 2, created: 2, committed: true });
    expect(partial.body.errors.map((e: { row: number }) => e.row)).toEqual([3]);
    expect(await peopleNamed('Хорошева')).toHaveLength(1);
    expect(await peopleNamed('Годнова')).toHaveLength(1);
    expect(await peopleNamed('Плохова')).toEqual([]);
  });

  it('names the row, column and value of every problem', async () => {
    const twin = person('Двойникова');
    const rows = [
      person('Ошибкина', { 'Дата рождения': '31.02.1985' }), // 2
      person('Ошибкина', { Организация: 'ШК-404' }), // 3
      person('Ошибкина', { Организация: 'ШК-3' }), // 4: another municipality
      person('Ошибкина', { 'Квалификационная категория': 'вторая' }), // 5
      person('Ошибкина', { Нагрузка: '-6' }), // 6
      person('Ошибкина', { Должность: '' }), // 7
      twin, // 8
      { ...twin }, // 9: the same row again
      person('Ошибкина', { 'Педагогический стаж': '300' }), // 10
    ];
    const res = await upload(methodist, rows);
    expect(res.status).toBe(422);
    expect(res.body.report.errors).toEqual([
      {
        row: 2,
        column: 'Дата рождения',
        value: '31.02.1985',
        message: 'Неверная дата «31.02.1985»: укажите дату в виде ДД.ММ.ГГГГ',
      },
      {
        row: 3,
        column: 'Организация',
        value: 'ШК-404',
        message: 'Организация «ШК-404» не найдена: укажите код или полное наименование, как в реестре',
      },
      {
        row: 4,
        column: 'Организация',
        value: 'ШК-3',
        message: 'Организация вне вашей области доступа: «ШК-3»',
      },
      {
        row: 5,
        column: 'Квалификационная категория',
        value: 'вторая',
        message: 'Неизвестное значение «вторая»; допустимые: высшая, первая, СЗД, без категории',
      },
      { row: 6, column: 'Нагрузка', value: '-6', message: '«-6» — значение не может быть отрицательным' },
      { row: 7, column: 'Должность', value: null, message: 'Не заполнено обязательное поле «Должность»' },
      {
        row: 9,
        column: 'Должность',
        value: 'Учитель',
        message: 'Повторяет строку 8: тот же сотрудник, организация и должность',
      },
      {
        row: 10,
        column: 'Педагогический стаж',
        value: '300',
        message: '«300» — неправдоподобно много (не больше 70)',
      },
    ]);
    expect(await peopleNamed('Двойникова')).toEqual([]);
  });

  it('reads a Windows-1251 CSV with `;` from Russian Excel, and a `,` one', async () => {
    const rows = [person('Кодировкина', { Имя: 'Ёлка', Предметы: 'Русский язык; Литература' })];
    const cp1251 = iconv.encode(csv(rows), 'win1251');
    const res = await methodist.upload('/api/import/staff', { name: 'Книга1.csv', data: cp1251 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, committed: true });
    const [p] = await t.db.query<{ first_name: string; id: string }>(
      sql`SELECT id, first_name FROM people WHERE last_name = 'Кодировкина'`,
    );
    expect(p!.first_name).toBe('Ёлка');
    expect((await jobsOf(p!.id))[0]!.subjects).toEqual(['Русский язык', 'Литература']);

    const comma = csv([person('Запятова', { Ставка: '0.5' })], STAFF_COLUMNS, ',');
    const res2 = await methodist.upload('/api/import/staff', {
      name: 'a.csv',
      data: new TextEncoder().encode(comma),
    });
    expect(res2.body).toMatchObject({ created: 1, committed: true });
  });

  it("gives a school head per-row errors for another school's rows and writes nothing", async () => {
    const rows = [
      person('Своя'),
      person('Чужая', { Организация: 'ШК-2' }),
      person('Дальняя', { Организация: 'МБОУ «Школа № 3»' }),
    ];
    const res = await upload(head1, rows);
    expect(res.status).toBe(422);
    expect(res.body.report.errors).toEqual([
      {
        row: 3,
        column: 'Организация',
        value: 'ШК-2',
        message: 'Организация вне вашей области доступа: «ШК-2»',
      },
      {
        row: 4,
        column: 'Организация',
        value: 'МБОУ «Школа № 3»',
        message: 'Организация вне вашей области доступа: «МБОУ «Школа № 3»»',
      },
    ]);
    expect(await peopleNamed('Своя')).toEqual([]);
    expect(await peopleNamed('Чужая')).toEqual([]);
  });

  it('enforces one main employment per person', async () => {
    const main = person('Основнова');
    expect((await upload(methodist, [main])).body).toMatchObject({ created: 1 });
    const res = await upload(methodist, [
      { ...main, Организация: 'ШК-2' },
      person('Совместителева', { 'Вид занятости': 'внутреннее совместительство' }),
    ]);
    expect(res.status).toBe(422);
    expect(res.body.report.errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'Вид занятости',
        message: expect.stringContaining('У сотрудника уже есть основное место работы: «'),
      }),
      expect.objectContaining({
        row: 3,
        column: 'Вид занятости',
        message:
          'Внутреннее совместительство без основного места работы: у сотрудника нет основного места работы ни в файле, ни в реестре',
      }),
    ]);
    // Part-time at the second school is fine.
    const ok = await upload(methodist, [
      { ...main, Организация: 'ШК-2', 'Вид занятости': 'внешнее совместительство' },
    ]);
    expect(ok.body).toMatchObject({ created: 1, committed: true });
  });

  it('validates and counts without writing in a dry run', async () => {
    const res = await upload(
      methodist,
      [person('Пробная'), person('Пробный', { Пол: 'м', Имя: 'Пётр' })],
      '?dryRun=true',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, committed: false, created: 2, validRows: 2 });
    expect(await peopleNamed('Пробная')).toEqual([]);
  });

  it('refuses a file without the required columns with one clear error', async () => {
    const res = await methodist.upload('/api/import/staff', {
      name: 'a.csv',
      data: utf8('Фамилия;Имя;Возраст\r\nИванова;Мария;40'),
    });
    expect(res.status).toBe(422);
    expect(res.body.report.errors).toEqual([
      {
        row: 1,
        column: null,
        value: null,
        message:
          'В файле нет обязательных столбцов: «Отчество», «Дата рождения», «Пол», «Организация», «Должность», «Вид занятости». Проверьте первую строку или скачайте шаблон',
      },
    ]);
  });

  it('re-imports its own export unchanged, derived columns and all', async () => {
    const rows = [person('Выгрузкина'), person('Выгрузкин', { Имя: 'Иван', Пол: 'м', Email: '' })];
    expect((await upload(methodist, rows)).body).toMatchObject({ created: 2 });
    const exported = await methodist.get(`/api/staff/export?format=xlsx&organizationId=${s1.id}&q=выгрузкин`);
    expect(exported.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('Педагогические кадры');
    expect(ws.getCell('A2').value).toBe('Территория');
    expect(ws.getCell('B2').value).toBe('МБОУ «Школа № 1»');
    expect(ws.getCell('A3').value).toBe('По состоянию на');
    expect(ws.getCell('B3').type).toBe(ExcelJS.ValueType.Date);
    expect(ws.getCell('A4').value).toBe('Выгрузил(а)');
    expect(ws.getCell('A6').value).toBe('Фамилия');
    const birth = ws.getCell('D7');
    expect(birth.type).toBe(ExcelJS.ValueType.Date);
    expect(birth.numFmt).toBe('dd.mm.yyyy');
    const res = await methodist.upload('/api/import/staff', {
      name: 'export.xlsx',
      data: new Uint8Array(exported.raw),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalRows: 2, created: 0, updated: 0, unchanged: 2, errors: [] });
    expect(res.body.warnings.map((w: { column: string }) => w.column)).toContain('Возраст');
  });
});
