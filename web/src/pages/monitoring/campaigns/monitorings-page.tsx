import { Anchor, Badge, Button, Paper, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { saveXlsx } from '../../../api/api.ts';
import { useIndicatorSets, useMonitorings } from '../../../api/monitoring.ts';
import { useMe } from '../../../auth/session.tsx';
import { Empty } from '../../../components/empty.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { LoadingRows } from '../../../components/loading.tsx';
import { NoAccess } from '../../../components/no-access.tsx';
import { PageHeader } from '../../../components/page.tsx';
import { SortableTh, TableCard } from '../../../components/table-parts.tsx';
import { useClientSort } from '../../../lib/sort.ts';
import { useUrlState } from '../../../lib/use-url-state.ts';
import { formatDate, formatDateTime } from '../../../lib/words.ts';
import { MonitoringForm } from './monitoring-form.tsx';

export const MONITORING_STATUS = {
  open: { label: 'идёт', color: 'blue' },
  closed: { label: 'закрыт', color: 'gray' },
} as const;

export default function MonitoringsPage() {
  const me = useMe();
  const f = useUrlState();
  const allowed = me.capabilities.monitoring.readMonitorings;
  const monitorings = useMonitorings(allowed);
  const sets = useIndicatorSets(allowed);
  const sorted = useClientSort(
    monitorings.data ?? [],
    {
      name: (m) => m.name,
      period: (m) => m.periodStart,
      asOf: (m) => m.asOf,
      targetYear: (m) => m.targetYear,
      status: (m) => MONITORING_STATUS[m.status].label,
    },
    { sort: null },
  );
  if (!allowed) return <NoAccess />;
  const canCreate = me.capabilities.monitoring.createMonitorings;
  const creating = f.get('new') === '1';
  const list = sorted.rows;
  const noSets = sets.data?.length === 0;

  return (
    <Stack gap="md">
      <PageHeader
        title="Мониторинги"
        description="Мониторинг — набор показателей за период на дату. Пока он идёт, значения пересчитываются; закрытие фиксирует их вместе со списками, по которым они посчитаны."
        actions={
          <>
            {canCreate && !noSets && <Button onClick={() => f.set({ new: '1' })}>Новый мониторинг</Button>}
            {list.length > 0 && (
              <Button
                variant="default"
                onClick={() =>
                  saveXlsx(
                    'мониторинги.xlsx',
                    ['Мониторинг', 'Набор', 'Период с', 'по', 'На дату', 'Год целей', 'Статус', 'Закрыт'],
                    list.map((m) => [
                      m.name,
                      m.setName,
                      m.periodStart,
                      m.periodEnd,
                      m.asOf,
                      m.targetYear,
                      MONITORING_STATUS[m.status].label,
                      m.closedAt ?? '',
                    ]),
                  )
                }
              >
                Скачать XLSX
              </Button>
            )}
          </>
        }
      />
      <ErrorAlert error={monitorings.error} title="Не удалось загрузить мониторинги" />
      {monitorings.isPending && <LoadingRows rows={4} label="Загрузка мониторингов" />}
      {monitorings.data && list.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Мониторингов пока нет"
            description={
              noSets
                ? 'Сначала загрузите набор показателей (например, пресет 003) на странице «Показатели».'
                : canCreate
                  ? 'Создайте мониторинг: выберите набор показателей, период, дату и год целевых значений.'
                  : 'Мониторинги проводят методисты и региональный оператор.'
            }
            actions={
              noSets ? (
                <Button component={Link} to="/monitoring/indicators">
                  К показателям
                </Button>
              ) : canCreate ? (
                <Button onClick={() => f.set({ new: '1' })}>Новый мониторинг</Button>
              ) : undefined
            }
          />
        </Paper>
      )}
      {list.length > 0 && (
        <TableCard loading={monitorings.isFetching && !monitorings.isPending} minWidth={900}>
          <Table striped highlightOnHover verticalSpacing="xs" fz="sm" aria-label="Мониторинги">
            <Table.Thead>
              <Table.Tr>
                <SortableTh {...sorted.th('name')}>Мониторинг</SortableTh>
                <SortableTh {...sorted.th('period')} w={200}>
                  Период
                </SortableTh>
                <SortableTh {...sorted.th('asOf')} w={110}>
                  На дату
                </SortableTh>
                <SortableTh {...sorted.th('targetYear')} w={90}>
                  Цели
                </SortableTh>
                <SortableTh {...sorted.th('status')} w={170}>
                  Статус
                </SortableTh>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/monitoring/campaigns/${m.id}`} fw={500} size="sm">
                      {m.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {m.setName}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {formatDate(m.periodStart)} — {formatDate(m.periodEnd)}
                  </Table.Td>
                  <Table.Td>{formatDate(m.asOf)}</Table.Td>
                  <Table.Td>{m.targetYear}</Table.Td>
                  <Table.Td>
                    <Badge color={MONITORING_STATUS[m.status].color} variant="light">
                      {MONITORING_STATUS[m.status].label}
                    </Badge>
                    {m.closedAt && (
                      <Text size="xs" c="dimmed">
                        {formatDateTime(m.closedAt)}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
      {canCreate && creating && (
        <MonitoringForm
          opened
          onClose={() => f.set({ new: null, setId: null })}
          setId={f.get('setId') || undefined}
        />
      )}
    </Stack>
  );
}
