import { Button, NativeSelect, NumberInput, Paper, SimpleGrid, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/api.ts';
import {
  addTraining,
  afterTrainingsChanged,
  deleteTraining,
  type TrainingBody,
  usePersonTrainings,
  usePrograms,
} from '../../api/catalog.ts';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { ModalForm } from '../../components/modal-form.tsx';
import { Section } from '../../components/page.tsx';
import { TableCard } from '../../components/table-parts.tsx';
import { formatDate, todayIso } from '../../lib/words.ts';

interface TrainingFields {
  document: TrainingBody['document'];
  documentNumber: string;
  issuedOn: string;
  hours: number | string;
  program: string;
  provider: string;
}

function validateTraining(v: TrainingFields) {
  return {
    documentNumber: v.documentNumber.trim() ? null : 'Укажите номер документа',
    issuedOn: v.issuedOn ? null : 'Укажите дату выдачи',
    hours: Number(v.hours) >= 1 ? null : 'Укажите число часов',
    program: v.program.trim() ? null : 'Укажите программу',
  };
}

function TrainingForm({
  personId,
  opened,
  onClose,
}: {
  personId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  const programs = usePrograms({}, { enabled: opened, staleTime: 5 * 60_000 });
  const items = programs.data?.items ?? [];
  return (
    <ModalForm
      opened={opened}
      onClose={onClose}
      title="Документ об обучении"
      initialValues={(): TrainingFields => ({
        document: 'certificate',
        documentNumber: '',
        issuedOn: todayIso(),
        hours: 36,
        program: '',
        provider: '',
      })}
      validate={validateTraining}
      submit={(v) =>
        addTraining(personId, {
          document: v.document,
          documentNumber: v.documentNumber.trim(),
          issuedOn: v.issuedOn,
          hours: Number(v.hours),
          program: v.program.trim(),
          provider: v.provider.trim() || null,
        })
      }
      onSuccess={() => afterTrainingsChanged(qc, personId)}
      submitLabel="Добавить"
      errorTitle="Документ не добавлен"
    >
      {(form) => {
        const program = form.values.program.trim();
        const catalog = items.find((p) => p.code === program || p.name === program);
        return (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <NativeSelect
                label="Документ"
                data={[
                  { value: 'certificate', label: 'удостоверение о повышении квалификации' },
                  { value: 'diploma', label: 'диплом о профессиональной переподготовке' },
                ]}
                {...form.getInputProps('document')}
              />
              <TextInput label="Номер документа" required {...form.getInputProps('documentNumber')} />
              <TextInput label="Дата выдачи" type="date" required {...form.getInputProps('issuedOn')} />
              <NumberInput
                label="Часов"
                required
                min={1}
                max={10000}
                description={
                  form.values.document === 'diploma'
                    ? 'Переподготовка — не меньше 250 ч'
                    : 'ПК — от 16 до 2000 ч'
                }
                {...form.getInputProps('hours')}
              />
            </SimpleGrid>
            <TextInput
              label="Программа"
              description="Код или точное название программы из каталога; иначе — название, как в документе"
              required
              list="training-programs"
              {...form.getInputProps('program')}
            />
            <datalist id="training-programs">
              {items.map((p) => (
                <option key={p.id} value={p.code}>
                  {p.name}
                </option>
              ))}
            </datalist>
            {catalog && (
              <Text size="xs" c="teal.8">
                Из каталога: {catalog.name} ({catalog.provider}, {catalog.hours} ч)
              </Text>
            )}
            <TextInput
              label="Организация, выдавшая документ"
              description={catalog ? 'Пусто — как в каталоге' : undefined}
              {...form.getInputProps('provider')}
            />
          </>
        );
      }}
    </ModalForm>
  );
}

/** Certificates and diplomas of a person; those who keep the registry add and remove them. */
export function PersonTrainings({
  personId,
  canEdit,
  title = 'Обучение (удостоверения и дипломы)',
}: {
  personId: string;
  canEdit: boolean;
  title?: string;
}) {
  const qc = useQueryClient();
  const trainings = usePersonTrainings(personId);
  const [adding, setAdding] = useState(false);
  const remove = useMutation({
    mutationFn: deleteTraining,
    onSuccess: () => afterTrainingsChanged(qc, personId),
  });
  if (trainings.error instanceof ApiError && trainings.error.isNotFoundOrForbidden) return null;
  const items = trainings.data?.items ?? [];
  return (
    <Section
      title={title}
      actions={
        canEdit && (
          <Button size="xs" variant="light" onClick={() => setAdding(true)}>
            Добавить
          </Button>
        )
      }
    >
      <ErrorAlert error={trainings.error ?? remove.error} title="Не получилось" />
      {trainings.isPending && <LoadingRows rows={3} />}
      {trainings.data && items.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Сведений об обучении нет"
            description={
              canEdit
                ? 'Добавьте удостоверение или диплом вручную или загрузите их таблицей на странице «Каталог программ: импорт».'
                : 'Сведения об обучении вносит методист или руководитель организации.'
            }
            actions={
              canEdit ? (
                <Button variant="light" onClick={() => setAdding(true)}>
                  Добавить документ
                </Button>
              ) : undefined
            }
          />
        </Paper>
      )}
      {items.length > 0 && (
        <TableCard loading={trainings.isFetching && !trainings.isPending} minWidth={820}>
          <Table striped verticalSpacing={6} fz="sm" aria-label="Обучение">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={130}>Документ</Table.Th>
                <Table.Th w={130}>Номер</Table.Th>
                <Table.Th w={110}>Дата</Table.Th>
                <Table.Th w={70} ta="right">
                  Часов
                </Table.Th>
                <Table.Th>Программа</Table.Th>
                <Table.Th>Организация</Table.Th>
                {canEdit && <Table.Th w={90} aria-label="Действия" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td>{t.documentName}</Table.Td>
                  <Table.Td>{t.documentNumber}</Table.Td>
                  <Table.Td>{formatDate(t.issuedOn)}</Table.Td>
                  <Table.Td ta="right">{t.hours}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{t.programName}</Text>
                    {t.programCode && (
                      <Text size="xs" c="dimmed">
                        {t.programCode}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{t.provider ?? '—'}</Table.Td>
                  {canEdit && (
                    <Table.Td ta="right">
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        loading={remove.isPending && remove.variables === t.id}
                        onClick={() => {
                          if (window.confirm(`Удалить ${t.documentName} № ${t.documentNumber}?`))
                            remove.mutate(t.id);
                        }}
                      >
                        Удалить
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
      {canEdit && <TrainingForm personId={personId} opened={adding} onClose={() => setAdding(false)} />}
    </Section>
  );
}
