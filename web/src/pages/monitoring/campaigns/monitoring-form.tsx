import { Button, Group, Modal, NativeSelect, NumberInput, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../../api/api.ts';
import { type MonitoringInput, useIndicatorSets } from '../../../api/monitoring.ts';
import { ErrorAlert, fieldErrors } from '../../../components/error-alert.tsx';
import { todayIso } from '../../../lib/words.ts';
import { academicYear } from '../monitoring-words.ts';

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
  const [v, setV] = useState<MonitoringInput>({
    setId: setId ?? '',
    name: '',
    periodStart: ay.start,
    periodEnd: ay.end,
    // The as-of date defaults to today, not past the period's end.
    asOf: [ay.end, todayIso()].sort()[0] ?? ay.end,
    targetYear: ay.year,
    schedule: '',
    responsible: '',
  });
  const upd = <K extends keyof MonitoringInput>(k: K, x: MonitoringInput[K]) =>
    setV((p) => ({ ...p, [k]: x }));
  const chosen = v.setId || sets.data?.[0]?.id || '';
  const save = useMutation({
    mutationFn: () => api.post<{ id: string }>('/api/monitorings', { ...v, setId: chosen }),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: ['monitorings'] });
      onClose();
      navigate(`/monitoring/campaigns/${r.id}`);
    },
  });
  const errors = fieldErrors(save.error);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Новый мониторинг"
      size="lg"
      closeButtonProps={{ 'aria-label': 'Закрыть' }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <NativeSelect
            label="Набор показателей"
            required
            data={(sets.data ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.code})` }))}
            value={chosen}
            onChange={(e) => upd('setId', e.currentTarget.value)}
            error={errors.setId}
          />
          <TextInput
            label="Название"
            required
            value={v.name}
            onChange={(e) => upd('name', e.currentTarget.value)}
            placeholder={`Мониторинг ${ay.year - 1}/${ay.year} учебного года`}
            error={errors.name}
          />
          <Group grow>
            <TextInput
              type="date"
              label="Период с"
              required
              value={v.periodStart}
              onChange={(e) => upd('periodStart', e.currentTarget.value)}
              error={errors.periodStart}
            />
            <TextInput
              type="date"
              label="Период по"
              required
              value={v.periodEnd}
              onChange={(e) => upd('periodEnd', e.currentTarget.value)}
              error={errors.periodEnd}
            />
          </Group>
          <Group grow>
            <TextInput
              type="date"
              label="Данные на дату"
              required
              value={v.asOf}
              onChange={(e) => upd('asOf', e.currentTarget.value)}
              error={errors.asOf}
            />
            <NumberInput
              label="Год целевых значений"
              required
              value={v.targetYear}
              onChange={(x) => upd('targetYear', typeof x === 'number' ? x : ay.year)}
              error={errors.targetYear}
            />
          </Group>
          <Textarea
            label="График"
            autosize
            placeholder="Например: сбор данных — до 15 мая, анализ — до 31 мая, публикация — июнь"
            value={v.schedule}
            onChange={(e) => upd('schedule', e.currentTarget.value)}
          />
          <TextInput
            label="Ответственный"
            value={v.responsible}
            onChange={(e) => upd('responsible', e.currentTarget.value)}
          />
          <ErrorAlert error={save.error} title="Мониторинг не создан" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!chosen}>
              Создать
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
