import {
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { fromUrl } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { municipalityOptions, useTerritories } from '../../api/queries.ts';
import { type BulkQuery, bulkInviteDownload, useBulkPreview } from '../../api/setup.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { ModalForm } from '../../components/modal-form.tsx';
import { NoAccess } from '../../components/no-access.tsx';
import { OrganizationSelect } from '../../components/organization-select.tsx';
import { PageHeader } from '../../components/page.tsx';
import { TableCard } from '../../components/table-parts.tsx';
import { useUrlState } from '../../lib/use-url-state.ts';
import { plural } from '../../lib/words.ts';

const people = (n: number) => `${n} ${plural(n, 'человек', 'человека', 'человек')}`;

/**
 * Inviting the registry's people at once: the teachers of a municipality or a school (a category
 * if wanted) get accounts and one-time links, and the list of links downloads as a spreadsheet to
 * hand out through the schools. A methodist sees their municipality, a school head their school.
 */
export default function InvitationsPage() {
  const me = useMe();
  const qc = useQueryClient();
  const f = useUrlState();
  const allowed = me.capabilities.directory.bulkInvite;
  const wide = me.role === 'admin' || me.role === 'region_admin';
  const territories = useTerritories();
  const municipalityId = wide ? f.get('municipalityId') : (me.municipalityId ?? '');
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState<{ fileName: string; invited: number } | null>(null);

  const query = fromUrl<BulkQuery>({
    municipalityId: wide ? f.get('municipalityId') || undefined : undefined,
    organizationId: f.get('organizationId') || undefined,
    staffCategory: f.get('staffCategory') || undefined,
    reissue: f.flag('reissue') ? 'true' : undefined,
  });
  const needsTerritory = wide && !query.municipalityId && !query.organizationId;
  const preview = useBulkPreview(query, { enabled: allowed && !needsTerritory });
  if (!allowed) return <NoAccess />;

  const p = needsTerritory ? undefined : preview.data;
  const toInvite = p ? p.invited + p.reissued : 0;

  return (
    <Stack gap="md">
      <PageHeader
        title="Приглашение педагогов"
        description="Учётные записи для сотрудников из реестра разом: у каждого — одноразовая ссылка, по которой он задаст пароль (и адрес электронной почты, если его нет в реестре). Список ссылок скачивается таблицей, чтобы раздать его через организации."
      />

      <Paper withBorder p="sm" component="section" aria-label="Кого приглашаем">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {wide && (
            <NativeSelect
              label="Муниципалитет"
              data={municipalityOptions(territories.data, 'Выберите муниципалитет')}
              value={f.get('municipalityId')}
              onChange={(e) => f.set({ municipalityId: e.currentTarget.value, organizationId: '' })}
            />
          )}
          {me.role !== 'org_head' && (
            <OrganizationSelect
              municipalityId={municipalityId || null}
              value={f.get('organizationId')}
              onChange={(v) => f.set({ organizationId: v })}
            />
          )}
          <NativeSelect
            label="Категория работников"
            data={[
              { value: '', label: 'Все' },
              { value: 'pedagogical', label: 'Педагогические работники' },
              { value: 'managerial', label: 'Руководящие работники' },
            ]}
            value={f.get('staffCategory')}
            onChange={(e) => f.set({ staffCategory: e.currentTarget.value })}
          />
        </SimpleGrid>
        <Checkbox
          mt="sm"
          label="Выдать новые ссылки тем, кто приглашён раньше, но ещё не входил (прежние ссылки перестанут действовать)"
          checked={f.flag('reissue')}
          onChange={(e) => f.set({ reissue: e.currentTarget.checked })}
        />
      </Paper>

      {needsTerritory && (
        <Text size="sm" c="dimmed">
          Выберите муниципалитет или организацию.
        </Text>
      )}
      <ErrorAlert error={needsTerritory ? null : preview.error} title="Не удалось посчитать" />
      {!needsTerritory && preview.isPending && <LoadingRows rows={3} />}
      {saved && (
        <Alert color="teal" title="Список скачан" role="status" maw={860}>
          <Text size="sm">
            Приглашено: {people(saved.invited)}, файл «{saved.fileName}». Ссылки действуют 30 дней и есть
            только в этом файле — в системе хранятся лишь их отпечатки. Если файл потерян, отметьте «Выдать
            новые ссылки…» и пригласите снова.
          </Text>
        </Alert>
      )}

      {p && (
        <Stack gap="sm" maw={860}>
          <Paper withBorder p="sm" component="section" aria-label="Итог выборки">
            <Text fw={600} data-testid="bulk-summary">
              В выборке {people(p.total)} (по основному месту работы). Будут приглашены: {toInvite}.
            </Text>
            <Stack gap={2} mt={4}>
              {p.withoutEmail > 0 && (
                <Text size="sm">
                  Без адреса электронной почты в реестре: {p.withoutEmail} — адрес они укажут сами, открыв
                  ссылку.
                </Text>
              )}
              {p.reissued > 0 && <Text size="sm">Получат новые ссылки: {p.reissued}.</Text>}
              {p.pending > 0 && (
                <Text size="sm">
                  Уже приглашены, но ещё не входили: {p.pending} — новых ссылок не получат.
                </Text>
              )}
              {p.hasAccount > 0 && <Text size="sm">Уже работают в системе: {p.hasAccount}.</Text>}
              {p.disabled > 0 && <Text size="sm">Учётная запись отключена: {p.disabled}.</Text>}
            </Stack>
            <Group mt="sm">
              <Button disabled={toInvite === 0} onClick={() => setConfirming(true)}>
                Пригласить и скачать список
              </Button>
            </Group>
          </Paper>

          {p.organizations.length > 0 && (
            <TableCard loading={preview.isFetching} minWidth={520}>
              <Table striped aria-label="Приглашения по организациям">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Организация</Table.Th>
                    <Table.Th ta="right">Сотрудников</Table.Th>
                    <Table.Th ta="right">Будут приглашены</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {p.organizations.map((o) => (
                    <Table.Tr key={o.id}>
                      <Table.Td>{o.name}</Table.Td>
                      <Table.Td ta="right">{o.people}</Table.Td>
                      <Table.Td ta="right">{o.invited}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableCard>
          )}
        </Stack>
      )}

      <ModalForm
        opened={confirming}
        onClose={() => setConfirming(false)}
        title="Пригласить сотрудников"
        size="md"
        initialValues={() => ({ format: 'xlsx' as 'xlsx' | 'csv' })}
        submit={async (v) => {
          const file = await bulkInviteDownload({
            ...(query.municipalityId ? { municipalityId: query.municipalityId } : {}),
            ...(query.organizationId ? { organizationId: query.organizationId } : {}),
            ...(query.staffCategory ? { staffCategory: query.staffCategory } : {}),
            reissue: f.flag('reissue'),
            format: v.format,
          });
          return { ...file, invited: toInvite };
        }}
        onSuccess={async (r) => {
          setSaved(r);
          await qc.invalidateQueries({ queryKey: keys.setup.all });
          await qc.invalidateQueries({ queryKey: keys.users.all });
        }}
        submitLabel="Пригласить и скачать"
        errorTitle="Приглашения не созданы"
      >
        {(form) => (
          <>
            <Text size="sm">
              Будут созданы учётные записи педагогов и одноразовые ссылки: {people(toInvite)}. Список
              скачается файлом: ФИО, организация, должность, логин и ссылка для входа.
            </Text>
            <SegmentedControl
              aria-label="Формат списка"
              data={[
                { value: 'xlsx', label: 'Таблица XLSX' },
                { value: 'csv', label: 'CSV' },
              ]}
              {...form.getInputProps('format')}
            />
          </>
        )}
      </ModalForm>
    </Stack>
  );
}
