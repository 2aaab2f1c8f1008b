import {
  Anchor,
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../../../auth/session.tsx';
import { Empty } from '../../../components/empty.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { LoadingRows } from '../../../components/loading.tsx';
import { PageHeader } from '../../../components/page.tsx';
import { TableCard } from '../../../components/table-parts.tsx';
import { EVENT_KINDS, EVENT_LEVELS, eventWhen, options, STATUS_COLORS } from '../events-words.ts';
import {
  type CalendarEntry,
  type CalendarQuery,
  useMyCalendar,
  useTerritoryCalendar,
} from './calendar-api.ts';
import {
  covers,
  dayOfMonth,
  dayTitle,
  step,
  todayIso,
  type View,
  viewRange,
  viewTitle,
  WEEKDAYS,
} from './calendar-dates.ts';
import { SubscribeModal } from './subscribe-modal.tsx';

type Scope = 'territory' | 'mine';

const ROUTE_ITEM_COLOR = 'grape';

function entryColor(e: CalendarEntry): string {
  if (e.type === 'route_item') return ROUTE_ITEM_COLOR;
  return e.registration ? (STATUS_COLORS[e.registration.status] ?? 'blue') : 'blue';
}

function entryHint(e: CalendarEntry): string {
  const parts = [e.kindName, eventWhen(e)];
  if (e.place ?? e.onlineUrl) parts.push((e.place ?? e.onlineUrl)!);
  if (e.registration) parts.push(`Регистрация: ${e.registration.statusName}`);
  if (e.routeTitle) parts.push(`Маршрут «${e.routeTitle}», ${e.itemStatusName}`);
  return parts.join(' · ');
}

/** One entry in a day cell: a coloured link to the event's or the route's page. */
function Chip({ e }: { e: CalendarEntry }) {
  return (
    <Tooltip label={entryHint(e)} multiline maw={320} openDelay={300}>
      <Anchor
        component={Link}
        to={e.href}
        size="xs"
        display="block"
        px={4}
        py={1}
        mb={2}
        c={`${entryColor(e)}.9`}
        bg={`${entryColor(e)}.0`}
        style={{ borderRadius: 4, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
      >
        {e.title}
      </Anchor>
    </Tooltip>
  );
}

const MAX_IN_CELL = 3;

function MonthView({ days, items, anchor }: { days: string[]; items: CalendarEntry[]; anchor: string }) {
  const today = todayIso();
  const month = anchor.slice(0, 7);
  return (
    <Paper withBorder p={0} style={{ overflowX: 'auto' }}>
      <Box miw={720} role="grid" aria-label="Календарь на месяц">
        <SimpleGrid cols={7} spacing={0} role="row">
          {WEEKDAYS.map((d) => (
            <Text key={d} size="xs" fw={600} c="dimmed" p={4} ta="center" role="columnheader">
              {d}
            </Text>
          ))}
        </SimpleGrid>
        <SimpleGrid cols={7} spacing={0}>
          {days.map((d) => {
            const here = items.filter((e) => covers(e, d));
            const outside = d.slice(0, 7) !== month;
            return (
              <Box
                key={d}
                role="gridcell"
                aria-label={dayTitle(d)}
                p={4}
                mih={96}
                style={{
                  borderTop: '1px solid var(--mantine-color-gray-3)',
                  borderRight: '1px solid var(--mantine-color-gray-2)',
                  background: outside ? 'var(--mantine-color-gray-0)' : undefined,
                }}
              >
                <Text
                  size="xs"
                  fw={d === today ? 700 : 400}
                  c={d === today ? 'blue' : outside ? 'dimmed' : undefined}
                  mb={2}
                >
                  {dayOfMonth(d)}
                </Text>
                {here.slice(0, MAX_IN_CELL).map((e) => (
                  <Chip key={`${e.type}-${e.id}`} e={e} />
                ))}
                {here.length > MAX_IN_CELL && (
                  <Tooltip
                    label={here
                      .slice(MAX_IN_CELL)
                      .map((e) => e.title)
                      .join('; ')}
                    multiline
                    maw={320}
                  >
                    <Text size="xs" c="dimmed">
                      ещё {here.length - MAX_IN_CELL}
                    </Text>
                  </Tooltip>
                )}
              </Box>
            );
          })}
        </SimpleGrid>
      </Box>
    </Paper>
  );
}

function WeekView({ days, items }: { days: string[]; items: CalendarEntry[] }) {
  const today = todayIso();
  return (
    <SimpleGrid cols={{ base: 1, sm: 7 }} spacing="xs" aria-label="Календарь на неделю">
      {days.map((d) => {
        const here = items.filter((e) => covers(e, d));
        return (
          <Paper key={d} withBorder p="xs" mih={140} aria-label={dayTitle(d)}>
            <Text size="sm" fw={d === today ? 700 : 500} c={d === today ? 'blue' : undefined} mb={4}>
              {dayTitle(d)}
            </Text>
            {here.length === 0 && (
              <Text size="xs" c="dimmed">
                —
              </Text>
            )}
            {here.map((e) => (
              <Stack key={`${e.type}-${e.id}`} gap={0} mb={6}>
                <Chip e={e} />
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {e.kindName}
                  {e.place || e.onlineUrl ? ` · ${e.place ?? 'онлайн'}` : ''}
                </Text>
              </Stack>
            ))}
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}

function ListView({ items, loading }: { items: CalendarEntry[]; loading: boolean }) {
  return (
    <TableCard loading={loading} minWidth={720}>
      <Table striped verticalSpacing={6} fz="sm" aria-label="Список мероприятий">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={190}>Когда</Table.Th>
            <Table.Th>Мероприятие</Table.Th>
            <Table.Th w={180}>Вид</Table.Th>
            <Table.Th w={200}>Где</Table.Th>
            <Table.Th w={200}>Моё участие</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => (
            <Table.Tr key={`${e.type}-${e.id}`}>
              <Table.Td>{eventWhen(e)}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={e.href} size="sm" fw={500}>
                  {e.title}
                </Anchor>
                {(e.organizerName || e.routeTitle) && (
                  <Text size="xs" c="dimmed">
                    {e.routeTitle ? `Маршрут «${e.routeTitle}»` : e.organizerName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {e.kindName}
                {e.levelName && (
                  <Text size="xs" c="dimmed">
                    {e.levelName} уровень
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {e.place ??
                  (e.onlineUrl ? (
                    <Anchor href={e.onlineUrl} target="_blank" rel="noreferrer" size="sm">
                      онлайн
                    </Anchor>
                  ) : (
                    '—'
                  ))}
              </Table.Td>
              <Table.Td>
                {e.registration ? (
                  <Badge variant="light" color={STATUS_COLORS[e.registration.status]}>
                    {e.registration.statusName}
                  </Badge>
                ) : e.itemStatusName ? (
                  <Badge variant="light" color={ROUTE_ITEM_COLOR}>
                    {e.itemStatusName}
                  </Badge>
                ) : (
                  '—'
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableCard>
  );
}

/**
 * The calendar of methodical events: the territory's (events of approved plans, with filters) and
 * the teacher's own (registered events and dated route items), by month, week or as a list.
 */
export default function CalendarPage() {
  const me = useMe();
  const hasPerson = !!me.personId;
  // The scope, view and day live in the address (?scope=mine&view=week&at=2026-10-15): a link opens the same page.
  const [params, setParams] = useSearchParams();
  const scope: Scope = params.get('scope') === 'mine' && hasPerson ? 'mine' : 'territory';
  const view: View = (['month', 'week', 'list'] as const).find((v) => v === params.get('view')) ?? 'month';
  const at = params.get('at') ?? '';
  const anchor = /^\d{4}-\d{2}-\d{2}$/.test(at) && !Number.isNaN(Date.parse(at)) ? at : todayIso();
  const put = (key: string, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set(key, value);
        return next;
      },
      { replace: true },
    );
  const setScope = (v: Scope) => put('scope', v);
  const setView = (v: View) => put('view', v);
  const setAnchor = (v: string) => put('at', v);
  const [kind, setKind] = useState<string | null>(null);
  const [level, setLevel] = useState<string | null>(null);
  const [subjectTyped, setSubject] = useState('');
  const [young, setYoung] = useState(false);
  const [subscribing, setSubscribing] = useState(false);
  const [subject] = useDebouncedValue(subjectTyped.trim(), 300);

  const { from, to, days } = viewRange(view, anchor);
  const query: CalendarQuery = {
    from,
    to,
    ...(kind ? { kind: kind as CalendarQuery['kind'] } : {}),
    ...(level ? { level: level as CalendarQuery['level'] } : {}),
    ...(subject ? { subject } : {}),
    ...(young ? { targetYoung: 'true' as const } : {}),
  };
  const territory = useTerritoryCalendar(query, scope === 'territory');
  const mine = useMyCalendar(from, to, scope === 'mine');
  const current = scope === 'territory' ? territory : mine;
  const items = current.data?.items ?? [];
  const filtered = scope === 'territory' && !!(kind || level || subject || young);
  const clear = () => {
    setKind(null);
    setLevel(null);
    setSubject('');
    setYoung(false);
  };

  return (
    <Stack gap="md">
      <PageHeader
        title="Календарь мероприятий"
        description="Мероприятия утверждённых планов вашей территории и ваш личный календарь: регистрации и мероприятия маршрута."
        actions={
          <>
            <Button variant="default" component={Link} to="/events">
              Планы мероприятий
            </Button>
            <Button onClick={() => setSubscribing(true)}>Подписаться в календаре</Button>
          </>
        }
      />

      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="wrap">
          {hasPerson && (
            <SegmentedControl
              aria-label="Чей календарь"
              value={scope}
              onChange={(v) => setScope(v as Scope)}
              data={[
                { value: 'territory', label: 'Муниципалитет' },
                { value: 'mine', label: 'Мой календарь' },
              ]}
            />
          )}
          <SegmentedControl
            aria-label="Вид календаря"
            value={view}
            onChange={(v) => setView(v as View)}
            data={[
              { value: 'month', label: 'Месяц' },
              { value: 'week', label: 'Неделя' },
              { value: 'list', label: 'Список' },
            ]}
          />
        </Group>
        <Group gap="xs">
          <Button
            variant="default"
            size="compact-md"
            aria-label="Назад"
            onClick={() => setAnchor(step(view, anchor, -1))}
          >
            ‹
          </Button>
          <Button variant="default" size="compact-md" onClick={() => setAnchor(todayIso())}>
            Сегодня
          </Button>
          <Button
            variant="default"
            size="compact-md"
            aria-label="Вперёд"
            onClick={() => setAnchor(step(view, anchor, 1))}
          >
            ›
          </Button>
          <Text fw={600} miw={200} aria-live="polite">
            {viewTitle(view, anchor)}
          </Text>
        </Group>
      </Group>

      {scope === 'territory' && (
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label="Вид мероприятия"
            placeholder="Все виды"
            data={options(EVENT_KINDS)}
            value={kind}
            onChange={setKind}
            clearable
            w={240}
          />
          <Select
            label="Уровень"
            placeholder="Все уровни"
            data={options(EVENT_LEVELS)}
            value={level}
            onChange={setLevel}
            clearable
            w={180}
          />
          <TextInput
            label="Предмет целевой группы"
            placeholder="Математика"
            value={subjectTyped}
            onChange={(e) => setSubject(e.currentTarget.value)}
            w={220}
          />
          <Checkbox
            label="Для молодых специалистов"
            checked={young}
            onChange={(e) => setYoung(e.currentTarget.checked)}
            mb={8}
          />
          {filtered && (
            <Button variant="subtle" onClick={clear}>
              Сбросить фильтры
            </Button>
          )}
        </Group>
      )}

      <ErrorAlert error={current.error} title="Не удалось загрузить календарь" />
      {current.isPending && <LoadingRows rows={4} label="Загрузка календаря" />}

      {current.data && items.length === 0 && (
        <Paper withBorder>
          {scope === 'mine' ? (
            <Empty
              title="В вашем календаре на эти даты пусто"
              description="Здесь появляются мероприятия, на которые вы зарегистрировались, и мероприятия вашего маршрута с запланированными датами. Найдите мероприятие в календаре муниципалитета и зарегистрируйтесь на его странице."
              actions={
                <Button variant="light" onClick={() => setScope('territory')}>
                  Открыть календарь муниципалитета
                </Button>
              }
            />
          ) : filtered ? (
            <Empty
              title="Под фильтры ничего не попало"
              description="Измените вид, уровень или предмет — или сбросьте фильтры."
              actions={
                <Button variant="light" onClick={clear}>
                  Сбросить фильтры
                </Button>
              }
            />
          ) : (
            <Empty
              title="На эти даты мероприятий нет"
              description="В календаре — мероприятия утверждённых планов с датами. Перейдите к другому месяцу; если план ещё не утверждён, его мероприятия появятся после утверждения."
            />
          )}
        </Paper>
      )}

      {current.data && items.length > 0 && view === 'month' && (
        <MonthView days={days} items={items} anchor={anchor} />
      )}
      {current.data && items.length > 0 && view === 'week' && <WeekView days={days} items={items} />}
      {current.data && items.length > 0 && view === 'list' && (
        <ListView items={items} loading={current.isFetching} />
      )}
      {current.data && items.length > 0 && (
        <Group gap="md">
          <Text size="xs" c="dimmed">
            Цвет: синий — мероприятие, зелёный — вы зарегистрированы, жёлтый и оранжевый — заявка ждёт
            подтверждения или вы в листе ожидания
            {scope === 'mine' ? ', сиреневый — мероприятие маршрута' : ''}.
          </Text>
        </Group>
      )}

      <SubscribeModal opened={subscribing} onClose={() => setSubscribing(false)} />
    </Stack>
  );
}
