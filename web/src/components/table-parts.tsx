import { Group, LoadingOverlay, Pagination, Paper, Table, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';

export type SortOrder = 'asc' | 'desc';

/** A column header that sorts; the current order is announced through aria-sort. */
export function SortableTh({
  column,
  sort,
  order,
  onSort,
  children,
  w,
  ta,
}: {
  column: string;
  sort: string;
  order: SortOrder;
  onSort: (column: string, order: SortOrder) => void;
  children: ReactNode;
  w?: number | string;
  ta?: 'left' | 'right' | 'center';
}) {
  const active = sort === column;
  const ariaSort = active ? (order === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <Table.Th aria-sort={ariaSort} w={w} ta={ta}>
      <UnstyledButton
        onClick={() => onSort(column, active && order === 'asc' ? 'desc' : 'asc')}
        title="Сортировать"
        fw={600}
        fz="sm"
      >
        <Group gap={4} wrap="nowrap" justify={ta === 'right' ? 'flex-end' : undefined}>
          <span>{children}</span>
          <Text component="span" size="xs" c={active ? 'blue' : 'dimmed'} aria-hidden>
            {active ? (order === 'asc' ? '▲' : '▼') : '↕'}
          </Text>
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

export function Pager({
  page,
  total,
  pageSize,
  onChange,
}: {
  page: number;
  total: number;
  pageSize: number;
  onChange: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" mt="sm" wrap="wrap">
      <Text size="sm" c="dimmed">
        Показаны {from}–{to} из {total.toLocaleString('ru-RU')}
      </Text>
      <Pagination
        component="nav"
        aria-label="Страницы"
        total={pages}
        value={Math.min(page, pages)}
        onChange={onChange}
        size="sm"
        getItemProps={(p) => ({ 'aria-label': `Страница ${p}` })}
        getControlProps={(control) => ({
          'aria-label': {
            first: 'Первая страница',
            previous: 'Предыдущая страница',
            next: 'Следующая страница',
            last: 'Последняя страница',
          }[control],
        })}
      />
    </Group>
  );
}

/** A bordered table that scrolls sideways on narrow screens and dims while a new page loads. */
export function TableCard({
  loading,
  minWidth,
  children,
}: {
  loading: boolean;
  minWidth: number;
  children: ReactNode;
}) {
  return (
    <Paper withBorder pos="relative">
      <LoadingOverlay visible={loading} zIndex={5} overlayProps={{ blur: 0, opacity: 0.4 }} />
      <Table.ScrollContainer minWidth={minWidth}>{children}</Table.ScrollContainer>
    </Paper>
  );
}
