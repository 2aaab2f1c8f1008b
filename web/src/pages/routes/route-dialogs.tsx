import {
  Button,
  FileInput,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  Progress,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { ApiError, uploadFile } from '../../api/api.ts';
import {
  ACTIVITY_KINDS,
  type ActivityKind,
  LEARNING_FORMS,
  type LearningForm,
  type RouteItem,
  type StoredFile,
} from '../../api/routes.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';

/** A dialog asking for one required text: a reason to cancel or drop, a comment when returning. */
export function TextDialog({
  opened,
  title,
  label,
  description,
  submitLabel,
  color,
  pending,
  error,
  onClose,
  onSubmit,
}: {
  opened: boolean;
  title: string;
  label: string;
  description?: string;
  submitLabel: string;
  color?: string;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (text: string) => void;
}) {
  const [text, setText] = useState('');
  const empty = text.trim().length === 0;
  return (
    <Modal
      opened={opened}
      onClose={() => {
        setText('');
        onClose();
      }}
      title={title}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!empty) onSubmit(text.trim());
        }}
      >
        <Stack gap="sm">
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
          <Textarea
            label={label}
            required
            autosize
            minRows={3}
            maxLength={2000}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            data-autofocus
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button type="submit" color={color} loading={pending} disabled={empty}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const MAX_FILE = 10 * 1024 * 1024;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx,.odt,.ods,.doc,.xls,.txt';

export type EvidenceInput =
  | { kind: 'link'; url: string; note?: string }
  | { kind: 'file'; fileId: string; note?: string };

/**
 * «Отметить выполнение»: a link (a certificate in a registry, a published lesson) or an uploaded
 * file (a scan of the certificate), with a note for the curator.
 */
export function EvidenceDialog({
  opened,
  itemTitle,
  pending,
  error,
  onClose,
  onSubmit,
}: {
  opened: boolean;
  itemTitle: string;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (evidence: EvidenceInput) => void;
}) {
  const [kind, setKind] = useState<'link' | 'file'>('link');
  const [url, setUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);

  const urlValid = /^https?:\/\/\S+\.\S+/i.test(url.trim());
  const tooBig = file !== null && file.size > MAX_FILE;
  const ready = kind === 'link' ? urlValid : file !== null && !tooBig;

  async function submit() {
    const n = note.trim() || undefined;
    if (kind === 'link') {
      onSubmit({ kind: 'link', url: url.trim(), note: n });
      return;
    }
    if (!file) return;
    setUploadError(null);
    setProgress(0);
    try {
      const stored = await uploadFile<StoredFile>('/api/files', file, setProgress);
      onSubmit({ kind: 'file', fileId: stored.id, note: n });
    } catch (e) {
      setUploadError(e instanceof ApiError ? e : new Error('Файл не загружен.'));
    } finally {
      setProgress(null);
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title="Отметить выполнение" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) void submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            <b>{itemTitle}</b>
          </Text>
          <Text size="sm" c="dimmed">
            Приложите подтверждение: ссылку или файл (удостоверение, сертификат, конспект занятия). Куратор
            проверит его и подтвердит выполнение.
          </Text>
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v as 'link' | 'file')}
            data={[
              { value: 'link', label: 'Ссылка' },
              { value: 'file', label: 'Файл' },
            ]}
            w="fit-content"
          />
          {kind === 'link' ? (
            <TextInput
              label="Ссылка на подтверждение"
              placeholder="https://…"
              required
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
              error={
                url.trim() && !urlValid ? 'Введите адрес, начинающийся с http:// или https://' : undefined
              }
            />
          ) : (
            <FileInput
              label="Файл подтверждения"
              description="PDF, JPG, PNG, DOCX, XLSX, ODT — до 10 МБ"
              placeholder="Выберите файл"
              accept={ACCEPT}
              required
              clearable
              value={file}
              onChange={setFile}
              error={tooBig ? 'Файл больше 10 МБ' : undefined}
            />
          )}
          <Textarea
            label="Комментарий для куратора"
            autosize
            minRows={2}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          {progress !== null && <Progress value={progress * 100} aria-label="Загрузка файла" animated />}
          <ErrorAlert error={uploadError ?? error} title="Не получилось отметить выполнение" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button type="submit" loading={pending || progress !== null} disabled={!ready}>
              Отправить на подтверждение
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export interface ItemInput {
  competencyId?: string;
  activityKind: ActivityKind;
  title: string;
  form: LearningForm;
  plannedStart?: string;
  plannedEnd?: string;
  hours: number;
  expectedResult?: string;
}

const KIND_OPTIONS = (Object.keys(ACTIVITY_KINDS) as ActivityKind[]).map((k) => ({
  value: k,
  label: ACTIVITY_KINDS[k].label,
}));
const FORM_OPTIONS = (Object.keys(LEARNING_FORMS) as LearningForm[]).map((k) => ({
  value: k,
  label: LEARNING_FORMS[k],
}));
/** The usual form of each kind, proposed when the kind changes. */
const FORM_OF: Record<ActivityKind, LearningForm> = {
  program: 'formal',
  event: 'informal',
  mentoring: 'informal',
  internship: 'formal',
  self_education: 'self_education',
};

