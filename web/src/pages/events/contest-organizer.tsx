import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
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
import {
  addCriterion,
  addNomination,
  type Contest,
  OUTCOMES,
  type Outcome,
  publishResults,
  removeCriterion,
  removeNomination,
  setOutcomes,
  useContestEntries,
} from '../../api/contests.ts';
import { afterEventsChanged } from '../../api/events.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { Section } from '../../components/page.tsx';
import { TableCard } from '../../components/table-parts.tsx';
import { formatScore, OUTCOME_COLORS } from './contest-results.tsx';

const OUTCOME_OPTIONS = (Object.keys(OUTCOMES) as Outcome[]).map((k) => ({ value: k, label: OUTCOMES[k] }));

/** The organizer's view: nominations, criteria, entries with the jury's averages, outcomes, publication. */
export function ContestOrganizer({ contest }: { contest: Contest }) {
  const qc = useQueryClient();
  const entries = useContestEntries(contest.eventId, true);
  const [nomination, setNomination] = useState('');
  const [criterion, setCriterion] = useState('');
  const [maxScore, setMaxScore] = useState<number | string>(10);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const published = !!contest.publishedAt;

  async function act(fn: () => Promise<unknown>, done?: string) {
    setError(null);
    setMessage(null);
    try {
      await fn();
      await afterEventsChanged(qc);
      if (done) setMessage(done);
      return true;
    } catch (err) {
      setError(err);
      return false;
    }
  }

  const items = entries.data?.items ?? [];
  const missing = items.filter((e) => !e.outcome).length;

  return (
    <Stack gap="md">
      {message && (
        <Alert color="green" role="status">
          {message}
        </Alert>
      )}
      <ErrorAlert error={error} title="Не получилось" />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Section title="Номинации">
          <Paper withBorder p="sm">
            <Stack gap={6}>
              {contest.nominations.length === 0 && (
                <Text size="sm" c="dimmed">
                  Номинаций пока нет
                </Text>
              )}
              {contest.nominations.map((n) => (
                <Group key={n.id} justify="space-between" wrap="nowrap">
                  <Text size="sm">
                    {n.title}{' '}
                    <Text span c="dimmed" size="xs">
                      работ: {n.entries}
                    </Text>
                  </Text>
                  {!published && n.entries === 0 && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Удалить номинацию ${n.title}`}
                      onClick={() => act(() => removeNomination(n.id))}
                    >
                      ×
                    </ActionIcon>
                  )}
                </Group>
              ))}
              {!published && (
                <Group gap="xs" align="flex-end" wrap="nowrap">
                  <TextInput
                    flex={1}
                    size="xs"
                    label="Новая номинация"
                    value={nomination}
                    onChange={(e) => setNomination(e.currentTarget.value)}
                  />
                  <Button
                    size="xs"
                    disabled={!nomination.trim()}
                    onClick={async () => {
                      if (await act(() => addNomination(contest.eventId, nomination.trim())))
                        setNomination('');
                    }}
                  >
                    Добавить
                  </Button>
                </Group>
              )}
            </Stack>
          </Paper>
        </Section>
        <Section title={`Критерии оценки (всего до ${contest.maxTotal} баллов)`}>
          <Paper withBorder p="sm">
            <Stack gap={6}>
              {contest.criteria.length === 0 && (
                <Text size="sm" c="dimmed">
                  Критериев пока нет
                </Text>
              )}
              {contest.criteria.map((k) => (
                <Group key={k.id} justify="space-between" wrap="nowrap">
                  <Text size="sm">
                    {k.title}{' '}
                    <Text span c="dimmed" size="xs">
                      до {k.maxScore} б.
                    </Text>
                  </Text>
                  {!published && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Удалить критерий ${k.title}`}
                      onClick={() => act(() => removeCriterion(k.id))}
                    >
                      ×
                    </ActionIcon>
                  )}
                </Group>
              ))}
              {!published && (
                <Group gap="xs" align="flex-end" wrap="nowrap">
                  <TextInput
                    flex={1}
                    size="xs"
                    label="Новый критерий"
                    value={criterion}
                    onChange={(e) => setCriterion(e.currentTarget.value)}
                  />
                  <NumberInput
                    w={90}
                    size="xs"
                    label="Макс. балл"
                    min={1}
                    max={100}
                    allowDecimal={false}
                    value={maxScore}
                    onChange={setMaxScore}
                  />
                  <Button
                    size="xs"
                    disabled={!criterion.trim()}
                    onClick={async () => {
                      if (await act(() => addCriterion(contest.eventId, criterion.trim(), Number(maxScore))))
                        setCriterion('');
                    }}
                  >
                    Добавить
                  </Button>
                </Group>
              )}
            </Stack>
          </Paper>
        </Section>
      </SimpleGrid>

      <Section
        title="Работы участников"
        actions={
          !published &&
          items.length > 0 && (
            <Group gap="xs">
              <Button
                variant="light"
                onClick={() =>
                  act(
                    () =>
                      setOutcomes(
                        contest.eventId,
                        items.map((e) => ({ entryId: e.id, outcome: e.suggestedOutcome ?? 'participant' })),
                      ),
                    'Итоги выставлены по предложению: проверьте и опубликуйте.',
                  )
                }
              >
                Принять предложенные итоги
              </Button>
              <Button
                disabled={missing > 0}
                title={missing > 0 ? `Не выбран итог у работ: ${missing}` : undefined}
                onClick={() => {
                  if (!window.confirm('Опубликовать итоги? После публикации оценки и итоги изменить нельзя.'))
                    return;
                  return act(() => publishResults(contest.eventId), 'Итоги опубликованы, дипломы выданы.');
                }}
              >
                Опубликовать итоги
              </Button>
            </Group>
          )
        }
      >
        {entries.isPending && <LoadingRows rows={3} label="Загрузка работ" />}
        <ErrorAlert error={entries.error} title="Не удалось загрузить работы" />
        {entries.data && items.length === 0 && (
          <Paper withBorder p="md">
            <Text c="dimmed" size="sm">
              Работ пока нет. Участники с подтверждённой регистрацией подают работы на странице конкурса.
            </Text>
          </Paper>
        )}
        {items.length > 0 && (
          <TableCard loading={entries.isFetching} minWidth={860}>
            <Table verticalSpacing={6} fz="sm" aria-label="Работы участников">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={150}>Номинация</Table.Th>
                  <Table.Th>Работа</Table.Th>
                  <Table.Th>Участник</Table.Th>
                  <Table.Th w={70} ta="right">
                    Листов
                  </Table.Th>
                  <Table.Th w={90} ta="right">
                    Средний балл
                  </Table.Th>
                  <Table.Th w={110}>Предложено</Table.Th>
                  <Table.Th w={160}>Итог</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => (
                  <Table.Tr key={e.id} data-testid="entry-row">
                    <Table.Td>{e.nominationTitle}</Table.Td>
                    <Table.Td>
                      {e.materialsUrl ? (
                        <Anchor href={e.materialsUrl} target="_blank" rel="noreferrer" size="sm">
                          {e.title}
                        </Anchor>
                      ) : (
                        e.title
                      )}
                    </Table.Td>
                    <Table.Td>
                      {e.personName}
                      {e.organizationName && (
                        <Text size="xs" c="dimmed">
                          {e.organizationName}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{e.sheets ?? '—'}</Table.Td>
                    <Table.Td ta="right">{formatScore(e.averageScore)}</Table.Td>
                    <Table.Td>
                      {e.suggestedOutcome && (
                        <Badge variant="outline" color={OUTCOME_COLORS[e.suggestedOutcome]}>
                          {OUTCOMES[e.suggestedOutcome]}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {published ? (
                        e.outcome && (
                          <Badge variant="light" color={OUTCOME_COLORS[e.outcome]}>
                            {OUTCOMES[e.outcome]}
                          </Badge>
                        )
                      ) : (
                        <Select
                          size="xs"
                          aria-label={`Итог: ${e.title}`}
                          placeholder="не выбран"
                          data={OUTCOME_OPTIONS}
                          value={e.outcome}
                          onChange={(v) =>
                            act(() =>
                              setOutcomes(contest.eventId, [{ entryId: e.id, outcome: v as Outcome | null }]),
                            )
                          }
                        />
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableCard>
        )}
      </Section>
    </Stack>
  );
}
