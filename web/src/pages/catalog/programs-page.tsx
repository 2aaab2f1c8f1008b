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
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useFrameworks } from '../../api/assessment.ts';
import { catalogExportHref, type ProgramsQuery, usePrograms } from '../../api/catalog.ts';
import { fromUrl } from '../../api/client.ts';
import { useMe } from '../../auth/session.tsx';
import { ListEmpty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { PageHeader } from '../../components/page.tsx';
import { SortableTh, TableCard } from '../../components/table-parts.tsx';
import { useClientSort } from '../../lib/sort.ts';
import { useUrlState, useUrlText } from '../../lib/use-url-state.ts';
import { plural } from '../../lib/words.ts';
import { DIRECTIONS, options, ownerLabel, PROGRAM_FORMATS, PROGRAM_KINDS } from './catalog-words.ts';
import { ProgramForm } from './program-form.tsx';

const FILTERS = ['q', 'kind', 'format', 'federalRegistry', 'direction', 'competencyCode'] as const;
const all = (label: string, list: { value: string; label: string }[]) => [{ value: '', label }, ...list];

export default function ProgramsPage() {
  const me = useMe();
  const f = useUrlState();
  const navigate = useNavigate();
  const frameworks = useFrameworks();
  const canEdit = me.capabilities.catalog.createPrograms;
  const [adding, setAdding] = useState(false);

  const [q, setQ] = useUrlText(f, 'q');

  const filters: Record<string, string> = {};
  for (const k of FILTERS) if (f.get(k)) filters[k] = f.get(k);
  const hasFilters = Object.keys(filters).length > 0;
  const programs = usePrograms(fromUrl<ProgramsQuery>(filters));

  const seen = new Set<string>();
  const competencyOptions = (frameworks.data?.items ?? []).flatMap((fw) =>
    fw.groups.flatMap((g) =>
      g.competencies
        .filter((c) => !seen.has(c.code) && seen.add(c.code))
        .map((c) => ({ value: c.code, label: c.name })),
    ),
  );
  const competencyName = new Map(competencyOptions.map((o) => [o.value, o.label]));
  const data = programs.data;
  const sorted = useClientSort(
    data?.items ?? [],
    {
      name: (p) => p.name,
      kind: (p) => p.kindName,
      hours: (p) => p.hours,
      format: (p) => p.formatName,
      provider: (p) => p.provider,
      owner: (p) => ownerLabel(p.owner),
    },
    { sort: 'name' },
  );

  return (
    <Stack gap="md">
      <PageHeader
        title="Каталог программ"
        description="Дополнительные профессиональные программы: повышение квалификации и переподготовка, потоки и развиваемые компетенции."
        actions={
          <>
            {canEdit && (
              <>
                <Button onClick={() => setAdding(true)}>Добавить программу</Button>
                <Button component={Link} to="/catalog/import" variant="light">
                  Импорт
                </Button>
              </>
            )}
            <Button
              component="a"
              href={catalogExportHref(fromUrl<ProgramsQuery>(filters), 'xlsx')}
              download
              variant="light"
            >
              Экспорт XLSX
            </Button>
            <Button
              component="a"
              href={catalogExportHref(fromUrl<ProgramsQuery>(filters), 'csv')}
              download
              variant="default"
            >
              CSV
            </Button>
          </>
        }
      />
      <Paper withBorder p="sm" component="section" aria-label="Фильтры">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="xs">
          <TextInput
            label="Поиск"
            placeholder="Название, код или организация"
            type="search"
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
          />
          <NativeSelect
            label="Вид программы"
            data={all('Все виды', options(PROGRAM_KINDS))}
            value={f.get('kind')}
            onChange={(e) => f.set({ kind: e.currentTarget.value })}
          />
          <NativeSelect
            label="Форма"
            data={all('Любая', options(PROGRAM_FORMATS))}
            value={f.get('format')}
            onChange={(e) => f.set({ format: e.currentTarget.value })}
          />
          <NativeSelect
            label="Федеральный реестр"
            data={[
              { value: '', label: 'Все программы' },
              { value: 'true', label: 'Только из федерального реестра' },
              { value: 'false', label: 'Не из федерального реестра' },
            ]}
            value={f.get('federalRegistry')}
            onChange={(e) => f.set({ federalRegistry: e.currentTarget.value })}
          />
          <NativeSelect
            label="Приоритетное направление"
            data={all('Все направления', options(DIRECTIONS))}
            value={f.get('direction')}
            onChange={(e) => f.set({ direction: e.currentTarget.value })}
          />
          <NativeSelect
            label="Компетенция"
            data={all('Любая', competencyOptions)}
            value={f.get('competencyCode')}
            onChange={(e) => f.set({ competencyCode: e.currentTarget.value })}
          />
        </SimpleGrid>
        {hasFilters && (
          <Group justify="flex-end" mt="xs">
            <Button variant="subtle" size="compact-sm" onClick={() => f.clear()}>
              Сбросить фильтры
            </Button>
          </Group>
        )}
      </Paper>

      <ErrorAlert error={programs.error} title="Не удалось загрузить каталог" />
      {data && (
        <Text fw={600} role="status" aria-live="polite" data-testid="programs-count">
          Найдено: {data.total} {plural(data.total, 'программа', 'программы', 'программ')}
        </Text>
      )}
      {programs.isPending && <LoadingRows rows={6} label="Загрузка каталога" />}
      {data && data.total === 0 && (
        <ListEmpty
          filtered={hasFilters}
          onClear={() => f.clear()}
          filteredTitle="По этим условиям программ нет"
          filteredHint="Ослабьте фильтры или сбросьте их."
          title="Каталог программ пуст"
          description={
            canEdit
              ? 'Добавьте программу вручную или загрузите каталог из таблицы (шаблон — на странице импорта).'
              : 'Каталог ведут региональный оператор и методисты.'
          }
          actions={
            canEdit ? (
              <Group gap="sm">
                <Button onClick={() => setAdding(true)}>Добавить программу</Button>
                <Button component={Link} to="/catalog/import" variant="light">
                  Загрузить из таблицы
                </Button>
              </Group>
            ) : undefined
          }
        />
      )}
      {data && data.total > 0 && (
        <TableCard loading={programs.isPlaceholderData} minWidth={1060}>
          <Table striped highlightOnHover verticalSpacing={6} fz="sm" aria-label="Программы">
            <Table.Thead>
              <Table.Tr>
                <SortableTh {...sorted.th('name')}>Программа</SortableTh>
                <SortableTh {...sorted.th('kind')} w={160}>
                  Вид
                </SortableTh>
                <SortableTh {...sorted.th('hours')} w={70} ta="right">
                  Часов
                </SortableTh>
                <SortableTh {...sorted.th('format')} w={120}>
                  Форма
                </SortableTh>
                <SortableTh {...sorted.th('provider')} w={200}>
                  Организация
                </SortableTh>
                <Table.Th w={200}>Компетенции</Table.Th>
                <SortableTh {...sorted.th('owner')} w={120}>
                  Ведёт
                </SortableTh>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.rows.map((p) => (
                <Table.Tr key={p.id} c={p.active ? undefined : 'dimmed'}>
                  <Table.Td>
                    <Anchor component={Link} to={`/catalog/programs/${p.id}`} size="sm" fw={500}>
                      {p.name}
                    </Anchor>
                    <Group gap={4} mt={2}>
                      <Text size="xs" c="dimmed">
                        {p.code}
                      </Text>
                      {p.federalRegistry && (
                        <Badge
                          size="xs"
                          variant="light"
                          color="indigo"
                          title={p.federalRegistryNumber ?? undefined}
                        >
                          федеральный реестр
                        </Badge>
                      )}
                      {!p.active && (
                        <Badge size="xs" variant="outline" color="gray">
                          не действует
                        </Badge>
                      )}
                      {p.priorityDirections.map((d) => (
                        <Badge key={d} size="xs" variant="light" color="grape">
                          {DIRECTIONS[d as keyof typeof DIRECTIONS] ?? d}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{p.kindName}</Table.Td>
                  <Table.Td ta="right">{p.hours}</Table.Td>
                  <Table.Td>{p.formatName}</Table.Td>
                  <Table.Td>{p.provider}</Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      {p.competencyCodes.map((code) => competencyName.get(code) ?? code).join('; ') || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td data-testid="program-owner">
                    <Text size="xs" title={p.owner.name ?? undefined}>
                      {ownerLabel(p.owner)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
      {canEdit && adding && (
        <ProgramForm
          program={null}
          opened={adding}
          onClose={() => setAdding(false)}
          onSaved={(p) => navigate(`/catalog/programs/${p.id}`)}
        />
      )}
    </Stack>
  );
}
