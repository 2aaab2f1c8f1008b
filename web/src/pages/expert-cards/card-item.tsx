import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/api.ts';
import {
  type Card,
  type CardItem,
  REVIEW_STATUS,
  reviewCardItem,
  saveCardItem,
} from '../../api/expert-card-work.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { formatDateTime } from '../../lib/words.ts';

/** The typed rule of an item (src/expert-cards/scoring.ts), as the card sends it. */
type Rule =
  | { kind: 'fact'; points: number }
  | { kind: 'count'; min: number; points: number }
  | { kind: 'share'; minPercent: number; points: number; wholeLabel?: string }
  | { kind: 'choice'; options: { label: string; points: number }[] }
  | { kind: 'levels'; points: Record<Level, number>; accumulate: boolean };
type Level = 'municipal' | 'regional' | 'federal';
type Value = CardItem['value'];
type Evidence = CardItem['evidence'][number];

const LEVEL_NAMES: Record<Level, string> = {
  municipal: 'муниципальный',
  regional: 'региональный',
  federal: 'федеральный',
};
const AUTOSAVE_MS = 800;

/** What an answer says, in words (for the expert, the prefill and the saved version). */
export function valueText(rule: Rule, v: Value): string {
  if (!v) return 'не заполнено';
  switch (v.kind) {
    case 'fact':
      return v.present ? 'да' : 'нет';
    case 'count':
      return String(v.count);
    case 'share':
      return v.whole > 0
        ? `${v.part} из ${v.whole} (${Math.round((v.part / v.whole) * 1000) / 10} %)`
        : `${v.part} из 0`;
    case 'choice':
      return rule.kind === 'choice' ? (rule.options[v.option]?.label ?? '—') : String(v.option);
    case 'levels':
      return v.levels.length ? v.levels.map((l) => LEVEL_NAMES[l]).join(', ') : 'нет';
  }
}

function ValueInput({
  rule,
  value,
  onChange,
  disabled,
}: {
  rule: Rule;
  value: Value;
  onChange: (v: Value) => void;
  disabled: boolean;
}) {
  switch (rule.kind) {
    case 'fact':
      return (
        <SegmentedControl
          size="xs"
          disabled={disabled}
          data={[
            { value: '', label: 'не указано' },
            { value: 'yes', label: 'да' },
            { value: 'no', label: 'нет' },
          ]}
          value={value?.kind === 'fact' ? (value.present ? 'yes' : 'no') : ''}
          onChange={(s) => onChange(s === '' ? null : { kind: 'fact', present: s === 'yes' })}
          aria-label="Значение"
        />
      );
    case 'count':
      return (
        <NumberInput
          size="xs"
          w={140}
          min={0}
          disabled={disabled}
          label={`Количество (нужно не менее ${rule.min})`}
          value={value?.kind === 'count' ? value.count : ''}
          onChange={(n) => onChange(n === '' ? null : { kind: 'count', count: Number(n) })}
        />
      );
    case 'share': {
      const v = value?.kind === 'share' ? value : null;
      const set = (part: number | string, whole: number | string) =>
        onChange(
          part === '' && whole === ''
            ? null
            : { kind: 'share', part: Number(part || 0), whole: Number(whole || 0) },
        );
      return (
        <Group gap="xs" align="flex-end">
          <NumberInput
            size="xs"
            w={120}
            min={0}
            disabled={disabled}
            label="Сколько"
            value={v?.part ?? ''}
            onChange={(n) => set(n, v?.whole ?? '')}
          />
          <NumberInput
            size="xs"
            w={220}
            min={0}
            disabled={disabled}
            label={`Из скольких ${rule.wholeLabel ?? ''}`.trim()}
            value={v?.whole ?? ''}
            onChange={(n) => set(v?.part ?? '', n)}
          />
          <Text size="xs" c="dimmed" pb={6}>
            нужно не менее {rule.minPercent} %
          </Text>
        </Group>
      );
    }
    case 'choice':
      return (
        <Select
          size="xs"
          w={320}
          disabled={disabled}
          aria-label="Значение"
          placeholder="Выберите"
          data={rule.options.map((o, i) => ({ value: String(i), label: `${o.label} — ${o.points} б.` }))}
          value={value?.kind === 'choice' ? String(value.option) : null}
          onChange={(s) => onChange(s === null ? null : { kind: 'choice', option: Number(s) })}
        />
      );
    case 'levels':
      return (
        <Checkbox.Group
          value={value?.kind === 'levels' ? value.levels : []}
          onChange={(ls) => onChange({ kind: 'levels', levels: ls as Level[] })}
        >
          <Group gap="md">
            {(Object.keys(LEVEL_NAMES) as Level[]).map((l) => (
              <Checkbox
                key={l}
                size="xs"
                disabled={disabled}
                value={l}
                label={`${LEVEL_NAMES[l]} — ${rule.points[l]} б.`}
              />
            ))}
          </Group>
        </Checkbox.Group>
      );
  }
}