/** Add a route item by hand, or edit one of a draft. */
export function ItemDialog({
  opened,
  item,
  competencies,
  pending,
  error,
  onClose,
  onSubmit,
}: {
  opened: boolean;
  item: RouteItem | null;
  competencies: { value: string; label: string }[];
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (input: ItemInput) => void;
}) {
  const [v, setV] = useState<ItemInput>(() => ({
    competencyId: item?.competency?.id ?? '',
    activityKind: item?.activityKind ?? 'event',
    title: item?.title ?? '',
    form: item?.form ?? 'informal',
    plannedStart: item?.plannedStart ?? '',
    plannedEnd: item?.plannedEnd ?? '',
    hours: item?.hours ?? 8,
    expectedResult: item?.expectedResult ?? '',
  }));
  const set = (patch: Partial<ItemInput>) => setV((old) => ({ ...old, ...patch }));
  const datesWrong = Boolean(v.plannedStart && v.plannedEnd && v.plannedEnd < v.plannedStart);
  const ready = v.title.trim().length >= 3 && v.hours >= 0 && !datesWrong;
  return (
    <Modal opened={opened} onClose={onClose} title={item ? 'Изменить пункт' : 'Добавить пункт'} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!ready) return;
          onSubmit({
            activityKind: v.activityKind,
            form: v.form,
            title: v.title.trim(),
            hours: v.hours,
            ...(v.competencyId ? { competencyId: v.competencyId } : {}),
            ...(v.plannedStart ? { plannedStart: v.plannedStart } : {}),
            ...(v.plannedEnd ? { plannedEnd: v.plannedEnd } : {}),
            ...(v.expectedResult?.trim() ? { expectedResult: v.expectedResult.trim() } : {}),
          });
        }}
      >
        <Stack gap="sm">
          <NativeSelect
            label="Компетенция"
            data={[{ value: '', label: 'Не указана' }, ...competencies]}
            value={v.competencyId}
            onChange={(e) => set({ competencyId: e.currentTarget.value })}
          />
          <Group grow>
            <NativeSelect
              label="Вид"
              data={KIND_OPTIONS}
              value={v.activityKind}
              onChange={(e) => {
                const kind = e.currentTarget.value as ActivityKind;
                set({ activityKind: kind, form: FORM_OF[kind] });
              }}
            />
            <NativeSelect
              label="Форма обучения"
              data={FORM_OPTIONS}
              value={v.form}
              onChange={(e) => set({ form: e.currentTarget.value as LearningForm })}
            />
          </Group>
          <TextInput
            label="Название"
            required
            maxLength={500}
            value={v.title}
            onChange={(e) => set({ title: e.currentTarget.value })}
          />
          <Group grow>
            <TextInput
              label="Начало"
              type="date"
              value={v.plannedStart}
              onChange={(e) => set({ plannedStart: e.currentTarget.value })}
            />
            <TextInput
              label="Окончание"
              type="date"
              value={v.plannedEnd}
              onChange={(e) => set({ plannedEnd: e.currentTarget.value })}
              error={datesWrong ? 'Окончание раньше начала' : undefined}
            />
            <NumberInput
              label="Часы"
              min={0}
              max={2000}
              value={v.hours}
              onChange={(n) => set({ hours: typeof n === 'number' ? n : Number(n) || 0 })}
            />
          </Group>
          <Textarea
            label="Ожидаемый результат"
            autosize
            minRows={2}
            maxLength={2000}
            value={v.expectedResult}
            onChange={(e) => set({ expectedResult: e.currentTarget.value })}
          />
          <ErrorAlert error={error} title="Пункт не сохранён" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button type="submit" loading={pending} disabled={!ready}>
              {item ? 'Сохранить' : 'Добавить'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Title and period of a route (methodists). */
export function RouteEditDialog({
  opened,
  route,
  pending,
  error,
  onClose,
  onSubmit,
}: {
  opened: boolean;
  route: { title: string; periodStart: string; periodEnd: string };
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (input: { title: string; periodStart: string; periodEnd: string }) => void;
}) {
  const [title, setTitle] = useState(route.title);
  const [periodStart, setStart] = useState(route.periodStart);
  const [periodEnd, setEnd] = useState(route.periodEnd);
  const wrong = periodEnd < periodStart;
  return (
    <Modal opened={opened} onClose={onClose} title="Изменить маршрут">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!wrong && title.trim()) onSubmit({ title: title.trim(), periodStart, periodEnd });
        }}
      >
        <Stack gap="sm">
          <TextInput
            label="Название"
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Group grow>
            <TextInput
              label="Начало периода"
              type="date"
              required
              value={periodStart}
              onChange={(e) => setStart(e.currentTarget.value)}
            />
            <TextInput
              label="Окончание периода"
              type="date"
              required
              value={periodEnd}
              onChange={(e) => setEnd(e.currentTarget.value)}
              error={wrong ? 'Окончание раньше начала' : undefined}
            />
          </Group>
          <ErrorAlert error={error} title="Маршрут не сохранён" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button type="submit" loading={pending} disabled={wrong || !title.trim()}>
              Сохранить
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
