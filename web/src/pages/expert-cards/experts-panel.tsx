import { Badge, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  afterCardsChanged,
  assignExpert,
  type Card,
  unassignExpert,
  useCandidates,
} from '../../api/expert-card-work.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';

/**
 * The methodist assigns experts to a card: the municipality's experts and the members of its
 * expert community; one who works at the card's organization is shown but cannot be chosen.
 */
export function ExpertsPanel({ card }: { card: Card }) {
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const candidates = useCandidates(card.id, open);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
      await afterCardsChanged(qc);
    } catch (e) {
      setError(e);
    }
  };
  const assigned = new Set(card.experts.map((e) => e.id));
  const options = (candidates.data?.items ?? [])
    .filter((c) => !assigned.has(c.id))
    .map((c) => ({
      value: c.id,
      label: `${c.fullName} — ${c.allowed ? c.role : c.reason}`,
      disabled: !c.allowed,
    }));
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group gap="xs">
          <Text size="sm" fw={600}>
            Эксперты карты:
          </Text>
          {card.experts.length === 0 && (
            <Text size="sm" c="dimmed">
              не назначены — назначьте эксперта, чтобы карту проверили
            </Text>
          )}
          {card.experts.map((e) => (
            <Badge
              key={e.id}
              variant="light"
              rightSection={
                <button
                  type="button"
                  aria-label={`Снять эксперта ${e.fullName}`}
                  style={{ border: 0, background: 'none', cursor: 'pointer', padding: 0 }}
                  onClick={() => run(() => unassignExpert(card.id, e.id))}
                >
                  ×
                </button>
              }
            >
              {e.fullName}
            </Badge>
          ))}
          {!open && (
            <Button size="compact-sm" variant="light" onClick={() => setOpen(true)}>
              Назначить эксперта
            </Button>
          )}
        </Group>
        {open && (
          <Group gap="xs" align="flex-end">
            <Select
              w={480}
              label="Эксперт"
              placeholder={candidates.isLoading ? 'Загрузка…' : 'Выберите эксперта'}
              data={options}
              value={chosen}
              onChange={setChosen}
              searchable
              nothingFoundMessage="Нет подходящих экспертов"
            />
            <Button
              disabled={!chosen}
              onClick={() =>
                run(async () => {
                  await assignExpert(card.id, chosen!);
                  setChosen(null);
                  setOpen(false);
                })
              }
            >
              Назначить
            </Button>
            <Button variant="subtle" onClick={() => setOpen(false)}>
              Отмена
            </Button>
          </Group>
        )}
        <ErrorAlert error={error} title="Не удалось" />
      </Stack>
    </Paper>
  );
}
