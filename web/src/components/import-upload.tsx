import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  Paper,
  Progress,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { ApiError, uploadFile } from '../api/api.ts';
import type { ImportIssue, ImportReport } from '../api/types.ts';
import { plural } from '../lib/words.ts';
import { ErrorAlert } from './error-alert.tsx';
import { Section } from './page.tsx';
import { Stat } from './stat.tsx';

/**
 * Uploading a spreadsheet and reading its row-by-row report: the same steps for every kind of
 * import (registry, catalog, assessment results), so people learn them once.
 */

export type Mode = 'check' | 'all' | 'valid';

export const MODES: { value: Mode; label: string; description: string }[] = [
  {
    value: 'check',
    label: 'Проверить без записи',
    description: 'Файл проверяется целиком, в реестр ничего не записывается. Начните с этого.',
  },
  {
    value: 'all',
    label: 'Загрузить (только если весь файл верен)',
    description:
      'Если хоть одна строка с ошибкой — не записывается ничего. Исправьте файл и загрузите снова.',
  },
  {
    value: 'valid',
    label: 'Загрузить верные строки',
    description: 'Строки без ошибок записываются, строки с ошибками пропускаются — их список останется ниже.',
  },
];

export const MAX_MB = 20;

export function isReport(x: unknown): x is ImportReport {
  return Boolean(x && typeof x === 'object' && 'totalRows' in x && 'errors' in x);
}

