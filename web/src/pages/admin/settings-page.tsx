import { Alert, Button, Group, NumberInput, Paper, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api/api.ts';
import type { DerivedSettings } from '../../api/types.ts';
import { useMe } from '../../auth/session.tsx';
import { ErrorAlert, fieldErrors } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { NoAccess } from '../../components/no-access.tsx';
import { PageHeader, Section } from '../../components/page.tsx';

const num = (x: string | number) => (typeof x === 'number' ? x : Number(String(x).replace(',', '.')) || 0);

export default function SettingsPage() {
  const me = useMe();
  const qc = useQueryClient();
  const settings = useQuery({
    queryKey: ['settings', 'derived'],
    queryFn: () => api.get<DerivedSettings>('/api/settings/derived'),
    enabled: me.role === 'admin',
  });
  const [v, setV] = useState<DerivedSettings | null>(null);
  useEffect(() => {
    if (settings.data) setV(settings.data);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (body: DerivedSettings) => api.put<DerivedSettings>('/api/settings/derived', body),
    onSuccess: (data) => {
      qc.setQueryData(['settings', 'derived'], data ?? v);
      // Derived flags in every list depend on these rules.
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'settings' && q.queryKey[0] !== 'me' });
    },
  });
  if (me.role !== 'admin') return <NoAccess />;
  const errors = fieldErrors(save.error);
  const set = <K extends keyof DerivedSettings>(k: K, value: DerivedSettings[K]) =>
    setV((p) => (p ? { ...p, [k]: value } : p));
  const field = (
    k: keyof Omit<DerivedSettings, 'youngRule'>,
    label: string,
    description?: string,
    step = 1,
  ) => (
    <NumberInput
      label={label}
      description={description}
      value={v?.[k] ?? 0}
      onChange={(x) => set(k, num(x))}
      step={step}
      decimalScale={2}
      decimalSeparator=","
      min={0}
      error={errors[k]}
      required
    />
  );
  function submit(e: FormEvent) {
    e.preventDefault();
    if (v) save.mutate(v);
  }

  return (
    <Stack gap="lg" maw={820}>
      <PageHeader
        title="Настройки"
        description="Правила, по которым система сама вычисляет признаки сотрудников. Вручную эти признаки не вносятся."
      />
      <ErrorAlert error={settings.error} title="Не удалось загрузить настройки" />
      {settings.isPending && <LoadingRows rows={4} />}
      {v && (
        <form onSubmit={submit} aria-label="Правила вычисляемых признаков">
          <Stack gap="lg">
            <Section title="Молодой специалист">
              <Paper withBorder p="md">
                <Stack gap="sm">
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                    {field('youngMaxAge', 'Возраст младше, лет', 'Например, 35')}
                    {field(
                      'youngMaxExperienceYears',
                      'Педагогический стаж не более, лет',
                      'Например, 3',
                      0.5,
                    )}
                  </SimpleGrid>
                  <Radio.Group
                    label="Как сочетать условия"
                    value={v.youngRule}
                    onChange={(x) => set('youngRule', x as 'and' | 'or')}
                  >
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
                  {field(
                    'loadThresholdHours',
                    'Порог нагрузки, часов в неделю',
                    'Выше порога — «перегрузка»',
                  )}
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
      )}
    </Stack>
  );
}
