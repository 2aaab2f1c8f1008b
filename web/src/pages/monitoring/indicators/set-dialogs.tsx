import { Badge, Button, Group, Modal, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import {
  afterSetsChanged,
  createSet,
  loadPreset,
  type PresetSummary,
  usePresets,
} from '../../../api/monitoring.ts';
import { Empty } from '../../../components/empty.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { LoadingRows } from '../../../components/loading.tsx';
import { ModalForm } from '../../../components/modal-form.tsx';
import { SOURCE_DOCUMENTS } from '../monitoring-words.ts';

/**
 * The list of presets with their descriptions; loading one is one action. A picker rather than a
 * form: each card has its own button, so it stays a plain Modal instead of ModalForm (whose one
 * submit and «Отмена» would add buttons this dialog does not have).
 */
export function PresetsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const presets = usePresets(opened);
  const qc = useQueryClient();
  const navigate = useNavigate();
  // The set goes to the caller's own territory (the server decides it from the account).
  const load = useMutation({
    mutationFn: (p: PresetSummary) => loadPreset(p.code, {}),
    onSuccess: async (setId) => {
      await afterSetsChanged(qc);
      onClose();
      navigate(`/monitoring/indicators/${setId}`);
    },
  });
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Загрузить пресет"
      size="xl"
      closeButtonProps={{ 'aria-label': 'Закрыть' }}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Пресет — показатели документа с формулами, источниками и целевыми значениями. После загрузки набор
          можно скопировать и отредактировать. Набор будет принадлежать территории, за которую вы отвечаете:
          муниципалитету или региону.
        </Text>
        <ErrorAlert error={presets.error} title="Не удалось загрузить список пресетов" />
        <ErrorAlert error={load.error} title="Пресет не загружен" />
        {presets.isPending && <LoadingRows rows={4} label="Загрузка пресетов" />}
        {presets.data?.length === 0 && <Empty title="Пресетов нет" />}
        {presets.data?.map((p) => (
          <Paper key={p.code} withBorder p="sm" component="article" aria-label={`Пресет ${p.code}`}>
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={4}>
                <Text fw={600} size="sm">
                  {p.code} · {p.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {SOURCE_DOCUMENTS[p.sourceDocument] ?? `Документ ${p.sourceDocument}`}
                </Text>
                <Text size="sm">{p.description}</Text>
                <Group gap={6}>
                  <Badge variant="light">{p.indicators} показателей</Badge>
                  <Badge variant="light" color="teal">
                    рассчитываются: {p.derived}
                  </Badge>
                  <Badge variant="light" color="grape">
                    вручную: {p.manual}
                  </Badge>
                </Group>
              </Stack>
              {p.loadedSetId ? (
                <Button
                  size="xs"
                  variant="light"
                  style={{ flexShrink: 0 }}
                  component={Link}
                  to={`/monitoring/indicators/${p.loadedSetId}`}
                  onClick={onClose}
                  title="Пресет уже загружен: откройте набор или скопируйте его для правки"
                >
                  Открыть загруженный
                </Button>
              ) : (
                <Button
                  size="xs"
                  style={{ flexShrink: 0 }}
                  onClick={() => load.mutate(p)}
                  loading={load.isPending && load.variables?.code === p.code}
                  disabled={load.isPending}
                  aria-label={`Загрузить пресет ${p.code}`}
                >
                  Загрузить
                </Button>
              )}
            </Group>
          </Paper>
        ))}
      </Stack>
    </Modal>
  );
}

/** A new empty set, or a copy of an existing one, to edit. */
export function SetFormDialog({
  opened,
  onClose,
  copyOf,
}: {
  opened: boolean;
  onClose: () => void;
  copyOf?: { id: string; code: string; name: string } | null;
}) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title={copyOf ? `Копия набора «${copyOf.name}»` : 'Новый набор показателей'}
      size="md"
      initialValues={() => ({ code: '', name: '', description: '' })}
      validate={(v) => ({
        code: v.code.trim() ? null : 'Укажите код набора',
        name: v.name.trim() ? null : 'Укажите название набора',
      })}
      submit={(v) =>
        createSet({ code: v.code.trim(), name: v.name.trim(), description: v.description }, copyOf?.id)
      }
      onSuccess={async (id) => {
        await afterSetsChanged(qc);
        navigate(`/monitoring/indicators/${id}`);
      }}
      submitLabel={copyOf ? 'Скопировать' : 'Создать'}
      errorTitle="Набор не сохранён"
    >
      {(form) => (
        <>
          <TextInput
            label="Код"
            required
            placeholder={copyOf ? `${copyOf.code}-2025` : 'Например, МУН-2025'}
            {...form.getInputProps('code')}
          />
          <TextInput label="Название" required {...form.getInputProps('name')} />
          {!copyOf && (
            <Textarea label="Описание" autosize minRows={2} {...form.getInputProps('description')} />
          )}
        </>
      )}
    </ModalForm>
  );
}
