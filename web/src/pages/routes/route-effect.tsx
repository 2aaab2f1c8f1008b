import { Badge, Box, Group, Stack, Table, Text } from '@mantine/core';
import { DEFICIT_LEVELS, useRouteEffect } from '../../api/routes.ts';
import { CodeMark } from '../../components/code-mark.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { Section } from '../../components/page.tsx';
import { TableCard } from '../../components/table-parts.tsx';
import { formatDate, formatNumber } from '../../lib/words.ts';

function LevelBadge({ level }: { level: string | null }) {
  if (!level) return null;
  const l = DEFICIT_LEVELS[level] ?? { label: level, color: 'gray' };
  return (
    <Badge color={l.color} variant="light" size="xs">
      {l.label}
    </Badge>
  );
}

/** Two thin bars per competency: the result before the route and after reassessment. */
function BeforeAfterBar({ before, after }: { before: number | null; after: number | null }) {
  const bar = (v: number | null, color: string, label: string) => (
    <Group gap={6} wrap="nowrap">
      <Text size="xs" c="dimmed" w={44}>
        {label}
      </Text>
      <Box style={{ flex: 1 }} h={8} bg="gray.1">
        {v !== null && (
          <Box h="100%" w={`${Math.max(0, Math.min(100, v))}%`} bg={`var(--mantine-color-${color}-6)`} />
        )}
      </Box>
    </Group>
  );
  return (
    <Stack gap={2} aria-hidden w={200}>
      {bar(before, 'orange', 'до')}
      {bar(after, 'teal', 'после')}
    </Stack>
  );
}

/** The route's effect: the competencies it addresses, before and after reassessment. */
export function RouteEffectBlock({ routeId }: { routeId: string }) {
  const effect = useRouteEffect(routeId);
  return (
    <Section title="Эффект маршрута">
      {effect.isPending && <LoadingRows rows={2} label="Загрузка эффекта" />}
      <ErrorAlert error={effect.error} title="Не удалось загрузить эффект маршрута" />
      {effect.data && effect.data.competencies.length === 0 && (
        <Text size="sm" c="dimmed">
          В маршруте нет пунктов по компетенциям рамки — сравнивать нечего.
        </Text>
      )}
      {effect.data && effect.data.competencies.length > 0 && (
        <>
          <Text size="sm" c="dimmed">
            «До» — результат диагностики{' '}
            {effect.data.baselineOn ? `от ${formatDate(effect.data.baselineOn)}` : ''}, по которой построен
            маршрут; «после» — последний результат повторной диагностики.{' '}
            {effect.data.competencies.every((c) => c.after === null) &&
              'Повторной диагностики ещё не было: эффект появится после неё.'}
          </Text>
          <TableCard loading={false} minWidth={720}>
            <Table fz="sm" verticalSpacing={4} aria-label="Эффект маршрута">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Компетенция</Table.Th>
                  <Table.Th w={130}>До</Table.Th>
                  <Table.Th w={150}>После</Table.Th>
                  <Table.Th w={220}>Сравнение</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {effect.data.competencies.map((c) => (
                  <Table.Tr key={c.id} bg={c.closed ? 'teal.0' : undefined}>
                    <Table.Td>
                      <Text size="sm">
                        {c.name} <CodeMark code={c.code} />
                      </Text>
                      {c.closed && (
                        <Badge color="teal" variant="filled" size="xs">
                          дефицит закрыт
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{c.before === null ? '—' : `${formatNumber(c.before, 1)}%`}</Text>
                      <LevelBadge level={c.beforeLevel} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {c.after === null ? 'нет данных' : `${formatNumber(c.after, 1)}%`}
                        {c.afterOn ? (
                          <Text span size="xs" c="dimmed">
                            {' '}
                            ({formatDate(c.afterOn)})
                          </Text>
                        ) : null}
                      </Text>
                      <LevelBadge level={c.afterLevel} />
                    </Table.Td>
                    <Table.Td>
                      <BeforeAfterBar before={c.before} after={c.after} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableCard>
        </>
      )}
    </Section>
  );
}
