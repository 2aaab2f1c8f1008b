import { Alert, Button, Checkbox, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  afterNotificationsChanged,
  type OutboxLetter,
  resendUnsentLetters,
  useOutbox,
} from '../../api/notifications.ts';
import { useMe } from '../../auth/session.tsx';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { Pager, TableCard } from '../../components/table-parts.tsx';
import { useUrlState } from '../../lib/use-url-state.ts';
import { formatDateTime, plural } from '../../lib/words.ts';

const PAGE_SIZE = 50;

const STATUS_COLOR: Record<OutboxLetter['status'], string> = {
  sent: 'teal.8',
  waiting: 'blue.8',
  failed: 'red.8',
  not_configured: 'orange.9',
};

/** The letter's text, shown on request (a long digest would stretch the table). */
function LetterText({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="subtle"
        size="compact-xs"
        px={0}
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
      >
        {open ? 'Скрыть текст' : 'Показать текст'}
      </Button>
      {open && (
        <Text size="xs" style={{ whiteSpace: 'pre-wrap' }} mt={4}>
          {text}
        </Text>
      )}
    </>
  );
}

/**
 * Once a mail server is configured, the letters that waited for it (those of the last week; older
 * reminders would come too late) are sent on the admin's click, each at most once.
 */
function ResendUnsent({ unsent }: { unsent: number }) {
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [queued, setQueued] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function resend() {
    setBusy(true);
    setError(null);
    try {
      setQueued((await resendUnsentLetters()).queued);
      await afterNotificationsChanged(qc);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Stack gap={4} align="flex-end">
      <Button variant="light" onClick={resend} loading={busy} disabled={unsent === 0}>
        Отправить неотправленные
      </Button>
      {queued !== null && (
        <Text size="xs" c="dimmed" role="status">
          {queued > 0
            ? `Поставлено в отправку: ${queued} ${plural(queued, 'письмо', 'письма', 'писем')} за последнюю неделю.`
            : 'Неотправленных писем за последнюю неделю нет.'}
        </Text>
      )}
      <ErrorAlert error={error} title="Письма не отправлены" />
    </Stack>
  );
}

/** The admin's view of every letter the platform wrote: to whom, what, and whether it went out. */
export function OutboxTab() {
  const f = useUrlState();
  const page = Math.max(1, Number(f.get('page')) || 1);
  const unsentOnly = f.flag('unsent');
  const outbox = useOutbox({ page, pageSize: PAGE_SIZE, ...(unsentOnly ? { unsent: 'true' } : {}) });
  const data = outbox.data;
  const canResend = useMe().capabilities.notifications.resendOutbox;

  return (
    <Stack gap="md">
      <Text size="sm">
        Все письма, которые платформа отправляла или должна была отправить: уведомления и ежедневные сводки.
        Просмотр журнала записывается в журнал аудита — в письмах есть имена и адреса.
      </Text>
      {data && !data.mailConfigured && (
        <Alert color="yellow" title="Почтовый сервер не настроен">
          Письма не уходят, а остаются здесь. Чтобы их отправлять, укажите адрес почтового сервера и адрес
          платформы для ссылок в параметрах запуска сервера — как это сделать, сказано в инструкции по
          установке.
        </Alert>
      )}
      <Group justify="space-between">
        <Checkbox
          label="Только неотправленные"
          checked={unsentOnly}
          onChange={(e) => f.set({ unsent: e.currentTarget.checked })}
        />
        {data && (
          <Group gap="md" align="flex-start">
            <Text size="sm" c="dimmed" role="status">
              Писем: {data.total}, не отправлено: {data.unsent}
            </Text>
            {canResend && data.mailConfigured && <ResendUnsent unsent={data.unsent} />}
          </Group>
        )}
      </Group>
      <ErrorAlert error={outbox.error} title="Не удалось загрузить почтовый журнал" />
      {outbox.isPending && <LoadingRows label="Загрузка почтового журнала" />}
      {data && data.items.length === 0 && (
        <Paper withBorder>
          <Empty
            title={unsentOnly ? 'Неотправленных писем нет' : 'Писем пока нет'}
            description="Здесь появятся письма с уведомлениями — о назначенных формах, открытых диагностиках, сроках — и ежедневные сводки."
          />
        </Paper>
      )}
      {data && data.items.length > 0 && (
        <TableCard loading={outbox.isPlaceholderData} minWidth={900}>
          <Table striped verticalSpacing="xs" aria-label="Почтовый журнал">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={140}>Создано</Table.Th>
                <Table.Th w={220}>Кому</Table.Th>
                <Table.Th>Письмо</Table.Th>
                <Table.Th w={220}>Состояние</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(l.createdAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ wordBreak: 'break-all' }}>
                      {l.to}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {l.subject}
                    </Text>
                    <LetterText text={l.text} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600} c={STATUS_COLOR[l.status]}>
                      {l.statusLabel}
                    </Text>
                    {l.sentAt && (
                      <Text size="xs" c="dimmed">
                        {formatDateTime(l.sentAt)}
                      </Text>
                    )}
                    {l.status === 'failed' && l.lastError && (
                      <Text size="xs" c="red.8">
                        {l.lastError}
                      </Text>
                    )}
                    {l.attempts > 1 && (
                      <Text size="xs" c="dimmed">
                        Попыток: {l.attempts}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
      {data && (
        <Pager
          page={page}
          total={data.total}
          pageSize={PAGE_SIZE}
          onChange={(p) => f.set({ page: p > 1 ? p : null }, { keepPage: true })}
        />
      )}
    </Stack>
  );
}
