import {
  Button,
  FileInput,
  Group,
  Modal,
  Progress,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { ApiError, uploadFile } from '../../api/api.ts';
import type { StoredFile } from '../../api/routes.ts';
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
