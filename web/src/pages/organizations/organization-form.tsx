import { Button, Checkbox, Group, Modal, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/api.ts';
import { municipalityOptions, useTerritories } from '../../api/queries.ts';
import type { InnovationPlatform, Org, OrgKind } from '../../api/types.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorAlert, fieldErrors } from '../../components/error-alert.tsx';
import { ORG_KIND_OPTIONS } from '../../lib/words.ts';

interface OrgFields {
  municipalityId: string;
  code: string;
  fullName: string;
  shortName: string;
  kind: OrgKind;
  rural: boolean;
  lowResults: boolean;
  innovationPlatform: InnovationPlatform | null;
  internshipPlatform: boolean;
  mentoringRegulation: boolean;
  inn: string | null;
}

function initial(org: Org | null, municipalityId: string | null): OrgFields {
  return {
    municipalityId: org?.municipalityId ?? municipalityId ?? '',
    code: org?.code ?? '',
    fullName: org?.fullName ?? '',
    shortName: org?.shortName ?? '',
    kind: org?.kind ?? 'school',
    rural: org?.rural ?? false,
    lowResults: org?.lowResults ?? false,
    innovationPlatform: org?.innovationPlatform ?? null,
    internshipPlatform: org?.internshipPlatform ?? false,
    mentoringRegulation: org?.mentoringRegulation ?? false,
    inn: org?.inn ?? null,
  };
}

/** Create (org = null) or edit an organization; derived counts are not editable. */
export function OrganizationForm({
  opened,
  onClose,
  org,
}: {
  opened: boolean;
  onClose: () => void;
  org: Org | null;
}) {
  const me = useMe();
  const territories = useTerritories();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [v, setV] = useState<OrgFields>(() => initial(org, me.municipalityId));
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form each time it opens
  useEffect(() => {
    if (opened) setV(initial(org, me.municipalityId ?? territories.data?.municipalities[0]?.id ?? null));
  }, [opened]);

  const save = useMutation({
    mutationFn: async () => {
      const body = { ...v, inn: v.inn?.trim() ? v.inn.trim() : null };
      if (org) return (await api.patch<Org>(`/api/organizations/${org.id}`, body)).id;
      return (await api.post<{ id: string }>('/api/organizations', body)).id;
    },
    onSuccess: async (id) => {
      await qc.invalidateQueries({ queryKey: ['organizations'] });
      await qc.invalidateQueries({ queryKey: ['organization', id] });
      onClose();
      if (!org) navigate(`/organizations/${id}`);
    },
  });
  const errors = fieldErrors(save.error);
  const set = <K extends keyof OrgFields>(k: K, value: OrgFields[K]) => setV((p) => ({ ...p, [k]: value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={org ? 'Изменить сведения об организации' : 'Новая организация'}
      size="lg"
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label="Муниципалитет"
              required
              data={municipalityOptions(territories.data, 'Выберите муниципалитет')}
              value={v.municipalityId}
              onChange={(e) => set('municipalityId', e.currentTarget.value)}
              error={errors.municipalityId}
            />
            <NativeSelect
              label="Тип организации"
              required
              data={ORG_KIND_OPTIONS}
              value={v.kind}
              onChange={(e) => set('kind', e.currentTarget.value as OrgKind)}
              error={errors.kind}
            />
            <TextInput
              label="Код"
              required
              value={v.code}
              onChange={(e) => set('code', e.currentTarget.value)}
              error={errors.code}
            />
            <TextInput
              label="ИНН"
              value={v.inn ?? ''}
              onChange={(e) => set('inn', e.currentTarget.value)}
              error={errors.inn}
              inputMode="numeric"
            />
          </SimpleGrid>
          <TextInput
            label="Полное наименование"
            required
            value={v.fullName}
            onChange={(e) => set('fullName', e.currentTarget.value)}
            error={errors.fullName}
          />
          <TextInput
            label="Краткое наименование"
            required
            value={v.shortName}
            onChange={(e) => set('shortName', e.currentTarget.value)}
            error={errors.shortName}
          />
          <NativeSelect
            label="Инновационная площадка"
            data={[
              { value: '', label: 'Нет' },
              { value: 'federal', label: 'ФИП — федеральная' },
              { value: 'regional', label: 'РИП — региональная' },
              { value: 'municipal', label: 'МИП — муниципальная' },
            ]}
            value={v.innovationPlatform ?? ''}
            onChange={(e) =>
              set('innovationPlatform', (e.currentTarget.value || null) as InnovationPlatform | null)
            }
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <Checkbox
              label="Сельская"
              checked={v.rural}
              onChange={(e) => set('rural', e.currentTarget.checked)}
            />
            <Checkbox
              label="ШНОР (низкие образовательные результаты)"
              checked={v.lowResults}
              onChange={(e) => set('lowResults', e.currentTarget.checked)}
            />
            <Checkbox
              label="Стажировочная площадка"
              checked={v.internshipPlatform}
              onChange={(e) => set('internshipPlatform', e.currentTarget.checked)}
            />
            <Checkbox
              label="Принято положение о наставничестве"
              checked={v.mentoringRegulation}
              onChange={(e) => set('mentoringRegulation', e.currentTarget.checked)}
            />
          </SimpleGrid>
          <ErrorAlert error={save.error} title="Не сохранено" />
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
