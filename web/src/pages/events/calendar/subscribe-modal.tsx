import { Alert, Button, CopyButton, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { formatDateTime } from '../../../lib/words.ts';
import { calendarKeys, createFeed, type FeedCreated, removeFeed, useFeedState } from './calendar-api.ts';

/**
 * «Подписаться в календаре»: creates the caller's secret iCal link, shows it once with a copy
 * button and says how to add it; a new link replaces the old, and the link can be turned off.
 */
export function SubscribeModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const state = useFeedState(opened);
  const [created, setCreated] = useState<FeedCreated | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      await qc.invalidateQueries({ queryKey: calendarKeys.feed });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    setCreated(null);
    setError(null);
    onClose();
  };
  const active = state.data?.active ?? false;

  return (
    <Modal opened={opened} onClose={close} title="Подписаться в календаре" size="lg">
      <Stack gap="sm">
        <Text size="sm">
          Личная ссылка добавляет ваши мероприятия в календарь телефона или почты (Яндекс Календарь, Google
          Календарь, Outlook, Календарь Apple) и обновляет их сама. {state.data?.contents}
        </Text>
        <Text size="sm" c="dimmed">
          Ссылка секретная: кто её знает, видит ваш календарь без входа в систему. Не публикуйте её; если она
          попала к посторонним — создайте новую, старая сразу перестанет работать.
        </Text>
        <ErrorAlert error={state.error ?? error} title="Не удалось" />

        {created ? (
          <Alert color="teal" title="Ссылка создана">
            <Text size="sm" mb="xs">
              Скопируйте её сейчас: целиком ссылка показывается только один раз.
            </Text>
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                label="Ссылка на календарь"
                value={created.url}
                readOnly
                onFocus={(e) => e.currentTarget.select()}
                style={{ flex: 1 }}
              />
              <CopyButton value={created.url}>
                {({ copied, copy }) => (
                  <Button color={copied ? 'teal' : 'blue'} onClick={copy} variant="light">
                    {copied ? 'Скопировано' : 'Копировать'}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Alert>
        ) : (
          active && (
            <Text size="sm">
              Ссылка уже создана {formatDateTime(state.data?.createdAt)}
              {state.data?.lastUsedAt
                ? `; календарь последний раз обновлялся ${formatDateTime(state.data.lastUsedAt)}.`
                : '; календарь по ней ещё не открывали.'}
            </Text>
          )
        )}

        <Text size="sm" fw={500}>
          Как добавить
        </Text>
        <List size="sm" spacing={4}>
          <List.Item>Яндекс Календарь: «Добавить» → «Подписаться на календарь» → вставьте ссылку.</List.Item>
          <List.Item>Google Календарь: «Другие календари» → «+» → «Добавить по URL».</List.Item>
          <List.Item>Outlook: «Добавить календарь» → «Подписаться из Интернета».</List.Item>
          <List.Item>iPhone: «Настройки» → «Календарь» → «Учётные записи» → «Подписной календарь».</List.Item>
        </List>
        <Text size="xs" c="dimmed">
          Приложения календаря обновляют подписку сами — обычно раз в несколько часов. Мероприятия с датами
          без времени показываются на весь день.
        </Text>

        <Group justify="space-between">
          {active && !created ? (
            <Button variant="subtle" color="red" loading={busy} onClick={() => run(async () => removeFeed())}>
              Отключить ссылку
            </Button>
          ) : (
            <span />
          )}
          <Group gap="xs">
            <Button variant="default" onClick={close}>
              Закрыть
            </Button>
            {!created && (
              <Button
                loading={busy || state.isPending}
                onClick={() =>
                  run(async () => {
                    setCreated(await createFeed());
                  })
                }
              >
                {active ? 'Создать новую ссылку' : 'Создать ссылку'}
              </Button>
            )}
          </Group>
        </Group>
        {active && !created && (
          <Text size="xs" c="dimmed" ta="right">
            Новая ссылка заменит прежнюю: в календарях, подписанных по старой, мероприятия перестанут
            обновляться.
          </Text>
        )}
      </Stack>
    </Modal>
  );
}
