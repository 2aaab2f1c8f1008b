import { Box, Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useFrameworks } from '../../api/assessment.ts';
import { type RouteIndicator, useEffectSummary, useRouteMeasures } from '../../api/routes.ts';
import { useMe } from '../../auth/session.tsx';
import { CodeMark } from '../../components/code-mark.tsx';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { OrganizationSelect } from '../../components/organization-select.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { TableCard } from '../../components/table-parts.tsx';
import { useUrlState } from '../../lib/use-url-state.ts';
import { formatDate, formatNumber } from '../../lib/words.ts';
import { figuresSourceText } from '../monitoring/figures-source.ts';
import { statusText } from '../monitoring/monitoring-words.ts';
import { TargetStatusBadge } from '../monitoring/value-cell.tsx';

/** 003's route indicators in short words; the full names come from the indicator set. */
const SHORT: Record<string, { name: string; unit: string }> = {
  '2.1': {
    name: 'Доля педагогических работников, для которых сформированы ИОМ, от прошедших оценку профессиональных компетенций',
    unit: 'педагогов',
  },
  '3.1': {
    name: 'Доля ИОМ с закреплёнными кураторами (тьюторами, методистами) от общего числа ИОМ',
    unit: 'маршрутов',
  },
  '6.1': { name: 'по вопросам оценки качества образования в образовательной организации', unit: 'педагогов' },
  '6.2': {
    name: 'по вопросам работы школ с низкими результатами обучения и (или) в неблагоприятных социальных условиях',
    unit: 'педагогов',
  },
  '6.3': {
    name: 'по вопросам выявления, поддержки и развития способностей и талантов у детей и молодёжи',
    unit: 'педагогов',
  },
  '6.4': { name: 'по вопросам самоопределения и профессиональной ориентации обучающихся', unit: 'педагогов' },
  '6.5': { name: 'по вопросам организации воспитания обучающихся', unit: 'педагогов' },
  '6.6': { name: 'по вопросам повышения качества дошкольного образования', unit: 'педагогов' },
};

