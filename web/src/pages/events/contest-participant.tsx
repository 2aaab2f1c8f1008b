import { Anchor, Badge, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Contest, editEntry, submitEntry } from '../../api/contests.ts';
import { afterEventsChanged, certificatePdfHref } from '../../api/events.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Section } from '../../components/page.tsx';
import { formatScore, OUTCOME_COLORS } from './contest-results.tsx';

type Entry = Contest['myEntries'][number];

function EntryForm({
  contest,
  entry,
  onDone,
}: {
  contest: Contest;
  entry: Entry | null;
  onDone: () => void;
}) {
  const qc = useQueryClient();
  const taken = new Set(contest.myEntries.map((e) => e.nominationId));
  const free = contest.nominations.filter((n) => !taken.has(n.id));
  const [nominationId, setNominationId] = useState<string | null>(entry?.nominationId ?? free[0]?.id ?? null);
  const [title, setTitle] = useState(entry?.title ?? '');
  const [url, setUrl] = useState(entry?.materialsUrl ?? '');
  const [error, setError] = useState<unknown>(null);
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        {!entry && (
          <Select
            label="Номинация"
            data={free.map((n) => ({ value: n.id, label: n.title }))}
            value={nominationId}
            onChange={setNominationId}
            allowDeselect={false}
          />
        )}
        <TextInput
          label="Название работы"
          required
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
        />
        <TextInput
          label="Ссылка на материалы"
          placeholder="https://…"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
        />
        <ErrorAlert error={error} title="Работа не сохранена" />
        <Group justify="flex-end">
          {entry && (
            <Button variant="default" onClick={onDone}>
              Отмена
            </Button>
          )}
          <Button
            disabled={!title.trim() || (!entry && !nominationId)}
            onClick={async () => {
              setError(null);
              try {
                const materialsUrl = url.trim() || null;
                if (entry) await editEntry(entry.id, { title: title.trim(), materialsUrl });
                else
                  await submitEntry(contest.eventId, {
                    nominationId: nominationId!,
                    title: title.trim(),
                    materialsUrl,
                  });
                await afterEventsChanged(qc);
                setTitle('');
                setUrl('');
                onDone();
              } catch (err) {
                setError(err);
              }
            }}
          >
            {entry ? 'Сохранить' : 'Подать работу'}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** The participant's view: their own entries (an outcome and a score only after publication) and the form. */
export function ContestParticipant({ contest }: { contest: Contest }) {
  const [editing, setEditing] = useState<string | null>(null);
  const published = !!contest.publishedAt;
  const canAddMore = !contest.submitReason && contest.myEntries.length < contest.nominations.length;
  return (
    <Section title="Мои работы">
      {contest.myEntries.map((e) =>
        editing === e.id ? (
          <EntryForm key={e.id} contest={contest} entry={e} onDone={() => setEditing(null)} />
        ) : (
          <Paper key={e.id} withBorder p="sm" data-testid="my-entry">
            <Group justify="space-between" align="flex-start">
              <div>
                <Text fw={500}>{e.title}</Text>
                <Text size="xs" c="dimmed">
                  Номинация «{e.nominationTitle}» · подана{' '}
                  {new Date(e.submittedAt).toLocaleDateString('ru-RU')}
                  {e.materialsUrl && (
                    <>
                      {' · '}
                      <Anchor href={e.materialsUrl} target="_blank" rel="noreferrer" size="xs">
                        материалы
                      </Anchor>
                    </>
                  )}
                </Text>
              </div>
              {published ? (
                <Group gap="xs">
                  {e.outcome && (
                    <Badge variant="light" color={OUTCOME_COLORS[e.outcome]}>
                      {e.outcomeName}
                    </Badge>
                  )}
                  <Text size="sm">средний балл: {formatScore(e.averageScore)}</Text>
                  {e.diploma && (
                    <Anchor href={certificatePdfHref(e.diploma.id)} download size="sm">
                      Диплом {e.diploma.serial}
                    </Anchor>
                  )}
                </Group>
              ) : (
                <Button size="compact-sm" variant="subtle" onClick={() => setEditing(e.id)}>
                  Изменить
                </Button>
              )}
            </Group>
          </Paper>
        ),
      )}
      {!published && contest.myEntries.length > 0 && (
        <Text size="xs" c="dimmed">
          Оценки жюри и итоги будут видны после публикации итогов.
        </Text>
      )}
      {canAddMore ? (
        // Keyed by the count: after a submission the form starts again on a nomination still free.
        <EntryForm key={contest.myEntries.length} contest={contest} entry={null} onDone={() => undefined} />
      ) : (
        contest.submitReason &&
        contest.myEntries.length === 0 && <Text c="dimmed">{contest.submitReason}</Text>
      )}
    </Section>
  );
}
