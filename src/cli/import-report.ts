import type { ImportIssue, ImportReport } from '../platform/import/import.types.ts';

/**
 * The import's report as Russian lines for the console, and the exit code it implies. Written
 * against the platform's `ImportReport` (errors with row, column, value, message; created /
 * updated / unchanged; committed); the rest is used when present.
 */
export type ImportIssueLike = ImportIssue;

export type ImportReportLike = Pick<
  ImportReport,
  'errors' | 'created' | 'updated' | 'unchanged' | 'committed'
> &
  Partial<Pick<ImportReport, 'warnings' | 'dryRun' | 'totalRows' | 'validRows'>>;

export const IMPORT_KIND_LABELS = {
  orgs: 'организации',
  staff: 'педагогические кадры',
  vacancies: 'вакансии',
  staffing: 'штатное расписание',
  'assessment-results': 'результаты диагностики',
} as const;
export type ImportKindArg = keyof typeof IMPORT_KIND_LABELS;

const MAX_VALUE = 60;

export function formatIssue(i: ImportIssueLike): string {
  const where = i.row > 0 ? `строка ${i.row}` : 'файл';
  const column = i.column ? `, столбец «${i.column}»` : '';
  const v = i.value === null || i.value === undefined ? '' : String(i.value);
  const value = v === '' ? '' : `, значение «${v.length > MAX_VALUE ? `${v.slice(0, MAX_VALUE)}…` : v}»`;
  return `  ${where}${column}${value}: ${i.message}`;
}

export function formatImportReport(
  r: ImportReportLike,
  ctx: { kind: ImportKindArg; fileName: string; dryRun: boolean; skipInvalid: boolean },
): string[] {
  const lines = [
    `Импорт: ${IMPORT_KIND_LABELS[ctx.kind]}, файл ${ctx.fileName}${ctx.dryRun ? ' (пробный запуск)' : ''}`,
  ];
  if (r.errors.length) {
    lines.push(`Ошибки (${r.errors.length}):`);
    for (const e of r.errors) lines.push(formatIssue(e));
  }
  if (r.warnings?.length) {
    lines.push(`Предупреждения (${r.warnings.length}):`);
    for (const w of r.warnings) lines.push(formatIssue(w));
  }
  if (r.totalRows !== undefined)
    lines.push(
      `Строк в файле: ${r.totalRows}${r.validRows !== undefined ? `, без ошибок: ${r.validRows}` : ''}.`,
    );
  const dry = ctx.dryRun || r.dryRun === true;
  const counts = `создано: ${r.created}, обновлено: ${r.updated}, без изменений: ${r.unchanged}.`;
  const fixHint = 'Исправьте ошибки или запустите с --skip-invalid, чтобы загрузить только верные строки.';
  if (r.committed) {
    lines.push(`Итог: ${counts}`);
    lines.push(
      r.errors.length ? 'Записаны верные строки; строки с ошибками пропущены.' : 'Изменения записаны.',
    );
  } else if (dry) {
    lines.push(`Было бы ${counts}`);
    lines.push('Пробный запуск: ничего не записано.');
    if (r.errors.length && !ctx.skipInvalid) lines.push(`В файле есть ошибки. ${fixHint}`);
  } else if (r.errors.length && !ctx.skipInvalid) {
    lines.push(`Ничего не записано: в файле есть ошибки. ${fixHint}`);
  } else if (r.errors.length) {
    lines.push('Ничего не записано: в файле нет верных строк.');
  } else {
    lines.push(`Итог: ${counts}`);
    lines.push('Ничего не записано.');
  }
  return lines;
}

/** 1 when nothing was written because of errors (a dry run with errors included), else 0. */
export function importExitCode(r: ImportReportLike): 0 | 1 {
  return r.errors.length > 0 && !r.committed ? 1 : 0;
}
