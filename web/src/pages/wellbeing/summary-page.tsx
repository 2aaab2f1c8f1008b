import { Paper, Stack, Table, Text } from '@mantine/core';
import { useSupportSummary } from '../../api/wellbeing.ts';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { PageHeader } from '../../components/page.tsx';

/** The methodist's counts by organization: high risk, plans, follow-ups — no names, small counts hidden. */
export default function SupportSummaryPage() {
  const s = useSupportSummary();
  const items = s.data?.items ?? [];
  return (
    <Stack gap="md">
      <PageHeader
        title="Поддержка педагогов: сводка"
        description="Сколько педагогов с высоким риском профессионального выгорания, у скольких есть план поддержки и пройден повторный скрининг. Имён в сводке нет; числа меньше 3 не показываются, чтобы по ним нельзя было узнать человека."
      />
      <ErrorAlert error={s.error} title="Не удалось загрузить сводку" />
      {s.isPending && <LoadingRows rows={4} />}
      {s.data && items.length === 0 && (
        <Empty
          title="Данных пока нет"
          description="Педагоги ещё не проходили опросник о профессиональном выгорании. Включите его в кампанию диагностики в разделе «Диагностика» — после отправки ответов здесь появятся числа по организациям."
        />
      )}
      {s.data && items.length > 0 && (
        <Paper withBorder>
          <Table fz="sm" verticalSpacing={6} aria-label="Сводка по организациям">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Организация</Table.Th>
                <Table.Th ta="right">Высокий риск</Table.Th>
                <Table.Th ta="right">Открытые планы</Table.Th>
                <Table.Th ta="right">Повторный скрининг пройден</Table.Th>
                <Table.Th ta="right">Закрытые планы</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.organizationId}>
                  <Table.Td>{r.organizationName}</Table.Td>
                  <Table.Td ta="right">{r.highRisk.label}</Table.Td>
                  <Table.Td ta="right">{r.openPlans.label}</Table.Td>
                  <Table.Td ta="right">{r.followUpsDone.label}</Table.Td>
                  <Table.Td ta="right">{r.closedPlans.label}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr fw={600}>
                <Table.Td>Всего</Table.Td>
                <Table.Td ta="right">{s.data.total.highRisk.label}</Table.Td>
                <Table.Td ta="right">{s.data.total.openPlans.label}</Table.Td>
                <Table.Td ta="right">{s.data.total.followUpsDone.label}</Table.Td>
                <Table.Td ta="right">{s.data.total.closedPlans.label}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <Text size="xs" c="dimmed">
        Высокий риск — по последнему пройденному опроснику педагога (две или три шкалы выгорания на высоком
        уровне).
      </Text>
    </Stack>
  );
}
