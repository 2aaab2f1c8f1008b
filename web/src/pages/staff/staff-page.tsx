import {
  Anchor,
  Button,
  Checkbox,
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
import { toQuery } from '../../api/api.ts';
import { fromUrl } from '../../api/client.ts';
import { type StaffQuery, useStaff } from '../../api/directory.ts';
import {
  municipalityOptions,
  useLoadThreshold,
  useOrganizations,
  useSubjects,
  useTerritories,
} from '../../api/queries.ts';
import { useMe } from '../../auth/session.tsx';
import { CategoryBadge, PersonFlags } from '../../components/badges.tsx';
import { ListEmpty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { OrganizationSelect } from '../../components/organization-select.tsx';
import { PageHeader } from '../../components/page.tsx';
import { Pager, SortableTh, type SortOrder, TableCard } from '../../components/table-parts.tsx';
import { useUrlState, useUrlText } from '../../lib/use-url-state.ts';
import {
  AGE_BANDS,
  CATEGORY_OPTIONS,
  EMPLOYMENT_KINDS,
  formatDate,
  formatNumber,
  ORG_KIND_OPTIONS,
  plural,
  STAFF_CATEGORIES,
} from '../../lib/words.ts';
import { NewPersonForm } from '../people/person-forms.tsx';

const PAGE_SIZE = 50;

/** Filters the API accepts; each is a visible control and lives in the URL. */
const SELECT_FILTERS = [
  'municipalityId',
  'organizationId',
  'orgKind',
  'staffCategory',
  'subject',
  'category',
  'ageBand',
  'q',
  'asOf',
] as const;
const FLAG_FILTERS = [
  { key: 'young', label: 'Молодые специалисты' },
  { key: 'pensionAge', label: 'Пенсионный возраст' },
  { key: 'loadOver30', label: 'Нагрузка более {threshold} ч' },
  { key: 'partTime', label: 'Совместители' },
  { key: 'outsideProfile', label: 'Работают не по профилю' },
] as const;

const with_all = (label: string, options: readonly { value: string; label: string }[]) => [
  { value: '', label },
  ...options,
];

export default function StaffPage() {
  const me = useMe();
  const f = useUrlState();
  const territories = useTerritories();
  const orgs = useOrganizations({ municipalityId: f.get('municipalityId') || null });
  const subjects = useSubjects();
  const threshold = useLoadThreshold();
  const [adding, setAdding] = useState(false);

  // The search box types freely; the URL (and the request) follow after a pause.
  const [q, setQ] = useUrlText(f, 'q');

  const filters: Record<string, string> = {};
  for (const k of SELECT_FILTERS) if (f.get(k)) filters[k] = f.get(k);
  for (const { key } of FLAG_FILTERS) if (f.flag(key)) filters[key] = 'true';
  const hasFilters = Object.keys(filters).length > 0;

  const sort = f.get('sort') || 'fullName';
  const order = (f.get('order') === 'desc' ? 'desc' : 'asc') as SortOrder;
  const page = Math.max(1, Number(f.get('page')) || 1);

  const staff = useStaff(
    fromUrl<StaffQuery>({ ...filters, sort, order, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
  );

  const exportHref = (format: 'xlsx' | 'csv') => `/api/staff/export${toQuery({ format, ...filters })}`;
  const manyMunicipalities = (territories.data?.municipalities.length ?? 0) > 1;
  const manyOrgs = (orgs.data?.total ?? 0) > 1 || Boolean(f.get('organizationId'));
  const onSort = (column: string, next: SortOrder) => f.set({ sort: column, order: next });

  const data = staff.data;
  return (
    <Stack gap="md">
      <PageHeader
        title="Педагогические кадры"
        description="Реестр педагогических и руководящих работников: места работы, нагрузка, квалификация."
        actions={
          <>
            {me.capabilities.directory.manageRegistry && (
              <Button onClick={() => setAdding(true)}>Добавить сотрудника</Button>
            )}
            <Button component="a" href={exportHref('xlsx')} download variant="light">
              Экспорт XLSX
            </Button>
            <Button component="a" href={exportHref('csv')} download variant="default">
              CSV
            </Button>
          </>
        }
      />

      <Paper withBorder p="sm" component="section" aria-label="Фильтры">
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="sm" verticalSpacing="xs">
            <TextInput
              label="Поиск"
              placeholder="ФИО или СНИЛС"
              type="search"
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
            />
            {manyMunicipalities && (
              <NativeSelect
                label="Муниципалитет"
                data={municipalityOptions(territories.data)}
                value={f.get('municipalityId')}
                onChange={(e) => f.set({ municipalityId: e.currentTarget.value, organizationId: '' })}
              />
            )}
            {manyOrgs && (
              <OrganizationSelect
                municipalityId={f.get('municipalityId') || null}
                value={f.get('organizationId')}
                onChange={(v) => f.set({ organizationId: v })}
              />
            )}
            <NativeSelect
              label="Тип организации"
              data={with_all('Все типы', ORG_KIND_OPTIONS)}
              value={f.get('orgKind')}
              onChange={(e) => f.set({ orgKind: e.currentTarget.value })}
            />
            <NativeSelect
              label="Категория работников"
              data={with_all('Все', [
                { value: 'pedagogical', label: 'Педагогические' },
                { value: 'managerial', label: 'Руководящие' },
              ])}
              value={f.get('staffCategory')}
              onChange={(e) => f.set({ staffCategory: e.currentTarget.value })}
            />
            <NativeSelect
              label="Предмет"
              data={with_all(
                'Все предметы',
                (subjects.data?.items ?? []).map((s) => ({ value: s, label: s })),
              )}
              value={f.get('subject')}
              onChange={(e) => f.set({ subject: e.currentTarget.value })}
            />
            <NativeSelect
              label="Квалификационная категория"
              data={with_all('Любая', CATEGORY_OPTIONS)}
              value={f.get('category')}
              onChange={(e) => f.set({ category: e.currentTarget.value })}
            />
            <NativeSelect
              label="Возраст"
              data={with_all('Любой', AGE_BANDS)}
              value={f.get('ageBand')}
              onChange={(e) => f.set({ ageBand: e.currentTarget.value })}
            />
            <TextInput
              label="Состав на дату"
              type="date"
              value={f.get('asOf')}
              onChange={(e) => f.set({ asOf: e.currentTarget.value })}
              description={f.get('asOf') ? undefined : 'Пусто — на сегодня'}
            />
          </SimpleGrid>
          <Group gap="lg" wrap="wrap">
            {FLAG_FILTERS.map(({ key, label }) => (
              <Checkbox
                key={key}
                label={label.replace('{threshold}', String(threshold))}
                checked={f.flag(key)}
                onChange={(e) => f.set({ [key]: e.currentTarget.checked })}
              />
            ))}
            {hasFilters && (
              <Button variant="subtle" size="compact-sm" onClick={() => f.clear()} ml="auto">
                Сбросить фильтры
              </Button>
            )}
          </Group>
        </Stack>
      </Paper>

      <ErrorAlert error={staff.error} title="Не удалось загрузить реестр" />

      {data && (
        <Text fw={600} role="status" aria-live="polite" data-testid="staff-count">
          Найдено: {data.total.toLocaleString('ru-RU')} {plural(data.total, 'запись', 'записи', 'записей')} (
          {data.people.toLocaleString('ru-RU')} {plural(data.people, 'человек', 'человека', 'человек')})
          {data.asOf && f.get('asOf') ? ` на ${formatDate(data.asOf)}` : ''}
        </Text>
      )}

      {staff.isPending && <LoadingRows rows={8} label="Загрузка реестра" />}

      {data && data.total === 0 && (
        <ListEmpty
          filtered={hasFilters}
          onClear={() => f.clear()}
          filteredTitle="По этим условиям никого не нашли"
          filteredHint="Ослабьте фильтры: снимите часть отметок или выберите «Все» в списках."
          title="В реестре пока нет сотрудников"
          description={
            me.capabilities.directory.manageRegistry
              ? 'Загрузите список сотрудников из таблицы (XLSX или CSV): в разделе «Импорт» есть шаблон с нужными столбцами.'
              : 'Сведения о сотрудниках вносят методисты и руководители организаций.'
          }
          actions={
            me.capabilities.directory.manageRegistry ? (
              <Button component={Link} to="/import?kind=staff">
                Перейти к импорту
              </Button>
            ) : undefined
          }
        />
      )}

      {data && data.total > 0 && (
        <TableCard loading={staff.isPlaceholderData} minWidth={1020}>
          <Table
            striped
            highlightOnHover
            verticalSpacing={4}
            horizontalSpacing="xs"
            fz="sm"
            aria-label="Сотрудники"
            stickyHeader
          >
            <Table.Thead>
              <Table.Tr>
                <SortableTh column="fullName" sort={sort} order={order} onSort={onSort} w={250}>
                  ФИО
                </SortableTh>
                <SortableTh column="organization" sort={sort} order={order} onSort={onSort} w={170}>
                  Организация
                </SortableTh>
                <SortableTh column="position" sort={sort} order={order} onSort={onSort}>
                  Должность
                </SortableTh>
                <Table.Th>Предметы</Table.Th>
                <SortableTh column="load" sort={sort} order={order} onSort={onSort} w={90}>
                  Ч/нед.
                </SortableTh>
                <SortableTh column="category" sort={sort} order={order} onSort={onSort} w={140}>
                  Категория
                </SortableTh>
                <SortableTh column="age" sort={sort} order={order} onSort={onSort} w={90}>
                  Возраст
                </SortableTh>
                <Table.Th w={60}>Стаж</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((r) => (
                <Table.Tr key={r.employmentId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/people/${r.personId}`} size="sm" fw={500}>
                      {r.fullName}
                    </Anchor>
                    {r.snils && (
                      <Text size="xs" c="dimmed">
                        СНИЛС {r.snils}
                      </Text>
                    )}
                    <PersonFlags
                      young={r.young}
                      pensionAge={r.pensionAge}
                      loadOver30={r.loadOver30}
                      outsideProfile={r.outsideProfile}
                      loadHours={r.personLoadHours}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/organizations/${r.organizationId}`} size="sm" c="dark">
                      {r.organizationName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.position}</Text>
                    <Text size="xs" c="dimmed">
                      {STAFF_CATEGORIES[r.staffCategory]}
                      {r.employmentKind !== 'main' ? `, ${EMPLOYMENT_KINDS[r.employmentKind]}` : ''}
                      {r.rate !== 1 ? `, ${formatNumber(r.rate)} ст.` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.subjects.join(', ') || '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatNumber(r.loadHours, 1)}</Text>
                    {r.personLoadHours !== r.loadHours && (
                      <Text size="xs" c="dimmed" title="Суммарно по всем местам работы">
                        всего {formatNumber(r.personLoadHours, 1)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <CategoryBadge category={r.category} />
                    {r.categoryExpires && (
                      <Text size="xs" c="dimmed">
                        до {formatDate(r.categoryExpires)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.age}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.pedExperience === null ? '—' : formatNumber(r.pedExperience, 0)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}

      {data && (
        <Pager
          page={page}
          total={data.total}
          pageSize={PAGE_SIZE}
          onChange={(p) => f.set({ page: p > 1 ? p : null }, { keepPage: true })}
        />
      )}
      {me.capabilities.directory.manageRegistry && (
        <NewPersonForm
          opened={adding}
          onClose={() => setAdding(false)}
          defaultOrgId={f.get('organizationId') || me.organizationId || ''}
        />
      )}
    </Stack>
  );
}
