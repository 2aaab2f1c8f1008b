import {
  ActionIcon,
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  afterExpertCardsChanged,
  type ExpertTemplateCard,
  type ExpertTemplateEdit,
  editExpertTemplate,
  RULE_KINDS,
  type ScoringRule,
} from '../../api/expert-cards.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';

type Edit = ExpertTemplateEdit;
type Dir = Edit['directions'][number];
type Item = Dir['items'][number];

function maxOf(rule: ScoringRule): number {
  switch (rule.kind) {
    case 'choice':
      return Math.max(...rule.options.map((o) => o.points));
    case 'levels': {
      const p = [rule.points.municipal, rule.points.regional, rule.points.federal];
      return rule.accumulate ? p.reduce((a, b) => a + b, 0) : Math.max(...p);
    }
    default:
      return rule.points;
  }
}

/** A rule of another kind with the same points where it can keep them. */
function ruleOfKind(kind: string, from: ScoringRule): ScoringRule {
  const points = maxOf(from);
  switch (kind) {
    case 'count':
      return { kind: 'count', min: 1, points };
    case 'share':
      return { kind: 'share', minPercent: 50, points };
    case 'choice':
      return {
        kind: 'choice',
        options: [
          { label: 'нет', points: 0 },
          { label: 'да', points },
        ],
      };
    case 'levels':
      return {
        kind: 'levels',
        points: { municipal: points, regional: points, federal: points },
        accumulate: false,
      };
    default:
      return { kind: 'fact', points };
  }
}

function move<T>(list: T[], i: number, by: number): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return list;
  const next = [...list];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

const emptyItem = (): Item => ({
  text: '',
  method: 'факт участия - 1 балл',
  rule: { kind: 'fact', points: 1 },
  periodicity: '1 раз в год',
  source: '',
  evidenceRequired: true,
  prefillSource: null,
  note: '',
});

function toEdit(t: ExpertTemplateCard): Edit {
  return {
    title: t.title,
    statedMax: t.statedMax,
    levels: t.levels,
    notes: t.notes,
    directions: t.directions.map((d) => ({
      title: d.title,
      statedMax: d.statedMax,
      items: d.items.map((i) => ({
        text: i.text,
        method: i.method,
        rule: i.rule,
        periodicity: i.periodicity,
        source: i.source,
        evidenceRequired: i.evidenceRequired,
        prefillSource: i.prefillSource,
        note: i.note,
      })),
    })),
  };
}

const num = (v: string | number) => (typeof v === 'number' ? v : Number.parseInt(v, 10) || 0);

function RuleFields({ rule, onChange }: { rule: ScoringRule; onChange: (r: ScoringRule) => void }) {
  return (
    <Group gap="xs" align="flex-end">
      <Select
        label="Правило"
        data={Object.entries(RULE_KINDS).map(([value, label]) => ({ value, label }))}
        value={rule.kind}
        onChange={(k) => k && onChange(ruleOfKind(k, rule))}
        allowDeselect={false}
        w={300}
      />
      {(rule.kind === 'fact' || rule.kind === 'count' || rule.kind === 'share') && (
        <NumberInput
          label="Баллы"
          min={0}
          max={100}
          w={90}
          value={rule.points}
          onChange={(v) => onChange({ ...rule, points: num(v) })}
        />
      )}
      {rule.kind === 'count' && (
        <NumberInput
          label="Не меньше"
          min={1}
          w={110}
          value={rule.min}
          onChange={(v) => onChange({ ...rule, min: num(v) })}
        />
      )}
      {rule.kind === 'share' && (
        <NumberInput
          label="Не меньше, %"
          min={0}
          max={100}
          w={120}
          value={rule.minPercent}
          onChange={(v) => onChange({ ...rule, minPercent: num(v) })}
        />
      )}
      {rule.kind === 'levels' &&
        (['municipal', 'regional', 'federal'] as const).map((l) => (
          <NumberInput
            key={l}
            label={{ municipal: 'Муниципальный', regional: 'Региональный', federal: 'Федеральный' }[l]}
            min={0}
            w={120}
            value={rule.points[l]}
            onChange={(v) => onChange({ ...rule, points: { ...rule.points, [l]: num(v) } })}
          />
        ))}
      {rule.kind === 'choice' && (
        <Text size="xs" c="dimmed">
          Варианты: {rule.options.map((o) => `${o.label} — ${o.points}`).join('; ')}
        </Text>
      )}
    </Group>
  );
}

