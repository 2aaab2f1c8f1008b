import { Group, MultiSelect, NativeSelect, Stack, TagsInput, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { uploadFile } from '../../api/api.ts';
import { useFrameworks } from '../../api/assessment.ts';
import {
  APPROBATION_LEVELS,
  afterPracticesChanged,
  createMaterial,
  editMaterial,
  type MaterialBody,
  type MaterialCard,
  options,
  PRACTICE_KINDS,
} from '../../api/practices.ts';
import { ModalForm } from '../../components/modal-form.tsx';

/** The competencies of every framework the caller sees, for a MultiSelect (by id). */
export function useCompetencyChoices() {
  const frameworks = useFrameworks();
  return (frameworks.data?.items ?? []).flatMap((f) =>
    f.groups.flatMap((g) => g.competencies.map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))),
  );
}

interface Values {
  kind: string;
  title: string;
  description: string;
  topic: string;
  subjects: string[];
  competencyIds: string[];
  approbationLevel: string;
  url: string;
  fileId: string;
  fileName: string;
}

const initial = (m: MaterialCard | null): Values => ({
  kind: m?.kind ?? 'material',
  title: m?.title ?? '',
  description: m?.description ?? '',
  topic: m?.topic ?? '',
  subjects: m?.subjects ?? [],
  competencyIds: m?.competencies.map((c) => c.id) ?? [],
  approbationLevel: m?.approbationLevel ?? 'school',
  url: m?.url ?? '',
  fileId: m?.file?.id ?? '',
  fileName: m?.file?.fileName ?? '',
});

/** Create or edit a material of the bank (a draft or one returned for rework). */
export function MaterialForm({
  material,
  opened,
  onClose,
  onSaved,
}: {
  material: MaterialCard | null;
  opened: boolean;
  onClose: () => void;
  onSaved?: (m: MaterialCard) => void;
}) {
  const qc = useQueryClient();
  const competencies = useCompetencyChoices();
  const [uploading, setUploading] = useState(false);
  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title={material ? 'Изменить материал' : 'Новый материал'}
      size="xl"
      initialValues={() => initial(material)}
      submit={(v) => {
        const body: MaterialBody = {
          kind: v.kind as MaterialBody['kind'],
          title: v.title,
          description: v.description,
          topic: v.topic,
          subjects: v.subjects,
          competencyIds: v.competencyIds,
          approbationLevel: v.approbationLevel as MaterialBody['approbationLevel'],
          url: v.url.trim() || null,
          fileId: v.fileId || null,
          authorIds: material?.authors.map((a) => a.id) ?? [],
        };
        return material ? editMaterial(material.id, body) : createMaterial(body);
      }}
      onSuccess={async (m) => {
        await afterPracticesChanged(qc);
        onSaved?.(m);
      }}
      submitLabel={material ? 'Сохранить' : 'Сохранить черновик'}
      errorTitle="Материал не сохранён"
    >
      {(form) => (
        <Stack gap="sm">
          <Group grow>
            <NativeSelect label="Вид" data={options(PRACTICE_KINDS)} {...form.getInputProps('kind')} />
            <NativeSelect
              label="Уровень апробации"
              description="Где материал уже применялся"
              data={options(APPROBATION_LEVELS)}
              {...form.getInputProps('approbationLevel')}
            />
          </Group>
          <TextInput
            label="Название"
            placeholder="Кейсы формирующего оценивания на уроках математики"
            required
            {...form.getInputProps('title')}
          />
          <TextInput label="Тема" placeholder="Формирующее оценивание" {...form.getInputProps('topic')} />
          <Textarea
            label="Описание"
            description="Что в материале, для кого, каковы результаты апробации"
            autosize
            minRows={3}
            {...form.getInputProps('description')}
          />
          <TagsInput
            label="Предметы"
            description="Введите предмет и нажмите Enter"
            {...form.getInputProps('subjects')}
          />
          <MultiSelect
            label="Компетенции"
            description="По ним материал предлагается для самообразования в маршрутах педагогов с дефицитами"
            data={competencies}
            searchable
            clearable
            {...form.getInputProps('competencyIds')}
          />
          <TextInput label="Ссылка на материал" placeholder="https://…" {...form.getInputProps('url')} />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Файл (PDF, DOCX, XLSX, ODT, до 10 МБ)
            </Text>
            {form.values.fileName && (
              <Text size="sm" c="dimmed">
                Приложен: {form.values.fileName}
              </Text>
            )}
            <input
              type="file"
              aria-label="Файл материала"
              disabled={uploading}
              onChange={async (e) => {
                const file = e.currentTarget.files?.[0];
                if (!file) return;
                setUploading(true);
                try {
                  const stored = await uploadFile<{ id: string; fileName: string }>(
                    '/api/files',
                    file,
                    () => {},
                  );
                  form.setFieldValue('fileId', stored.id);
                  form.setFieldValue('fileName', stored.fileName);
                } catch (err) {
                  form.setFieldError('fileId', err instanceof Error ? err.message : 'Файл не загружен');
                } finally {
                  setUploading(false);
                }
              }}
            />
            {form.errors.fileId && (
              <Text size="sm" c="red">
                {form.errors.fileId}
              </Text>
            )}
          </Stack>
          <Text size="xs" c="dimmed">
            Автор — вы{material && material.authors.length > 1 ? ' и соавторы, указанные ранее' : ''}.
            Черновик видите вы и руководитель вашей организации; после отправки на модерацию его рассмотрит
            методический совет.
          </Text>
        </Stack>
      )}
    </ModalForm>
  );
}
