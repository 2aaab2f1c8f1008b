import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/api.ts';
import {
  afterCampaignChanged,
  type Campaign,
  campaignProgressExportHref,
  closeCampaign,
  type OrgProgress,
  openCampaign,
  progressTotals,
  useCampaign,
  useCampaignProgress,
  useFrameworks,
} from '../../api/assessment.ts';
import { useOrganizations } from '../../api/queries.ts';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ExportLinks } from '../../components/export-links.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { ModalForm } from '../../components/modal-form.tsx';
import { NoAccess } from '../../components/no-access.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { Stat } from '../../components/stat.tsx';
import { SortableTh, TableCard } from '../../components/table-parts.tsx';
import { useClientSort } from '../../lib/sort.ts';
import { ORG_KINDS } from '../../lib/words.ts';
import { RemindButton } from '../notifications/remind-button.tsx';
import { CAMPAIGN_STATUS, formatDay, INSTRUMENT_KINDS, OWNER_LEVELS } from './assessment-words.ts';

const pct = (n: number, of: number) => (of ? Math.round((n / of) * 100) : 0);

/** One organization as a bar: submitted (dark), started (light) of invited (the whole bar). */
function ProgressBar({ row }: { row: OrgProgress }) {
  const inProgress = Math.max(0, row.started - row.submitted);
  return (
    <Tooltip label={`Приглашены ${row.invited}, начали ${row.started}, завершили ${row.submitted}`} withArrow>
      <Box h={14} bg="gray.2" style={{ display: 'flex', borderRadius: 3, overflow: 'hidden' }} aria-hidden>
        <Box w={`${pct(row.submitted, row.invited)}%`} bg="teal.6" />
        <Box w={`${pct(inProgress, row.invited)}%`} bg="yellow.5" />
      </Box>
    </Tooltip>
  );
}

function Legend() {
  const item = (color: string, label: string) => (
    <Group gap={4} wrap="nowrap">
      <Box w={12} h={12} bg={color} style={{ borderRadius: 2 }} />
      <Text size="xs">{label}</Text>
    </Group>
  );
  return (
    <Group gap="md">
      {item('teal.6', 'завершили')}
      {item('yellow.5', 'начали, не завершили')}
      {item('gray.2', 'не начинали')}
    </Group>
  );
}

function TargetText({ c }: { c: Campaign }) {
  const orgs = useOrganizations();
  const t = c.target ?? {};
  const parts: string[] = [];
  if (t.organizationIds?.length) {
    const names = t.organizationIds.map(
      (id) => orgs.data?.items.find((o) => o.id === id)?.shortName ?? 'организация',
    );
    parts.push(names.join(', '));
  }
  if (t.orgKinds?.length)
    parts.push(
      `типы: ${t.orgKinds.map((k) => ORG_KINDS[k as keyof typeof ORG_KINDS]?.short ?? k).join(', ')}`,
    );
  if (t.subjects?.length) parts.push(`предметы: ${t.subjects.join(', ')}`);
  if (t.positions?.length) parts.push(`должности: ${t.positions.join(', ')}`);
  if (t.youngOnly) parts.push('только молодые специалисты');
  return <>{parts.length ? parts.join('; ') : 'все педагоги зоны ответственности'}</>;
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </>
  );
}

