import { Alert, Anchor, Badge, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCheckInTarget } from '../../api/contests.ts';
import { afterEventsChanged, markAttendance } from '../../api/events.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { eventWhen, STATUS_COLORS } from './events-words.ts';

/**
 * The page a registration's QR code opens: the organizer of the event (on a phone) sees the
 * person and marks them present with one big button; anyone else gets the server's refusal.
 */
export default function CheckInScanPage() {
  const { token = '' } = useParams();
  const qc = useQueryClient();
  const target = useCheckInTarget(token);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (target.error)
    return (
      <Stack maw={480} mx="auto">
        <ErrorAlert error={target.error} title="Отметка по QR-коду недоступна" />
      </Stack>
    );
  if (!target.data) return <LoadingRows rows={3} label="Загрузка регистрации" />;
  const { registration: r, eventTitle, eventStartsOn } = target.data;

  return (
    <Stack gap="md" maw={480} mx="auto" data-testid="check-in-scan">
      <Anchor component={Link} to={`/events/${r.eventId}/check-in`} size="sm">
        ← Список присутствия
      </Anchor>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {eventTitle}
            {eventStartsOn
              ? ` · ${eventWhen({ periodText: null, startsOn: eventStartsOn, endsOn: null })}`
              : ''}
          </Text>
          <Title order={2}>{r.personName}</Title>
          <Text size="sm">{r.organizationName ?? '—'}</Text>
          <Text size="sm">
            <Badge variant="light" color={STATUS_COLORS[r.status]}>
              {r.statusName}
            </Badge>{' '}
            {r.role !== 'participant' ? r.roleName : ''}
          </Text>
        </Stack>
      </Paper>
      {r.attended ? (
        <Alert color="green" role="status" title="Присутствие отмечено">
          {r.certificate?.status === 'valid' ? 'Сертификат выдан.' : ''}
        </Alert>
      ) : r.status !== 'confirmed' ? (
        <Alert color="orange">Отметить присутствие можно только у подтверждённой регистрации.</Alert>
      ) : (
        <Button
          size="xl"
          h={72}
          fullWidth
          loading={busy}
          onClick={async () => {
            setError(null);
            setBusy(true);
            try {
              await markAttendance(r.id, true);
              await afterEventsChanged(qc);
            } catch (err) {
              setError(err);
            } finally {
              setBusy(false);
            }
          }}
        >
          Отметить присутствие
        </Button>
      )}
      <ErrorAlert error={error} title="Отметка не сохранена" />
    </Stack>
  );
}
