import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/api.ts';
import { usePerson } from '../../api/directory.ts';
import type { Employment } from '../../api/types.ts';
import { useMe } from '../../auth/session.tsx';
import { CategoryBadge, PersonFlags } from '../../components/badges.tsx';
import { ChangeList } from '../../components/diff.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { NoAccess } from '../../components/no-access.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import {
  EDUCATION_LEVELS,
  EMPLOYMENT_KINDS,
  formatDate,
  formatDateTime,
  formatNumber,
  monthsUntil,
  plural,
  ROLE_LABELS,
  STAFF_CATEGORIES,
} from '../../lib/words.ts';
import { PersonTrainings } from '../catalog/person-trainings.tsx';
import { PersonDeficitsPanel } from '../deficits/person-deficits.tsx';
import { EmploymentForm, EndEmploymentForm, InviteForm, PersonEditForm } from './person-forms.tsx';

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

function years(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  // A fraction takes «года»: «0,8 года», «2,5 года»; whole numbers follow the usual plural.
  const word = Number.isInteger(rounded) ? plural(rounded, 'год', 'года', 'лет') : 'года';
  return `${formatNumber(rounded, 1)} ${word}`;
}

function CategoryExpiry({ expires }: { expires: string | null }) {
  if (!expires) return null;
  const months = monthsUntil(expires);
  if (months < 0) {
    return (
      <Alert color="red" variant="light" title="Срок действия категории истёк" role="alert">
        Категория действовала до {formatDate(expires)}. Нужна аттестация.
      </Alert>
    );
  }
  if (months < 6) {
    return (
      <Alert color="orange" variant="light" title="Категория скоро истекает" role="alert">
        Срок действия — до {formatDate(expires)} (меньше 6 месяцев). Запланируйте аттестацию.
      </Alert>
    );
  }
  return null;
}

