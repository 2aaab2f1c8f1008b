import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../tests/helpers/test-app.ts';
import { startTestApp } from '../../../tests/helpers/test-app.ts';
import { sql } from '../../platform/db/database.ts';

let t: TestApp;
/** The neighbouring municipality: it sees none of the forms the tests make, and nothing is assigned to it. */
const other: { muniB?: any; schoolB?: any; methodistB?: Client; headB?: Client } = {};

const FIELDS = [
  {
    code: 'mentors',
    label: 'Число наставников',
    type: 'integer',
    required: true,
    min: 0,
    measureCode: 'mentoring.mentors',
  },
  { code: 'share_pairs', label: 'Доля пар, %', type: 'percent', required: false },
  { code: 'has_plan', label: 'Есть план наставничества', type: 'boolean', required: true },
  { code: 'plan_date', label: 'Дата утверждения плана', type: 'date', required: false },
  {
    code: 'level',
    label: 'Уровень',
    type: 'select',
    required: false,
    options: ['школьный', 'муниципальный'],
  },
  { code: 'note', label: 'Комментарий', type: 'text', required: false },
];

beforeAll(async () => {
  t = await startTestApp();
  const { ctx } = t;
  other.muniB = await ctx.newMunicipality();
  other.schoolB = await ctx.newOrg({ municipalityId: other.muniB.id });
  other.methodistB = await t.login(
    await ctx.newUser({ role: 'municipal_methodist', municipalityId: other.muniB.id }),
  );
  other.headB = await t.login(await ctx.newUser({ role: 'org_head', organizationId: other.schoolB.id }));
});
afterAll(async () => t.close());

/**
 * Each test builds its own territory and carries it through the steps it needs: a municipality of
 * its own with two schools, its methodist, head, school heads and a teacher; the neighbouring
 * municipality B is shared and only ever looks in.
 */
async function territory() {
  const { ctx } = t;
  const muniA = await ctx.newMunicipality({ regionId: other.muniB.regionId });
  const school1 = await ctx.newOrg({ municipalityId: muniA.id });
  const school2 = await ctx.newOrg({ municipalityId: muniA.id });
  const teacher = await ctx.newPerson({ organizationId: school1.id });
  const w: Record<string, any> = { muniA, muniB: other.muniB, school1, school2, schoolB: other.schoolB };
  const users = {
    methodist: await ctx.newUser({ role: 'municipal_methodist', municipalityId: muniA.id }),
    municipalHead: await ctx.newUser({ role: 'municipal_head', municipalityId: muniA.id }),
    head1: await ctx.newUser({ role: 'org_head', organizationId: school1.id }),
    head2: await ctx.newUser({ role: 'org_head', organizationId: school2.id }),
    teacher: await ctx.newUser({ role: 'teacher', personId: teacher.id, organizationId: school1.id }),
  };
  const as: Record<string, Client> = { methodistB: other.methodistB!, headB: other.headB! };
  for (const [k, u] of Object.entries(users)) as[k] = await t.login(u);
  return { w, as };
}

/** The methodist's form «Наставничество в школах». */
async function createdForm() {
  const { w, as } = await territory();
  const res = await as.methodist!.post('/api/forms', {
    name: 'Наставничество в школах',
    description: 'Сведения для мониторинга 003',
    fields: FIELDS,
  });
  expect(res.status).toBe(201);
  w.form = res.body;
  return { w, as };
}

/** The form assigned to both schools of the municipality for the first half of 2026. */
async function assignedForm() {
  const { w, as } = await createdForm();
  const res = await as.methodist!.post(`/api/forms/${w.form.id}/assignments`, {
    title: 'Наставничество, I полугодие 2026',
    periodStart: '2026-01-01',
    periodEnd: '2026-06-30',
    dueOn: '2026-07-10',
    organizationIds: [w.school1.id, w.school2.id],
  });
  expect(res.status).toBe(201);
  w.assignment = res.body;
  w.sub1 = res.body.organizations.find((o: any) => o.organizationId === w.school1.id).submissionId;
  w.sub2 = res.body.organizations.find((o: any) => o.organizationId === w.school2.id).submissionId;
  return { w, as };
}

/** School 1 has autosaved a draft (version 1); school 2 has not started. */
async function savedDraft() {
  const { w, as } = await assignedForm();
  const res = await as.head1!.put(`/api/form-submissions/${w.sub1}`, {
    values: { mentors: '4', note: 'черновик' },
    version: 0,
  });
  expect(res.status).toBe(200);
  return { w, as };
}

const FULL_ANSWER = {
  mentors: '3',
  share_pairs: '62,5',
  has_plan: true,
  plan_date: '2026-02-01',
  level: 'школьный',
};

