import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  type AssignmentCard,
  acceptAnswer,
  afterAnswerChanged,
  assignmentExportHref,
  remindOrganizations,
  returnAnswer,
  useAssignment,
  useSubmission,
} from '../../../api/forms.ts';
import { useMe } from '../../../auth/session.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { LoadingRows } from '../../../components/loading.tsx';
import { ModalForm } from '../../../components/modal-form.tsx';
import { NoAccess } from '../../../components/no-access.tsx';
import { PageHeader } from '../../../components/page.tsx';
import { Stat } from '../../../components/stat.tsx';
import { SortableTh, TableCard } from '../../../components/table-parts.tsx';
import { useClientSort } from '../../../lib/sort.ts';
import { formatDate, formatDateTime } from '../../../lib/words.ts';
import { fieldText } from './field-input.tsx';
import { AssignmentProgress } from './forms-page.tsx';
import { SUBMISSION_STATUS } from './forms-words.ts';

/** Returning an answer: what to fix, which the school head reads above the form. */
function ReturnForm({
  id,
  organization,
  onCancel,
  onDone,
}: {
  id: string;
  organization: string;
  onCancel: () => void;
  onDone: () => void;
}) {
  const qc = useQueryClient();
  return (
    <ModalForm
      opened
      onClose={onCancel}
      title={`Вернуть на доработку: ${organization}`}
      initialValues={() => ({ comment: '' })}
      validate={(v) => ({
        comment: v.comment.trim().length >= 3 ? null : 'Напишите, что исправить (не короче 3 символов)',
      })}
      submit={(v) => returnAnswer(id, v.comment.trim())}
      onSuccess={async (r) => {
        await afterAnswerChanged(qc, r);
        onDone();
      }}
      submitLabel="Вернуть с комментарием"
      submitColor="orange"
      errorTitle="Не получилось"
    >
      {(form) => (
        <Textarea
          label="Что исправить"
          required
          autosize
          minRows={2}
          data-autofocus
          {...form.getInputProps('comment')}
        />
      )}
    </ModalForm>
  );
}

/**
 * One organization's answer as the methodist reads it, with accept; «Вернуть на доработку» puts
 * the return form in its place («Отмена» there comes back to the answer).
 */
