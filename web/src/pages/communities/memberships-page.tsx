import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { fromUrl } from '../../api/client.ts';
import {
  afterCommunitiesChanged,
  type Membership,
  type MembershipsQuery,
  membershipsExportHref,
  moveMembership,
  nominate,
  useMemberships,
} from '../../api/communities.ts';
import { useStaff } from '../../api/directory.ts';
import { ListEmpty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { ModalForm } from '../../components/modal-form.tsx';
import { OrganizationSelect } from '../../components/organization-select.tsx';
import { PageHeader } from '../../components/page.tsx';
import { TableCard } from '../../components/table-parts.tsx';
import { useUrlState } from '../../lib/use-url-state.ts';
import {
  MEMBERSHIP_KINDS,
  MEMBERSHIP_STATUS_COLORS,
  MEMBERSHIP_STATUSES,
  options,
  ruDay,
  TRANSITION_LABELS,
} from './communities-words.ts';

const all = (label: string, list: { value: string; label: string }[]) => [{ value: '', label }, ...list];

/** Методический актив, экспертное сообщество, кадровый резерв, банк резерва региона, тьюторы. */
export default function MembershipsPage() {
  const f = useUrlState();
  const qc = useQueryClient();
  const filters: Record<string, string> = {};
  for (const k of ['kind', 'status', 'organizationId'] as const) if (f.get(k)) filters[k] = f.get(k);
  const query = fromUrl<MembershipsQuery>(filters);
  const list = useMemberships(query);
  const [nominating, setNominating] = useState(false);
  const [moving, setMoving] = useState<{ m: Membership; to: string } | null>(null);
  const canNominate = list.data?.canNominate ?? false;

  return (
    <Stack gap="md">
      <PageHeader
        title="Актив, эксперты, резерв"
        description="Методический актив, экспертное сообщество, кадровый резерв руководителей, банк кадрового резерва региона, тьюторы и кураторы ИОМ: выдвижение → утверждение → действует → завершено."
        actions={
          <>
            {canNominate && <Button onClick={() => setNominating(true)}>Выдвинуть педагога</Button>}
            <Button component="a" href={membershipsExportHref(query)} download variant="default">
              Экспорт XLSX
            </Button>
          </>
        }
      />
      <Paper withBorder p="sm" component="section" aria-label="Фильтры">
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <NativeSelect
            label="Состав"
            data={all('Все составы', options(MEMBERSHIP_KINDS))}
            value={f.get('kind')}
            onChange={(e) => f.set({ kind: e.currentTarget.value })}
          />
          <NativeSelect
            label="Статус"
            data={all('Все статусы', options(MEMBERSHIP_STATUSES))}
            value={f.get('status')}
            onChange={(e) => f.set({ status: e.currentTarget.value })}
          />
          <OrganizationSelect
            value={f.get('organizationId')}
            onChange={(v) => f.set({ organizationId: v })}
          />
        </SimpleGrid>
      </Paper>
      <ErrorAlert error={list.error} title="Не удалось загрузить список" />
      {list.isPending && <LoadingRows rows={5} label="Загрузка" />}
      {list.data && list.data.total === 0 && (
        <Paper withBorder>
          <ListEmpty
            filtered={Object.keys(filters).length > 0}
            onClear={() => f.clear()}
            filteredTitle="По этим условиям никого нет"
            filteredHint="Выберите другой состав или статус, или сбросьте фильтры."
            title="Пока никто не выдвинут"
            description={
              canNominate
                ? 'Выдвиньте педагога в методический актив, экспертное сообщество или кадровый резерв; методист муниципалитета утвердит выдвижение (банк резерва региона — региональный оператор).'
                : 'Здесь появятся ваши выдвижения в актив, экспертное сообщество и кадровый резерв.'
            }
            actions={
              canNominate ? (
                <Button onClick={() => setNominating(true)}>Выдвинуть педагога</Button>
              ) : undefined
            }
          />
        </Paper>
      )}
      {list.data && list.data.total > 0 && (
        <TableCard loading={list.isPlaceholderData} minWidth={1120}>
          <Table striped verticalSpacing={6} fz="sm" aria-label="Актив, эксперты, резерв">
            <Table.Thead>
              <Table.Tr>
                <Table.Th miw={200}>ФИО</Table.Th>
                <Table.Th w={200}>Состав</Table.Th>
                <Table.Th w={170}>Организация</Table.Th>
                <Table.Th w={140}>Статус</Table.Th>
                <Table.Th w={150}>Период</Table.Th>
                <Table.Th w={90}>Подготовка</Table.Th>
                <Table.Th w={220} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    {m.personName}
                    {m.direction && (
                      <Text size="xs" c="dimmed">
                        {m.direction}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{m.kindName}</Table.Td>
                  <Table.Td>{m.organizationName ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={MEMBERSHIP_STATUS_COLORS[m.status]}>
                      {m.statusName}
                    </Badge>
                    {m.reason && (
                      <Text size="xs" c="dimmed">
                        {m.reason}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {m.fromOn ? `с ${ruDay(m.fromOn)}` : ''}
                    {m.toOn ? ` по ${ruDay(m.toOn)}` : ''}
                  </Table.Td>
                  <Table.Td>
                    {m.training.items > 0 ? `${m.training.done} / ${m.training.items}` : '—'}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {m.next.map((to) => (
                        <Button
                          key={to}
                          size="compact-xs"
                          variant={to === 'rejected' || to === 'ended' ? 'subtle' : 'light'}
                          color={to === 'rejected' ? 'red' : undefined}
                          onClick={() => setMoving({ m, to })}
                        >
                          {TRANSITION_LABELS[to]}
                        </Button>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
      <ModalForm
        opened={nominating}
        onClose={() => setNominating(false)}
        title="Выдвинуть педагога"
        initialValues={() => ({ kind: 'methodical_asset', personId: '', direction: '' })}
        submit={(v) =>
          nominate({
            kind: v.kind as Membership['kind'],
            personId: v.personId,
            direction: v.direction || null,
          })
        }
        onSuccess={() => afterCommunitiesChanged(qc)}
        submitLabel="Выдвинуть"
        errorTitle="Не выдвинут"
      >
        {(form) => (
          <Stack gap="sm">
            <NativeSelect label="Состав" data={options(MEMBERSHIP_KINDS)} {...form.getInputProps('kind')} />
            <PersonPick
              value={form.values.personId}
              onChange={(v) => form.setFieldValue('personId', v)}
              error={form.errors.personId}
            />
            <TextInput label="Направление или предмет" {...form.getInputProps('direction')} />
          </Stack>
        )}
      </ModalForm>
      <ModalForm
        opened={!!moving}
        onClose={() => setMoving(null)}
        title={moving ? `${TRANSITION_LABELS[moving.to]}: ${moving.m.personName}` : ''}
        size="sm"
        initialValues={() => ({ reason: '' })}
        submit={(v) =>
          moveMembership(moving!.m.id, {
            to: moving!.to as 'approved' | 'active' | 'ended' | 'rejected',
            reason: v.reason || null,
          })
        }
        onSuccess={() => afterCommunitiesChanged(qc)}
        submitLabel={moving ? TRANSITION_LABELS[moving.to] : ''}
        errorTitle="Статус не изменён"
      >
        {(form) => (
          <TextInput
            label="Причина"
            description={
              moving && (moving.to === 'ended' || moving.to === 'rejected') ? 'Обязательно' : 'Необязательно'
            }
            {...form.getInputProps('reason')}
          />
        )}
      </ModalForm>
    </Stack>
  );
}

/** A person of the caller's registry scope (a school head's staff, a methodist's municipality). */
function PersonPick({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: React.ReactNode;
}) {
  const [q, setQ] = useState('');
  const staff = useStaff({ q: q || undefined, limit: 20 });
  return (
    <Select
      label="Педагог"
      placeholder="Начните вводить фамилию"
      searchable
      required
      data={(staff.data?.items ?? []).map((s) => ({ value: s.personId, label: s.fullName }))}
      searchValue={q}
      onSearchChange={setQ}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      filter={({ options: o }) => o}
      error={error}
    />
  );
}