/** School 1 saved once more (version 2) and submitted its answer; school 2 has not started. */
async function submittedAnswer() {
  const { w, as } = await savedDraft();
  const saved = await as.head1!.put(`/api/form-submissions/${w.sub1}`, {
    values: { mentors: '2,5', share_pairs: 140, plan_date: '2026-02-30', level: 'краевой' },
    version: 1,
  });
  expect(saved.status).toBe(200);
  const res = await as.head1!.post(`/api/form-submissions/${w.sub1}/submit`, {
    values: FULL_ANSWER,
    version: 2,
  });
  expect(res.status).toBe(200);
  return { w, as };
}

/** The school 1 answer was returned, resubmitted with 5 mentors and accepted. */
async function acceptedAnswer() {
  const { w, as } = await submittedAnswer();
  const returned = await as.methodist!.post(`/api/form-submissions/${w.sub1}/return`, {
    comment: 'Уточните число наставников',
  });
  expect(returned.status).toBe(200);
  const mine = await as.head1!.get(`/api/form-submissions/${w.sub1}`);
  const again = await as.head1!.post(`/api/form-submissions/${w.sub1}/submit`, {
    values: { ...mine.body.values, mentors: 5 },
    version: mine.body.version,
  });
  expect(again.status).toBe(200);
  expect((await as.methodist!.post(`/api/form-submissions/${w.sub1}/accept`)).status).toBe(200);
  return { w, as };
}

/** The municipality's set «Наставничество» with the manual indicator 7.1 fed by `mentoring.mentors`. */
async function mentorsIndicatorSet(as: Record<string, Client>) {
  const set = await as.methodist!.post('/api/indicator-sets', {
    code: 'forms-e2e',
    name: 'Наставничество',
    description: '',
  });
  expect(set.status).toBe(201);
  const ind = await as.methodist!.post(`/api/indicator-sets/${set.body.id}/indicators`, {
    code: '7.1',
    name: 'Число наставников',
    unit: 'чел.',
    formula: { kind: 'manual', measure: 'manual:mentoring.mentors' },
  });
  expect(ind.status).toBe(201);
  return set.body.id as string;
}

