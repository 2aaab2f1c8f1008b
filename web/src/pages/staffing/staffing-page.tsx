import {
  Anchor,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { fromUrl } from '../../api/client.ts';
import { afterStaffingSaved, type StaffingQuery, saveStaffing, useStaffing } from '../../api/directory.ts';
import { municipalityOptions, useOrganizations, useTerritories } from '../../api/queries.ts';
import type { Staffing } from '../../api/types.ts';
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
import { formatNumber } from '../../lib/words.ts';
import { occupancy, occupancyShare } from './staffing-math.ts';

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: 7 }, (_, i) => THIS_YEAR + 1 - i);

interface Draft {
  organizationId: string;
  year: number;
  pedTotal: number;
  pedOccupied: number;
  admTotal: number;
  admOccupied: number;
}

const num = (x: string | number) => (typeof x === 'number' ? x : Number(String(x).replace(',', '.')) || 0);

type Rate = 'pedTotal' | 'pedOccupied' | 'admTotal' | 'admOccupied';

function StaffingForm({ draft, onClose }: { draft: Draft | null; onClose: () => void }) {
  const qc = useQueryClient();
  const isNew = draft?.organizationId === '';
  return (
    <ModalForm
      opened={draft !== null}
      onClose={onClose}
      title="Штатное расписание"
      initialValues={() => ({
        organizationId: draft?.organizationId ?? '',
        year: String(draft?.year ?? THIS_YEAR),
        pedTotal: draft?.pedTotal ?? 0,
        pedOccupied: draft?.pedOccupied ?? 0,
        admTotal: draft?.admTotal ?? 0,
        admOccupied: draft?.admOccupied ?? 0,
      })}
      submit={(v) =>
        saveStaffing(v.organizationId, Number(v.year), {
          pedTotal: num(v.pedTotal),
          pedOccupied: num(v.pedOccupied),
          admTotal: num(v.admTotal),
          admOccupied: num(v.admOccupied),
        })
      }
      onSuccess={() => afterStaffingSaved(qc)}
    >
      {(form) => {
        const rate = (label: string, k: Rate) => (
          <NumberInput
            label={label}
            min={0}
            step={0.5}
            decimalScale={2}
            decimalSeparator=","
            required
            {...form.getInputProps(k)}
          />
        );
        return (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <OrganizationSelect
              required
              disabled={!isNew}
              allLabel="Выберите организацию"
              {...form.getInputProps('organizationId')}
            />
            <NativeSelect
              label="Год"
              required
              disabled={!isNew}
              data={YEARS.map((y) => String(y))}
              {...form.getInputProps('year')}
            />
            {rate('Педагогических ставок всего', 'pedTotal')}
            {rate('Педагогических ставок занято', 'pedOccupied')}
            {rate('Административных ставок всего', 'admTotal')}
            {rate('Административных ставок занято', 'admOccupied')}
          </SimpleGrid>
        );
      }}
    </ModalForm>
  );
}

function Share({ occupied, total }: { occupied: number; total: number }) {
  const share = occupancyShare(occupied, total);
  return (
    <Text size="sm" c={share !== null && share < 90 ? 'orange.8' : undefined} fw={500}>
      {occupancy(occupied, total)}
    </Text>
  );
}

