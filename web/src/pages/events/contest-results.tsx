import { Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ContestResults, Outcome } from '../../api/contests.ts';
import { TableCard } from '../../components/table-parts.tsx';

export const OUTCOME_COLORS: Record<Outcome, string> = {
  winner: 'yellow',
  prize_winner: 'orange',
  laureate: 'blue',
  participant: 'gray',
};

const fmt = (n: number | null) =>
  n === null ? '—' : n.toLocaleString('ru-RU', { maximumFractionDigits: 2 });

/** The published results: nominations, entries, outcomes and the jury's average totals. */
export function ContestResultsView({ results }: { results: ContestResults }) {
  if (!results.publishedAt)
    return (
      <Text c="dimmed" data-testid="results-pending">
        Итоги конкурса ещё не опубликованы.
      </Text>
    );
  return (
    <Stack gap="md" data-testid="contest-results">
      <Text size="sm" c="dimmed">
        Итоги опубликованы {new Date(results.publishedAt).toLocaleDateString('ru-RU')}; средний балл — из{' '}
        {results.maxTotal} возможных.
      </Text>
      {results.nominations.map((n) => (
        <Stack key={n.id} gap={6}>
          <Title order={4}>Номинация «{n.title}»</Title>
          {n.entries.length === 0 ? (
            <Paper withBorder p="sm">
              <Text c="dimmed" size="sm">
                Работ нет
              </Text>
            </Paper>
          ) : (
            <TableCard loading={false} minWidth={560}>
              <Table verticalSpacing={6} fz="sm" aria-label={`Итоги: ${n.title}`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Работа</Table.Th>
                    <Table.Th>Участник</Table.Th>
                    <Table.Th w={130}>Итог</Table.Th>
                    <Table.Th w={110} ta="right">
                      Средний балл
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {n.entries.map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td>{e.title}</Table.Td>
                      <Table.Td>
                        {e.personName}
                        {e.organizationName && (
                          <Text size="xs" c="dimmed">
                            {e.organizationName}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={OUTCOME_COLORS[e.outcome]}>
                          {e.outcomeName}
                        </Badge>
                      </Table.Td>
                      <Table.Td ta="right">{fmt(e.averageScore)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableCard>
          )}
        </Stack>
      ))}
    </Stack>
  );
}

export { fmt as formatScore };
