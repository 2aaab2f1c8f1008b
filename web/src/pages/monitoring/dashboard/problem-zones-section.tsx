import { Button, Group, NativeSelect, Paper, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { saveXlsx } from '../../../api/api.ts';
import type { DashboardIndicator } from '../../../api/monitoring.ts';
import { Empty } from '../../../components/empty.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { Pager, SortableTh, type SortOrder, TableCard } from '../../../components/table-parts.tsx';
import { formatNumber } from '../../../lib/words.ts';
import { formatValue, TARGET_STATUS } from '../monitoring-words.ts';
import { TargetStatusBadge } from '../value-cell.tsx';
import { allProblemZones, type ProblemZonesQuery, useProblemZones } from './dashboard-queries.ts';

type ZoneSort = NonNullable<ProblemZonesQuery['sort']>;

const PAGE_SIZE = 15;

/**
 * The dashboard's problem zones: organizations behind an indicator's target, the largest gap
 * first. The server filters (indicator, part of the organization's name), sorts and pages them —
 * a region has thousands; the XLSX takes every page of what is filtered.
 */
export function ProblemZonesSection({
  setId,
  year,
  indicators,
  nameOf,
}: {
  setId: string;
  year: number;
  indicators: DashboardIndicator[];
  nameOf: (i: DashboardIndicator) => string;
}) {
  const [indicatorId, setIndicatorId] = useState('');
  const [typed, setQ] = useState('');
  const [q] = useDebouncedValue(typed.trim(), 300);
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<{ column: string; order: SortOrder } | null>(null);
  const query = {
    year,
    ...(indicatorId ? { indicatorId } : {}),
    ...(q ? { q } : {}),
    ...(sort ? { sort: sort.column as ZoneSort, order: sort.order } : {}),
    page,
    pageSize: PAGE_SIZE,
  };
  const zones = useProblemZones(setId, query);
  const data = zones.data;
  const [saving, setSaving] = useState(false);
  const byId = new Map(indicators.map((i) => [i.indicatorId, i]));
  const th = (column: ZoneSort) => ({
    column,
    sort: sort?.column ?? '',
    order: sort?.order ?? ('asc' as SortOrder),
    // A new order starts from the first page.
    onSort: (c: string, o: SortOrder) => {
      setSort({ column: c, order: o });
      setPage(1);
    },
  });
  const total = indicators.reduce((s, i) => s + i.problemZoneCount, 0);

  if (total === 0) {
    return (
      <Paper withBorder>
        <Empty
          title="Проблемных зон нет"
          description="Ни одна организация не отстаёт от целевых значений — или значения по организациям ещё не рассчитаны (закройте мониторинг года)."
        />
      </Paper>
    );
  }
  const found = data?.found ?? 0;

  return (
    <>
      <ErrorAlert error={zones.error} title="Не удалось загрузить проблемные зоны" />
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NativeSelect
          label="Показатель"
          w={420}
          data={[
            { value: '', label: `Все показатели (${total})` },
            ...indicators
              .filter((i) => i.problemZoneCount > 0)
              .map((i) => ({
                value: i.indicatorId,
                label: `${i.code} ${nameOf(i)} (${i.problemZoneCount})`,
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
          value={typed}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPage(1);
          }}
        />
        <Button
          size="sm"
          variant="default"
          disabled={found === 0}
          loading={saving}
          onClick={async () => {
            setSaving(true);
            try {
              const rows = await allProblemZones(setId, { ...query, page: 1 });
              saveXlsx(
                `проблемные-зоны-${year}.xlsx`,
                ['Код', 'Показатель', 'Организация', 'Значение', 'Цель', 'Отставание', 'Статус'],
                rows.map((z) => {
                  const i = byId.get(z.indicatorId);
                  return [
                    z.code,
                    i ? nameOf(i) : z.indicatorName,
                    z.name,
                    z.value,
                    z.target,
                    z.gap,
                    TARGET_STATUS[z.targetStatus].label,
                  ];
                }),
              );
            } finally {
              setSaving(false);
            }
          }}
        >
          Скачать XLSX
        </Button>
      </Group>
      {data && (
        <Text size="sm" c="dimmed" role="status">
          {found === data.total ? `Всего: ${data.total}` : `Найдено: ${found} из ${data.total}`}
        </Text>
      )}
      {data && found === 0 ? (
        <Text size="sm" c="dimmed">
          Под условия фильтра проблемных зон нет.
        </Text>
      ) : (
        <TableCard loading={zones.isPending} minWidth={860}>
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
              {(data?.items ?? []).map((z) => {
                const i = byId.get(z.indicatorId);
                return (
                  <Table.Tr key={`${z.indicatorId}:${z.organizationId}`}>
                    <Table.Td fw={600} title={i ? nameOf(i) : z.indicatorName}>
                      {z.code}
                    </Table.Td>
                    <Table.Td>{z.name}</Table.Td>
                    <Table.Td ta="right">{formatValue(z.value, z.unit)}</Table.Td>
                    <Table.Td ta="right">{formatValue(z.target, z.unit)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(z.gap, 1)}</Table.Td>
                    <Table.Td>
                      <TargetStatusBadge status={z.targetStatus} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
      {data && <Pager page={data.page} total={found} pageSize={PAGE_SIZE} onChange={setPage} />}
    </>
  );
}
