import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/api.ts';
import {
  afterCardsChanged,
  CARD_STATUS,
  type Card,
  cardDocxHref,
  LEVELS,
  reopenCard,
  schoolYearName,
  submitCard,
  useCard,
} from '../../api/expert-card-work.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { PageHeader } from '../../components/page.tsx';
import { Stat } from '../../components/stat.tsx';
import { formatDate, formatDateTime } from '../../lib/words.ts';
import { CardItemView } from './card-item.tsx';
import { ExpertsPanel } from './experts-panel.tsx';

const HISTORY: Record<string, string> = {
  created: 'Карта создана',
  saved: 'Показатель сохранён',
  submitted: 'Карта отправлена на проверку',
  accepted: 'Эксперт принял показатель',
  changed: 'Эксперт изменил баллы',
  returned: 'Эксперт вернул показатель',
  corrected: 'Показатель исправлен',
  verified: 'Карта проверена',
  reopened: 'Методист открыл карту для правки',
  assigned: 'Назначен эксперт',
  unassigned: 'Эксперт снят',
  scored: 'Подведены итоги',
};

/**
 * One organization's expert card (004): the head fills it item by item — each item saves itself —
 * and submits it by the deadline; the assigned expert verifies item by item; the methodist assigns
 * experts and can reopen a closed card with a reason. The same page for all three, by permissions.
 */
export default function CardPage() {
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const card = useCard(id);
  // A saved item refreshes the card's totals and statuses without re-mounting the items.
  const refresh = useCallback(() => void afterCardsChanged(qc), [qc]);
  if (card.error) return <ErrorAlert error={card.error} title="Экспертная карта не найдена" />;
  if (!card.data) return <LoadingRows rows={6} label="Загрузка экспертной карты" />;
  const c = card.data;
  const status = CARD_STATUS[c.status] ?? { label: c.status, color: 'gray' };
  const claimed = c.directions.reduce(
    (s, d) => s + d.items.reduce((t, i) => t + (i.claimedPoints ?? 0), 0),
    0,
  );
  const max = c.directions.reduce((s, d) => s + d.maxPoints, 0);
  const all = c.directions.flatMap((d) => d.items);
  const answered = all.filter((i) => i.value !== null).length;
  const toReview = all.filter((i) => ['pending', 'corrected'].includes(i.review)).length;
  const returned = all.filter((i) => i.review === 'returned').length;
  const level = c.level ? LEVELS[c.level] : null;

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/expert-cards" size="sm">
        ← Экспертные карты
      </Anchor>
      <PageHeader
        title={c.organization.name}
        description={
          <>
            {c.campaign.title} · учебный год {schoolYearName(c.campaign.schoolYear)}
            <br />
            Заполнить до {formatDate(c.campaign.fillBy)}, проверка до {formatDate(c.campaign.verifyBy)}, итоги
            до {formatDate(c.campaign.evaluateBy)}
          </>
        }
        actions={
          <>
            <Badge size="lg" color={status.color} variant="light">
              {status.label}
            </Badge>
            {c.late && (
              <Badge size="lg" color="red" variant="light">
                отправлена с опозданием
              </Badge>
            )}
            <Button component="a" href={cardDocxHref(c.id)} download variant="default">
              Карта DOCX
            </Button>
          </>
        }
      />
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Stat label="Заявлено баллов" value={`${claimed} / ${max}`} hint="по ответам организации" />
        {c.status === 'draft' ? (
          <Stat label="Заполнено" value={`${answered} / ${all.length}`} hint="показателей" />
        ) : (
          <Stat label="Ждут проверки" value={toReview} hint="показателей" />
        )}
        <Stat label="Возвращено" value={returned} hint="показателей на исправление" />
        <Stat
          label="Итог"
          value={c.totalPoints !== null ? `${c.totalPoints} б.` : '—'}
          hint={
            level
              ? `${level.label} эффективность${c.rank ? `, место ${c.rank}` : ''}`
              : 'после подведения итогов'
          }
        />
      </SimpleGrid>
      {c.permissions.editBlockedReason && !c.permissions.edit && c.status !== 'verified' && (
        <Alert color="gray" variant="light">
          {c.permissions.editBlockedReason}
        </Alert>
      )}
      {c.reopenedAt && (
        <Alert
          color="blue"
          variant="light"
          title={`Карта открыта методистом ${formatDateTime(c.reopenedAt)}`}
        >
          {c.reopenReason}
        </Alert>
      )}
      {c.permissions.editOnlyReturned && returned > 0 && (
        <Alert color="orange" variant="light" title="Эксперт вернул показатели на исправление">
          Исправьте отмеченные показатели — они уйдут эксперту на повторную проверку. Остальные показатели
          заблокированы до конца проверки.
        </Alert>
      )}
      {c.permissions.review && c.permissions.reviewBlockedReason && (
        <Alert color="gray" variant="light">
          {c.permissions.reviewBlockedReason}
        </Alert>
      )}
      <Actions c={c} />
      {c.permissions.assign && <ExpertsPanel card={c} />}
      {!c.permissions.assign && c.experts.length > 0 && (
        <Text size="sm" c="dimmed">
          Эксперты: {c.experts.map((e) => e.fullName).join(', ')}
        </Text>
      )}
      {c.directions.map((d) => (
        <Stack key={d.id} gap="xs" component="section" aria-label={d.title}>
          <Group justify="space-between">
            <Title order={2} size="h4">
              {d.title}
            </Title>
            <Text size="sm" c="dimmed">
              {d.points} из {d.maxPoints} б.
              {d.statedMax !== null && d.statedMax !== d.maxPoints
                ? ` (в документе — макс. ${d.statedMax})`
                : ''}
            </Text>
          </Group>
          {d.items.map((item, i) => (
            <CardItemView
              key={item.id}
              card={c}
              item={item}
              number={`${d.position}.${i + 1}`}
              onChanged={refresh}
            />
          ))}
        </Stack>
      ))}
      <History c={c} />
    </Stack>
  );
}

