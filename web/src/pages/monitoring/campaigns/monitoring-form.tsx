import { Group, NativeSelect, NumberInput, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import {
  afterMonitoringCreated,
  createMonitoring,
  type IndicatorSet,
  useIndicatorSet,
  useIndicatorSets,
} from '../../../api/monitoring.ts';
import { ModalForm } from '../../../components/modal-form.tsx';
import { todayIso } from '../../../lib/words.ts';
import { academicYear, lastCompletedAcademicYear } from '../monitoring-words.ts';

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

type Defaults = Pick<MonitoringFields, 'name' | 'periodStart' | 'periodEnd' | 'asOf' | 'targetYear'>;

/**
 * What a new monitoring of a set proposes. The target year is the latest the set has targets for,
 * up to the current school year: a set with targets for this school year gets this year and its
 * period so far; a set whose targets end earlier (003: 2022–2025, read in 2026/27) gets its last
 * target year and the last school year that has ended (what a monitoring usually reports on, and
 * whose forms are filled). The name says which set and which school year.
 */
export function monitoringDefaults(
  set: Pick<IndicatorSet, 'name' | 'sourceDocument' | 'indicators'> | undefined,
  today = new Date(),
): Defaults {
  const current = academicYear(today);
  const years = [...new Set((set?.indicators ?? []).flatMap((i) => i.targets.map((t) => t.year)))];
  const upToNow = years.filter((y) => y <= current.year);
  const targetYear =
    years.length === 0 || years.includes(current.year)
      ? current.year
      : upToNow.length
        ? Math.max(...upToNow)
        : Math.min(...years);
  const period = targetYear === current.year ? current : lastCompletedAcademicYear(today);
  const iso = todayIso();
  const what = set
    ? set.sourceDocument
      ? `по набору ${set.sourceDocument}`
      : `«${set.name.replace(/\s*\([^)]*\)\s*$/, '')}»`
    : '';
  return {
    name: set ? `Мониторинг ${what} за ${period.year - 1}/${period.year} учебный год` : '',
    periodStart: period.start,
    periodEnd: period.end,
    // the as-of date: the period's end, not past today
    asOf: [period.end, iso].sort()[0] ?? period.end,
    targetYear,
  };
}

/**
 * Fills the defaults of the chosen set once it has loaded, and again when another set is chosen,
 * leaving alone every field the user has changed since.
 */
function SetDefaults({ form, setId }: { form: UseFormReturnType<MonitoringFields>; setId: string }) {
  const set = useIndicatorSet(setId || undefined);
  const applied = useRef<Defaults | null>(null);
  useEffect(() => {
    if (!set.data || set.data.id !== setId) return;
    const next = monitoringDefaults(set.data);
    const before = applied.current ?? monitoringDefaults(undefined);
    for (const key of Object.keys(next) as (keyof Defaults)[]) {
      const now = String(form.getValues()[key]);
      if (now === String(before[key]) && now !== String(next[key])) form.setFieldValue(key, next[key]);
    }
    applied.current = next;
  }, [set.data, setId, form]);
  return null;
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
        // until the chosen set loads (SetDefaults then proposes its own)
        ...monitoringDefaults(undefined),
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
          <SetDefaults form={form} setId={chosen(form.values)} />
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
