import { Button, Group, MultiSelect, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { afterFormAssigned, assignForm, type CollectionForm } from '../../../api/forms.ts';
import { useOrganizations } from '../../../api/queries.ts';
import { useMe } from '../../../auth/session.tsx';
import { ModalForm } from '../../../components/modal-form.tsx';

/** Sends a form to organizations of the methodist's territory for a period, with a deadline. */
export function AssignDialog({
  form,
  opened,
  onClose,
}: {
  form: CollectionForm;
  opened: boolean;
  onClose: () => void;
}) {
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const orgs = useOrganizations({ municipalityId: me.municipalityId });
  const year = new Date().getFullYear();
  const choices = (orgs.data?.items ?? [])
    .slice()
    .sort((a, b) => a.shortName.localeCompare(b.shortName, 'ru', { numeric: true }))
    .map((o) => ({ value: o.id, label: o.shortName }));

  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title="Назначить форму организациям"
      initialValues={() => ({
        title: `${form.name}, ${year}`,
        periodStart: `${year}-01-01`,
        periodEnd: `${year}-12-31`,
        dueOn: '',
        organizationIds: [] as string[],
      })}
      validate={(v) => ({
        title: v.title.trim() ? null : 'Укажите название сбора',
        periodStart: v.periodStart ? null : 'Укажите начало периода',
        periodEnd: !v.periodEnd
          ? 'Укажите окончание периода'
          : v.periodStart && v.periodEnd < v.periodStart
            ? 'Окончание периода раньше его начала'
            : null,
        dueOn: v.dueOn ? null : 'Укажите срок сдачи',
        organizationIds: v.organizationIds.length ? null : 'Выберите хотя бы одну организацию',
      })}
      submit={(v) => assignForm(form.id, { ...v, title: v.title.trim() })}
      onSuccess={async (a) => {
        await afterFormAssigned(qc);
        navigate(`/monitoring/forms/assignments/${a.id}`);
      }}
      submitLabel="Назначить"
      errorTitle="Форма не назначена"
    >
      {(f) => (
        <>
          <TextInput label="Название сбора" required data-autofocus {...f.getInputProps('title')} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput label="Начало периода" type="date" required {...f.getInputProps('periodStart')} />
            <TextInput label="Окончание периода" type="date" required {...f.getInputProps('periodEnd')} />
            <TextInput label="Срок сдачи" type="date" required {...f.getInputProps('dueOn')} />
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt={-6}>
            Принятые значения пойдут в ручные меры показателей за этот период.
          </Text>
          <MultiSelect
            label="Организации"
            placeholder={f.values.organizationIds.length ? undefined : 'Выберите организации'}
            data={choices}
            searchable
            clearable
            required
            nothingFoundMessage="Нет таких организаций"
            {...f.getInputProps('organizationIds')}
          />
          <Group gap="xs">
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() =>
                f.setFieldValue(
                  'organizationIds',
                  choices.map((c) => c.value),
                )
              }
              disabled={!choices.length}
            >
              Выбрать все ({choices.length})
            </Button>
          </Group>
        </>
      )}
    </ModalForm>
  );
}
