import { Anchor, Button, Group, Paper, Stack, Table, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  afterPracticesChanged,
  type Material,
  publishMaterial,
  returnMaterial,
  usePractices,
} from '../../api/practices.ts';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { ModalForm } from '../../components/modal-form.tsx';
import { PageHeader } from '../../components/page.tsx';
import { TableCard } from '../../components/table-parts.tsx';

/** «Опубликовать» and «Вернуть на доработку» (with a reason) for a material on moderation. */
export function ModerationActions({ material }: { material: Pick<Material, 'id' | 'title'> }) {
  const qc = useQueryClient();
  const [returning, setReturning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <>
      <Group gap="xs" wrap="nowrap">
        <Button
          size="xs"
          color="green"
          loading={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await publishMaterial(material.id);
              await afterPracticesChanged(qc);
            } catch (err) {
              setError(err);
            } finally {
              setBusy(false);
            }
          }}
        >
          Опубликовать
        </Button>
        <Button size="xs" variant="light" color="orange" onClick={() => setReturning(true)}>
          Вернуть на доработку
        </Button>
      </Group>
      <ErrorAlert error={error} title="Материал не опубликован" />
      <ModalForm
        opened={returning}
        onClose={() => setReturning(false)}
        title={`Вернуть на доработку: «${material.title}»`}
        initialValues={() => ({ reason: '' })}
        submit={(v) => returnMaterial(material.id, v.reason)}
        onSuccess={() => afterPracticesChanged(qc)}
        submitLabel="Вернуть"
        errorTitle="Материал не возвращён"
      >
        {(form) => (
          <Textarea
            label="Причина"
            description="Автор получит уведомление с этим текстом"
            required
            autosize
            minRows={3}
            {...form.getInputProps('reason')}
          />
        )}
      </ModalForm>
    </>
  );
}

/** «Модерация»: materials sent to the methodical council, oldest first, to publish or return. */
export default function ModerationPage() {
  const list = usePractices({ status: 'on_moderation', sort: 'updated' });
  return (
    <Stack gap="md">
      <PageHeader
        title="Модерация банка практик"
        description="Материалы, отправленные авторами на рассмотрение методического совета: откройте материал, проверьте и опубликуйте или верните автору с причиной."
      />
      <ErrorAlert error={list.error} title="Не удалось загрузить материалы на модерации" />
      {list.isPending && <LoadingRows rows={4} label="Загрузка" />}
      {list.data && !list.data.canModerate && (
        <Paper withBorder>
          <Empty
            title="Модерация вам недоступна"
            description="Материалы банка практик публикуют члены методического совета и методисты муниципальной службы."
          />
        </Paper>
      )}
      {list.data?.canModerate && list.data.total === 0 && (
        <Paper withBorder>
          <Empty
            title="Нет материалов на модерации"
            description="Когда педагог или руководитель отправит материал на рассмотрение, он появится здесь. Опубликованные материалы — в «Банке практик»."
            actions={
              <Button component={Link} to="/practices" variant="light">
                Открыть банк практик
              </Button>
            }
          />
        </Paper>
      )}
      {list.data?.canModerate && list.data.total > 0 && (
        <TableCard loading={list.isPlaceholderData} minWidth={900}>
          <Table verticalSpacing={8} fz="sm" aria-label="На модерации">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Материал</Table.Th>
                <Table.Th w={220}>Авторы</Table.Th>
                <Table.Th w={110}>Отправлен</Table.Th>
                <Table.Th w={300}>Решение</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/practices/${m.id}`} fw={500} size="sm">
                      {m.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {m.kindName} · {m.organization?.name ?? m.municipalityName ?? ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{m.authors.map((a) => a.name).join(', ')}</Table.Td>
                  <Table.Td>
                    {m.submittedAt ? m.submittedAt.slice(0, 10).split('-').reverse().join('.') : '—'}
                  </Table.Td>
                  <Table.Td>
                    <ModerationActions material={m} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
    </Stack>
  );
}