function EvidenceList({
  items,
  onChange,
  disabled,
}: {
  items: Evidence[];
  onChange: (e: Evidence[]) => void;
  disabled: boolean;
}) {
  const [url, setUrl] = useState('');
  const valid = /^https?:\/\/\S+$/i.test(url.trim());
  return (
    <Stack gap={4}>
      {items.map((e, i) => (
        <Group key={e.kind === 'link' ? `link:${e.url}` : `file:${e.fileId}`} gap={6} wrap="nowrap">
          {e.kind === 'link' ? (
            <Anchor href={e.url} target="_blank" rel="noreferrer noopener" size="sm">
              {e.title || e.url}
            </Anchor>
          ) : (
            <Anchor href={`/api/files/${e.fileId}`} size="sm">
              {e.name}
            </Anchor>
          )}
          {!disabled && (
            <ActionIcon
              size="xs"
              variant="subtle"
              color="red"
              aria-label="Убрать документ"
              onClick={() => onChange(items.filter((_, j) => j !== i))}
            >
              ×
            </ActionIcon>
          )}
        </Group>
      ))}
      {!disabled && (
        <Group gap="xs" align="flex-end">
          <TextInput
            size="xs"
            w={360}
            label="Ссылка на подтверждающий документ"
            placeholder="https://…"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            error={url && !valid ? 'Ссылка начинается с http:// или https://' : undefined}
          />
          <Button
            size="compact-sm"
            variant="default"
            disabled={!valid}
            onClick={() => {
              onChange([...items, { kind: 'link', url: url.trim(), title: '' }]);
              setUrl('');
            }}
          >
            Добавить
          </Button>
        </Group>
      )}
    </Stack>
  );
}

type Draft = { value: Value; comment: string; evidence: Evidence[] };

/**
 * One item of the card. The head edits it and it saves itself (debounced, on the version read; a
 * 409 keeps what was typed on screen and offers both); the expert accepts, changes the points with
 * a reason or returns it for correction.
 */
