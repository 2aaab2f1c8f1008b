import {
  Anchor,
  Badge,
  Box,
  Breadcrumbs,
  Button,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { Link } from 'react-router';
import {
  type DeficitPeopleQuery,
  defaultFramework,
  deficitHeatmapExportHref,
  deficitPeopleExportHref,
  type HeatCell,
  type Heatmap,
  useDeficitPeople,
  useFrameworks,
  useHeatmap,
} from '../../api/assessment.ts';
import { municipalityOptions, useTerritories } from '../../api/queries.ts';
import { useMe } from '../../auth/session.tsx';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ExportLinks } from '../../components/export-links.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { NoAccess } from '../../components/no-access.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { Pager, SortableTh, TableCard } from '../../components/table-parts.tsx';
import { useClientSort } from '../../lib/sort.ts';
import { useUrlState } from '../../lib/use-url-state.ts';
import { formatDate, formatNumber, plural } from '../../lib/words.ts';
import { LEVELS } from '../assessment/assessment-words.ts';
import { FrameworkPresetOffer } from '../assessment/framework-presets.tsx';

/** Steps of the colour scale by the share the switch picks (percent). */
const SCALE = [
  { from: 0, label: '0%', bg: '#f1f8f4', fg: '#2b8a3e' },
  { from: 0.1, label: 'до 15%', bg: '#fff3d6', fg: '#7a5200' },
  { from: 15, label: '15–30%', bg: '#ffd8a8', fg: '#7a3a00' },
  { from: 30, label: '30–50%', bg: '#ff8f6b', fg: '#4a1000' },
  { from: 50, label: '50% и больше', bg: '#d9382c', fg: '#ffffff' },
];

/** The two tones of a cell's bar: people with a deficit and people at the partial level. */
const TONE = { deficit: '#c92a2a', partial: '#f59f00', rest: '#dee2e6' };

/** What colours a cell: the deficit share alone, or deficits and partial levels together. */
type HeatTone = 'deficit' | 'both';

function colourOf(share: number) {
  let step = SCALE[0]!;
  for (const s of SCALE) if (share >= s.from) step = s;
  return step;
}

const toneShare = (cell: HeatCell, tone: HeatTone) =>
  tone === 'both' ? Math.min(100, cell.deficitShare + cell.partialShare) : cell.deficitShare;

function Swatch({ bg, dashed }: { bg?: string; dashed?: boolean }) {
  return (
    <Box
      w={18}
      h={14}
      bg={bg}
      style={{ border: `1px ${dashed ? 'dashed #ced4da' : 'solid #dee2e6'}`, borderRadius: 2 }}
    />
  );
}

function Legend({ tone }: { tone: HeatTone }) {
  return (
    <Stack gap={4}>
      <Group gap="sm" aria-label="Шкала цвета">
        <Text size="xs" c="dimmed">
          {tone === 'both'
            ? 'Цвет — доля с дефицитом или частично сформированной:'
            : 'Цвет — доля с дефицитом:'}
        </Text>
        {SCALE.map((s) => (
          <Group key={s.label} gap={4} wrap="nowrap">
            <Swatch bg={s.bg} />
            <Text size="xs">{s.label}</Text>
          </Group>
        ))}
        <Group gap={4} wrap="nowrap">
          <Swatch dashed />
          <Text size="xs">не оценивались</Text>
        </Group>
      </Group>
      <Group gap="sm" aria-label="Полоса в ячейке">
        <Text size="xs" c="dimmed">
          Полоса в ячейке:
        </Text>
        <Group gap={4} wrap="nowrap">
          <Swatch bg={TONE.deficit} />
          <Text size="xs">дефицит</Text>
        </Group>
        <Group gap={4} wrap="nowrap">
          <Swatch bg={TONE.partial} />
          <Text size="xs">частично сформирована</Text>
        </Group>
        <Group gap={4} wrap="nowrap">
          <Swatch bg={TONE.rest} />
          <Text size="xs">сформирована</Text>
        </Group>
        <Text size="xs" c="dimmed">
          · под полосой: дефицит + частично / оценено
        </Text>
      </Group>
    </Stack>
  );
}

