import {
  ActionIcon,
  Anchor,
  Box,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import {
  afterNotificationsChanged,
  markAllRead,
  markRead,
  type Notification,
  useNotifications,
} from '../api/notifications.ts';
import { formatDateTime, plural } from '../lib/words.ts';

const PREVIEW = 5;

function BellIcon() {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/**
 * The bell in the header: the count of unread notifications, and on a click the latest of them;
 * choosing one marks it read and opens what it is about. The page «Уведомления» has them all.
 */
export function NotificationBell() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const list = useNotifications({ page: 1, pageSize: PREVIEW }, { bell: true });
  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];
  const label =
    unread > 0
      ? `Уведомления: ${unread} ${plural(unread, 'непрочитанное', 'непрочитанных', 'непрочитанных')}`
      : 'Уведомления: новых нет';

  async function open(n: Notification) {
    close();
    if (!n.readAt) await markRead(n.id).catch(() => undefined);
    await afterNotificationsChanged(qc);
    navigate(n.link ?? '/notifications');
  }

  async function readAll() {
    await markAllRead();
    await afterNotificationsChanged(qc);
  }

  return (
    <Popover
      opened={opened}
      onChange={(o) => !o && close()}
      position="bottom-end"
      width={360}
      shadow="md"
      withArrow
    >
      <Popover.Target>
        <Indicator
          label={unread > 99 ? '99+' : unread}
          disabled={unread === 0}
          size={18}
          color="red"
          offset={4}
          data-testid="notification-count"
        >
          <ActionIcon variant="subtle" size="lg" onClick={toggle} aria-label={label} aria-expanded={opened}>
            <BellIcon />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <Group justify="space-between" px="sm" py="xs">
          <Text fw={600} size="sm">
            Уведомления
          </Text>
          {unread > 0 && (
            <Button variant="subtle" size="compact-xs" onClick={readAll}>
              Отметить все прочитанными
            </Button>
          )}
        </Group>
        <Divider />
        {items.length === 0 ? (
          <Text size="sm" c="dimmed" p="sm">
            Новых уведомлений нет. Здесь появятся открытые для вас диагностики, формы и сроки, согласование
            маршрута.
          </Text>
        ) : (
          <Stack gap={0}>
            {items.map((n) => (
              <UnstyledButton
                key={n.id}
                onClick={() => open(n)}
                px="sm"
                py={8}
                style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
              >
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Box
                    mt={6}
                    w={8}
                    h={8}
                    style={{ borderRadius: 4, flex: 'none' }}
                    bg={n.readAt ? 'transparent' : 'blue.6'}
                    aria-hidden
                  />
                  <Box>
                    <Text size="sm" fw={n.readAt ? 400 : 600} lh={1.3}>
                      {n.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(n.createdAt)}
                      {n.readAt ? '' : ' · новое'}
                    </Text>
                  </Box>
                </Group>
              </UnstyledButton>
            ))}
          </Stack>
        )}
        <Box px="sm" py="xs">
          <Anchor component={Link} to="/notifications" size="sm" onClick={close}>
            Все уведомления и настройка почты
          </Anchor>
        </Box>
      </Popover.Dropdown>
    </Popover>
  );
}
