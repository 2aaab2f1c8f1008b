import { Alert, Button, Group, NativeSelect, Paper, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { keys } from '../../api/keys.ts';
import {
  type EmailDelivery,
  type Preference,
  savePreferences,
  usePreferences,
} from '../../api/notifications.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { TableCard } from '../../components/table-parts.tsx';

const DELIVERY: { value: EmailDelivery; label: string }[] = [
  { value: 'immediate', label: 'Сразу' },
  { value: 'digest', label: 'В ежедневной сводке' },
  { value: 'off', label: 'Не присылать' },
];
const deliveryLabel = (v: EmailDelivery) => DELIVERY.find((d) => d.value === v)?.label ?? v;

/** Per kind of notification: by e-mail at once, in the morning digest, or not at all. */
export function PreferencesTab() {
  const qc = useQueryClient();
  const prefs = usePreferences();
  const [choice, setChoice] = useState<Record<string, EmailDelivery>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (prefs.data) setChoice(Object.fromEntries(prefs.data.items.map((i) => [i.kind, i.email])));
  }, [prefs.data]);

  if (prefs.isPending) return <LoadingRows rows={4} label="Загрузка настроек" />;
  if (prefs.error) return <ErrorAlert error={prefs.error} title="Не удалось загрузить настройки" />;
  const items = prefs.data.items;
  const changed = items.some((i) => choice[i.kind] && choice[i.kind] !== i.email);

  async function save() {
    setSaving(true);
    setError(null);
    setSaved(false);
    try {
      const next = await savePreferences({
        items: items.map((i: Preference) => ({ kind: i.kind, email: choice[i.kind] ?? i.email })),
      });
      qc.setQueryData(keys.notifications.preferences, next);
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Stack gap="md">
      <Text size="sm">
        В Маршруте уведомления показываются всегда. Выберите, какие из них присылать на вашу электронную
        почту: сразу, одним письмом-сводкой утром или не присылать вовсе.
      </Text>
      {!prefs.data.mailConfigured && (
        <Alert color="yellow" title="Почта пока не отправляется">
          Почтовый сервер платформы не настроен: письма не уходят, а уведомления видны только здесь. Ваш выбор
          сохранится и начнёт действовать, когда администратор настроит почту.
        </Alert>
      )}
      <TableCard loading={false} minWidth={640}>
        <Table verticalSpacing="sm" aria-label="Доставка уведомлений на почту">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Уведомление</Table.Th>
              <Table.Th w={240}>На почту</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((i) => (
              <Table.Tr key={i.kind}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {i.label}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {i.description} По умолчанию: {deliveryLabel(i.defaultEmail).toLowerCase()}.
                  </Text>
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    aria-label={`${i.label}: на почту`}
                    data={DELIVERY}
                    value={choice[i.kind] ?? i.email}
                    onChange={(e) => {
                      const value = e.currentTarget.value as EmailDelivery;
                      setChoice((c) => ({ ...c, [i.kind]: value }));
                      setSaved(false);
                    }}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableCard>
      <ErrorAlert error={error} title="Не удалось сохранить настройки" />
      <Paper>
        <Group gap="sm">
          <Button onClick={save} loading={saving} disabled={!changed}>
            Сохранить
          </Button>
          {saved && !changed && (
            <Text size="sm" c="teal.8" role="status">
              Настройки сохранены.
            </Text>
          )}
        </Group>
      </Paper>
    </Stack>
  );
}