/** A stacked bar: the deficit share, then the partial share, the rest grey. */
function ToneBar({ cell }: { cell: HeatCell }) {
  return (
    <Box
      aria-hidden
      h={5}
      mx={2}
      my={2}
      style={{
        display: 'flex',
        borderRadius: 2,
        overflow: 'hidden',
        background: TONE.rest,
        boxShadow: '0 0 0 1px rgba(255,255,255,0.85)',
      }}
    >
      <Box h="100%" bg={TONE.deficit} style={{ width: `${cell.deficitShare}%` }} />
      <Box h="100%" bg={TONE.partial} style={{ width: `${cell.partialShare}%` }} />
    </Box>
  );
}

function Cell({
  cell,
  rowName,
  competency,
  tone,
  selected,
  onPick,
}: {
  cell: HeatCell | undefined;
  rowName: string;
  competency: { code: string; name: string };
  tone: HeatTone;
  selected: boolean;
  onPick: () => void;
}) {
  if (!cell || cell.assessed === 0) {
    return (
      <Table.Td ta="center" c="dimmed" style={{ border: '1px dashed #e9ecef' }}>
        <Text size="xs" c="dimmed" aria-label="не оценивались">
          ·
        </Text>
      </Table.Td>
    );
  }
  const share = toneShare(cell, tone);
  const c = colourOf(share);
  const label = `${rowName} — ${competency.name} (${competency.code}): оценено ${cell.assessed}, дефицит ${cell.deficit} (${formatNumber(cell.deficitShare, 1)}%), частично сформирована ${cell.partial} (${formatNumber(cell.partialShare, 1)}%)`;
  return (
    <Table.Td
      p={0}
      bg={c.bg}
      style={selected ? { outline: '3px solid #1c7ed6', outlineOffset: -3 } : undefined}
    >
      <Tooltip label={label} multiline w={300} withArrow openDelay={150}>
        <UnstyledButton
          onClick={onPick}
          aria-label={label}
          data-testid={`heat-${competency.code}`}
          w="100%"
          py={4}
          px={2}
          ta="center"
          style={{ color: c.fg }}
        >
          <Text size="xs" fw={600} inherit>
            {formatNumber(share, 0)}%
          </Text>
          <ToneBar cell={cell} />
          <Text fz={10} lh={1.2} c={c.fg} opacity={0.85} style={{ whiteSpace: 'nowrap' }}>
            {cell.deficit}+{cell.partial}/{cell.assessed}
          </Text>
        </UnstyledButton>
      </Tooltip>
    </Table.Td>
  );
}

/** A column heading: the competency's name read bottom-up, its code under it as a small mark. */
function CompetencyHeading({ c }: { c: { code: string; name: string } }) {
  return (
    <Tooltip label={`${c.name} (${c.code})`} multiline w={260} withArrow>
      <Box
        style={{
          writingMode: 'vertical-rl',
          transform: 'rotate(180deg)',
          height: 150,
          margin: '0 auto',
          cursor: 'help',
          textAlign: 'left',
          overflow: 'hidden',
        }}
      >
        <Text fz={11} fw={600} lh={1.15} lineClamp={2} inherit>
          {c.name}
        </Text>
        <Text fz={10} c="dimmed" lh={1.15} data-code>
          {c.code}
        </Text>
      </Box>
    </Tooltip>
  );
}

