import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Community } from '../../api/communities.ts';
import { afterPracticesChanged, linkMaterial, usePractices } from '../../api/practices.ts';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { TableCard } from '../../components/table-parts.tsx';

/**
 * A community's materials (issue 14, 6): what the bank of practices holds attached to it — the
 * association's methodical materials; the community's manager attaches published ones from the bank.
 */
export function MaterialsTab({ c }: { c: Community }) {
  const materials = usePractices({ communityId: c.id, sort: 'title' });
  const [attaching, setAttaching] = useState(false);
  const items = materials.data?.items ?? [];
  return (
    <Stack gap="sm">
      {c.canManage && (
        <Group>
          <Button onClick={() => setAttaching(true)}>Прикрепить материал из банка</Button>
        </Group>
      )}
      <ErrorAlert error={materials.error} title="Не удалось загрузить материалы" />
      {!materials.data && !materials.error && <LoadingRows rows={3} label="Загрузка материалов" />}
      {materials.data && items.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Материалов сообщества пока нет"
            description={
              c.canManage
                ? 'Нажмите «Прикрепить материал из банка» и выберите опубликованный материал: участники увидят его здесь.'
                : 'Материалы прикрепляет руководитель сообщества или методист из банка практик.'
            }
          />
        </Paper>
      )}
      {items.length > 0 && (
        <TableCard loading={materials.isFetching} minWidth={640}>
          <Table verticalSpacing={6} fz="sm" aria-label="Материалы сообщества">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Материал</Table.Th>
                <Table.Th w={240}>Авторы</Table.Th>
                <Table.Th w={160}>Уровень апробации</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/practices/${m.id}`} size="sm" fw={500}>
                      {m.title}
                    </Anchor>
                    <Group gap={4} mt={2}>
                      <Badge size="xs" variant="light">
                        {m.kindName}
                      </Badge>
                      {m.topic && (
                        <Badge size="xs" variant="outline" color="gray">
                          {m.topic}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{m.authors.map((a) => a.name).join(', ')}</Table.Td>
                  <Table.Td>{m.approbationLevelName}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
      {attaching && (
        <AttachModal c={c} attached={new Set(items.map((m) => m.id))} onClose={() => setAttaching(false)} />
      )}
    </Stack>
  );
}

function AttachModal({ c, attached, onClose }: { c: Community; attached: Set<string>; onClose: () => void }) {
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const found = usePractices(debounced ? { q: debounced, sort: 'title' } : { sort: 'title' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const attach = async (id: string) => {
    setError(null);
    setBusy(id);
    try {
      await linkMaterial(id, { communityId: c.id });
      await afterPracticesChanged(qc);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const items = (found.data?.items ?? []).slice(0, 20);
  return (
    <Modal opened onClose={onClose} title="Прикрепить материал из банка практик" size="lg">
      <Stack gap="sm">
        <TextInput
          label="Поиск в банке практик"
          placeholder="Название, тема или описание"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          data-autofocus
        />
        <ErrorAlert error={error} title="Не удалось прикрепить" />
        {found.data && items.length === 0 && (
          <Text size="sm" c="dimmed">
            Опубликованных материалов по запросу нет. Материал сначала публикуют в банке практик.
          </Text>
        )}
        {items.map((m) => (
          <Group key={m.id} justify="space-between" wrap="nowrap">
            <div>
              <Text size="sm" fw={500}>
                {m.title}
              </Text>
              <Text size="xs" c="dimmed">
                {m.authors.map((a) => a.name).join(', ')} · {m.approbationLevelName}
              </Text>
            </div>
            {attached.has(m.id) ? (
              <Badge color="green" variant="light">
                Прикреплён
              </Badge>
            ) : (
              <Button
                size="compact-sm"
                style={{ flexShrink: 0 }}
                loading={busy === m.id}
                onClick={() => attach(m.id)}
              >
                Прикрепить
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Modal>
  );
}
