import { Button, Group, NativeSelect, Paper, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { saveXlsx } from '../../../api/api.ts';
import type { DashboardIndicator } from '../../../api/monitoring.ts';
import { Empty } from '../../../components/empty.tsx';
import { Pager, SortableTh, type SortOrder, TableCard } from '../../../components/table-parts.tsx';
import { useClientSort } from '../../../lib/sort.ts';
import { formatNumber } from '../../../lib/words.ts';
import { formatValue, TARGET_STATUS } from '../monitoring-words.ts';
import { TargetStatusBadge } from '../value-cell.tsx';

const PAGE_SIZE = 15;

type Zone = DashboardIndicator['problemZones'][number];
export interface ProblemZone {
  i: DashboardIndicator;
  p: Zone;
}

const STATUS_RANK: Record<string, number> = { not_achieved: 0, at_risk: 1 };

/**
 * The dashboard's problem zones: organizations behind an indicator's target, the largest gap
 * first. The dashboard already holds them all (they come with its figures), so the list is
 * filtered by indicator and organization, sorted and paged here; the XLSX takes what is filtered.
 */
export function ProblemZonesSection({
  problems,
  year,
  nameOf,
}: {
  problems: ProblemZone[];
  year: number;
  nameOf: (i: DashboardIndicator) => string;
}) {
  const [indicatorId, setIndicatorId] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const needle = q.trim().toLocaleLowerCase('ru');
  const filtered = problems.filter(
    ({ i, p }) =>
      (!indicatorId || i.indicatorId === indicatorId) &&
      (!needle || p.name.toLocaleLowerCase('ru').includes(needle)),
  );
  const sorted = useClientSort(
    filtered,
    {
      code: ({ i }) => i.code,
      organization: ({ p }) => p.name,
      value: ({ p }) => p.value,
      target: ({ i }) => i.target,
      gap: ({ p }) => Math.abs(p.gap),
      status: ({ p }) => (p.targetStatus ? STATUS_RANK[p.targetStatus] : null),
    },
    { sort: null },
  );
  // A new order starts from the first page.
  const th = (column: Parameters<typeof sorted.th>[0]) => {
    const props = sorted.th(column);
    const onSort = (c: string, o: SortOrder) => {
      props.onSort(c, o);
      setPage(1);
    };
    return { ...props, onSort };
  };

  // The indicators that have problem zones, in the set's order, with how many each.
  const counts = new Map<string, { i: DashboardIndicator; n: number }>();
  for (const { i } of problems) {
    const c = counts.get(i.indicatorId) ?? { i, n: 0 };
    c.n += 1;
    counts.set(i.indicatorId, c);
  }
  const pages = Math.max(1, Math.ceil(sorted.rows.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const shown = sorted.rows.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);

  if (problems.length === 0) {
    return (
      <Paper withBorder>
        <Empty
          title="Проблемных зон нет"
          description="Ни одна организация не отстаёт от целевых значений — или значения по организациям ещё не рассчитаны (закройте мониторинг года)."
        />
      </Paper>
    );
  }

  return (
    <>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NativeSelect
          label="Показатель"
          w={420}
          data={[
            { value: '', label: `Все показатели (${problems.length})` },
            ...[...counts.values()].map(({ i, n }) => ({
              value: i.indicatorId,
              label: `${i.code} ${nameOf(i)} (${n})`,
            })),
          ]}
          value={indicatorId}
          onChange={(e) => {
            setIndicatorId(e.currentTarget.value);
            setPage(1);
          }}
        />
        <TextInput
          label="Организация"
          type="search"
          placeholder="Часть названия"
          w={260}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPage(1);
          }}
        />
        <Button
          size="sm"
          variant="default"
          disabled={sorted.rows.length === 0}
          onClick={() =>
            saveXlsx(
              `проблемные-зоны-${year}.xlsx`,
              ['Код', 'Показатель', 'Организация', 'Значение', 'Цель', 'Отставание', 'Статус'],
              sorted.rows.map(({ i, p }) => [
                i.code,
                nameOf(i),
                p.name,
                p.value,
                i.target ?? '',
                p.gap,
                p.targetStatus ? TARGET_STATUS[p.targetStatus].label : '',
              ]),
            )
          }
        >
          Скачать XLSX
        </Button>
      </Group>
      <Text size="sm" c="dimmed" role="status">
        {sorted.rows.length === problems.length
          ? `Всего: ${problems.length}`
          : `Найдено: ${sorted.rows.length} из ${problems.length}`}
      </Text>
      {sorted.rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          Под условия фильтра проблемных зон нет.
        </Text>
      ) : (
        <TableCard loading={false} minWidth={860}>
          <Table fz="sm" striped verticalSpacing="xs" aria-label="Проблемные зоны">
            <Table.Thead>
              <Table.Tr>
                <SortableTh {...th('code')} w={70}>
                  Код
                </SortableTh>
                <SortableTh {...th('organization')}>Организация</SortableTh>
                <SortableTh {...th('value')} w={110} ta="right">
                  Значение
                </SortableTh>
                <SortableTh {...th('target')} w={100} ta="right">
                  Цель
                </SortableTh>
                <SortableTh {...th('gap')} w={120} ta="right">
                  Отставание
                </SortableTh>
                <SortableTh {...th('status')} w={140}>
                  Статус
                </SortableTh>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map(({ i, p }) => (
                <Table.Tr key={`${i.indicatorId}:${p.organizationId}`}>
                  <Table.Td fw={600} title={nameOf(i)}>
                    {i.code}
                  </Table.Td>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td ta="right">{formatValue(p.value, i.unit)}</Table.Td>
                  <Table.Td ta="right">{formatValue(i.target, i.unit)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(p.gap, 1)}</Table.Td>
                  <Table.Td>
                    <TargetStatusBadge status={p.targetStatus} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
      <Pager page={current} total={sorted.rows.length} pageSize={PAGE_SIZE} onChange={setPage} />
    </>
  );
}