export function CardItemView({
  card,
  item,
  number,
  onChanged,
}: {
  card: Card;
  item: CardItem;
  number: string;
  onChanged: () => void;
}) {
  const rule = item.rule as unknown as Rule;
  const p = card.permissions;
  const editable = p.edit && (!p.editOnlyReturned || item.review === 'returned');
  const [draft, setDraft] = useState<Draft>({
    value: item.value,
    comment: item.comment,
    evidence: item.evidence,
  });
  const [status, setStatus] = useState<'idle' | 'dirty' | 'saving' | 'saved' | 'error'>('idle');
  const [conflict, setConflict] = useState<CardItem | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [claimed, setClaimed] = useState(item.claimedPoints);
  const version = useRef(item.version);
  const latest = useRef(draft);
  latest.current = draft;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [edits, setEdits] = useState(0);

  const save = useCallback(async () => {
    const sent = latest.current;
    setStatus('saving');
    try {
      const r = await saveCardItem(card.id, item.id, { ...sent, version: version.current });
      version.current = r.version;
      setClaimed(r.claimedPoints);
      setSaveError(null);
      setStatus(latest.current === sent ? 'saved' : 'dirty');
      onChanged();
    } catch (e) {
      const current =
        e instanceof ApiError && e.status === 409
          ? (e.body as { error?: { current?: CardItem } })?.error?.current
          : undefined;
      if (current) {
        version.current = current.version;
        setConflict(current);
      } else setSaveError(e);
      setStatus('error');
    }
  }, [card.id, item.id, onChanged]);

  useEffect(() => {
    if (status !== 'dirty' || conflict || edits < 0) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer.current);
  }, [status, edits, conflict, save]);

  const change = (d: Partial<Draft>) => {
    setDraft((old) => ({ ...old, ...d }));
    setEdits((n) => n + 1);
    setStatus('dirty');
  };
  const review = REVIEW_STATUS[item.review] ?? { label: item.review, color: 'gray' };
  const prefillDiffers = item.prefill && JSON.stringify(item.prefill.value) !== JSON.stringify(draft.value);

  return (
    <Paper withBorder p="sm" data-testid="card-item" data-item={number}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Text size="sm" fw={600}>
              {number}. {item.text}
            </Text>
            <Text size="xs" c="dimmed">
              {item.method} · {item.periodicity} · источник: {item.source}
            </Text>
            {item.note && (
              <Text size="xs" c="orange.8">
                Примечание: {item.note}
              </Text>
            )}
          </div>
          <Stack gap={2} align="flex-end" style={{ flexShrink: 0 }}>
            <Badge color={review.color} variant="light">
              {review.label}
            </Badge>
            <Text size="xs" c="dimmed">
              заявлено {claimed ?? 0} из {item.maxPoints}
              {item.verifiedPoints !== null ? ` · после проверки ${item.verifiedPoints}` : ''}
            </Text>
          </Stack>
        </Group>
        {item.prefill && (
          <Alert variant="light" color="blue" p="xs">
            <Group justify="space-between" wrap="nowrap">
              <Text size="xs">
                Данные платформы ({item.prefill.source}): <b>{valueText(rule, item.prefill.value)}</b>
                {item.prefill.detail ? ` — ${item.prefill.detail}` : ''}
              </Text>
              {editable && prefillDiffers && (
                <Button
                  size="compact-xs"
                  variant="light"
                  onClick={() => change({ value: item.prefill!.value })}
                >
                  Взять из платформы
                </Button>
              )}
            </Group>
          </Alert>
        )}
        {item.review === 'returned' && item.expertComment && (
          <Alert color="orange" variant="light" p="xs" title="Эксперт вернул на исправление">
            {item.expertComment}
          </Alert>
        )}
        {item.review === 'changed' && item.expertComment && (
          <Text size="xs" c="yellow.9">
            Эксперт изменил баллы: {item.expertComment}
          </Text>
        )}
        {item.flag && (p.review || card.permissions.assign) && (
          <Alert color="red" variant="light" p="xs">
            {item.flag}
          </Alert>
        )}
        {conflict && (
          <Alert color="orange" p="xs" title="Показатель сохранили в другом окне" role="alert">
            <Text size="xs">
              Сохранено {formatDateTime(conflict.updatedAt)}: {valueText(rule, conflict.value)}
              {conflict.comment ? `, «${conflict.comment}»` : ''}. На экране — ваши значения.
            </Text>
            <Group gap="xs" mt={4}>
              <Button
                size="compact-xs"
                onClick={() => {
                  setConflict(null);
                  setStatus('dirty');
                  setEdits((n) => n + 1);
                }}
              >
                Сохранить мои
              </Button>
              <Button
                size="compact-xs"
                variant="default"
                onClick={() => {
                  setDraft({ value: conflict.value, comment: conflict.comment, evidence: conflict.evidence });
                  setConflict(null);
                  setStatus('idle');
                }}
              >
                Взять сохранённые
              </Button>
            </Group>
          </Alert>
        )}
        {editable ? (
          <>
            <ValueInput
              rule={rule}
              value={draft.value}
              onChange={(value) => change({ value })}
              disabled={false}
            />
            <Textarea
              size="xs"
              autosize
              minRows={1}
              label="Комментарий"
              value={draft.comment}
              onChange={(e) => change({ comment: e.currentTarget.value })}
            />
            <EvidenceList
              items={draft.evidence}
              onChange={(evidence) => change({ evidence })}
              disabled={false}
            />
            <Text size="xs" c={status === 'error' ? 'red' : 'dimmed'} role="status" aria-live="polite">
              {status === 'saving'
                ? 'Сохранение…'
                : status === 'dirty'
                  ? 'Есть несохранённые изменения'
                  : status === 'saved'
                    ? 'Сохранено'
                    : status === 'error'
                      ? 'Не сохранено'
                      : item.evidenceRequired
                        ? 'Нужен подтверждающий документ или ссылка'
                        : ''}
            </Text>
            <ErrorAlert error={saveError} title="Показатель не сохранён" />
          </>
        ) : (
          <Stack gap={2}>
            <Text size="sm">
              Значение: <b>{valueText(rule, item.value)}</b>
              {item.comment ? ` — ${item.comment}` : ''}
            </Text>
            {item.evidence.length > 0 ? (
              <EvidenceList items={item.evidence} onChange={() => {}} disabled />
            ) : item.evidenceRequired && item.value ? (
              <Text size="xs" c="red">
                Подтверждающих документов нет
              </Text>
            ) : null}
          </Stack>
        )}
        {p.review && <ReviewControls card={card} item={item} onChanged={onChanged} />}
      </Stack>
    </Paper>
  );
}

