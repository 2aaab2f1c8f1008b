import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  addMeeting,
  addMembers,
  addPlanItem,
  afterCommunitiesChanged,
  type Community,
  editMeeting,
  leaveCommunity,
  markPlanItemDone,
  reportExportHref,
  saveAttendance,
  saveDecisions,
  useCommunity,
  useMeeting,
  useMeetings,
  useMembers,
  usePlanItems,
  useReport,
  useSuggestions,
} from '../../api/communities.ts';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { ModalForm } from '../../components/modal-form.tsx';
import { PageHeader } from '../../components/page.tsx';
import { Stat } from '../../components/stat.tsx';
import { TableCard } from '../../components/table-parts.tsx';
import { useUrlState } from '../../lib/use-url-state.ts';
import { ruDay, schoolYearOf } from './communities-words.ts';
import { MaterialsTab } from './community-materials.tsx';

/** One community: members (with suggestions by its rule), the work plan, meetings and minutes, the report. */
export default function CommunityPage() {
  const { id = '' } = useParams();
  const f = useUrlState();
  const current = schoolYearOf();
  const year = Number(f.get('year')) || current;
  const community = useCommunity(id, year);
  const report = useReport(id, year);
  if (community.error) return <ErrorAlert error={community.error} title="Сообщество не найдено" />;
  if (!community.data) return <LoadingRows rows={4} label="Загрузка сообщества" />;
  const c = community.data;
  const r = report.data;

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/communities" size="sm">
        ← Все сообщества
      </Anchor>
      <PageHeader
        title={c.name}
        description={
          <>
            {c.kindName} · {c.organizationName ?? c.municipalityName ?? c.levelName}
            {c.subject ? ` · ${c.subject}` : ''}
            <br />
            Руководитель: {c.leader?.name ?? 'не назначен'}
            {c.deputies.length > 0 && `; заместители: ${c.deputies.map((d) => d.name).join(', ')}`}
          </>
        }
        actions={
          <>
            <NativeSelect
              aria-label="Учебный год"
              data={[current, current - 1, current - 2].map((y) => ({
                value: String(y),
                label: `${y}/${y + 1}`,
              }))}
              value={String(year)}
              onChange={(e) =>
                f.set({ year: e.currentTarget.value === String(current) ? '' : e.currentTarget.value })
              }
            />
            {c.canSeeMembers && (
              <Button component="a" href={reportExportHref(c.id, year)} download variant="default">
                Отчёт XLSX
              </Button>
            )}
          </>
        }
      />
      {r && (
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <Stat label="Участников" value={c.membersCount} hint={`за год: ${r.members}`} />
          <Stat label="Активных" value={r.membersActive} hint="были хотя бы на одном заседании" />
          <Stat
            label="Заседаний"
            value={`${r.meetingsHeld} / ${r.meetingsPlanned}`}
            hint="проведено / запланировано"
          />
          <Stat label="План работы" value={`${r.planItemsDone} / ${r.planItems}`} hint="выполнено пунктов" />
        </SimpleGrid>
      )}
      <Tabs defaultValue="members" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="members">Участники</Tabs.Tab>
          <Tabs.Tab value="plan">План работы</Tabs.Tab>
          <Tabs.Tab value="meetings">Заседания</Tabs.Tab>
          <Tabs.Tab value="materials">Материалы</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="members" pt="md">
          <MembersTab c={c} />
        </Tabs.Panel>
        <Tabs.Panel value="plan" pt="md">
          <PlanTab c={c} year={year} />
        </Tabs.Panel>
        <Tabs.Panel value="meetings" pt="md">
          <MeetingsTab c={c} year={year} />
        </Tabs.Panel>
        <Tabs.Panel value="materials" pt="md">
          <MaterialsTab c={c} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function MembersTab({ c }: { c: Community }) {
  const qc = useQueryClient();
  const members = useMembers(c.id, c.canSeeMembers);
  const [suggesting, setSuggesting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!c.canSeeMembers)
    return (
      <Text size="sm" c="dimmed">
        В сообществе {c.membersCount} участников. Список участников видят участники сообщества и те, кто его
        ведёт.
      </Text>
    );
  return (
    <Stack gap="sm">
      {c.canManage && (
        <Group>
          <Button onClick={() => setSuggesting(true)}>Предложить участников</Button>
        </Group>
      )}
      <ErrorAlert error={members.error ?? error} title="Не удалось" />
      {members.data && members.data.total === 0 && (
        <Paper withBorder>
          <Empty
            title="Участников пока нет"
            description={
              c.canManage
                ? 'Нажмите «Предложить участников»: система подберёт педагогов по правилу сообщества (предмет, территория), отметьте нужных и добавьте.'
                : 'Участников добавит руководитель сообщества.'
            }
          />
        </Paper>
      )}
      {members.data && members.data.total > 0 && (
        <TableCard loading={members.isFetching} minWidth={640}>
          <Table verticalSpacing={6} fz="sm" aria-label="Участники">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>ФИО</Table.Th>
                <Table.Th w={220}>Организация</Table.Th>
                <Table.Th w={120}>В составе с</Table.Th>
                <Table.Th w={110} ta="right">
                  Посетил(а)
                </Table.Th>
                {c.canManage && <Table.Th w={110} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data.items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{m.personName}</Table.Td>
                  <Table.Td>{m.organizationName ?? '—'}</Table.Td>
                  <Table.Td>{ruDay(m.joinedOn)}</Table.Td>
                  <Table.Td ta="right">{m.attended}</Table.Td>
                  {c.canManage && (
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        onClick={async () => {
                          setError(null);
                          try {
                            await leaveCommunity(m.id, null);
                            await afterCommunitiesChanged(qc);
                          } catch (e) {
                            setError(e);
                          }
                        }}
                      >
                        Исключить
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
      {suggesting && <SuggestModal c={c} onClose={() => setSuggesting(false)} />}
    </Stack>
  );
}

function SuggestModal({ c, onClose }: { c: Community; onClose: () => void }) {
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [ruleOnly, setRuleOnly] = useState(true);
  const [picked, setPicked] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const s = useSuggestions(c.id, debounced, ruleOnly, true);
  const rule = c.rule.subjects?.length
    ? `педагоги с предметом «${c.rule.subjects.join('», «')}»`
    : 'все педагоги';
  return (
    <Modal
      opened
      onClose={onClose}
      title="Предложить участников"
      size="xl"
      closeButtonProps={{ 'aria-label': 'Закрыть' }}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          По правилу сообщества: {rule} на территории «
          {c.organizationName ?? c.municipalityName ?? c.levelName}», ещё не участники.
        </Text>
        <Group align="flex-end">
          <TextInput label="Поиск по ФИО" value={q} onChange={(e) => setQ(e.currentTarget.value)} />
          <Switch
            label="Только по правилу"
            checked={ruleOnly}
            onChange={(e) => setRuleOnly(e.currentTarget.checked)}
          />
        </Group>
        <ErrorAlert error={s.error ?? error} title="Не удалось" />
        {s.data && s.data.total === 0 && <Text size="sm">Подходящих педагогов нет — все уже в составе.</Text>}
        {s.data && s.data.total > 0 && (
          <TableCard loading={s.isPlaceholderData} minWidth={600}>
            <Table verticalSpacing={4} fz="sm" aria-label="Предложенные участники">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>
                    <Checkbox
                      aria-label="Выбрать всех"
                      checked={picked.length === s.data.items.length}
                      onChange={(e) =>
                        setPicked(e.currentTarget.checked ? s.data.items.map((i) => i.personId) : [])
                      }
                    />
                  </Table.Th>
                  <Table.Th>ФИО</Table.Th>
                  <Table.Th>Организация</Table.Th>
                  <Table.Th>Должность, предметы</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.data.items.map((i) => (
                  <Table.Tr key={i.personId}>
                    <Table.Td>
                      <Checkbox
                        aria-label={i.personName}
                        checked={picked.includes(i.personId)}
                        onChange={(e) => {
                          const on = e.currentTarget.checked;
                          setPicked((p) => (on ? [...p, i.personId] : p.filter((x) => x !== i.personId)));
                        }}
                      />
                    </Table.Td>
                    <Table.Td>{i.personName}</Table.Td>
                    <Table.Td>{i.organizationName}</Table.Td>
                    <Table.Td>
                      {i.position}
                      {i.subjects.length > 0 ? `; ${i.subjects.join(', ')}` : ''}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableCard>
        )}
        {s.data?.truncated && <Text size="xs">Показаны первые 200: уточните поиск.</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Отмена
          </Button>
          <Button
            disabled={picked.length === 0}
            loading={busy}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                await addMembers(c.id, picked);
                await afterCommunitiesChanged(qc);
                onClose();
              } catch (e) {
                setError(e);
              } finally {
                setBusy(false);
              }
            }}
          >
            Добавить выбранных ({picked.length})
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PlanTab({ c, year }: { c: Community; year: number }) {
  const qc = useQueryClient();
  const plan = usePlanItems(c.id, year);
  const [adding, setAdding] = useState(false);
  return (
    <Stack gap="sm">
      {c.canManage && (
        <Group>
          <Button onClick={() => setAdding(true)}>Добавить пункт плана</Button>
        </Group>
      )}
      <ErrorAlert error={plan.error} title="Не удалось загрузить план" />
      {plan.data && plan.data.items.length === 0 && (
        <Paper withBorder>
          <Empty
            title="План работы на год пока пуст"
            description={
              c.canManage
                ? 'Добавьте заседания, семинары и другие дела на учебный год; пункт можно связать с мероприятием муниципального плана.'
                : 'План составит руководитель сообщества.'
            }
          />
        </Paper>
      )}
      {plan.data && plan.data.items.length > 0 && (
        <TableCard loading={plan.isFetching} minWidth={640}>
          <Table verticalSpacing={6} fz="sm" aria-label="План работы">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={170}>Сроки</Table.Th>
                <Table.Th>Содержание</Table.Th>
                <Table.Th w={200}>Ответственный</Table.Th>
                <Table.Th w={140}>Выполнено</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    {ruDay(p.startsOn)}
                    {p.endsOn ? `–${ruDay(p.endsOn)}` : ''}
                  </Table.Td>
                  <Table.Td>
                    {p.title}
                    {p.eventId && (
                      <Text size="xs">
                        <Anchor component={Link} to={`/events/${p.eventId}`}>
                          Мероприятие плана: {p.eventTitle}
                        </Anchor>
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{p.responsibleName ?? '—'}</Table.Td>
                  <Table.Td>
                    {c.canManage ? (
                      <Checkbox
                        label={p.doneOn ? ruDay(p.doneOn) : 'нет'}
                        checked={!!p.doneOn}
                        onChange={async (e) => {
                          await markPlanItemDone(
                            p.id,
                            e.currentTarget.checked ? new Date().toISOString().slice(0, 10) : null,
                          );
                          await afterCommunitiesChanged(qc);
                        }}
                      />
                    ) : p.doneOn ? (
                      ruDay(p.doneOn)
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
      <ModalForm
        opened={adding}
        onClose={() => setAdding(false)}
        title="Пункт плана работы"
        initialValues={() => ({ startsOn: '', endsOn: '', title: '' })}
        submit={(v) => addPlanItem(c.id, { startsOn: v.startsOn, endsOn: v.endsOn || null, title: v.title })}
        onSuccess={() => afterCommunitiesChanged(qc)}
        submitLabel="Добавить"
        errorTitle="Пункт не добавлен"
      >
        {(form) => (
          <Stack gap="sm">
            <Group grow>
              <TextInput type="date" label="Начало" required {...form.getInputProps('startsOn')} />
              <TextInput type="date" label="Окончание" {...form.getInputProps('endsOn')} />
            </Group>
            <Textarea label="Содержание" required autosize minRows={2} {...form.getInputProps('title')} />
          </Stack>
        )}
      </ModalForm>
    </Stack>
  );
}

function MeetingsTab({ c, year }: { c: Community; year: number }) {
  const qc = useQueryClient();
  const meetings = useMeetings(c.id, year);
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Stack gap="sm">
      {c.canManage && (
        <Group>
          <Button onClick={() => setAdding(true)}>Добавить заседание</Button>
        </Group>
      )}
      <ErrorAlert error={meetings.error} title="Не удалось загрузить заседания" />
      {meetings.data && meetings.data.items.length === 0 && (
        <Paper withBorder>
          <Empty
            title="Заседаний в этом учебном году нет"
            description={
              c.canManage
                ? 'Запланируйте заседание с повесткой; после него отметьте присутствовавших и внесите решения протокола.'
                : 'Заседания запланирует руководитель сообщества.'
            }
          />
        </Paper>
      )}
      {meetings.data && meetings.data.items.length > 0 && (
        <TableCard loading={meetings.isFetching} minWidth={640}>
          <Table verticalSpacing={6} fz="sm" highlightOnHover aria-label="Заседания">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>Дата</Table.Th>
                <Table.Th>Заседание</Table.Th>
                <Table.Th w={130}>Статус</Table.Th>
                <Table.Th w={110} ta="right">
                  Присутствовали
                </Table.Th>
                <Table.Th w={90} ta="right">
                  Решений
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {meetings.data.items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{ruDay(m.heldOn)}</Table.Td>
                  <Table.Td>
                    <Anchor component="button" size="sm" onClick={() => setOpen(m.id)}>
                      {m.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      color={m.status === 'held' ? 'green' : m.status === 'cancelled' ? 'gray' : 'blue'}
                    >
                      {m.statusName}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">{m.attended}</Table.Td>
                  <Table.Td ta="right">{m.decisions}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
      <ModalForm
        opened={adding}
        onClose={() => setAdding(false)}
        title="Новое заседание"
        initialValues={() => ({ heldOn: '', title: '', agenda: '', held: false })}
        submit={(v) =>
          addMeeting(c.id, {
            heldOn: v.heldOn,
            title: v.title,
            agenda: v.agenda || null,
            status: v.held ? 'held' : 'planned',
          })
        }
        onSuccess={async (m) => {
          await afterCommunitiesChanged(qc);
          setOpen(m.id);
        }}
        submitLabel="Добавить"
        errorTitle="Заседание не добавлено"
      >
        {(form) => (
          <Stack gap="sm">
            <TextInput type="date" label="Дата" required {...form.getInputProps('heldOn')} />
            <TextInput label="Тема" required placeholder="Заседание № 1" {...form.getInputProps('title')} />
            <Textarea label="Повестка" autosize minRows={3} {...form.getInputProps('agenda')} />
            <Checkbox label="Заседание уже проведено" {...form.getInputProps('held', { type: 'checkbox' })} />
          </Stack>
        )}
      </ModalForm>
      {open && <MeetingModal id={open} onClose={() => setOpen(null)} />}
    </Stack>
  );
}

interface DecisionDraft {
  /** A stable key for the row while it is edited. */
  k: string;
  text: string;
  responsiblePersonId: string;
  dueOn: string;
}

function MeetingModal({ id, onClose }: { id: string; onClose: () => void }) {
  const qc = useQueryClient();
  const meeting = useMeeting(id);
  const [present, setPresent] = useState<string[] | null>(null);
  const [decisions, setDecisions] = useState<DecisionDraft[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const m = meeting.data;
  const presentNow = present ?? m?.attendance?.filter((a) => a.attended).map((a) => a.personId) ?? [];
  const drafts =
    decisions ??
    m?.decisionList.map((d) => ({
      k: d.id,
      text: d.text,
      responsiblePersonId: d.responsiblePersonId ?? '',
      dueOn: d.dueOn ?? '',
    })) ??
    [];
  const run = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
      await afterCommunitiesChanged(qc);
    } catch (e) {
      setError(e);
    }
  };
  const people = m?.attendance ?? [];
  return (
    <Modal
      opened
      onClose={onClose}
      title={m?.title ?? 'Заседание'}
      size="xl"
      closeButtonProps={{ 'aria-label': 'Закрыть' }}
    >
      {!m && <LoadingRows rows={3} label="Загрузка заседания" />}
      {m && (
        <Stack gap="sm">
          <Text size="sm">
            {ruDay(m.heldOn)} · {m.statusName}
          </Text>
          {m.agenda && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              <b>Повестка:</b> {m.agenda}
            </Text>
          )}
          <ErrorAlert error={error} title="Не сохранено" />
          {m.canManage && m.status === 'planned' && (
            <Group>
              <Button variant="light" onClick={() => run(() => editMeeting(m.id, { status: 'held' }))}>
                Отметить проведённым
              </Button>
              <Button
                variant="subtle"
                color="gray"
                onClick={() => run(() => editMeeting(m.id, { status: 'cancelled' }))}
              >
                Отменить заседание
              </Button>
            </Group>
          )}
          <Text fw={600} size="sm">
            Присутствие
          </Text>
          {m.attendance === null && (
            <Text size="sm" c="dimmed">
              Присутствовало участников: {m.attended}.
            </Text>
          )}
          {m.attendance && m.attendance.length === 0 && (
            <Text size="sm" c="dimmed">
              На день заседания в сообществе не было участников.
            </Text>
          )}
          {m.attendance && m.attendance.length > 0 && (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4}>
              {m.attendance.map((a) => (
                <Checkbox
                  key={a.personId}
                  label={`${a.personName}${a.organizationName ? ` (${a.organizationName})` : ''}`}
                  checked={presentNow.includes(a.personId)}
                  disabled={!m.canManage || m.status !== 'held'}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setPresent(on ? [...presentNow, a.personId] : presentNow.filter((x) => x !== a.personId));
                  }}
                />
              ))}
            </SimpleGrid>
          )}
          {m.canManage && m.status === 'held' && present && (
            <Group>
              <Button size="xs" onClick={() => run(() => saveAttendance(m.id, presentNow))}>
                Сохранить присутствие
              </Button>
            </Group>
          )}
          <Text fw={600} size="sm">
            Протокол: решения
          </Text>
          {drafts.length === 0 && (
            <Text size="sm" c="dimmed">
              Решений пока нет.
            </Text>
          )}
          {drafts.map((d, i) => (
            <Group key={d.k} align="flex-end" wrap="nowrap">
              <TextInput
                label={`Решение ${i + 1}`}
                style={{ flex: 1 }}
                value={d.text}
                readOnly={!m.canManage}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setDecisions(drafts.map((x, j) => (j === i ? { ...x, text: v } : x)));
                }}
              />
              <NativeSelect
                label="Ответственный"
                w={220}
                disabled={!m.canManage}
                data={[
                  { value: '', label: '—' },
                  ...people.map((p) => ({ value: p.personId, label: p.personName })),
                  ...(m.decisionList[i]?.responsiblePersonId &&
                  !people.some((p) => p.personId === m.decisionList[i]?.responsiblePersonId)
                    ? [
                        {
                          value: m.decisionList[i]!.responsiblePersonId!,
                          label: m.decisionList[i]!.responsibleName ?? '',
                        },
                      ]
                    : []),
                ]}
                value={d.responsiblePersonId}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setDecisions(drafts.map((x, j) => (j === i ? { ...x, responsiblePersonId: v } : x)));
                }}
              />
              <TextInput
                type="date"
                label="Срок"
                w={150}
                value={d.dueOn}
                readOnly={!m.canManage}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setDecisions(drafts.map((x, j) => (j === i ? { ...x, dueOn: v } : x)));
                }}
              />
            </Group>
          ))}
          {m.canManage && (
            <Group>
              <Button
                size="xs"
                variant="light"
                onClick={() =>
                  setDecisions([
                    ...drafts,
                    { k: `new-${Date.now()}`, text: '', responsiblePersonId: '', dueOn: '' },
                  ])
                }
              >
                Добавить решение
              </Button>
              {decisions && (
                <Button
                  size="xs"
                  onClick={() =>
                    run(() =>
                      saveDecisions(
                        m.id,
                        drafts
                          .filter((d) => d.text.trim())
                          .map((d) => ({
                            text: d.text,
                            responsiblePersonId: d.responsiblePersonId || null,
                            dueOn: d.dueOn || null,
                          })),
                      ),
                    )
                  }
                >
                  Сохранить протокол
                </Button>
              )}
            </Group>
          )}
        </Stack>
      )}
    </Modal>
  );
}
