import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { fromUrl } from '../../api/client.ts';
import {
  afterEventsChanged,
  approvePlan,
  type EventsQuery,
  planExportHref,
  planImportUrl,
  planTemplateUrl,
  usePlan,
  usePlanEvents,
} from '../../api/events.ts';
import { ListEmpty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ImportUpload } from '../../components/import-upload.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { PageHeader } from '../../components/page.tsx';
import { TableCard } from '../../components/table-parts.tsx';
import { useUrlState } from '../../lib/use-url-state.ts';
import { EventForm } from './event-form.tsx';
import {
  EVENT_KINDS,
  EVENT_LEVELS,
  eventWhen,
  options,
  plannedResultText,
  SCHOOL_YEAR_MONTHS,
} from './events-words.ts';
import { PlanResultsSection } from './plan-results.tsx';

const FILTERS = ['kind', 'level', 'month'] as const;
const all = (label: string, list: { value: string; label: string }[]) => [{ value: '', label }, ...list];

/** One plan: its events as a table with filters, export, import, approval and the event form. */
export default function PlanPage() {
  const { id = '' } = useParams();
  const f = useUrlState();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const plan = usePlan(id);
  const filters: Record<string, string> = {};
  for (const k of FILTERS) if (f.get(k)) filters[k] = f.get(k);
  const hasFilters = Object.keys(filters).length > 0;
  const query = fromUrl<EventsQuery>(filters);
  const events = usePlanEvents(id, query);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [approveError, setApproveError] = useState<unknown>(null);

  if (plan.error) return <ErrorAlert error={plan.error} title="План не найден" />;
  if (!plan.data) return <LoadingRows rows={4} label="Загрузка плана" />;
  const p = plan.data;

  async function approve() {
    setApproveError(null);
    try {
      await approvePlan(p.id);
      await afterEventsChanged(qc);
    } catch (e) {
      setApproveError(e);
    }
  }

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/events" size="sm">
        ← Все планы
      </Anchor>
      <PageHeader
        title={p.title}
        description={
          <>
            {p.organizationName ?? p.municipalityName}, {p.schoolYearName} учебный год.{' '}
            <Badge variant="light" color={p.status === 'approved' ? 'green' : 'gray'}>
              {p.statusName}
            </Badge>
            {p.approvedByName && ` Утвердил: ${p.approvedByName}.`}
          </>
        }
        actions={
          <>
            {p.canManage && <Button onClick={() => setAdding(true)}>Добавить мероприятие</Button>}
            {p.canManage && (
              <Button variant="light" onClick={() => setImporting(true)}>
                Загрузить из таблицы
              </Button>
            )}
            {p.canApprove && (
              <Button color="green" variant="light" onClick={approve}>
                Утвердить план
              </Button>
            )}
            <Button component="a" href={planExportHref(p.id, query)} download variant="default">
              Экспорт XLSX
            </Button>
            <Button component="a" href={`/api/event-plans/${p.id}/docx`} download variant="default">
              Скачать DOCX
            </Button>
          </>
        }
      />
      <ErrorAlert error={approveError} title="План не утверждён" />
      {p.status === 'draft' && p.canManage && !p.canApprove && (
        <Text size="sm" c="dimmed">
          План — черновик: педагоги увидят его и смогут регистрироваться после утверждения руководителем
          органа управления образованием.
        </Text>
      )}
      <Paper withBorder p="sm" component="section" aria-label="Фильтры">
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <NativeSelect
            label="Вид"
            data={all('Все виды', options(EVENT_KINDS))}
            value={f.get('kind')}
            onChange={(e) => f.set({ kind: e.currentTarget.value })}
          />
          <NativeSelect
            label="Уровень"
            data={all('Все уровни', options(EVENT_LEVELS))}
            value={f.get('level')}
            onChange={(e) => f.set({ level: e.currentTarget.value })}
          />
          <NativeSelect
            label="Месяц"
            data={all('Весь год', SCHOOL_YEAR_MONTHS)}
            value={f.get('month')}
            onChange={(e) => f.set({ month: e.currentTarget.value })}
          />
        </SimpleGrid>
      </Paper>
      <ErrorAlert error={events.error} title="Не удалось загрузить мероприятия" />
      {events.isPending && <LoadingRows rows={6} label="Загрузка мероприятий" />}
      {events.data && events.data.total === 0 && (
        <ListEmpty
          filtered={hasFilters}
          onClear={() => f.clear()}
          filteredTitle="По этим условиям мероприятий нет"
          filteredHint="Выберите другой месяц или вид, или сбросьте фильтры."
          title="В плане пока нет мероприятий"
          description={
            p.canManage
              ? 'Добавьте мероприятие вручную или загрузите таблицу плана: № п/п, период реализации, наименование, ответственный, прогнозируемый результат.'
              : 'Мероприятия появятся, когда их внесёт методист.'
          }
          actions={
            p.canManage ? (
              <Group gap="sm">
                <Button onClick={() => setAdding(true)}>Добавить мероприятие</Button>
                <Button variant="light" onClick={() => setImporting(true)}>
                  Загрузить из таблицы
                </Button>
              </Group>
            ) : undefined
          }
        />
      )}
      {events.data && events.data.total > 0 && (
        <TableCard loading={events.isPlaceholderData} minWidth={1000}>
          <Table striped highlightOnHover verticalSpacing={6} fz="sm" aria-label="Мероприятия плана">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={60}>№</Table.Th>
                <Table.Th w={170}>Сроки</Table.Th>
                <Table.Th>Мероприятие</Table.Th>
                <Table.Th w={180}>Ответственный</Table.Th>
                <Table.Th w={220}>Прогнозируемый результат</Table.Th>
                <Table.Th w={110} ta="right">
                  Записано
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.data.items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{e.number ?? ''}</Table.Td>
                  <Table.Td>{eventWhen(e)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/events/${e.id}`} size="sm" fw={500}>
                      {e.title}
                    </Anchor>
                    <Group gap={4} mt={2}>
                      <Badge size="xs" variant="light">
                        {e.kindName}
                      </Badge>
                      <Badge size="xs" variant="outline" color="gray">
                        {e.levelName}
                      </Badge>
                    </Group>
                  </Table.Td>
                  <Table.Td>{e.responsibleText ?? e.responsibleName ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text size="xs">
                      {e.plannedResultText ?? (e.plannedResult ? plannedResultText(e.plannedResult) : '—')}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    {e.seatsTaken}
                    {e.capacity !== null ? ` из ${e.capacity}` : ''}
                    {e.waitlisted > 0 && (
                      <Text size="xs" c="orange">
                        ожидают: {e.waitlisted}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
      {events.data && events.data.total > 0 && <PlanResultsSection planId={p.id} />}
      {p.canManage && adding && (
        <EventForm
          planId={p.id}
          planLevel={p.level}
          event={null}
          opened={adding}
          onClose={() => setAdding(false)}
          onSaved={(e) => navigate(`/events/${e.id}`)}
        />
      )}
      <Modal
        opened={importing}
        onClose={() => setImporting(false)}
        title="Загрузка плана из таблицы"
        size="xl"
        closeButtonProps={{ 'aria-label': 'Закрыть' }}
      >
        <Stack gap="sm">
          <Text size="sm">
            Таблица в форме «Планирование мероприятий»: № п/п, период реализации, наименование мероприятия,
            ФИО и должность ответственного, прогнозируемый результат. Строки разделов пропускаются; при ошибке
            в любой строке не записывается ничего.{' '}
            <Anchor href={planTemplateUrl('xlsx')} download>
              Шаблон XLSX
            </Anchor>
          </Text>
          <ImportUpload url={(opts) => planImportUrl(p.id, opts)} step={1} />
        </Stack>
      </Modal>
    </Stack>
  );
}