const share = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : null);
const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v, 1)}%`);

function Measure({ m }: { m: RouteIndicator }) {
  const short = SHORT[m.code];
  return (
    <Paper
      withBorder
      p="sm"
      component="article"
      aria-label={`Показатель ${m.code}`}
      data-testid={`measure-${m.code}`}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Box>
          <Text size="xs" c="dimmed" fw={700}>
            {m.code}
          </Text>
          <Text size="sm" title={m.name}>
            {short?.name ?? m.name}
          </Text>
        </Box>
        <Box ta="right" style={{ flexShrink: 0 }}>
          <Text fz={24} fw={700} lh={1.2} c={m.value === null ? 'dimmed' : 'blue.8'}>
            {pct(m.value)}
          </Text>
          {m.value === null ? (
            <Text size="xs" c="dimmed" title={m.message || undefined}>
              {statusText(m.status)}
            </Text>
          ) : (
            m.numerator !== null &&
            m.denominator !== null && (
              <Text size="xs" c="dimmed">
                {formatNumber(m.numerator, 0)} из {formatNumber(m.denominator, 0)} {short?.unit ?? ''}
              </Text>
            )
          )}
          {m.target !== null && (
            <Group gap={4} justify="flex-end" wrap="nowrap">
              <Text size="xs" c="dimmed">
                цель {formatNumber(m.target, 1)}%
              </Text>
              <TargetStatusBadge status={m.targetStatus} />
            </Group>
          )}
        </Box>
      </Group>
    </Paper>
  );
}

/** Stacked bar: closed, still deficit, not yet reassessed — out of those with a deficit before. */
function EffectBar({ closed, still, total }: { closed: number; still: number; total: number }) {
  const rest = Math.max(0, total - closed - still);
  const seg = (n: number, color: string) =>
    n > 0 ? <Box h="100%" w={`${(n / total) * 100}%`} bg={`var(--mantine-color-${color}-6)`} /> : null;
  return (
    <Group
      gap={0}
      h={14}
      w="100%"
      bg="gray.1"
      wrap="nowrap"
      aria-hidden
      style={{ overflow: 'hidden', borderRadius: 2 }}
    >
      {total > 0 && (
        <>
          {seg(closed, 'teal')}
          {seg(still, 'red')}
          {seg(rest, 'gray')}
        </>
      )}
    </Group>
  );
}

export default function EffectPage() {
  const f = useUrlState();
  const frameworks = useFrameworks();
  const frameworkId = f.get('frameworkId') || frameworks.data?.items[0]?.id || '';
  const organizationId = f.get('organizationId');
  const summary = useEffectSummary({ frameworkId, organizationId: organizationId || undefined });
  const me = useMe();
  // The monitoring's figures are for the methodical service and the heads, not for teachers.
  const monitoringReader = me.capabilities.monitoring.readMonitorings;
  const year = Number(f.get('year')) || undefined;
  const measures = useRouteMeasures({ organizationId: organizationId || undefined, year }, monitoringReader);
  const m = measures.data;
  const byCode = (code: string) => m?.indicators.find((i) => i.code === code);
  const thisYear = new Date().getFullYear();
  const years = [...new Set([2022, 2023, 2024, 2025, thisYear, m?.year ?? thisYear])].sort((a, b) => a - b);

  return (
    <Stack gap="lg">
      <PageHeader
        title="Эффект маршрутов"
        description="Закрываются ли дефициты после маршрутов: сравнение с повторной диагностикой и показатели мониторинга."
      />
      <Paper withBorder p="sm" component="section" aria-label="Фильтры">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NativeSelect
            label="Рамка компетенций"
            data={(frameworks.data?.items ?? []).map((fw) => ({ value: fw.id, label: fw.name }))}
            value={frameworkId}
            onChange={(e) => f.set({ frameworkId: e.currentTarget.value })}
          />
          <OrganizationSelect value={organizationId} onChange={(v) => f.set({ organizationId: v })} />
        </SimpleGrid>
      </Paper>

      {monitoringReader && (
        <Section
          title="Показатели мониторинга (приказ 003)"
          actions={
            <NativeSelect
              aria-label="Год"
              size="xs"
              data={years.map((y) => ({ value: String(y), label: `${y} год` }))}
              value={String(m?.year ?? year ?? thisYear)}
              onChange={(e) => f.set({ year: e.currentTarget.value }, { keepPage: true })}
            />
          }
        >
          {measures.isPending && <LoadingRows rows={3} label="Загрузка показателей" />}
          <ErrorAlert error={measures.error} title="Не удалось загрузить показатели" />
          {m && (
            <Stack gap="xs">
              <Text size="sm" c="dimmed" data-testid="measures-source">
                Значения: {figuresSourceText(m.source)} · период {formatDate(m.source.periodStart)} —{' '}
                {formatDate(m.source.periodEnd)}
                {m.organization ? ` · ${m.organization.name}` : ''}
                {m.set ? '' : ' · набор 003 не загружен, расчёт по пресету'}.
              </Text>
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
                {['2.1', '3.1'].map((code) => {
                  const i = byCode(code);
                  return i ? <Measure key={code} m={i} /> : null;
                })}
              </SimpleGrid>
              <Text size="sm" c="dimmed" mt="xs">
                6.1–6.6. Доля педагогов, реализовавших ИОМ с повышением квалификации по направлению, от тех,
                чьи ИОМ включают такое повышение квалификации:
              </Text>
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
                {['6.1', '6.2', '6.3', '6.4', '6.5', '6.6'].map((code) => {
                  const i = byCode(code);
                  return i ? <Measure key={code} m={i} /> : null;
                })}
              </SimpleGrid>
            </Stack>
          )}
        </Section>
      )}

      <Section title="Дефициты до и после маршрутов">
        {summary.isPending && frameworkId && <LoadingRows rows={5} label="Загрузка эффекта" />}
        <ErrorAlert error={summary.error} title="Не удалось загрузить эффект маршрутов" />
        {frameworks.data && frameworks.data.items.length === 0 && (
          <Paper withBorder>
            <Empty
              title="Нет рамки компетенций"
              description="Загрузите рамку компетенций и проведите диагностику."
            />
          </Paper>
        )}
        {summary.data && (
          <Text size="sm">
            Маршрутов: {summary.data.routes.total}, завершено: {summary.data.routes.completed}.
          </Text>
        )}
        {summary.data && summary.data.competencies.length === 0 && (
          <Paper withBorder>
            <Empty
              title="Сравнивать пока не с чем"
              description="Эффект появится, когда по маршрутам пройдёт повторная диагностика: закройте новую кампанию или загрузите её результаты."
            />
          </Paper>
        )}
        {summary.data && summary.data.competencies.length > 0 && (
          <>
            <Group gap="md">
              <Text size="xs">
                <Box component="span" display="inline-block" w={10} h={10} bg="teal.6" mr={4} />
                закрыт
              </Text>
              <Text size="xs">
                <Box component="span" display="inline-block" w={10} h={10} bg="red.6" mr={4} />
                остался
              </Text>
              <Text size="xs">
                <Box component="span" display="inline-block" w={10} h={10} bg="gray.4" mr={4} />
                не переоценены
              </Text>
            </Group>
            <TableCard loading={summary.isPlaceholderData} minWidth={860}>
              <Table fz="sm" striped verticalSpacing={4} aria-label="Эффект по компетенциям">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Компетенция</Table.Th>
                    <Table.Th w={110}>С дефицитом до</Table.Th>
                    <Table.Th w={110}>Переоценены</Table.Th>
                    <Table.Th w={90}>Закрыт</Table.Th>
                    <Table.Th w={90}>Остался</Table.Th>
                    <Table.Th w={200}>Закрыто из переоценённых</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {summary.data.competencies.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>
                        {c.name} <CodeMark code={c.code} />
                      </Table.Td>
                      <Table.Td>{c.withDeficitBefore}</Table.Td>
                      <Table.Td>{c.reassessed}</Table.Td>
                      <Table.Td>
                        <Text
                          size="sm"
                          c={c.closed > 0 ? 'teal.8' : undefined}
                          fw={c.closed > 0 ? 600 : undefined}
                        >
                          {c.closed}
                        </Text>
                      </Table.Td>
                      <Table.Td>{c.stillDeficit}</Table.Td>
                      <Table.Td>
                        <EffectBar closed={c.closed} still={c.stillDeficit} total={c.withDeficitBefore} />
                        <Text size="xs" c="dimmed">
                          {/* Drafts of the current cycle are not reassessed yet: judge by those who were. */}
                          {c.reassessed > 0 ? pct(share(c.closed, c.reassessed)) : 'ещё не переоценены'}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableCard>
          </>
        )}
      </Section>
    </Stack>
  );
}
