import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { RouteSummary } from '../../api/routes.ts';
import { TableCard } from '../../components/table-parts.tsx';
import { formatDate } from '../../lib/words.ts';
import { RouteProgress, RouteStatusBadge } from './route-parts.tsx';

/** Routes as a table: the methodist's list and the curator's workspace show the same columns. */
export function RoutesTable({
  items,
  loading = false,
  label = 'Маршруты',
  showCurator = true,
}: {
  items: RouteSummary[];
  loading?: boolean;
  label?: string;
  showCurator?: boolean;
}) {
  return (
    <TableCard loading={loading} minWidth={1100}>
      <Table striped highlightOnHover verticalSpacing={4} horizontalSpacing="xs" fz="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>ФИО</Table.Th>
            <Table.Th w={150}>Организация</Table.Th>
            <Table.Th w={130}>Статус</Table.Th>
            {showCurator && <Table.Th w={160}>Куратор</Table.Th>}
            <Table.Th w={115}>Выполнение</Table.Th>
            <Table.Th w={70}>Пункты</Table.Th>
            <Table.Th w={80} title="Пункты, выполнение которых ждёт подтверждения куратора">
              Ждут подтв.
            </Table.Th>
            <Table.Th w={55}>Часы</Table.Th>
            <Table.Th w={95}>Период</Table.Th>
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
