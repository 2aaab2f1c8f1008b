import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
} from '@mantine/core';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, saveXlsx } from '../../../api/api.ts';
import {
  type DashboardIndicator,
  useDashboard,
  useIndicatorSet,
  useIndicatorSets,
} from '../../../api/monitoring.ts';
import { useMe } from '../../../auth/session.tsx';
import { BulletBar } from '../../../components/charts/bullet.tsx';
import { LineChart } from '../../../components/charts/line-chart.tsx';
import { CodeMark } from '../../../components/code-mark.tsx';
import { Empty } from '../../../components/empty.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { LoadingRows } from '../../../components/loading.tsx';
import { NoAccess } from '../../../components/no-access.tsx';
import { PageHeader, Section } from '../../../components/page.tsx';
import { useUrlState } from '../../../lib/use-url-state.ts';
import { figuresSourceText } from '../figures-source.ts';
import { formatValue, statusText, TARGET_STATUS } from '../monitoring-words.ts';
import { TargetStatusStats } from '../target-status-stats.tsx';
import { TargetStatusBadge } from '../value-cell.tsx';
import { ClustersSection } from './clusters-section.tsx';
import { CompareSection } from './compare-section.tsx';
import { ProblemZonesSection } from './problem-zones-section.tsx';

/** Without a set in the address: choose one. */
function ChooseSet() {
  const sets = useIndicatorSets();
  return (
    <Stack gap="md">
      <PageHeader title="Дашборд" description="Выберите набор показателей." />
      <ErrorAlert error={sets.error} />
      {sets.isPending && <LoadingRows rows={3} />}
      {sets.data?.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Наборов показателей нет"
            description="Загрузите пресет 003 на странице «Показатели» — дашборд покажет его значения и цели."
            actions={
              <Button component={Link} to="/monitoring/indicators">
                К показателям
              </Button>
            }
          />
        </Paper>
      )}
      <Stack gap="xs">
        {sets.data?.map((s) => (
          <Anchor key={s.id} component={Link} to={`/monitoring/dashboard/${s.id}`}>
            {s.name} <CodeMark code={s.code} />
          </Anchor>
        ))}
      </Stack>
    </Stack>
  );
}