function PeopleList({
  frameworkId,
  competencyId,
  organizationId,
  rowName,
}: {
  frameworkId: string;
  competencyId: string;
  organizationId: string;
  rowName: string;
}) {
  const f = useUrlState();
  const level = f.get('level') === 'partial' ? 'partial' : 'deficit';
  const q: DeficitPeopleQuery = {
    frameworkId,
    competencyId,
    level,
    organizationId: organizationId || undefined,
  };
  const people = useDeficitPeople(q);
  const exportHref = (format: 'xlsx' | 'csv') => deficitPeopleExportHref({ ...q, format });
  const d = people.data;
  const sorted = useClientSort(
    d?.people ?? [],
    {
      name: (p) => p.fullName,
      organization: (p) => p.organization,
      percent: (p) => p.percent,
      level: (p) => LEVELS[p.level].label,
      assessedOn: (p) => p.assessedOn,
      source: (p) => p.source,
    },
    { sort: null },
  );
  return (
    <Section
      title={d ? `${d.competency.name} (${d.competency.code})` : 'Педагоги с дефицитом'}
      actions={
        <>
          <Button component="a" href={exportHref('xlsx')} download variant="light" size="xs">
            Экспорт XLSX
          </Button>
          <Button component="a" href={exportHref('csv')} download variant="default" size="xs">
            CSV
          </Button>
          <Button variant="subtle" size="xs" onClick={() => f.set({ competencyId: '', row: '', level: '' })}>
            Закрыть
          </Button>
        </>
      }
    >
      <Group gap="sm">
        <SegmentedControl
          value={level}
          onChange={(v) => f.set({ level: v === 'deficit' ? '' : v }, { keepPage: true })}
          data={[
            { value: 'deficit', label: 'Дефицит' },
            { value: 'partial', label: 'Частично сформирована' },
          ]}
          aria-label="Уровень"
        />
        <Text size="sm" c="dimmed">
          {rowName}
        </Text>
      </Group>
      <ErrorAlert error={people.error} title="Не удалось загрузить список" />
      {people.isPending && <LoadingRows rows={4} />}
      {d && d.people.length === 0 && (
        <Paper withBorder>
          <Empty
            title={
              level === 'deficit' ? 'Педагогов с дефицитом нет' : 'Педагогов с частично сформированной нет'
            }
            description="Выберите другую ячейку карты или другой уровень."
          />
        </Paper>
      )}
      {d && d.people.length > 0 && (
        <TableCard loading={people.isPlaceholderData} minWidth={720}>
          <Table
            striped
            verticalSpacing={4}
            fz="sm"
            aria-label="Педагоги с дефицитом"
            data-testid="deficit-people"
          >
            <Table.Thead>
              <Table.Tr>
                <SortableTh {...sorted.th('name')}>ФИО</SortableTh>
                <SortableTh {...sorted.th('organization')}>Организация</SortableTh>
                <SortableTh {...sorted.th('percent')} w={90} ta="right">
                  Результат
                </SortableTh>
                <SortableTh {...sorted.th('level')} w={170}>
                  Уровень
                </SortableTh>
                <SortableTh {...sorted.th('assessedOn')} w={120}>
                  Дата оценки
                </SortableTh>
                <SortableTh {...sorted.th('source')} w={130}>
                  Источник
                </SortableTh>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.rows.map((p) => (
                <Table.Tr key={p.personId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/people/${p.personId}`} size="sm">
                      {p.fullName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{p.organization}</Table.Td>
                  <Table.Td ta="right">{formatNumber(p.percent, 1)}%</Table.Td>
                  <Table.Td>
                    <Badge color={LEVELS[p.level].color} variant="light" size="sm">
                      {LEVELS[p.level].label}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatDate(p.assessedOn)}</Table.Td>
                  <Table.Td>{p.source === 'import' ? 'загружен' : 'на платформе'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
      {d && d.people.length > 0 && (
        <Text size="sm" c="dimmed">
          {d.people.length} {plural(d.people.length, 'педагог', 'педагога', 'педагогов')}
        </Text>
      )}
    </Section>
  );
}

/** A row's name: a municipality or an organization opens a level down, a person their card. */
function RowName({
  level,
  row,
  onOpen,
}: {
  level: Heatmap['level'];
  row: { id: string; name: string };
  onOpen: () => void;
}) {
  if (level === 'territory' || level === 'organization') {
    return (
      <Anchor
        component="button"
        type="button"
        size="sm"
        ta="left"
        lineClamp={2}
        onClick={onOpen}
        title={level === 'territory' ? 'Открыть организации муниципалитета' : 'Открыть педагогов организации'}
      >
        {row.name}
      </Anchor>
    );
  }
  if (level === 'person') {
    return (
      <Anchor component={Link} to={`/people/${row.id}`} size="sm" lineClamp={2}>
        {row.name}
      </Anchor>
    );
  }
  return (
    <Text size="sm" lineClamp={2}>
      {row.name}
    </Text>
  );
}

/** What the first column of a level is called. */
const ROW_HEADER = {
  territory: 'Муниципалитет',
  organization: 'Организация',
  person: 'Педагог',
  subject: 'Предмет',
} as const;

/** Rows per page the page asks for (the server may give fewer for a wide framework). */
const PAGE_SIZE = 25;

/** Where the map is: all municipalities → a municipality → an organization; each link goes back. */
function Breadcrumb({
  h,
  wide,
  onGo,
}: {
  h: Heatmap;
  wide: boolean;
  onGo: (to: { territoryId: string; organizationId: string }) => void;
}) {
  if (!h.territory && !h.organization) return null;
  const items: { label: string; to?: { territoryId: string; organizationId: string } }[] = [];
  if (wide) items.push({ label: 'Все муниципалитеты', to: { territoryId: '', organizationId: '' } });
  if (h.territory) {
    items.push({
      label: wide ? h.territory.name : `Организации: ${h.territory.name}`,
      to: h.organization ? { territoryId: wide ? h.territory.id : '', organizationId: '' } : undefined,
    });
  } else if (h.organization) {
    items.push({ label: 'Организации', to: { territoryId: '', organizationId: '' } });
  }
  if (h.organization) items.push({ label: h.organization.name });
  return (
    <Box component="nav" aria-label="Уровень карты">
      <Breadcrumbs separator="›">
        {items.map((i) =>
          i.to ? (
            <Anchor key={i.label} component="button" type="button" size="sm" onClick={() => onGo(i.to!)}>
              {i.label}
            </Anchor>
          ) : (
            <Text key={i.label} size="sm" fw={600}>
              {i.label}
            </Text>
          ),
        )}
      </Breadcrumbs>
    </Box>
  );
}

export default function DeficitsPage() {
  const me = useMe();
  const f = useUrlState();
  const allowed = me.capabilities.assessment.viewDeficits;
  const frameworks = useFrameworks();
  const territories = useTerritories();
  const frameworkId = f.get('frameworkId') || defaultFramework(frameworks.data?.items)?.id || '';
  const by = f.get('by') === 'subject' ? 'subject' : 'organization';
  const territoryId = f.get('territoryId');
  const organizationId = f.get('organizationId');
  const sort = (['deficit', 'assessed'] as const).find((x) => x === f.get('sort')) ?? 'name';
  const dir = f.get('dir') === 'desc' ? 'desc' : 'asc';
  const sortCompetencyId = f.get('sortCompetency');
  const page = Math.max(1, Number(f.get('page')) || 1);
  const filterQuery = {
    frameworkId,
    by,
    territoryId: territoryId || undefined,
    organizationId: organizationId || undefined,
    sort,
    dir,
    competencyId: sortCompetencyId || undefined,
  } as const;
  const heatQuery = { ...filterQuery, page, pageSize: PAGE_SIZE };
  const heat = useHeatmap(heatQuery, { enabled: allowed && Boolean(frameworkId) });
  if (!allowed) return <NoAccess />;

  const h = heat.data;
  const competencyId = f.get('competencyId');
  const rowId = f.get('row');
  const row = h?.rows.find((r) => r.id === rowId);
  const manyMunicipalities = (territories.data?.municipalities.length ?? 0) > 1;
  // Whose top level is the municipalities: the breadcrumb starts there.
  const wide = me.role === 'admin' || me.role === 'region_admin';
  const tone: HeatTone = f.get('tone') === 'both' ? 'both' : 'deficit';
  const noData = h?.rows.every((r) => r.cells.every((c) => c.assessed === 0));
  const drill = (to: { territoryId?: string; organizationId?: string }) =>
    f.set({ competencyId: '', row: '', level: '', sortCompetency: '', sort: '', dir: '', ...to });
  const onSort = (column: string, order: 'asc' | 'desc') => {
    const [key, cId] = column.split(':');
    f.set({ sort: key === 'name' ? '' : key, dir: order === 'asc' ? '' : order, sortCompetency: cId ?? '' });
  };
  const sortColumn = sortCompetencyId ? `${sort}:${sortCompetencyId}` : sort;
  /** A cell's click: a municipality opens its organizations; elsewhere, the list of its people. */
  const pick = (level: Heatmap['level'], r: { id: string }, c: { id: string }) =>
    level === 'territory'
      ? drill({ territoryId: r.id })
      : f.set({ competencyId: c.id, row: r.id, level: '' }, { keepPage: true });
  const listOrganization = h?.level === 'organization' ? rowId : (h?.organization?.id ?? '');

  return (
    <Stack gap="md">
      <PageHeader
        title="Профессиональные дефициты"
        description="Тепловая карта по последнему результату каждого педагога по каждой компетенции. Нажмите на муниципалитет или организацию, чтобы открыть её; на ячейку — чтобы увидеть педагогов."
      />
      <Paper withBorder p="sm" component="section" aria-label="Фильтры">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect
            label="Карта компетенций"
            data={(frameworks.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
            value={frameworkId}
            onChange={(e) => f.set({ frameworkId: e.currentTarget.value, competencyId: '', row: '' })}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Строки карты
            </Text>
            <SegmentedControl
              value={by}
              onChange={(v) => f.set({ by: v === 'organization' ? '' : v, competencyId: '', row: '' })}
              data={[
                { value: 'organization', label: 'Организации' },
                { value: 'subject', label: 'Предметы' },
              ]}
              aria-label="Строки карты"
            />
          </Stack>
          {manyMunicipalities && (
            <NativeSelect
              label="Муниципалитет"
              data={municipalityOptions(territories.data)}
              value={territoryId || h?.territory?.id || ''}
              onChange={(e) => drill({ territoryId: e.currentTarget.value, organizationId: '' })}
            />
          )}
        </SimpleGrid>
      </Paper>
      {h && <Breadcrumb h={h} wide={wide} onGo={drill} />}

      <ErrorAlert error={frameworks.error ?? heat.error} title="Не удалось загрузить карту дефицитов" />
      {frameworks.data && !frameworkId && (
        <Paper withBorder>
          <Empty
            title="Карт компетенций пока нет"
            description="Загрузите типовую карту компетенций по профстандарту «Педагог», затем проведите диагностику."
            actions={<FrameworkPresetOffer />}
          />
        </Paper>
      )}
      {(heat.isPending && frameworkId) || frameworks.isPending ? <LoadingRows rows={6} /> : null}

      {h && (noData || h.rows.length === 0) && (
        <Paper withBorder>
          <Empty
            title="Результатов диагностики пока нет"
            description="Проведите кампанию диагностики или загрузите результаты региональных центров — карта заполнится автоматически."
            actions={
              <Group gap="sm">
                <Button component={Link} to="/assessment/campaigns">
                  К кампаниям
                </Button>
                <Button component={Link} to="/assessment/results-import" variant="light">
                  Загрузить результаты
                </Button>
              </Group>
            }
          />
        </Paper>
      )}

      {h && !noData && h.rows.length > 0 && (
        <>
          <Group justify="space-between" align="flex-start" gap="sm">
            <Stack gap="xs">
              <SegmentedControl
                size="xs"
                value={tone}
                onChange={(v) => f.set({ tone: v === 'both' ? v : '' })}
                data={[
                  { value: 'deficit', label: 'Дефицит' },
                  { value: 'both', label: 'Дефицит и частично' },
                ]}
                aria-label="Цвет ячеек"
              />
              <Legend tone={tone} />
            </Stack>
            <ExportLinks href={(format) => deficitHeatmapExportHref({ ...filterQuery, format })} />
          </Group>
          <TableCard loading={heat.isPlaceholderData} minWidth={180 + h.competencies.length * 52}>
            <Table
              withColumnBorders
              verticalSpacing={0}
              horizontalSpacing={0}
              fz="sm"
              aria-label="Тепловая карта дефицитов"
              stickyHeader
            >
              <Table.Thead>
                <Table.Tr>
                  <SortableTh column="name" sort={sortColumn} order={dir} onSort={onSort} w={200}>
                    {ROW_HEADER[h.level]}
                  </SortableTh>
                  {h.competencies.map((c) => (
                    <Table.Th
                      key={c.id}
                      ta="center"
                      w={52}
                      px={2}
                      aria-sort={
                        sortColumn === `deficit:${c.id}`
                          ? dir === 'asc'
                            ? 'ascending'
                            : 'descending'
                          : 'none'
                      }
                    >
                      <UnstyledButton
                        onClick={() =>
                          onSort(
                            `deficit:${c.id}`,
                            sortColumn === `deficit:${c.id}` && dir === 'desc' ? 'asc' : 'desc',
                          )
                        }
                        title="Сортировать по доле дефицита"
                      >
                        <CompetencyHeading c={c} />
                        <Text size="xs" c={sortColumn === `deficit:${c.id}` ? 'blue' : 'dimmed'} aria-hidden>
                          {sortColumn === `deficit:${c.id}` ? (dir === 'asc' ? '▲' : '▼') : '↕'}
                        </Text>
                      </UnstyledButton>
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {h.rows.map((r) => {
                  const cells = new Map(r.cells.map((c) => [c.competencyId, c]));
                  return (
                    <Table.Tr key={r.id}>
                      <Table.Td px="xs" py={4}>
                        <RowName
                          level={h.level}
                          row={r}
                          onOpen={() =>
                            h.level === 'territory'
                              ? drill({ territoryId: r.id })
                              : drill({ territoryId: territoryId, organizationId: r.id })
                          }
                        />
                      </Table.Td>
                      {h.competencies.map((c) => (
                        <Cell
                          key={c.id}
                          cell={cells.get(c.id)}
                          rowName={r.name}
                          competency={c}
                          tone={tone}
                          selected={competencyId === c.id && rowId === r.id}
                          onPick={() => pick(h.level, r, c)}
                        />
                      ))}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </TableCard>
          <Pager
            page={h.page}
            total={h.total}
            pageSize={h.pageSize}
            onChange={(p) => f.set({ page: p > 1 ? p : '' }, { keepPage: true })}
          />
          <Text size="xs" c="dimmed">
            Пороги карты «{h.framework.name}»: дефицит — ниже {h.framework.deficitBelow}%, частично
            сформирована — ниже {h.framework.partialBelow}%.
          </Text>
        </>
      )}

      {h && competencyId && h.level !== 'territory' && (
        <PeopleList
          key={`${competencyId}:${rowId}`}
          frameworkId={frameworkId}
          competencyId={competencyId}
          organizationId={listOrganization ?? ''}
          rowName={
            h.level === 'subject'
              ? `Предмет «${row?.name ?? ''}»: список — по всем педагогам с этим дефицитом${h.organization ? ` в ${h.organization.name}` : ''}`
              : h.level === 'person'
                ? `${h.organization?.name ?? ''}: все педагоги с этим уровнем`
                : (row?.name ?? '')
          }
        />
      )}
    </Stack>
  );
}
