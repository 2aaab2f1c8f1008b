import {
  FileInput,
  Group,
  NativeSelect,
  NumberInput,
  Progress,
  SegmentedControl,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../api/api.ts';
import {
  ACTIVITY_KINDS,
  type ActivityKind,
  type EvidenceInput,
  LEARNING_FORMS,
  type LearningForm,
  type NewItemBody,
  type RouteItem,
  uploadEvidence,
} from '../../api/routes.ts';
import { ModalForm } from '../../components/modal-form.tsx';

/**
 * A dialog asking for one required text: a reason to cancel or drop, a comment when returning.
 * `field` is the name the API gives the text, so that its 422 issue shows under the box.
 */
export function TextDialog({
  opened,
  title,
  label,
  field,
  emptyMessage,
  description,
  submitLabel,
  color,
  onClose,
  submit,
  onSuccess,
}: {
  opened: boolean;
  title: string;
  label: string;
  field: 'reason' | 'comment';
  /** What to say when the box is left empty. */
  emptyMessage: string;
  description?: string | undefined;
  submitLabel: string;
  color?: string;
  onClose: () => void;
  submit: (text: string) => Promise<unknown>;
  onSuccess?: () => void | Promise<void>;
}) {
  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title={title}
      size="md"
      initialValues={(): Record<string, string> => ({ [field]: '' })}
      validate={(v) => ({ [field]: v[field]?.trim() ? null : emptyMessage })}
      submit={(v) => submit((v[field] ?? '').trim())}
      onSuccess={onSuccess}
      submitLabel={submitLabel}
      submitColor={color}
      errorTitle="Не получилось"
    >
      {(form) => (
        <>
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
            data-autofocus
            {...form.getInputProps(field)}
          />
        </>
      )}
    </ModalForm>
  );
}

const MAX_FILE = 10 * 1024 * 1024;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx,.odt,.ods,.doc,.xls,.txt';
const isUrl = (s: string) => /^https?:\/\/\S+\.\S+/i.test(s.trim());
const BAD_URL = 'Введите адрес, начинающийся с http:// или https://';
const TOO_BIG = 'Файл больше 10 МБ';

interface EvidenceFields {
  kind: 'link' | 'file';
  url: string;
  file: File | null;
  note: string;
}

/**
 * «Отметить выполнение»: a link (a certificate in a registry, a published lesson) or an uploaded
 * file (a scan of the certificate), with a note for the curator. A file is uploaded first; the
 * item is then marked done with it.
 */
export function EvidenceDialog({
  opened,
  itemTitle,
  onClose,
  submit,
  onSuccess,
}: {
  opened: boolean;
  itemTitle: string;
  onClose: () => void;
  submit: (evidence: EvidenceInput) => Promise<unknown>;
  onSuccess?: () => void | Promise<void>;
}) {
  const [progress, setProgress] = useState<number | null>(null);

  async function send(v: EvidenceFields) {
    const note = v.note.trim() || undefined;
    if (v.kind === 'link') return submit({ kind: 'link', url: v.url.trim(), note });
    if (!v.file) return;
    setProgress(0);
    let fileId: string;
    try {
      fileId = (await uploadEvidence(v.file, setProgress)).id;
    } catch (e) {
      throw e instanceof ApiError ? e : new Error('Файл не загружен.');
    } finally {
      setProgress(null);
    }
    return submit({ kind: 'file', fileId, note });
  }

  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title="Отметить выполнение"
      initialValues={(): EvidenceFields => ({ kind: 'link', url: '', file: null, note: '' })}
      validate={(v) =>
        v.kind === 'link'
          ? { url: !v.url.trim() ? 'Укажите ссылку на подтверждение' : isUrl(v.url) ? null : BAD_URL }
          : { file: !v.file ? 'Приложите файл подтверждения' : v.file.size > MAX_FILE ? TOO_BIG : null }
      }
      submit={send}
      onSuccess={onSuccess}
      submitLabel="Отправить на подтверждение"
      errorTitle="Не получилось отметить выполнение"
    >
      {(form) => {
        const { url, file } = form.values;
        return (
          <>
            <Text size="sm">
              <b>{itemTitle}</b>
            </Text>
            <Text size="sm" c="dimmed">
              Приложите подтверждение: ссылку или файл (удостоверение, сертификат, конспект занятия). Куратор
              проверит его и подтвердит выполнение.
            </Text>
            <SegmentedControl
              data={[
                { value: 'link', label: 'Ссылка' },
                { value: 'file', label: 'Файл' },
              ]}
              w="fit-content"
              value={form.values.kind}
              onChange={(v) => form.setFieldValue('kind', v as EvidenceFields['kind'])}
            />
            {form.values.kind === 'link' ? (
              <TextInput
                label="Ссылка на подтверждение"
                placeholder="https://…"
                required
                {...form.getInputProps('url')}
                // Said as soon as the address is typed wrong, not only on sending.
                error={form.errors.url ?? (url.trim() && !isUrl(url) ? BAD_URL : undefined)}
              />
            ) : (
              <FileInput
                label="Файл подтверждения"
                description="PDF, JPG, PNG, DOCX, XLSX, ODT — до 10 МБ"
                placeholder="Выберите файл"
                accept={ACCEPT}
                required
                clearable
                {...form.getInputProps('file')}
                error={form.errors.file ?? (file && file.size > MAX_FILE ? TOO_BIG : undefined)}
              />
            )}
            <Textarea
              label="Комментарий для куратора"
              autosize
              minRows={2}
              maxLength={1000}
              {...form.getInputProps('note')}
            />
            {progress !== null && <Progress value={progress * 100} aria-label="Загрузка файла" animated />}
          </>
        );
      }}
    </ModalForm>
  );
}

