import { Button, Group, NativeSelect, Paper, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { saveXlsx } from '../../api/api.ts';
import {
  allSlices,
  type SliceKind,
  type SliceLine,
  type SliceSort,
  type SlicesQuery,
  type SlicesSource,
  type TargetStatus,
  useSlices,
  type ValueStatus,
} from '../../api/monitoring.ts';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { Pager, SortableTh, type SortOrder, TableCard } from '../../components/table-parts.tsx';
import { formatNumber } from '../../lib/words.ts';
import { SLICES, statusText, TARGET_STATUS } from './monitoring-words.ts';
import { TargetStatusBadge, ValueCell } from './value-cell.tsx';

const PAGE_SIZE = 50;

/** The header of a slice's first column and the XLSX's, by kind. */
export const sliceLabel = (kind: SliceKind) => SLICES.find((s) => s.value === kind)?.label ?? kind;

/** «Организации: 812» — how many lines a slice has, before it is opened. */
export function sliceCountText(kind: SliceKind, n: number | null | undefined): string {
  return n === null || n === undefined
    ? sliceLabel(kind)
    : `${sliceLabel(kind)}: ${n.toLocaleString('ru-RU')}`;
}

/**
 * One indicator's lines of a slice, loaded when opened: the server searches by name, filters by
 * target status, sorts and pages them (a region has thousands of organizations); the XLSX takes
 * every line under the filter, page by page. The parent keys it by indicator and kind, so a new
 * choice starts from the first page.
 */
export function SlicesTable({
  source,
  indicatorId,
  code,
  kind,
  unit,
  numeratorCell,
  denominatorCell,
  emptyText,
}: {
  source: SlicesSource;
  indicatorId: string;
  code: string;
  kind: SliceKind;
  unit: string;
  /** What the numerator and denominator cells show instead of the number (a drill-down button). */
  numeratorCell?: ((line: SliceLine) => ReactNode) | undefined;
  denominatorCell?: ((line: SliceLine) => ReactNode) | undefined;
  emptyText: string;
}) {
  const [typed, setTyped] = useState('');
  const [q] = useDebouncedValue(typed.trim(), 300);
  const [status, setStatus] = useState<TargetStatus | ''>('');
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<{ column: SliceSort; order: SortOrder } | null>(null);
  const [saving, setSaving] = useState(false);
  const query: SlicesQuery = {
    kind,
    ...(q ? { q } : {}),
    ...(status ? { targetStatus: status } : {}),
    ...(sort ? { sort: sort.column, order: sort.order } : {}),
    page,
    pageSize: PAGE_SIZE,
  };
  const slices = useSlices(source, indicatorId, query);
  const data = slices.data;
  const th = (column: SliceSort) => ({
    column,
    sort: sort?.column ?? 'label',
    order: sort?.order ?? ('asc' as SortOrder),
    // A new order starts from the first page.
    onSort: (c: string, o: SortOrder) => {
      setSort({ column: c as SliceSort, order: o });
      setPage(1);
    },
  });

  if (slices.isPending) return <LoadingRows rows={6} label="Загрузка разреза" />;
  if (!data) return <ErrorAlert error={slices.error} title="Не удалось загрузить разрез" />;
  if (data.total === 0) {
    return (
      <Paper withBorder>
        <Empty title="Разреза нет" description={emptyText} />
      </Paper>
    );
  }
  const label = sliceLabel(kind);
  return (
    <>
      <ErrorAlert error={slices.error} title="Не удалось загрузить разрез" />
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label="Поиск по названию"
          type="search"
          placeholder="Часть названия"
          w={280}
          value={typed}
          onChange={(e) => {
            setTyped(e.currentTarget.value);
            setPage(1);
          }}
        />
        <NativeSelect
          label="Статус"
          w={200}
          data={[
            { value: '', label: 'Все' },
            ...(Object.keys(TARGET_STATUS) as TargetStatus[]).map((s) => ({
              value: s,
              label: TARGET_STATUS[s].label,
            })),
          ]}
          value={status}
          onChange={(e) => {
            setStatus(e.currentTarget.value as TargetStatus | '');
            setPage(1);
          }}
        />
        <Button
          variant="default"
          disabled={data.found === 0}
          loading={saving}
          onClick={async () => {
            setSaving(true);
            try {
              const rows = await allSlices(source, indicatorId, { ...query, page: 1 });
              saveXlsx(
                `${code}-${kind}.xlsx`,
                [label, 'Значение', 'Числитель', 'Знаменатель', 'Цель', 'Статус'],
                rows.map((r) => [
                  r.label,
                  r.value ?? '',
                  r.numerator ?? '',
                  r.denominator ?? '',
                  data.target ?? '',
                  r.targetStatus ? TARGET_STATUS[r.targetStatus].label : (statusText(r.status) ?? ''),
                ]),
              );
            } finally {
              setSaving(false);
            }
          }}
        >
          Скачать XLSX
        </Button>
      </Group>
      <Text size="sm" c="dimmed" role="status" data-testid="slices-found">
        {data.found === data.total
          ? `Всего строк: ${data.total.toLocaleString('ru-RU')}`
          : `Найдено: ${data.found.toLocaleString('ru-RU')} из ${data.total.toLocaleString('ru-RU')}`}
      </Text>
      {data.found === 0 ? (
        <Text size="sm" c="dimmed">
          Под условия поиска строк нет.
        </Text>
      ) : (
        <TableCard loading={slices.isFetching} minWidth={640}>
          <Table verticalSpacing="xs" fz="sm" striped aria-label="Значения в разрезе">
            <Table.Thead>
              <Table.Tr>
                <SortableTh {...th('label')}>{label}</SortableTh>
                <SortableTh {...th('value')} w={150} ta="right">
                  Значение
                </SortableTh>
                <SortableTh {...th('numerator')} w={120} ta="right">
                  Числитель
                </SortableTh>
                <SortableTh {...th('denominator')} w={130} ta="right">
                  Знаменатель
                </SortableTh>
                <SortableTh {...th('status')} w={140}>
                  Статус
                </SortableTh>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Td>{r.label}</Table.Td>
                  <Table.Td ta="right">
                    <ValueCell
                      value={r.value}
                      unit={unit}
                      status={r.status as ValueStatus}
                      targetStatus={r.targetStatus}
                    />
                  </Table.Td>
                  <Table.Td ta="right">
                    {numeratorCell ? numeratorCell(r) : formatNumber(r.numerator)}
                  </Table.Td>
                  <Table.Td ta="right">
                    {denominatorCell ? denominatorCell(r) : formatNumber(r.denominator)}
                  </Table.Td>
                  <Table.Td>
                    <TargetStatusBadge status={r.targetStatus} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
      <Pager page={data.page} total={data.found} pageSize={PAGE_SIZE} onChange={setPage} />
    </>
  );
}
