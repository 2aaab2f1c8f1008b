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
import { type UseFormReturnType, useForm } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  afterFormSaved,
  type CollectionForm,
  type FormField,
  saveForm,
  useAssignments,
  useCollectionForm,
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

/**
 * A field as the builder edits it: bounds as typed (a half-typed «-» or «1,» stays in the box),
 * empty texts instead of absent ones, and a key of its own so a row keeps its inputs while codes
 * are typed and rows above it are removed.
 */
interface FieldRow {
  key: string;
  code: string;
  label: string;
  type: FormField['type'];
  required: boolean;
  min: string;
  max: string;
  options: string[];
  hint: string;
  measureCode: string;
}

interface BuilderValues {
  name: string;
  description: string;
  fields: FieldRow[];
}

const toRow = (f: FormField): FieldRow => ({
  key: randomId(),
  code: f.code,
  label: f.label,
  type: f.type,
  required: f.required,
  min: f.min == null ? '' : String(f.min),
  max: f.max == null ? '' : String(f.max),
  options: f.options ?? [],
  hint: f.hint ?? '',
  measureCode: f.measureCode ?? '',
});
const blankRow = (n: number) => toRow({ code: `field_${n}`, label: '', type: 'integer', required: true });
const num = (s: string): number | null => {
  const n = Number(s.trim().replace(',', '.'));
  return s.trim() === '' || !Number.isFinite(n) ? null : n;
};

/** A row as the API takes it: bounds and the measure only on numeric fields, options only on a list. */
function toField(r: FieldRow): FormField {
  const numeric = isNumericType(r.type);
  return {
    code: r.code,
    label: r.label,
    type: r.type,
    required: r.required,
    min: numeric ? num(r.min) : null,
    max: numeric ? num(r.max) : null,
    measureCode: numeric && r.measureCode ? r.measureCode : null,
    ...(r.type === 'select' ? { options: r.options } : {}),
    ...(r.hint ? { hint: r.hint } : {}),
  };
}

