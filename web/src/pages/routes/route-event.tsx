import { Anchor, Badge, Button, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { afterEventsChanged, registerForEvent, useEventCard } from '../../api/events.ts';
import { afterRouteChanged, type RouteItem } from '../../api/routes.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { formatDate } from '../../lib/words.ts';
import { STATUS_COLORS } from '../events/events-words.ts';

type ItemEvent = NonNullable<RouteItem['event']>;

const LIVE = ['pending', 'confirmed', 'waitlisted'];

/**
 * The event a route item points at: a link to its page, the route person's registration, and for
 * the teacher of an open item the «Записаться» button — or, from the event's own card, why not.
 */
export function ItemEventBlock({
  event,
  isTeacher,
  open,
}: {
  event: ItemEvent;
  isTeacher: boolean;
  /** The item is not yet closed and the route is live. */
  open: boolean;
}) {
  const reg = event.registration;
  const live = reg && LIVE.includes(reg.status);
  return (
    <Group gap="xs" data-testid="item-event" wrap="wrap">
      <Text size="sm">
        Мероприятие плана:{' '}
        <Anchor component={Link} to={`/events/${event.id}`}>
          {event.title}
        </Anchor>
        {event.startsOn ? `, ${formatDate(event.startsOn)}` : ''}
        {event.endsOn && event.endsOn !== event.startsOn ? ` – ${formatDate(event.endsOn)}` : ''}
      </Text>
      {reg ? (
        <Badge
          variant="light"
          color={STATUS_COLORS[reg.status] ?? 'gray'}
          data-testid="item-event-registration"
        >
          {reg.attended ? 'присутствие подтверждено' : reg.statusName}
        </Badge>
      ) : (
        <Badge variant="light" color="gray" data-testid="item-event-registration">
          не зарегистрирован(а)
        </Badge>
      )}
      {isTeacher && open && !live && <RegisterFromRoute eventId={event.id} />}
    </Group>
  );
}

/** The teacher's own registration: the event card says whether they may, and why not. */
function RegisterFromRoute({ eventId }: { eventId: string }) {
  const qc = useQueryClient();
  const card = useEventCard(eventId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (card.error) return null;
  const r = card.data?.registration;
  if (!r) return null;
  if (!r.canRegister)
    return (
      <Text size="sm" c="dimmed" data-testid="item-event-reason">
        {r.reason ?? 'Регистрация недоступна'}
      </Text>
    );
  async function register() {
    setBusy(true);
    setError(null);
    try {
      const out = await registerForEvent(eventId);
      setMessage(out.message);
      await Promise.all([afterEventsChanged(qc), afterRouteChanged(qc)]);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Button size="compact-sm" onClick={register} loading={busy} data-testid="item-event-register">
        Записаться
      </Button>
      {r.note && (
        <Text size="sm" c="orange.8">
          {r.note}
        </Text>
      )}
      {message && (
        <Text size="sm" c="green.8" role="status">
          {message}
        </Text>
      )}
      <ErrorAlert error={error} title="Не получилось записаться" />
    </>
  );
}
