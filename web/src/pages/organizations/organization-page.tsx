import { Anchor, Badge, Button, Grid, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/api.ts';
import { useOrganization } from '../../api/directory.ts';
import { useLoadThreshold } from '../../api/queries.ts';
import { OrgFlags } from '../../components/badges.tsx';
import { Bars } from '../../components/bars.tsx';
import { CodeMark } from '../../components/code-mark.tsx';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { NoAccess } from '../../components/no-access.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { Stat } from '../../components/stat.tsx';
import {
  CATEGORIES,
  CATEGORY_COLORS,
  formatDate,
  formatNumber,
  INNOVATION_PLATFORMS,
} from '../../lib/words.ts';
import { occupancy } from '../staffing/staffing-math.ts';
import { OrganizationForm } from './organization-form.tsx';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </>
  );
}

export default function OrganizationPage() {
  const { id = '' } = useParams();
  const [editing, setEditing] = useState(false);
  const threshold = useLoadThreshold();
  const org = useOrganization(id);

  if (org.isPending) return <LoadingRows label="Загрузка карточки организации" />;
  if (org.error) {
    if (org.error instanceof ApiError && (org.error.isNotFoundOrForbidden || org.error.status === 422)) {
      return <NoAccess back="/organizations" backLabel="К списку организаций" />;
    }
    return <ErrorAlert error={org.error} />;
  }
  const o = org.data;
  const s = o.staffSummary;
  const openVacancies = o.vacancies.filter((v) => !v.closedOn);
  const staffing = o.staffing.slice().sort((a, b) => b.year - a.year);

  return (
    <Stack gap="lg">
      <PageHeader
        title={o.shortName}
        description={o.fullName}
        actions={
          <>
            <Button component={Link} to={`/staff?organizationId=${o.id}`}>
              Сотрудники
            </Button>
            {o.canEdit && (
              <Button variant="default" onClick={() => setEditing(true)}>
                Изменить
              </Button>
            )}
          </>
        }
      />

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Section title="Сведения">
            <Paper withBorder p="md">
              <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
                <Field label="Код">
                  <CodeMark code={o.code} />
                </Field>
                <Field label="Тип">{o.kindLabel}</Field>
                <Field label="Муниципалитет">{o.municipalityName}</Field>
                <Field label="ИНН">{o.inn ?? '—'}</Field>
                <Field label="Инновационная площадка">
                  {o.innovationPlatform ? INNOVATION_PLATFORMS[o.innovationPlatform] : 'нет'}
                </Field>
                <Field label="Положение о наставничестве">{o.mentoringRegulation ? 'принято' : 'нет'}</Field>
              </SimpleGrid>
              <Group mt="sm">
                <OrgFlags org={o} />
              </Group>
            </Paper>
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Section title="Квалификационные категории">
            <Paper withBorder p="md">
              {s.total === 0 ? (
                <Text size="sm" c="dimmed">
                  Сотрудников пока нет — распределение появится, когда они будут внесены.
                </Text>
              ) : (
                <Bars
                  title="Распределение сотрудников по категориям"
                  bars={(['highest', 'first', 'szd', 'none'] as const).map((c) => ({
                    label: CATEGORIES[c],
                    value: s.byCategory[c],
                    color: CATEGORY_COLORS[c],
                  }))}
                />
              )}
            </Paper>
          </Section>
        </Grid.Col>
      </Grid>

      <Section title="Кадры">
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
          <Stat label="Всего" value={s.total} />
          <Stat label="Педагогических" value={s.pedagogical} />
          <Stat label="Руководящих" value={s.managerial} />
          <Stat label="Молодых специалистов" value={s.young} />
          <Stat label="Пенсионного возраста" value={s.pensionAge} />
          <Stat label={`Нагрузка > ${threshold} ч`} value={s.loadOver30} />
        </SimpleGrid>
      </Section>

      <Section
        title="Штатное расписание"
        actions={
          <Anchor component={Link} to={`/staffing?organizationId=${o.id}`} size="sm">
            Открыть раздел
          </Anchor>
        }
      >
        {staffing.length === 0 ? (
          <Paper withBorder>
            <Empty
              title="Штатное расписание не внесено"
              description="Внесите число ставок в разделе «Штатное расписание» или загрузите его через «Импорт»."
            />
          </Paper>
        ) : (
          <Paper withBorder>
            <Table aria-label="Штатное расписание организации">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Год</Table.Th>
                  <Table.Th ta="right">Пед. ставок (занято / всего)</Table.Th>
                  <Table.Th ta="right">Адм. ставок (занято / всего)</Table.Th>
                  <Table.Th ta="right">Укомплектованность</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {staffing.map((r) => (
                  <Table.Tr key={r.year}>
                    <Table.Td>{r.year}</Table.Td>
                    <Table.Td ta="right">
                      {formatNumber(r.pedOccupied)} / {formatNumber(r.pedTotal)}
                    </Table.Td>
                    <Table.Td ta="right">
                      {formatNumber(r.admOccupied)} / {formatNumber(r.admTotal)}
                    </Table.Td>
                    <Table.Td ta="right">
                      {occupancy(r.pedOccupied + r.admOccupied, r.pedTotal + r.admTotal)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </Section>

      <Section
        title={`Вакансии (открыто: ${openVacancies.length})`}
        actions={
          <Anchor component={Link} to={`/vacancies?organizationId=${o.id}`} size="sm">
            Открыть раздел
          </Anchor>
        }
      >
        {o.vacancies.length === 0 ? (
          <Text size="sm" c="dimmed">
            Вакансий нет.
          </Text>
        ) : (
          <Paper withBorder>
            <Table aria-label="Вакансии организации">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Должность</Table.Th>
                  <Table.Th>Предмет</Table.Th>
                  <Table.Th ta="right">Ставка</Table.Th>
                  <Table.Th>Открыта</Table.Th>
                  <Table.Th>Состояние</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {o.vacancies.map((v) => (
                  <Table.Tr key={v.id} c={v.closedOn ? 'dimmed' : undefined}>
                    <Table.Td>
                      {v.position}{' '}
                      {v.zemsky && (
                        <Badge size="xs" variant="light" color="teal">
                          «Земский учитель»
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{v.subject ?? '—'}</Table.Td>
                    <Table.Td ta="right">{formatNumber(v.rate)}</Table.Td>
                    <Table.Td>{formatDate(v.openedOn)}</Table.Td>
                    <Table.Td>{v.closedOn ? `закрыта ${formatDate(v.closedOn)}` : 'открыта'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </Section>

      {o.canEdit && <OrganizationForm opened={editing} onClose={() => setEditing(false)} org={o} />}
    </Stack>
  );
}
