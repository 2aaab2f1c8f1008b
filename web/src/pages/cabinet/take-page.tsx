import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  Progress,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/api.ts';
import {
  type AnswerValue,
  afterAnswersSubmitted,
  type Sheet,
  type SheetItem,
  saveAnswer,
  submitAnswers,
  useSheet,
} from '../../api/assessment.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { NoAccess } from '../../components/no-access.tsx';
import { formatDateTime } from '../../lib/words.ts';
import { INSTRUMENT_KINDS } from '../assessment/assessment-words.ts';

type SaveState = 'saving' | 'saved' | 'retrying' | 'failed';
const RETRY_MS = 3000;

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const answered = (v: AnswerValue | undefined) =>
  v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);

/** Answers not yet confirmed by the server survive a reload in this browser. */
const pendingKey = (attemptId: string) => `marshrut:pending-answers:${attemptId}`;
function readPending(attemptId: string): Record<string, AnswerValue> {
  try {
    return JSON.parse(localStorage.getItem(pendingKey(attemptId)) ?? '{}') as Record<string, AnswerValue>;
  } catch {
    return {};
  }
}
function writePending(attemptId: string, itemId: string, value: AnswerValue | undefined) {
  try {
    const all = readPending(attemptId);
    if (value === undefined) delete all[itemId];
    else all[itemId] = value;
    if (Object.keys(all).length) localStorage.setItem(pendingKey(attemptId), JSON.stringify(all));
    else localStorage.removeItem(pendingKey(attemptId));
  } catch {
    // A full or disabled storage only loses the reload safety net; saving goes on.
  }
}

/**
 * Saves each answer as it is given. One request per item at a time; a newer value waits and goes
 * next. A network failure or a server fault keeps the answer and retries; a refusal (4xx) is shown.
 */
function useAnswerSaver(campaignId: string, instrumentId: string, attemptId: string | undefined) {
  const [state, setState] = useState<Record<string, SaveState>>({});
  const [refusals, setRefusals] = useState<Record<string, string>>({});
  const [closedMessage, setClosedMessage] = useState<string | null>(null);
  const inflight = useRef(new Set<string>());
  const waiting = useRef(new Map<string, AnswerValue>());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const t of pending.values()) clearTimeout(t);
    };
  }, []);

  const flush = useCallback(
    async (itemId: string) => {
      if (inflight.current.has(itemId) || !attemptId) return;
      const value = waiting.current.get(itemId);
      if (value === undefined) return;
      waiting.current.delete(itemId);
      inflight.current.add(itemId);
      setState((s) => ({ ...s, [itemId]: 'saving' }));
      try {
        await saveAnswer(campaignId, instrumentId, itemId, value);
        inflight.current.delete(itemId);
        if (waiting.current.has(itemId)) {
          void flush(itemId);
        } else {
          writePending(attemptId, itemId, undefined);
          setState((s) => ({ ...s, [itemId]: 'saved' }));
          setRefusals(({ [itemId]: _, ...rest }) => rest);
        }
      } catch (e) {
        inflight.current.delete(itemId);
        const refused =
          e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 408 && e.status !== 429;
        if (refused) {
          writePending(attemptId, itemId, undefined);
          setState((s) => ({ ...s, [itemId]: 'failed' }));
          setRefusals((r) => ({ ...r, [itemId]: e.message }));
          if (e.status === 409) setClosedMessage(e.message);
          return;
        }
        if (!waiting.current.has(itemId)) waiting.current.set(itemId, value);
        setState((s) => ({ ...s, [itemId]: 'retrying' }));
        clearTimeout(timers.current.get(itemId));
        timers.current.set(
          itemId,
          setTimeout(() => void flush(itemId), RETRY_MS),
        );
      }
    },
    [campaignId, instrumentId, attemptId],
  );

  const save = useCallback(
    (itemId: string, value: AnswerValue) => {
      if (!attemptId) return;
      writePending(attemptId, itemId, value);
      waiting.current.set(itemId, value);
      void flush(itemId);
    },
    [attemptId, flush],
  );

  const busy = Object.values(state).some((s) => s === 'saving' || s === 'retrying');
  const retrying = Object.values(state).some((s) => s === 'retrying');
  return { state, refusals, closedMessage, save, busy, retrying };
}

