import {
  Alert,
  Checkbox,
  MultiSelect,
  NativeSelect,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import {
  type CampaignInput,
  createCampaign,
  defaultFramework,
  useFrameworks,
  useInstruments,
} from '../../api/assessment.ts';
import { keys } from '../../api/keys.ts';
import { useOrganizations, useSubjects } from '../../api/queries.ts';
import { useMe } from '../../auth/session.tsx';
import { ModalForm } from '../../components/modal-form.tsx';
import { ORG_KIND_OPTIONS } from '../../lib/words.ts';
import { dayEndIso, dayStartIso, INSTRUMENT_KINDS, localDay } from './assessment-words.ts';
import { FrameworkPresetOffer } from './framework-presets.tsx';

type Target = NonNullable<CampaignInput['target']>;

/** Named as the API names them, so that a 422's issues land under their fields. */
interface CampaignFields {
  name: string;
  /** Empty: the default framework (the list may arrive after the dialog opens). */
  frameworkId: string;
  instrumentIds: string[];
  /** Local days ('YYYY-MM-DD'); sent as the start and the end of those days. */
  opensAt: string;
  closesAt: string;
  target: {
    organizationIds: string[];
    // One of ORG_KIND_OPTIONS (the select offers nothing else).
    orgKinds: NonNullable<Target['orgKinds']>;
    subjects: string[];
    positions: string[];
    youngOnly: boolean;
  };
}

function initial(): CampaignFields {
  const today = new Date();
  return {
    name: '',
    frameworkId: '',
    instrumentIds: [],
    opensAt: localDay(today),
    closesAt: localDay(new Date(today.getTime() + 14 * 86400_000)),
    target: { organizationIds: [], orgKinds: [], subjects: [], positions: [], youngOnly: false },
  };
}

/** Only the conditions that are set: an empty list would read as «nobody». */
function targetBody(t: CampaignFields['target']): Target {
  return {
    ...(t.organizationIds.length ? { organizationIds: t.organizationIds } : {}),
    ...(t.orgKinds.length ? { orgKinds: t.orgKinds } : {}),
    ...(t.subjects.length ? { subjects: t.subjects } : {}),
    ...(t.positions.length ? { positions: t.positions } : {}),
    ...(t.youngOnly ? { youngOnly: true } : {}),
  };
}

/** A new campaign: what is measured (framework, instruments), when, and who takes part. */
export function CampaignForm({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const frameworks = useFrameworks();
  const instruments = useInstruments(opened);
  const orgs = useOrganizations({ municipalityId: me.municipalityId });
  const subjects = useSubjects();

  const frameworkOf = (chosen: string) => chosen || defaultFramework(frameworks.data?.items)?.id || '';
  const orgChoices = (orgs.data?.items ?? [])
    .slice()
    .sort((a, b) => a.shortName.localeCompare(b.shortName, 'ru', { numeric: true }))
    .map((o) => ({ value: o.id, label: o.shortName }));

  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title="Новая кампания диагностики"
      size="xl"
      initialValues={initial}
      validate={(v) => ({
        name: v.name.trim().length >= 3 ? null : 'Название — не короче 3 символов',
        instrumentIds: v.instrumentIds.length ? null : 'Выберите хотя бы одну методику',
        opensAt: v.opensAt ? null : 'Укажите дату начала',
        closesAt: !v.closesAt
          ? 'Укажите дату окончания'
          : v.opensAt && v.closesAt < v.opensAt
            ? 'Окончание раньше начала'
            : null,
      })}
      submit={(v) =>
        createCampaign({
          name: v.name.trim(),
          frameworkId: frameworkOf(v.frameworkId) || null,
          instrumentIds: v.instrumentIds,
          opensAt: dayStartIso(v.opensAt),
          closesAt: dayEndIso(v.closesAt),
          target: targetBody(v.target),
        })
      }
      onSuccess={async (c) => {
        await qc.invalidateQueries({ queryKey: keys.campaigns.all });
        navigate(`/assessment/campaigns/${c.id}`);
      }}
      submitLabel="Создать черновик"
      errorTitle="Кампания не создана"
    >
      {(form) => {
        const framework = frameworkOf(form.values.frameworkId);
        // Instruments of another framework are refused by the API: offer only those that fit.
        const fitting = (instruments.data?.items ?? []).filter(
          (i) => !i.frameworkId || i.frameworkId === framework,
        );
        const { instrumentIds, target } = form.values;
        return (
          <>
            <TextInput
              label="Название"
              placeholder="Например: Диагностика профессиональных дефицитов, весна 2027"
              required
              data-autofocus
              {...form.getInputProps('name')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <NativeSelect
                label="Карта компетенций"
                description="По ней результаты делятся на дефициты"
                data={(frameworks.data?.items ?? []).map((f) => ({ value: f.id, label: f.name }))}
                {...form.getInputProps('frameworkId')}
                value={framework}
                onChange={(e) => {
                  form.setFieldValue('frameworkId', e.currentTarget.value);
                  form.setFieldValue('instrumentIds', []);
                }}
              />
              <MultiSelect
                label="Методики"
                description="Тесты, анкеты самооценки, опросник выгорания"
                placeholder={instrumentIds.length ? undefined : 'Выберите одну или несколько'}
                data={fitting.map((i) => ({
                  value: i.id,
                  label: `${i.name} (${INSTRUMENT_KINDS[i.kind]}, ${i.itemCount} вопр.)`,
                }))}
                required
                searchable
                nothingFoundMessage="Методик для этой карты нет"
                {...form.getInputProps('instrumentIds')}
                error={form.errors.instrumentIds ?? form.errors['instrumentIds.0']}
              />
              <TextInput label="Начало" type="date" required {...form.getInputProps('opensAt')} />
              <TextInput
                label="Окончание (включительно)"
                type="date"
                required
                {...form.getInputProps('closesAt')}
              />
            </SimpleGrid>
            {frameworks.data && frameworks.data.items.length === 0 && (
              <Alert color="orange" title="Нет карт компетенций">
                <Stack gap="xs">
                  <Text size="sm">Кампания проводится по карте компетенций: загрузите типовую.</Text>
                  <FrameworkPresetOffer compact />
                </Stack>
              </Alert>
            )}
            {instruments.data && fitting.length === 0 && (
              <Alert color="orange" title="Нет методик">
                Для выбранной карты компетенций ещё нет методик. Загрузите типовую методику или создайте свою
                через API (раздел «assessment» в /api/docs).
              </Alert>
            )}
            <Text fw={600} size="sm" mt="xs">
              Кто участвует
            </Text>
            <Text size="xs" c="dimmed" mt={-8}>
              Пусто — все педагоги вашей зоны ответственности. Состав фиксируется при открытии кампании.
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <MultiSelect
                label="Организации"
                placeholder={target.organizationIds.length ? undefined : 'Все организации'}
                data={orgChoices}
                searchable
                clearable
                {...form.getInputProps('target.organizationIds')}
              />
              <MultiSelect
                label="Типы организаций"
                placeholder={target.orgKinds.length ? undefined : 'Все типы'}
                data={ORG_KIND_OPTIONS}
                clearable
                {...form.getInputProps('target.orgKinds')}
              />
              <MultiSelect
                label="Предметы"
                placeholder={target.subjects.length ? undefined : 'Все предметы'}
                data={subjects.data?.items ?? []}
                searchable
                clearable
                {...form.getInputProps('target.subjects')}
              />
              <TagsInput
                label="Должности"
                placeholder={target.positions.length ? undefined : 'Все должности; введите и нажмите Enter'}
                data={['учитель', 'воспитатель', 'педагог дополнительного образования', 'педагог-психолог']}
                clearable
                {...form.getInputProps('target.positions')}
              />
            </SimpleGrid>
            <Checkbox
              label="Только молодые специалисты"
              {...form.getInputProps('target.youngOnly', { type: 'checkbox' })}
            />
          </>
        );
      }}
    </ModalForm>
  );
}