describe('data-collection forms', () => {
  it('refuses anonymous, teachers and school heads at the methodist endpoints; checks field definitions', async () => {
    const { as } = await territory();
    expect((await t.client().get('/api/forms')).status).toBe(401);
    expect((await as.teacher!.get('/api/forms')).status).toBe(403);
    expect((await as.teacher!.post('/api/forms', { name: 'Форма', fields: FIELDS })).status).toBe(403);
    expect((await as.head1!.post('/api/forms', { name: 'Форма', fields: FIELDS })).status).toBe(403);
    expect((await as.teacher!.get('/api/my/form-submissions')).status).toBe(403);
    const dup = await as.methodist!.post('/api/forms', {
      name: 'Плохая форма',
      fields: [
        { code: 'a', label: 'А', type: 'integer', required: true, min: 5, max: 1 },
        { code: 'a', label: 'Б', type: 'select', required: false },
        { code: 'Bad code', label: 'В', type: 'text', required: false, measureCode: 'x' },
      ],
    });
    expect(dup.status).toBe(422);
    const messages = dup.body.error.issues.map((i: any) => `${i.path}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'fields.0.max: Максимум меньше минимума',
        'fields.1.code: Код «a» уже есть в форме',
        'fields.1.options: Для списка укажите варианты выбора',
        'fields.2.measureCode: Показатель питают только числовые поля',
      ]),
    );
  });

  it('a methodist creates a form; another municipality does not see it', async () => {
    const { w, as } = await territory();
    const res = await as.methodist!.post('/api/forms', {
      name: 'Наставничество в школах',
      description: 'Сведения для мониторинга 003',
      fields: FIELDS,
    });
    expect(res.status).toBe(201);
    expect(res.body.ownerLevel).toBe('municipality');
    expect(res.body.canEdit).toBe(true);
    expect(res.body.fields[0]).toMatchObject({ code: 'mentors', measureCode: 'mentoring.mentors' });
    w.form = res.body;
    expect((await as.methodistB!.get(`/api/forms/${w.form.id}`)).status).toBe(404);
    expect((await as.methodistB!.get('/api/forms')).body.items.map((f: any) => f.id)).not.toContain(
      w.form.id,
    );
    const read = await as.municipalHead!.get(`/api/forms/${w.form.id}`);
    expect(read.status).toBe(200);
    expect(read.body.canEdit).toBe(false);
    expect((await as.municipalHead!.patch(`/api/forms/${w.form.id}`, { name: 'Чужая правка' })).status).toBe(
      403,
    );
  });

  it('assigns to organizations in scope only', async () => {
    const { w, as } = await createdForm();
    const body = {
      title: 'Наставничество, I полугодие 2026',
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
      dueOn: '2026-07-10',
      organizationIds: [w.school1.id, w.schoolB.id],
    };
    const outside = await as.methodist!.post(`/api/forms/${w.form.id}/assignments`, body);
    expect(outside.status).toBe(422);
    expect(outside.body.error.message).toMatch(/вне вашей зоны/);
    expect((await as.methodistB!.post(`/api/forms/${w.form.id}/assignments`, body)).status).toBe(404);
    const res = await as.methodist!.post(`/api/forms/${w.form.id}/assignments`, {
      ...body,
      organizationIds: [w.school1.id, w.school2.id],
    });
    expect(res.status).toBe(201);
    expect(res.body.counts).toMatchObject({ total: 2, pending: 2, submitted: 0 });
    expect(res.body.organizations.map((o: any) => o.status)).toEqual(['pending', 'pending']);
    w.assignment = res.body;
    w.sub1 = res.body.organizations.find((o: any) => o.organizationId === w.school1.id).submissionId;
    w.sub2 = res.body.organizations.find((o: any) => o.organizationId === w.school2.id).submissionId;
    // Editing the form later does not change what was asked.
    const edited = await as.methodist!.patch(`/api/forms/${w.form.id}`, {
      fields: [...FIELDS, { code: 'extra', label: 'Новое поле', type: 'text', required: true }],
    });
    expect(edited.status).toBe(200);
    const card = await as.methodist!.get(`/api/form-assignments/${w.assignment.id}`);
    expect(card.body.fields.map((f: any) => f.code)).not.toContain('extra');
    expect((await as.methodistB!.get(`/api/form-assignments/${w.assignment.id}`)).status).toBe(404);
    expect((await as.methodistB!.get('/api/form-assignments')).body.items).toEqual([]);
  });

  it('school heads see only their own submission; another school and a teacher are refused', async () => {
    const { w, as } = await assignedForm();
    const mine = await as.head1!.get('/api/my/form-submissions');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((s: any) => s.id)).toEqual([w.sub1]);
    expect(mine.body.items[0]).toMatchObject({
      status: 'pending',
      permissions: { edit: true, review: false },
    });
    expect((await as.head2!.get(`/api/form-submissions/${w.sub1}`)).status).toBe(404);
    expect((await as.headB!.get(`/api/form-submissions/${w.sub1}`)).status).toBe(404);
    expect((await as.headB!.put(`/api/form-submissions/${w.sub1}`, { values: {}, version: 0 })).status).toBe(
      404,
    );
    expect((await as.teacher!.get(`/api/form-submissions/${w.sub1}`)).status).toBe(403);
    expect((await as.methodistB!.get(`/api/form-submissions/${w.sub1}`)).status).toBe(404);
    // The methodist reviews but does not fill in for the school.
    expect(
      (await as.methodist!.put(`/api/form-submissions/${w.sub1}`, { values: {}, version: 0 })).status,
    ).toBe(403);
  });

  it('autosaves drafts with an optimistic version: a stale save is 409 with the current values', async () => {
    const { w, as } = await assignedForm();
    const first = await as.head1!.put(`/api/form-submissions/${w.sub1}`, {
      values: { mentors: '4', note: 'черновик', unknown_key: 'x' },
      version: 0,
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      status: 'draft',
      version: 1,
      values: { mentors: '4', note: 'черновик' },
    });
    expect(first.body.values).not.toHaveProperty('unknown_key');
    // A second tab still holding version 0 tries to save over it.
    const stale = await as.head1!.put(`/api/form-submissions/${w.sub1}`, {
      values: { mentors: '9' },
      version: 0,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({
      version: 1,
      values: { mentors: '4', note: 'черновик' },
    });
    const [row] = await t.db.query<{ values: any; version: number }>(
      sql`SELECT values, version FROM form_submissions WHERE id = ${w.sub1}`,
    );
    expect(row).toEqual({ values: { mentors: '4', note: 'черновик' }, version: 1 });
  });

  it('submit validates every field with Russian messages, then locks the answer', async () => {
    const { w, as } = await savedDraft();
    const bad = await as.head1!.put(`/api/form-submissions/${w.sub1}`, {
      values: { mentors: '2,5', share_pairs: 140, plan_date: '2026-02-30', level: 'краевой' },
      version: 1,
    });
    expect(bad.status).toBe(200);
    const refused = await as.head1!.post(`/api/form-submissions/${w.sub1}/submit`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.issues).toEqual([
      { path: 'values.mentors', message: 'Число наставников: Введите целое число' },
      { path: 'values.share_pairs', message: 'Доля пар, %: Процент — от 0 до 100' },
      { path: 'values.has_plan', message: 'Есть план наставничества: Обязательное поле' },
      { path: 'values.plan_date', message: 'Дата утверждения плана: Введите дату в формате ГГГГ-ММ-ДД' },
      { path: 'values.level', message: 'Уровень: Выберите значение из списка' },
    ]);
    const negative = await as.head1!.post(`/api/form-submissions/${w.sub1}/submit`, {
      values: { mentors: -1, has_plan: true },
      version: 2,
    });
    expect(negative.status).toBe(422);
    expect(negative.body.error.issues).toEqual([
      { path: 'values.mentors', message: 'Число наставников: Не меньше 0' },
    ]);
    const full = {
      mentors: '3',
      share_pairs: '62,5',
      has_plan: true,
      plan_date: '2026-02-01',
      level: 'школьный',
    };
    // A refused submit writes nothing: the version the client holds is still current.
    const stale = await as.head1!.post(`/api/form-submissions/${w.sub1}/submit`, {
      values: full,
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current.version).toBe(2);
    const ok = await as.head1!.post(`/api/form-submissions/${w.sub1}/submit`, { values: full, version: 2 });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('submitted');
    expect(ok.body.values).toEqual({
      mentors: 3,
      share_pairs: 62.5,
      has_plan: true,
      plan_date: '2026-02-01',
      level: 'школьный',
    });
    expect(ok.body.permissions.edit).toBe(false);
    const locked = await as.head1!.put(`/api/form-submissions/${w.sub1}`, {
      values: {},
      version: ok.body.version,
    });
    expect(locked.status).toBe(409);
    expect(locked.body.error.message).toBe('Ответ уже отправлен на проверку.');
  });

  it('reminds those who have not submitted; the reminder shows in the head’s list', async () => {
    const { w, as } = await submittedAnswer();
    expect((await as.head2!.post(`/api/form-assignments/${w.assignment.id}/remind`, {})).status).toBe(403);
    const res = await as.methodist!.post(`/api/form-assignments/${w.assignment.id}/remind`, {});
    expect(res.status).toBe(200);
    expect(res.body.reminded).toBe(1);
    const list = await as.head2!.get('/api/my/form-submissions');
    expect(list.body.items[0].remindedAt).not.toBeNull();
    expect((await as.head1!.get('/api/my/form-submissions')).body.items[0].remindedAt).toBeNull();
    const card = await as.methodist!.get(`/api/form-assignments/${w.assignment.id}`);
    expect(card.body.counts).toMatchObject({ total: 2, pending: 1, submitted: 1, reminded: 1 });
  });

  it('returns with a comment, the head fixes and resubmits, the methodist accepts; the value is accepted', async () => {
    const { w, as } = await submittedAnswer();
    expect((await as.head1!.post(`/api/form-submissions/${w.sub1}/accept`)).status).toBe(403);
    expect((await as.municipalHead!.post(`/api/form-submissions/${w.sub1}/accept`)).status).toBe(403);
    expect((await as.methodistB!.post(`/api/form-submissions/${w.sub1}/accept`)).status).toBe(404);
    expect((await as.methodist!.post(`/api/form-submissions/${w.sub2}/accept`)).status).toBe(409);
    const noComment = await as.methodist!.post(`/api/form-submissions/${w.sub1}/return`, { comment: '' });
    expect(noComment.status).toBe(422);
    const returned = await as.methodist!.post(`/api/form-submissions/${w.sub1}/return`, {
      comment: 'Уточните число наставников',
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', reviewComment: 'Уточните число наставников' });

    const mine = await as.head1!.get(`/api/form-submissions/${w.sub1}`);
    expect(mine.body.permissions.edit).toBe(true);
    const again = await as.head1!.post(`/api/form-submissions/${w.sub1}/submit`, {
      values: { ...mine.body.values, mentors: 5 },
      version: mine.body.version,
    });
    expect(again.status).toBe(200);
    expect(again.body.reviewComment).toBeNull();
    const accepted = await as.methodist!.post(`/api/form-submissions/${w.sub1}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    expect((await as.methodist!.post(`/api/form-submissions/${w.sub1}/accept`)).status).toBe(409);
  });

  it('an accepted answer reaches the manual indicator of a set; before acceptance it is «not entered»', async () => {
    const { w, as } = await acceptedAnswer();
    const setId = await mentorsIndicatorSet(as);
    const values = async (periodStart: string, periodEnd: string) => {
      const res = await as.methodist!.get(
        `/api/indicator-sets/${setId}/values?asOf=${periodEnd}&periodStart=${periodStart}&periodEnd=${periodEnd}&slice=organization`,
      );
      expect(res.status).toBe(200);
      return res.body.indicators.find((i: any) => i.code === '7.1');
    };
    // The school 1 answer (5 mentors) was accepted for 2026; 2025 has no answer at all.
    const now = await values('2026-01-01', '2026-12-31');
    expect(now).toMatchObject({ value: 5, status: 'ok' });
    const bySchool = Object.fromEntries(now.slices.organization.map((o: any) => [o.key, o.value]));
    expect(bySchool[w.school1.id]).toBe(5);
    expect(await values('2025-01-01', '2025-12-31')).toMatchObject({ value: null, status: 'manual_missing' });
  });

  it('audits every save, submit and review', async () => {
    const { w } = await acceptedAnswer();
    const rows = await t.db.query<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE entity = 'form_submissions' AND entity_id = ${w.sub1} ORDER BY id`,
    );
    expect(rows.map((r) => r.action)).toEqual(['save', 'save', 'submit', 'return', 'submit', 'accept']);
  });

  it('exports the answers of the organizations in scope as XLSX', async () => {
    const { w, as } = await acceptedAnswer();
    const res = await as.methodist!.get(`/api/form-assignments/${w.assignment.id}/export?format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.raw);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['Организация', 'Статус', 'Число наставников', 'Уровень']));
    const col = header.indexOf('Число наставников') + 1;
    const values = [2, 3].map((i) => [sheet.getRow(i).getCell(2).value, sheet.getRow(i).getCell(col).value]);
    expect(values).toEqual(
      expect.arrayContaining([
        ['принята', 5],
        ['не начата', null],
      ]),
    );
    expect((await as.methodistB!.get(`/api/form-assignments/${w.assignment.id}/export`)).status).toBe(404);
  });

  it('offers the manual measures of the visible indicator sets to the builder', async () => {
    const { w, as } = await territory();
    await mentorsIndicatorSet(as);
    const [set] = await t.db.query<{ id: string }>(sql`
      INSERT INTO indicator_sets (code, name, owner_level, region_id, municipality_id)
      VALUES ('forms-test', 'Набор', 'municipality', ${w.muniA.regionId}, ${w.muniA.id}) RETURNING id`);
    await t.db.query(sql`
      INSERT INTO indicators (set_id, code, name, formula) VALUES
        (${set!.id}, '5.1', 'Доля наставников',
         ${JSON.stringify({ kind: 'share', numerator: { measure: 'manual:mentoring.mentors' }, denominator: { measure: 'staff.total' } })}::jsonb),
        (${set!.id}, '5.2', 'Число пар', ${JSON.stringify({ kind: 'manual', measure: 'manual:mentoring.pairs' })}::jsonb),
        (${set!.id}, '1.1', 'Всего', ${JSON.stringify({ kind: 'count', of: { measure: 'staff.total' } })}::jsonb)`);
    const res = await as.methodist!.get('/api/forms/measure-codes');
    expect(res.status).toBe(200);
    // The codes this municipality's sets use come first, then the presets' catalogue.
    expect(res.body.items.slice(0, 2)).toEqual([
      {
        code: 'mentoring.mentors',
        label: '',
        field: null,
        indicators: ['5.1 Доля наставников', '7.1 Число наставников'],
      },
      { code: 'mentoring.pairs', label: '', field: null, indicators: ['5.2 Число пар'] },
    ]);
    const zemsky = res.body.items.find((m: any) => m.code === 'zemsky_vacancies_closed_share');
    expect(zemsky).toMatchObject({
      label: expect.stringContaining('Земский учитель'),
      field: { type: 'percent' },
    });
    const other = (await as.methodistB!.get('/api/forms/measure-codes')).body.items;
    expect(other.map((m: any) => m.code)).not.toContain('mentoring.mentors');
    expect(other.every((m: any) => m.indicators.length === 0)).toBe(true);
    expect((await as.teacher!.get('/api/forms/measure-codes')).status).toBe(403);
  });

  it('lists assignments with counts and is in the OpenAPI document', async () => {
    const { as } = await acceptedAnswer();
    const list = await as.municipalHead!.get('/api/form-assignments');
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].counts).toMatchObject({ total: 2, accepted: 1, pending: 1 });
    const doc = await t.client().get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/forms', '/api/form-submissions/{id}/submit', '/api/my/form-submissions']),
    );
  });
});
