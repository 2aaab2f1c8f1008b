import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Divider,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/api.ts';
import { useFrameworks } from '../../api/assessment.ts';
import { certificatePdfHref } from '../../api/events.ts';
import {
  addRouteItem,
  afterRouteChanged,
  agreeRoute,
  awaitsConfirmation,
  cancelRoute,
  commentOnRoute,
  completeRoute,
  confirmRouteItem,
  deleteRouteItem,
  dropRouteItem,
  type Evidence,
  fileHref,
  LEARNING_FORMS,
  markItemDone,
  type RouteCard,
  type RouteEvent,
  type RouteItem,
  returnRouteItem,
  startRoute,
  startRouteItem,
  updateRoute,
  updateRouteItem,
  useCuratorUsers,
  useRoute,
  useRouteAction,
} from '../../api/routes.ts';
import { useMe } from '../../auth/session.tsx';
import { CodeMark } from '../../components/code-mark.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { NoAccess } from '../../components/no-access.tsx';
import { Section } from '../../components/page.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../lib/words.ts';
import { EvidenceDialog, ItemDialog, RouteEditDialog, TextDialog } from './route-dialogs.tsx';
import { RouteEffectBlock } from './route-effect.tsx';
import { ItemEventBlock } from './route-event.tsx';
import { ItemStatusBadge, KindBadge, RouteProgress, RouteStatusBadge } from './route-parts.tsx';
import { competencyOptions } from './route-refs.ts';

type Dialog =
  | { kind: 'cancel' }
  | { kind: 'drop'; item: RouteItem }
  | { kind: 'return'; item: RouteItem }
  | { kind: 'done'; item: RouteItem }
  | { kind: 'item'; item: RouteItem | null }
  | { kind: 'edit' }
  | null;

const EVENT_LABELS: Record<string, string> = {
  created: 'Маршрут сформирован',
  status: 'Статус маршрута',
  agreed: 'Согласование',
  item_status: 'Пункт маршрута',
  evidence: 'Приложено подтверждение',
  confirmed: 'Выполнение подтверждено',
  returned: 'Возвращено на доработку',
  comment: 'Комментарий',
  curator: 'Куратор',
  edited: 'Изменение маршрута',
  mentor: 'Наставник',
};
const EVENT_COLORS: Record<string, string> = {
  confirmed: 'teal',
  returned: 'orange',
  agreed: 'blue',
  comment: 'gray',
  evidence: 'yellow',
};

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Box>
  );
}

function EvidenceView({ evidence }: { evidence: Evidence }) {
  return (
    <Text size="sm" data-testid="item-evidence">
      Подтверждение:{' '}
      {evidence.kind === 'link' ? (
        <Anchor href={evidence.url} target="_blank" rel="noreferrer noopener">
          {evidence.url}
        </Anchor>
      ) : evidence.kind === 'file' ? (
        <Anchor href={fileHref(evidence.fileId)} download={evidence.fileName}>
          {evidence.fileName} ({formatNumber(evidence.size / 1024, 0)} КБ)
        </Anchor>
      ) : evidence.kind === 'mentorship' ? (
        <>
          наставничество завершено {formatDate(evidence.finishedOn)} (наставник — {evidence.mentorName}),
          программа выполнена{evidence.outcome ? `: ${evidence.outcome}` : ''}
        </>
      ) : (
        <>
          присутствие на мероприятии отметил организатор,{' '}
          <Anchor href={evidence.verifyPath} target="_blank" rel="noreferrer noopener">
            сертификат № {evidence.serial}
          </Anchor>{' '}
          (<Anchor href={certificatePdfHref(evidence.certificateId)}>PDF</Anchor>)
        </>
      )}
      {'note' in evidence && evidence.note ? (
        <Text span size="sm" c="dimmed">
          {' '}
          — {evidence.note}
        </Text>
      ) : null}
    </Text>
  );
}

const MENTOR_STATES = {
  suggested: { label: 'предложен, ждёт подтверждения руководителя школы', color: 'orange' },
  active: { label: 'наставничество идёт', color: 'blue' },
  finished: { label: 'наставничество завершено', color: 'teal' },
} as const;