export default function StaffingPage() {
  const me = useMe();
  const f = useUrlState();
  const territories = useTerritories();
  const orgs = useOrganizations({ municipalityId: f.get('municipalityId') || null });
  const [draft, setDraft] = useState<Draft | null>(null);
  const filters = {
    municipalityId: f.get('municipalityId') || undefined,
    organizationId: f.get('organizationId') || undefined,
    year: f.get('year') || undefined,
  };
  const list = useStaffing(fromUrl<StaffingQuery>(filters));
  const share = (occupied: number, total: number) => (total > 0 ? occupied / total : null);
  const sorted = useClientSort(
    (list.data?.items ?? []).slice().sort((a, b) => b.year - a.year),
    {
      organization: (r) => r.organizationName,
      year: (r) => r.year,
      pedTotal: (r) => r.pedTotal,
      pedOccupied: (r) => r.pedOccupied,
      pedShare: (r) => share(r.pedOccupied, r.pedTotal),
      admTotal: (r) => r.admTotal,
      admOccupied: (r) => r.admOccupied,
      admShare: (r) => share(r.admOccupied, r.admTotal),
      share: (r) => share(r.pedOccupied + r.admOccupied, r.pedTotal + r.admTotal),
    },
    { sort: 'organization' },
  );
  const items = sorted.rows;
  const sum = (k: keyof Pick<Staffing, 'pedTotal' | 'pedOccupied' | 'admTotal' | 'admOccupied'>) =>
    items.reduce((s, r) => s + r[k], 0);
  const oneYear = Boolean(filters.year) || new Set(items.map((r) => r.year)).size === 1;
  const manyMunicipalities = (territories.data?.municipalities.length ?? 0) > 1;
  const manyOrgs = (orgs.data?.total ?? 0) > 1 || Boolean(f.get('organizationId'));

  return (
    <Stack gap="md">
      <PageHeader
        title="Штатное расписание"
        description="Педагогические и административные ставки: всего и занято, укомплектованность по организациям."
        actions={
          <>
            {me.capabilities.directory.manageRegistry && (
              <Button
                onClick={() =>
                  setDraft({
                    organizationId: f.get('organizationId') || me.organizationId || '',
                    year: Number(f.get('year')) || THIS_YEAR,
                    pedTotal: 0,
                    pedOccupied: 0,
                    admTotal: 0,
                    admOccupied: 0,
                  })
                }
              >
                Внести данные
              </Button>
            )}
            <Button
              variant="default"
              disabled={!items.length}
              onClick={() =>
                downloadCsv(
                  'штатное-расписание.csv',
                  [
                    'Организация',
                    'Год',
                    'Пед. ставок всего',
                    'Пед. ставок занято',
                    'Адм. ставок всего',
                    'Адм. ставок занято',
                    'Укомплектованность, %',
                  ],
                  items.map((r) => [
                    r.organizationName,
                    r.year,
                    formatNumber(r.pedTotal),
                    formatNumber(r.pedOccupied),
                    formatNumber(r.admTotal),
                    formatNumber(r.admOccupied),
                    formatNumber(occupancyShare(r.pedOccupied + r.admOccupied, r.pedTotal + r.admTotal), 1),
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
            label="Год"
            data={[
              { value: '', label: 'Все годы' },
              ...YEARS.map((y) => ({ value: String(y), label: String(y) })),
            ]}
            value={f.get('year')}
            onChange={(e) => f.set({ year: e.currentTarget.value })}
          />
        </Group>
      </Paper>

      <ErrorAlert error={list.error} title="Не удалось загрузить штатное расписание" />
      {list.isPending && <LoadingRows />}
      {list.data && items.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Данных о штатном расписании нет"
            description={
              me.capabilities.directory.manageRegistry
                ? 'Нажмите «Внести данные» или загрузите таблицу в разделе «Импорт». Если выбран год — попробуйте «Все годы».'
                : 'Данные вносят методисты и руководители организаций.'
            }
            actions={
              me.capabilities.directory.manageRegistry ? (
                <Button variant="light" component={Link} to="/import?kind=staffing">
                  Перейти к импорту
                </Button>
              ) : undefined
            }
          />
        </Paper>
      )}
      {items.length > 0 && (
        <TableCard loading={list.isPlaceholderData} minWidth={900}>
          <Table striped highlightOnHover aria-label="Штатное расписание">
            <Table.Thead>
              <Table.Tr>
                <SortableTh {...sorted.th('organization')}>Организация</SortableTh>
                <SortableTh {...sorted.th('year')}>Год</SortableTh>
                <SortableTh {...sorted.th('pedTotal')} ta="right">
                  Пед. всего
                </SortableTh>
                <SortableTh {...sorted.th('pedOccupied')} ta="right">
                  Пед. занято
                </SortableTh>
                <SortableTh {...sorted.th('pedShare')} ta="right">
                  Пед., %
                </SortableTh>
                <SortableTh {...sorted.th('admTotal')} ta="right">
                  Адм. всего
                </SortableTh>
                <SortableTh {...sorted.th('admOccupied')} ta="right">
                  Адм. занято
                </SortableTh>
                <SortableTh {...sorted.th('admShare')} ta="right">
                  Адм., %
                </SortableTh>
                <SortableTh {...sorted.th('share')} ta="right">
                  Итого, %
                </SortableTh>
                {me.capabilities.directory.manageRegistry && <Table.Th aria-label="Действия" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={`${r.organizationId}/${r.year}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/organizations/${r.organizationId}`} size="sm">
                      {r.organizationName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{r.year}</Table.Td>
                  <Table.Td ta="right">{formatNumber(r.pedTotal)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(r.pedOccupied)}</Table.Td>
                  <Table.Td ta="right">
                    <Share occupied={r.pedOccupied} total={r.pedTotal} />
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(r.admTotal)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(r.admOccupied)}</Table.Td>
                  <Table.Td ta="right">
                    <Share occupied={r.admOccupied} total={r.admTotal} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Share occupied={r.pedOccupied + r.admOccupied} total={r.pedTotal + r.admTotal} />
                  </Table.Td>
                  {me.capabilities.directory.manageRegistry && (
                    <Table.Td ta="right">
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        aria-label={`Изменить: ${r.organizationName}, ${r.year}`}
                        onClick={() => setDraft({ ...r })}
                      >
                        Изменить
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
            {oneYear && items.length > 1 && (
              <Table.Tfoot>
                <Table.Tr fw={700}>
                  <Table.Td>Итого</Table.Td>
                  <Table.Td>{items[0]?.year}</Table.Td>
                  <Table.Td ta="right">{formatNumber(sum('pedTotal'))}</Table.Td>
                  <Table.Td ta="right">{formatNumber(sum('pedOccupied'))}</Table.Td>
                  <Table.Td ta="right">
                    <Share occupied={sum('pedOccupied')} total={sum('pedTotal')} />
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(sum('admTotal'))}</Table.Td>
                  <Table.Td ta="right">{formatNumber(sum('admOccupied'))}</Table.Td>
                  <Table.Td ta="right">
                    <Share occupied={sum('admOccupied')} total={sum('admTotal')} />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Share
                      occupied={sum('pedOccupied') + sum('admOccupied')}
                      total={sum('pedTotal') + sum('admTotal')}
                    />
                  </Table.Td>
                  {me.capabilities.directory.manageRegistry && <Table.Td />}
                </Table.Tr>
              </Table.Tfoot>
            )}
          </Table>
        </TableCard>
      )}
      {me.capabilities.directory.manageRegistry && (
        <StaffingForm draft={draft} onClose={() => setDraft(null)} />
      )}
    </Stack>
  );
}
