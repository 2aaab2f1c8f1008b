import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { afterWellbeingChanged, markSupportItem, type SupportPlan } from '../../api/wellbeing.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { RISK_COLORS, ruDay } from './wellbeing-words.ts';

/** One support plan: the teacher, the risk, the follow-up, the items (marked done by those who keep it). */
export function PlanCard({
  plan,
  showName,
  actions,
}: {
  plan: SupportPlan;
  showName: boolean;
  actions?: ReactNode;
}) {
  const qc = useQueryClient();
  const mark = useMutation({
    mutationFn: ({ itemId, done }: { itemId: string; done: boolean }) =>
      markSupportItem(plan.id, itemId, done),
    onSuccess: () => afterWellbeingChanged(qc),
  });
  const title = showName ? plan.personName : `План поддержки от ${ruDay(plan.openedOn)}`;
  const f = plan.followUp;
  return (
    <Paper withBorder p="md" component="article" aria-label={`План поддержки: ${title}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3} size="h5">
              {title}
            </Title>
            <Text size="sm" c="dimmed">
              {plan.organizationName} · открыт {ruDay(plan.openedOn)}
              {plan.closedOn && ` · закрыт ${ruDay(plan.closedOn)}`}
            </Text>
          </div>
          <Group gap="xs">
            <Badge color={RISK_COLORS[plan.riskLevel] ?? 'gray'} variant="light">
              {plan.riskLabel}
            </Badge>
            <Badge color={plan.status === 'open' ? 'blue' : 'gray'} variant="outline">
              {plan.status === 'open' ? 'Открыт' : 'Закрыт'}
            </Badge>
          </Group>
        </Group>
        <Text size="sm">
          Повторный скрининг:{' '}
          {f.takenOn ? `пройден ${ruDay(f.takenOn)} — ${f.riskLabel}` : `срок ${ruDay(f.dueOn)}`}
          {!f.takenOn && f.remindedOn && ` (напоминание отправлено ${ruDay(f.remindedOn)})`}
        </Text>
        {plan.outcomeLabel && (
          <Text size="sm">
            Итог: {plan.outcomeLabel}
            {plan.outcomeNote && ` — ${plan.outcomeNote}`}
          </Text>
        )}
        <ErrorAlert error={mark.error} title="Не удалось отметить пункт" />
        <Table fz="sm" verticalSpacing={6} aria-label="Пункты плана">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Мера поддержки</Table.Th>
              <Table.Th>Содержание</Table.Th>
              <Table.Th>Срок</Table.Th>
              <Table.Th>Выполнено</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.items.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>{i.kindLabel}</Table.Td>
                <Table.Td>{i.note}</Table.Td>
                <Table.Td>{ruDay(i.dueOn)}</Table.Td>
                <Table.Td>
                  {i.doneOn ? (
                    <Group gap="xs">
                      <Badge color="green" variant="light">
                        {ruDay(i.doneOn)}
                      </Badge>
                      {plan.canKeep && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          loading={mark.isPending}
                          onClick={() => mark.mutate({ itemId: i.id, done: false })}
                        >
                          Снять отметку
                        </Button>
                      )}
                    </Group>
                  ) : plan.canKeep ? (
                    <Button
                      size="compact-xs"
                      variant="light"
                      loading={mark.isPending}
                      onClick={() => mark.mutate({ itemId: i.id, done: true })}
                    >
                      Отметить выполненным
                    </Button>
                  ) : (
                    'нет'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {actions && <Group gap="xs">{actions}</Group>}
      </Stack>
    </Paper>
  );
}
