import { Anchor, Badge, Button, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { type Assignment, useAssignments, useForms } from '../../../api/forms.ts';
import { useMe } from '../../../auth/session.tsx';
import { Empty } from '../../../components/empty.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { LoadingRows } from '../../../components/loading.tsx';
import { NoAccess } from '../../../components/no-access.tsx';
import { PageHeader } from '../../../components/page.tsx';
import { SortableTh, TableCard } from '../../../components/table-parts.tsx';
import { useClientSort } from '../../../lib/sort.ts';
import { formatDate, plural } from '../../../lib/words.ts';

/** Accepted of assigned, with what is waiting for review. */
export function AssignmentProgress({ a }: { a: Assignment }) {
  const c = a.counts;
  const share = c.total ? Math.round((c.accepted / c.total) * 100) : 0;
  const inReview = c.submitted;
  return (
    <Stack gap={2}>
      <Progress.Root size="sm" aria-label="Ход сбора">
        <Progress.Section value={share} color="teal" />
        <Progress.Section value={c.total ? (inReview / c.total) * 100 : 0} color="blue" />
      </Progress.Root>
      <Text size="xs" c="dimmed">
        принято {c.accepted} из {c.total}, на проверке {inReview}
        {c.returned ? `, возвращено ${c.returned}` : ''}
      </Text>
    </Stack>
  );
}

export default function FormsPage() {
  const me = useMe();
  const allowed = me.capabilities.monitoring.readForms;
  const forms = useForms(allowed);
  const assignments = useAssignments(undefined, allowed);
  const formsSort = useClientSort(
    forms.data?.items ?? [],
    {
      name: (f) => f.name,
      fields: (f) => f.fields.length,
      assignments: (f) => f.assignmentCount,
      updated: (f) => f.updatedAt,
    },
    { sort: 'name' },
  );
  const assignmentsSort = useClientSort(
    assignments.data?.items ?? [],
    {
      title: (a) => a.title,
      period: (a) => a.periodStart,
      due: (a) => a.dueOn,
    },
    { sort: 'due', order: 'desc' },
  );
  if (!allowed) return <NoAccess />;
  const canCreate = me.capabilities.monitoring.manageForms;
  const formItems = formsSort.rows;
  const assignmentItems = assignmentsSort.rows;

  return (
    <Stack gap="md">
      <PageHeader
        title="Формы сбора данных"
        description="Онлайн-формы для организаций: то, что платформа не считает сама, школы вносят по форме, методист принимает — и значения питают ручные показатели мониторинга."
        actions={
          canCreate && (
            <Button component={Link} to="/monitoring/forms/new">
              Новая форма
            </Button>
          )
        }
      />
      <ErrorAlert error={forms.error ?? assignments.error} title="Не удалось загрузить формы" />

      <Title order={2} size="h4">
        Формы
      </Title>
      {forms.isPending && <LoadingRows rows={3} label="Загрузка форм" />}
      {forms.data && formItems.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Форм пока нет"
            description={
              canCreate
                ? 'Создайте форму: перечислите поля, их тип и границы, свяжите числовые поля с ручными мерами показателей.'
                : 'Формы создают методисты.'
            }
            actions={
              canCreate ? (
                <Button component={Link} to="/monitoring/forms/new">
                  Новая форма
                </Button>
              ) : undefined
            }
          />
        </Paper>
      )}
      {formItems.length > 0 && (
        <TableCard loading={forms.isFetching && !forms.isPending} minWidth={760}>
          <Table striped highlightOnHover verticalSpacing="xs" fz="sm" aria-label="Формы">
            <Table.Thead>
              <Table.Tr>
                <SortableTh {...formsSort.th('name')}>Форма</SortableTh>
                <SortableTh {...formsSort.th('fields')} w={110} ta="right">
                  Полей
                </SortableTh>
                <SortableTh {...formsSort.th('assignments')} w={140} ta="right">
                  Назначений
                </SortableTh>
                <SortableTh {...formsSort.th('updated')} w={140}>
                  Изменена
                </SortableTh>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {formItems.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/monitoring/forms/${f.id}`} size="sm" fw={500}>
                      {f.name}
                    </Anchor>
                    {f.archived && (
                      <Badge ml="xs" size="xs" color="gray" variant="light">
                        в архиве
                      </Badge>
                    )}
                    {f.description && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {f.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{f.fields.length}</Table.Td>
                  <Table.Td ta="right">{f.assignmentCount}</Table.Td>
                  <Table.Td>{formatDate(f.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}

      <Title order={2} size="h4" mt="md">
        Назначенные формы
      </Title>
      {assignments.isPending && <LoadingRows rows={3} label="Загрузка назначений" />}
      {assignments.data && assignmentItems.length === 0 && (
        <Text size="sm" c="dimmed">
          Формы ещё не назначались. Откройте форму и нажмите «Назначить организациям».
        </Text>
      )}
      {assignmentItems.length > 0 && (
        <TableCard loading={assignments.isFetching && !assignments.isPending} minWidth={900}>
          <Table striped highlightOnHover verticalSpacing="xs" fz="sm" aria-label="Назначенные формы">
            <Table.Thead>
              <Table.Tr>
                <SortableTh {...assignmentsSort.th('title')}>Сбор</SortableTh>
                <SortableTh {...assignmentsSort.th('period')} w={190}>
                  Период
                </SortableTh>
                <SortableTh {...assignmentsSort.th('due')} w={110}>
                  Срок
                </SortableTh>
                <Table.Th w={280}>Ход</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {assignmentItems.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/monitoring/forms/assignments/${a.id}`} size="sm" fw={500}>
                      {a.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {a.formName} · {a.counts.total}{' '}
                      {plural(a.counts.total, 'организация', 'организации', 'организаций')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {formatDate(a.periodStart)} — {formatDate(a.periodEnd)}
                  </Table.Td>
                  <Table.Td>{formatDate(a.dueOn)}</Table.Td>
                  <Table.Td>
                    <AssignmentProgress a={a} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
    </Stack>
  );
}