export default function CampaignPage() {
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const campaign = useCampaign(id);
  const c = campaign.data;
  const progress = useCampaignProgress(id, Boolean(c && c.status !== 'draft'));
  const frameworks = useFrameworks();
  const [confirm, setConfirm] = useState<'open' | 'close' | null>(null);
  const [generationJobId, setGenerationJobId] = useState<string | null>(null);
  const sorted = useClientSort(
    progress.data?.items ?? [],
    {
      organization: (r) => r.organizationName,
      invited: (r) => r.invited,
      started: (r) => r.started,
      submitted: (r) => r.submitted,
      share: (r) => (r.invited > 0 ? r.submitted / r.invited : null),
    },
    { sort: 'organization' },
  );

  if (campaign.isPending) return <LoadingRows label="Загрузка кампании" />;
  if (campaign.error) {
    if (campaign.error instanceof ApiError && campaign.error.isNotFoundOrForbidden)
      return <NoAccess back="/assessment/campaigns" backLabel="К кампаниям" />;
    return <ErrorAlert error={campaign.error} />;
  }
  if (!c) return null;
  const rows = sorted.rows;
  const totals = progressTotals(rows);
  const framework = frameworks.data?.items.find((f) => f.id === c.frameworkId);
  const status = CAMPAIGN_STATUS[c.status];

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/assessment/campaigns" size="sm">
        ← Кампании диагностики
      </Anchor>
      <PageHeader
        title={c.name}
        description={
          <Group gap="xs" component="span">
            <Badge color={status.color} variant="light" data-testid="campaign-status">
              {status.label}
            </Badge>
            <span>
              {formatDay(c.opensAt)} — {formatDay(c.closesAt)}
            </span>
          </Group>
        }
        actions={
          c.canManage && (
            <>
              {c.status === 'draft' && <Button onClick={() => setConfirm('open')}>Открыть кампанию</Button>}
              {c.status === 'open' && <RemindButton campaignId={c.id} />}
              {c.status === 'open' && (
                <Button color="orange" variant="light" onClick={() => setConfirm('close')}>
                  Закрыть кампанию
                </Button>
              )}
            </>
          )
        }
      />

      {generationJobId && (
        <Alert color="teal" title="Кампания закрыта">
          <Text size="sm">
            По результатам запущено формирование индивидуальных маршрутов.{' '}
            <Anchor component={Link} to={`/routes/generation/${generationJobId}`} size="sm">
              Формирование маршрутов: ход работы
            </Anchor>
          </Text>
        </Alert>
      )}
      {!c.canManage && c.status !== 'closed' && (
        <Text size="sm" c="dimmed">
          Кампанию ведёт {OWNER_LEVELS[c.ownerLevel] ?? c.ownerLevel}: открыть и закрыть её может только
          организатор.
        </Text>
      )}

      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={6} maw={900}>
          <Field label="Карта компетенций">{framework?.name ?? (c.frameworkId ? '…' : 'не задана')}</Field>
          <Field label="Методики">
            {c.instruments
              .map(
                (i) => `${i.name} (${INSTRUMENT_KINDS[i.kind as keyof typeof INSTRUMENT_KINDS] ?? i.kind})`,
              )
              .join('; ')}
          </Field>
          <Field label="Участники">
            <TargetText c={c} />
          </Field>
          <Field label="Организатор">{OWNER_LEVELS[c.ownerLevel] ?? c.ownerLevel}</Field>
          {c.closedAt && <Field label="Закрыта">{formatDay(c.closedAt)}</Field>}
        </SimpleGrid>
      </Paper>

      {c.status === 'draft' ? (
        <Paper withBorder>
          <Empty
            title="Кампания ещё не открыта"
            description="При открытии фиксируется состав участников — все, кто сейчас работает в выбранных организациях и подходит под условия. Педагоги увидят диагностику в «Моём кабинете»."
            actions={
              c.canManage ? <Button onClick={() => setConfirm('open')}>Открыть кампанию</Button> : undefined
            }
          />
        </Paper>
      ) : (
        <Section title="Ход прохождения по организациям">
          <ErrorAlert error={progress.error} title="Не удалось загрузить ход кампании" />
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" maw={900}>
            <Stat label="Приглашены" value={totals.invited} />
            <Stat label="Начали" value={totals.started} hint={`${pct(totals.started, totals.invited)}%`} />
            <Stat
              label="Завершили"
              value={<span data-testid="campaign-submitted">{totals.submitted}</span>}
              hint={
                totals.imported > 0
                  ? `${pct(totals.submitted, totals.invited)}% · онлайн ${totals.submittedOnline}, из файла ${totals.imported}`
                  : `${pct(totals.submitted, totals.invited)}%`
              }
            />
            <Stat label="Не начинали" value={totals.invited - totals.started} />
          </SimpleGrid>
          {progress.isPending && <LoadingRows rows={4} />}
          {progress.data && rows.length === 0 && (
            <Paper withBorder>
              <Empty
                title="Участников нет"
                description="При открытии под условия кампании никто не подошёл. Создайте новую кампанию с другими условиями."
              />
            </Paper>
          )}
          {rows.length > 0 && (
            <>
              <Group justify="space-between" wrap="wrap">
                <Legend />
                <ExportLinks href={(format) => campaignProgressExportHref(c.id, format)} />
              </Group>
              <TableCard loading={progress.isFetching && !progress.isPending} minWidth={760}>
                <Table striped verticalSpacing={6} fz="sm" aria-label="Ход по организациям">
                  <Table.Thead>
                    <Table.Tr>
                      <SortableTh {...sorted.th('organization')}>Организация</SortableTh>
                      <SortableTh {...sorted.th('invited')} w={100} ta="right">
                        Приглашены
                      </SortableTh>
                      <SortableTh {...sorted.th('started')} w={90} ta="right">
                        Начали
                      </SortableTh>
                      <SortableTh {...sorted.th('submitted')} w={100} ta="right">
                        Завершили
                      </SortableTh>
                      <SortableTh {...sorted.th('share')} w={280}>
                        Доля завершивших
                      </SortableTh>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((r) => (
                      <Table.Tr key={r.organizationId}>
                        <Table.Td>
                          <Anchor
                            component={Link}
                            to={`/organizations/${r.organizationId}`}
                            size="sm"
                            c="dark"
                          >
                            {r.organizationName}
                          </Anchor>
                        </Table.Td>
                        <Table.Td ta="right">{r.invited}</Table.Td>
                        <Table.Td ta="right">{r.started}</Table.Td>
                        <Table.Td ta="right">{r.submitted}</Table.Td>
                        <Table.Td>
                          <Group gap="xs" wrap="nowrap">
                            <Box style={{ flex: 1 }}>
                              <ProgressBar row={r} />
                            </Box>
                            <Text size="xs" w={36} ta="right">
                              {pct(r.submitted, r.invited)}%
                            </Text>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableCard>
            </>
          )}
        </Section>
      )}

      {c.status === 'closed' && (
        <Group gap="sm">
          <Button component={Link} to={`/deficits${c.frameworkId ? `?frameworkId=${c.frameworkId}` : ''}`}>
            Дефициты по итогам
          </Button>
        </Group>
      )}

      <ModalForm
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm === 'open' ? 'Открыть кампанию?' : 'Закрыть кампанию?'}
        size="md"
        initialValues={() => ({})}
        submit={() => (confirm === 'open' ? openCampaign(id) : closeCampaign(id))}
        onSuccess={async (next) => {
          if (next.generationJobId) setGenerationJobId(next.generationJobId);
          await afterCampaignChanged(qc, next);
        }}
        submitLabel={confirm === 'open' ? 'Да, открыть' : 'Да, закрыть'}
        submitColor={confirm === 'close' ? 'orange' : 'blue'}
        errorTitle="Не получилось"
      >
        {() => (
          <Text size="sm">
            {confirm === 'open'
              ? 'Состав участников зафиксируется: все, кто сейчас работает в выбранных организациях и подходит под условия. Изменить его потом нельзя. Педагоги увидят диагностику в «Моём кабинете».'
              : `Ответы больше не будут приниматься. Завершили ${totals.submitted} из ${totals.invited}. По результатам будут сформированы черновики индивидуальных маршрутов.`}
          </Text>
        )}
      </ModalForm>
    </Stack>
  );
}
