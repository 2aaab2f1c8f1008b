import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  NativeSelect,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/api.ts';
import {
  type Campaign,
  type CampaignInput,
  defaultFramework,
  useFrameworks,
  useInstruments,
} from '../../api/assessment.ts';
import { useOrganizations, useSubjects } from '../../api/queries.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorAlert, fieldErrors } from '../../components/error-alert.tsx';
import { ORG_KIND_OPTIONS } from '../../lib/words.ts';
import { dayEndIso, dayStartIso, INSTRUMENT_KINDS, localDay } from './assessment-words.ts';

/** A new campaign: what is measured (framework, instruments), when, and who takes part. */
export function CampaignForm({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const frameworks = useFrameworks();
  const instruments = useInstruments(opened);
  const orgs = useOrganizations({ municipalityId: me.municipalityId });
  const subjects = useSubjects();

  const today = new Date();
  const [name, setName] = useState('');
  const [frameworkId, setFrameworkId] = useState<string | null>(null);
  const [instrumentIds, setInstrumentIds] = useState<string[]>([]);
  const [opensOn, setOpensOn] = useState(localDay(today));
  const [closesOn, setClosesOn] = useState(localDay(new Date(today.getTime() + 14 * 86400_000)));
  const [organizationIds, setOrganizationIds] = useState<string[]>([]);
  const [orgKinds, setOrgKinds] = useState<string[]>([]);
  const [subjectList, setSubjectList] = useState<string[]>([]);
  const [positions, setPositions] = useState<string[]>([]);
  const [youngOnly, setYoungOnly] = useState(false);

  const framework = frameworkId ?? defaultFramework(frameworks.data?.items)?.id ?? '';
  // Instruments of another framework are refused by the API: offer only those that fit.
  const fitting = (instruments.data?.items ?? []).filter(
    (i) => !i.frameworkId || i.frameworkId === framework,
  );

  const create = useMutation({
    mutationFn: () => {
      const body: CampaignInput = {
        name: name.trim(),
        frameworkId: framework || null,
        instrumentIds,
        opensAt: dayStartIso(opensOn),
        closesAt: dayEndIso(closesOn),
        target: {
          ...(organizationIds.length ? { organizationIds } : {}),
          ...(orgKinds.length ? { orgKinds } : {}),
          ...(subjectList.length ? { subjects: subjectList } : {}),
          ...(positions.length ? { positions } : {}),
          ...(youngOnly ? { youngOnly } : {}),
        },
      };
      return api.post<Campaign>('/api/assessment-campaigns', body);
    },
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: ['assessment-campaigns'] });
      onClose();
      navigate(`/assessment/campaigns/${c.id}`);
    },
  });
  const errors = fieldErrors(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };

  const orgChoices = (orgs.data?.items ?? [])
    .slice()
    .sort((a, b) => a.shortName.localeCompare(b.shortName, 'ru'))
    .map((o) => ({ value: o.id, label: o.shortName }));

  return (
    <Modal
      closeButtonProps={{ 'aria-label': 'Закрыть' }}
      opened={opened}
      onClose={onClose}
      title="Новая кампания диагностики"
      size="xl"
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label="Название"
            placeholder="Например: Диагностика профессиональных дефицитов, весна 2027"
            required
            minLength={3}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-autofocus
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label="Карта компетенций"
              description="По ней результаты делятся на дефициты"
              data={(frameworks.data?.items ?? []).map((f) => ({ value: f.id, label: f.name }))}
              value={framework}
              onChange={(e) => {
                setFrameworkId(e.currentTarget.value);
                setInstrumentIds([]);
              }}
              error={errors.frameworkId}
            />
            <MultiSelect
              label="Методики"
              description="Тесты, анкеты самооценки, опросник выгорания"
              placeholder={instrumentIds.length ? undefined : 'Выберите одну или несколько'}
              data={fitting.map((i) => ({
                value: i.id,
                label: `${i.name} (${INSTRUMENT_KINDS[i.kind]}, ${i.itemCount} вопр.)`,
              }))}
              value={instrumentIds}
              onChange={setInstrumentIds}
              required
              searchable
              nothingFoundMessage="Методик для этой карты нет"
              error={errors.instrumentIds ?? errors['instrumentIds.0']}
            />
            <TextInput
              label="Начало"
              type="date"
              required
              value={opensOn}
              onChange={(e) => setOpensOn(e.currentTarget.value)}
              error={errors.opensAt}
            />
            <TextInput
              label="Окончание (включительно)"
              type="date"
              required
              value={closesOn}
              onChange={(e) => setClosesOn(e.currentTarget.value)}
              error={errors.closesAt}
            />
          </SimpleGrid>
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
              placeholder={organizationIds.length ? undefined : 'Все организации'}
              data={orgChoices}
              value={organizationIds}
              onChange={setOrganizationIds}
              searchable
              clearable
              error={errors['target.organizationIds']}
            />
            <MultiSelect
              label="Типы организаций"
              placeholder={orgKinds.length ? undefined : 'Все типы'}
              data={ORG_KIND_OPTIONS}
              value={orgKinds}
              onChange={setOrgKinds}
              clearable
            />
            <MultiSelect
              label="Предметы"
              placeholder={subjectList.length ? undefined : 'Все предметы'}
              data={subjects.data?.items ?? []}
              value={subjectList}
              onChange={setSubjectList}
              searchable
              clearable
            />
            <TagsInput
              label="Должности"
              placeholder={positions.length ? undefined : 'Все должности; введите и нажмите Enter'}
              data={['учитель', 'воспитатель', 'педагог дополнительного образования', 'педагог-психолог']}
              value={positions}
              onChange={setPositions}
              clearable
            />
          </SimpleGrid>
          <Checkbox
            label="Только молодые специалисты"
            checked={youngOnly}
            onChange={(e) => setYoungOnly(e.currentTarget.checked)}
          />
          <ErrorAlert error={create.error} title="Кампания не создана" />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!instrumentIds.length}>
              Создать черновик
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
