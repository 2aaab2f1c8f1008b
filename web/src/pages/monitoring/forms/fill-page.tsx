import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api/api.ts';
import {
  afterAnswerChanged,
  type FieldValue,
  type FormValues,
  type SaveConflict,
  type Submission,
  saveDraft,
  submitAnswer,
  useSubmission,
} from '../../../api/forms.ts';
import { useMe } from '../../../auth/session.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { LoadingRows } from '../../../components/loading.tsx';
import { NoAccess } from '../../../components/no-access.tsx';
import { PageHeader } from '../../../components/page.tsx';
import { formatDate, formatDateTime } from '../../../lib/words.ts';
import { FieldInput, fieldText } from './field-input.tsx';
import { SUBMISSION_STATUS } from './forms-words.ts';

const AUTOSAVE_MS = 800;
const same = (a: FieldValue | undefined, b: FieldValue | undefined) => (a ?? null) === (b ?? null);

/** Per-field messages of a 422: the server prefixes them with the label, the field shows the rest. */
function issuesByField(error: unknown, s: Submission): Record<string, string> {
  if (!(error instanceof ApiError) || error.status !== 422) return {};
  const out: Record<string, string> = {};
  for (const i of error.issues) {
    const code = i.path.replace(/^values\./, '');
    const f = s.fields.find((x) => x.code === code);
    out[code] = f && i.message.startsWith(`${f.label}: `) ? i.message.slice(f.label.length + 2) : i.message;
  }
  return out;
}

function FillForm({ s, onSaved }: { s: Submission; onSaved: () => void }) {
  const qc = useQueryClient();
  const [values, setValues] = useState<FormValues>(s.values);
  const [status, setStatus] = useState<'idle' | 'dirty' | 'saving' | 'saved' | 'error'>('idle');
  const [savedAt, setSavedAt] = useState(s.savedAt);
  const [conflict, setConflict] = useState<SaveConflict | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  // The version the next save is based on, and the values as they stand, read by the timer.
  const version = useRef(s.version);
  const latest = useRef(values);
  latest.current = values;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const inFlight = useRef<Promise<void> | null>(null);

  const save = useCallback(async (): Promise<boolean> => {
    if (inFlight.current) await inFlight.current;
    const sent = latest.current;
    let ok = false;
    const run = (async () => {
      setStatus('saving');
      try {
        const r = await saveDraft(s.id, { values: sent, version: version.current });
        version.current = r.version;
        setSavedAt(r.savedAt);
        onSaved();
        setSaveError(null);
        // Typed more while saving: the next save picks it up.
        setStatus(latest.current === sent ? 'saved' : 'dirty');
        ok = true;
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) {
          const current = (e.body as { error?: { current?: SaveConflict } })?.error?.current;
          if (current) {
            // Keep what the user typed; from now on saves are based on the stored version.
            version.current = current.version;
            setConflict(current);
          } else setSaveError(e);
        } else setSaveError(e);
        setStatus('error');
      }
    })();
    inFlight.current = run;
    await run;
    inFlight.current = null;
    return ok;
  }, [s.id, onSaved]);

  // Each keystroke restarts the timer (debounce): `edits` changes on every change.
  const [edits, setEdits] = useState(0);
  useEffect(() => {
    if (status !== 'dirty' || conflict || edits < 0) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
    return () => clearTimeout(timer.current);
  }, [status, edits, conflict, save]);

  // A field's message from the last submit goes away once the field is edited.
  const [editedSinceSubmit, setEditedSinceSubmit] = useState<ReadonlySet<string>>(new Set());
  const change = (code: string, v: FieldValue) => {
    setValues((old) => ({ ...old, [code]: v }));
    setEditedSinceSubmit((old) => new Set(old).add(code));
    setEdits((n) => n + 1);
    setStatus('dirty');
  };

  const submit = useMutation({
    mutationFn: async () => {
      clearTimeout(timer.current);
      setEditedSinceSubmit(new Set());
      if (inFlight.current) await inFlight.current;
      return submitAnswer(s.id, { values: latest.current, version: version.current });
    },
    onSuccess: (r) => afterAnswerChanged(qc, r),
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) {
        const current = (e.body as { error?: { current?: SaveConflict } })?.error?.current;
        if (current) {
          version.current = current.version;
          setConflict(current);
        }
      }
    },
  });
  const errors = issuesByField(submit.error, s);
  const differing = conflict ? s.fields.filter((f) => !same(conflict.values[f.code], values[f.code])) : [];

  return (
    <Stack gap="md">
      {s.status === 'returned' && s.reviewComment && (
        <Alert color="red" variant="light" title="Методист вернул форму на доработку">
          {s.reviewComment}
        </Alert>
      )}
      {conflict && (
        <Alert color="orange" title="Форму сохранили в другом окне" role="alert">
          <Text size="sm">
            Пока вы заполняли, ответ сохранил(а) {conflict.savedBy ?? 'другой пользователь'}{' '}
            {formatDateTime(conflict.savedAt)}. На экране оставлены ваши значения
            {differing.length > 0
              ? `; отличаются: ${differing.map((f) => `${f.label} (сохранено: ${fieldText(f, conflict.values[f.code])})`).join('; ')}`
              : ''}
            .
          </Text>
          <Group gap="xs" mt="xs">
            <Button
              size="compact-sm"
              onClick={() => {
                setConflict(null);
                setStatus('dirty');
              }}
            >
              Сохранить мои значения
            </Button>
            <Button
              size="compact-sm"
              variant="default"
              onClick={() => {
                setValues(conflict.values);
                setConflict(null);
                setStatus('idle');
              }}
            >
              Взять сохранённые
            </Button>
          </Group>
        </Alert>
      )}
      <Paper withBorder p="md">
        <Stack gap="md">
          {s.fields.map((f) => (
            <FieldInput
              key={f.code}
              field={f}
              value={values[f.code]}
              onChange={(v) => change(f.code, v)}
              error={editedSinceSubmit.has(f.code) ? undefined : errors[f.code]}
            />
          ))}
        </Stack>
      </Paper>
      <ErrorAlert error={saveError} title="Черновик не сохранён" />
      {submit.error && !(submit.error instanceof ApiError && [409, 422].includes(submit.error.status)) && (
        <ErrorAlert error={submit.error} title="Форма не отправлена" />
      )}
      {submit.error instanceof ApiError && submit.error.status === 422 && (
        <Alert color="red" title="Форма не отправлена" role="alert">
          Исправьте поля, отмеченные красным.
        </Alert>
      )}
      <Group justify="space-between">
        <Text size="sm" c={status === 'error' ? 'red' : 'dimmed'} role="status" aria-live="polite">
          {status === 'saving'
            ? 'Сохранение…'
            : status === 'dirty'
              ? 'Есть несохранённые изменения'
              : status === 'error'
                ? 'Не сохранено'
                : savedAt
                  ? `Сохранено ${formatDateTime(savedAt)}`
                  : 'Черновик сохраняется автоматически'}
        </Text>
        <Button onClick={() => submit.mutate()} loading={submit.isPending} disabled={!!conflict}>
          Отправить методисту
        </Button>
      </Group>
    </Stack>
  );
}

