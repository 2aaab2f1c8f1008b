import { Anchor, Badge, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { type Answer, client, ok } from '../../api/client.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { Stat } from '../../components/stat.tsx';
import { TableCard } from '../../components/table-parts.tsx';
import { eventWhen, plannedResultText } from './events-words.ts';

export type PlanResults = Answer<'/api/event-plans/{id}/results', 'get'>;
type EventResult = PlanResults['items'][number];

/** Under the 'events' key: a change of attendance or of the plan reloads the figures too. */
export function usePlanResults(planId: string) {
  return useQuery({
    queryKey: ['events', 'results', planId],
    queryFn: () => ok(client.GET('/api/event-plans/{id}/results', { params: { path: { id: planId } } })),
  });
}

const ACHIEVED = {
  yes: { label: 'достигнут', color: 'green' },
  no: { label: 'не достигнут', color: 'red' },
  unknown: { label: 'не измеряется', color: 'gray' },
} as const;

export function AchievedBadge({ r }: { r: Pick<EventResult, 'achieved' | 'outcome' | 'outcomeText'> }) {
  const a =
    r.achieved === 'unknown' && r.outcome === 'not_finished'
      ? { label: 'впереди', color: 'blue' }
      : ACHIEVED[r.achieved];
  return (
    <Badge size="sm" variant="light" color={a.color} title={r.outcomeText}>
      {a.label}
    </Badge>
  );
}

/** Planned against actual as one number pair: «12 из 50 участников», «25 % из 50 % группы». */
function progressOf(r: EventResult): { actual: number; planned: number; text: string } | null {
  const p = r.plannedResult;
  if (!p || p.kind === 'protocols') return null;
  if (p.kind === 'participants')
    return { actual: r.people, planned: p.n, text: `${r.people} из ${p.n} участников` };
  if (r.groupShare === null) return null;
  const pct = (v: number) => String(v).replace('.', ',');
  return {
    actual: r.groupShare,
    planned: p.n,
    text: `${pct(r.groupShare)} % (${r.groupReached} из ${r.groupSize}) при плане ${pct(p.n)} %`,
  };
}

/** A bar of planned against actual: full at the planned figure; green once reached. */
function PlanFactBar({ r }: { r: EventResult }) {
  const pr = progressOf(r);
  if (!pr)
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  const value = pr.planned > 0 ? Math.min(100, (pr.actual / pr.planned) * 100) : 100;
  return (
    <Stack gap={2}>
      <Progress
        value={value}
        color={pr.actual >= pr.planned ? 'green' : 'orange'}
        size="sm"
        aria-label={`Факт к плану: ${Math.round(value)} %`}
      />
      <Text size="xs">{pr.text}</Text>
    </Stack>
  );
}

/** «План / факт»: every event's planned result against the attendance, and the plan's totals. */
export function PlanResultsSection({ planId }: { planId: string }) {
  const q = usePlanResults(planId);
  return (
    <Paper withBorder p="md" component="section" aria-label="План / факт">
      <Stack gap="sm">
        <Title order={3} size="h4">
          План / факт
        </Title>
        <ErrorAlert error={q.error} title="Не удалось посчитать план / факт" />
        {q.isPending && <LoadingRows rows={3} label="Подсчёт плана / факта" />}
        {q.data && <PlanResultsBody data={q.data} loading={q.isFetching} />}
      </Stack>
    </Paper>
  );
}

function PlanResultsBody({ data, loading }: { data: PlanResults; loading: boolean }) {
  const t = data.totals;
  if (t.planned === 0)
    return (
      <Text size="sm" c="dimmed">
        В плане пока нет мероприятий.
      </Text>
    );
  return (
    <>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Stat label="Проведено" value={`${t.held} из ${t.planned}`} hint="есть отметки присутствия" />
        <Stat label="Результат достигнут" value={t.achieved} />
        <Stat label="Не достигнут" value={t.notAchieved} />
        <Stat label="Не измеряется / ещё не ясно" value={t.unknown} hint={`участий: ${t.participations}`} />
      </SimpleGrid>
      <TableCard loading={loading} minWidth={900}>
        <Table striped verticalSpacing={6} fz="sm" aria-label="План / факт по мероприятиям">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>№</Table.Th>
              <Table.Th>Мероприятие</Table.Th>
              <Table.Th w={220}>Прогнозируемый результат</Table.Th>
              <Table.Th w={110} ta="right">
                Участники
              </Table.Th>
              <Table.Th w={220}>Факт к плану</Table.Th>
              <Table.Th w={140}>Результат</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((r) => (
              <Table.Tr key={r.eventId}>
                <Table.Td>{r.number ?? ''}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/events/${r.eventId}`} size="sm">
                    {r.title}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {eventWhen(r)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">
                    {r.plannedResultText ?? (r.plannedResult ? plannedResultText(r.plannedResult) : '—')}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  {r.people}
                  {r.presenters > 0 && (
                    <Text size="xs" c="dimmed">
                      выступили: {r.presenters}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <PlanFactBar r={r} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <AchievedBadge r={r} />
                  </Group>
                  {r.achieved === 'unknown' && r.outcome !== 'not_finished' && (
                    <Text size="xs" c="dimmed">
                      {r.outcomeText}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableCard>
      <Text size="xs" c="dimmed">
        Участник — тот, чьё присутствие отмечено; проведённое мероприятие — с хотя бы одной отметкой. Доля
        группы считается от целевой группы мероприятия по реестру на дату мероприятия. Протоколы по
        присутствию не измеряются.
      </Text>
    </>
  );
}
