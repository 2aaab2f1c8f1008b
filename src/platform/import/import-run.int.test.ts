import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../tests/helpers/test-db.ts';
import { type Actor, SYSTEM_ACTOR } from '../auth/actor.ts';
import { type Db, sql } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { RowOutcome } from './import.types.ts';
import { MAX_LISTED_ISSUES, runImport } from './import-run.ts';
import { findRepeats, type Importer } from './importer.ts';

/**
 * The runner every import shares, with a small importer of «notes» (a code and a count) whose
 * commit writes only audit entries: modes, dry run, header problems, own counts, capped issues,
 * the 403 and 409 refusals and the summary audit.
 */
let db: Db;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await createTestDb());
});
afterAll(async () => drop());

const admin: Actor = { ...SYSTEM_ACTOR, email: 'admin.notes@test.local' };
const methodist: Actor = { ...SYSTEM_ACTOR, role: 'municipal_methodist', email: 'm@test.local' };

function notesImporter(
  opts: { strict?: boolean; collide?: boolean } = {},
): Importer<'notes', { notes: number }> {
  return {
    kind: 'notes',
    columns: [
      { key: 'code', header: 'Код', required: true, example: 'A1', help: 'Код заметки' },
      { key: 'count', header: 'Количество', required: false, example: 1, help: 'Целое', type: 'number' },
    ],
    roles: ['admin'],
    forbidden: 'Заметки загружает только администратор.',
    template: { sheet: 'Заметки', file: 'notes' },
    conflict: 'Заметки изменились во время загрузки.',
    ...(opts.strict
      ? { unknownColumn: (h: string, l: string) => `Столбец «${h}» (${l}) не из шаблона` }
      : {}),
    counts: { notes: 0 },
    auditDetails: { extra: 'да' },
    async prepare(_tx, ctx, readers) {
      const rows = readers.flatMap((r) => {
        const code = r.text('code', { required: true });
        r.number('count', { integer: true });
        return code ? [{ r, code, rowNumber: r.rowNumber }] : [];
      });
      for (const { item, first } of findRepeats(rows, (x) => x.code))
        item.r.fail('code', `Код повторяет строку ${first.rowNumber}`);
      const valid = rows.filter((x) => x.r.ok);
      const outcomes = new Map<number, RowOutcome>(valid.map((x) => [x.rowNumber, 'created']));
      return {
        errors: readers.flatMap((r) => r.issues),
        warnings: ctx.lock ? [] : [{ row: 0, column: null, value: null, message: 'Пробный запуск' }],
        outcomes,
        counts: { notes: valid.length * 2 },
        async commit(t) {
          if (opts.collide) {
            await t.query(sql`CREATE TEMP TABLE notes_once (k int PRIMARY KEY) ON COMMIT DROP`);
            await t.query(sql`INSERT INTO notes_once VALUES (1), (1)`);
          }
          return valid.map((x) => ({
            action: 'create' as const,
            entity: 'import' as const,
            entityId: x.code,
          }));
        },
      };
    },
  };
}

const csv = (rows: string[][]) => new TextEncoder().encode(rows.map((r) => r.join(';')).join('\r\n'));
const fileName = () => `notes-${randomBytes(4).toString('hex')}.csv`;
const summaryOf = async (name: string) =>
  db.query<{ details: Record<string, unknown>; actor_email: string | null }>(
    sql`SELECT details, actor_email FROM audit_log WHERE action = 'import' AND details->>'fileName' = ${name}`,
  );

