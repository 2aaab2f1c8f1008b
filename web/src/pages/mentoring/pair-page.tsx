import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  addGoal,
  addPlanItem,
  addReport,
  afterMentoringChanged,
  finishPair,
  markPlanItem,
  usePair,
  usePairDeficits,
} from '../../api/mentoring.ts';
import { CodeMark } from '../../components/code-mark.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { ModalForm } from '../../components/modal-form.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { TableCard } from '../../components/table-parts.tsx';
import {
  DEFICIT_COLORS,
  FINISH_REASONS,
  GOAL_OUTCOMES,
  menteeNames,
  options,
  ruDay,
  todayIso,
} from './mentoring-words.ts';

const date = { type: 'date' } as const;

/** A pair or a group: goals with the result before and at the next diagnosis, the plan, reports. */
export default function PairPage() {
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const pair = usePair(id);
  const p = pair.data;
  const [goalOpen, setGoalOpen] = useState(false);
  const [planOpen, setPlanOpen] = useState(false);
  const [reportOpen, setReportOpen] = useState(false);
  const [finishOpen, setFinishOpen] = useState(false);
  const deficits = usePairDeficits(id, goalOpen);
  const changed = () => afterMentoringChanged(qc);

  if (pair.isPending) return <LoadingRows rows={4} label="Загрузка наставничества" />;
  if (!p) return <ErrorAlert error={pair.error} title="Наставничество не открылось" />;
  const a = p.abilities;

  return (
    <Stack gap="md">
      <PageHeader
        title={`Наставничество: ${menteeNames(p)}`}
        description={`${p.formName} · программа «${p.programName}» · ${p.organizationName}`}
        actions={
          a.canFinish && (
            <Button color="gray" onClick={() => setFinishOpen(true)}>
              Завершить наставничество
            </Button>
          )
        }
      />
      <Paper withBorder p="sm">
        <Group gap="xl">
          <Text size="sm">
            Наставник: <b>{p.mentorName}</b>
          </Text>
          <Text size="sm">
            Наставляемые:{' '}
            {p.mentees.map((m) => (
              <span key={m.personId}>
                <b>{m.name}</b>
                {m.worksAt ? ` (${m.worksAt})` : ''}{' '}
              </span>
            ))}
          </Text>
          <Text size="sm">
            Период: {ruDay(p.startedOn)} – {p.finishedOn ? ruDay(p.finishedOn) : 'идёт'}
          </Text>
          {p.finishReasonName && <Badge variant="light">{p.finishReasonName}</Badge>}
        </Group>
        {p.finishNote && (
          <Text size="sm" mt="xs">
            {p.finishNote}
          </Text>
        )}
      </Paper>

      <Section
        title="Цели по дефицитам"
        actions={
          a.canPlan && (
            <Button size="xs" variant="light" onClick={() => setGoalOpen(true)}>
              Добавить цель
            </Button>
          )
        }
      >
        {p.goals.length === 0 ? (
          <Text size="sm" c="dimmed">
            Цели не поставлены. Цель выбирают из дефицитов наставляемого по последней диагностике.
          </Text>
        ) : (
          <TableCard loading={pair.isFetching} minWidth={760}>
            <Table fz="sm" verticalSpacing={6} aria-label="Цели наставничества">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Компетенция</Table.Th>
                  <Table.Th>Наставляемый</Table.Th>
                  <Table.Th ta="right">До</Table.Th>
                  <Table.Th ta="right">После</Table.Th>
                  <Table.Th>Дефицит</Table.Th>
                  <Table.Th>Цель достигнута</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.goals.map((g) => (
                  <Table.Tr key={g.id}>
                    <Table.Td>
                      <Text size="sm">
                        <CodeMark code={g.competencyCode} mr={6} />
                        {g.competencyName}
                      </Text>
                      {g.title && (
                        <Text size="xs" c="dimmed">
                          {g.title}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{g.menteeName}</Table.Td>
                    <Table.Td ta="right">
                      {g.before.percent} %{' '}
                      <Text span size="xs" c="dimmed">
                        ({ruDay(g.before.on)})
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      {g.after ? (
                        <>
                          {g.after.percent} %{' '}
                          <Text span size="xs" c="dimmed">
                            ({ruDay(g.after.on)})
                          </Text>
                        </>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500} c={DEFICIT_COLORS[g.deficitStatus]}>
                        {g.deficitStatusName}
                      </Text>
                    </Table.Td>
                    <Table.Td>{g.outcomeName ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableCard>
        )}
      </Section>

      <Section
        title="План встреч и заданий"
        actions={
          a.canPlan && (
            <Button size="xs" variant="light" onClick={() => setPlanOpen(true)}>
              Добавить в план
            </Button>
          )
        }
      >
        {p.plan.length === 0 ? (
          <Text size="sm" c="dimmed">
            План пуст.
          </Text>
        ) : (
          <Table fz="sm" verticalSpacing={4} aria-label="План наставничества">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={60}>Готово</Table.Th>
                <Table.Th w={120}>Дата</Table.Th>
                <Table.Th w={100}>Вид</Table.Th>
                <Table.Th>Тема</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.plan.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>
                    <Checkbox
                      aria-label={`Выполнено: ${i.topic}`}
                      checked={i.done}
                      disabled={!a.canPlan}
                      onChange={async (e) => {
                        await markPlanItem(i.id, e.currentTarget.checked);
                        await changed();
                      }}
                    />
                  </Table.Td>
                  <Table.Td>{ruDay(i.plannedOn)}</Table.Td>
                  <Table.Td>{i.kindName}</Table.Td>
                  <Table.Td>{i.topic}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>

      <Section
        title="Отчёты"
        actions={
          a.canReport && (
            <Button size="xs" variant="light" onClick={() => setReportOpen(true)}>
              Написать отчёт
            </Button>
          )
        }
      >
        {p.reportList.length === 0 ? (
          <Text size="sm" c="dimmed">
            Отчётов пока нет.
          </Text>
        ) : (
          p.reportList.map((r) => (
            <Paper key={r.id} withBorder p="sm">
              <Text size="xs" c="dimmed">
                {r.sideName} · {r.authorName} · {ruDay(r.reportedOn)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {r.text}
              </Text>
            </Paper>
          ))
        )}
      </Section>
      <Anchor component={Link} to={p.side && !a.canManage ? '/my/mentoring' : '/mentoring'} size="sm">
        ← {p.side && !a.canManage ? 'Моё наставничество' : 'К наставничеству'}
      </Anchor>

      <ModalForm
        opened={goalOpen}
        onClose={() => setGoalOpen(false)}
        title="Цель по дефициту"
        size="md"
        initialValues={() => ({ key: '', title: '' })}
        validate={(v) => ({ key: v.key ? null : 'Выберите дефицит' })}
        submit={(v) => {
          const [menteePersonId, competencyId] = v.key.split('|') as [string, string];
          return addGoal(id, { menteePersonId, competencyId, title: v.title || null });
        }}
        onSuccess={changed}
        submitLabel="Добавить"
        errorTitle="Цель не добавлена"
      >
        {(form) => (
          <Stack gap="sm">
            <NativeSelect
              label="Дефицит наставляемого"
              data={[
                { value: '', label: deficits.data?.items.length === 0 ? 'Дефицитов нет' : '— выберите —' },
                ...(deficits.data?.items ?? []).map((d) => ({
                  value: `${d.personId}|${d.competencyId}`,
                  label: `${d.personName.split(' ')[0]}: ${d.competencyName} — ${d.percent} %`,
                })),
              ]}
              {...form.getInputProps('key')}
              error={form.errors.key ?? form.errors.competencyId}
            />
            <TextInput label="Формулировка цели" {...form.getInputProps('title')} />
          </Stack>
        )}
      </ModalForm>

      <ModalForm
        opened={planOpen}
        onClose={() => setPlanOpen(false)}
        title="Встреча или задание"
        size="md"
        initialValues={() => ({ kind: 'meeting', plannedOn: todayIso(), topic: '' })}
        validate={(v) => ({ topic: v.topic.trim().length >= 2 ? null : 'Укажите тему' })}
        submit={(v) =>
          addPlanItem(id, { kind: v.kind as 'meeting' | 'task', plannedOn: v.plannedOn, topic: v.topic })
        }
        onSuccess={changed}
        submitLabel="Добавить"
        errorTitle="Не добавлено"
      >
        {(form) => (
          <Stack gap="sm">
            <NativeSelect
              label="Вид"
              data={[
                { value: 'meeting', label: 'Встреча' },
                { value: 'task', label: 'Задание' },
              ]}
              {...form.getInputProps('kind')}
            />
            <TextInput label="Дата" {...date} {...form.getInputProps('plannedOn')} />
            <TextInput label="Тема" {...form.getInputProps('topic')} />
          </Stack>
        )}
      </ModalForm>

      <ModalForm
        opened={reportOpen}
        onClose={() => setReportOpen(false)}
        title={p.side === 'mentor' ? 'Отчёт наставника' : 'Отчёт наставляемого'}
        size="md"
        initialValues={() => ({ text: '', reportedOn: todayIso() })}
        validate={(v) => ({ text: v.text.trim().length >= 3 ? null : 'Напишите отчёт' })}
        submit={(v) => addReport(id, v)}
        onSuccess={changed}
        submitLabel="Сохранить"
        errorTitle="Отчёт не сохранён"
      >
        {(form) => (
          <Stack gap="sm">
            <TextInput label="Дата" {...date} {...form.getInputProps('reportedOn')} />
            <Textarea label="Текст" autosize minRows={4} {...form.getInputProps('text')} />
          </Stack>
        )}
      </ModalForm>

      <ModalForm
        opened={finishOpen}
        onClose={() => setFinishOpen(false)}
        title="Завершить наставничество"
        size="lg"
        initialValues={() => ({
          finishedOn: todayIso(),
          reason: 'completed',
          note: '',
          outcomes: Object.fromEntries(p.goals.map((g) => [g.id, g.outcome ?? ''])) as Record<string, string>,
        })}
        submit={(v) =>
          finishPair(id, {
            finishedOn: v.finishedOn,
            reason: v.reason as 'completed' | 'transfer' | 'other',
            note: v.note || null,
            outcomes: Object.entries(v.outcomes)
              .filter(([, o]) => o)
              .map(([goalId, o]) => ({ goalId, outcome: o as 'reached' | 'partly' | 'not_reached' })),
          })
        }
        onSuccess={changed}
        submitLabel="Завершить"
        errorTitle="Не завершено"
      >
        {(form) => (
          <Stack gap="sm">
            <TextInput label="Дата завершения" {...date} {...form.getInputProps('finishedOn')} />
            <NativeSelect label="Причина" data={options(FINISH_REASONS)} {...form.getInputProps('reason')} />
            {p.goals.map((g) => (
              <NativeSelect
                key={g.id}
                label={`Цель «${g.competencyName}» (${g.menteeName.split(' ')[0]}) достигнута?`}
                description={`До: ${g.before.percent} %; после: ${g.after ? `${g.after.percent} %` : 'нет диагностики'} — ${g.deficitStatusName}`}
                data={[{ value: '', label: '— отметьте —' }, ...options(GOAL_OUTCOMES)]}
                {...form.getInputProps(`outcomes.${g.id}`)}
              />
            ))}
            <Textarea label="Итог, комментарий" autosize minRows={2} {...form.getInputProps('note')} />
          </Stack>
        )}
      </ModalForm>
    </Stack>
  );
}