function ReviewModal({ id, onClose }: { id: string; onClose: () => void }) {
  const qc = useQueryClient();
  const submission = useSubmission(id);
  const [returning, setReturning] = useState(false);
  const accept = useMutation({
    mutationFn: () => acceptAnswer(id),
    onSuccess: async (r) => {
      await afterAnswerChanged(qc, r);
      onClose();
    },
  });
  const s = submission.data;
  if (s && returning) {
    return (
      <ReturnForm
        id={id}
        organization={s.organization.name}
        onCancel={() => setReturning(false)}
        onDone={onClose}
      />
    );
  }
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={s ? s.organization.name : 'Ответ организации'}
      closeButtonProps={{ 'aria-label': 'Закрыть' }}
    >
      <ErrorAlert error={submission.error} title="Ответ недоступен" />
      {!s && !submission.error && <LoadingRows rows={4} label="Загрузка ответа" />}
      {s && (
        <Stack gap="sm">
          <Group gap="xs">
            <Badge color={SUBMISSION_STATUS[s.status].color} variant="light">
              {SUBMISSION_STATUS[s.status].label}
            </Badge>
            {s.submittedAt && (
              <Text size="xs" c="dimmed">
                отправлена {formatDateTime(s.submittedAt)}
              </Text>
            )}
          </Group>
          {s.reviewComment && (
            <Alert color="orange" variant="light" title="Комментарий при возврате">
              {s.reviewComment}
            </Alert>
          )}
          <Table fz="sm" verticalSpacing={4} aria-label="Значения формы">
            <Table.Tbody>
              {s.fields.map((f) => (
                <Table.Tr key={f.code}>
                  <Table.Td>{f.label}</Table.Td>
                  <Table.Td fw={500}>{fieldText(f, s.values[f.code])}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <ErrorAlert error={accept.error} title="Не получилось" />
          {s.permissions.review && (
            <Group justify="flex-end">
              <Button variant="light" color="orange" onClick={() => setReturning(true)}>
                Вернуть на доработку
              </Button>
              <Button color="teal" loading={accept.isPending} onClick={() => accept.mutate()}>
                Принять
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Modal>
  );
}

function AssignmentView({ a }: { a: AssignmentCard }) {
  const qc = useQueryClient();
  const [selected, setSelected] = useState<string[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remindable = a.organizations.filter((o) => ['pending', 'draft', 'returned'].includes(o.status));
  const remind = useMutation({
    mutationFn: (organizationIds: string[] | undefined) => remindOrganizations(a.id, organizationIds),
    onSuccess: (r) => {
      setNotice(
        `Напоминание отправлено: ${r.reminded}. Руководители увидят его в списке «Формы для заполнения».`,
      );
      setSelected([]);
      void afterAnswerChanged(qc);
    },
  });
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));

  const sorted = useClientSort(
    a.organizations,
    {
      organization: (o) => o.organizationName,
      status: (o) => SUBMISSION_STATUS[o.status].label,
      submitted: (o) => o.submittedAt,
      reviewed: (o) => o.reviewedAt,
      reminded: (o) => o.remindedAt,
    },
    { sort: null },
  );

  return (
    <Stack gap="md">
      <PageHeader
        title={a.title}
        description={
          <>
            <Anchor component={Link} to={`/monitoring/forms/${a.formId}`} size="sm">
              {a.formName}
            </Anchor>{' '}
            · период {formatDate(a.periodStart)} — {formatDate(a.periodEnd)} · срок сдачи{' '}
            {formatDate(a.dueOn)}
          </>
        }
        actions={
          <Button component="a" href={assignmentExportHref(a.id)} download variant="light">
            Выгрузить ответы (XLSX)
          </Button>
        }
      />
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
        <Stat label="Организаций" value={a.counts.total} />
        <Stat label="Не начали / черновик" value={a.counts.pending + a.counts.draft} />
        <Stat label="На проверке" value={a.counts.submitted} />
        <Stat label="Возвращено" value={a.counts.returned} />
        <Stat label="Принято" value={a.counts.accepted} />
      </SimpleGrid>
      <Paper withBorder p="sm">
        <AssignmentProgress a={a} />
      </Paper>
      {notice && (
        <Alert color="teal" variant="light" role="status" withCloseButton onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      <ErrorAlert error={remind.error} title="Напоминание не отправлено" />
      {a.canReview && (
        <Group gap="xs">
          <Button
            variant="light"
            disabled={!selected.length}
            loading={remind.isPending && !!remind.variables}
            onClick={() => remind.mutate(selected)}
          >
            Напомнить выбранным ({selected.length})
          </Button>
          <Button
            variant="subtle"
            disabled={!remindable.length}
            loading={remind.isPending && !remind.variables}
            onClick={() => remind.mutate(undefined)}
          >
            Напомнить всем, кто не отправил ({remindable.length})
          </Button>
        </Group>
      )}
      <TableCard loading={false} minWidth={900}>
        <Table striped highlightOnHover verticalSpacing="xs" fz="sm" aria-label="Организации">
          <Table.Thead>
            <Table.Tr>
              {a.canReview && <Table.Th w={40} />}
              <SortableTh {...sorted.th('organization')}>Организация</SortableTh>
              <SortableTh {...sorted.th('status')} w={130}>
                Статус
              </SortableTh>
              <SortableTh {...sorted.th('submitted')} w={150}>
                Отправлена
              </SortableTh>
              <SortableTh {...sorted.th('reviewed')} w={150}>
                Проверена
              </SortableTh>
              <SortableTh {...sorted.th('reminded')} w={150}>
                Напоминание
              </SortableTh>
              <Table.Th w={110} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.rows.map((o) => (
              <Table.Tr key={o.submissionId}>
                {a.canReview && (
                  <Table.Td>
                    <Checkbox
                      aria-label={`Выбрать ${o.organizationName}`}
                      disabled={!['pending', 'draft', 'returned'].includes(o.status)}
                      checked={selected.includes(o.organizationId)}
                      onChange={(e) => toggle(o.organizationId, e.currentTarget.checked)}
                    />
                  </Table.Td>
                )}
                <Table.Td>
                  {o.organizationName}
                  {o.reviewComment && o.status === 'returned' && (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {o.reviewComment}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge color={SUBMISSION_STATUS[o.status].color} variant="light">
                    {SUBMISSION_STATUS[o.status].label}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatDateTime(o.submittedAt)}</Table.Td>
                <Table.Td>{formatDateTime(o.reviewedAt)}</Table.Td>
                <Table.Td>{formatDateTime(o.remindedAt)}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant={o.status === 'submitted' ? 'filled' : 'subtle'}
                    onClick={() => setOpen(o.submissionId)}
                    aria-label={`Открыть ответ: ${o.organizationName}`}
                  >
                    {o.status === 'submitted' ? 'Проверить' : 'Открыть'}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableCard>
      {open && <ReviewModal id={open} onClose={() => setOpen(null)} />}
    </Stack>
  );
}

export default function AssignmentPage() {
  const me = useMe();
  const { id } = useParams();
  const allowed = me.capabilities.monitoring.readForms;
  const a = useAssignment(allowed ? id : undefined);
  if (!allowed) return <NoAccess />;
  if (a.error) return <ErrorAlert error={a.error} title="Сбор недоступен" />;
  if (!a.data) return <LoadingRows rows={6} label="Загрузка сбора" />;
  return <AssignmentView a={a.data} />;
}
