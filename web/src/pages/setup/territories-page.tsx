import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Answer } from '../../api/client.ts';
import { useTerritorySummary } from '../../api/setup.ts';
import { useMe } from '../../auth/session.tsx';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { NoAccess } from '../../components/no-access.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { SortableTh, TableCard } from '../../components/table-parts.tsx';
import { useClientSort } from '../../lib/sort.ts';
import { MunicipalitiesForm, RegionForm, RenameForm } from './territory-forms.tsx';

type Summary = Answer<'/api/territories/summary', 'get'>;
type RenameTarget = {
  kind: 'region' | 'municipality';
  item: { id: string; name: string; code: string };
} | null;

/** Regions and municipalities with what each holds; add and rename them (admin, region's operator). */
export default function TerritoriesPage() {
  const me = useMe();
  const allowed = me.capabilities.directory.manageTerritories;
  const summary = useTerritorySummary({ enabled: allowed });
  const [adding, setAdding] = useState<string | null>(null);
  const [addingRegion, setAddingRegion] = useState(false);
  const [renaming, setRenaming] = useState<RenameTarget>(null);
  const sorted = useClientSort(
    summary.data?.municipalities ?? [],
    {
      name: (m) => m.name,
      code: (m) => m.code,
      organizations: (m) => m.organizations,
      people: (m) => m.people,
      methodists: (m) => m.methodists,
    },
    { sort: 'name' },
  );
  if (!allowed) return <NoAccess />;

  const data: Summary | undefined = summary.data;
  const regions = data?.regions ?? [];
  const addable = regions.filter((r) => me.role === 'admin' || r.id === me.regionId);

  return (
    <Stack gap="md">
      <PageHeader
        title="Регионы и муниципалитеты"
        description="Территории, в которых ведётся реестр: сколько в каждой организаций, сотрудников и методистов. Переименование записывается в журнал аудита."
        actions={
          <>
            {data?.canAddRegions && <Button onClick={() => setAddingRegion(true)}>Добавить регион</Button>}
            <Button component={Link} to="/setup" variant="default">
              Начало работы
            </Button>
          </>
        }
      />
      <ErrorAlert error={summary.error} title="Не удалось загрузить территории" />
      {summary.isPending && <LoadingRows />}
      {data && regions.length === 0 && (
        <Empty
          title="Регионов пока нет"
          description="Добавьте регион, затем его муниципалитеты — или загрузите организации: недостающие муниципалитеты добавятся по столбцу «Муниципалитет»."
          actions={
            data.canAddRegions && <Button onClick={() => setAddingRegion(true)}>Добавить регион</Button>
          }
        />
      )}

      {regions.map((region) => {
        const items = sorted.rows.filter((m) => m.regionId === region.id);
        const canAdd = addable.some((r) => r.id === region.id);
        return (
          <Section
            key={region.id}
            title={`${region.name} (код ${region.code})`}
            actions={
              <>
                {region.editable && (
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={() => setRenaming({ kind: 'region', item: region })}
                    aria-label={`Переименовать регион ${region.name}`}
                  >
                    Переименовать
                  </Button>
                )}
                {canAdd && (
                  <Button size="xs" onClick={() => setAdding(region.id)}>
                    Добавить муниципалитеты
                  </Button>
                )}
              </>
            }
          >
            <Text size="sm" c="dimmed">
              Муниципалитетов: {region.municipalities}, организаций: {region.organizations}, сотрудников:{' '}
              {region.people}.
            </Text>
            {items.length === 0 ? (
              <Text size="sm">
                Муниципалитетов пока нет.{' '}
                <Anchor component={Link} to="/import?kind=orgs" size="sm">
                  Загрузить организации
                </Anchor>{' '}
                — муниципалитеты из файла добавятся сами.
              </Text>
            ) : (
              <TableCard loading={summary.isFetching} minWidth={640}>
                <Table striped aria-label={`Муниципалитеты: ${region.name}`}>
                  <Table.Thead>
                    <Table.Tr>
                      <SortableTh {...sorted.th('name')}>Муниципалитет</SortableTh>
                      <SortableTh {...sorted.th('code')}>Код</SortableTh>
                      <SortableTh {...sorted.th('organizations')} ta="right">
                        Организаций
                      </SortableTh>
                      <SortableTh {...sorted.th('people')} ta="right">
                        Сотрудников
                      </SortableTh>
                      <SortableTh {...sorted.th('methodists')} ta="right">
                        Методистов
                      </SortableTh>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((m) => (
                      <Table.Tr key={m.id}>
                        <Table.Td>{m.name}</Table.Td>
                        <Table.Td>
                          <Text size="sm" c="dimmed">
                            {m.code}
                          </Text>
                        </Table.Td>
                        <Table.Td ta="right">{m.organizations}</Table.Td>
                        <Table.Td ta="right">{m.people}</Table.Td>
                        <Table.Td ta="right">{m.methodists}</Table.Td>
                        <Table.Td>
                          <Group justify="flex-end">
                            {canAdd && (
                              <Button
                                size="compact-xs"
                                variant="subtle"
                                onClick={() => setRenaming({ kind: 'municipality', item: m })}
                                aria-label={`Переименовать: ${m.name}`}
                              >
                                Переименовать
                              </Button>
                            )}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableCard>
            )}
          </Section>
        );
      })}

      <RegionForm opened={addingRegion} onClose={() => setAddingRegion(false)} />
      <MunicipalitiesForm
        opened={adding !== null}
        onClose={() => setAdding(null)}
        regions={addable}
        regionId={adding ?? undefined}
      />
      <RenameForm opened={renaming !== null} onClose={() => setRenaming(null)} target={renaming} />
    </Stack>
  );
}
