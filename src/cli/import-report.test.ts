import { describe, expect, it } from 'vitest';
import { formatImportReport, formatIssue, type ImportReportLike, importExitCode } from './import-report.ts';

const base: ImportReportLike = { errors: [], created: 0, updated: 0, unchanged: 0, committed: false };
const ctx = { kind: 'staff' as const, fileName: 'kadry.xlsx', dryRun: false, skipInvalid: false };
const snilsError = { row: 5, column: 'СНИЛС', value: '123-45', message: 'СНИЛС должен состоять из 11 цифр' };

describe('formatIssue', () => {
  it('names the row, the column and the value', () => {
    expect(formatIssue(snilsError)).toBe(
      '  строка 5, столбец «СНИЛС», значение «123-45»: СНИЛС должен состоять из 11 цифр',
    );
  });
  it('speaks of the file as a whole for row 0 and skips what is missing', () => {
    expect(formatIssue({ row: 0, column: null, value: null, message: 'нет листа' })).toBe(
      '  файл: нет листа',
    );
    expect(formatIssue({ row: 3, column: null, value: '', message: 'пустая строка' })).toBe(
      '  строка 3: пустая строка',
    );
  });
  it('shortens long values', () => {
    expect(
      formatIssue({ row: 2, column: 'Имя', value: 'я'.repeat(100), message: 'слишком длинно' }),
    ).toContain('…»');
  });
});

describe('formatImportReport', () => {
  it('reports a refused import and exits 1', () => {
    const r = { ...base, errors: [snilsError] };
    const text = formatImportReport(r, ctx).join('\n');
    expect(text).toContain('Ошибки (1):');
    expect(text).toContain('строка 5, столбец «СНИЛС»');
    expect(text).toContain('Ничего не записано: в файле есть ошибки');
    expect(text).toContain('--skip-invalid');
    expect(importExitCode(r)).toBe(1);
  });

  it('reports a committed import with totals and exits 0', () => {
    const r = {
      ...base,
      created: 10,
      updated: 2,
      unchanged: 1,
      committed: true,
      totalRows: 13,
      validRows: 13,
    };
    const text = formatImportReport(r, ctx).join('\n');
    expect(text).toContain('Строк в файле: 13, без ошибок: 13.');
    expect(text).toContain('Итог: создано: 10, обновлено: 2, без изменений: 1.');
    expect(text).toContain('Изменения записаны.');
    expect(importExitCode(r)).toBe(0);
  });

  it('reports skipped rows when only valid rows were written', () => {
    const r = { ...base, errors: [snilsError], created: 4, committed: true };
    const text = formatImportReport(r, { ...ctx, skipInvalid: true }).join('\n');
    expect(text).toContain('строки с ошибками пропущены');
    expect(importExitCode(r)).toBe(0);
  });

  it('says a dry run wrote nothing, and exits 1 if the file has errors', () => {
    const clean = { ...base, created: 3, dryRun: true };
    expect(formatImportReport(clean, { ...ctx, dryRun: true }).join('\n')).toContain(
      'Пробный запуск: ничего не записано.',
    );
    expect(importExitCode(clean)).toBe(0);
    const dirty = { ...clean, errors: [snilsError] };
    expect(formatImportReport(dirty, { ...ctx, dryRun: true }).join('\n')).toContain('В файле есть ошибки.');
    expect(importExitCode(dirty)).toBe(1);
  });
});
