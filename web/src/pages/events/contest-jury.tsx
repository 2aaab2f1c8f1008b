import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Contest, type EntryRow, saveScores, useContestEntries } from '../../api/contests.ts';
import { afterEventsChanged } from '../../api/events.ts';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { Section } from '../../components/page.tsx';

/** One entry's score sheet: a whole number per criterion, saved together. */
function ScoreSheet({ contest, entry }: { contest: Contest; entry: EntryRow }) {
  const qc = useQueryClient();
  const saved = new Map((entry.mySheet?.scores ?? []).map((s) => [s.criterionId, s.score]));
  const [scores, setScores] = useState<Record<string, number | string>>(
    Object.fromEntries(contest.criteria.map((k) => [k.id, saved.get(k.id) ?? ''])),
  );
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const frozen = !!contest.publishedAt;
  const complete = contest.criteria.every((k) => scores[k.id] !== '' && scores[k.id] !== undefined);

  return (
    <Paper withBorder p="sm" data-testid="score-sheet">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <div>
            <Text fw={500}>{entry.title}</Text>
            <Text size="xs" c="dimmed">
              {entry.nominationTitle} · {entry.personName}
              {entry.materialsUrl && (
                <>
                  {' · '}
                  <Anchor href={entry.materialsUrl} target="_blank" rel="noreferrer" size="xs">
                    материалы
                  </Anchor>
                </>
              )}
            </Text>
          </div>
          {entry.mySheet ? (
            <Badge variant="light" color="green">
              мой балл: {entry.mySheet.total} из {contest.maxTotal}
            </Badge>
          ) : (
            <Badge variant="light" color="gray">
              не оценено
            </Badge>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="xs">
          {contest.criteria.map((k) => (
            <NumberInput
              key={k.id}
              label={`${k.title} (0–${k.maxScore})`}
              min={0}
              max={k.maxScore}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="strict"
              disabled={frozen}
              value={scores[k.id]}
              onChange={(v) => {
                setDone(false);
                setScores((s) => ({ ...s, [k.id]: v }));
              }}
            />
          ))}
        </SimpleGrid>
        <ErrorAlert error={error} title="Оценки не сохранены" />
        {done && (
          <Alert color="green" py={4} role="status">
            Оценочный лист сохранён
          </Alert>
        )}
        {!frozen && (
          <Group justify="flex-end">
            <Button
              size="xs"
              disabled={!complete}
              onClick={async () => {
                setError(null);
                try {
                  await saveScores(
                    entry.id,
                    contest.criteria.map((k) => ({ criterionId: k.id, score: Number(scores[k.id]) })),
                  );
                  await afterEventsChanged(qc);
                  setDone(true);
                } catch (err) {
                  setError(err);
                }
              }}
            >
              Сохранить оценки
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** The juror's view: a score sheet per entry; other jurors' scores stay hidden until publication. */
export function ContestJury({ contest }: { contest: Contest }) {
  const entries = useContestEntries(contest.eventId, true);
  return (
    <Section title="Оценочные листы жюри">
      <Text size="sm" c="dimmed">
        Оценки других членов жюри не видны до публикации итогов; свои можно менять, пока итоги не
        опубликованы.
      </Text>
      {entries.isPending && <LoadingRows rows={3} label="Загрузка работ" />}
      <ErrorAlert error={entries.error} title="Не удалось загрузить работы" />
      {contest.criteria.length === 0 && <Text c="orange">Организатор ещё не задал критерии оценки.</Text>}
      {entries.data && entries.data.items.length === 0 && (
        <Paper withBorder>
          <Empty title="Работ пока нет" description="Работы появятся, когда участники их подадут." />
        </Paper>
      )}
      {contest.criteria.length > 0 &&
        entries.data?.items.map((e) => <ScoreSheet key={e.id} contest={contest} entry={e} />)}
    </Section>
  );
}
