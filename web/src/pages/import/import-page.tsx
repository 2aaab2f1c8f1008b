import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Paper,
  Progress,
  Radio,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, uploadFile } from '../../api/api.ts';
import type { ImportIssue, ImportKind, ImportReport } from '../../api/types.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { NoAccess } from '../../components/no-access.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { Stat } from '../../components/stat.tsx';
import { useUrlFilters } from '../../lib/url-state.ts';
import { IMPORT_KINDS, plural } from '../../lib/words.ts';

type Mode = 'check' | 'all' | 'valid';

const MODES: { value: Mode; label: string; description: string }[] = [
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

const MAX_MB = 20;

function isReport(x: unknown): x is ImportReport {
  return Boolean(x && typeof x === 'object' && 'totalRows' in x && 'errors' in x);
}

function IssuesTable({ issues, label }: { issues: ImportIssue[]; label: string }) {
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

function ReportView({ report }: { report: ImportReport }) {
  const errorRows = new Set(report.errors.map((e) => e.row)).size;
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

/** The list of organizations is kept by the territory, not by a school: org heads load the rest. */
const ORG_IMPORTERS = ['admin', 'region_admin', 'municipal_methodist'];

export default function ImportPage() {
  const me = useMe();
  const f = useUrlFilters();
  const qc = useQueryClient();
  const kinds = IMPORT_KINDS.filter((k) => k.value !== 'organizations' || ORG_IMPORTERS.includes(me.role));
  const kind = (kinds.find((k) => k.value === f.get('kind'))?.value ?? 'staff') as ImportKind;
  const kindInfo = kinds.find((k) => k.value === kind)!;
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<Mode>('check');
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const busy = progress !== null;

  function chooseKind(k: string) {
    f.set({ kind: k });
    setFile(null);
    setReport(null);
    setError(null);
  }

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
    const dryRun = mode === 'check';
    const url = `/api/import/${kind}?dryRun=${dryRun}&mode=${mode === 'valid' ? 'valid' : 'all'}`;
    setProgress(0);
    try {
      const res = await uploadFile<{ report: ImportReport } | ImportReport>(url, file, setProgress);
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

  if (!me.canManageRegistry) return <NoAccess />;
  const uploadDone = progress !== null && progress >= 1;
  return (
    <Stack gap="lg">
      <PageHeader
        title="Импорт"
        description="Загрузка сведений из таблиц Excel (XLSX) или CSV. Сначала проверьте файл — в реестр ничего не запишется, пока вы не выберете загрузку."
      />

      <Section title="1. Что загружаем">
        <SegmentedControl
          value={kind}
          onChange={chooseKind}
          data={kinds.map((k) => ({ value: k.value, label: k.label }))}
          aria-label="Вид данных"
          fullWidth
          maw={820}
        />
        <Text size="sm">{kindInfo.hint}</Text>
        <Group gap="sm">
          <Text size="sm">Шаблон с нужными столбцами:</Text>
          <Anchor href={`/api/import/templates/${kind}?format=xlsx`} download size="sm">
            Скачать шаблон XLSX
          </Anchor>
          <Anchor href={`/api/import/templates/${kind}?format=csv`} download size="sm">
            Скачать шаблон CSV
          </Anchor>
        </Group>
      </Section>

      <Section title="2. Файл и режим">
        <Paper withBorder p="md" maw={820}>
          <Stack gap="md">
            <FileInput
              label="Файл"
              description={`XLSX или CSV (из Excel: «CSV (разделители — точка с запятой)»), до ${MAX_MB} МБ`}
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
              <Button onClick={run} disabled={!file || busy} loading={busy}>
                {mode === 'check' ? 'Проверить файл' : 'Загрузить'}
              </Button>
              {busy && (
                <Text size="sm" c="dimmed" role="status">
                  {uploadDone ? 'Файл передан, сервер проверяет строки…' : 'Передаём файл…'}
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
        <Section title="3. Результат">
          <ReportView report={report} />
          {report.committed && (
            <Badge color="teal" variant="light" size="lg">
              Изменения записаны в журнал аудита
            </Badge>
          )}
        </Section>
      )}
    </Stack>
  );
}