/** The fields table: one row per field, every property editable in place. */
function FieldsTable({
  builder,
  readOnly,
}: {
  builder: UseFormReturnType<BuilderValues>;
  readOnly: boolean;
}) {
  const measures = useMeasureCodes(!readOnly);
  const fields = builder.values.fields;
  const catalogue = new Map((measures.data?.items ?? []).map((m) => [m.code, m]));
  const measureOptions = [...catalogue.keys()];
  const input = (i: number, k: keyof FieldRow) => builder.getInputProps(`fields.${i}.${k}`);
  const set = (i: number, patch: Partial<FieldRow>) => {
    const f = fields[i];
    if (f) builder.replaceListItem('fields', i, { ...f, ...patch });
  };
  /** Picking a catalogue measure for a field not yet named fills in the field it expects. */
  const pickMeasure = (i: number, code: string) => {
    const m = catalogue.get(code);
    const f = fields[i];
    set(i, {
      measureCode: code,
      ...(m?.field && !f?.label.trim()
        ? {
            label: m.field.label,
            type: m.field.type,
            hint: m.field.hint,
            ...(m.field.type === 'percent' ? {} : { min: '0' }),
          }
        : {}),
    });
  };
  const describe = (code: string) => {
    const m = code ? catalogue.get(code) : undefined;
    if (!m) return undefined;
    return [m.label, m.indicators.length ? `показатели: ${m.indicators.join('; ')}` : '']
      .filter(Boolean)
      .join(' · ');
  };
  return (
    <TableCard loading={false} minWidth={980}>
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
            <Table.Th w={40} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.map((f, i) => {
            const numeric = isNumericType(f.type);
            // Two rows a field: what it is on the first, its options or measure and hint below,
            // so the builder fits a 1366 px screen.
            return (
              <Fragment key={f.key}>
                <Table.Tr style={{ borderBottom: 'none' }}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Название поля ${i + 1}`}
                      {...input(i, 'label')}
                      readOnly={readOnly}
                      required
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput aria-label={`Код поля ${i + 1}`} {...input(i, 'code')} readOnly={readOnly} />
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      aria-label={`Тип поля ${i + 1}`}
                      data={FIELD_TYPE_OPTIONS}
                      {...input(i, 'type')}
                      disabled={readOnly}
                      onChange={(e) => {
                        const type = e.currentTarget.value as FieldRow['type'];
                        set(i, {
                          type,
                          ...(isNumericType(type) ? {} : { min: '', max: '', measureCode: '' }),
                        });
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Checkbox
                      aria-label={`Обязательное поле ${i + 1}`}
                      {...builder.getInputProps(`fields.${i}.required`, { type: 'checkbox' })}
                      disabled={readOnly}
                    />
                  </Table.Td>
                  {(['min', 'max'] as const).map((k) => (
                    <Table.Td key={k}>
                      <TextInput
                        aria-label={`${k === 'min' ? 'Минимум' : 'Максимум'} поля ${i + 1}`}
                        {...input(i, k)}
                        disabled={!numeric}
                        readOnly={readOnly}
                      />
                    </Table.Td>
                  ))}
                  <Table.Td>
                    {!readOnly && (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Удалить поле ${i + 1}`}
                        onClick={() => builder.removeListItem('fields', i)}
                      >
                        ✕
                      </ActionIcon>
                    )}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Td />
                  <Table.Td colSpan={3} valign="top">
                    <Text size="xs" c="dimmed" mb={2}>
                      {f.type === 'select' ? 'Варианты ответа' : 'Ручная мера показателя'}
                    </Text>
                    {f.type === 'select' ? (
                      <TagsInput
                        aria-label={`Варианты поля ${i + 1}`}
                        placeholder="Вариант и Enter"
                        {...input(i, 'options')}
                        readOnly={readOnly}
                      />
                    ) : numeric ? (
                      <Autocomplete
                        aria-label={`Ручная мера поля ${i + 1}`}
                        placeholder="не питает показатель"
                        data={measureOptions}
                        {...input(i, 'measureCode')}
                        onChange={(v) => pickMeasure(i, v)}
                        description={describe(f.measureCode)}
                        limit={50}
                        readOnly={readOnly}
                      />
                    ) : (
                      <Text size="xs" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td colSpan={4} valign="top">
                    <Text size="xs" c="dimmed" mb={2}>
                      Подсказка для заполняющих
                    </Text>
                    <TextInput
                      aria-label={`Подсказка поля ${i + 1}`}
                      {...input(i, 'hint')}
                      readOnly={readOnly}
                    />
                  </Table.Td>
                </Table.Tr>
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
      {!readOnly && (
        <Text size="xs" c="dimmed" p="xs">
          Ручная мера — та, что формула показателя берёт из форм («вводится вручную»). Принятые ответы
          суммируются по организациям и дают значение этой меры за период сбора. В списке сначала меры ваших
          наборов показателей, затем каталог мер из пресетов.
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
  const builder = useForm<BuilderValues>({
    mode: 'controlled',
    initialValues: {
      name: form?.name ?? '',
      description: form?.description ?? '',
      fields: form ? form.fields.map(toRow) : [blankRow(1)],
    },
    validate: {
      name: (v) => (v.trim() ? null : 'Укажите название формы'),
      fields: { label: (v) => (v.trim() ? null : 'Укажите название поля') },
    },
  });
  const [assigning, setAssigning] = useState(false);
  // What was last saved, to say «Форма сохранена» only while nothing has changed since.
  const [savedAs, setSavedAs] = useState<string | null>(null);
  const saved = savedAs === JSON.stringify(builder.values);
  const assignments = useAssignments(form?.id, !!form);

  const save = useMutation({
    mutationFn: (v: BuilderValues) =>
      saveForm(form?.id ?? null, {
        name: v.name.trim(),
        description: v.description,
        fields: v.fields.map(toField),
      }),
    onSuccess: (f, v) => {
      void afterFormSaved(qc, f);
      setSavedAs(JSON.stringify(v));
      if (!form) navigate(`/monitoring/forms/${f.id}`, { replace: true });
    },
    onError: (e) => builder.setErrors(fieldErrors(e)),
  });
  const fields = builder.values.fields;

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
      <form noValidate onSubmit={builder.onSubmit((v) => save.mutate(v))}>
        <Stack gap="sm">
          <TextInput
            label="Название формы"
            required
            {...builder.getInputProps('name')}
            readOnly={!editable}
          />
          <Textarea
            label="Описание для организаций"
            autosize
            minRows={2}
            {...builder.getInputProps('description')}
            readOnly={!editable}
          />
          <Group justify="space-between" mt="sm">
            <Title order={2} size="h4">
              Поля
            </Title>
            {editable && (
              <Button
                variant="light"
                onClick={() => builder.insertListItem('fields', blankRow(fields.length + 1))}
              >
                Добавить поле
              </Button>
            )}
          </Group>
          {builder.errors.fields && (
            <Text size="sm" c="red">
              {builder.errors.fields}
            </Text>
          )}
          <FieldsTable builder={builder} readOnly={!editable} />
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
      {form && <AssignDialog form={form} opened={assigning} onClose={() => setAssigning(false)} />}
    </Stack>
  );
}

export default function FormBuilderPage() {
  const me = useMe();
  const { id } = useParams();
  const allowed = me.capabilities.monitoring.readForms;
  const form = useCollectionForm(allowed ? id : undefined);
  if (!allowed) return <NoAccess />;
  if (!id) return <FormEditor form={undefined} />;
  if (form.error) return <ErrorAlert error={form.error} title="Форма недоступна" />;
  if (!form.data) return <LoadingRows rows={6} label="Загрузка формы" />;
  return <FormEditor key={form.data.id} form={form.data} />;
}