function ReviewControls({ card, item, onChanged }: { card: Card; item: CardItem; onChanged: () => void }) {
  const [mode, setMode] = useState<'change' | 'return' | null>(null);
  const [points, setPoints] = useState<number | string>(item.claimedPoints ?? 0);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const send = async (action: 'accept' | 'change' | 'return') => {
    setBusy(true);
    setError(null);
    try {
      await reviewCardItem(card.id, item.id, {
        action,
        ...(action === 'change' ? { points: Number(points), comment } : {}),
        ...(action === 'return' ? { comment } : {}),
      });
      setMode(null);
      setComment('');
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Button
          size="compact-sm"
          color="green"
          variant="light"
          loading={busy && mode === null}
          onClick={() => send('accept')}
        >
          Принять
        </Button>
        <Button
          size="compact-sm"
          variant={mode === 'change' ? 'filled' : 'light'}
          color="yellow"
          onClick={() => setMode(mode === 'change' ? null : 'change')}
        >
          Изменить баллы
        </Button>
        <Button
          size="compact-sm"
          variant={mode === 'return' ? 'filled' : 'light'}
          color="orange"
          onClick={() => setMode(mode === 'return' ? null : 'return')}
        >
          Вернуть на исправление
        </Button>
      </Group>
      {mode && (
        <Group gap="xs" align="flex-end">
          {mode === 'change' && (
            <NumberInput
              size="xs"
              w={120}
              min={0}
              max={item.maxPoints}
              label={`Баллы (0–${item.maxPoints})`}
              value={points}
              onChange={setPoints}
            />
          )}
          <TextInput
            size="xs"
            w={420}
            label={mode === 'change' ? 'Причина изменения' : 'Что исправить'}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <Button
            size="compact-sm"
            loading={busy}
            disabled={comment.trim().length < 3}
            onClick={() => send(mode)}
          >
            {mode === 'change' ? 'Сохранить баллы' : 'Вернуть'}
          </Button>
        </Group>
      )}
      <ErrorAlert error={error} title="Не удалось" />
    </Stack>
  );
}