function Actions({ c }: { c: Card }) {
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  if (!c.permissions.submit && !c.permissions.reopen) return null;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await submitCard(c.id);
      await afterCardsChanged(qc);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const issues = error instanceof ApiError && error.status === 422 ? error.issues : [];
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between">
        <Text size="sm">
          {c.permissions.submit
            ? `Проверьте ответы и отправьте карту экспертам до ${formatDate(c.campaign.fillBy)}. Ответы сохраняются сами.`
            : 'Срок этапа прошёл: карту можно открыть для правки с указанием причины.'}
        </Text>
        <Group gap="xs">
          {c.permissions.submit && (
            <Button loading={busy} onClick={submit}>
              {c.status === 'returned' ? 'Отправить исправления' : 'Отправить на проверку'}
            </Button>
          )}
          {c.permissions.reopen && (
            <Button variant="default" onClick={() => setReopening(true)}>
              Открыть для правки
            </Button>
          )}
        </Group>
      </Group>
      {issues.length > 0 ? (
        <Alert color="red" mt="sm" title="Карта не отправлена" role="alert">
          <Stack gap={2}>
            {issues.map((i) => (
              <Text key={`${i.path}-${i.message}`} size="sm">
                {i.message}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : (
        <ErrorAlert error={error} title="Не удалось" />
      )}
      <Modal opened={reopening} onClose={() => setReopening(false)} title="Открыть карту для правки">
        <Stack gap="sm">
          <Text size="sm">
            Руководитель сможет изменить карту и отправить её снова; отправка после срока будет отмечена как
            опоздание. Причина попадёт в историю карты.
          </Text>
          <Textarea
            label="Причина"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Button
            disabled={reason.trim().length < 3}
            onClick={async () => {
              setError(null);
              try {
                await reopenCard(c.id, reason.trim());
                setReopening(false);
                setReason('');
                await afterCardsChanged(qc);
              } catch (e) {
                setError(e);
                setReopening(false);
              }
            }}
          >
            Открыть
          </Button>
        </Stack>
      </Modal>
    </Paper>
  );
}

function History({ c }: { c: Card }) {
  if (c.history.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-label="История карты">
      <Title order={2} size="h4">
        История карты
      </Title>
      <Table fz="sm" verticalSpacing={4}>
        <Table.Tbody>
          {c.history.map((h) => (
            <Table.Tr key={`${h.at}-${h.kind}-${h.itemId ?? ''}`}>
              <Table.Td w={170}>{formatDateTime(h.at)}</Table.Td>
              <Table.Td w={220}>{HISTORY[h.kind] ?? h.kind}</Table.Td>
              <Table.Td>{h.comment}</Table.Td>
              <Table.Td w={240}>{h.actor ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
