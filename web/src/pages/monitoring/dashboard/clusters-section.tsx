import {
  Badge,
  Box,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import { saveXlsx } from '../../../api/api.ts';
import { GROUP_COLORS, Scatter, type ScatterPoint } from '../../../components/charts/scatter.tsx';
import { Empty } from '../../../components/empty.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { LoadingRows } from '../../../components/loading.tsx';
import { Section } from '../../../components/page.tsx';
import { figuresSourceText } from '../figures-source.ts';
import { fetchClustersPage, useClustersView } from './dashboard-queries.ts';

/** The cluster's name stays in view while the many indicator columns scroll sideways. */
const STICKY = {
  position: 'sticky',
  left: 0,
  zIndex: 1,
  background: 'var(--mantine-color-body)',
  whiteSpace: 'nowrap',
} as const;

/**
 * Organizations grouped by their indicator profile (003: «кластеризация»): the server runs
 * k-means over the organizations' share values of the dashboard's year, from the dashboard's own
 * source (the year's closed monitoring, else the live compute); here the groups, their description
 * and a scatter over two indicators.
 */
export function ClustersSection({ setId, year }: { setId: string; year: number }) {
  const [k, setK] = useState(3);
  const [xId, setX] = useState('');
  const [yId, setY] = useState('');
  const [saving, setSaving] = useState(false);
  // The server sends the clusters, the scatter's points over the two axes and a page of the
  // organizations — never every organization's every value.
  const query = { year, k, ...(xId ? { x: xId } : {}), ...(yId ? { y: yId } : {}) };
  const clusters = useClustersView(setId, query);
  const data = clusters.data;
  const inds = data?.indicators ?? [];
  const x = inds.find((i) => i.id === data?.x);
  const y = inds.find((i) => i.id === data?.y);
  const labelOf = new Map((data?.clusters ?? []).map((c) => [c.index, c.label]));
  const points: ScatterPoint[] = (data?.points ?? []).map((p, n) => ({
    // without names beyond a few hundred organizations: the point says its cluster
    label: p.name ?? `${labelOf.get(p.cluster) ?? ''} · ${n + 1}`,
    x: p.x,
    y: p.y,
    group: p.cluster,
  }));

  const download = async () => {
    if (!data) return;
    setSaving(true);
    try {
      const rows: (string | number)[][] = [];
      const byIndex = new Map(data.clusters.map((c) => [c.index, c]));
      for (let page = 1; ; page++) {
        const got = await fetchClustersPage(setId, { ...query, page, pageSize: 100 });
        for (const o of got.organizations) {
          const c = o.cluster === null ? undefined : byIndex.get(o.cluster);
          rows.push([c?.label ?? 'Не распределена', c?.description ?? '', o.name]);
        }
        if (got.page * got.pageSize >= got.organizationsTotal || got.organizations.length === 0) break;
      }
      saveXlsx('кластеры.xlsx', ['Кластер', 'Описание', 'Организация'], rows);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Section
      title="Кластеры организаций"
      actions={
        data && data.clusters.length > 0 ? (
          <Button size="xs" variant="default" loading={saving} onClick={download}>
            Скачать XLSX
          </Button>
        ) : undefined
      }
    >
      <Group gap="sm" align="flex-end">
        <NativeSelect
          label="Число кластеров"
          data={['2', '3', '4', '5']}
          value={String(k)}
          onChange={(e) => setK(Number(e.currentTarget.value))}
          w={150}
        />
        {data && (
          <Text size="sm" c="dimmed" pb={6} data-testid="clusters-source">
            Значения: {figuresSourceText(data.source)}.
          </Text>
        )}
      </Group>
      <ErrorAlert error={clusters.error} title="Не удалось разбить на кластеры" />
      {clusters.isPending && <LoadingRows rows={3} label="Кластеризация" />}
      {data && data.clusters.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Кластеров нет"
            description="Для кластеризации нужны значения долей по нескольким организациям. Рассчитайте мониторинг по муниципалитету с несколькими школами."
          />
        </Paper>
      )}
      {data && data.clusters.length > 0 && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Stack gap="xs">
            {data.clusters.map((c) => (
              <Paper
                key={c.index}
                withBorder
                p="sm"
                style={{ borderLeft: `4px solid ${GROUP_COLORS[c.index % GROUP_COLORS.length]}` }}
                component="article"
                aria-label={c.label}
              >
                <Group justify="space-between">
                  <Text fw={600} size="sm">
                    {c.label}
                  </Text>
                  <Badge variant="light" color="gray">
                    {c.size} орг.
                  </Badge>
                </Group>
                <Text size="sm">{c.description}</Text>
                <Text size="xs" c="dimmed" mt={4}>
                  {c.organizations.map((o) => o.name).join('; ')}
                  {c.size > c.organizations.length ? ` и ещё ${c.size - c.organizations.length}` : ''}
                </Text>
              </Paper>
            ))}
            {data.unplaced.length > 0 && (
              <Text size="xs" c="dimmed">
                Без значений (не распределены): {data.unplaced.map((o) => o.name).join('; ')}
                {data.unplacedCount > data.unplaced.length
                  ? ` и ещё ${data.unplacedCount - data.unplaced.length}`
                  : ''}
              </Text>
            )}
          </Stack>
          <Stack gap="xs">
            {inds.length >= 2 && points.length > 0 ? (
              <Paper withBorder p="sm">
                <Group gap="xs" mb="xs">
                  <NativeSelect
                    size="xs"
                    label="По горизонтали"
                    data={inds.map((i) => ({ value: i.id, label: i.code }))}
                    value={x?.id ?? ''}
                    onChange={(e) => setX(e.currentTarget.value)}
                  />
                  <NativeSelect
                    size="xs"
                    label="По вертикали"
                    data={inds.map((i) => ({ value: i.id, label: i.code }))}
                    value={y?.id ?? ''}
                    onChange={(e) => setY(e.currentTarget.value)}
                  />
                </Group>
                <Scatter
                  title="Организации по двум показателям"
                  points={points}
                  xLabel={x ? `${x.code}, %` : ''}
                  yLabel={y ? `${y.code}, %` : ''}
                  groups={data.clusters.map((c) => c.label)}
                />
              </Paper>
            ) : (
              <Text size="xs" c="dimmed">
                Для диаграммы нужны хотя бы два показателя-доли со значениями по организациям.
              </Text>
            )}
          </Stack>
        </SimpleGrid>
      )}
      {data && data.clusters.length > 0 && (
        <Stack gap={4}>
          <Text size="xs" c="dimmed">
            Центры кластеров: средние значения показателей (%) в каждой группе.
          </Text>
          <Paper withBorder>
            <Table.ScrollContainer minWidth={160 + inds.length * 52}>
              <Table fz="xs" aria-label="Центры кластеров" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th style={STICKY}>Кластер</Table.Th>
                    {inds.map((i) => (
                      <Table.Th key={i.id} ta="right" title={i.name}>
                        {i.code}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.clusters.map((c) => (
                    <Table.Tr key={c.index}>
                      <Table.Td style={STICKY}>
                        <Box component="span" c={GROUP_COLORS[c.index % GROUP_COLORS.length]}>
                          ●
                        </Box>{' '}
                        {c.label}
                      </Table.Td>
                      {inds.map((i) => {
                        const v = c.centroid.find((x) => x.indicatorId === i.id)?.value;
                        return (
                          <Table.Td key={i.id} ta="right">
                            {v === undefined ? '—' : v.toLocaleString('ru-RU', { maximumFractionDigits: 1 })}
                          </Table.Td>
                        );
                      })}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        </Stack>
      )}
    </Section>
  );
}