describe('runImport', () => {
  const mixed = csv([
    ['Код', 'Количество'],
    ['A1', '1'],
    ['A2', 'много'],
    ['A1', '3'],
    ['A3', ''],
  ]);

  it("mode 'all' writes nothing when a row is wrong, and says which rows", async () => {
    const name = fileName();
    const report = await runImport(db, notesImporter(), { actor: null, fileName: name, data: mixed });
    expect(report).toMatchObject({
      kind: 'notes',
      totalRows: 4,
      validRows: 2,
      created: 0,
      notes: 0,
      committed: false,
      dryRun: false,
    });
    expect(report.errors).toEqual([
      { row: 3, column: 'Количество', value: 'много', message: '«много» — не число' },
      { row: 4, column: 'Код', value: 'A1', message: 'Код повторяет строку 2' },
    ]);
    expect(await summaryOf(name)).toEqual([]);
  });

  it("mode 'valid' writes the valid rows with the audit and its summary", async () => {
    const name = fileName();
    const report = await runImport(db, notesImporter(), {
      actor: admin,
      fileName: name,
      data: mixed,
      mode: 'valid',
    });
    expect(report).toMatchObject({ validRows: 2, created: 2, notes: 4, committed: true });
    const [summary] = await summaryOf(name);
    expect(summary!.actor_email).toBe('admin.notes@test.local');
    expect(summary!.details).toEqual({
      kind: 'notes',
      extra: 'да',
      fileName: name,
      mode: 'valid',
      totalRows: 4,
      validRows: 2,
      errors: 2,
      created: 2,
      updated: 0,
      unchanged: 0,
      notes: 4,
    });
    const notes = await db.query<{ entity_id: string; actor_email: string }>(
      sql`SELECT entity_id, actor_email FROM audit_log WHERE entity = 'import' AND action = 'create' ORDER BY entity_id`,
    );
    expect(notes).toEqual([
      { entity_id: 'A1', actor_email: 'admin.notes@test.local' },
      { entity_id: 'A3', actor_email: 'admin.notes@test.local' },
    ]);
  });

  it('a dry run counts and writes nothing; the importer sees lock = false', async () => {
    const name = fileName();
    const report = await runImport(db, notesImporter(), {
      actor: null,
      fileName: name,
      data: mixed,
      mode: 'valid',
      dryRun: true,
    });
    expect(report).toMatchObject({ created: 2, notes: 4, committed: false, dryRun: true });
    expect(report.warnings).toEqual([{ row: 0, column: null, value: null, message: 'Пробный запуск' }]);
    expect(await summaryOf(name)).toEqual([]);
  });

  it('refuses a role the importer does not allow, with its message', async () => {
    await expect(
      runImport(db, notesImporter(), { actor: methodist, fileName: fileName(), data: mixed }),
    ).rejects.toMatchObject({ code: 'forbidden', message: 'Заметки загружает только администратор.' });
  });

  it('an unknown column is a warning, or an error for a strict importer', async () => {
    const data = csv([
      ['Код', 'Лишний'],
      ['B1', 'x'],
    ]);
    const lax = await runImport(db, notesImporter(), {
      actor: null,
      fileName: fileName(),
      data,
      dryRun: true,
    });
    expect(lax.errors).toEqual([]);
    expect(lax.warnings).toEqual([
      { row: 0, column: null, value: null, message: 'Пробный запуск' },
      {
        row: 1,
        column: 'Лишний',
        value: null,
        message: 'Столбец «Лишний» (B) не используется при загрузке и пропущен',
      },
    ]);
    const strict = await runImport(db, notesImporter({ strict: true }), {
      actor: null,
      fileName: fileName(),
      data,
    });
    expect(strict).toMatchObject({ warnings: [], notes: 0, committed: false });
    expect(strict.errors).toEqual([
      { row: 1, column: 'Лишний', value: null, message: 'Столбец «Лишний» (B) не из шаблона' },
    ]);
  });

  it('a missing required column or no data rows is one error of the file', async () => {
    const noCode = await runImport(db, notesImporter(), {
      actor: null,
      fileName: fileName(),
      data: csv([['Количество'], ['1']]),
    });
    expect(noCode.errors.map((e) => e.message)).toEqual([
      'В файле нет обязательного столбца «Код». Проверьте первую строку или скачайте шаблон',
    ]);
    const empty = await runImport(db, notesImporter(), {
      actor: null,
      fileName: fileName(),
      data: csv([['Код']]),
    });
    expect(empty.errors).toEqual([
      {
        row: 0,
        column: null,
        value: null,
        message: 'В файле нет строк с данными: заполните строки под заголовками',
      },
    ]);
  });

  it('lists at most MAX_LISTED_ISSUES errors and counts the rest in a last line', async () => {
    const rows = Array.from({ length: MAX_LISTED_ISSUES + 5 }, (_, i) => [`C${i}`, 'нет']);
    const report = await runImport(db, notesImporter(), {
      actor: null,
      fileName: fileName(),
      data: csv([['Код', 'Количество'], ...rows]),
      dryRun: true,
    });
    expect(report.errors).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(report.errors.at(-1)!.message).toBe(
      `Показаны первые ${MAX_LISTED_ISSUES} ошибок из ${MAX_LISTED_ISSUES + 5}; исправьте их и загрузите файл снова`,
    );
  });

  it('a unique violation while writing is a 409 with the importer message, and nothing is kept', async () => {
    const name = fileName();
    const err = await runImport(db, notesImporter({ collide: true }), {
      actor: null,
      fileName: name,
      data: csv([['Код'], ['D1']]),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'conflict', message: 'Заметки изменились во время загрузки.' });
    expect(await summaryOf(name)).toEqual([]);
  });
});
