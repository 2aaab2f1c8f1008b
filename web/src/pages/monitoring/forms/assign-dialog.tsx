import { Button, Group, Modal, MultiSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../../api/api.ts';
import {
  type AssignmentCard,
  type AssignmentInput,
  type CollectionForm,
  formsKey,
} from '../../../api/forms.ts';
import { useOrganizations } from '../../../api/queries.ts';
import { useMe } from '../../../auth/session.tsx';
import { ErrorAlert, fieldErrors } from '../../../components/error-alert.tsx';

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
  const [title, setTitle] = useState(`${form.name}, ${year}`);
  const [periodStart, setPeriodStart] = useState(`${year}-01-01`);
  const [periodEnd, setPeriodEnd] = useState(`${year}-12-31`);
  const [dueOn, setDueOn] = useState('');
  const [organizationIds, setOrganizationIds] = useState<string[]>([]);

  const assign = useMutation({
    mutationFn: () => {
      const body: AssignmentInput = { title: title.trim(), periodStart, periodEnd, dueOn, organizationIds };
      return api.post<AssignmentCard>(`/api/forms/${form.id}/assignments`, body);
    },
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: formsKey });
      onClose();
      navigate(`/monitoring/forms/assignments/${a.id}`);
    },
  });
  const errors = fieldErrors(assign.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    assign.mutate();
  };
  const choices = (orgs.data?.items ?? [])
    .slice()
    .sort((a, b) => a.shortName.localeCompare(b.shortName, 'ru', { numeric: true }))
    .map((o) => ({ value: o.id, label: o.shortName }));

  return (
    <Modal
      closeButtonProps={{ 'aria-label': 'Закрыть' }}
      opened={opened}
      onClose={onClose}
      title="Назначить форму организациям"
      size="lg"
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label="Название сбора"
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
            data-autofocus
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label="Начало периода"
              type="date"
              required
              value={periodStart}
              onChange={(e) => setPeriodStart(e.currentTarget.value)}
              error={errors.periodStart}
            />
            <TextInput
              label="Окончание периода"
              type="date"
              required
              value={periodEnd}
              onChange={(e) => setPeriodEnd(e.currentTarget.value)}
              error={errors.periodEnd}
            />
            <TextInput
              label="Срок сдачи"
              type="date"
              required
              value={dueOn}
              onChange={(e) => setDueOn(e.currentTarget.value)}
              error={errors.dueOn}
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt={-6}>
            Принятые значения пойдут в ручные меры показателей за этот период.
          </Text>
          <MultiSelect
            label="Организации"
            placeholder={organizationIds.length ? undefined : 'Выберите организации'}
            data={choices}
            value={organizationIds}
            onChange={setOrganizationIds}
            searchable
            clearable
            required
            nothingFoundMessage="Нет таких организаций"
            error={errors.organizationIds}
          />
          <Group gap="xs">
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => setOrganizationIds(choices.map((c) => c.value))}
              disabled={!choices.length}
            >
              Выбрать все ({choices.length})
            </Button>
          </Group>
          <ErrorAlert error={assign.error} title="Форма не назначена" />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button type="submit" loading={assign.isPending} disabled={!organizationIds.length || !dueOn}>
              Назначить
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
