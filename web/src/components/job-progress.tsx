import { Alert, Badge, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { JOB_STATUS, type Job, jobError, useJob } from '../api/routes.ts';
import { formatDateTime } from '../lib/words.ts';
import { ErrorAlert } from './error-alert.tsx';
import { LoadingRows } from './loading.tsx';

/**
 * A background job's progress, polled every second until it finishes. The finished job goes to
 * `children` so that each page shows its own result (routes generated, rows imported…).
 */
export function JobProgress<R>({
  jobId,
  title,
  children,
}: {
  jobId: string;
  title: string;
  children?: (job: Job<R>) => ReactNode;
}) {
  const job = useJob<R>(jobId);
  if (job.error) return <ErrorAlert error={job.error} title="Не удалось получить состояние задания" />;
  if (!job.data) return <LoadingRows rows={2} label="Загрузка состояния задания" />;
  const j = job.data;
  const total = j.total ?? 0;
  const done = j.done ?? 0;
  const finished = j.status === 'succeeded' || j.status === 'failed';
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : finished ? 100 : 0;
  const status = JOB_STATUS[j.status] ?? { label: j.status, color: 'gray' };
  const error = jobError(j);
  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="section" aria-label={title}>
        <Stack gap="xs">
          <Group justify="space-between" wrap="wrap">
            <Text fw={600}>{title}</Text>
            <Badge color={status.color} variant="light" data-testid="job-status">
              {status.label}
            </Badge>
          </Group>
          <Progress
            value={percent}
            size="lg"
            animated={!finished}
            color={j.status === 'failed' ? 'red' : finished ? 'teal' : 'blue'}
            aria-label={`Выполнено ${percent}%`}
          />
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm" role="status" aria-live="polite" data-testid="job-message">
              {j.message || (finished ? 'Задание завершено.' : 'Задание ожидает выполнения…')}
            </Text>
            {total > 0 && (
              <Text size="sm" c="dimmed">
                {done.toLocaleString('ru-RU')} из {total.toLocaleString('ru-RU')}
              </Text>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            Создано {formatDateTime(j.createdAt)}
            {j.finishedAt ? ` · завершено ${formatDateTime(j.finishedAt)}` : ''}
          </Text>
        </Stack>
      </Paper>
      {j.status === 'failed' && (
        <Alert color="red" title="Задание завершилось с ошибкой" role="alert">
          <Text size="sm">
            {error ?? 'Причина не указана. Повторите запуск или сообщите администратору.'}
          </Text>
        </Alert>
      )}
      {j.status === 'succeeded' && children?.(j)}
    </Stack>
  );
}
