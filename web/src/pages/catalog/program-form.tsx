import {
  Checkbox,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useFrameworks } from '../../api/assessment.ts';
import { afterProgramSaved, type ProgramCard, type ProgramInput, saveProgram } from '../../api/catalog.ts';
import { ModalForm } from '../../components/modal-form.tsx';
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
    // The card's schema types them as strings; they are codes of DIRECTIONS, the only ones the server
    // accepts (and the form's select offers nothing else).
    priorityDirections: (p?.priorityDirections ?? []) as ProgramInput['priorityDirections'],
    active: p?.active ?? true,
    competencyCodes: p?.competencyCodes ?? [],
  };
}

function validate(v: ProgramInput) {
  return {
    code: v.code.trim() ? null : 'Укажите код программы',
    name: v.name.trim() ? null : 'Укажите название программы',
    hours: Number(v.hours) >= 1 ? null : 'Укажите число часов (не меньше 1)',
    provider: v.provider.trim() ? null : 'Укажите организацию ДПО',
    federalRegistryNumber:
      v.federalRegistry && !v.federalRegistryNumber?.trim() ? 'Укажите номер в федеральном реестре' : null,
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
  const seen = new Set<string>();
  const competencyChoices = (frameworks.data?.items ?? []).flatMap((f) =>
    f.groups.flatMap((g) =>
      g.competencies
        .filter((c) => !seen.has(c.code) && seen.add(c.code))
        .map((c) => ({ value: c.code, label: c.name })),
    ),
  );

  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title={program ? 'Изменить программу' : 'Новая программа'}
      size="xl"
      initialValues={() => initial(program)}
      submit={(v) =>
        saveProgram(program?.id ?? null, {
          ...v,
          code: v.code.trim(),
          name: v.name.trim(),
          provider: v.provider.trim(),
          hours: Number(v.hours) || 0,
          federalRegistryNumber: v.federalRegistry ? v.federalRegistryNumber?.trim() || null : null,
        })
      }
      validate={validate}
      onSuccess={(p) => {
        void afterProgramSaved(qc, p);
        onSaved?.(p);
      }}
      errorTitle="Программа не сохранена"
    >
      {(form) => (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput label="Код" required {...form.getInputProps('code')} />
            <NativeSelect label="Вид" data={options(PROGRAM_KINDS)} {...form.getInputProps('kind')} />
            <NumberInput label="Часов" required min={1} {...form.getInputProps('hours')} />
          </SimpleGrid>
          <TextInput label="Название" required {...form.getInputProps('name')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label="Организация ДПО" required {...form.getInputProps('provider')} />
            <NativeSelect label="Форма" data={options(PROGRAM_FORMATS)} {...form.getInputProps('format')} />
          </SimpleGrid>
          <Group align="flex-end" gap="md">
            <Checkbox
              label="В федеральном реестре"
              {...form.getInputProps('federalRegistry', { type: 'checkbox' })}
            />
            {form.values.federalRegistry && (
              <TextInput
                label="Номер в реестре"
                required
                {...form.getInputProps('federalRegistryNumber')}
                value={form.values.federalRegistryNumber ?? ''}
              />
            )}
          </Group>
          <MultiSelect
            label="Приоритетные направления"
            data={options(DIRECTIONS)}
            {...form.getInputProps('priorityDirections')}
            clearable
          />
          <MultiSelect
            label="Развиваемые компетенции"
            description="По ним программа предлагается педагогам с дефицитами"
            data={competencyChoices}
            {...form.getInputProps('competencyCodes')}
            searchable
            clearable
          />
          <Checkbox
            label="Программа действует (предлагается в маршрутах)"
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
        </>
      )}
    </ModalForm>
  );
}
