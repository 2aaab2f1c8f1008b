import { Anchor, Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { TEMPLATE_STATUS_COLORS, useExpertTemplates } from '../../api/expert-cards.ts';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { PageHeader } from '../../components/page.tsx';

/** Templates of expert cards: the three cards of 004 and the territory's copies. */
export default function ExpertTemplatesPage() {
  const list = useExpertTemplates();
  return (
    <Stack gap="md">
      <PageHeader
        title="Шаблоны экспертных карт"
        description="Карты оценки системы профессионального развития педагогов по группам организаций (порядок мониторинга, приложение 2). Типовые карты не меняются: откройте карту и сделайте копию, чтобы изменить её для муниципалитета."
      />
      <ErrorAlert error={list.error} title="Не удалось загрузить шаблоны" />
      {list.isPending && <LoadingRows rows={4} label="Загрузка шаблонов" />}
      {list.data && list.data.items.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Шаблонов пока нет"
            description="Типовые карты загружаются автоматически; обновите страницу или обратитесь к администратору."
          />
        </Paper>
      )}
      {list.data && list.data.items.length > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover aria-label="Шаблоны экспертных карт">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>Группа</Table.Th>
                  <Table.Th>Название</Table.Th>
                  <Table.Th>Чья карта</Table.Th>
                  <Table.Th w={80}>Версия</Table.Th>
                  <Table.Th w={140}>Статус</Table.Th>
                  <Table.Th w={90} ta="right">
                    Показателей
                  </Table.Th>
                  <Table.Th w={200}>Максимум: по показателям / в документе</Table.Th>
                  <Table.Th w={110} ta="right">
                    В кампаниях
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((t) => (
                  <Table.Tr key={t.id}>
                    <Table.Td>
                      <Badge variant="light" title={t.orgKindLabel}>
                        {t.orgKindShort}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/expert-cards/templates/${t.id}`}>
                        {t.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t.ownerName}</Text>
                    </Table.Td>
                    <Table.Td>{t.version}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={TEMPLATE_STATUS_COLORS[t.status]}>
                        {t.statusName}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">{t.itemsCount}</Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm">
                          {t.itemsMax} / {t.statedMax ?? '—'}
                        </Text>
                        {t.differs && (
                          <Badge
                            color="orange"
                            variant="light"
                            title="Суммы баллов показателей и максимумы документа расходятся"
                          >
                            расходятся
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right">{t.campaigns}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
