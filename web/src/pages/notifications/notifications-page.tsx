import { Badge, Button, Group, Paper, SegmentedControl, Stack, Tabs, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  afterNotificationsChanged,
  markAllRead,
  markRead,
  type Notification,
  useNotifications,
} from '../../api/notifications.ts';
import { useMe } from '../../auth/session.tsx';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { PageHeader } from '../../components/page.tsx';
import { Pager } from '../../components/table-parts.tsx';
import { useUrlState } from '../../lib/use-url-state.ts';
import { formatDateTime, plural } from '../../lib/words.ts';
import { OutboxTab } from './outbox-tab.tsx';
import { PreferencesTab } from './preferences-tab.tsx';

const PAGE_SIZE = 20;

function NotificationCard({ n, onChanged }: { n: Notification; onChanged: () => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  async function read() {
    setBusy(true);
    try {
      await markRead(n.id);
      await onChanged();
    } finally {
      setBusy(false);
    }
  }
  return (
    <Paper withBorder p="sm" bg={n.readAt ? undefined : 'blue.0'} component="article" aria-label={n.title}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={4}>
          <Group gap="xs">
            <Badge variant="light" color={n.readAt ? 'gray' : 'blue'} size="sm">
              {n.kindLabel}
            </Badge>
            <Text size="xs" c="dimmed">
              {formatDateTime(n.createdAt)}
            </Text>
            {!n.readAt && (
              <Text size="xs" c="blue.7" fw={600}>
                новое
              </Text>
            )}
          </Group>
          <Text fw={n.readAt ? 500 : 700}>{n.title}</Text>
          <Text size="sm">{n.body}</Text>
        </Stack>
        <Stack gap={6} style={{ flex: 'none' }}>
          {n.link && (
            <Button
              component={Link}
              to={n.link}
              size="xs"
              variant="light"
              onClick={() => !n.readAt && read()}
            >
              Открыть
            </Button>
          )}
          {!n.readAt && (
            <Button size="xs" variant="subtle" onClick={read} loading={busy}>
              Прочитано
            </Button>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}

function NotificationsTab() {
  const qc = useQueryClient();
  const f = useUrlState();
  const page = Math.max(1, Number(f.get('page')) || 1);
  const unreadOnly = f.get('show') === 'unread';
  const list = useNotifications({ page, pageSize: PAGE_SIZE, ...(unreadOnly ? { unread: 'true' } : {}) });
  const [readingAll, setReadingAll] = useState(false);
  const changed = () => afterNotificationsChanged(qc);
  const data = list.data;

  async function readAll() {
    setReadingAll(true);
    try {
      await markAllRead();
      await changed();
    } finally {
      setReadingAll(false);
    }
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <SegmentedControl
          aria-label="Какие уведомления показать"
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(v) => f.set({ show: v === 'unread' ? 'unread' : null })}
          data={[
            { value: 'all', label: 'Все' },
            { value: 'unread', label: 'Непрочитанные' },
          ]}
        />
        <Group gap="sm">
          {data && (
            <Text size="sm" c="dimmed" role="status">
              {data.unread > 0 ? `Непрочитанных: ${data.unread}` : 'Все уведомления прочитаны'}
            </Text>
          )}
          {data && data.unread > 0 && (
            <Button variant="light" size="xs" onClick={readAll} loading={readingAll}>
              Отметить все прочитанными
            </Button>
          )}
        </Group>
      </Group>
      <ErrorAlert error={list.error} title="Не удалось загрузить уведомления" />
      {list.isPending && <LoadingRows label="Загрузка уведомлений" />}
      {data && data.items.length === 0 && (
        <Paper withBorder>
          {unreadOnly ? (
            <Empty
              title="Непрочитанных уведомлений нет"
              description="Все уведомления прочитаны. Прошлые можно посмотреть в списке «Все»."
            />
          ) : (
            <Empty
              title="Уведомлений пока нет"
              description="Здесь появятся сообщения о том, что ждёт вашего участия: открытая для вас диагностика и напоминания о ней, назначенные, возвращённые и просроченные формы сбора данных, согласование маршрута куратором, мероприятия, возвращённые на доработку или ждущие подтверждения, и сроки, до которых осталось три дня."
            />
          )}
        </Paper>
      )}
      {data && data.items.length > 0 && (
        <Stack gap="xs" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
          {data.items.map((n) => (
            <NotificationCard key={n.id} n={n} onChanged={changed} />
          ))}
        </Stack>
      )}
      {data && (
        <Pager
          page={page}
          total={data.total}
          pageSize={PAGE_SIZE}
          onChange={(p) => f.set({ page: p > 1 ? p : null }, { keepPage: true })}
        />
      )}
      {data && data.total > 0 && (
        <Text size="xs" c="dimmed">
          Всего {data.total} {plural(data.total, 'уведомление', 'уведомления', 'уведомлений')}.
        </Text>
      )}
    </Stack>
  );
}

/** The caller's notifications, their e-mail preferences and, for the admin, the mail outbox. */
export default function NotificationsPage() {
  const me = useMe();
  const f = useUrlState();
  const outbox = me.capabilities.notifications.readOutbox;
  const requested = f.get('tab');
  const tab = requested === 'mail' || (requested === 'outbox' && outbox) ? requested : 'list';
  return (
    <Stack gap="md">
      <PageHeader
        title="Уведомления"
        description="Что произошло с вашими диагностиками, формами и маршрутами. Уведомления видны здесь всегда; какие из них приходят на почту, вы выбираете сами."
      />
      <Tabs
        value={tab}
        onChange={(v) => f.set({ tab: v === 'list' ? null : v, page: null, show: null })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="list">Уведомления</Tabs.Tab>
          <Tabs.Tab value="mail">Настройка почты</Tabs.Tab>
          {outbox && <Tabs.Tab value="outbox">Почтовый журнал</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="list" pt="md">
          <NotificationsTab />
        </Tabs.Panel>
        <Tabs.Panel value="mail" pt="md">
          <PreferencesTab />
        </Tabs.Panel>
        {outbox && (
          <Tabs.Panel value="outbox" pt="md">
            <OutboxTab />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
