import {
  ActionIcon,
  Alert,
  Anchor,
  Autocomplete,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../api/api.ts';
import {
  type CollectionForm,
  type FormField,
  type FormInput,
  formsKey,
  useAssignments,
  useForm,
  useMeasureCodes,
} from '../../../api/forms.ts';
import { useMe } from '../../../auth/session.tsx';
import { ErrorAlert, fieldErrors } from '../../../components/error-alert.tsx';
import { LoadingRows } from '../../../components/loading.tsx';
import { NoAccess } from '../../../components/no-access.tsx';
import { PageHeader } from '../../../components/page.tsx';
import { TableCard } from '../../../components/table-parts.tsx';
import { formatDate } from '../../../lib/words.ts';
import { AssignDialog } from './assign-dialog.tsx';
import { AssignmentProgress } from './forms-page.tsx';
import { FIELD_TYPE_OPTIONS, isNumericType } from './forms-words.ts';

const blankField = (n: number): FormField => ({
  code: `field_${n}`,
  label: '',
  type: 'integer',
  required: true,
});
const num = (s: string): number | null => {
  const n = Number(s.trim().replace(',', '.'));
  return s.trim() === '' || !Number.isFinite(n) ? null : n;
};

/** The fields table: one row per field, every property editable in place. */
function FieldsTable({
  fields,
  onChange,
  errors,
  readOnly,
}: {
  fields: FormField[];
  onChange: (fields: FormField[]) => void;
  errors: Record<string, string>;
  readOnly: boolean;
}) {
  const measures = useMeasureCodes(!readOnly);
  const catalogue = new Map((measures.data?.items ?? []).map((m) => [m.code, m]));
  const measureOptions = [...catalogue.keys()];
  /** Picking a catalogue measure for a field not yet named fills in the field it expects. */
  const pickMeasure = (i: number, code: string) => {
    const m = catalogue.get(code);
    const f = fields[i]!;
    set(i, {
      measureCode: code || null,
      ...(m?.field && !f.label.trim()
        ? {
            label: m.field.label,
            type: m.field.type,
            hint: m.field.hint,
            ...(m.field.type === 'percent' ? {} : { min: 0 }),
          }
        : {}),
    });
  };
  const describe = (code: string | null | undefined) => {
    const m = code ? catalogue.get(code) : undefined;
    if (!m) return undefined;
    return [m.label, m.indicators.length ? `показатели: ${m.indicators.join('; ')}` : '']
      .filter(Boolean)
      .join(' · ');
  };
  const set = (i: number, patch: Partial<FormField>) =>
    onChange(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const [bounds, setBounds] = useState<Record<string, string>>({});
  const boundText = (i: number, k: 'min' | 'max') => bounds[`${i}.${k}`] ?? (fields[i]![k] ?? '').toString();
  return (
    <TableCard loading={false} minWidth={1450}>
      <Table verticalSpacing="xs" fz="sm" aria-label="Поля формы">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>№</Table.Th>
            <Table.Th miw={280}>Название поля</Table.Th>
            <Table.Th w={150}>Код</Table.Th>
            <Table.Th w={160}>Тип</Table.Th>
            <Table.Th w={70}>Обяз.</Table.Th>
            <Table.Th w={90}>Мин.</Table.Th>
            <Table.Th w={90}>Макс.</Table.Th>
            <Table.Th w={230}>Варианты / ручная мера</Table.Th>
            <Table.Th w={200}>Подсказка</Table.Th>
            <Table.Th w={40} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.map((f, i) => {
            const err = (k: string) => errors[`fields.${i}.${k}`];
            const numeric = isNumericType(f.type);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions being edited; codes change as typed
              <Table.Tr key={i}>
                <Table.Td>{i + 1}</Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Название поля ${i + 1}`}
                    value={f.label}
                    onChange={(e) => set(i, { label: e.currentTarget.value })}
                    error={err('label')}
                    readOnly={readOnly}
                    required
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Код поля ${i + 1}`}
                    value={f.code}
                    onChange={(e) => set(i, { code: e.currentTarget.value })}
                    error={err('code')}
                    readOnly={readOnly}
                  />
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    aria-label={`Тип поля ${i + 1}`}
                    data={FIELD_TYPE_OPTIONS}
                    value={f.type}
                    disabled={readOnly}
                    onChange={(e) => {
                      const type = e.currentTarget.value as FormField['type'];
                      set(i, {
                        type,
                        ...(isNumericType(type) ? {} : { min: null, max: null, measureCode: null }),
                        ...(type === 'select' ? { options: f.options ?? [] } : {}),
                      });
                    }}
                  />
                </Table.Td>
                <Table.Td>
                  <Checkbox
                    aria-label={`Обязательное поле ${i + 1}`}
                    checked={f.required}
                    disabled={readOnly}
                    onChange={(e) => set(i, { required: e.currentTarget.checked })}
                  />
                </Table.Td>
                {(['min', 'max'] as const).map((k) => (
                  <Table.Td key={k}>
                    <TextInput
                      aria-label={`${k === 'min' ? 'Минимум' : 'Максимум'} поля ${i + 1}`}
                      value={boundText(i, k)}
                      disabled={!numeric}
                      readOnly={readOnly}
                      onChange={(e) => {
                        const text = e.currentTarget.value;
                        setBounds((b) => ({ ...b, [`${i}.${k}`]: text }));
                        set(i, { [k]: num(text) });
                      }}
                      error={err(k)}
                    />
                  </Table.Td>
                ))}
                <Table.Td>
                  {f.type === 'select' ? (
                    <TagsInput
                      aria-label={`Варианты поля ${i + 1}`}
                      placeholder="Вариант и Enter"
                      value={f.options ?? []}
                      onChange={(options) => set(i, { options })}
                      error={err('options')}
                      readOnly={readOnly}
                    />
                  ) : numeric ? (
                    <Autocomplete
                      aria-label={`Ручная мера поля ${i + 1}`}
                      placeholder="не питает показатель"
                      data={measureOptions}
                      value={f.measureCode ?? ''}
                      onChange={(v) => pickMeasure(i, v)}
                      description={describe(f.measureCode)}
                      limit={50}
                      error={err('measureCode')}
                      readOnly={readOnly}
                    />
                  ) : (
                    <Text size="xs" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`Подсказка поля ${i + 1}`}
                    value={f.hint ?? ''}
                    onChange={(e) => set(i, { hint: e.currentTarget.value })}
                    readOnly={readOnly}
                  />
                </Table.Td>
                <Table.Td>
                  {!readOnly && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Удалить поле ${i + 1}`}
                      onClick={() => onChange(fields.filter((_, j) => j !== i))}
                    >
                      ✕
                    </ActionIcon>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {!readOnly && (
        <Text size="xs" c="dimmed" p="xs">
          Ручная мера — код из формулы показателя вида manual:код (без «manual:»). Принятые ответы суммируются
          по организациям и дают значение этой меры за период сбора. В списке сначала меры ваших наборов
          показателей, затем каталог мер из пресетов.
        </Text>
      )}
    </TableCard>
  );
}

function FormEditor({ form }: { form: CollectionForm | undefined }) {
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const manager = me.capabilities.monitoring.manageForms;
  const editable = form ? form.canEdit : manager;
  const [name, setName] = useState(form?.name ?? '');
  const [description, setDescription] = useState(form?.description ?? '');
  const [fields, setFields] = useState<FormField[]>(form?.fields ?? [blankField(1)]);
  const [assigning, setAssigning] = useState(false);
  // What was last saved, to say «Форма сохранена» only while nothing has changed since.
  const [savedAs, setSavedAs] = useState<string | null>(null);
  const snapshot = JSON.stringify({ name, description, fields });
  const saved = savedAs === snapshot;
  const assignments = useAssignments(form?.id, !!form);

  const save = useMutation({
    mutationFn: () => {
      const body: FormInput = { name: name.trim(), description, fields };
      return form
        ? api.patch<CollectionForm>(`/api/forms/${form.id}`, body)
        : api.post<CollectionForm>('/api/forms', body);
    },
    onSuccess: (f) => {
      void qc.invalidateQueries({ queryKey: formsKey });
      setSavedAs(snapshot);
      if (!form) navigate(`/monitoring/forms/${f.id}`, { replace: true });
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  return (
    <Stack gap="md">
      <PageHeader
        title={form ? form.name : 'Новая форма'}
        description={
          <Anchor component={Link} to="/monitoring/forms" size="sm">
            ← Формы сбора данных
          </Anchor>
        }
        actions={
          form &&
          manager &&
          !form.archived && <Button onClick={() => setAssigning(true)}>Назначить организациям</Button>
        }
      />
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label="Название формы"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            readOnly={!editable}
          />
          <Textarea
            label="Описание для организаций"
            autosize
            minRows={2}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            readOnly={!editable}
          />
          <Group justify="space-between" mt="sm">
            <Title order={2} size="h4">
              Поля
            </Title>
            {editable && (
              <Button variant="light" onClick={() => setFields([...fields, blankField(fields.length + 1)])}>
                Добавить поле
              </Button>
            )}
          </Group>
          {errors.fields && (
            <Text size="sm" c="red">
              {errors.fields}
            </Text>
          )}
          <FieldsTable fields={fields} onChange={setFields} errors={errors} readOnly={!editable} />
          {form && form.assignmentCount > 0 && editable && (
            <Alert color="blue" variant="light">
              Изменения полей не затронут уже назначенные сборы: организации заполняют форму в том виде, в
              каком она была назначена.
            </Alert>
          )}
          <ErrorAlert error={save.error} title="Форма не сохранена" />
          {editable && (
            <Group justify="flex-end">
              {saved && (
                <Text size="sm" c="teal" role="status">
                  Форма сохранена
                </Text>
              )}
              <Button type="submit" loading={save.isPending}>
                {form ? 'Сохранить форму' : 'Создать форму'}
              </Button>
            </Group>
          )}
        </Stack>
      </form>

      {form && (assignments.data?.items.length ?? 0) > 0 && (
        <Paper withBorder p="sm">
          <Title order={2} size="h4" mb="xs">
            Сборы по этой форме
          </Title>
          <Stack gap="xs">
            {assignments.data!.items.map((a) => (
              <Group key={a.id} justify="space-between" wrap="nowrap">
                <Stack gap={0}>
                  <Anchor component={Link} to={`/monitoring/forms/assignments/${a.id}`} size="sm" fw={500}>
                    {a.title}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    срок {formatDate(a.dueOn)}
                  </Text>
                </Stack>
                <div style={{ width: 260 }}>
                  <AssignmentProgress a={a} />
                </div>
              </Group>
            ))}
          </Stack>
        </Paper>
      )}
      {form && (
        <AssignDialog
          key={String(assigning)}
          form={form}
          opened={assigning}
          onClose={() => setAssigning(false)}
        />
      )}
    </Stack>
  );
}

export default function FormBuilderPage() {
  const me = useMe();
  const { id } = useParams();
  const allowed = me.capabilities.monitoring.readForms;
  const form = useForm(allowed ? id : undefined);
  if (!allowed) return <NoAccess />;
  if (!id) return <FormEditor form={undefined} />;
  if (form.error) return <ErrorAlert error={form.error} title="Форма недоступна" />;
  if (!form.data) return <LoadingRows rows={6} label="Загрузка формы" />;
  return <FormEditor key={form.data.id} form={form.data} />;
}
