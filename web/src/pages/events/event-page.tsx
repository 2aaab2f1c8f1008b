import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useStaff } from '../../api/directory.ts';
import {
  afterEventsChanged,
  cancelRegistration,
  decideRegistration,
  deleteEvent,
  type EventCard,
  nominateForEvent,
  registerForEvent,
  useEventCard,
  useEventRegistrations,
} from '../../api/events.ts';
import { useMe } from '../../auth/session.tsx';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { TableCard } from '../../components/table-parts.tsx';
import { CheckInQrButton } from './check-in-qr.tsx';
import { EventForm } from './event-form.tsx';
import { eventWhen, plannedResultText, STATUS_COLORS } from './events-words.ts';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

function targetText(t: EventCard['target']): string {
  const parts = [
    t.subjects?.length ? `предметы: ${t.subjects.join(', ')}` : null,
    t.positions?.length ? `должности: ${t.positions.join(', ')}` : null,
    t.orgKinds?.length ? `виды организаций: ${t.orgKinds.length}` : null,
    t.organizationIds?.length ? `организаций: ${t.organizationIds.length}` : null,
    t.youngOnly ? 'молодые специалисты' : null,
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'все педагоги территории плана';
}

/** A school head picks one of their staff (the staff list is already cut to their school). */
function NominateSection({ onNominate }: { onNominate: (personId: string) => Promise<void> }) {
  const [nominee, setNominee] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const staff = useStaff({ q: q || undefined, limit: 20 });
  return (
    <Section title="Направить сотрудника">
      <Group align="flex-end">
        <Select
          label="Сотрудник"
          placeholder="Начните вводить фамилию"
          searchable
          w={360}
          data={(staff.data?.items ?? []).map((s) => ({ value: s.personId, label: s.fullName }))}
          searchValue={q}
          onSearchChange={setQ}
          value={nominee}
          onChange={setNominee}
          filter={({ options }) => options}
        />
        <Button disabled={!nominee} onClick={() => nominee && onNominate(nominee)}>
          Направить
        </Button>
      </Group>
    </Section>
  );
}

/** An event: its facts, the caller's registration (with the reason when they cannot), the list for the organizer. */
export default function EventPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const qc = useQueryClient();
  const card = useEventCard(id);
  const registrations = useEventRegistrations(id, !!card.data);
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const isHead = me.role === 'org_head';
  const navigate = useNavigate();

  if (card.error) return <ErrorAlert error={card.error} title="Мероприятие не найдено" />;
  if (!card.data) return <LoadingRows rows={4} label="Загрузка мероприятия" />;
  const e = card.data;
  const reg = e.registration;

  async function act(fn: () => Promise<{ message?: string; statusName?: string }>) {
    setError(null);
    setMessage(null);
    try {
      const r = await fn();
      setMessage(r.message ?? `Регистрация: ${r.statusName}`);
      await afterEventsChanged(qc);
    } catch (err) {
      setError(err);
    }
  }

  const seats =
    e.capacity === null ? `${e.seatsTaken} (без ограничения мест)` : `${e.seatsTaken} из ${e.capacity}`;

  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/events/plans/${e.planId}`} size="sm">
        ← {e.plan.title}
      </Anchor>
      <PageHeader
        title={e.title}
        description={
          <Group gap={6} component="span">
            <Badge variant="light">{e.kindName}</Badge>
            <Badge variant="outline" color="gray">
              {e.levelName}
            </Badge>
            {e.number && <span>Пункт плана {e.number}</span>}
          </Group>
        }
        actions={
          e.canManage && (
            <>
              <Button onClick={() => setEditing(true)}>Изменить</Button>
              <Button component={Link} to={`/events/${e.id}/check-in`} variant="light">
                Отметить присутствие
              </Button>
              {e.seatsTaken + e.waitlisted === 0 && (
                <Button
                  variant="light"
                  color="red"
                  onClick={async () => {
                    setError(null);
                    try {
                      await deleteEvent(e.id);
                      await afterEventsChanged(qc);
                      navigate(`/events/plans/${e.planId}`);
                    } catch (err) {
                      setError(err);
                    }
                  }}
                >
                  Удалить
                </Button>
              )}
            </>
          )
        }
      />
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Fact label="Сроки">{eventWhen(e)}</Fact>
          <Fact label="Место">
            {e.place ?? '—'}
            {e.onlineUrl && (
              <>
                {' '}
                <Anchor href={e.onlineUrl} target="_blank" rel="noreferrer">
                  ссылка
                </Anchor>
              </>
            )}
          </Fact>
          <Fact label="Ответственный">{e.responsibleText ?? e.responsibleName ?? '—'}</Fact>
          <Fact label="Целевая группа">{targetText(e.target)}</Fact>
          <Fact label="Записано">
            {seats}
            {e.waitlisted > 0 ? `, в листе ожидания: ${e.waitlisted}` : ''}
          </Fact>
          <Fact label="Регистрация">
            {e.registrationOpensOn || e.registrationClosesOn
              ? `${e.registrationOpensOn ? `с ${eventWhen({ periodText: null, startsOn: e.registrationOpensOn, endsOn: null })} ` : ''}${
                  e.registrationClosesOn
                    ? `по ${eventWhen({ periodText: null, startsOn: e.registrationClosesOn, endsOn: null })}`
                    : 'до начала'
                }`
              : 'до начала мероприятия'}
            {e.requiresApproval ? '; заявки подтверждает организатор' : ''}
          </Fact>
          <Fact label="Прогнозируемый результат">
            {e.plannedResultText ?? (e.plannedResult ? plannedResultText(e.plannedResult) : '—')}
          </Fact>
          <Fact label="Компетенции">{e.competencies.map((c) => c.name).join('; ') || '—'}</Fact>
        </SimpleGrid>
        {e.description && (
          <Text size="sm" mt="sm">
            {e.description}
          </Text>
        )}
      </Paper>

      {e.kind === 'contest' && (
        <Button component={Link} to={`/events/${e.id}/contest`} variant="light" w="fit-content">
          Конкурс: номинации, работы, оценки и итоги
        </Button>
      )}

      {message && (
        <Alert color="green" role="status">
          {message}
        </Alert>
      )}
      <ErrorAlert error={error} title="Не получилось" />

      {me.personId && (
        <Section title="Моя регистрация">
          {reg.mine ? (
            <Group>
              <Badge
                size="lg"
                variant="light"
                color={STATUS_COLORS[reg.mine.status]}
                data-testid="my-registration"
              >
                {reg.mine.statusName}
                {reg.mine.waitlistPosition ? `, место в очереди: ${reg.mine.waitlistPosition}` : ''}
              </Badge>
              {reg.canCancel && (
                <Button
                  variant="light"
                  color="red"
                  onClick={() => act(() => cancelRegistration(reg.mine!.id))}
                >
                  Отменить регистрацию
                </Button>
              )}
              {reg.mine.status === 'confirmed' && (
                <CheckInQrButton registrationId={reg.mine.id} eventTitle={e.title} />
              )}
            </Group>
          ) : reg.canRegister ? (
            <Group>
              <Button onClick={() => act(() => registerForEvent(e.id))}>Зарегистрироваться</Button>
              {reg.note && <Text c="orange">{reg.note}</Text>}
            </Group>
          ) : (
            <Text c="dimmed" data-testid="register-reason">
              {reg.reason ?? 'Регистрация недоступна'}
            </Text>
          )}
        </Section>
      )}

      {isHead && reg.canNominate && (
        <NominateSection onNominate={(personId) => act(() => nominateForEvent(e.id, personId))} />
      )}

      {(e.canManage || isHead || (registrations.data?.total ?? 0) > 0) && (
        <Section title="Зарегистрированные">
          {registrations.data && registrations.data.total === 0 && (
            <Paper withBorder>
              <Empty
                title="Пока никто не зарегистрирован"
                description={
                  e.plan.status === 'approved'
                    ? 'Педагоги целевой группы видят мероприятие в плане и регистрируются сами; руководители организаций могут направить сотрудников.'
                    : 'Регистрация откроется после утверждения плана.'
                }
              />
            </Paper>
          )}
          {registrations.data && registrations.data.total > 0 && (
            <TableCard loading={registrations.isFetching} minWidth={700}>
              <Table verticalSpacing={6} fz="sm" aria-label="Регистрации">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Педагог</Table.Th>
                    <Table.Th w={220}>Организация</Table.Th>
                    <Table.Th w={110}>Как</Table.Th>
                    <Table.Th w={240}>Статус</Table.Th>
                    <Table.Th w={180}>Присутствие</Table.Th>
                    {e.canManage && <Table.Th w={220} />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {registrations.data.items.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{r.personName}</Table.Td>
                      <Table.Td>{r.organizationName ?? '—'}</Table.Td>
                      <Table.Td>{r.source === 'self' ? 'сам(а)' : 'направлен(а)'}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={STATUS_COLORS[r.status]}>
                          {r.statusName}
                          {r.waitlistPosition ? ` (${r.waitlistPosition})` : ''}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {r.attended === null ? '—' : r.attended ? 'присутствовал(а)' : 'не было'}
                        {r.role !== 'participant' ? `; ${r.roleName}` : ''}
                      </Table.Td>
                      {e.canManage && (
                        <Table.Td>
                          {r.status === 'pending' && (
                            <Group gap={4}>
                              <Button
                                size="compact-xs"
                                onClick={() => act(() => decideRegistration(r.id, 'confirmed'))}
                              >
                                Подтвердить
                              </Button>
                              <Button
                                size="compact-xs"
                                variant="light"
                                color="red"
                                onClick={() => act(() => decideRegistration(r.id, 'rejected'))}
                              >
                                Отклонить
                              </Button>
                            </Group>
                          )}
                          {reg.canCancel && (r.status === 'confirmed' || r.status === 'waitlisted') && (
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              color="red"
                              onClick={() => act(() => cancelRegistration(r.id))}
                            >
                              Отменить
                            </Button>
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableCard>
          )}
        </Section>
      )}

      {e.canManage && editing && (
        <EventForm
          planId={e.planId}
          planLevel={e.plan.level}
          event={e}
          opened={editing}
          onClose={() => setEditing(false)}
        />
      )}
    </Stack>
  );
}