/** What was sent, as the head reads it after submitting. */
function ReadOnly({ s }: { s: Submission }) {
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        {s.fields.map((f) => (
          <Group key={f.code} justify="space-between" wrap="nowrap">
            <Text size="sm">{f.label}</Text>
            <Text size="sm" fw={500}>
              {fieldText(f, s.values[f.code])}
            </Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

export default function FillPage() {
  const me = useMe();
  const { id } = useParams();
  const allowed = me.capabilities.monitoring.fillForms;
  const q = useSubmission(allowed ? id : undefined);
  // The card is not refetched while the head types (that would reset the inputs): a first save
  // turns «не начата» into «черновик» here.
  const [draftSaved, setDraftSaved] = useState(false);
  const onSaved = useCallback(() => setDraftSaved(true), []);
  if (!allowed) return <NoAccess />;
  if (q.error) return <ErrorAlert error={q.error} title="Форма недоступна" />;
  if (!q.data) return <LoadingRows rows={6} label="Загрузка формы" />;
  const s = q.data;
  const shown = s.status === 'pending' && draftSaved ? 'draft' : s.status;
  return (
    <Stack gap="md">
      <PageHeader
        title={s.assignment.title}
        description={
          <>
            <Anchor component={Link} to="/monitoring/my-forms" size="sm">
              ← Формы для заполнения
            </Anchor>{' '}
            · {s.organization.name} · период {formatDate(s.assignment.periodStart)} —{' '}
            {formatDate(s.assignment.periodEnd)} · срок {formatDate(s.assignment.dueOn)}
          </>
        }
        actions={
          <Badge
            size="lg"
            color={SUBMISSION_STATUS[shown].color}
            variant="light"
            data-testid="submission-status"
          >
            {SUBMISSION_STATUS[shown].label}
          </Badge>
        }
      />
      {s.assignment.description && (
        <Text size="sm" c="dimmed">
          {s.assignment.description}
        </Text>
      )}
      {s.permissions.edit ? (
        <FillForm key={`${s.id}:${s.status}`} s={s} onSaved={onSaved} />
      ) : (
        <>
          <Alert color={s.status === 'accepted' ? 'teal' : 'blue'} variant="light" role="status">
            {s.status === 'accepted'
              ? `Форма принята ${formatDateTime(s.reviewedAt)}.`
              : `Форма отправлена ${formatDateTime(s.submittedAt)} и ждёт проверки методистом.`}
          </Alert>
          <ReadOnly s={s} />
        </>
      )}
    </Stack>
  );
}
