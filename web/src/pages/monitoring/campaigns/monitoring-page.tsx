import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api/api.ts';
import {
  afterMonitoringClosed,
  closeMonitoring,
  type Indicator,
  type MemberPart,
  type MonitoringValue,
  monitoringExportHref,
  type SliceKind,
  useIndicatorSet,
  useMonitoring,
} from '../../../api/monitoring.ts';
import { Empty } from '../../../components/empty.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { JobProgress } from '../../../components/job-progress.tsx';
import { LoadingRows } from '../../../components/loading.tsx';
import { ModalForm } from '../../../components/modal-form.tsx';
import { NoAccess } from '../../../components/no-access.tsx';
import { PageHeader } from '../../../components/page.tsx';
import { TableCard } from '../../../components/table-parts.tsx';
import { useUrlState } from '../../../lib/use-url-state.ts';
import { formatDate, formatDateTime, formatNumber } from '../../../lib/words.ts';
import { figuresSourceText } from '../figures-source.ts';
import { ManualBadge } from '../indicators/set-page.tsx';
import { formatValue, SLICES, targetFor } from '../monitoring-words.ts';
import { SlicesTable, sliceCountText } from '../slices-table.tsx';
import { TargetStatusStats } from '../target-status-stats.tsx';
import { ValueCell } from '../value-cell.tsx';
import { DrilldownModal, type DrillTarget } from './drilldown-modal.tsx';
import { MONITORING_STATUS } from './monitorings-page.tsx';

/** A count or a sum: its organizations' lines drill down to the value, not numerator and denominator. */
const sliceIsCount = (i: Indicator | undefined) => i?.formula.kind === 'count' || i?.formula.kind === 'sum';

/** A count that opens the list of those it counted. */
function CountButton({ n, onClick, label }: { n: number | null; onClick: () => void; label: string }) {
  if (n === null || n === undefined) return <Text size="sm">—</Text>;
  return (
    <UnstyledButton onClick={onClick} aria-label={label} title="Показать, кто посчитан">
      <Text size="sm" c="blue.7" td="underline">
        {n.toLocaleString('ru-RU')}
      </Text>
    </UnstyledButton>
  );
}