/** The editor of a copy: title, maxima, levels, directions and items; a used version saves as the next one. */
export function TemplateEditor({
  template,
  onClose,
  onSaved,
}: {
  template: ExpertTemplateCard;
  onClose: () => void;
  onSaved: (saved: ExpertTemplateCard) => void;
}) {
  const [form, setForm] = useState<Edit>(() => toEdit(template));
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const qc = useQueryClient();
  const setDir = (i: number, d: Partial<Dir>) =>
    setForm((f) => ({ ...f, directions: f.directions.map((x, j) => (j === i ? { ...x, ...d } : x)) }));
  const setItem = (di: number, ii: number, it: Partial<Item>) =>
    setDir(di, { items: form.directions[di]!.items.map((x, j) => (j === ii ? { ...x, ...it } : x)) });
  const total = form.directions.reduce((s, d) => s + d.items.reduce((n, i) => n + maxOf(i.rule), 0), 0);

  const save = async () => {
    setError(null);
    setSaving(true);
    try {
      const saved = await editExpertTemplate(template.id, form);
      await afterExpertCardsChanged(qc);
      onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="md">
      {template.campaigns > 0 && (
        <Alert color="blue">
          Эту версию использует кампания: при сохранении будет создана версия {template.version + 1}, а
          кампания продолжит работать с версией {template.version}.
        </Alert>
      )}
      <Paper withBorder p="md">
        <Stack gap="sm">
          <TextInput
            label="Название"
            value={form.title}
            onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
          />
          <Group align="flex-end">
            <NumberInput
              label="Максимум карты по документу"
              description={`Сумма показателей сейчас: ${total}`}
              min={1}
              w={260}
              value={form.statedMax ?? ''}
              onChange={(v) => setForm({ ...form, statedMax: v === '' ? null : num(v) })}
            />
            {form.levels.map((l, i) => (
              <NumberInput
                key={l.code}
                label={`Уровень «${l.label}» от, %`}
                min={0}
                max={100}
                w={190}
                value={l.minPercent}
                onChange={(v) =>
                  setForm({
                    ...form,
                    levels: form.levels.map((x, j) => (j === i ? { ...x, minPercent: num(v) } : x)),
                  })
                }
              />
            ))}
          </Group>
          <Textarea
            label="Примечание"
            autosize
            minRows={2}
            value={form.notes}
            onChange={(e) => setForm({ ...form, notes: e.currentTarget.value })}
          />
        </Stack>
      </Paper>
      {form.directions.map((d, di) => {
        const sum = d.items.reduce((n, i) => n + maxOf(i.rule), 0);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: directions have no id until saved
          <Paper withBorder p="md" key={di}>
            <Stack gap="sm">
              <Group align="flex-end" wrap="nowrap">
                <TextInput
                  label={`Направление ${di + 1}`}
                  style={{ flex: 1 }}
                  value={d.title}
                  onChange={(e) => setDir(di, { title: e.currentTarget.value })}
                />
                <NumberInput
                  label="Максимум по документу"
                  description={`Сумма показателей: ${sum}`}
                  w={200}
                  min={1}
                  value={d.statedMax ?? ''}
                  onChange={(v) => setDir(di, { statedMax: v === '' ? null : num(v) })}
                />
                <Button.Group>
                  <Button
                    variant="default"
                    size="xs"
                    onClick={() => setForm({ ...form, directions: move(form.directions, di, -1) })}
                    aria-label="Направление выше"
                  >
                    ↑
                  </Button>
                  <Button
                    variant="default"
                    size="xs"
                    onClick={() => setForm({ ...form, directions: move(form.directions, di, 1) })}
                    aria-label="Направление ниже"
                  >
                    ↓
                  </Button>
                  <Button
                    variant="default"
                    size="xs"
                    color="red"
                    onClick={() =>
                      setForm({ ...form, directions: form.directions.filter((_, j) => j !== di) })
                    }
                  >
                    Удалить
                  </Button>
                </Button.Group>
              </Group>
              {d.items.map((it, ii) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: items have no id until saved
                <Paper key={ii} withBorder p="sm" bg="var(--mantine-color-gray-light)">
                  <Stack gap="xs">
                    <Group align="flex-start" wrap="nowrap">
                      <Textarea
                        label={`Показатель ${ii + 1}`}
                        autosize
                        minRows={1}
                        style={{ flex: 1 }}
                        value={it.text}
                        onChange={(e) => setItem(di, ii, { text: e.currentTarget.value })}
                      />
                      <Group gap={4} mt={24}>
                        <ActionIcon
                          variant="default"
                          onClick={() => setDir(di, { items: move(d.items, ii, -1) })}
                          aria-label="Показатель выше"
                        >
                          ↑
                        </ActionIcon>
                        <ActionIcon
                          variant="default"
                          onClick={() => setDir(di, { items: move(d.items, ii, 1) })}
                          aria-label="Показатель ниже"
                        >
                          ↓
                        </ActionIcon>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setDir(di, { items: d.items.filter((_, j) => j !== ii) })}
                        >
                          Удалить
                        </Button>
                      </Group>
                    </Group>
                    <Group grow align="flex-start">
                      <TextInput
                        label="Методика оценки"
                        value={it.method}
                        onChange={(e) => setItem(di, ii, { method: e.currentTarget.value })}
                      />
                      <TextInput
                        label="Источник информации"
                        value={it.source}
                        onChange={(e) => setItem(di, ii, { source: e.currentTarget.value })}
                      />
                      <TextInput
                        label="Периодичность"
                        value={it.periodicity}
                        onChange={(e) => setItem(di, ii, { periodicity: e.currentTarget.value })}
                      />
                    </Group>
                    <RuleFields rule={it.rule} onChange={(rule) => setItem(di, ii, { rule })} />
                  </Stack>
                </Paper>
              ))}
              <Group>
                <Button
                  variant="light"
                  size="xs"
                  onClick={() => setDir(di, { items: [...d.items, emptyItem()] })}
                >
                  Добавить показатель
                </Button>
              </Group>
            </Stack>
          </Paper>
        );
      })}
      <Group>
        <Button
          variant="light"
          onClick={() =>
            setForm({
              ...form,
              directions: [...form.directions, { title: '', statedMax: null, items: [emptyItem()] }],
            })
          }
        >
          Добавить направление
        </Button>
      </Group>
      <ErrorAlert error={error} title="Шаблон не сохранён" />
      <Group>
        <Button onClick={save} loading={saving}>
          Сохранить
        </Button>
        <Button variant="default" onClick={onClose}>
          Отмена
        </Button>
      </Group>
    </Stack>
  );
}
