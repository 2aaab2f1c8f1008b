import { Anchor, Badge, Group, Stack } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useContest, useContestResults } from '../../api/contests.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { ContestJury } from './contest-jury.tsx';
import { ContestOrganizer } from './contest-organizer.tsx';
import { ContestParticipant } from './contest-participant.tsx';
import { ContestResultsView } from './contest-results.tsx';

/**
 * A contest: the organizer's setup, entries and outcomes; the juror's score sheets; the
 * participant's own entries; and the published results for everyone who sees the event.
 */
export default function ContestPage() {
  const { id = '' } = useParams();
  const contest = useContest(id);
  const published = !!contest.data?.publishedAt;
  const results = useContestResults(id, published);

  if (contest.error) return <ErrorAlert error={contest.error} title="Конкурс не найден" />;
  if (!contest.data) return <LoadingRows rows={4} label="Загрузка конкурса" />;
  const c = contest.data;

  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/events/${id}`} size="sm">
        ← {c.eventTitle}
      </Anchor>
      <PageHeader
        title="Конкурс"
        description={
          <Group gap={6} component="span">
            <span>{c.eventTitle}</span>
            <Badge variant="light" color={published ? 'green' : 'gray'}>
              {published ? 'итоги опубликованы' : 'итоги не опубликованы'}
            </Badge>
          </Group>
        }
      />
      {c.canManage && <ContestOrganizer contest={c} />}
      {c.isJuror && <ContestJury contest={c} />}
      {!c.canManage && !c.isJuror && <ContestParticipant contest={c} />}
      <Section title="Итоги конкурса">
        {published && results.data ? (
          <ContestResultsView results={results.data} />
        ) : published ? (
          <LoadingRows rows={2} label="Загрузка итогов" />
        ) : (
          <ContestResultsView
            results={{
              eventId: id,
              eventTitle: c.eventTitle,
              publishedAt: null,
              maxTotal: c.maxTotal,
              nominations: [],
            }}
          />
        )}
      </Section>
    </Stack>
  );
}