interface ItemFields {
  competencyId: string;
  activityKind: ActivityKind;
  title: string;
  form: LearningForm;
  plannedStart: string;
  plannedEnd: string;
  hours: number | string;
  expectedResult: string;
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
const DATES_WRONG = 'Окончание раньше начала';
const datesWrong = (start: string, end: string) => Boolean(start && end && end < start);

function itemFields(item: RouteItem | null): ItemFields {
  return {
    competencyId: item?.competency?.id ?? '',
    activityKind: item?.activityKind ?? 'event',
    title: item?.title ?? '',
    form: item?.form ?? 'informal',
    plannedStart: item?.plannedStart ?? '',
    plannedEnd: item?.plannedEnd ?? '',
    hours: item?.hours ?? 8,
    expectedResult: item?.expectedResult ?? '',
  };
}

/**
 * The item as the API takes it. A new item leaves out what is empty; an edited one sends the
 * emptied fields as null, so that clearing a date or the competency clears it.
 */
function itemBody(v: ItemFields, editing: boolean): NewItemBody {
  const blank = editing ? null : undefined;
  const expectedResult = v.expectedResult.trim();
  return {
    activityKind: v.activityKind,
    form: v.form,
    title: v.title.trim(),
    hours: typeof v.hours === 'number' ? v.hours : Number(v.hours) || 0,
    competencyId: v.competencyId || blank,
    plannedStart: v.plannedStart || blank,
    plannedEnd: v.plannedEnd || blank,
    ...(expectedResult || editing ? { expectedResult } : {}),
  };
}

/** Add a route item by hand, or edit one of a draft. */
export function ItemDialog({
  opened,
  item,
  competencies,
  onClose,
  submit,
  onSuccess,
}: {
  opened: boolean;
  item: RouteItem | null;
  competencies: { value: string; label: string }[];
  onClose: () => void;
  submit: (body: NewItemBody) => Promise<unknown>;
  onSuccess?: () => void | Promise<void>;
}) {
  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title={item ? 'Изменить пункт' : 'Добавить пункт'}
      initialValues={() => itemFields(item)}
      validate={(v) => ({
        title: v.title.trim().length >= 3 ? null : 'Название — не короче 3 символов',
        plannedEnd: datesWrong(v.plannedStart, v.plannedEnd) ? DATES_WRONG : null,
      })}
      submit={(v) => submit(itemBody(v, item !== null))}
      onSuccess={onSuccess}
      submitLabel={item ? 'Сохранить' : 'Добавить'}
      errorTitle="Пункт не сохранён"
    >
      {(form) => (
        <>
          <NativeSelect
            label="Компетенция"
            data={[{ value: '', label: 'Не указана' }, ...competencies]}
            {...form.getInputProps('competencyId')}
          />
          <Group grow>
            <NativeSelect
              label="Вид"
              data={KIND_OPTIONS}
              {...form.getInputProps('activityKind')}
              onChange={(e) => {
                const kind = e.currentTarget.value as ActivityKind;
                form.setFieldValue('activityKind', kind);
                form.setFieldValue('form', FORM_OF[kind]);
              }}
            />
            <NativeSelect label="Форма обучения" data={FORM_OPTIONS} {...form.getInputProps('form')} />
          </Group>
          <TextInput label="Название" required maxLength={500} {...form.getInputProps('title')} />
          <Group grow>
            <TextInput label="Начало" type="date" {...form.getInputProps('plannedStart')} />
            <TextInput
              label="Окончание"
              type="date"
              {...form.getInputProps('plannedEnd')}
              error={
                form.errors.plannedEnd ??
                (datesWrong(form.values.plannedStart, form.values.plannedEnd) ? DATES_WRONG : undefined)
              }
            />
            <NumberInput label="Часы" min={0} max={2000} {...form.getInputProps('hours')} />
          </Group>
          <Textarea
            label="Ожидаемый результат"
            autosize
            minRows={2}
            maxLength={2000}
            {...form.getInputProps('expectedResult')}
          />
        </>
      )}
    </ModalForm>
  );
}

/** Title and period of a route (methodists). */
export function RouteEditDialog({
  opened,
  route,
  onClose,
  submit,
  onSuccess,
}: {
  opened: boolean;
  route: { title: string; periodStart: string; periodEnd: string };
  onClose: () => void;
  submit: (body: { title: string; periodStart: string; periodEnd: string }) => Promise<unknown>;
  onSuccess?: () => void | Promise<void>;
}) {
  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title="Изменить маршрут"
      size="md"
      initialValues={() => ({
        title: route.title,
        periodStart: route.periodStart,
        periodEnd: route.periodEnd,
      })}
      validate={(v) => ({
        title: v.title.trim() ? null : 'Укажите название',
        periodStart: v.periodStart ? null : 'Укажите начало периода',
        periodEnd: !v.periodEnd
          ? 'Укажите окончание периода'
          : datesWrong(v.periodStart, v.periodEnd)
            ? DATES_WRONG
            : null,
      })}
      submit={(v) => submit({ ...v, title: v.title.trim() })}
      onSuccess={onSuccess}
      errorTitle="Маршрут не сохранён"
    >
      {(form) => (
        <>
          <TextInput label="Название" required {...form.getInputProps('title')} />
          <Group grow>
            <TextInput label="Начало периода" type="date" required {...form.getInputProps('periodStart')} />
            <TextInput
              label="Окончание периода"
              type="date"
              required
              {...form.getInputProps('periodEnd')}
              error={
                form.errors.periodEnd ??
                (datesWrong(form.values.periodStart, form.values.periodEnd) ? DATES_WRONG : undefined)
              }
            />
          </Group>
        </>
      )}
    </ModalForm>
  );
}
