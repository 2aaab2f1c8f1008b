import { Anchor, Badge, Paper, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { type Pair, useMyMentoring } from '../../api/mentoring.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { menteeNames, ruDay } from './mentoring-words.ts';

/** A teacher's own mentoring: «Мой наставник» (as a mentee) and «Мои наставляемые» (as a mentor). */
export default function MyMentoringPage() {
  const mine = useMyMentoring();
  const d = mine.data;
  return (
    <Stack gap="md">
      <PageHeader
        title="Мой наставник / Мои наставляемые"
        description="Наставничество, в котором вы участвуете: цели, план встреч и отчёты."
      />
      <ErrorAlert error={mine.error} title="Не удалось загрузить наставничество" />
      {mine.isPending && <LoadingRows rows={3} />}
      {d && (
        <>
          <Section title="Мой наставник">
            {d.asMentee.length === 0 ? (
              <Text size="sm" c="dimmed">
                Наставник вам не назначен.
              </Text>
            ) : (
              <PairTable rows={d.asMentee} who={(p) => p.mentorName} whoLabel="Наставник" />
            )}
          </Section>
          <Section title="Мои наставляемые">
            {d.asMentor.length === 0 ? (
              <Text size="sm" c="dimmed">
                Наставляемых у вас нет.
              </Text>
            ) : (
              <PairTable rows={d.asMentor} who={menteeNames} whoLabel="Наставляемые" />
            )}
          </Section>
        </>
      )}
    </Stack>
  );
}

function PairTable({ rows, who, whoLabel }: { rows: Pair[]; who: (p: Pair) => string; whoLabel: string }) {
  return (
    <Paper withBorder>
      <Table fz="sm" verticalSpacing={6} aria-label={whoLabel}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{whoLabel}</Table.Th>
            <Table.Th>Форма</Table.Th>
            <Table.Th>Организация</Table.Th>
            <Table.Th>Период</Table.Th>
            <Table.Th ta="right">План</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Anchor component={Link} to={`/mentoring/pairs/${p.id}`} size="sm" fw={500}>
                  {who(p)}
                </Anchor>
              </Table.Td>
              <Table.Td>{p.formName}</Table.Td>
              <Table.Td>{p.organizationName}</Table.Td>
              <Table.Td>
                {ruDay(p.startedOn)} – {p.finishedOn ? ruDay(p.finishedOn) : 'идёт'}
                {p.finishReasonName && (
                  <Badge ml={4} size="xs" variant="light">
                    {p.finishReasonName}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right">
                {p.planDone} / {p.planTotal}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
