import { Alert, List, Text } from '@mantine/core';
import { ApiError } from '../api/api.ts';
import { FIELD_LABELS } from '../lib/words.ts';

/** A field's Russian name from its path («employment.position» → «Должность»); none for an unknown one. */
function fieldName(path: string): string | null {
  if (!path) return null;
  const last =
    path
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? '';
  return FIELD_LABELS[path] ?? FIELD_LABELS[last] ?? null;
}

/** The server's message; the field issues; for server faults the request id to quote to support. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  // A fault in the page itself carries the browser's message (in English) unless the page wrote one.
  const own = error instanceof Error && /[А-Яа-яЁё]/.test(error.message) ? error.message : null;
  const e =
    error instanceof ApiError
      ? error
      : new ApiError(
          0,
          'client',
          own ?? 'Ошибка на странице. Обновите её; если не поможет — сообщите администратору.',
          undefined,
        );
  const showId = e.requestId && (e.status >= 500 || e.status === 0);
  return (
    <Alert color="red" title={title ?? 'Не получилось'} role="alert">
      <Text size="sm">{e.message}</Text>
      {e.issues.length > 0 && (
        <List size="sm" mt="xs">
          {e.issues.map((i) => (
            <List.Item key={`${i.path}:${i.message}`}>
              {fieldName(i.path) ? `${fieldName(i.path)}: ` : ''}
              {i.message}
            </List.Item>
          ))}
        </List>
      )}
      {showId && (
        <Text size="xs" c="dimmed" mt="xs">
          Номер запроса для администратора: <code>{e.requestId}</code>
        </Text>
      )}
    </Alert>
  );
}

/** Field → message map for a form from a 422's issues. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.issues.map((i) => [i.path, i.message]));
}
