import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { RouteSummary } from '../../api/routes.ts';
import { SortableTh, type SortOrder, TableCard } from '../../components/table-parts.tsx';
import { useClientSort } from '../../lib/sort.ts';
import { formatDate } from '../../lib/words.ts';
import { RouteProgress, RouteStatusBadge } from './route-parts.tsx';

const STATUS_ORDER = ['draft', 'agreed', 'in_progress', 'completed', 'cancelled'];

/** Sorting of a routes list the page holds whole (the curator's), by the same columns as the server's. */
export function useRoutesClientSort(items: readonly RouteSummary[]): {
  rows: RouteSummary[];
  sorting: RoutesSorting;
} {
  const sorted = useClientSort(
    items,
    {
      fullName: (r) => r.fullName,
      organization: (r) => r.organization,
      status: (r) => STATUS_ORDER.indexOf(r.status),
      curator: (r) => r.curator?.fullName,
      progress: (r) => r.progress,
      items: (r) => r.itemsTotal,
      awaiting: (r) => r.itemsAwaitingConfirmation,
      hours: (r) => r.hoursPlanned,
      period: (r) => r.periodStart,
    },
    { sort: null },
  );
  const { onSort } = sorted.th('fullName');
  return { rows: sorted.rows, sorting: { sort: sorted.sort ?? '', order: sorted.order, onSort } };
}

/** How the list is sorted on the server (`sort`, `order` of GET /api/routes) and how to change it. */
export interface RoutesSorting {
  sort: string;
  order: SortOrder;
  onSort: (column: string, order: SortOrder) => void;
}

/**
 * Routes as a table: the methodist's list and the curator's workspace show the same columns.
 * With `sorting` the headers sort (the list is paged, so the server orders it).
 */
export function RoutesTable({
  items,
  loading = false,
  label = 'Маршруты',
  showCurator = true,
  sorting,
}: {
  items: RouteSummary[];
  loading?: boolean;
  label?: string;
  showCurator?: boolean;
  sorting?: RoutesSorting;
}) {
  const th = (column: string, label: string, w?: number, title?: string) =>
    sorting ? (
      <SortableTh
        key={column}
        column={column}
        sort={sorting.sort}
        order={sorting.order}
        onSort={sorting.onSort}
        w={w}
      >
        <span title={title}>{label}</span>
      </SortableTh>
    ) : (
      <Table.Th key={column} w={w} title={title}>
        {label}
      </Table.Th>
    );
  return (
    <TableCard loading={loading} minWidth={1040}>
      <Table striped highlightOnHover verticalSpacing={4} horizontalSpacing="xs" fz="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {th('fullName', 'ФИО')}
            {th('organization', 'Организация', 150)}
            {th('status', 'Статус', 130)}
            {showCurator && th('curator', 'Куратор', 160)}
            {th('progress', 'Выполнение', 115)}
            {th('items', 'Пункты', 70)}
            {th('awaiting', 'Ждут подтв.', 80, 'Пункты, выполнение которых ждёт подтверждения куратора')}
            {th('hours', 'Часы', 55)}
            {th('period', 'Период', 95)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Anchor component={Link} to={`/routes/${r.id}`} size="sm" fw={500}>
                  {r.fullName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{r.organization ?? '—'}</Text>
              </Table.Td>
              <Table.Td>
                <RouteStatusBadge status={r.status} />
              </Table.Td>
              {showCurator && (
                <Table.Td>
                  {r.curator ? (
                    <Text size="sm">{r.curator.fullName}</Text>
                  ) : (
                    <Text size="sm" c="orange.8">
                      не назначен
                    </Text>
                  )}
                </Table.Td>
              )}
              <Table.Td>
                <RouteProgress value={r.progress} w={60} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {r.itemsDone} из {r.itemsTotal}
                </Text>
              </Table.Td>
              <Table.Td>
                {r.itemsAwaitingConfirmation > 0 ? (
                  <Badge color="yellow" variant="light" size="sm">
                    {r.itemsAwaitingConfirmation}
                  </Badge>
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{r.hoursPlanned}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(r.periodStart)} –<br />
                  {formatDate(r.periodEnd)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableCard>
  );
}
