import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  afterEventsChanged,
  attendanceImportUrl,
  attendanceTemplateUrl,
  certificatePdfHref,
  markAttendance,
  type Registration,
  revokeCertificate,
  setRegistrationRole,
  useEventCard,
  useEventRegistrations,
} from '../../api/events.ts';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ImportUpload } from '../../components/import-upload.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { PageHeader } from '../../components/page.tsx';
import { eventWhen, options, REGISTRATION_ROLES } from './events-words.ts';

type Role = Registration['role'];

/** One person of the list: a large tick box saved the moment it changes. */
function CheckRow({ r, onRole, onRevoke }: { r: Registration; onRole: () => void; onRevoke: () => void }) {
  const qc = useQueryClient();
  // The tick shows what was asked at once; the PUT is idempotent, so a retry cannot undo a later tick.
  const [wanted, setWanted] = useState<boolean | null>(null);
  const [error, setError] = useState<unknown>(null);
  const checked = wanted ?? r.attended === true;

  async function save(value: boolean) {
    setWanted(value);
    setError(null);
    try {
      await markAttendance(r.id, value);
      await afterEventsChanged(qc);
      setWanted(null);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Paper withBorder p="sm" data-testid="check-in-row">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Checkbox
          size="lg"
          checked={checked}
          onChange={(e) => save(e.currentTarget.checked)}
          label={
            <Stack gap={0}>
              <Text fw={500}>{r.personName}</Text>
              <Text size="xs" c="dimmed">
                {r.organizationName ?? '—'}
                {r.role !== 'participant' ? ` · ${r.roleName}` : ''}
                {r.topic ? ` · «${r.topic}»` : ''}
              </Text>
            </Stack>
          }
          aria-label={`Присутствовал(а): ${r.personName}`}
          // On a 375 px phone a long name wraps inside the label instead of pushing «Роль» off the card.
          style={{ flex: 1, minWidth: 0 }}
          styles={{ body: { alignItems: 'center' }, label: { cursor: 'pointer' } }}
        />
        <Button size="compact-sm" variant="subtle" onClick={onRole} style={{ flexShrink: 0 }}>
          Роль
        </Button>
      </Group>
      {r.certificate && (
        <Group gap="xs" mt={6} ml={44}>
          <Badge size="sm" variant="light" color={r.certificate.status === 'valid' ? 'green' : 'red'}>
            {r.certificate.status === 'valid' ? 'сертификат выдан' : 'сертификат отозван'}
          </Badge>
          <Anchor href={certificatePdfHref(r.certificate.id)} size="sm" download>
            PDF
          </Anchor>
          {r.certificate.status === 'valid' && (
            <Button size="compact-sm" variant="subtle" color="red" onClick={onRevoke}>
              Отозвать
            </Button>
          )}
        </Group>
      )}
      {error !== null && (
        <Group mt="xs" gap="xs">
          <ErrorAlert error={error} title="Отметка не сохранена" />
          <Button size="compact-sm" onClick={() => save(checked)}>
            Повторить
          </Button>
        </Group>
      )}
    </Paper>
  );
}

function RoleModal({ r, onClose }: { r: Registration; onClose: () => void }) {
  const qc = useQueryClient();
  const [role, setRole] = useState<Role>(r.role);
  const [topic, setTopic] = useState(r.topic ?? '');
  const [materialsUrl, setMaterialsUrl] = useState(r.materialsUrl ?? '');
  const [error, setError] = useState<unknown>(null);
  return (
    <Modal
      opened
      onClose={onClose}
      title={`Роль: ${r.personName}`}
      closeButtonProps={{ 'aria-label': 'Закрыть' }}
    >
      <Stack gap="sm">
        <Select
          label="Роль"
          data={options(REGISTRATION_ROLES)}
          value={role}
          onChange={(v) => v && setRole(v as Role)}
          allowDeselect={false}
        />
        {role === 'presenter' && (
          <>
            <TextInput
              label="Тема выступления"
              required
              value={topic}
              onChange={(e) => setTopic(e.currentTarget.value)}
            />
            <TextInput
              label="Ссылка на материалы"
              placeholder="https://…"
              value={materialsUrl}
              onChange={(e) => setMaterialsUrl(e.currentTarget.value)}
            />
          </>
        )}
        <ErrorAlert error={error} title="Роль не сохранена" />
        <Group justify="flex-end">
          <Button
            onClick={async () => {
              setError(null);
              try {
                await setRegistrationRole(r.id, {
                  role,
                  topic: topic.trim() || null,
                  materialsUrl: materialsUrl.trim() || null,
                });
                await afterEventsChanged(qc);
                onClose();
              } catch (err) {
                setError(err);
              }
            }}
          >
            Сохранить
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function RevokeModal({ r, onClose }: { r: Registration; onClose: () => void }) {
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <Modal opened onClose={onClose} title="Отзыв сертификата" closeButtonProps={{ 'aria-label': 'Закрыть' }}>
      <Stack gap="sm">
        <Text size="sm">
          {r.personName}. Отозванный сертификат на странице проверки показывается как отозванный с причиной.
        </Text>
        <Textarea
          label="Причина"
          required
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <ErrorAlert error={error} title="Сертификат не отозван" />
        <Group justify="flex-end">
          <Button
            color="red"
            onClick={async () => {
              setError(null);
              try {
                await revokeCertificate(r.certificate!.id, reason);
                await afterEventsChanged(qc);
                onClose();
              } catch (err) {
                setError(err);
              }
            }}
          >
            Отозвать
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * The organizer's check-in list, made for a phone: one large tick box per confirmed registration,
 * saved at once; attendance can also be loaded from a webinar platform's report.
 */
export default function CheckInPage() {
  const { id = '' } = useParams();
  const card = useEventCard(id);
  const registrations = useEventRegistrations(id, !!card.data);
  const [roleOf, setRoleOf] = useState<Registration | null>(null);
  const [revokeOf, setRevokeOf] = useState<Registration | null>(null);
  const [importing, setImporting] = useState(false);

  if (card.error) return <ErrorAlert error={card.error} title="Мероприятие не найдено" />;
  if (!card.data) return <LoadingRows rows={4} label="Загрузка мероприятия" />;
  const e = card.data;
  const list = (registrations.data?.items ?? []).filter((r) => r.status === 'confirmed');
  const came = list.filter((r) => r.attended).length;

  return (
    <Stack gap="sm" maw={560}>
      <Anchor component={Link} to={`/events/${e.id}`} size="sm">
        ← {e.title}
      </Anchor>
      <PageHeader
        title="Отметка присутствия"
        description={`${eventWhen(e)} · присутствовали ${came} из ${list.length}`}
        actions={
          e.canManage && (
            <Button variant="default" onClick={() => setImporting(true)}>
              Загрузить отчёт вебинара
            </Button>
          )
        }
      />
      {!e.canManage && <Text c="dimmed">Присутствие отмечает организатор мероприятия.</Text>}
      <ErrorAlert error={registrations.error} title="Не удалось загрузить список" />
      {registrations.isPending && <LoadingRows rows={4} label="Загрузка списка" />}
      {registrations.data && list.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Подтверждённых регистраций нет"
            description="Отмечать можно тех, чья регистрация подтверждена."
          />
        </Paper>
      )}
      {e.canManage &&
        list.map((r) => (
          <CheckRow key={r.id} r={r} onRole={() => setRoleOf(r)} onRevoke={() => setRevokeOf(r)} />
        ))}
      {roleOf && <RoleModal r={roleOf} onClose={() => setRoleOf(null)} />}
      {revokeOf && <RevokeModal r={revokeOf} onClose={() => setRevokeOf(null)} />}
      <Modal
        opened={importing}
        onClose={() => setImporting(false)}
        title="Присутствие из отчёта вебинарной площадки"
        size="xl"
        closeButtonProps={{ 'aria-label': 'Закрыть' }}
      >
        <Stack gap="sm">
          <Text size="sm">
            Файл CSV или XLSX со столбцами «Имя», «Email», «Время подключения», «Длительность». Участник
            ищется среди зарегистрированных по e-mail, затем по ФИО; если хоть одна строка не найдена, не
            записывается ничего.{' '}
            <Anchor href={attendanceTemplateUrl()} download>
              Шаблон CSV
            </Anchor>
          </Text>
          <ImportUpload url={(opts) => attendanceImportUrl(e.id, opts)} step={1} />
        </Stack>
      </Modal>
    </Stack>
  );
}
