import { Badge, Box, Group, NativeSelect, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/api.ts';
import {
  defaultFramework,
  type PersonDeficits,
  useFrameworks,
  usePersonDeficits,
} from '../../api/assessment.ts';
import { CodeMark } from '../../components/code-mark.tsx';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { Section } from '../../components/page.tsx';
import { formatDate, formatNumber } from '../../lib/words.ts';
import { LEVELS } from '../assessment/assessment-words.ts';

const BAR_COLOURS = { deficit: 'red.6', partial: 'orange.5', none: 'teal.6' } as const;

/** One competency: a bar of the percent with the framework's two thresholds drawn as ticks. */
function CompetencyBar({
  c,
  framework,
}: {
  c: PersonDeficits['competencies'][number];
  framework: PersonDeficits['framework'];
}) {
  const level = c.level ? LEVELS[c.level] : null;
  return (
    <Group gap="sm" wrap="nowrap" align="center" role="listitem" data-testid={`competency-${c.code}`}>
      <Box w={{ base: 160, md: 320 }} style={{ flexShrink: 0 }}>
        <Text size="sm" lineClamp={2} title={c.name}>
          {c.name} <CodeMark code={c.code} />
        </Text>
      </Box>
      <Tooltip
        label={
          c.percent === null
            ? 'Не оценивалась'
            : `${formatNumber(c.percent, 1)}% · ${formatDate(c.assessedOn)} · ${c.source === 'import' ? (c.procedure ?? 'загруженный результат') : 'диагностика на платформе'}`
        }
        withArrow
      >
        <Box style={{ flex: 1, position: 'relative' }} h={16} bg="gray.1" aria-hidden>
          {c.percent !== null && c.level && (
            <Box
              h="100%"
              w={`${Math.max(1, Math.min(100, c.percent))}%`}
              bg={`var(--mantine-color-${BAR_COLOURS[c.level].replace('.', '-')})`}
              style={{ borderRadius: 2 }}
            />
          )}
          {[framework.deficitBelow, framework.partialBelow].map((t) => (
            <Box
              key={t}
              pos="absolute"
              top={-3}
              bottom={-3}
              left={`${t}%`}
              w={2}
              bg="dark.3"
              style={{ opacity: 0.6 }}
            />
          ))}
        </Box>
      </Tooltip>
      <Text size="sm" w={56} ta="right" style={{ flexShrink: 0 }}>
        {c.percent === null ? '—' : `${formatNumber(c.percent, 1)}%`}
      </Text>
      <Box w={190} style={{ flexShrink: 0 }}>
        {level ? (
          <Badge color={level.color} variant="light" size="sm">
            {level.label}
          </Badge>
        ) : (
          <Text size="xs" c="dimmed">
            не оценивалась
          </Text>
        )}
      </Box>
      <Text size="xs" c="dimmed" w={80} style={{ flexShrink: 0 }} visibleFrom="sm">
        {formatDate(c.assessedOn)}
      </Text>
    </Group>
  );
}

/** A person's latest level per competency of a framework: the card of a teacher and their cabinet. */
export function PersonDeficitsPanel({
  personId,
  title = 'Профессиональные дефициты',
  emptyHint,
}: {
  personId: string;
  title?: string;
  emptyHint?: string;
}) {
  const frameworks = useFrameworks();
  const [chosen, setChosen] = useState('');
  const frameworkId = chosen || defaultFramework(frameworks.data?.items)?.id;
  const d = usePersonDeficits(personId, frameworkId);
  // Outside the viewer's reach the server answers 403/404: the card shows nothing of it then.
  if (d.error instanceof ApiError && d.error.isNotFoundOrForbidden) return null;
  if (frameworks.data && frameworks.data.items.length === 0) return null;
  const data = d.data;
  const assessed = data?.competencies.filter((c) => c.percent !== null) ?? [];
  const deficits = assessed.filter((c) => c.level === 'deficit').length;
  const partial = assessed.filter((c) => c.level === 'partial').length;
  const groups = new Map<string, PersonDeficits['competencies']>();
  for (const c of data?.competencies ?? []) {
    const key = c.groupName;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }

  return (
    <Section
      title={title}
      actions={
        (frameworks.data?.items.length ?? 0) > 1 && (
          <NativeSelect
            aria-label="Карта компетенций"
            size="xs"
            data={(frameworks.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
            value={frameworkId ?? ''}
            onChange={(e) => setChosen(e.currentTarget.value)}
          />
        )
      }
    >
      <ErrorAlert error={frameworks.error ?? d.error} title="Не удалось загрузить дефициты" />
      {(frameworks.isPending || (d.isPending && frameworkId)) && <LoadingRows rows={4} />}
      {data && assessed.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Результатов диагностики пока нет"
            description={
              emptyHint ??
              'Результаты появятся после прохождения диагностики на платформе или загрузки результатов региональных центров.'
            }
          />
        </Paper>
      )}
      {data && assessed.length > 0 && (
        <Paper withBorder p="md">
          <Stack gap="md">
            <Group gap="sm">
              <Badge color="red" variant={deficits ? 'filled' : 'light'}>
                дефицитов: {deficits}
              </Badge>
              <Badge color="orange" variant="light">
                частично сформированы: {partial}
              </Badge>
              <Text size="xs" c="dimmed">
                Оценено {assessed.length} из {data.competencies.length}. Отметки на полосе — пороги: дефицит
                ниже {data.framework.deficitBelow}%, частично — ниже {data.framework.partialBelow}%.
              </Text>
            </Group>
            {[...groups.entries()].map(([group, list]) => (
              <Stack key={group} gap={6}>
                <Text size="sm" fw={600}>
                  {group}
                </Text>
                <Stack gap={6} role="list" aria-label={group}>
                  {list.map((c) => (
                    <CompetencyBar key={c.competencyId} c={c} framework={data.framework} />
                  ))}
                </Stack>
              </Stack>
            ))}
          </Stack>
        </Paper>
      )}
    </Section>
  );
}