export function IssuesTable({ issues, label }: { issues: ImportIssue[]; label: string }) {
  return (
    <Paper withBorder>
      <Table.ScrollContainer minWidth={640} mah={480}>
        <Table striped aria-label={label} stickyHeader>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>Строка</Table.Th>
              <Table.Th w={200}>Столбец</Table.Th>
              <Table.Th w={220}>Значение</Table.Th>
              <Table.Th>Ошибка</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {issues.map((i, n) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a row may carry several issues for one column
              <Table.Tr key={`${i.row}:${i.column}:${n}`}>
                <Table.Td>{i.row}</Table.Td>
                <Table.Td>{i.column ?? '—'}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                    {i.value === null || i.value === undefined || i.value === ''
                      ? '(пусто)'
                      : String(i.value)}
                  </Text>
                </Table.Td>
                <Table.Td>{i.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

export function ReportView({ report }: { report: ImportReport }) {
  const errorRows = new Set(report.errors.map((e) => e.row)).size;
  // Results imports also count the competency results written.
  const results = (report as ImportReport & { results?: number }).results;
  let verdict: { color: string; title: string; text: string };
  if (report.dryRun) {
    verdict = report.errors.length
      ? {
          color: 'orange',
          title: 'Проверка: в файле есть ошибки',
          text: `Ничего не записано. ${errorRows} ${plural(errorRows, 'строка', 'строки', 'строк')} с ошибками — исправьте их в файле или загрузите только верные строки.`,
        }
      : {
          color: 'teal',
          title: 'Проверка пройдена',
          text: 'Ошибок нет, ничего не записано. Можно загружать файл.',
        };
  } else if (report.committed) {
    verdict = {
      color: 'teal',
      title: 'Данные загружены',
      text: report.errors.length
        ? `Записаны верные строки; ${errorRows} ${plural(errorRows, 'строка', 'строки', 'строк')} с ошибками ${plural(errorRows, 'пропущена', 'пропущены', 'пропущены')}.`
        : 'Все строки файла записаны.',
    };
  } else {
    verdict = {
      color: 'red',
      title: 'Ничего не записано',
      text: 'В файле есть ошибки, а выбран режим «только если весь файл верен». Исправьте строки из списка ниже.',
    };
  }
  return (
    <Stack gap="md" aria-label="Отчёт об импорте" component="section">
      <Alert color={verdict.color} title={verdict.title} role="status">
        <Text size="sm">{verdict.text}</Text>
        <Text size="xs" c="dimmed" mt={4}>
          Файл: {report.fileName}
        </Text>
      </Alert>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
        <Stat label="Строк в файле" value={report.totalRows} />
        <Stat label="Верных строк" value={report.validRows} />
        <Stat label="Ошибок" value={report.errors.length} />
        <Stat
          label="Создано"
          value={report.committed ? report.created : '—'}
          hint={report.dryRun ? 'будет создано' : undefined}
        />
        <Stat label="Обновлено" value={report.committed ? report.updated : '—'} />
        <Stat label="Без изменений" value={report.committed ? report.unchanged : '—'} />
        {typeof results === 'number' && (
          <Stat
            label="Результатов"
            value={results}
            hint={report.dryRun ? 'будет записано' : 'по компетенциям'}
          />
        )}
      </SimpleGrid>
      {report.dryRun && (report.created || report.updated || report.unchanged) ? (
        <Text size="sm" c="dimmed">
          При загрузке будет создано: {report.created}, обновлено: {report.updated}, без изменений:{' '}
          {report.unchanged}.
        </Text>
      ) : null}
      {report.errors.length > 0 && (
        <Section title={`Ошибки (${report.errors.length})`}>
          <IssuesTable issues={report.errors} label="Ошибки импорта" />
        </Section>
      )}
      {report.warnings.length > 0 && (
        <Section title={`Предупреждения (${report.warnings.length})`}>
          <Text size="sm" c="dimmed">
            Строки с предупреждениями загружаются, но проверьте их.
          </Text>
          <IssuesTable issues={report.warnings} label="Предупреждения импорта" />
        </Section>
      )}
    </Stack>
  );
}

/**
 * Steps «file and mode» and «result» of an import: the caller gives the endpoint for a mode
 * (dry run or not; all or valid rows). The endpoint answers 200 with the report or 422 with it.
 */
export function ImportUpload({
  url,
  step = 2,
  disabled,
  disabledHint,
  after,
}: {
  url: (opts: { dryRun: boolean; mode: 'all' | 'valid' }) => string;
  step?: number;
  disabled?: boolean;
  disabledHint?: ReactNode;
  /** What follows from this kind of import, shown under its report (e.g. a started job). */
  after?: (report: ImportReport) => ReactNode;
}) {
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<Mode>('check');
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const busy = progress !== null;

  async function run() {
    if (!file) return;
    setReport(null);
    setError(null);
    if (file.size > MAX_MB * 1024 * 1024) {
      setError(
        new ApiError(
          413,
          'payload_too_large',
          `Файл больше ${MAX_MB} МБ. Разделите его на части.`,
          undefined,
        ),
      );
      return;
    }
    setProgress(0);
    try {
      const target = url({ dryRun: mode === 'check', mode: mode === 'valid' ? 'valid' : 'all' });
      const res = await uploadFile<{ report: ImportReport } | ImportReport>(target, file, setProgress);
      const r = isReport(res) ? res : res.report;
      setReport(r);
      if (r.committed) await qc.invalidateQueries();
    } catch (e) {
      const body = e instanceof ApiError ? (e.body as { report?: unknown } | undefined) : undefined;
      if (body && isReport(body.report)) setReport(body.report);
      else setError(e);
    } finally {
      setProgress(null);
    }
  }

  const uploadDone = progress !== null && progress >= 1;
  return (
    <>
      <Section title={`${step}. Файл и режим`}>
        <Paper withBorder p="md" maw={820}>
          <Stack gap="md">
            <FileInput
              label="Файл"
              description={`XLSX или CSV (из табличного редактора: «CSV (разделители — точка с запятой)»), до ${MAX_MB} МБ`}
              placeholder="Выберите файл"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              value={file}
              onChange={(x) => {
                setFile(x);
                setReport(null);
                setError(null);
              }}
              clearable
            />
            <Radio.Group label="Режим" value={mode} onChange={(v) => setMode(v as Mode)} name="import-mode">
              <Stack gap="xs" mt={6}>
                {MODES.map((m) => (
                  <Radio key={m.value} value={m.value} label={m.label} description={m.description} />
                ))}
              </Stack>
            </Radio.Group>
            <Group>
              <Button onClick={run} disabled={!file || busy || disabled} loading={busy}>
                {mode === 'check' ? 'Проверить файл' : 'Загрузить'}
              </Button>
              {busy && (
                <Text size="sm" c="dimmed" role="status">
                  {uploadDone ? 'Файл передан, сервер проверяет строки…' : 'Передаём файл…'}
                </Text>
              )}
              {disabled && disabledHint && (
                <Text size="sm" c="dimmed">
                  {disabledHint}
                </Text>
              )}
            </Group>
            {busy && (
              <Progress
                value={Math.round((progress ?? 0) * 100)}
                animated={uploadDone}
                aria-label="Передача файла"
                size="lg"
              />
            )}
          </Stack>
        </Paper>
      </Section>

      <ErrorAlert error={error} title="Импорт не выполнен" />
      {report && (
        <Section title={`${step + 1}. Результат`}>
          <ReportView report={report} />
          {after?.(report)}
          {report.committed && (
            <Badge color="teal" variant="light" size="lg">
              Изменения записаны в журнал аудита
            </Badge>
          )}
        </Section>
      )}
    </>
  );
}
