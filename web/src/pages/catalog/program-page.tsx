import {
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/api.ts';
import { afterCohortChanged, type Cohort, deleteCohort, saveCohort, useProgram } from '../../api/catalog.ts';
import { useMe } from '../../auth/session.tsx';
import { CodeMark } from '../../components/code-mark.tsx';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { ModalForm } from '../../components/modal-form.tsx';
import { NoAccess } from '../../components/no-access.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { formatDate, todayIso } from '../../lib/words.ts';
import { DIRECTIONS, keeperHint, ownerLabel } from './catalog-words.ts';
import { ProgramForm } from './program-form.tsx';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </>
  );
}

interface CohortFields {
  startsOn: string;
  endsOn: string;
  seats: number | string;
}

function validateCohort(v: CohortFields) {
  return {
    startsOn: v.startsOn ? null : 'Укажите дату начала',
    endsOn: !v.endsOn
      ? 'Укажите дату окончания'
      : v.startsOn && v.endsOn < v.startsOn
        ? 'Окончание не раньше начала'
        : null,
    seats: v.seats !== '' && !(Number(v.seats) >= 1) ? 'Не меньше одного места (или оставьте пустым)' : null,
  };
}

function CohortForm({
  programId,
  cohort,
  onClose,
}: {
  programId: string;
  cohort: Cohort | 'new' | null;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const existing = cohort && cohort !== 'new' ? cohort : null;
  return (
    <ModalForm
      opened={cohort !== null}
      onClose={onClose}
      title={existing ? 'Изменить поток' : 'Новый поток'}
      size="md"
      initialValues={(): CohortFields => ({
        startsOn: existing?.startsOn ?? todayIso(),
        endsOn: existing?.endsOn ?? todayIso(),
        seats: existing?.seats ?? '',
      })}
      validate={validateCohort}
      submit={(v) =>
        saveCohort(programId, existing?.id ?? null, {
          startsOn: v.startsOn,
          endsOn: v.endsOn,
          seats: v.seats === '' ? null : Number(v.seats),
        })
      }
      onSuccess={() => afterCohortChanged(qc, programId)}
      errorTitle="Поток не сохранён"
    >
      {(form) => (
        <>
          <SimpleGrid cols={2} spacing="sm">
            <TextInput label="Начало" type="date" required {...form.getInputProps('startsOn')} />
            <TextInput label="Окончание" type="date" required {...form.getInputProps('endsOn')} />
          </SimpleGrid>
          <NumberInput
            label="Мест"
            description="Пусто — без ограничения"
            min={1}
            {...form.getInputProps('seats')}
          />
        </>
      )}
    </ModalForm>
  );
}

export default function ProgramPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const keepsCatalog = me.capabilities.catalog.createPrograms;
  const qc = useQueryClient();
  const program = useProgram(id);
  const [editing, setEditing] = useState(false);
  const [cohort, setCohort] = useState<Cohort | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: deleteCohort,
    onSuccess: () => afterCohortChanged(qc, id),
  });

  if (program.isPending) return <LoadingRows label="Загрузка программы" />;
  if (program.error) {
    if (program.error instanceof ApiError && program.error.isNotFoundOrForbidden)
      return <NoAccess back="/catalog/programs" backLabel="К каталогу программ" />;
    return <ErrorAlert error={program.error} />;
  }
  const p = program.data;
  const today = todayIso();
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/catalog/programs" size="sm">
        ← Каталог программ
      </Anchor>
      <PageHeader
        title={p.name}
        description={`${p.kindName}, ${p.hours} ч, ${p.formatName}`}
        actions={
          p.editable && (
            <Button variant="default" onClick={() => setEditing(true)}>
              Изменить
            </Button>
          )
        }
      />
      {!p.editable && keepsCatalog && (
        <Text size="sm" c="dimmed" data-testid="program-keeper">
          {keeperHint(p.owner)}
        </Text>
      )}
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing={6} maw={900}>
          <Field label="Код">{p.code}</Field>
          <Field label="Организация ДПО">{p.provider}</Field>
          <Field label="Федеральный реестр">
            {p.federalRegistry ? `да, № ${p.federalRegistryNumber ?? '—'}` : 'нет'}
          </Field>
          <Field label="Статус">{p.active ? 'действует' : 'не действует'}</Field>
          <Field label="Ведёт">
            <span data-testid="program-owner">
              {ownerLabel(p.owner)}
              {p.owner.level === 'region' && p.owner.name ? ` (${p.owner.name})` : ''}
            </span>
          </Field>
          <Field label="Приоритетные направления">
            {p.priorityDirections.length ? (
              <Group gap={4}>
                {p.priorityDirections.map((d) => (
                  <Badge key={d} size="sm" variant="light" color="grape">
                    {DIRECTIONS[d as keyof typeof DIRECTIONS] ?? d}
                  </Badge>
                ))}
              </Group>
            ) : (
              '—'
            )}
          </Field>
        </SimpleGrid>
      </Paper>

      <Section title="Развиваемые компетенции">
        {p.competencies.length === 0 ? (
          <Text size="sm" c="dimmed">
            Компетенции не указаны — программа не будет предлагаться в маршрутах по дефицитам.
            {p.editable ? ' Укажите их в форме «Изменить».' : ''}
          </Text>
        ) : (
          <Paper withBorder>
            <Table verticalSpacing={4} fz="sm" aria-label="Компетенции программы">
              <Table.Tbody>
                {p.competencies.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      {c.name} <CodeMark code={c.code} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </Section>

      <Section
        title="Потоки"
        actions={
          p.editable && (
            <Button size="xs" variant="light" onClick={() => setCohort('new')}>
              Добавить поток
            </Button>
          )
        }
      >
        <ErrorAlert error={remove.error} />
        {p.cohorts.length === 0 ? (
          <Paper withBorder>
            <Empty
              title="Потоков нет"
              description={
                p.editable
                  ? 'Добавьте поток с датами обучения — по ним программа планируется в маршрутах.'
                  : 'Даты обучения появятся, когда организатор добавит поток.'
              }
            />
          </Paper>
        ) : (
          <Paper withBorder>
            <Table verticalSpacing={6} fz="sm" aria-label="Потоки">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Сроки</Table.Th>
                  <Table.Th w={100} ta="right">
                    Мест
                  </Table.Th>
                  <Table.Th w={140}>Статус</Table.Th>
                  {p.editable && <Table.Th w={170} aria-label="Действия" />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.cohorts.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      {formatDate(c.startsOn)} — {formatDate(c.endsOn)}
                    </Table.Td>
                    <Table.Td ta="right">{c.seats ?? 'без ограничения'}</Table.Td>
                    <Table.Td>
                      {c.endsOn < today ? 'завершён' : c.startsOn > today ? 'предстоит' : 'идёт обучение'}
                    </Table.Td>
                    {p.editable && (
                      <Table.Td ta="right">
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Button size="compact-xs" variant="subtle" onClick={() => setCohort(c)}>
                            Изменить
                          </Button>
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            onClick={() => {
                              if (window.confirm('Удалить поток?')) remove.mutate(c.id);
                            }}
                          >
                            Удалить
                          </Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </Section>

      {p.editable && editing && (
        <ProgramForm program={p} opened={editing} onClose={() => setEditing(false)} />
      )}
      {p.editable && cohort !== null && (
        <CohortForm
          key={cohort === 'new' ? 'new' : cohort.id}
          programId={p.id}
          cohort={cohort}
          onClose={() => setCohort(null)}
        />
      )}
    </Stack>
  );
}
