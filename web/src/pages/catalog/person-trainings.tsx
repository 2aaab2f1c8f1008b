import {
  Button,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../../api/api.ts';
import { type Program, type Training, usePersonTrainings } from '../../api/assessment.ts';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert, fieldErrors } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { Section } from '../../components/page.tsx';
import { TableCard } from '../../components/table-parts.tsx';
import { formatDate, todayIso } from '../../lib/words.ts';

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
  const programs = useQuery({
    queryKey: ['programs', {}],
    queryFn: () => api.get<{ items: Program[]; total: number }>('/api/programs'),
    enabled: opened,
    staleTime: 5 * 60_000,
  });
  const [document, setDocument] = useState<'certificate' | 'diploma'>('certificate');
  const [documentNumber, setNumber] = useState('');
  const [issuedOn, setIssuedOn] = useState(todayIso());
  const [hours, setHours] = useState<number | string>(36);
  const [program, setProgram] = useState('');
  const [provider, setProvider] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api.post<Training>(`/api/people/${personId}/trainings`, {
        document,
        documentNumber: documentNumber.trim(),
        issuedOn,
        hours: Number(hours),
        program: program.trim(),
        provider: provider.trim() || null,
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['person-trainings', personId] });
      setNumber('');
      setProgram('');
      setProvider('');
      onClose();
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const catalog = programs.data?.items.find((p) => p.code === program.trim() || p.name === program.trim());
  return (
    <Modal
      closeButtonProps={{ 'aria-label': 'Закрыть' }}
      opened={opened}
      onClose={onClose}
      title="Документ об обучении"
      size="lg"
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label="Документ"
              data={[
                { value: 'certificate', label: 'удостоверение о повышении квалификации' },
                { value: 'diploma', label: 'диплом о профессиональной переподготовке' },
              ]}
              value={document}
              onChange={(e) => setDocument(e.currentTarget.value as 'certificate' | 'diploma')}
            />
            <TextInput
              label="Номер документа"
              required
              value={documentNumber}
              onChange={(e) => setNumber(e.currentTarget.value)}
              error={errors.documentNumber}
            />
            <TextInput
              label="Дата выдачи"
              type="date"
              required
              value={issuedOn}
              onChange={(e) => setIssuedOn(e.currentTarget.value)}
              error={errors.issuedOn}
            />
            <NumberInput
              label="Часов"
              required
              min={1}
              max={10000}
              value={hours}
              onChange={setHours}
              error={errors.hours}
              description={
                document === 'diploma' ? 'Переподготовка — не меньше 250 ч' : 'ПК — от 16 до 2000 ч'
              }
            />
          </SimpleGrid>
          <TextInput
            label="Программа"
            description="Код или точное название программы из каталога; иначе — название, как в документе"
            required
            list="training-programs"
            value={program}
            onChange={(e) => setProgram(e.currentTarget.value)}
            error={errors.program}
          />
          <datalist id="training-programs">
            {(programs.data?.items ?? []).map((p) => (
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
            value={provider}
            onChange={(e) => setProvider(e.currentTarget.value)}
            error={errors.provider}
          />
          <ErrorAlert error={save.error} title="Документ не добавлен" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button type="submit" loading={save.isPending}>
              Добавить
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
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
    mutationFn: (id: string) => api.delete(`/api/trainings/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['person-trainings', personId] }),
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
