import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { saveXlsx } from '../../api/api.ts';
import { useStaff } from '../../api/directory.ts';
import {
  afterMentoringChanged,
  appointMentor,
  createPair,
  createProgram,
  type PairsQuery,
  type Program,
  usePairs,
  useProgram,
  usePrograms,
  useSummary,
  useWarnings,
} from '../../api/mentoring.ts';
import { useMe } from '../../auth/session.tsx';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { ModalForm } from '../../components/modal-form.tsx';
import { PageHeader, Section } from '../../components/page.tsx';
import { TableCard } from '../../components/table-parts.tsx';
import { MentorSuggestions } from './mentor-suggestions.tsx';
import { MENTORING_FORMS, menteeNames, options, ruDay, todayIso } from './mentoring-words.ts';

const date = { type: 'date' } as const;

/**
 * «Наставничество»: the school head's programs, their mentors with load, the pairs and groups with
 * filters and an XLSX export, and young specialists still without a mentor. The methodist sees the
 * municipality's programs and pairs (read only) and the counts by organization.
 */
export default function MentoringPage() {
  const me = useMe();
  const qc = useQueryClient();
  const programs = usePrograms();
  const items = programs.data?.items ?? [];
  const [programId, setProgramId] = useState<string | null>(null);
  useEffect(() => {
    if (!programId && items.length > 0) setProgramId(items[0]!.id);
  }, [programId, items]);
  const program = useProgram(programId);
  const [creating, setCreating] = useState(false);
  const seesWarnings = ['org_head', 'municipal_methodist', 'admin'].includes(me.role);
  const warnings = useWarnings(seesWarnings);
  const summary = useSummary(me.role !== 'org_head' && me.capabilities.mentoring.seePrograms);
  const first = items[0];

  return (
    <Stack gap="md">
      <PageHeader
        title="Наставничество"
        description="Целевая модель наставничества: программы организации, приказ о наставниках, пары и группы, цели по дефицитам и их итог."
        actions={
          programs.data?.canCreate && <Button onClick={() => setCreating(true)}>Новая программа</Button>
        }
      />
      {first && me.role === 'org_head' && (
        <Text size="sm">
          Положение о наставничестве в организации:{' '}
          <Badge variant="light" color={first.mentoringRegulation ? 'green' : 'orange'}>
            {first.mentoringRegulation ? 'принято' : 'не отмечено в справочнике'}
          </Badge>
        </Text>
      )}
      <ErrorAlert error={programs.error} title="Не удалось загрузить программы" />
      {programs.isPending && <LoadingRows rows={3} label="Загрузка программ" />}

      {seesWarnings && warnings.data && warnings.data.items.length > 0 && (
        <Alert color="orange" title="Молодые специалисты без наставника">
          <Text size="sm" mb="xs">
            Начали работу не менее {warnings.data.weeks} недель назад, открытого наставничества нет.
          </Text>
          <Table fz="sm" verticalSpacing={4} aria-label="Молодые специалисты без наставника">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Педагог</Table.Th>
                <Table.Th>Организация</Table.Th>
                <Table.Th>Должность</Table.Th>
                <Table.Th>Начало работы</Table.Th>
                <Table.Th ta="right">Недель без наставника</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {warnings.data.items.map((w) => (
                <Table.Tr key={`${w.organizationId}-${w.personId}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/people/${w.personId}`} size="sm">
                      {w.personName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{w.organizationName}</Table.Td>
                  <Table.Td>{w.position}</Table.Td>
                  <Table.Td>{ruDay(w.startDate)}</Table.Td>
                  <Table.Td ta="right">{w.weeksWithoutMentor}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Alert>
      )}
      {seesWarnings && warnings.data && warnings.data.items.length === 0 && (
        <Text size="sm" c="dimmed">
          Молодых специалистов без наставника нет.
        </Text>
      )}

      <MentorSuggestions enabled={seesWarnings} />

      {summary.data && <SummaryTable data={summary.data} />}

      {programs.data && items.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Программ наставничества пока нет"
            description={
              programs.data.canCreate
                ? 'Создайте программу: формы наставничества, срок и приказ о назначении наставников.'
                : 'Здесь появятся программы наставничества организаций.'
            }
          />
        </Paper>
      )}
      {items.length > 0 && (
        <Section title="Программы">
          <TableCard loading={programs.isFetching} minWidth={720}>
            <Table striped highlightOnHover fz="sm" verticalSpacing={6} aria-label="Программы наставничества">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Программа</Table.Th>
                  <Table.Th>Организация</Table.Th>
                  <Table.Th>Срок</Table.Th>
                  <Table.Th>Приказ</Table.Th>
                  <Table.Th ta="right">Наставников</Table.Th>
                  <Table.Th ta="right">Открытых пар</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((p) => (
                  <Table.Tr
                    key={p.id}
                    onClick={() => setProgramId(p.id)}
                    style={{ cursor: 'pointer' }}
                    bg={p.id === programId ? 'var(--mantine-color-blue-light)' : undefined}
                  >
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {p.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {p.formNames.join(', ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>{p.organizationName}</Table.Td>
                    <Table.Td>
                      {ruDay(p.startsOn)} – {p.endsOn ? ruDay(p.endsOn) : '…'}
                    </Table.Td>
                    <Table.Td>
                      {p.order.number
                        ? `№ ${p.order.number}${p.order.date ? ` от ${ruDay(p.order.date)}` : ''}`
                        : '—'}
                      {p.order.url && (
                        <>
                          {' '}
                          <Anchor href={p.order.url} target="_blank" rel="noreferrer" size="xs">
                            файл
                          </Anchor>
                        </>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{p.mentorCount}</Table.Td>
                    <Table.Td ta="right">{p.openPairs}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableCard>
        </Section>
      )}
      {program.data && <ProgramBlock program={program.data} />}
      <PairsBlock programId={programId} />

      <ModalForm
        opened={creating}
        onClose={() => setCreating(false)}
        title="Новая программа наставничества"
        initialValues={() => ({
          name: '',
          forms: ['experienced_young'] as string[],
          startsOn: todayIso(),
          endsOn: '',
          orderNumber: '',
          orderDate: '',
          orderUrl: '',
        })}
        validate={(v) => ({
          name: v.name.trim().length >= 3 ? null : 'Укажите название программы',
          forms: v.forms.length > 0 ? null : 'Выберите хотя бы одну форму',
        })}
        submit={(v) =>
          createProgram({
            name: v.name,
            forms: v.forms as ('teacher_teacher' | 'head_teacher' | 'experienced_young' | 'group')[],
            startsOn: v.startsOn,
            endsOn: v.endsOn || null,
            orderNumber: v.orderNumber || null,
            orderDate: v.orderDate || null,
            orderUrl: v.orderUrl || null,
          })
        }
        onSuccess={async (p) => {
          await afterMentoringChanged(qc);
          setProgramId(p.id);
        }}
        submitLabel="Создать"
        errorTitle="Программа не создана"
      >
        {(form) => (
          <Stack gap="sm">
            <TextInput label="Название" required {...form.getInputProps('name')} />
            <MultiSelect
              label="Формы наставничества"
              data={options(MENTORING_FORMS)}
              {...form.getInputProps('forms')}
            />
            <SimpleGrid cols={2} spacing="sm">
              <TextInput label="Начало" {...date} {...form.getInputProps('startsOn')} />
              <TextInput label="Окончание" {...date} {...form.getInputProps('endsOn')} />
            </SimpleGrid>
            <SimpleGrid cols={2} spacing="sm">
              <TextInput label="Приказ о назначении наставников, №" {...form.getInputProps('orderNumber')} />
              <TextInput label="Дата приказа" {...date} {...form.getInputProps('orderDate')} />
            </SimpleGrid>
            <TextInput label="Ссылка на приказ" placeholder="https://" {...form.getInputProps('orderUrl')} />
          </Stack>
        )}
      </ModalForm>
    </Stack>
  );
}

function SummaryTable({ data }: { data: NonNullable<ReturnType<typeof useSummary>['data']> }) {
  const t = data.totals;
  return (
    <Section title="По организациям">
      <Text size="sm">
        Организаций: {t.organizations}, с положением о наставничестве: {t.withRegulation}; программ:{' '}
        {t.programs}; наставников: {t.mentors}; открытых пар и групп: {t.openPairs}; молодых специалистов:{' '}
        {t.young}, из них с наставником: {t.youngWithMentor}
        {t.young > 0 ? ` (${Math.round((t.youngWithMentor / t.young) * 100)} %)` : ''}.
      </Text>
      <TableCard loading={false} minWidth={720}>
        <Table fz="sm" verticalSpacing={4} striped aria-label="Наставничество по организациям">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Организация</Table.Th>
              <Table.Th>Положение</Table.Th>
              <Table.Th ta="right">Программ</Table.Th>
              <Table.Th ta="right">Наставников</Table.Th>
              <Table.Th ta="right">Пар и групп</Table.Th>
              <Table.Th ta="right">Наставляемых</Table.Th>
              <Table.Th ta="right">Молодых / с наставником</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items
              .filter((r) => r.programs > 0 || r.young > 0)
              .map((r) => (
                <Table.Tr key={r.organizationId}>
                  <Table.Td>{r.organizationName}</Table.Td>
                  <Table.Td>{r.mentoringRegulation ? 'да' : 'нет'}</Table.Td>
                  <Table.Td ta="right">{r.programs}</Table.Td>
                  <Table.Td ta="right">{r.mentors}</Table.Td>
                  <Table.Td ta="right">{r.openPairs}</Table.Td>
                  <Table.Td ta="right">{r.mentees}</Table.Td>
                  <Table.Td ta="right">
                    {r.young} / {r.youngWithMentor}
                  </Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      </TableCard>
    </Section>
  );
}

/** The program's order and its mentors with their load; the head appoints mentors and opens pairs. */
function ProgramBlock({ program }: { program: Program }) {
  const qc = useQueryClient();
  const [appointing, setAppointing] = useState(false);
  const [pairing, setPairing] = useState(false);
  const staff = useStaff({ organizationId: program.organizationId, limit: 500 });
  const people = (staff.data?.items ?? []).map((s) => ({ value: s.personId, label: s.fullName }));
  const unique = [...new Map(people.map((p) => [p.value, p])).values()];
  return (
    <Section
      title={`Наставники программы «${program.name}»`}
      actions={
        program.canManage && (
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={() => setAppointing(true)}>
              Назначить наставника
            </Button>
            <Button size="xs" onClick={() => setPairing(true)} disabled={program.mentors.length === 0}>
              Закрепить наставника
            </Button>
          </Group>
        )
      }
    >
      {program.mentors.length === 0 ? (
        <Text size="sm" c="dimmed">
          Наставники ещё не назначены.
        </Text>
      ) : (
        <TableCard loading={false} minWidth={600}>
          <Table fz="sm" verticalSpacing={4} aria-label="Наставники и загрузка">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Наставник</Table.Th>
                <Table.Th>Должность</Table.Th>
                <Table.Th ta="right">Наставляемых / мест</Table.Th>
                <Table.Th ta="right">Свободно</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {program.mentors.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{m.personName}</Table.Td>
                  <Table.Td>{m.position ?? '—'}</Table.Td>
                  <Table.Td ta="right">
                    {m.load} / {m.capacity}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Badge variant="light" color={m.free > 0 ? 'green' : 'red'}>
                      {m.free}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
      <ModalForm
        opened={appointing}
        onClose={() => setAppointing(false)}
        title="Назначить наставника (по приказу)"
        size="md"
        initialValues={() => ({ personId: '' as string, capacity: 2 as number | string })}
        validate={(v) => ({ personId: v.personId ? null : 'Выберите сотрудника' })}
        submit={(v) => appointMentor(program.id, { personId: v.personId, capacity: Number(v.capacity) })}
        onSuccess={() => afterMentoringChanged(qc)}
        submitLabel="Назначить"
        errorTitle="Наставник не назначен"
      >
        {(form) => (
          <Stack gap="sm">
            <Select label="Сотрудник" searchable data={unique} {...form.getInputProps('personId')} />
            <NumberInput label="Наставляемых не более" min={1} max={50} {...form.getInputProps('capacity')} />
          </Stack>
        )}
      </ModalForm>
      <ModalForm
        opened={pairing}
        onClose={() => setPairing(false)}
        title="Закрепить наставника"
        size="md"
        initialValues={() => ({
          mentorId: '' as string,
          form: program.forms[0] as string,
          mentees: [] as string[],
          startedOn: todayIso(),
        })}
        validate={(v) => ({
          mentorId: v.mentorId ? null : 'Выберите наставника',
          mentees: v.mentees.length > 0 ? null : 'Выберите наставляемого',
        })}
        submit={(v) =>
          createPair(program.id, {
            mentorId: v.mentorId,
            menteePersonIds: v.mentees,
            form: v.form as 'teacher_teacher' | 'head_teacher' | 'experienced_young' | 'group',
            startedOn: v.startedOn,
          })
        }
        onSuccess={() => afterMentoringChanged(qc)}
        submitLabel="Закрепить"
        errorTitle="Наставничество не создано"
      >
        {(form) => (
          <Stack gap="sm">
            <NativeSelect
              label="Наставник"
              data={[
                { value: '', label: '— выберите —' },
                ...program.mentors.map((m) => ({
                  value: m.id,
                  label: `${m.personName} (свободно ${m.free} из ${m.capacity})`,
                })),
              ]}
              {...form.getInputProps('mentorId')}
            />
            <NativeSelect
              label="Форма"
              data={program.forms.map((f) => ({ value: f, label: MENTORING_FORMS[f] ?? f }))}
              {...form.getInputProps('form')}
            />
            <MultiSelect
              label="Наставляемые"
              searchable
              data={unique}
              {...form.getInputProps('mentees')}
              error={form.errors.mentees ?? form.errors.menteePersonIds}
            />
            <TextInput label="Начало" {...date} {...form.getInputProps('startedOn')} />
          </Stack>
        )}
      </ModalForm>
    </Section>
  );
}

/** Pairs and groups with filters; the table the page shows is what «Экспорт XLSX» saves. */
function PairsBlock({ programId }: { programId: string | null }) {
  const [status, setStatus] = useState<'' | 'open' | 'finished'>('open');
  const [form, setForm] = useState('');
  const [q, setQ] = useState('');
  const query: PairsQuery = {
    ...(programId ? { programId } : {}),
    ...(status ? { status } : {}),
    ...(form ? { form: form as PairsQuery['form'] } : {}),
    ...(q.trim() ? { q: q.trim() } : {}),
  };
  const pairs = usePairs(query);
  const rows = pairs.data?.items ?? [];
  const exportRows = () =>
    saveXlsx(
      'nastavnichestvo',
      [
        'Наставник',
        'Наставляемые',
        'Форма',
        'Программа',
        'Организация',
        'Начало',
        'Завершение',
        'Причина',
        'Целей',
        'Достигнуто',
        'План выполнен',
      ],
      rows.map((p) => [
        p.mentorName,
        menteeNames(p),
        p.formName,
        p.programName,
        p.organizationName,
        ruDay(p.startedOn),
        p.finishedOn ? ruDay(p.finishedOn) : '',
        p.finishReasonName ?? '',
        p.goalsTotal,
        p.goalsReached,
        `${p.planDone} из ${p.planTotal}`,
      ]),
    );
  return (
    <Section
      title="Пары и группы"
      actions={
        <Button size="xs" variant="light" onClick={exportRows} disabled={rows.length === 0}>
          Экспорт XLSX
        </Button>
      }
    >
      <Group gap="sm" align="flex-end">
        <NativeSelect
          label="Статус"
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as '' | 'open' | 'finished')}
          data={[
            { value: '', label: 'Все' },
            { value: 'open', label: 'Идут' },
            { value: 'finished', label: 'Завершены' },
          ]}
        />
        <NativeSelect
          label="Форма"
          value={form}
          onChange={(e) => setForm(e.currentTarget.value)}
          data={[{ value: '', label: 'Все формы' }, ...options(MENTORING_FORMS)]}
        />
        <TextInput label="Поиск по ФИО" value={q} onChange={(e) => setQ(e.currentTarget.value)} />
      </Group>
      <ErrorAlert error={pairs.error} title="Не удалось загрузить пары" />
      {pairs.data && rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          Пар и групп по этим условиям нет.
        </Text>
      ) : (
        <TableCard loading={pairs.isFetching} minWidth={760}>
          <Table
            striped
            highlightOnHover
            fz="sm"
            verticalSpacing={6}
            aria-label="Пары и группы наставничества"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Наставник</Table.Th>
                <Table.Th>Наставляемые</Table.Th>
                <Table.Th>Форма</Table.Th>
                <Table.Th>Период</Table.Th>
                <Table.Th ta="right">Цели</Table.Th>
                <Table.Th ta="right">План</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/mentoring/pairs/${p.id}`} size="sm" fw={500}>
                      {p.mentorName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{menteeNames(p)}</Table.Td>
                  <Table.Td>{p.formName}</Table.Td>
                  <Table.Td>
                    {ruDay(p.startedOn)} – {p.finishedOn ? ruDay(p.finishedOn) : 'идёт'}
                    {p.finishReason === 'transfer' && (
                      <Badge ml={4} size="xs" variant="light">
                        перевод
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    {p.goalsReached} / {p.goalsTotal}
                  </Table.Td>
                  <Table.Td ta="right">
                    {p.planDone} / {p.planTotal}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
    </Section>
  );
}
