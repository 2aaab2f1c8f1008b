import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../tests/helpers/test-app.ts';
import { startTestApp } from '../../tests/helpers/test-app.ts';
import { sql } from '../platform/db/database.ts';

/** Import of a plan in the shape of 001 Table 2 (№, период, мероприятие, ответственный, результат). */
let t: TestApp;
let methodist: Client;
let otherMethodist: Client;
let teacher: Client;
let planId: string;

const TABLE2 = [
  '№ п/п',
  'Период реализации',
  'Наименование мероприятия',
  'ФИО, должность ответственного',
  'Прогнозируемый результат (количественные характеристики результата)',
];

async function xlsx(rows: (string | number)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('План');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const csv = (rows: string[][]) => new TextEncoder().encode(rows.map((r) => r.join(';')).join('\r\n'));

const eventsOf = async () =>
  t.db.query<{
    number: string | null;
    title: string;
    kind: string;
    starts_on: string | null;
    ends_on: string | null;
    planned_result: unknown;
  }>(
    sql`SELECT number, title, kind::text, starts_on, ends_on, planned_result FROM events WHERE plan_id = ${planId} ORDER BY number`,
  );

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  const muni = await ctx.newMunicipality();
  const other = await ctx.newMunicipality();
  const school = await ctx.newOrg({ municipalityId: muni.id });
  const person = await ctx.newPerson({ organizationId: school.id });
  methodist = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', municipalityId: muni.id, regionId: muni.regionId }),
  );
  otherMethodist = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', municipalityId: other.id, regionId: other.regionId }),
  );
  teacher = await t.login(
    await ctx.newUser({ role: 'teacher', personId: person.id, organizationId: school.id }),
  );
  planId = (await methodist.post('/api/event-plans', { schoolYear: 2026 })).body.id;
});
afterAll(async () => t.close());

describe('import of the plan of events', () => {
  it('reads Table 2: skips section rows and the numbering row, guesses kinds, dates and results', async () => {
    const file = await xlsx([
      TABLE2,
      ['1', '2', '3', '4', '5'],
      ['1.', '', 'Создание организационно-информационного обеспечения', '', ''],
      [
        '1.2.',
        'В течение года',
        'Организационно-методическое сопровождение аттестации',
        'Печенова Л.А.',
        'Процедуру аттестации планируют пройти 67 педагогических работников',
      ],
      [
        '2.1.',
        '08.02.2027',
        'Установочный семинар стажировочной площадки',
        'Ланкина Н.Н.',
        'Не менее 70 % молодых педагогов',
      ],
      [
        '3.2.',
        'октябрь–ноябрь',
        'Проведение городских профессиональных конкурсов «Новая смена»',
        'Ланкина Н.Н.',
        'Не менее 50 работников системы образования',
      ],
      [
        '6.2.',
        'Согласно планам работы Советов',
        'Заседание ГМО учителей начальных классов',
        'Руководители ГМО',
        '3 протокола',
      ],
    ]);
    const res = await methodist.upload(`/api/event-plans/${planId}/import`, {
      name: 'plan.xlsx',
      data: file,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ committed: true, created: 4, errors: [] });
    expect(res.body.warnings.map((w: { message: string }) => w.message)).toContain(
      'Строка раздела плана пропущена',
    );
    const rows = await eventsOf();
    expect(rows.map((r) => [r.number, r.kind, r.starts_on, r.ends_on])).toEqual([
      ['1.2.', 'other', '2026-09-01', '2027-08-31'],
      ['2.1.', 'seminar', '2027-02-08', '2027-02-08'],
      ['3.2.', 'contest', '2026-10-01', '2026-11-30'],
      ['6.2.', 'association_meeting', null, null],
    ]);
    expect(rows.map((r) => r.planned_result)).toEqual([
      { kind: 'participants', n: 67, group: 'педагогических работников' },
      { kind: 'percent_of_group', n: 70, group: 'молодых педагогов' },
      { kind: 'participants', n: 50, group: 'работников системы образования' },
      { kind: 'protocols', n: 3, group: null },
    ]);
  });

  it('refuses a bad file as a whole and names each row’s problem in Russian', async () => {
    const before = await eventsOf();
    const res = await methodist.upload(`/api/event-plans/${planId}/import`, {
      name: 'plan.csv',
      data: csv([
        TABLE2.concat('Вид', 'Дата начала', 'Количество мест'),
        ['4.1.', 'в течение года', 'Новый проект', 'Иванова', '', '', '', ''],
        ['4.2.', 'ноябрь', '', 'Иванова', '', '', '', ''],
        ['4.3.', 'ноябрь', 'Слёт', '', '', 'пикник', '', ''],
        ['4.4.', 'ноябрь', 'Семинар', '', '', '', '31.02.2027', ''],
        ['4.1.', 'декабрь', 'Повтор номера', '', '', '', '', ''],
        ['4.6.', 'декабрь', 'Вебинар', '', '', '', '', 'много'],
        ['4.7.', 'декабрь', 'Вебинар вне года', '', '', '', '01.10.2030', ''],
      ]),
    });
    expect(res.status).toBe(422);
    expect(res.body.report.committed).toBe(false);
    const errors = res.body.report.errors.map(
      (e: { row: number; column: string | null; message: string }) => [e.row, e.column, e.message],
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        [3, 'Наименование мероприятия', 'Не заполнено обязательное поле «Наименование мероприятия»'],
        [4, 'Вид', expect.stringMatching(/^Неизвестное значение «пикник»/)],
        [5, 'Дата начала', expect.stringMatching(/31\.02\.2027/)],
        [6, '№ п/п', 'Мероприятие с этим номером уже есть в строке 2'],
        [7, 'Количество мест', expect.any(String)],
        [8, 'Дата начала', 'Дата вне учебного года плана (2026/2027)'],
      ]),
    );
    expect(await eventsOf()).toEqual(before);
  });

  it('updates rows by number on a second load, and is closed to those who do not keep the plan', async () => {
    const file = await xlsx([
      TABLE2,
      [
        '2.1.',
        '09.02.2027',
        'Установочный семинар стажировочной площадки',
        'Ланкина Н.Н.',
        'Не менее 80 % молодых педагогов',
      ],
      ['10.1.', 'май', 'Педагогические чтения', 'Ланкина Н.Н.', ''],
    ]);
    const res = await methodist.upload(`/api/event-plans/${planId}/import`, {
      name: 'plan.xlsx',
      data: file,
    });
    expect(res.body).toMatchObject({ committed: true, created: 1, updated: 1 });
    const listed = await methodist.get(`/api/event-plans/${planId}/events`);
    expect(listed.body.items.map((e: { number: string }) => e.number)).toEqual([
      '1.2.',
      '2.1.',
      '3.2.',
      '6.2.',
      '10.1.',
    ]);
    expect(listed.body.items.at(-1)).toMatchObject({
      kind: 'readings',
      startsOn: '2027-05-01',
      endsOn: '2027-05-31',
    });
    const row = (await eventsOf()).find((r) => r.number === '2.1.')!;
    expect(row.starts_on).toBe('2027-02-09');
    expect(row.planned_result).toMatchObject({ n: 80 });
    expect(
      (await otherMethodist.upload(`/api/event-plans/${planId}/import`, { name: 'plan.xlsx', data: file }))
        .status,
    ).toBe(404);
    expect(
      (await teacher.upload(`/api/event-plans/${planId}/import`, { name: 'plan.xlsx', data: file })).status,
    ).toBe(404);
    const template = await methodist.get('/api/event-plans/template?format=xlsx');
    expect(template.status).toBe(200);
  });
});