function ItemInput({
  item,
  value,
  disabled,
  onChange,
}: {
  item: SheetItem;
  value: AnswerValue | undefined;
  disabled: boolean;
  onChange: (v: AnswerValue) => void;
}) {
  if (item.kind === 'single') {
    return (
      <Radio.Group value={typeof value === 'string' ? value : ''} onChange={onChange} aria-label={item.text}>
        <Stack gap="sm" mt="xs">
          {(item.options ?? []).map((o) => (
            <Radio key={o.id} value={o.id} label={o.text} disabled={disabled} />
          ))}
        </Stack>
      </Radio.Group>
    );
  }
  if (item.kind === 'multiple') {
    return (
      <Checkbox.Group
        value={Array.isArray(value) ? value : []}
        onChange={onChange}
        aria-label={item.text}
        description="Можно выбрать несколько вариантов"
      >
        <Stack gap="sm" mt="xs">
          {(item.options ?? []).map((o) => (
            <Checkbox key={o.id} value={o.id} label={o.text} disabled={disabled} />
          ))}
        </Stack>
      </Checkbox.Group>
    );
  }
  const scale = item.scale ?? { min: 1, max: 5 };
  const values = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
  const labels = scale.labels ?? [];
  return (
    <Radio.Group
      value={typeof value === 'number' ? String(value) : ''}
      onChange={(v) => onChange(Number(v))}
      aria-label={item.text}
    >
      <Stack gap="xs" mt="xs">
        {values.map((v, i) => (
          <Radio
            key={v}
            value={String(v)}
            disabled={disabled}
            label={labels[i] ? `${v} — ${labels[i]}` : String(v)}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}

function SaveBadge({ state, refusal }: { state: SaveState | undefined; refusal: string | undefined }) {
  if (state === 'saving')
    return (
      <Badge color="gray" variant="light" data-testid="save-state">
        Сохраняем…
      </Badge>
    );
  if (state === 'retrying')
    return (
      <Badge color="orange" variant="light" data-testid="save-state">
        Нет связи — ответ не потерян, повторяем
      </Badge>
    );
  if (state === 'failed')
    return (
      <Badge color="red" variant="light" data-testid="save-state" title={refusal}>
        Не сохранено
      </Badge>
    );
  if (state === 'saved')
    return (
      <Badge color="teal" variant="light" data-testid="save-state">
        Сохранено
      </Badge>
    );
  return null;
}

/** Where a sitting resumes: the server's answers, then those this browser had not got confirmed. */
function resume(s: Sheet) {
  const pending = s.attempt.status === 'started' ? readPending(s.attempt.id) : {};
  const answers: Record<string, AnswerValue> = { ...s.attempt.answers, ...pending };
  const first = s.instrument.content.items.findIndex((i) => !answered(answers[i.id]));
  // The screen opens at the first unanswered item.
  return { answers, pending, index: first === -1 ? s.instrument.content.items.length - 1 : first };
}

export default function TakePage() {
  const { campaignId = '', instrumentId = '' } = useParams();
  const sheet = useSheet(campaignId, instrumentId);

  if (sheet.isPending) return <LoadingRows label="Загрузка методики" />;
  if (sheet.error) {
    if (sheet.error instanceof ApiError && sheet.error.status === 409) {
      return (
        <Stack gap="md" maw={720}>
          <Alert color="orange" title="Диагностику сейчас пройти нельзя" role="alert">
            <Text size="sm">{sheet.error.message}</Text>
          </Alert>
          <Anchor component={Link} to="/cabinet" size="sm">
            ← В мой кабинет
          </Anchor>
        </Stack>
      );
    }
    if (sheet.error instanceof ApiError && sheet.error.isNotFoundOrForbidden)
      return <NoAccess back="/cabinet" backLabel="В мой кабинет" />;
    return <ErrorAlert error={sheet.error} title="Методика не открылась" />;
  }
  return (
    <TakeSheet
      key={sheet.data.attempt.id}
      s={sheet.data}
      campaignId={campaignId}
      instrumentId={instrumentId}
    />
  );
}

/** One sitting, mounted once its sheet has loaded (and afresh for another attempt). */
function TakeSheet({ s, campaignId, instrumentId }: { s: Sheet; campaignId: string; instrumentId: string }) {
  const qc = useQueryClient();
  const items = s.instrument.content.items;
  const saver = useAnswerSaver(campaignId, instrumentId, s.attempt.id);
  const [start] = useState(() => resume(s));
  const [answers, setAnswers] = useState(start.answers);
  const [index, setIndex] = useState(start.index);
  const [confirming, setConfirming] = useState(false);

  // Answers this browser kept but the server had not confirmed go again, once.
  const { save } = saver;
  useEffect(() => {
    for (const [id, v] of Object.entries(start.pending)) save(id, v);
  }, [start, save]);

  const submit = useMutation({
    mutationFn: () => submitAnswers(campaignId, instrumentId),
    onSuccess: () => {
      setConfirming(false);
      void afterAnswersSubmitted(qc);
    },
  });

  const submitted = s.attempt.status === 'submitted' || submit.isSuccess;
  const closed = !s.inWindow || saver.closedMessage !== null;
  const total = items.length;
  const done = items.filter((i) => answered(answers[i.id])).length;
  const unanswered = items.map((it, n) => ({ it, n })).filter(({ it }) => !answered(answers[it.id]));
  const item = items[Math.min(index, total - 1)];
  if (!item) return null;

  const change = (v: AnswerValue) => {
    setAnswers((a) => ({ ...a, [item.id]: v }));
    // An emptied multiple choice is simply «not answered yet»: the server wants at least one option.
    if (answered(v)) saver.save(item.id, v);
  };

  if (submitted) {
    return (
      <Stack gap="md" maw={760}>
        <Title order={1} size="h2">
          {s.instrument.name}
        </Title>
        <Alert color="teal" title="Ответы отправлены" role="status">
          <Text size="sm">
            {s.attempt.submittedAt ? `Отправлено ${formatDateTime(s.attempt.submittedAt)}. ` : 'Спасибо! '}
            Результаты по компетенциям появятся в разделе «Мои дефициты» в вашем кабинете. Изменить ответы
            после отправки нельзя.
          </Text>
        </Alert>
        <Button component={Link} to="/cabinet" w="fit-content">
          В мой кабинет
        </Button>
      </Stack>
    );
  }

  return (
    <Stack gap="md" maw={900}>
      <Anchor component={Link} to="/cabinet" size="sm">
        ← В мой кабинет
      </Anchor>
      <div>
        <Title order={1} size="h2">
          {s.instrument.name}
        </Title>
        <Text size="sm" c="dimmed">
          {capitalize(INSTRUMENT_KINDS[s.instrument.kind])}. Каждый ответ сохраняется сразу — можно прерваться
          и вернуться позже.
        </Text>
      </div>

      {closed && (
        <Alert color="orange" title="Ответы больше не принимаются" role="alert">
          {saver.closedMessage ?? 'Срок прохождения диагностики истёк или кампания закрыта.'}
        </Alert>
      )}
      {saver.retrying && (
        <Alert color="orange" title="Нет связи с сервером" role="status">
          Ответы не потеряны: они хранятся в этом браузере и будут отправлены, как только связь восстановится.
        </Alert>
      )}

      <Group justify="space-between" align="center">
        <Text fw={600} data-testid="take-progress">
          Отвечено {done} из {total}
        </Text>
        <Text size="sm" c="dimmed" aria-live="polite">
          {saver.busy ? 'Сохраняем ответы…' : 'Все ответы сохранены'}
        </Text>
      </Group>
      <Progress value={total ? (done / total) * 100 : 0} size="md" aria-label="Отвечено" />

      <Group gap={4} aria-label="Вопросы">
        {items.map((it, n) => {
          const a = answered(answers[it.id]);
          const current = n === index;
          return (
            <UnstyledButton
              key={it.id}
              onClick={() => setIndex(n)}
              aria-label={`Вопрос ${n + 1}${a ? ', есть ответ' : ', без ответа'}`}
              aria-current={current ? 'step' : undefined}
              w={30}
              h={30}
              ta="center"
              fz="sm"
              style={{
                borderRadius: 4,
                border: current
                  ? '2px solid var(--mantine-color-blue-7)'
                  : '1px solid var(--mantine-color-gray-4)',
                background: a ? 'var(--mantine-color-blue-1)' : 'white',
                fontWeight: current ? 700 : 400,
              }}
            >
              {n + 1}
            </UnstyledButton>
          );
        })}
      </Group>

      <Paper withBorder p="lg" component="section" aria-label={`Вопрос ${index + 1} из ${total}`}>
        <Stack gap="sm">
          <Group justify="space-between" align="center">
            <Text size="sm" c="dimmed" data-testid="item-position">
              Вопрос {index + 1} из {total}
            </Text>
            <SaveBadge state={saver.state[item.id]} refusal={saver.refusals[item.id]} />
          </Group>
          <Text fw={500} size="lg" data-testid="item-text">
            {item.text}
          </Text>
          <ItemInput item={item} value={answers[item.id]} disabled={closed} onChange={change} />
          {saver.refusals[item.id] && (
            <Text size="sm" c="red.8" role="alert">
              {saver.refusals[item.id]}
            </Text>
          )}
        </Stack>
      </Paper>

      <Group justify="space-between">
        <Button variant="default" disabled={index === 0} onClick={() => setIndex(index - 1)}>
          ← Назад
        </Button>
        {index < total - 1 ? (
          <Button onClick={() => setIndex(index + 1)}>Далее →</Button>
        ) : (
          <Button color="teal" disabled={closed} onClick={() => setConfirming(true)}>
            Завершить и отправить
          </Button>
        )}
      </Group>
      {index < total - 1 && done === total && (
        <Button
          color="teal"
          variant="light"
          w="fit-content"
          disabled={closed}
          onClick={() => setConfirming(true)}
        >
          Все вопросы отвечены — завершить и отправить
        </Button>
      )}

      <Modal
        closeButtonProps={{ 'aria-label': 'Закрыть' }}
        opened={confirming}
        onClose={() => setConfirming(false)}
        title="Отправить ответы?"
      >
        <Stack gap="sm">
          {unanswered.length > 0 ? (
            <>
              <Text size="sm">
                Без ответа {unanswered.length} из {total}. После отправки ответить на них будет нельзя, и они
                не принесут баллов.
              </Text>
              <SimpleGrid cols={6} spacing={4}>
                {unanswered.map(({ n }) => (
                  <Button
                    key={n}
                    size="compact-sm"
                    variant="light"
                    onClick={() => {
                      setIndex(n);
                      setConfirming(false);
                    }}
                  >
                    № {n + 1}
                  </Button>
                ))}
              </SimpleGrid>
            </>
          ) : (
            <Text size="sm">На все {total} вопросов есть ответы. После отправки изменить их нельзя.</Text>
          )}
          {saver.busy && (
            <Text size="sm" c="orange.8">
              Дождитесь сохранения последних ответов.
            </Text>
          )}
          <ErrorAlert error={submit.error} title="Ответы не отправлены" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Вернуться к вопросам
            </Button>
            <Button
              color="teal"
              loading={submit.isPending}
              disabled={saver.busy}
              onClick={() => submit.mutate()}
            >
              Отправить
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
