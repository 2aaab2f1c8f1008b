import { Alert, Anchor, Badge, Button, Group, List, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  afterPracticesChanged,
  type MaterialCard,
  recordUse,
  STATUS_COLORS,
  submitMaterial,
  usePractice,
} from '../../api/practices.ts';
import { fileHref } from '../../api/routes.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { MaterialForm } from './material-form.tsx';
import { ModerationActions } from './moderation-page.tsx';

const ruDate = (ts: string | null) => (ts ? ts.slice(0, 10).split('-').reverse().join('.') : '—');

/** A material's card: what it is, its authors and competencies, where it is used, how often. */
export default function PracticePage() {
  const { id = '' } = useParams();
  const card = usePractice(id);
  const [editing, setEditing] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const qc = useQueryClient();
  if (card.isPending) return <LoadingRows rows={6} label="Загрузка материала" />;
  if (card.error || !card.data) return <ErrorAlert error={card.error} title="Материал не открыт" />;
  const m: MaterialCard = card.data;
  const use = (kind: 'download' | 'link') => {
    void recordUse(m.id, kind).then(() => afterPracticesChanged(qc));
  };

  return (
    <Stack gap="md">
      <PageHeader
        title={m.title}
        description={
          <Group gap={6} mt={4}>
            <Badge variant="light">{m.kindName}</Badge>
            <Badge variant="light" color={STATUS_COLORS[m.status]}>
              {m.statusName}
            </Badge>
            <Badge variant="outline" color="gray">
              Апробация: {m.approbationLevelName.toLowerCase()}
            </Badge>
          </Group>
        }
        actions={
          <Group gap="xs">
            {m.url && (
              <Button component="a" href={m.url} target="_blank" rel="noopener" onClick={() => use('link')}>
                Открыть материал
              </Button>
            )}
            {m.file && (
              <Button
                component="a"
                href={fileHref(m.file.id)}
                variant="light"
                onClick={() => use('download')}
              >
                Скачать файл
              </Button>
            )}
            {m.canEdit && (
              <>
                <Button variant="default" onClick={() => setEditing(true)}>
                  Изменить
                </Button>
                <Button
                  onClick={async () => {
                    setActionError(null);
                    try {
                      await submitMaterial(m.id);
                      await afterPracticesChanged(qc);
                    } catch (err) {
                      setActionError(err);
                    }
                  }}
                >
                  Отправить на модерацию
                </Button>
              </>
            )}
            {m.canModerate && <ModerationActions material={m} />}
          </Group>
        }
      />
      <ErrorAlert error={actionError} title="Материал не отправлен" />
      {m.status === 'returned' && m.returnReason && (
        <Alert color="orange" title="Возвращён на доработку">
          {m.returnReason} Исправьте материал и отправьте его на модерацию снова.
        </Alert>
      )}
      {m.status === 'on_moderation' && !m.canModerate && (
        <Alert color="blue" title="На модерации">
          Материал рассматривает методический совет. О решении придёт уведомление.
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md">
          <Stack gap="xs">
            {m.topic && (
              <Text size="sm">
                <b>Тема:</b> {m.topic}
              </Text>
            )}
            {m.subjects.length > 0 && (
              <Text size="sm">
                <b>Предметы:</b> {m.subjects.join(', ')}
              </Text>
            )}
            <Text size="sm">
              <b>Организация:</b> {m.organization?.name ?? m.municipalityName ?? '—'}
            </Text>
            <Text size="sm">
              <b>Авторы:</b> {m.authors.map((a) => a.name).join(', ') || 'не указаны'}
            </Text>
            {m.description && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {m.description}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              Отправлен на модерацию: {ruDate(m.submittedAt)} · Опубликован: {ruDate(m.publishedAt)}
              {m.moderatorName ? ` · Решение: ${m.moderatorName}` : ''}
            </Text>
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              Использование
            </Text>
            <Group gap="lg">
              <Text size="sm">Просмотров: {m.uses.views}</Text>
              <Text size="sm">Скачиваний: {m.uses.downloads}</Text>
              <Text size="sm">Переходов и привязок: {m.uses.links}</Text>
            </Group>
            <Text size="sm">В маршрутах (самообразование): {m.links.routeItems}</Text>
            {m.links.events.length > 0 && (
              <>
                <Text size="sm" fw={500}>
                  Выступления на мероприятиях
                </Text>
                <List size="sm">
                  {m.links.events.map((e) => (
                    <List.Item key={e.id}>
                      <Anchor component={Link} to={`/events/${e.eventId}`}>
                        {e.title}
                      </Anchor>{' '}
                      — {e.presenter}
                    </List.Item>
                  ))}
                </List>
              </>
            )}
            {m.links.communities.length > 0 && (
              <>
                <Text size="sm" fw={500}>
                  Материалы сообществ
                </Text>
                <List size="sm">
                  {m.links.communities.map((c) => (
                    <List.Item key={c.id}>
                      <Anchor component={Link} to={`/communities/${c.communityId}`}>
                        {c.name}
                      </Anchor>
                    </List.Item>
                  ))}
                </List>
              </>
            )}
          </Stack>
        </Paper>
      </SimpleGrid>
      <Section title="Компетенции">
        {m.competencies.length === 0 ? (
          <Text size="sm" c="dimmed">
            Компетенции не указаны — материал не предлагается в маршрутах для самообразования.
          </Text>
        ) : (
          <Group gap={6}>
            {m.competencies.map((c) => (
              <Badge key={c.id} variant="light" color="grape">
                {c.code} {c.name}
              </Badge>
            ))}
          </Group>
        )}
      </Section>
      <MaterialForm material={m} opened={editing} onClose={() => setEditing(false)} />
    </Stack>
  );
}
