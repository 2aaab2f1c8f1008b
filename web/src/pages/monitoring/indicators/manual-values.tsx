import {
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { saveXlsx } from '../../../api/api.ts';
import {
  afterManualValueSaved,
  type Indicator,
  saveManualValue,
  useManualValues,
  useMeasures,
} from '../../../api/monitoring.ts';
import { Empty } from '../../../components/empty.tsx';
import { ErrorAlert, fieldErrors } from '../../../components/error-alert.tsx';
import { OrganizationSelect } from '../../../components/organization-select.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../../lib/words.ts';
import { manualCodes } from '../monitoring-words.ts';

/**
 * Values of the set's manual measures: entered here by the methodist for the territory or one
 * organization, or fed by accepted form submissions (those appear in the computed value, not here).
 */
export function ManualValues({
  indicators,
  periodStart,
  periodEnd,
  canEdit,
}: {
  indicators: Indicator[];
  periodStart: string;
  periodEnd: string;
  canEdit: boolean;
}) {
  const labels = new Map<string, string>();
  const users = new Map<string, string[]>();
  for (const i of indicators) {
    for (const code of manualCodes(i.formula)) {
      labels.set(code, i.measures.find((m) => m.code === code)?.label ?? code);
      users.set(code, [...(users.get(code) ?? []), i.code]);
    }
  }
  const codes = [...labels.keys()];
  const [code, setCode] = useState(codes[0] ?? '');
  const current = codes.includes(code) ? code : (codes[0] ?? '');
  const values = useManualValues(current || undefined, periodStart, periodEnd);
  const field = useMeasures().data?.find((m) => m.code === current)?.field;
  const qc = useQueryClient();
  const form = useForm<{ organizationId: string; value: number | string; note: string }>({
    mode: 'controlled',
    initialValues: { organizationId: '', value: '', note: '' },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      saveManualValue({
        measureCode: current,
        organizationId: v.organizationId || null,
        periodStart,
        periodEnd,
        value: Number(v.value),
        note: v.note,
      }),
    onSuccess: async () => {
      // The organization stays chosen: the next value is often for the same one.
      form.setValues({ value: '', note: '' });
      await afterManualValueSaved(qc);
    },
    onError: (e) => form.setErrors(fieldErrors(e)),
  });
  if (codes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Все показатели набора рассчитываются платформой — вводить вручную нечего.
      </Text>
    );
  }
  const list = values.data ?? [];
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Показатели, отмеченные «вручную», берут значения из форм сбора (принятые ответы школ) и из значений,
        введённых здесь за период {formatDate(periodStart)} — {formatDate(periodEnd)}.
      </Text>
      <NativeSelect
        label="Ручная мера"
        data={codes.map((c) => ({
          value: c,
          label: `${labels.get(c)} — показатели ${users.get(c)?.join(', ')}`,
        }))}
        value={current}
        onChange={(e) => setCode(e.currentTarget.value)}
        maw={720}
      />
      <Text size="sm" data-testid="manual-source">
        Откуда значение: {field ? `поле «${field.label}» формы сбора` : 'поле формы сбора'} с кодом меры{' '}
        <code>{current.replace('manual:', '')}</code>
        {field?.hint ? ` (${field.hint})` : ''}; или значение, введённое здесь для территории или организации.
      </Text>
      <ErrorAlert error={values.error} title="Не удалось загрузить значения" />
      {values.data && list.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Значений за период нет"
            description="Введите значение ниже или назначьте школам форму сбора с этим полем — без значения показатель остаётся пустым, а не нулём."
          />
        </Paper>
      )}
      {list.length > 0 && (
        <Paper withBorder>
          <Table fz="sm" aria-label="Введённые значения" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Организация</Table.Th>
                <Table.Th>Период</Table.Th>
                <Table.Th ta="right">Значение</Table.Th>
                <Table.Th>Примечание</Table.Th>
                <Table.Th>Введено</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>{v.organizationName ?? 'вся территория'}</Table.Td>
                  <Table.Td>
                    {formatDate(v.periodStart)} — {formatDate(v.periodEnd)}
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(v.value)}</Table.Td>
                  <Table.Td>{v.note}</Table.Td>
                  <Table.Td>{formatDateTime(v.enteredAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group p="xs">
            <Button
              size="xs"
              variant="default"
              onClick={() =>
                saveXlsx(
                  `ручные-значения-${current.replace('manual:', '')}.xlsx`,
                  ['Мера', 'Организация', 'Начало периода', 'Конец периода', 'Значение', 'Примечание'],
                  list.map((v) => [
                    current,
                    v.organizationName ?? '',
                    v.periodStart,
                    v.periodEnd,
                    v.value,
                    v.note,
                  ]),
                )
              }
            >
              Скачать XLSX
            </Button>
          </Group>
        </Paper>
      )}
      {canEdit && (
        <form noValidate onSubmit={form.onSubmit((v) => save.mutate(v))}>
          <Group align="flex-end" gap="xs" wrap="wrap">
            <OrganizationSelect allLabel="Вся территория" {...form.getInputProps('organizationId')} w={260} />
            <NumberInput
              label="Значение"
              required
              decimalSeparator=","
              {...form.getInputProps('value')}
              w={140}
            />
            <TextInput label="Примечание" {...form.getInputProps('note')} w={260} />
            <Button type="submit" loading={save.isPending} disabled={form.values.value === ''}>
              Сохранить значение
            </Button>
          </Group>
          <ErrorAlert error={save.error} title="Значение не сохранено" />
        </form>
      )}
    </Stack>
  );
}
