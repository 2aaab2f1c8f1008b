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
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { fromUrl } from '../../api/client.ts';
import {
  afterCommunitiesChanged,
  type CommunitiesQuery,
  type Community,
  createCommunity,
  useCommunities,
  useMyCommunities,
} from '../../api/communities.ts';
import { useMe } from '../../auth/session.tsx';
import { ListEmpty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { ModalForm } from '../../components/modal-form.tsx';
import { OrganizationSelect } from '../../components/organization-select.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { TableCard } from '../../components/table-parts.tsx';
import { useUrlState } from '../../lib/use-url-state.ts';
import { COMMUNITY_KINDS, COMMUNITY_LEVELS, options } from './communities-words.ts';

const all = (label: string, list: { value: string; label: string }[]) => [{ value: '', label }, ...list];

/** The communities the caller sees, with their activity over the school year, and «Мои объединения». */
export default function CommunitiesPage() {
  const me = useMe();
  const f = useUrlState();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [subject, setSubject] = useState(f.get('subject'));
  const [debounced] = useDebouncedValue(subject, 300);
  const filters: Record<string, string> = {};
  for (const k of ['kind', 'level'] as const) if (f.get(k)) filters[k] = f.get(k);
  if (debounced) filters.subject = debounced;
  const query = fromUrl<CommunitiesQuery>(filters);
  const list = useCommunities(query);
  const mine = useMyCommunities(!!me.personId);
  const [creating, setCreating] = useState(false);
  const canCreate = list.data?.canCreate ?? false;
  const hasFilters = Object.keys(filters).length > 0;

  return (
    <Stack gap="md">
      <PageHeader
        title="Сообщества"
        description="Методические объединения (ГМО, РМО, ШМО), советы, клубы и профессиональные сообщества: участники, план работы, заседания и протоколы."
        actions={canCreate && <Button onClick={() => setCreating(true)}>Новое сообщество</Button>}
      />
      {me.personId && mine.data && mine.data.total > 0 && (
        <Section title="Мои объединения">
          <CommunityTable items={mine.data.items} loading={mine.isFetching} label="Мои объединения" />
        </Section>
      )}
      <Paper withBorder p="sm" component="section" aria-label="Фильтры">
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <NativeSelect
            label="Вид"
            data={all('Все виды', options(COMMUNITY_KINDS))}
            value={f.get('kind')}
            onChange={(e) => f.set({ kind: e.currentTarget.value })}
          />
          <NativeSelect
            label="Уровень"
            data={all('Все уровни', options(COMMUNITY_LEVELS))}
            value={f.get('level')}
            onChange={(e) => f.set({ level: e.currentTarget.value })}
          />
          <TextInput
            label="Предмет или направление"
            placeholder="Например, математика"
            value={subject}
            onChange={(e) => {
              setSubject(e.currentTarget.value);
              f.set({ subject: e.currentTarget.value });
            }}
          />
        </SimpleGrid>
      </Paper>
      <ErrorAlert error={list.error} title="Не удалось загрузить сообщества" />
      {list.isPending && <LoadingRows rows={5} label="Загрузка сообществ" />}
      {list.data && list.data.total === 0 && (
        <Paper withBorder>
          <ListEmpty
            filtered={hasFilters}
            onClear={() => {
              setSubject('');
              f.clear();
            }}
            filteredTitle="По этим условиям сообществ нет"
            filteredHint="Выберите другой вид или уровень, или сбросьте фильтры."
            title="Сообществ пока нет"
            description={
              canCreate
                ? 'Создайте методическое объединение или совет: укажите вид, название и предмет, назначьте руководителя, затем нажмите «Предложить участников» — система подберёт педагогов по предмету на вашей территории.'
                : 'Здесь появятся методические объединения и советы вашей территории, когда их создаст методист или руководитель организации.'
            }
            actions={
              canCreate ? <Button onClick={() => setCreating(true)}>Создать сообщество</Button> : undefined
            }
          />
        </Paper>
      )}
      {list.data && list.data.total > 0 && (
        <>
          <Text size="sm" c="dimmed">
            Активность за {list.data.schoolYear}/{list.data.schoolYear + 1} учебный год.
          </Text>
          <CommunityTable items={list.data.items} loading={list.isPlaceholderData} label="Сообщества" />
        </>
      )}
      <ModalForm
        opened={creating}
        onClose={() => setCreating(false)}
        title="Новое сообщество"
        initialValues={() => ({
          kind: me.role === 'org_head' ? 'shmo' : 'gmo',
          name: '',
          subject: '',
          organizationId: '',
        })}
        submit={(v) =>
          createCommunity({
            kind: v.kind as CommunitiesQuery['kind'] & string,
            name: v.name,
            subject: v.subject || null,
            ...(v.organizationId ? { organizationId: v.organizationId } : {}),
          })
        }
        onSuccess={async (c) => {
          await afterCommunitiesChanged(qc);
          navigate(`/communities/${c.id}`);
        }}
        submitLabel="Создать"
        errorTitle="Сообщество не создано"
      >
        {(form) => (
          <Stack gap="sm">
            <NativeSelect label="Вид" data={options(COMMUNITY_KINDS)} {...form.getInputProps('kind')} />
            <TextInput
              label="Название"
              placeholder="ГМО учителей математики"
              required
              {...form.getInputProps('name')}
            />
            <TextInput
              label="Предмет или направление"
              description="По нему система предложит участников: педагогов с этим предметом на территории сообщества"
              {...form.getInputProps('subject')}
            />
            {me.role !== 'org_head' && (
              <OrganizationSelect
                label="Организация (для ШМО и советов организации)"
                allLabel="— муниципальное сообщество —"
                value={form.values.organizationId}
                onChange={(value) => form.setFieldValue('organizationId', value)}
                error={form.errors.organizationId}
              />
            )}
          </Stack>
        )}
      </ModalForm>
    </Stack>
  );
}

function CommunityTable({ items, loading, label }: { items: Community[]; loading: boolean; label: string }) {
  return (
    <TableCard loading={loading} minWidth={860}>
      <Table striped highlightOnHover verticalSpacing={6} fz="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Сообщество</Table.Th>
            <Table.Th w={200}>Территория</Table.Th>
            <Table.Th w={200}>Руководитель</Table.Th>
            <Table.Th w={100} ta="right">
              Участников
            </Table.Th>
            <Table.Th w={150} ta="right">
              Заседаний: проведено / план
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Anchor component={Link} to={`/communities/${c.id}`} size="sm" fw={500}>
                  {c.name}
                </Anchor>
                <Group gap={4} mt={2}>
                  <Badge size="xs" variant="light">
                    {COMMUNITY_KINDS[c.kind] ?? c.kindName}
                  </Badge>
                  {c.subject && (
                    <Badge size="xs" variant="outline" color="gray">
                      {c.subject}
                    </Badge>
                  )}
                  {c.isLeader && (
                    <Badge size="xs" color="green" variant="light">
                      вы руководитель
                    </Badge>
                  )}
                  {c.isMember && (
                    <Badge size="xs" color="teal" variant="light">
                      вы участник
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>{c.organizationName ?? c.municipalityName ?? c.levelName}</Table.Td>
              <Table.Td>
                {c.leader?.name ?? (
                  <Text c="dimmed" size="sm">
                    не назначен
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">{c.membersCount}</Table.Td>
              <Table.Td ta="right">
                <Text size="sm" c={c.meetingsPlanned > 0 && c.meetingsHeld === 0 ? 'orange' : undefined}>
                  {c.meetingsHeld} / {c.meetingsPlanned}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableCard>
  );
}
