import { Anchor, Badge, Button, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  afterMentoringChanged,
  confirmRouteMentor,
  type MentorSuggestion,
  useMentorSuggestions,
} from '../../api/mentoring.ts';
import { CodeMark } from '../../components/code-mark.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Section } from '../../components/page.tsx';
import { TableCard } from '../../components/table-parts.tsx';

/**
 * «Предложения наставников»: mentoring items of the school's routes without a mentorship yet —
 * the teacher, the deficit, the mentor the route suggests and why. The school head confirms (or
 * picks another mentor from the list), which opens the pair in the school's program; the
 * methodist reads the municipality's.
 */
export function MentorSuggestions({ enabled }: { enabled: boolean }) {
  const suggestions = useMentorSuggestions(enabled);
  if (!enabled) return null;
  const rows = suggestions.data?.items ?? [];
  return (
    <Section title="Предложения наставников">
      <Text size="sm" c="dimmed">
        Дефициты, для которых в каталоге нет программы или мероприятия: маршрут предлагает наставника — тот же
        предмет, высшая или первая категория, свободные места, сначала своя школа, затем территория.
      </Text>
      <ErrorAlert error={suggestions.error} title="Не удалось загрузить предложения" />
      {suggestions.data && rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          Предложений нет: все пункты «наставничество» в маршрутах уже с наставником.
        </Text>
      ) : (
        <TableCard loading={suggestions.isFetching} minWidth={900}>
          <Table fz="sm" verticalSpacing={6} aria-label="Предложения наставников">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Педагог</Table.Th>
                <Table.Th>Дефицит</Table.Th>
                <Table.Th>Предложенный наставник</Table.Th>
                <Table.Th>Почему</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((s) => (
                <SuggestionRow key={s.itemId} s={s} />
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
    </Section>
  );
}

/** The part of the reason about the mentor (the route's reason says first why mentoring at all). */
const mentorWhy = (reason: string) => {
  const at = reason.search(/Предложен наставник|Наставник не предложен/);
  return at >= 0 ? reason.slice(at) : reason;
};

function SuggestionRow({ s }: { s: MentorSuggestion }) {
  const qc = useQueryClient();
  const [chosen, setChosen] = useState(s.mentor?.personId ?? s.candidates[0]?.personId ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await confirmRouteMentor(s.routeId, s.itemId, chosen || undefined);
      await afterMentoringChanged(qc);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/routes/${s.routeId}`} size="sm" fw={500}>
          {s.person.fullName}
        </Anchor>
        {s.person.organization && (
          <Text size="xs" c="dimmed">
            {s.person.organization}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {s.competency ? (
          <>
            {s.competency.name}
            <CodeMark code={s.competency.code} ml={6} />
          </>
        ) : (
          '—'
        )}
        {s.baselinePercent !== null && (
          <Text size="xs" c="dimmed">
            {String(s.baselinePercent).replace('.', ',')} % по диагностике
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {s.mentor ? (
          <>
            <Text size="sm">{s.mentor.fullName}</Text>
            <Text size="xs" c="dimmed">
              {s.mentor.organization}, {s.mentor.category} категория, мест {s.mentor.freePlaces} из{' '}
              {s.mentor.capacity}
            </Text>
          </>
        ) : (
          <Badge variant="light" color="orange">
            не предложен
          </Badge>
        )}
      </Table.Td>
      <Table.Td maw={360}>
        <Text size="xs">{mentorWhy(s.reason)}</Text>
      </Table.Td>
      <Table.Td>
        {s.canConfirm ? (
          <Stack gap={4}>
            <Stack gap={4} maw={240}>
              <NativeSelect
                size="xs"
                aria-label={`Наставник для ${s.person.fullName}`}
                value={chosen}
                onChange={(e) => setChosen(e.currentTarget.value)}
                data={[
                  ...(s.candidates.length === 0
                    ? [{ value: '', label: 'Нет наставников со свободными местами' }]
                    : []),
                  ...s.candidates.map((c) => ({
                    value: c.personId,
                    label: `${c.fullName}${c.fits ? '' : ' (не по правилам подбора)'} — мест ${c.freePlaces}`,
                  })),
                ]}
              />
              <Button size="xs" w="fit-content" onClick={confirm} loading={busy} disabled={!chosen}>
                Подтвердить
              </Button>
            </Stack>
            <ErrorAlert error={error} title="Наставник не подтверждён" />
          </Stack>
        ) : (
          <Text size="xs" c="dimmed">
            Подтверждает руководитель школы
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