export default function MonitoringPage() {
  const { id } = useParams();
  const f = useUrlState();
  const slice = (f.get('slice') || '') as SliceKind | '';
  const mon = useMonitoring(id);
  const set = useIndicatorSet(mon.data?.setId);
  const qc = useQueryClient();
  const [confirm, setConfirm] = useState(false);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);

  const indicators = useMemo(
    () => new Map((set.data?.indicators ?? []).map((i) => [i.id, i] as const)),
    [set.data],
  );

  if (mon.error instanceof ApiError && mon.error.isNotFoundOrForbidden) {
    return <NoAccess back="/monitoring/campaigns" backLabel="К мониторингам" />;
  }
  if (!mon.data) {
    return (
      <Stack>
        <ErrorAlert error={mon.error} title="Не удалось загрузить мониторинг" />
        {mon.isPending && <LoadingRows rows={8} label="Загрузка мониторинга" />}
      </Stack>
    );
  }
  const m = mon.data;
  const values = m.values.indicators;
  const closed = m.status === 'closed';
  const canClose = !closed && m.canManage;
  const rows = values
    .map((v) => ({ v, i: indicators.get(v.indicatorId) }))
    .sort((a, b) => (a.i?.position ?? 0) - (b.i?.position ?? 0));
  const targetOf = (v: MonitoringValue, i: Indicator | undefined) =>
    v.target ?? (i ? targetFor(i, m.targetYear) : null);
  const open = (
    v: MonitoringValue,
    i: Indicator | undefined,
    part: MemberPart,
    org?: { key: string; label: string },
  ) =>
    setDrill({
      indicatorId: v.indicatorId,
      code: v.code,
      name: i?.name ?? '',
      part,
      organizationId: org?.key ?? null,
      organizationLabel: org?.label ?? null,
    });

  const sliceIndicatorId =
    f.get('indicator') || rows.find((r) => r.v.derived)?.v.indicatorId || rows[0]?.v.indicatorId;
  const sliceRow = rows.find((r) => r.v.indicatorId === sliceIndicatorId);
  const counts = sliceRow?.v.sliceCounts;

  // The close just started here, or one still running when the page was opened.
  const closingJob = jobId ?? m.closingJobId;
  return (
    <Stack gap="md">
      <PageHeader
        title={m.name}
        description={
          <>
            {set.data ? (
              <Anchor component={Link} to={`/monitoring/indicators/${m.setId}`} size="sm">
                {set.data.name}
              </Anchor>
            ) : (
              m.setName
            )}{' '}
            · период {formatDate(m.periodStart)} — {formatDate(m.periodEnd)} · данные на {formatDate(m.asOf)}{' '}
            · цели {m.targetYear} года{m.responsible ? ` · ответственный: ${m.responsible}` : ''}
          </>
        }
        actions={
          <>
            <Button component="a" href={monitoringExportHref(m.id)} download variant="light">
              Скачать XLSX (все разрезы)
            </Button>
            <Button
              component={Link}
              to={`/monitoring/dashboard/${m.setId}?year=${m.targetYear}`}
              variant="default"
            >
              Дашборд
            </Button>
            {canClose && (
              <Button color="orange" onClick={() => setConfirm(true)}>
                Закрыть мониторинг
              </Button>
            )}
          </>
        }
      />
      <Group gap="sm">
        <Badge
          size="lg"
          variant="light"
          color={MONITORING_STATUS[m.status].color}
          data-testid="monitoring-status"
        >
          {MONITORING_STATUS[m.status].label}
        </Badge>
        <Text size="sm" c="dimmed" data-testid="monitoring-source">
          Значения: {figuresSourceText({ kind: closed ? 'monitoring' : 'live', name: m.name, asOf: m.asOf })}
          {closed
            ? `; зафиксированы ${formatDateTime(m.closedAt)} и больше не меняются.`
            : '; пересчитываются по текущим данным, пока мониторинг не закрыт.'}
        </Text>
      </Group>
      {m.schedule && (
        <Text size="sm">
          <b>График:</b> {m.schedule}
        </Text>
      )}
      {closingJob && (
        <JobProgress jobId={closingJob} title="Фиксация значений мониторинга">
          {() => (
            <Text size="sm" c="teal.8">
              Значения зафиксированы.
            </Text>
          )}
        </JobProgress>
      )}

      <TargetStatusStats statuses={rows.map(({ v }) => v.targetStatus ?? null)} />

      <SegmentedControl
        value={slice || 'total'}
        onChange={(v) => f.set({ slice: v === 'total' ? null : v }, { keepPage: true })}
        data={[
          { value: 'total', label: 'Итого' },
          // how many lines the chosen indicator has in each slice
          ...SLICES.map((x) => ({
            value: x.value,
            label: slice && counts ? sliceCountText(x.value, counts[x.value]) : x.label,
          })),
        ]}
        aria-label="Разрез"
        w="fit-content"
      />

      {!slice &&
        (rows.length === 0 ? (
          <Paper withBorder>
            <Empty
              title="Значений нет"
              description="В наборе нет показателей. Добавьте их на странице набора."
            />
          </Paper>
        ) : (
          <TableCard loading={mon.isFetching && !mon.isPending} minWidth={1000}>
            <Table verticalSpacing="xs" fz="sm" striped aria-label="Значения показателей">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={56}>Код</Table.Th>
                  <Table.Th>Показатель</Table.Th>
                  <Table.Th w={90} ta="right">
                    Цель {m.targetYear}
                  </Table.Th>
                  <Table.Th w={140} ta="right">
                    Значение
                  </Table.Th>
                  <Table.Th w={110} ta="right">
                    Числитель
                  </Table.Th>
                  <Table.Th w={110} ta="right">
                    Знаменатель
                  </Table.Th>
                  <Table.Th w={150}>Расчёт</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map(({ v, i }) => {
                  const unit = i?.unit ?? '';
                  const target = targetOf(v, i);
                  const isCount = i?.formula.kind === 'count' || i?.formula.kind === 'sum';
                  return (
                    <Table.Tr key={v.indicatorId} data-testid="value-row" data-code={v.code}>
                      <Table.Td fw={600}>{v.code}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{i?.name ?? v.code}</Text>
                        {v.message && v.status !== 'ok' && (
                          <Text size="xs" c="dimmed">
                            {v.message}
                          </Text>
                        )}
                        {v.sliceCounts.organization > 0 && (
                          <Anchor
                            component="button"
                            type="button"
                            size="xs"
                            onClick={() =>
                              f.set({ slice: 'organization', indicator: v.indicatorId }, { keepPage: true })
                            }
                            aria-label={`${v.code}: значения по организациям`}
                          >
                            по организациям: {v.sliceCounts.organization.toLocaleString('ru-RU')}
                          </Anchor>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{target === null ? '—' : formatValue(target, unit)}</Table.Td>
                      <Table.Td ta="right">
                        <ValueCell
                          value={v.value}
                          unit={unit}
                          status={v.status}
                          message={v.message}
                          targetStatus={v.targetStatus}
                        />
                      </Table.Td>
                      <Table.Td ta="right">
                        {v.derived ? (
                          <CountButton
                            n={isCount ? v.value : v.numerator}
                            onClick={() => open(v, i, isCount ? 'value' : 'numerator')}
                            label={`Кто посчитан: ${v.code}, ${isCount ? 'значение' : 'числитель'}`}
                          />
                        ) : (
                          <Text size="sm">{formatNumber(v.numerator)}</Text>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">
                        {v.derived && !isCount ? (
                          <CountButton
                            n={v.denominator}
                            onClick={() => open(v, i, 'denominator')}
                            label={`Кто посчитан: ${v.code}, знаменатель`}
                          />
                        ) : (
                          <Text size="sm">{formatNumber(v.denominator)}</Text>
                        )}
                      </Table.Td>
                      <Table.Td>{i ? <ManualBadge indicator={i} /> : null}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </TableCard>
        ))}

      {slice && (
        <Stack gap="sm">
          <Group align="flex-end" gap="sm">
            <NativeSelect
              label="Показатель"
              data={rows.map(({ v, i }) => ({
                value: v.indicatorId,
                label: `${v.code} ${i?.name ?? ''}`.slice(0, 140),
              }))}
              value={sliceIndicatorId ?? ''}
              onChange={(e) => f.set({ indicator: e.currentTarget.value }, { keepPage: true })}
              w={640}
            />
          </Group>
          {slice === 'subject' && (
            <Alert color="blue" variant="light">
              По предметам человек считается в каждом из своих предметов, поэтому сумма по предметам может
              быть больше итога.
            </Alert>
          )}
          {sliceRow && (
            <SlicesTable
              key={`${sliceRow.v.indicatorId}:${slice}`}
              source={{ kind: 'monitoring', monitoringId: m.id }}
              indicatorId={sliceRow.v.indicatorId}
              code={sliceRow.v.code}
              kind={slice}
              unit={sliceRow.i?.unit ?? ''}
              emptyText={
                sliceRow.v.derived
                  ? 'Для этого показателя в разрезе нет данных (например, предметный разрез есть только у показателей по педагогам).'
                  : 'Ручной показатель вводится одним числом для территории — разрезов у него нет.'
              }
              numeratorCell={
                slice === 'organization' && sliceRow.v.derived
                  ? (r) => {
                      const isCount = sliceIsCount(sliceRow.i);
                      return (
                        <CountButton
                          n={isCount ? r.value : r.numerator}
                          onClick={() => open(sliceRow.v, sliceRow.i, isCount ? 'value' : 'numerator', r)}
                          label={`Кто посчитан: ${r.label}, числитель`}
                        />
                      );
                    }
                  : undefined
              }
              denominatorCell={
                slice === 'organization' && sliceRow.v.derived && !sliceIsCount(sliceRow.i)
                  ? (r) => (
                      <CountButton
                        n={r.denominator}
                        onClick={() => open(sliceRow.v, sliceRow.i, 'denominator', r)}
                        label={`Кто посчитан: ${r.label}, знаменатель`}
                      />
                    )
                  : undefined
              }
            />
          )}
        </Stack>
      )}

      <DrilldownModal monitoringId={m.id} target={drill} onClose={() => setDrill(null)} />
      <ModalForm
        opened={confirm}
        onClose={() => setConfirm(false)}
        title="Закрыть мониторинг?"
        size="md"
        initialValues={() => ({})}
        submit={() => closeMonitoring(m.id)}
        onSuccess={async (r) => {
          if (r.jobId) setJobId(r.jobId);
          await afterMonitoringClosed(qc);
        }}
        submitLabel="Да, закрыть"
        submitColor="orange"
        errorTitle="Мониторинг не закрыт"
      >
        {() => (
          <Text size="sm">
            Значения всех показателей и списки, по которым они посчитаны, будут зафиксированы:{' '}
            <b>после закрытия значения не меняются</b>, открыть мониторинг заново нельзя.
          </Text>
        )}
      </ModalForm>
    </Stack>
  );
}