/** A mentoring item's mentor and where the pair stands. */
function ItemMentorBlock({ mentor }: { mentor: NonNullable<RouteItem['mentor']> }) {
  const state = MENTOR_STATES[mentor.state];
  return (
    <Group gap={6} data-testid="item-mentor">
      <Text size="sm">
        <Text span size="sm" fw={600}>
          Наставник:
        </Text>{' '}
        {mentor.mentorshipId ? (
          <Anchor component={Link} to={`/mentoring/pairs/${mentor.mentorshipId}`} size="sm">
            {mentor.fullName}
          </Anchor>
        ) : (
          mentor.fullName
        )}
        {mentor.startedOn ? ` с ${formatDate(mentor.startedOn)}` : ''}
      </Text>
      <Badge size="sm" variant="light" color={state.color}>
        {state.label}
      </Badge>
    </Group>
  );
}

/** One activity of the route with what may be done to it now. */
function ItemCard({
  item,
  route,
  isTeacher,
  busy,
  act,
  open,
}: {
  item: RouteItem;
  route: RouteCard;
  isTeacher: boolean;
  busy: boolean;
  act: (write: () => Promise<unknown>) => void;
  open: (d: Dialog) => void;
}) {
  const p = route.permissions;
  const live = route.status !== 'completed' && route.status !== 'cancelled';
  const running = route.status === 'in_progress';
  const confirmed = Boolean(item.confirmedAt);
  const others = item.competencies.filter((c) => c.id !== item.competency?.id);
  // Only the curator or the methodist drops an item: the teacher asks for it in the item's comments.
  const canDrop =
    !isTeacher &&
    live &&
    (p.confirm || p.edit) &&
    (item.status === 'planned' || item.status === 'in_progress');
  return (
    <Paper
      withBorder
      p="sm"
      component="article"
      aria-label={item.title}
      data-testid="route-item"
      bg={item.status === 'dropped' ? 'gray.0' : undefined}
      style={awaitsConfirmation(item) ? { borderColor: 'var(--mantine-color-yellow-5)' } : undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Box>
            <Group gap={6} mb={2}>
              <KindBadge kind={item.activityKind} />
              <Text size="xs" c="dimmed">
                {LEARNING_FORMS[item.form] ?? item.form} · {item.hours} ч
                {item.plannedStart || item.plannedEnd
                  ? ` · ${formatDate(item.plannedStart)} – ${formatDate(item.plannedEnd)}`
                  : ''}
              </Text>
            </Group>
            <Text fw={600} size="sm" td={item.status === 'dropped' ? 'line-through' : undefined}>
              {item.title}
            </Text>
          </Box>
          <ItemStatusBadge status={item.status} confirmed={confirmed} />
        </Group>
        {item.reason && (
          <Text size="sm" data-testid="item-reason">
            <Text span size="sm" fw={600}>
              Почему в маршруте:
            </Text>{' '}
            {item.reason}
          </Text>
        )}
        {item.expectedResult && (
          <Text size="sm" c="dimmed">
            Ожидаемый результат: {item.expectedResult}
          </Text>
        )}
        <Group gap="md">
          {item.baselinePercent !== null && (
            <Text size="xs" c="dimmed">
              Исходный уровень: {formatNumber(item.baselinePercent, 1)}%
            </Text>
          )}
          {others.length > 0 && (
            <Text size="xs" c="dimmed">
              Также закрывает: {others.map((c) => c.name).join('; ')}
            </Text>
          )}
        </Group>
        {item.event && (
          <ItemEventBlock
            event={item.event}
            isTeacher={isTeacher}
            open={live && item.status !== 'dropped' && !(item.status === 'done' && confirmed)}
          />
        )}
        {item.mentor && <ItemMentorBlock mentor={item.mentor} />}
        {item.material && (
          <Group gap="xs" data-testid="item-material">
            <Text size="sm">
              Материал банка практик:{' '}
              <Anchor component={Link} to={`/practices/${item.material.id}`} size="sm">
                {item.material.title}
              </Anchor>
            </Text>
            {item.material.url && (
              <Anchor href={item.material.url} target="_blank" rel="noopener" size="sm">
                открыть
              </Anchor>
            )}
          </Group>
        )}
        {item.evidence && <EvidenceView evidence={item.evidence} />}
        {confirmed && (
          <Text size="xs" c="teal.8">
            {item.evidence?.kind === 'certificate' && !item.confirmedBy
              ? `Подтверждено отметкой о присутствии ${formatDateTime(item.confirmedAt)}`
              : item.evidence?.kind === 'mentorship' && !item.confirmedBy
                ? `Подтверждено завершением наставничества ${formatDateTime(item.confirmedAt)}`
                : `Подтвердил(а) ${item.confirmedBy?.fullName ?? 'куратор'} ${formatDateTime(item.confirmedAt)}`}
          </Text>
        )}
        {item.droppedReason && (
          <Text size="xs" c="red.8">
            Исключено: {item.droppedReason}
          </Text>
        )}
        <Group gap="xs">
          {isTeacher && running && item.status === 'planned' && (
            <Button
              size="compact-sm"
              variant="light"
              disabled={busy}
              onClick={() => act(() => startRouteItem(route.id, item.id))}
            >
              Приступить
            </Button>
          )}
          {isTeacher && running && (item.status === 'planned' || item.status === 'in_progress') && (
            <Button size="compact-sm" disabled={busy} onClick={() => open({ kind: 'done', item })}>
              Отметить выполнение
            </Button>
          )}
          {p.confirm && awaitsConfirmation(item) && (
            <>
              <Button
                size="compact-sm"
                color="teal"
                disabled={busy}
                onClick={() => act(() => confirmRouteItem(route.id, item.id))}
              >
                Подтвердить
              </Button>
              <Button
                size="compact-sm"
                variant="light"
                color="orange"
                disabled={busy}
                onClick={() => open({ kind: 'return', item })}
              >
                Вернуть на доработку
              </Button>
            </>
          )}
          {canDrop && (
            <Button
              size="compact-sm"
              variant="subtle"
              color="red"
              disabled={busy}
              onClick={() => open({ kind: 'drop', item })}
            >
              Исключить
            </Button>
          )}
          {p.edit && route.status === 'draft' && (
            <Button
              size="compact-sm"
              variant="subtle"
              disabled={busy}
              onClick={() => open({ kind: 'item', item })}
            >
              Изменить
            </Button>
          )}
          {p.edit && route.status === 'draft' && (
            <Button
              size="compact-sm"
              variant="subtle"
              color="gray"
              disabled={busy}
              onClick={() => {
                if (window.confirm(`Удалить пункт «${item.title}» из черновика?`))
                  act(() => deleteRouteItem(route.id, item.id));
              }}
            >
              Удалить
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/** Items grouped under their main competency, or simply in the route's order. */
function ItemsList({
  route,
  extra,
  children,
}: {
  route: RouteCard;
  extra?: ReactNode;
  children: (item: RouteItem) => ReactNode;
}) {
  const [view, setView] = useState<'competency' | 'order'>('competency');
  const items = [...route.items].sort((a, b) => a.position - b.position);
  const groups = new Map<string, { title: string; code?: string; items: RouteItem[] }>();
  for (const it of items) {
    const key = it.competency?.id ?? '';
    const title = it.competency ? it.competency.name : 'Без компетенции';
    if (!groups.has(key)) groups.set(key, { title, code: it.competency?.code, items: [] });
    groups.get(key)?.items.push(it);
  }
  return (
    <Section
      title={`Пункты маршрута (${items.length})`}
      actions={
        <>
          {extra}
          <SegmentedControl
            size="xs"
            value={view}
            onChange={(v) => setView(v as 'competency' | 'order')}
            data={[
              { value: 'competency', label: 'По компетенциям' },
              { value: 'order', label: 'По порядку' },
            ]}
          />
        </>
      }
    >
      {items.length === 0 && (
        <Text size="sm" c="dimmed">
          В маршруте пока нет пунктов.
        </Text>
      )}
      {view === 'order' ? (
        <Stack gap="xs">{items.map((it) => children(it))}</Stack>
      ) : (
        [...groups.entries()].map(([key, g]) => (
          <Stack key={key} gap="xs">
            <Title order={3} size="h6" c="dimmed">
              {g.title} {g.code && <CodeMark code={g.code} />}
            </Title>
            {g.items.map((it) => children(it))}
          </Stack>
        ))
      )}
    </Section>
  );
}

function EventsTimeline({
  route,
  onComment,
  pending,
  error,
}: {
  route: RouteCard;
  onComment: (text: string, itemId: string | null) => void;
  pending: boolean;
  error: unknown;
}) {
  const [text, setText] = useState('');
  const [itemId, setItemId] = useState('');
  const itemTitle = new Map(route.items.map((i) => [i.id, i.title]));
  const events = [...route.events].sort((a, b) => (a.at < b.at ? 1 : -1));
  return (
    <Section title="История и комментарии">
      {route.permissions.comment && (
        <Paper withBorder p="sm">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!text.trim()) return;
              onComment(text.trim(), itemId || null);
              setText('');
            }}
          >
            <Stack gap="xs">
              <Textarea
                label="Комментарий"
                placeholder="Вопрос куратору, уточнение по пункту…"
                autosize
                minRows={2}
                maxLength={2000}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
              />
              <Group align="flex-end" gap="xs">
                <NativeSelect
                  label="К чему"
                  size="xs"
                  data={[
                    { value: '', label: 'К маршруту в целом' },
                    ...route.items.map((i) => ({ value: i.id, label: i.title.slice(0, 80) })),
                  ]}
                  value={itemId}
                  onChange={(e) => setItemId(e.currentTarget.value)}
                  style={{ flex: 1 }}
                />
                <Button type="submit" size="xs" loading={pending} disabled={!text.trim()}>
                  Отправить
                </Button>
              </Group>
              <ErrorAlert error={error} title="Комментарий не отправлен" />
            </Stack>
          </form>
        </Paper>
      )}
      {events.length === 0 ? (
        <Text size="sm" c="dimmed">
          Событий пока нет.
        </Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} active={-1} aria-label="История маршрута">
          {events.map((ev: RouteEvent) => (
            <Timeline.Item
              key={String(ev.id)}
              color={EVENT_COLORS[ev.kind] ?? 'blue'}
              title={
                <Text size="sm" fw={600}>
                  {EVENT_LABELS[ev.kind] ?? ev.kind}
                  {ev.itemId && itemTitle.has(ev.itemId) ? (
                    <Text span size="sm" fw={400} c="dimmed">
                      {' '}
                      · {itemTitle.get(ev.itemId)}
                    </Text>
                  ) : null}
                </Text>
              }
            >
              {ev.text && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {ev.text}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {ev.author?.fullName ?? 'Система'} · {formatDateTime(ev.at)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Section>
  );
}

function AssignCurator({
  route,
  act,
  busy,
}: {
  route: RouteCard;
  act: (write: () => Promise<unknown>) => void;
  busy: boolean;
}) {
  const users = useCuratorUsers();
  const [userId, setUserId] = useState(route.curator?.userId ?? '');
  if (users.error) return null;
  return (
    <Group align="flex-end" gap="xs">
      <NativeSelect
        label="Куратор маршрута"
        size="xs"
        data={[
          { value: '', label: 'Не назначен' },
          ...(users.data ?? []).map((u) => ({ value: u.id, label: `${u.fullName} (${u.roleLabel})` })),
        ]}
        value={userId}
        onChange={(e) => setUserId(e.currentTarget.value)}
        w={280}
      />
      <Button
        size="xs"
        variant="light"
        disabled={busy || userId === (route.curator?.userId ?? '')}
        onClick={() => act(() => updateRoute(route.id, { curatorUserId: userId || null }))}
      >
        Назначить
      </Button>
    </Group>
  );
}

/**
 * The route card: who, status, agreements, actions the server allows (`permissions`), items with
 * their reasons and evidence, history with comments, and the effect on the competencies.
 * Shared by the methodist's `/routes/:id`, the teacher's «Мой маршрут» and the curator.
 */
export function RouteCardView({ id, headingLevel = 1 }: { id: string; headingLevel?: 1 | 2 }) {
  const me = useMe();
  const route = useRoute(id);
  const frameworks = useFrameworks();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const action = useRouteAction();
  const comment = useMutation({
    mutationFn: (b: { text: string; itemId: string | null }) =>
      commentOnRoute(id, { text: b.text, ...(b.itemId ? { itemId: b.itemId } : {}) }),
    onSuccess: () => void afterRouteChanged(qc),
  });
  const closeDialog = () => setDialog(null);
  const refresh = () => afterRouteChanged(qc);

  if (route.isPending) return <LoadingRows rows={6} label="Загрузка маршрута" />;
  if (route.error) {
    if (route.error instanceof ApiError && route.error.isNotFoundOrForbidden) return <NoAccess />;
    return <ErrorAlert error={route.error} title="Не удалось загрузить маршрут" />;
  }
  const r = route.data;
  const p = r.permissions;
  const isTeacher = Boolean(me.personId && me.personId === r.personId);
  const busy = action.isPending;
  const act = (write: () => Promise<unknown>) => action.mutate(write);
  const live = r.status !== 'completed' && r.status !== 'cancelled';
  const framework = frameworks.data?.items.find((f) => f.id === r.frameworkId);
  const competencyChoices = framework
    ? competencyOptions([framework])
    : [...new Map(r.items.flatMap((i) => i.competencies).map((c) => [c.id, c])).values()].map((c) => ({
        value: c.id,
        label: c.name,
      }));

  return (
    <Stack gap="lg">
      <Paper withBorder p="md" component="section" aria-label="Сведения о маршруте">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start" wrap="wrap">
            <Box>
              <Title order={headingLevel} size="h2">
                {r.fullName}
              </Title>
              <Text c="dimmed" size="sm">
                {r.organization}
              </Text>
              <Text size="sm" mt={4}>
                {r.title}
              </Text>
            </Box>
            <Group gap="xs">
              <RouteStatusBadge status={r.status} />
            </Group>
          </Group>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            <Field label="Период">
              {formatDate(r.periodStart)} – {formatDate(r.periodEnd)}
            </Field>
            <Field label="Куратор">{r.curator?.fullName ?? 'не назначен'}</Field>
            <Field label="Педагог согласовал">
              <span data-testid="agreed-teacher">
                {r.agreedByTeacherAt ? formatDateTime(r.agreedByTeacherAt) : 'ещё нет'}
              </span>
            </Field>
            <Field label="Куратор согласовал">
              <span data-testid="agreed-curator">
                {r.agreedByCuratorAt ? formatDateTime(r.agreedByCuratorAt) : 'ещё нет'}
              </span>
            </Field>
            <Field label="Пунктов выполнено">
              {r.itemsDone} из {r.itemsTotal}
              {r.itemsAwaitingConfirmation > 0 && (
                <Badge ml={6} color="yellow" variant="light" size="sm">
                  ждут подтверждения: {r.itemsAwaitingConfirmation}
                </Badge>
              )}
            </Field>
            <Field label="Часов запланировано">{r.hoursPlanned}</Field>
            <Field label="Диагностика">{r.baselineOn ? `от ${formatDate(r.baselineOn)}` : '—'}</Field>
            <Field label="Выполнение">
              <RouteProgress value={r.progress} w={140} />
            </Field>
          </SimpleGrid>
          {r.status === 'cancelled' && r.cancelledReason && (
            <Alert color="red" title="Маршрут отменён">
              {r.cancelledReason}
            </Alert>
          )}
          {r.status === 'draft' && isTeacher && !r.agreedByTeacherAt && (
            <Alert color="blue" title="Ознакомьтесь с маршрутом">
              Проверьте пункты и причины, по которым они выбраны. Если согласны — нажмите «Согласовать
              маршрут»; вопросы можно задать куратору в комментариях ниже.
            </Alert>
          )}
          <ErrorAlert error={action.error} title="Действие не выполнено" />
          <Group gap="xs" wrap="wrap">
            {p.agreeAsTeacher && (
              <Button onClick={() => act(() => agreeRoute(r.id))} loading={busy}>
                Согласовать маршрут
              </Button>
            )}
            {p.agreeAsCurator && (
              <Button onClick={() => act(() => agreeRoute(r.id))} loading={busy}>
                Согласовать как куратор
              </Button>
            )}
            {p.start && (
              <Button color="indigo" onClick={() => act(() => startRoute(r.id))} loading={busy}>
                Начать выполнение
              </Button>
            )}
            {p.complete && (
              <Button
                color="teal"
                onClick={() => {
                  if (window.confirm('Завершить маршрут? После завершения пункты нельзя будет менять.'))
                    act(() => completeRoute(r.id));
                }}
                loading={busy}
              >
                Завершить маршрут
              </Button>
            )}
            {p.assignCurator && live && (
              <Button variant="default" onClick={() => setDialog({ kind: 'edit' })} disabled={busy}>
                Изменить маршрут
              </Button>
            )}
            {p.cancel && (
              <Button
                color="red"
                variant="light"
                onClick={() => setDialog({ kind: 'cancel' })}
                disabled={busy}
              >
                Отменить маршрут
              </Button>
            )}
            <Box style={{ flex: 1 }} />
            {p.assignCurator && <AssignCurator route={r} act={act} busy={busy} />}
          </Group>
        </Stack>
      </Paper>

      <ItemsList
        route={r}
        extra={
          p.edit && live ? (
            <Button size="xs" variant="light" onClick={() => setDialog({ kind: 'item', item: null })}>
              Добавить пункт
            </Button>
          ) : undefined
        }
      >
        {(item) => (
          <ItemCard
            key={item.id}
            item={item}
            route={r}
            isTeacher={isTeacher}
            busy={busy}
            act={act}
            open={setDialog}
          />
        )}
      </ItemsList>

      <Divider />
      <RouteEffectBlock routeId={r.id} />
      <Divider />

      <EventsTimeline
        route={r}
        onComment={(text, itemId) => comment.mutate({ text, itemId })}
        pending={comment.isPending}
        error={comment.error}
      />

      {isTeacher || !me.capabilities.directory.seeRegistry ? null : (
        <Text size="xs" c="dimmed">
          <Anchor component={Link} to={`/people/${r.personId}`} size="xs">
            Карточка педагога
          </Anchor>
        </Text>
      )}

      <TextDialog
        opened={dialog?.kind === 'cancel'}
        title="Отменить маршрут"
        label="Причина отмены"
        field="reason"
        emptyMessage="Укажите причину отмены"
        description="Маршрут останется в истории со статусом «Отменён»."
        submitLabel="Отменить маршрут"
        color="red"
        onClose={closeDialog}
        submit={(reason) => cancelRoute(r.id, reason)}
        onSuccess={refresh}
      />
      <TextDialog
        opened={dialog?.kind === 'drop'}
        title="Исключить пункт"
        label="Причина"
        field="reason"
        emptyMessage="Укажите причину"
        description={dialog?.kind === 'drop' ? dialog.item.title : undefined}
        submitLabel="Исключить"
        color="red"
        onClose={closeDialog}
        submit={(reason) => dropRouteItem(r.id, dialog?.kind === 'drop' ? dialog.item.id : '', reason)}
        onSuccess={refresh}
      />
      <TextDialog
        opened={dialog?.kind === 'return'}
        title="Вернуть на доработку"
        label="Что нужно исправить"
        field="comment"
        emptyMessage="Напишите, что нужно исправить"
        description={dialog?.kind === 'return' ? dialog.item.title : undefined}
        submitLabel="Вернуть"
        color="orange"
        onClose={closeDialog}
        submit={(text) => returnRouteItem(r.id, dialog?.kind === 'return' ? dialog.item.id : '', text)}
        onSuccess={refresh}
      />
      {dialog?.kind === 'item' && (
        <ItemDialog
          opened
          item={dialog.item}
          competencies={competencyChoices}
          onClose={closeDialog}
          submit={(body) =>
            dialog.item ? updateRouteItem(r.id, dialog.item.id, body) : addRouteItem(r.id, body)
          }
          onSuccess={refresh}
        />
      )}
      {dialog?.kind === 'edit' && (
        <RouteEditDialog
          opened
          route={r}
          onClose={closeDialog}
          submit={(body) => updateRoute(r.id, body)}
          onSuccess={refresh}
        />
      )}
      {dialog?.kind === 'done' && (
        <EvidenceDialog
          opened
          itemTitle={dialog.item.title}
          onClose={closeDialog}
          submit={(evidence) => markItemDone(r.id, dialog.item.id, evidence)}
          onSuccess={refresh}
        />
      )}
    </Stack>
  );
}
