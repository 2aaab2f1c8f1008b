import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { type Campaign, progressTotals, useCampaignProgress, useCampaigns } from '../../api/assessment.ts';
import { useMe } from '../../auth/session.tsx';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { NoAccess } from '../../components/no-access.tsx';
import { PageHeader } from '../../components/page.tsx';
import { SortableTh, TableCard } from '../../components/table-parts.tsx';
import { useClientSort } from '../../lib/sort.ts';
import { useUrlState } from '../../lib/use-url-state.ts';
import { CAMPAIGN_STATUS, formatDay, OWNER_LEVELS } from './assessment-words.ts';
import { CampaignForm } from './campaign-form.tsx';

/** Submitted of invited, from the campaign's progress (a draft has no participants yet). */
function ProgressCell({ c }: { c: Campaign }) {
  const progress = useCampaignProgress(c.id, c.status !== 'draft');
  if (c.status === 'draft') {
    return (
      <Text size="xs" c="dimmed">
        участники определятся при открытии
      </Text>
    );
  }
  if (!progress.data) return <Progress value={0} size="sm" animated aria-label="Загрузка хода" />;
  const t = progressTotals(progress.data.items);
  const share = t.invited ? Math.round((t.submitted / t.invited) * 100) : 0;
  return (
    <Stack gap={2}>
      <Progress value={share} size="sm" color={share === 100 ? 'teal' : 'blue'} aria-label="Завершили" />
      <Text size="xs" c="dimmed">
        завершили {t.submitted} из {t.invited} ({share}%)
        {t.imported > 0
          ? `: онлайн ${t.submittedOnline}, загружено из файла ${t.imported}`
          : `, начали ${t.started}`}
      </Text>
    </Stack>
  );
}

export default function CampaignsPage() {
  const me = useMe();
  const f = useUrlState();
  const allowed = me.capabilities.assessment.viewCampaigns;
  const campaigns = useCampaigns(allowed);
  const [creating, setCreating] = useState(false);
  const status = f.get('status');
  const sorted = useClientSort(
    (campaigns.data?.items ?? []).filter((c) => !status || c.status === status),
    {
      name: (c) => c.name,
      status: (c) => CAMPAIGN_STATUS[c.status].label,
      window: (c) => c.opensAt,
      level: (c) => OWNER_LEVELS[c.ownerLevel] ?? c.ownerLevel,
      participants: (c) => (c.status === 'draft' ? null : c.participantCount),
    },
    { sort: null },
  );
  if (!allowed) return <NoAccess />;
  const canCreate = me.capabilities.assessment.conductCampaigns;
  const items = sorted.rows;

  return (
    <Stack gap="md">
      <PageHeader
        title="Кампании диагностики"
        description="Волны диагностики профессиональных дефицитов: методики, сроки, участники и ход прохождения."
        actions={
          <>
            {canCreate && <Button onClick={() => setCreating(true)}>Новая кампания</Button>}
            {canCreate && (
              <Button component={Link} to="/assessment/results-import" variant="light">
                Загрузить результаты
              </Button>
            )}
          </>
        }
      />

      <Group gap="sm" align="flex-end">
        <NativeSelect
          label="Статус"
          data={[
            { value: '', label: 'Все' },
            ...Object.entries(CAMPAIGN_STATUS).map(([value, s]) => ({ value, label: s.label })),
          ]}
          value={status}
          onChange={(e) => f.set({ status: e.currentTarget.value })}
          w={200}
        />
      </Group>

      <ErrorAlert error={campaigns.error} title="Не удалось загрузить кампании" />
      {campaigns.isPending && <LoadingRows rows={5} label="Загрузка кампаний" />}

      {campaigns.data && items.length === 0 && (
        <Paper withBorder>
          {status ? (
            <Empty
              title="Кампаний с таким статусом нет"
              actions={
                <Button variant="light" onClick={() => f.clear()}>
                  Показать все
                </Button>
              }
            />
          ) : (
            <Empty
              title="Кампаний диагностики пока нет"
              description={
                canCreate
                  ? 'Создайте кампанию: выберите карту компетенций, методики, сроки и участников. Результаты региональных центров можно загрузить из таблицы.'
                  : 'Кампании проводят методисты и руководители организаций.'
              }
              actions={
                canCreate ? <Button onClick={() => setCreating(true)}>Новая кампания</Button> : undefined
              }
            />
          )}
        </Paper>
      )}

      {items.length > 0 && (
        <TableCard loading={campaigns.isFetching && !campaigns.isPending} minWidth={980}>
          <Table striped highlightOnHover verticalSpacing="xs" fz="sm" aria-label="Кампании диагностики">
            <Table.Thead>
              <Table.Tr>
                <SortableTh {...sorted.th('name')}>Кампания</SortableTh>
                <SortableTh {...sorted.th('status')} w={130}>
                  Статус
                </SortableTh>
                <SortableTh {...sorted.th('window')} w={190}>
                  Сроки
                </SortableTh>
                <SortableTh {...sorted.th('level')} w={130}>
                  Уровень
                </SortableTh>
                <SortableTh {...sorted.th('participants')} w={100} ta="right">
                  Участников
                </SortableTh>
                <Table.Th w={240}>Ход</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/assessment/campaigns/${c.id}`} size="sm" fw={500}>
                      {c.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {c.instruments.map((i) => i.name).join('; ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={CAMPAIGN_STATUS[c.status].color} variant="light">
                      {CAMPAIGN_STATUS[c.status].label}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {formatDay(c.opensAt)} — {formatDay(c.closesAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{OWNER_LEVELS[c.ownerLevel] ?? c.ownerLevel}</Table.Td>
                  <Table.Td ta="right">{c.status === 'draft' ? '—' : c.participantCount}</Table.Td>
                  <Table.Td>
                    <ProgressCell c={c} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
      {canCreate && <CampaignForm opened={creating} onClose={() => setCreating(false)} />}
    </Stack>
  );
}
