import {
  Anchor,
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
import { Link } from 'react-router';
import { fromUrl } from '../../api/client.ts';
import { type OrganizationsQuery, useOrganizationList } from '../../api/directory.ts';
import { municipalityOptions, useTerritories } from '../../api/queries.ts';
import type { Org } from '../../api/types.ts';
import { managesOrganizations, useMe } from '../../auth/session.tsx';
import { OrgFlags } from '../../components/badges.tsx';
import { ListEmpty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { PageHeader } from '../../components/page.tsx';
import { SortableTh, TableCard } from '../../components/table-parts.tsx';
import { downloadCsv } from '../../lib/csv.ts';
import { useClientSort } from '../../lib/sort.ts';
import { useUrlState, useUrlText } from '../../lib/use-url-state.ts';
import { INNOVATION_PLATFORMS, ORG_KIND_OPTIONS, ORG_KINDS, plural } from '../../lib/words.ts';
import { OrganizationForm } from './organization-form.tsx';

const NO_ORGS: Org[] = [];

function exportOrgs(items: Org[]) {
  downloadCsv(
    'организации.csv',
    [
      'Код',
      'Полное наименование',
      'Краткое наименование',
      'Тип',
      'Муниципалитет',
      'ИНН',
      'Сельская',
      'ШНОР',
      'Инновационная площадка',
      'Стажировочная площадка',
      'Положение о наставничестве',
      'Сотрудников',
      'Открытых вакансий',
    ],
    items.map((o) => [
      o.code,
      o.fullName,
      o.shortName,
      ORG_KINDS[o.kind].short,
      o.municipalityName,
      o.inn ?? '',
      o.rural ? 'да' : 'нет',
      o.lowResults ? 'да' : 'нет',
      o.innovationPlatform ? INNOVATION_PLATFORMS[o.innovationPlatform] : '',
      o.internshipPlatform ? 'да' : 'нет',
      o.mentoringRegulation ? 'да' : 'нет',
      o.staffCount,
      o.vacanciesOpen,
    ]),
  );
}

export default function OrganizationsPage() {
  const me = useMe();
  const f = useUrlState();
  const territories = useTerritories();
  const [q, setQ] = useUrlText(f, 'q');
  const [creating, setCreating] = useState(false);

  const filters = {
    municipalityId: f.get('municipalityId') || undefined,
    kind: f.get('kind') || undefined,
    q: f.get('q') || undefined,
  };
  const hasFilters = Boolean(filters.municipalityId || filters.kind || filters.q);
  const orgs = useOrganizationList(fromUrl<OrganizationsQuery>(filters));
  const manyMunicipalities = (territories.data?.municipalities.length ?? 0) > 1;
  const sorted = useClientSort(
    orgs.data?.items ?? NO_ORGS,
    {
      code: (o) => o.code,
      name: (o) => o.shortName,
      kind: (o) => ORG_KINDS[o.kind].short,
      municipality: (o) => o.municipalityName,
      staff: (o) => o.staffCount,
      vacancies: (o) => o.vacanciesOpen,
    },
    { sort: 'name' },
  );
  const items = sorted.rows;

  return (
    <Stack gap="md">
      <PageHeader
        title="Организации"
        description="Образовательные организации в вашей области доступа: признаки, кадры, вакансии."
        actions={
          <>
            {managesOrganizations(me) && (
              <Button onClick={() => setCreating(true)}>Добавить организацию</Button>
            )}
            <Button variant="default" disabled={!items.length} onClick={() => exportOrgs(items)}>
              CSV
            </Button>
          </>
        }
      />

      <Paper withBorder p="sm" component="section" aria-label="Фильтры">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label="Поиск"
            type="search"
            placeholder="Наименование, код или ИНН"
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
          />
          {manyMunicipalities && (
            <NativeSelect
              label="Муниципалитет"
              data={municipalityOptions(territories.data)}
              value={f.get('municipalityId')}
              onChange={(e) => f.set({ municipalityId: e.currentTarget.value })}
            />
          )}
          <NativeSelect
            label="Тип организации"
            data={[{ value: '', label: 'Все типы' }, ...ORG_KIND_OPTIONS]}
            value={f.get('kind')}
            onChange={(e) => f.set({ kind: e.currentTarget.value })}
          />
        </SimpleGrid>
      </Paper>

      <ErrorAlert error={orgs.error} title="Не удалось загрузить организации" />
      {orgs.isPending && <LoadingRows />}

      {orgs.data && (
        <Text fw={600} role="status">
          Найдено: {orgs.data.total} {plural(orgs.data.total, 'организация', 'организации', 'организаций')}
        </Text>
      )}

      {orgs.data && items.length === 0 && (
        <ListEmpty
          filtered={hasFilters}
          onClear={() => f.clear()}
          filteredTitle="Организаций с такими условиями нет"
          filteredHint="Измените поиск или выберите другой тип."
          title="Список организаций пуст"
          description={
            managesOrganizations(me)
              ? 'Добавьте организации по одной или загрузите перечень из таблицы в разделе «Импорт».'
              : 'Перечень организаций ведёт муниципальная методическая служба.'
          }
          actions={
            managesOrganizations(me) ? (
              <Group>
                <Button onClick={() => setCreating(true)}>Добавить организацию</Button>
                <Button variant="light" component={Link} to="/import?kind=orgs">
                  Импорт
                </Button>
              </Group>
            ) : undefined
          }
        />
      )}

      {items.length > 0 && (
        <TableCard loading={orgs.isPlaceholderData} minWidth={860}>
          <Table striped highlightOnHover aria-label="Организации">
            <Table.Thead>
              <Table.Tr>
                <SortableTh {...sorted.th('code')} w={90}>
                  Код
                </SortableTh>
                <SortableTh {...sorted.th('name')}>Наименование</SortableTh>
                <SortableTh {...sorted.th('kind')} w={80}>
                  Тип
                </SortableTh>
                {manyMunicipalities && <SortableTh {...sorted.th('municipality')}>Муниципалитет</SortableTh>}
                <Table.Th>Признаки</Table.Th>
                <SortableTh {...sorted.th('staff')} ta="right">
                  Сотрудников
                </SortableTh>
                <SortableTh {...sorted.th('vacancies')} ta="right">
                  Вакансий
                </SortableTh>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td>
                    <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }} data-code>
                      {o.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/organizations/${o.id}`} size="sm" fw={500}>
                      {o.shortName}
                    </Anchor>
                    <Text size="xs" c="dimmed" lineClamp={1} title={o.fullName}>
                      {o.fullName}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" title={o.kindLabel}>
                      {ORG_KINDS[o.kind].short}
                    </Text>
                  </Table.Td>
                  {manyMunicipalities && (
                    <Table.Td>
                      <Text size="sm">{o.municipalityName}</Text>
                    </Table.Td>
                  )}
                  <Table.Td>
                    <OrgFlags org={o} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Anchor component={Link} to={`/staff?organizationId=${o.id}`} size="sm">
                      {o.staffCount}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" c={o.vacanciesOpen ? 'orange.8' : 'dimmed'}>
                      {o.vacanciesOpen}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}

      <OrganizationForm opened={creating} onClose={() => setCreating(false)} org={null} />
    </Stack>
  );
}
