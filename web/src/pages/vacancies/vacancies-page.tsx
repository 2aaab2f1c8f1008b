import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { fromUrl } from '../../api/client.ts';
import { afterVacancySaved, saveVacancy, useVacancies, type VacanciesQuery } from '../../api/directory.ts';
import { municipalityOptions, useOrganizations, useTerritories } from '../../api/queries.ts';
import type { Vacancy } from '../../api/types.ts';
import { useMe } from '../../auth/session.tsx';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { ModalForm } from '../../components/modal-form.tsx';
import { OrganizationSelect } from '../../components/organization-select.tsx';
import { PageHeader } from '../../components/page.tsx';
import { SortableTh, TableCard } from '../../components/table-parts.tsx';
import { downloadCsv } from '../../lib/csv.ts';
import { useClientSort } from '../../lib/sort.ts';
import { useUrlState } from '../../lib/use-url-state.ts';
import { formatDate, formatNumber, plural, todayIso } from '../../lib/words.ts';

interface VacancyFields {
  organizationId: string;
  position: string;
  subject: string;
  rate: number | string;
  zemsky: boolean;
  openedOn: string;
  closedOn: string;
}

function VacancyForm({
  vacancy,
  opened,
  onClose,
  defaultOrgId,
}: {
  vacancy: Vacancy | null;
  opened: boolean;
  onClose: () => void;
  defaultOrgId: string;
}) {
  const qc = useQueryClient();
  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title={vacancy ? 'Изменить вакансию' : 'Новая вакансия'}
      initialValues={(): VacancyFields => ({
        organizationId: vacancy?.organizationId ?? defaultOrgId,
        position: vacancy?.position ?? 'Учитель',
        subject: vacancy?.subject ?? '',
        rate: vacancy?.rate ?? 1,
        zemsky: vacancy?.zemsky ?? false,
        openedOn: vacancy?.openedOn ?? todayIso(),
        closedOn: vacancy?.closedOn ?? '',
      })}
      submit={(v) =>
        saveVacancy(vacancy?.id ?? null, {
          ...v,
          rate: typeof v.rate === 'number' ? v.rate : Number(v.rate) || 0,
          subject: v.subject.trim() || null,
          closedOn: v.closedOn || null,
        })
      }
      onSuccess={() => afterVacancySaved(qc)}
    >
      {(form) => (
        <>
          <OrganizationSelect
            required
            allLabel="Выберите организацию"
            {...form.getInputProps('organizationId')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="Должность" required {...form.getInputProps('position')} />
            <TextInput label="Предмет" {...form.getInputProps('subject')} />
            <NumberInput
              label="Ставка"
              required
              min={0.05}
              max={5}
              step={0.25}
              decimalScale={2}
              decimalSeparator=","
              {...form.getInputProps('rate')}
            />
            <Checkbox
              label="Программа «Земский учитель»"
              {...form.getInputProps('zemsky', { type: 'checkbox' })}
              mt={{ sm: 28 }}
            />
            <TextInput label="Дата открытия" type="date" required {...form.getInputProps('openedOn')} />
            <TextInput
              label="Дата закрытия"
              description="Заполните, когда вакансия закрыта"
              type="date"
              {...form.getInputProps('closedOn')}
            />
          </SimpleGrid>
        </>
      )}
    </ModalForm>
  );
}

