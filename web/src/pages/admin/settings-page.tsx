import { Alert, Button, Group, NumberInput, Paper, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { afterDerivedSettingsSaved, saveDerivedSettings } from '../../api/admin.ts';
import { useDerivedRules } from '../../api/queries.ts';
import type { DerivedSettings } from '../../api/types.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorAlert, fieldErrors } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { NoAccess } from '../../components/no-access.tsx';
import { PageHeader, Section } from '../../components/page.tsx';

const num = (x: string | number) => (typeof x === 'number' ? x : Number(String(x).replace(',', '.')) || 0);

export default function SettingsPage() {
  const me = useMe();
  const settings = useDerivedRules();
  if (!me.capabilities.admin.settings) return <NoAccess />;
  return (
    <Stack gap="lg" maw={820}>
      <PageHeader
        title="Настройки"
        description="Правила, по которым система сама вычисляет признаки сотрудников. Вручную эти признаки не вносятся."
      />
      <ErrorAlert error={settings.error} title="Не удалось загрузить настройки" />
      {settings.isPending && <LoadingRows rows={4} />}
      {settings.data && <SettingsForm initial={settings.data} />}
    </Stack>
  );
}

type Rules = Omit<DerivedSettings, 'youngRule'> & { youngRule: string };
type NumberRule = keyof Omit<DerivedSettings, 'youngRule'>;

const NUMBER_RULES: NumberRule[] = [
  'youngMaxAge',
  'youngMaxExperienceYears',
  'pensionAgeMale',
  'pensionAgeFemale',
  'loadThresholdHours',
  'maxRatesPerPerson',
];

function SettingsForm({ initial }: { initial: DerivedSettings }) {
  const qc = useQueryClient();
  const form = useForm<Rules>({
    mode: 'controlled',
    initialValues: initial,
    validate: Object.fromEntries(
      NUMBER_RULES.map((k) => [k, (v: number | string) => (v === '' ? 'Укажите значение' : null)]),
    ),
  });
  const save = useMutation({
    mutationFn: (v: Rules) =>
      saveDerivedSettings({
        youngMaxAge: num(v.youngMaxAge),
        youngMaxExperienceYears: num(v.youngMaxExperienceYears),
        youngRule: v.youngRule === 'or' ? 'or' : 'and',
        pensionAgeMale: num(v.pensionAgeMale),
        pensionAgeFemale: num(v.pensionAgeFemale),
        loadThresholdHours: num(v.loadThresholdHours),
        maxRatesPerPerson: num(v.maxRatesPerPerson),
      }),
    onSuccess: (data) => {
      void afterDerivedSettingsSaved(qc, data);
    },
    onError: (error) => form.setErrors(fieldErrors(error)),
  });
  const field = (k: NumberRule, label: string, description?: string, step = 1) => (
    <NumberInput
      label={label}
      description={description}
      step={step}
      decimalScale={2}
      decimalSeparator=","
      min={0}
      required
      {...form.getInputProps(k)}
    />
  );

  return (
    // noValidate: required fields are checked in Russian, not by the browser's own bubbles.
    <form
      noValidate
      onSubmit={form.onSubmit((v) => save.mutate(v))}
      aria-label="Правила вычисляемых признаков"
    >
      <Stack gap="lg">
        <Section title="Молодой специалист">
          <Paper withBorder p="md">
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                {field('youngMaxAge', 'Возраст младше, лет', 'Например, 35')}
                {field('youngMaxExperienceYears', 'Педагогический стаж не более, лет', 'Например, 3', 0.5)}
              </SimpleGrid>
              <Radio.Group label="Как сочетать условия" {...form.getInputProps('youngRule')}>
                <Group mt={6}>
                  <Radio value="and" label="И возраст, и стаж" />
                  <Radio value="or" label="Возраст или стаж" />
                </Group>
              </Radio.Group>
            </Stack>
          </Paper>
        </Section>
        <Section title="Пенсионный возраст">
          <Paper withBorder p="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {field('pensionAgeMale', 'Мужчины, лет')}
              {field('pensionAgeFemale', 'Женщины, лет')}
            </SimpleGrid>
          </Paper>
        </Section>
        <Section title="Нагрузка и ставки">
          <Paper withBorder p="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {field('loadThresholdHours', 'Порог нагрузки, часов в неделю', 'Выше порога — «перегрузка»')}
              {field('maxRatesPerPerson', 'Предел ставок на одного человека', 'Например, 2', 0.25)}
            </SimpleGrid>
          </Paper>
        </Section>
        <ErrorAlert error={save.error} title="Не сохранено" />
        {save.isSuccess && (
          <Alert color="teal" role="status">
            Настройки сохранены. Признаки во всех списках пересчитаны по новым правилам.
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            Сохранить
          </Button>
          <Text size="xs" c="dimmed">
            Изменение попадёт в журнал аудита.
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
