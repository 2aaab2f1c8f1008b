import { Checkbox, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { afterOrganizationSaved, saveOrganization } from '../../api/directory.ts';
import { municipalityOptions, useTerritories } from '../../api/queries.ts';
import type { InnovationPlatform, Org, OrgKind } from '../../api/types.ts';
import { useMe } from '../../auth/session.tsx';
import { ModalForm } from '../../components/modal-form.tsx';
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

  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title={org ? 'Изменить сведения об организации' : 'Новая организация'}
      initialValues={() => initial(org, me.municipalityId ?? territories.data?.municipalities[0]?.id ?? null)}
      submit={(v: OrgFields) =>
        saveOrganization(org?.id ?? null, { ...v, inn: v.inn?.trim() ? v.inn.trim() : null })
      }
      onSuccess={async (id) => {
        await afterOrganizationSaved(qc, id);
        if (!org) navigate(`/organizations/${id}`);
      }}
    >
      {(form) => (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label="Муниципалитет"
              required
              data={municipalityOptions(territories.data, 'Выберите муниципалитет')}
              {...form.getInputProps('municipalityId')}
            />
            <NativeSelect
              label="Тип организации"
              required
              data={ORG_KIND_OPTIONS}
              {...form.getInputProps('kind')}
            />
            <TextInput label="Код" required {...form.getInputProps('code')} />
            <TextInput
              label="ИНН"
              inputMode="numeric"
              {...form.getInputProps('inn')}
              value={form.values.inn ?? ''}
            />
          </SimpleGrid>
          <TextInput label="Полное наименование" required {...form.getInputProps('fullName')} />
          <TextInput label="Краткое наименование" required {...form.getInputProps('shortName')} />
          <NativeSelect
            label="Инновационная площадка"
            data={[
              { value: '', label: 'Нет' },
              { value: 'federal', label: 'ФИП — федеральная' },
              { value: 'regional', label: 'РИП — региональная' },
              { value: 'municipal', label: 'МИП — муниципальная' },
            ]}
            {...form.getInputProps('innovationPlatform')}
            value={form.values.innovationPlatform ?? ''}
            onChange={(e) =>
              form.setFieldValue(
                'innovationPlatform',
                (e.currentTarget.value || null) as InnovationPlatform | null,
              )
            }
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <Checkbox label="Сельская" {...form.getInputProps('rural', { type: 'checkbox' })} />
            <Checkbox
              label="ШНОР (низкие образовательные результаты)"
              {...form.getInputProps('lowResults', { type: 'checkbox' })}
            />
            <Checkbox
              label="Стажировочная площадка"
              {...form.getInputProps('internshipPlatform', { type: 'checkbox' })}
            />
            <Checkbox
              label="Принято положение о наставничестве"
              {...form.getInputProps('mentoringRegulation', { type: 'checkbox' })}
            />
          </SimpleGrid>
        </>
      )}
    </ModalForm>
  );
}
