import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  afterRouteChanged,
  type Confirmation,
  confirmRouteItem,
  fileHref,
  returnRouteItem,
  useConfirmations,
  useCuratedRoutes,
} from '../../api/routes.ts';
import { CodeMark } from '../../components/code-mark.tsx';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { Stat } from '../../components/stat.tsx';
import { formatDate, formatNumber } from '../../lib/words.ts';
import { TextDialog } from '../routes/route-dialogs.tsx';
import { KindBadge } from '../routes/route-parts.tsx';
import { RoutesTable, useRoutesClientSort } from '../routes/routes-table.tsx';

/** One item a teacher marked done: the evidence to check and the two answers a curator gives. */
function ConfirmationRow({
  c,
  busy,
  onConfirm,
  onReturn,
}: {
  c: Confirmation;
  busy: boolean;
  onConfirm: () => void;
  onReturn: () => void;
}) {
  const ev = c.item.evidence;
  return (
    <Paper
      withBorder
      p="sm"
      component="article"
      aria-label={`${c.fullName}: ${c.item.title}`}
      data-testid="confirmation"
    >
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ flex: 1, minWidth: 280 }}>
          <Group gap={6}>
            <Anchor component={Link} to={`/routes/${c.routeId}`} fw={600} size="sm">
              {c.fullName}
            </Anchor>
            <Text size="xs" c="dimmed">
              {c.organization}
            </Text>
          </Group>
          <Group gap={6}>
            <KindBadge kind={c.item.activityKind} />
            <Text size="sm">{c.item.title}</Text>
          </Group>
          <Text size="xs" c="dimmed">
            {c.item.hours} ч{c.item.plannedEnd ? ` · срок ${formatDate(c.item.plannedEnd)}` : ''}
            {c.item.competency && (
              <>
                {` · ${c.item.competency.name} `}
                <CodeMark code={c.item.competency.code} />
              </>
            )}
          </Text>
          {ev ? (
            <Text size="sm">
              Подтверждение:{' '}
              {ev.kind === 'link' ? (
                <Anchor href={ev.url} target="_blank" rel="noreferrer noopener">
                  {ev.url}
                </Anchor>
              ) : ev.kind === 'file' ? (
                <Anchor href={fileHref(ev.fileId)} download={ev.fileName}>
                  {ev.fileName} ({formatNumber(ev.size / 1024, 0)} КБ)
                </Anchor>
              ) : ev.kind === 'mentorship' ? (
                `наставничество завершено (наставник — ${ev.mentorName})`
              ) : (
                <Anchor href={ev.verifyPath} target="_blank" rel="noreferrer noopener">
                  сертификат № {ev.serial}
                </Anchor>
              )}
              {'note' in ev && ev.note ? (
                <Text span size="sm" c="dimmed">
                  {' '}
                  — {ev.note}
                </Text>
              ) : null}
            </Text>
          ) : (
            <Text size="sm" c="orange.8">
              Подтверждение не приложено
            </Text>
          )}
        </Stack>
        <Group gap="xs">
          <Button size="xs" color="teal" onClick={onConfirm} disabled={busy}>
            Подтвердить
          </Button>
          <Button size="xs" variant="light" color="orange" onClick={onReturn} disabled={busy}>
            Вернуть
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}

export default function CuratorPage() {
  const routes = useCuratedRoutes();
  const confirmations = useConfirmations();
  const qc = useQueryClient();
  const [returning, setReturning] = useState<Confirmation | null>(null);
  const confirm = useMutation({
    mutationFn: (c: Confirmation) => confirmRouteItem(c.routeId, c.item.id),
    onSuccess: () => void afterRouteChanged(qc),
  });
  const sorted = useRoutesClientSort(routes.data?.items ?? []);
  const items = sorted.rows;
  const waiting = confirmations.data?.items ?? [];
  const active = items.filter((r) => r.status === 'in_progress' || r.status === 'agreed').length;
  const toAgree = items.filter((r) => r.status === 'draft' && !r.agreedByCuratorAt).length;

  return (
    <Stack gap="lg">
      <PageHeader
        title="Кабинет куратора"
        description="Маршруты педагогов, которых вы сопровождаете: согласование, ход выполнения, подтверждение результатов."
      />
      {routes.data && (
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          <Stat label="Маршрутов" value={items.length} />
          <Stat label="Ждут согласования" value={toAgree} />
          <Stat label="Выполняются" value={active} />
          <Stat label="Ждут подтверждения" value={routes.data.awaitingConfirmation} />
        </SimpleGrid>
      )}

      <Section
        title="Ждут подтверждения"
        actions={
          waiting.length > 0 ? (
            <Badge color="yellow" variant="light">
              {waiting.length}
            </Badge>
          ) : undefined
        }
      >
        {confirmations.isPending && <LoadingRows rows={3} label="Загрузка пунктов на подтверждение" />}
        <ErrorAlert error={confirmations.error} title="Не удалось загрузить пункты на подтверждение" />
        <ErrorAlert error={confirm.error} title="Действие не выполнено" />
        {confirmations.data && waiting.length === 0 && (
          <Paper withBorder>
            <Empty
              title="Нечего подтверждать"
              description="Когда педагог отметит пункт маршрута выполненным и приложит подтверждение, он появится здесь."
            />
          </Paper>
        )}
        {waiting.map((c) => (
          <ConfirmationRow
            key={c.item.id}
            c={c}
            busy={confirm.isPending}
            onConfirm={() => confirm.mutate(c)}
            onReturn={() => setReturning(c)}
          />
        ))}
      </Section>

      <Section title="Мои маршруты">
        {routes.isPending && <LoadingRows rows={5} label="Загрузка маршрутов" />}
        <ErrorAlert error={routes.error} title="Не удалось загрузить маршруты" />
        {routes.data && items.length === 0 && (
          <Paper withBorder>
            <Empty
              title="Вам пока не назначены маршруты"
              description="Методист назначает куратора при формировании маршрутов или в карточке маршрута. Назначенные маршруты появятся здесь."
            />
          </Paper>
        )}
        {items.length > 0 && (
          <RoutesTable items={items} label="Мои маршруты" showCurator={false} sorting={sorted.sorting} />
        )}
      </Section>

      <TextDialog
        opened={returning !== null}
        title="Вернуть на доработку"
        label="Что нужно исправить"
        field="comment"
        emptyMessage="Напишите, что нужно исправить"
        description={returning ? `${returning.fullName}: ${returning.item.title}` : undefined}
        submitLabel="Вернуть"
        color="orange"
        onClose={() => setReturning(null)}
        submit={(comment) => returnRouteItem(returning?.routeId ?? '', returning?.item.id ?? '', comment)}
        onSuccess={() => afterRouteChanged(qc)}
      />
    </Stack>
  );
}
