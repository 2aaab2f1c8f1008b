import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/api.ts';
import { municipalityOptions, orgOptions, useOrganizations, useTerritories } from '../../api/queries.ts';
import type { Page, Vacancy } from '../../api/types.ts';
import { useMe } from '../../auth/session.tsx';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert, fieldErrors } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { PageHeader } from '../../components/page.tsx';
import { TableCard } from '../../components/table-parts.tsx';
import { downloadCsv } from '../../lib/csv.ts';
import { useUrlState } from '../../lib/use-url-state.ts';
import { formatDate, formatNumber, plural, todayIso } from '../../lib/words.ts';

interface VacancyFields {
  organizationId: string;
  position: string;
  subject: string;
  rate: number;
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
  const orgs = useOrganizations();
  const blank = (): VacancyFields => ({
    organizationId: vacancy?.organizationId ?? defaultOrgId,
    position: vacancy?.position ?? 'Учитель',
    subject: vacancy?.subject ?? '',
    rate: vacancy?.rate ?? 1,
    zemsky: vacancy?.zemsky ?? false,
    openedOn: vacancy?.openedOn ?? todayIso(),
    closedOn: vacancy?.closedOn ?? '',
  });
  const [v, setV] = useState<VacancyFields>(blank);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form each time it opens
  useEffect(() => {
    if (opened) {
      setV(blank());
      save.reset();
    }
  }, [opened]);
  const save = useMutation({
    mutationFn: () => {
      const body = { ...v, subject: v.subject.trim() || null, closedOn: v.closedOn || null };
      return vacancy
        ? api.patch<Vacancy>(`/api/vacancies/${vacancy.id}`, body)
        : api.post<Vacancy>('/api/vacancies', body);
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['vacancies'] });
      await qc.invalidateQueries({ queryKey: ['organizations'] });
      await qc.invalidateQueries({ queryKey: ['organization'] });
      onClose();
    },
  });
  const errors = fieldErrors(save.error);
  const set = <K extends keyof VacancyFields>(k: K, value: VacancyFields[K]) =>
    setV((p) => ({ ...p, [k]: value }));
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={vacancy ? 'Изменить вакансию' : 'Новая вакансия'}
      size="lg"
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <NativeSelect
            label="Организация"
            required
            data={orgOptions(orgs.data?.items, 'Выберите организацию')}
            value={v.organizationId}
            onChange={(e) => set('organizationId', e.currentTarget.value)}
            error={errors.organizationId}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="Должность"
              required
              value={v.position}
              onChange={(e) => set('position', e.currentTarget.value)}
              error={errors.position}
            />
            <TextInput
              label="Предмет"
              value={v.subject}
              onChange={(e) => set('subject', e.currentTarget.value)}
              error={errors.subject}
            />
            <NumberInput
              label="Ставка"
              required
              min={0.05}
              max={5}
              step={0.25}
              decimalScale={2}
              decimalSeparator=","
              value={v.rate}
              onChange={(x) => set('rate', typeof x === 'number' ? x : Number(x) || 0)}
              error={errors.rate}
            />
            <Checkbox
              label="Программа «Земский учитель»"
              checked={v.zemsky}
              onChange={(e) => set('zemsky', e.currentTarget.checked)}
              mt={{ sm: 28 }}
            />
            <TextInput
              label="Дата открытия"
              type="date"
              required
              value={v.openedOn}
              onChange={(e) => set('openedOn', e.currentTarget.value)}
              error={errors.openedOn}
            />
            <TextInput
              label="Дата закрытия"
              description="Заполните, когда вакансия закрыта"
              type="date"
              value={v.closedOn}
              onChange={(e) => set('closedOn', e.currentTarget.value)}
              error={errors.closedOn}
            />
          </SimpleGrid>
          <ErrorAlert error={save.error} title="Не сохранено" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button type="submit" loading={save.isPending}>
              Сохранить
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
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
  const list = useQuery({
    queryKey: ['vacancies', filters],
    queryFn: () => api.get<Page<Vacancy>>('/api/vacancies', filters),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  const manyMunicipalities = (territories.data?.municipalities.length ?? 0) > 1;
  const manyOrgs = (orgs.data?.items.length ?? 0) > 1 || Boolean(f.get('organizationId'));

  return (
    <Stack gap="md">
      <PageHeader
        title="Вакансии"
        description="Открытые и закрытые вакансии организаций, в том числе по программе «Земский учитель»."
        actions={
          <>
            {me.canManageRegistry && <Button onClick={() => setEditing('new')}>Добавить вакансию</Button>}
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
            <NativeSelect
              label="Организация"
              data={orgOptions(orgs.data?.items)}
              value={f.get('organizationId')}
              onChange={(e) => f.set({ organizationId: e.currentTarget.value })}
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
              me.canManageRegistry
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
                <Table.Th>Организация</Table.Th>
                <Table.Th>Должность</Table.Th>
                <Table.Th>Предмет</Table.Th>
                <Table.Th ta="right">Ставка</Table.Th>
                <Table.Th>Открыта</Table.Th>
                <Table.Th>Закрыта</Table.Th>
                {me.canManageRegistry && <Table.Th aria-label="Действия" />}
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
                  {me.canManageRegistry && (
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
      {me.canManageRegistry && (
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
