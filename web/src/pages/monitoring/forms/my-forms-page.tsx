import { Alert, Anchor, Badge, Paper, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useMySubmissions } from '../../../api/forms.ts';
import { useMe } from '../../../auth/session.tsx';
import { Empty } from '../../../components/empty.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { LoadingRows } from '../../../components/loading.tsx';
import { NoAccess } from '../../../components/no-access.tsx';
import { PageHeader } from '../../../components/page.tsx';
import { SortableTh, TableCard } from '../../../components/table-parts.tsx';
import { useClientSort } from '../../../lib/sort.ts';
import { formatDate, formatDateTime } from '../../../lib/words.ts';
import { overdue, SUBMISSION_STATUS } from './forms-words.ts';

/** The school head's list: forms the methodist sent to the school, reminders and returns first. */
export default function MyFormsPage() {
  const me = useMe();
  const allowed = me.capabilities.monitoring.fillForms;
  const list = useMySubmissions(allowed);
  const sorted = useClientSort(
    list.data?.items ?? [],
    {
      title: (s) => s.assignment.title,
      period: (s) => s.assignment.periodStart,
      due: (s) => s.assignment.dueOn,
      status: (s) => SUBMISSION_STATUS[s.status].label,
      saved: (s) => s.savedAt,
    },
    { sort: null },
  );
  if (!allowed) return <NoAccess />;
  const items = sorted.rows;
  const open = items.filter((s) => s.permissions.edit);
  const reminded = open.filter((s) => s.remindedAt);
  const returned = open.filter((s) => s.status === 'returned');

  return (
    <Stack gap="md">
      <PageHeader
        title="Формы для заполнения"
        description="Сведения, которые запросила методическая служба. Черновик сохраняется сам; отправленную форму методист принимает или возвращает с комментарием."
      />
      <ErrorAlert error={list.error} title="Не удалось загрузить формы" />
      {list.isPending && <LoadingRows rows={4} label="Загрузка форм" />}
      {reminded.length > 0 && (
        <Alert color="orange" title="Напоминание методиста" role="status">
          Ждут заполнения:{' '}
          {reminded.map((s) => `«${s.assignment.title}» (срок ${formatDate(s.assignment.dueOn)})`).join(', ')}
          .
        </Alert>
      )}
      {returned.length > 0 && (
        <Alert color="red" variant="light" title="Возвращены на доработку">
          {returned.map((s) => `«${s.assignment.title}»: ${s.reviewComment ?? ''}`).join('; ')}
        </Alert>
      )}
      {list.data && items.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Форм для заполнения нет"
            description="Когда методист назначит форму вашей организации, она появится здесь."
          />
        </Paper>
      )}
      {items.length > 0 && (
        <TableCard loading={list.isFetching && !list.isPending} minWidth={820}>
          <Table striped highlightOnHover verticalSpacing="xs" fz="sm" aria-label="Формы для заполнения">
            <Table.Thead>
              <Table.Tr>
                <SortableTh {...sorted.th('title')}>Форма</SortableTh>
                <SortableTh {...sorted.th('period')} w={190}>
                  Период
                </SortableTh>
                <SortableTh {...sorted.th('due')} w={120}>
                  Срок
                </SortableTh>
                <SortableTh {...sorted.th('status')} w={140}>
                  Статус
                </SortableTh>
                <SortableTh {...sorted.th('saved')} w={160}>
                  Сохранено
                </SortableTh>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => {
                const late = overdue(s.assignment.dueOn, s.status);
                return (
                  <Table.Tr
                    key={s.id}
                    bg={s.remindedAt && s.permissions.edit ? 'var(--mantine-color-orange-light)' : undefined}
                  >
                    <Table.Td>
                      <Anchor component={Link} to={`/monitoring/my-forms/${s.id}`} size="sm" fw={500}>
                        {s.assignment.title}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {s.assignment.formName}
                        {s.remindedAt && s.permissions.edit
                          ? ` · напоминание ${formatDateTime(s.remindedAt)}`
                          : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {formatDate(s.assignment.periodStart)} — {formatDate(s.assignment.periodEnd)}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={late ? 'red' : undefined} fw={late ? 600 : undefined}>
                        {formatDate(s.assignment.dueOn)}
                        {late ? ' (просрочено)' : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={SUBMISSION_STATUS[s.status].color} variant="light">
                        {SUBMISSION_STATUS[s.status].label}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{formatDateTime(s.savedAt)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
    </Stack>
  );
}