export default function VacanciesPage() {
  const me = useMe();
  const f = useUrlState();
  const territories = useTerritories();
  const orgs = useOrganizations({ municipalityId: f.get('municipalityId') || null });
  const [editing, setEditing] = useState<Vacancy | 'new' | null>(null);
  const openFilter = f.get('open') || 'true';
  const filters = {
    municipalityId: f.get('municipalityId') || undefined,
    organizationId: f.get('organizationId') || undefined,
    open: openFilter === 'all' ? undefined : openFilter,
    zemsky: f.flag('zemsky') ? 'true' : undefined,
  };
  const list = useVacancies(fromUrl<VacanciesQuery>(filters));
  const sorted = useClientSort(
    list.data?.items ?? [],
    {
      organization: (v) => v.organizationName,
      position: (v) => v.position,
      subject: (v) => v.subject,
      rate: (v) => v.rate,
      opened: (v) => v.openedOn,
      closed: (v) => v.closedOn,
    },
    { sort: 'organization' },
  );
  const items = sorted.rows;
  const manyMunicipalities = (territories.data?.municipalities.length ?? 0) > 1;
  const manyOrgs = (orgs.data?.total ?? 0) > 1 || Boolean(f.get('organizationId'));

  return (
    <Stack gap="md">
      <PageHeader
        title="Вакансии"
        description="Открытые и закрытые вакансии организаций, в том числе по программе «Земский учитель»."
        actions={
          <>
            {me.capabilities.directory.manageRegistry && (
              <Button onClick={() => setEditing('new')}>Добавить вакансию</Button>
            )}
            <Button
              variant="default"
              disabled={!items.length}
              onClick={() =>
                downloadCsv(
                  'вакансии.csv',
                  [
                    'Организация',
                    'Должность',
                    'Предмет',
                    'Ставка',
                    '«Земский учитель»',
                    'Открыта',
                    'Закрыта',
                  ],
                  items.map((v) => [
                    v.organizationName,
                    v.position,
                    v.subject ?? '',
                    formatNumber(v.rate),
                    v.zemsky ? 'да' : 'нет',
                    formatDate(v.openedOn),
                    v.closedOn ? formatDate(v.closedOn) : '',
                  ]),
                )
              }
            >
              CSV
            </Button>
          </>
        }
      />
      <Paper withBorder p="sm" component="section" aria-label="Фильтры">
        <Group align="flex-end" gap="sm" wrap="wrap">
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
              miw={240}
            />
          )}
          <NativeSelect
            label="Состояние"
            data={[
              { value: 'true', label: 'Открытые' },
              { value: 'false', label: 'Закрытые' },
              { value: 'all', label: 'Все' },
            ]}
            value={openFilter}
            onChange={(e) => f.set({ open: e.currentTarget.value === 'true' ? '' : e.currentTarget.value })}
          />
          <Checkbox
            label="Только «Земский учитель»"
            checked={f.flag('zemsky')}
            onChange={(e) => f.set({ zemsky: e.currentTarget.checked })}
            mb={8}
          />
        </Group>
      </Paper>

      <ErrorAlert error={list.error} title="Не удалось загрузить вакансии" />
      {list.isPending && <LoadingRows />}
      {list.data && (
        <Text fw={600} role="status">
          Найдено: {list.data.total} {plural(list.data.total, 'вакансия', 'вакансии', 'вакансий')}
        </Text>
      )}
      {list.data && items.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Вакансий с такими условиями нет"
            description={
              me.capabilities.directory.manageRegistry
                ? 'Добавьте вакансию кнопкой выше, загрузите список через «Импорт» или измените фильтры.'
                : 'Измените фильтры: например, выберите «Все» в поле «Состояние».'
            }
          />
        </Paper>
      )}
      {items.length > 0 && (
        <TableCard loading={list.isPlaceholderData} minWidth={820}>
          <Table striped highlightOnHover aria-label="Вакансии">
            <Table.Thead>
              <Table.Tr>
                <SortableTh {...sorted.th('organization')}>Организация</SortableTh>
                <SortableTh {...sorted.th('position')}>Должность</SortableTh>
                <SortableTh {...sorted.th('subject')}>Предмет</SortableTh>
                <SortableTh {...sorted.th('rate')} ta="right">
                  Ставка
                </SortableTh>
                <SortableTh {...sorted.th('opened')}>Открыта</SortableTh>
                <SortableTh {...sorted.th('closed')}>Закрыта</SortableTh>
                {me.capabilities.directory.manageRegistry && <Table.Th aria-label="Действия" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/organizations/${v.organizationId}`} size="sm">
                      {v.organizationName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {v.position}{' '}
                      {v.zemsky && (
                        <Badge size="xs" variant="light" color="teal">
                          «Земский учитель»
                        </Badge>
                      )}
                    </Text>
                  </Table.Td>
                  <Table.Td>{v.subject ?? '—'}</Table.Td>
                  <Table.Td ta="right">{formatNumber(v.rate)}</Table.Td>
                  <Table.Td>{formatDate(v.openedOn)}</Table.Td>
                  <Table.Td>{v.closedOn ? formatDate(v.closedOn) : '—'}</Table.Td>
                  {me.capabilities.directory.manageRegistry && (
                    <Table.Td ta="right">
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => setEditing(v)}
                        aria-label={`Изменить вакансию: ${v.position}, ${v.organizationName}`}
                      >
                        Изменить
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
      {me.capabilities.directory.manageRegistry && (
        <VacancyForm
          opened={editing !== null}
          vacancy={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          defaultOrgId={f.get('organizationId') || me.organizationId || ''}
        />
      )}
    </Stack>
  );
}
