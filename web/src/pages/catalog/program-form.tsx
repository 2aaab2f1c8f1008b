import {
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/api.ts';
import {
  type ProgramCard,
  type ProgramFormat,
  type ProgramInput,
  type ProgramKind,
  useFrameworks,
} from '../../api/assessment.ts';
import { ErrorAlert, fieldErrors } from '../../components/error-alert.tsx';
import { DIRECTIONS, options, PROGRAM_FORMATS, PROGRAM_KINDS } from './catalog-words.ts';

function initial(p: ProgramCard | null): ProgramInput {
  return {
    code: p?.code ?? '',
    name: p?.name ?? '',
    kind: p?.kind ?? 'upgrade',
    hours: p?.hours ?? 36,
    provider: p?.provider ?? '',
    format: p?.format ?? 'in_person',
    federalRegistry: p?.federalRegistry ?? false,
    federalRegistryNumber: p?.federalRegistryNumber ?? null,
    priorityDirections: p?.priorityDirections ?? [],
    active: p?.active ?? true,
    competencyCodes: p?.competencyCodes ?? [],
  };
}

/** Create a program or edit one; the competencies it develops come from the frameworks' codes. */
export function ProgramForm({
  program,
  opened,
  onClose,
  onSaved,
}: {
  program: ProgramCard | null;
  opened: boolean;
  onClose: () => void;
  onSaved?: (p: ProgramCard) => void;
}) {
  const qc = useQueryClient();
  const frameworks = useFrameworks();
  const [v, setV] = useState<ProgramInput>(() => initial(program));
  const set = <K extends keyof ProgramInput>(k: K, value: ProgramInput[K]) =>
    setV((x) => ({ ...x, [k]: value }));
  const save = useMutation({
    mutationFn: () => {
      const body = {
        ...v,
        code: v.code.trim(),
        name: v.name.trim(),
        provider: v.provider.trim(),
        hours: Number(v.hours),
        federalRegistryNumber: v.federalRegistry ? v.federalRegistryNumber?.trim() || null : null,
      };
      return program
        ? api.patch<ProgramCard>(`/api/programs/${program.id}`, body)
        : api.post<ProgramCard>('/api/programs', body);
    },
    onSuccess: (p) => {
      qc.setQueryData(['program', p.id], p);
      void qc.invalidateQueries({ queryKey: ['programs'] });
      onClose();
      onSaved?.(p);
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const seen = new Set<string>();
  const competencyChoices = (frameworks.data?.items ?? []).flatMap((f) =>
    f.groups.flatMap((g) =>
      g.competencies
        .filter((c) => !seen.has(c.code) && seen.add(c.code))
        .map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` })),
    ),
  );

  return (
    <Modal
      closeButtonProps={{ 'aria-label': 'Закрыть' }}
      opened={opened}
      onClose={onClose}
      title={program ? 'Изменить программу' : 'Новая программа'}
      size="xl"
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label="Код"
              required
              value={v.code}
              onChange={(e) => set('code', e.currentTarget.value)}
              error={errors.code}
            />
            <NativeSelect
              label="Вид"
              data={options(PROGRAM_KINDS)}
              value={v.kind}
              onChange={(e) => set('kind', e.currentTarget.value as ProgramKind)}
            />
            <NumberInput
              label="Часов"
              required
              min={1}
              value={v.hours}
              onChange={(x) => set('hours', Number(x) || 0)}
              error={errors.hours}
            />
          </SimpleGrid>
          <TextInput
            label="Название"
            required
            value={v.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors.name}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="Организация ДПО"
              required
              value={v.provider}
              onChange={(e) => set('provider', e.currentTarget.value)}
              error={errors.provider}
            />
            <NativeSelect
              label="Форма"
              data={options(PROGRAM_FORMATS)}
              value={v.format}
              onChange={(e) => set('format', e.currentTarget.value as ProgramFormat)}
            />
          </SimpleGrid>
          <Group align="flex-end" gap="md">
            <Checkbox
              label="В федеральном реестре"
              checked={v.federalRegistry}
              onChange={(e) => set('federalRegistry', e.currentTarget.checked)}
            />
            {v.federalRegistry && (
              <TextInput
                label="Номер в реестре"
                required
                value={v.federalRegistryNumber ?? ''}
                onChange={(e) => set('federalRegistryNumber', e.currentTarget.value)}
                error={errors.federalRegistryNumber}
              />
            )}
          </Group>
          <MultiSelect
            label="Приоритетные направления"
            data={options(DIRECTIONS)}
            value={v.priorityDirections}
            onChange={(x) => set('priorityDirections', x)}
            clearable
          />
          <MultiSelect
            label="Развиваемые компетенции"
            description="По ним программа предлагается педагогам с дефицитами"
            data={competencyChoices}
            value={v.competencyCodes}
            onChange={(x) => set('competencyCodes', x)}
            searchable
            clearable
            error={errors.competencyCodes}
          />
          <Checkbox
            label="Программа действует (предлагается в маршрутах)"
            checked={v.active}
            onChange={(e) => set('active', e.currentTarget.checked)}
          />
          <ErrorAlert error={save.error} title="Программа не сохранена" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button type="submit" loading={save.isPending}>
              Сохранить
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