export default function DashboardPage() {
  const { setId } = useParams();
  const me = useMe();
  const f = useUrlState();
  const allowed = me.capabilities.monitoring.readMonitorings;
  const set = useIndicatorSet(allowed ? setId : undefined);
  // By default the latest year the set has targets for, up to this one (a 2022–2025 set read in
  // 2026 compares with 2025); the dashboard waits for the set so it is not fetched twice.
  const thisYear = new Date().getFullYear();
  const targetYears = (set.data?.indicators ?? []).flatMap((i) => i.targets.map((t) => t.year));
  const defaultYear = Math.max(0, ...targetYears.filter((y) => y <= thisYear)) || thisYear;
  const year = Number(f.get('year')) || defaultYear;
  const dash = useDashboard(allowed && set.data ? setId : undefined, year);
  const names = useMemo(() => new Map((set.data?.indicators ?? []).map((i) => [i.id, i])), [set.data]);
  if (!allowed) return <NoAccess />;
  if (!setId) return <ChooseSet />;
  if (set.error instanceof ApiError && set.error.isNotFoundOrForbidden) {
    return <NoAccess back="/monitoring/indicators" backLabel="К наборам показателей" />;
  }
  const list = dash.data?.indicators ?? [];
  const years = [...new Set([...targetYears, year, thisYear])].sort((a, b) => a - b);
  const chosen =
    f.get('indicator') || list.find((i) => i.dynamics.length > 0)?.indicatorId || list[0]?.indicatorId;
  const current = list.find((i) => i.indicatorId === chosen);
  const problemCount = list.reduce((s, i) => s + i.problemZoneCount, 0);
  const canCompare = me.capabilities.monitoring.compareMunicipalities;
  const defaultTab = list.length > 0 ? 'problems' : 'compare';
  const tab = f.get('tab') || defaultTab;
  const src = dash.data?.source;
  const sourceText = figuresSourceText(src);
  const nameOf = (i: DashboardIndicator) => i.name || names.get(i.indicatorId)?.name || i.code;
  // One scale per unit: percentages on 0…100, counts on their own maximum.
  const maxOf = (i: DashboardIndicator) =>
    i.unit === '%' ? 100 : Math.max(1, i.value ?? 0, i.target ?? 0) * 1.1;

  return (
    <Stack gap="lg">
      <PageHeader
        title={set.data ? `Дашборд: ${set.data.name}` : 'Дашборд'}
        description="Значения против целевых, динамика по годам, проблемные зоны, кластеры организаций. Значение — из последнего закрытого мониторинга года, иначе текущий расчёт."
        actions={
          <>
            <NativeSelect
              aria-label="Год"
              data={years.map((y) => ({ value: String(y), label: `${y} год` }))}
              value={String(year)}
              onChange={(e) => f.set({ year: e.currentTarget.value }, { keepPage: true })}
            />
            <Button component={Link} to={`/monitoring/indicators/${setId}`} variant="default">
              К набору
            </Button>
          </>
        }
      />
      <ErrorAlert error={dash.error} title="Не удалось загрузить дашборд" />
      {dash.isPending && <LoadingRows rows={8} label="Загрузка дашборда" />}

      {dash.data && (
        <Text size="sm" c="dimmed" data-testid="dashboard-source">
          Значения: {sourceText}.
        </Text>
      )}
      {dash.data && <TargetStatusStats statuses={list.map((i) => i.targetStatus ?? null)} />}

      {dash.data && list.length === 0 && (
        <Paper withBorder>
          <Empty
            title="В наборе нет показателей"
            description="Загрузите пресет или добавьте показатели на странице набора."
          />
        </Paper>
      )}

      {list.length > 0 && (
        <Section
          title={`Значение и цель ${year} года`}
          actions={
            <Button
              size="xs"
              variant="default"
              onClick={() =>
                saveXlsx(
                  `дашборд-${year}.xlsx`,
                  ['Код', 'Показатель', 'Единица', 'Значение', `Цель ${year}`, 'Статус', 'Источник значения'],
                  list.map((i) => [
                    i.code,
                    nameOf(i),
                    i.unit,
                    i.value ?? '',
                    i.target ?? '',
                    i.targetStatus ? TARGET_STATUS[i.targetStatus].label : (statusText(i.status) ?? ''),
                    sourceText,
                  ]),
                )
              }
            >
              Скачать XLSX
            </Button>
          }
        >
          <Paper withBorder p="sm">
            <Stack gap={6} role="list" aria-label="Значения против целевых">
              {list.map((i) => (
                <Group
                  key={i.indicatorId}
                  gap="sm"
                  wrap="nowrap"
                  role="listitem"
                  data-testid={`bullet-${i.code}`}
                >
                  <Text size="sm" w={48} fw={600} style={{ flexShrink: 0 }}>
                    {i.code}
                  </Text>
                  <Text size="xs" w={360} lineClamp={2} style={{ flexShrink: 0 }} title={nameOf(i)}>
                    {nameOf(i)}
                  </Text>
                  <div style={{ flex: 1, minWidth: 160 }}>
                    <BulletBar
                      value={i.value}
                      target={i.target}
                      max={maxOf(i)}
                      status={i.targetStatus}
                      label={`${i.code}: ${formatValue(i.value, i.unit)}, цель ${formatValue(i.target, i.unit)}`}
                      valueText={i.value === null ? 'нет данных' : formatValue(i.value, i.unit)}
                    />
                  </div>
                  <Text
                    size="xs"
                    c="dimmed"
                    w={80}
                    ta="right"
                    style={{ flexShrink: 0 }}
                    title={i.value === null ? i.message || statusText(i.status) || '' : undefined}
                  >
                    цель {formatValue(i.target, i.unit)}
                  </Text>
                  <div style={{ width: 110, flexShrink: 0 }}>
                    <TargetStatusBadge status={i.targetStatus} />
                  </div>
                </Group>
              ))}
            </Stack>
            <Text size="xs" c="dimmed" mt="xs">
              Полоса — значение (цвет — статус), чёрная метка — целевое значение года.
            </Text>
          </Paper>
        </Section>
      )}

      {list.length > 0 && (
        <Section title="Динамика по годам">
          <NativeSelect
            aria-label="Показатель для динамики"
            data={list.map((i) => ({ value: i.indicatorId, label: `${i.code} ${nameOf(i)}`.slice(0, 140) }))}
            value={chosen ?? ''}
            onChange={(e) => f.set({ indicator: e.currentTarget.value }, { keepPage: true })}
            maw={720}
          />
          {current && (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Paper withBorder p="sm">
                <LineChart
                  title={`Динамика показателя ${current.code}`}
                  unit={current.unit}
                  points={current.dynamics.map((d) => ({ x: d.year, value: d.value, target: d.target }))}
                />
              </Paper>
              <Paper withBorder>
                <Table fz="sm" aria-label="Динамика по годам" striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Год</Table.Th>
                      <Table.Th ta="right">Значение</Table.Th>
                      <Table.Th ta="right">Цель</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {current.dynamics.map((d) => (
                      <Table.Tr key={d.year}>
                        <Table.Td>{d.year}</Table.Td>
                        <Table.Td ta="right">{formatValue(d.value, current.unit)}</Table.Td>
                        <Table.Td ta="right">{formatValue(d.target, current.unit)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <Group p="xs">
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() =>
                      saveXlsx(
                        `динамика-${current.code}.xlsx`,
                        ['Год', 'Значение', 'Цель'],
                        current.dynamics.map((d) => [d.year, d.value ?? '', d.target ?? '']),
                      )
                    }
                  >
                    Скачать XLSX
                  </Button>
                </Group>
              </Paper>
            </SimpleGrid>
          )}
        </Section>
      )}

      {!dash.isPending && (list.length > 0 || canCompare) && (
        // The figures' readings below the values, one at a time: the page stays a screen or two.
        // Shown once the dashboard has loaded: the default tab depends on it, and a tab chosen
        // before would silently fall back to the default when the figures arrive.
        <Tabs value={tab} onChange={(v) => f.set({ tab: v }, { keepPage: true })} keepMounted={false}>
          <Tabs.List>
            {list.length > 0 && (
              <Tabs.Tab value="problems">
                Проблемные зоны{problemCount > 0 ? ` (${problemCount})` : ''}
              </Tabs.Tab>
            )}
            {list.length > 0 && <Tabs.Tab value="clusters">Кластеры организаций</Tabs.Tab>}
            {canCompare && <Tabs.Tab value="compare">Сравнение муниципалитетов</Tabs.Tab>}
          </Tabs.List>
          <Tabs.Panel value="problems" pt="md">
            <Stack gap="sm">
              <ProblemZonesSection setId={setId} year={year} indicators={list} nameOf={nameOf} />
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="clusters" pt="md">
            <ClustersSection setId={setId} year={year} />
          </Tabs.Panel>
          <Tabs.Panel value="compare" pt="md">
            <CompareSection setId={setId} year={year} />
          </Tabs.Panel>
        </Tabs>
      )}
      {list.some((i) => i.derived === false) && (
        <Group gap={4}>
          <Badge size="sm" variant="light" color="grape">
            вручную
          </Badge>
          <Text size="xs" c="dimmed">
            Значения ручных показателей берутся из форм сбора и введённых методистом значений.
          </Text>
        </Group>
      )}
    </Stack>
  );
}
