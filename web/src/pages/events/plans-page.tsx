import { Anchor, Badge, Button, Group, NumberInput, Paper, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  afterEventsChanged,
  certificatePdfHref,
  createPlan,
  useMyCertificates,
  useMyRegistrations,
  usePlans,
} from '../../api/events.ts';
import { useMe } from '../../auth/session.tsx';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { ModalForm } from '../../components/modal-form.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { TableCard } from '../../components/table-parts.tsx';
import { CheckInQrButton } from './check-in-qr.tsx';
import { currentSchoolYear, eventWhen, ruDay, STATUS_COLORS } from './events-words.ts';
import { PortfolioSection } from './portfolio-section.tsx';

/** The plans of methodical events the caller sees, and a teacher's own registrations. */
export default function PlansPage() {
  const me = useMe();
  const plans = usePlans();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const mine = useMyRegistrations(!!me.personId);
  const certificates = useMyCertificates(!!me.personId);
  const canCreate = plans.data?.canCreate ?? null;
  const items = plans.data?.items ?? [];

  return (
    <Stack gap="md">
      <PageHeader
        title="Мероприятия"
        description="Планы методических мероприятий на учебный год: муниципальный план и планы организаций."
        actions={canCreate && <Button onClick={() => setCreating(true)}>Новый план</Button>}
      />
      <ErrorAlert error={plans.error} title="Не удалось загрузить планы" />
      {plans.isPending && <LoadingRows rows={3} label="Загрузка планов" />}
      {plans.data && items.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Планов мероприятий пока нет"
            description={
              canCreate
                ? 'Создайте план на учебный год, затем добавьте мероприятия вручную или загрузите таблицу плана (№, сроки, мероприятие, ответственный, прогнозируемый результат).'
                : 'Здесь появится утверждённый план мероприятий вашего муниципалитета и вашей организации.'
            }
            actions={canCreate && <Button onClick={() => setCreating(true)}>Создать план</Button>}
          />
        </Paper>
      )}
      {items.length > 0 && (
        <TableCard loading={plans.isFetching} minWidth={720}>
          <Table striped highlightOnHover verticalSpacing={6} fz="sm" aria-label="Планы мероприятий">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>План</Table.Th>
                <Table.Th w={110}>Учебный год</Table.Th>
                <Table.Th w={200}>Чей</Table.Th>
                <Table.Th w={110} ta="right">
                  Мероприятий
                </Table.Th>
                <Table.Th w={120}>Статус</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/events/plans/${p.id}`} size="sm" fw={500}>
                      {p.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{p.schoolYearName}</Table.Td>
                  <Table.Td>{p.organizationName ?? p.municipalityName}</Table.Td>
                  <Table.Td ta="right">{p.eventCount}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={p.status === 'approved' ? 'green' : 'gray'}>
                      {p.statusName}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}

      {me.personId && (
        <Section title="Мои регистрации">
          {mine.data && mine.data.total === 0 && (
            <Text c="dimmed" size="sm">
              Вы пока не зарегистрированы ни на одно мероприятие. Откройте план и выберите мероприятие.
            </Text>
          )}
          {mine.data && mine.data.total > 0 && (
            <TableCard loading={mine.isFetching} minWidth={600}>
              <Table verticalSpacing={6} fz="sm" aria-label="Мои регистрации">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Мероприятие</Table.Th>
                    <Table.Th w={160}>Когда</Table.Th>
                    <Table.Th w={220}>Статус</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {mine.data.items.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/events/${r.eventId}`} size="sm">
                          {r.eventTitle}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        {eventWhen({ periodText: null, startsOn: r.eventStartsOn, endsOn: null })}
                      </Table.Td>
                      <Table.Td>
                        {r.attended === null ? (
                          <Badge variant="light" color={STATUS_COLORS[r.status]}>
                            {r.statusName}
                            {r.waitlistPosition ? ` (${r.waitlistPosition})` : ''}
                          </Badge>
                        ) : (
                          <Badge variant="light" color={r.attended ? 'teal' : 'gray'}>
                            {r.attended ? 'присутствовал(а)' : 'не присутствовал(а)'}
                          </Badge>
                        )}
                        {r.status === 'confirmed' && r.attended === null && (
                          <>
                            {' '}
                            <CheckInQrButton registrationId={r.id} eventTitle={r.eventTitle} />
                          </>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableCard>
          )}
        </Section>
      )}

      {me.personId && (
        <Section title="Мои сертификаты">
          {certificates.data && certificates.data.total === 0 && (
            <Text c="dimmed" size="sm">
              Сертификаты и благодарности появятся здесь, когда организатор отметит ваше присутствие.
            </Text>
          )}
          {certificates.data && certificates.data.total > 0 && (
            <TableCard loading={certificates.isFetching} minWidth={600}>
              <Table verticalSpacing={6} fz="sm" aria-label="Мои сертификаты">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Документ</Table.Th>
                    <Table.Th w={170}>Номер</Table.Th>
                    <Table.Th w={150}>Статус</Table.Th>
                    <Table.Th w={170} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {certificates.data.items.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {c.kindName}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {c.content.eventTitle}, {c.content.eventDate}
                          {c.content.topic ? `; тема «${c.content.topic}»` : ''}
                        </Text>
                      </Table.Td>
                      <Table.Td>{c.serial}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={c.status === 'valid' ? 'green' : 'red'}>
                          {c.statusName}
                        </Badge>
                        {c.revokedReason && (
                          <Text size="xs" c="dimmed">
                            {c.revokedReason}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap="xs">
                          <Anchor href={certificatePdfHref(c.id)} download size="sm">
                            Скачать PDF
                          </Anchor>
                          <Anchor
                            component={Link}
                            to={c.verifyPath}
                            size="sm"
                            title={`Выдан ${ruDay(c.issuedAt)}`}
                          >
                            Проверка
                          </Anchor>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableCard>
          )}
        </Section>
      )}

      {me.personId && <PortfolioSection />}

      <ModalForm
        opened={creating}
        onClose={() => setCreating(false)}
        title="Новый план мероприятий"
        size="sm"
        initialValues={() => ({ schoolYear: currentSchoolYear() })}
        submit={(v) => createPlan(Number(v.schoolYear))}
        onSuccess={async (p) => {
          await afterEventsChanged(qc);
          navigate(`/events/plans/${p.id}`);
        }}
        submitLabel="Создать"
        errorTitle="План не создан"
      >
        {(form) => (
          <Group>
            <NumberInput
              label="Учебный год начинается в"
              description="2026 — план на 2026/2027 учебный год"
              min={2000}
              max={2100}
              {...form.getInputProps('schoolYear')}
            />
          </Group>
        )}
      </ModalForm>
    </Stack>
  );
}