export default function PersonPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const person = usePerson(id);
  const [editing, setEditing] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [employment, setEmployment] = useState<Employment | 'new' | null>(null);
  const [ending, setEnding] = useState<Employment | null>(null);

  if (person.isPending) return <LoadingRows label="Загрузка карточки сотрудника" />;
  if (person.error) {
    if (
      person.error instanceof ApiError &&
      (person.error.isNotFoundOrForbidden || person.error.status === 422)
    ) {
      return me.capabilities.directory.seeRegistry ? (
        <NoAccess back="/staff" backLabel="К реестру кадров" />
      ) : (
        <NoAccess />
      );
    }
    return <ErrorAlert error={person.error} />;
  }
  const p = person.data;
  const active = p.employments.filter((e) => !e.endDate);
  const ended = p.employments.filter((e) => e.endDate);

  return (
    <Stack gap="lg">
      <PageHeader
        title={p.fullName}
        description={
          active.length
            ? active.map((e) => `${e.position}, ${e.organizationName}`).join('; ')
            : 'Нет действующего места работы'
        }
        actions={
          <>
            {p.canEdit && (
              <Button variant="default" onClick={() => setEditing(true)}>
                Изменить
              </Button>
            )}
            {p.canInvite && !p.user && (
              <Button onClick={() => setInviting(true)}>Пригласить в систему</Button>
            )}
          </>
        }
      />

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Section title="Основные сведения">
            <Paper withBorder p="md">
              <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
                <Field label="Дата рождения">
                  {formatDate(p.birthDate)} ({p.age} {plural(p.age, 'год', 'года', 'лет')})
                </Field>
                <Field label="Пол">{p.sex === 'm' ? 'мужской' : 'женский'}</Field>
                <Field label="СНИЛС">{p.snils ?? '—'}</Field>
                <Field label="Электронная почта">{p.email ?? '—'}</Field>
                <Field label="Образование">
                  {p.education
                    ? (EDUCATION_LEVELS[p.education as keyof typeof EDUCATION_LEVELS] ?? p.education)
                    : '—'}
                </Field>
                <Field label="Педагогический стаж">
                  {p.pedExperienceNow === null ? '—' : years(p.pedExperienceNow)}
                </Field>
                <Field label="Нагрузка всего">{formatNumber(p.personLoadHours, 1)} ч в неделю</Field>
                {/* The server tells about the account only to those who manage the card. */}
                {p.canEdit && (
                  <Field label="Учётная запись">
                    {p.user
                      ? `${p.user.email ?? 'приглашён(а), ещё не входил(а)'} (${ROLE_LABELS[p.user.role as keyof typeof ROLE_LABELS] ?? p.user.role})`
                      : 'нет'}
                  </Field>
                )}
              </SimpleGrid>
              <Group mt="sm">
                <PersonFlags
                  young={p.young}
                  pensionAge={p.pensionAge}
                  loadOver30={p.loadOver30 ?? p.personLoadHours > 30}
                  loadHours={p.personLoadHours}
                />
              </Group>
            </Paper>
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Section title="Квалификация">
            <Paper withBorder p="md">
              <Stack gap="sm">
                <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
                  <Field label="Категория">
                    <CategoryBadge category={p.category} />
                  </Field>
                  <Field label="Присвоена">{formatDate(p.categoryDate)}</Field>
                  <Field label="Действует до">{formatDate(p.categoryExpires)}</Field>
                </SimpleGrid>
                <CategoryExpiry expires={p.categoryExpires} />
              </Stack>
            </Paper>
          </Section>
        </Grid.Col>
      </Grid>

      <Section
        title="Места работы"
        actions={
          p.canEdit && (
            <Button size="xs" variant="light" onClick={() => setEmployment('new')}>
              Добавить место работы
            </Button>
          )
        }
      >
        <Paper withBorder>
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label="Места работы">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Организация</Table.Th>
                  <Table.Th>Должность</Table.Th>
                  <Table.Th>Предметы</Table.Th>
                  <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                    Ч/нед.
                  </Table.Th>
                  <Table.Th ta="right">Ставка</Table.Th>
                  <Table.Th>Период</Table.Th>
                  {p.canEdit && <Table.Th aria-label="Действия" />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...active, ...ended].map((e) => (
                  <Table.Tr
                    key={e.id}
                    c={e.endDate ? 'dimmed' : undefined}
                    bg={e.endDate ? 'gray.0' : undefined}
                    aria-label={e.endDate ? 'Завершённое место работы' : undefined}
                  >
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/organizations/${e.organizationId}`}
                        size="sm"
                        c="inherit"
                      >
                        {e.organizationName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{e.position}</Text>
                      <Text size="xs" c="dimmed">
                        {STAFF_CATEGORIES[e.staffCategory]}, {EMPLOYMENT_KINDS[e.kind]}
                      </Text>
                      {e.outsideProfile && (
                        <Badge size="xs" color="red" variant="light">
                          не по профилю
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{e.subjects.join(', ') || '—'}</Table.Td>
                    <Table.Td ta="right">{formatNumber(e.loadHours, 1)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(e.rate)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {e.startDate ? `с ${formatDate(e.startDate)}` : ''}
                        {e.endDate ? ` по ${formatDate(e.endDate)}` : ''}
                      </Text>
                      {e.endDate && (
                        <Text size="xs" c="dimmed">
                          завершено
                        </Text>
                      )}
                    </Table.Td>
                    {p.canEdit && (
                      <Table.Td ta="right">
                        {!e.endDate && (
                          <Group gap={4} justify="flex-end" wrap="nowrap">
                            <Button size="compact-xs" variant="subtle" onClick={() => setEmployment(e)}>
                              Изменить
                            </Button>
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              color="orange"
                              onClick={() => setEnding(e)}
                            >
                              Завершить
                            </Button>
                          </Group>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {p.employments.length === 0 && (
            <Text size="sm" c="dimmed" p="md">
              Мест работы нет.
            </Text>
          )}
        </Paper>
      </Section>

      {/* Diagnosis and training: each section hides itself when the server refuses it. */}
      <PersonDeficitsPanel personId={p.id} />
      <PersonTrainings personId={p.id} canEdit={p.canEdit} />

      {(p.canEdit || me.personId === p.id) && (
        <Section title="История изменений">
          {p.history.length === 0 ? (
            <Text size="sm" c="dimmed">
              Изменений пока не было.
            </Text>
          ) : (
            <Paper withBorder>
              <Table.ScrollContainer minWidth={700}>
                <Table aria-label="История изменений" verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={150}>Когда</Table.Th>
                      <Table.Th w={200}>Кто</Table.Th>
                      <Table.Th w={200}>Действие</Table.Th>
                      <Table.Th>Что изменилось</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {p.history.map((h) => (
                      <Table.Tr key={`${h.id}-${h.entityId ?? ''}`}>
                        <Table.Td>
                          <Text size="sm">{formatDateTime(h.at)}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{h.actorEmail ?? 'система'}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{h.summary}</Text>
                        </Table.Td>
                        <Table.Td>
                          <ChangeList before={h.before} after={h.after} entity={h.entity} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Paper>
          )}
        </Section>
      )}

      {p.canEdit && (
        <>
          <PersonEditForm person={p} opened={editing} onClose={() => setEditing(false)} />
          <EmploymentForm
            person={p}
            employment={employment === 'new' ? null : employment}
            opened={employment !== null}
            onClose={() => setEmployment(null)}
            defaultOrgId={me.organizationId ?? active[0]?.organizationId ?? ''}
          />
          <EndEmploymentForm person={p} employment={ending} onClose={() => setEnding(null)} />
        </>
      )}
      {(p.canInvite || inviting) && (
        <InviteForm person={p} opened={inviting} onClose={() => setInviting(false)} />
      )}
    </Stack>
  );
}
