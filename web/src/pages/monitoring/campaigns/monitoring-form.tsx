import { Group, NativeSelect, NumberInput, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useNavigate } from 'react-router';
import { afterMonitoringCreated, createMonitoring, useIndicatorSets } from '../../../api/monitoring.ts';
import { ModalForm } from '../../../components/modal-form.tsx';
import { todayIso } from '../../../lib/words.ts';
import { academicYear } from '../monitoring-words.ts';

interface MonitoringFields {
  /** Empty until chosen: the first set in the list is meant (the list may still be loading on open). */
  setId: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  asOf: string;
  targetYear: number | string;
  schedule: string;
  responsible: string;
}

/** A monitoring = an indicator set + period + as-of date + target year + schedule + responsible. */
export function MonitoringForm({
  opened,
  onClose,
  setId,
}: {
  opened: boolean;
  onClose: () => void;
  setId?: string;
}) {
  const sets = useIndicatorSets(opened);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const ay = academicYear();
  const firstSet = sets.data?.[0]?.id ?? '';
  const chosen = (v: MonitoringFields) => v.setId || firstSet;
  // Once created, the dialog closes onto the new monitoring's page; going there also leaves the
  // list's `?new=1` behind (clearing it first would navigate back to the list).
  const created = useRef<string | null>(null);
  const close = () => {
    const id = created.current;
    created.current = null;
    if (id) navigate(`/monitoring/campaigns/${id}`);
    else onClose();
  };
  return (
    <ModalForm
      opened={opened}
      onClose={close}
      title="Новый мониторинг"
      initialValues={(): MonitoringFields => ({
        setId: setId ?? '',
        name: '',
        periodStart: ay.start,
        periodEnd: ay.end,
        // The as-of date defaults to today, not past the period's end.
        asOf: [ay.end, todayIso()].sort()[0] ?? ay.end,
        targetYear: ay.year,
        schedule: '',
        responsible: '',
      })}
      validate={(v) => ({
        setId: chosen(v) ? null : 'Выберите набор показателей',
        name: v.name.trim() ? null : 'Укажите название мониторинга',
        periodStart: v.periodStart ? null : 'Укажите начало периода',
        periodEnd: !v.periodEnd
          ? 'Укажите конец периода'
          : v.periodStart && v.periodEnd < v.periodStart
            ? 'Конец периода раньше его начала'
            : null,
        asOf: v.asOf ? null : 'Укажите дату, на которую берутся данные',
        targetYear: Number.isInteger(Number(v.targetYear)) && v.targetYear !== '' ? null : 'Укажите год',
      })}
      submit={(v) =>
        createMonitoring({
          ...v,
          setId: chosen(v),
          name: v.name.trim(),
          targetYear: Number(v.targetYear),
        })
      }
      onSuccess={async (m) => {
        await afterMonitoringCreated(qc);
        created.current = m.id;
      }}
      submitLabel="Создать"
      errorTitle="Мониторинг не создан"
    >
      {(form) => (
        <>
          <NativeSelect
            label="Набор показателей"
            required
            data={(sets.data ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.code})` }))}
            {...form.getInputProps('setId')}
            value={chosen(form.values)}
          />
          <TextInput
            label="Название"
            required
            placeholder={`Мониторинг ${ay.year - 1}/${ay.year} учебного года`}
            {...form.getInputProps('name')}
          />
          <Group grow>
            <TextInput type="date" label="Период с" required {...form.getInputProps('periodStart')} />
            <TextInput type="date" label="Период по" required {...form.getInputProps('periodEnd')} />
          </Group>
          <Group grow>
            <TextInput type="date" label="Данные на дату" required {...form.getInputProps('asOf')} />
            <NumberInput
              label="Год целевых значений"
              required
              allowDecimal={false}
              {...form.getInputProps('targetYear')}
            />
          </Group>
          <Textarea
            label="График"
            autosize
            placeholder="Например: сбор данных — до 15 мая, анализ — до 31 мая, публикация — июнь"
            {...form.getInputProps('schedule')}
          />
          <TextInput label="Ответственный" {...form.getInputProps('responsible')} />
        </>
      )}
    </ModalForm>
  );
}
