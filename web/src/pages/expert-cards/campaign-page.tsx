import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  afterCardsChanged,
  type Board,
  CARD_STATUS,
  campaignXlsxHref,
  closeCampaign,
  LEVELS,
  ORG_GROUPS,
  type Results,
  schoolYearName,
  scoreCampaign,
  startCampaign,
  useBoard,
  useOverdue,
  useResults,
} from '../../api/expert-card-work.ts';
import { Bars } from '../../components/bars.tsx';
import { Empty } from '../../components/empty.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LoadingRows } from '../../components/loading.tsx';
import { PageHeader } from '../../components/page.tsx';
import { Stat } from '../../components/stat.tsx';
import { TableCard } from '../../components/table-parts.tsx';
import { useUrlState } from '../../lib/use-url-state.ts';
import { formatDate, formatNumber } from '../../lib/words.ts';

/** The stage a campaign is in on `today` (deadlines are last days, inclusive). */
function stageOf(b: Board): { label: string; color: string } {
  const c = b.campaign;
  if (c.closedAt) return { label: 'итоги опубликованы', color: 'green' };
  if (!c.started) return { label: 'не начата', color: 'gray' };
  if (b.today <= c.fillBy) return { label: 'этап 1: заполнение', color: 'blue' };
  if (b.today <= c.verifyBy) return { label: 'этап 2: проверка', color: 'violet' };
  return { label: 'этап 3: итоги', color: 'orange' };
}

/**
 * The methodist's board of one campaign: who filled, who is verified, late, returned, overdue;
 * experts per card; stage 3's points, levels and ranks; the results by group with their weakest
 * directions and items; the XLSX of every card.
 */
export default function CampaignPage() {
  const { id = '' } = useParams();
  const f = useUrlState();
  const board = useBoard(id);
  const tab = f.get('tab') || 'cards';
  if (board.error) return <ErrorAlert error={board.error} title="Кампания не найдена" />;
  if (!board.data) return <LoadingRows rows={6} label="Загрузка кампании" />;
  const b = board.data;
  const c = b.campaign;
  const stage = stageOf(b);
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/expert-cards" size="sm">
        ← Экспертные карты
      </Anchor>
      <PageHeader
        title={c.title}
        description={
          <>
            {c.municipalityName} · учебный год {schoolYearName(c.schoolYear)} · заполнение до{' '}
            {formatDate(c.fillBy)}, проверка до {formatDate(c.verifyBy)}, итоги до {formatDate(c.evaluateBy)}
            <br />
            Уровни считаются от{' '}
            {c.maxBasis === 'document' ? 'максимума документа (приложение 1)' : 'суммы баллов показателей'}
            {c.maxBasisNote ? ` — ${c.maxBasisNote}` : ''}
          </>
        }
        actions={
          <>
            <Badge size="lg" variant="light" color={stage.color}>
              {stage.label}
            </Badge>
            {c.started && (
              <Button component="a" href={campaignXlsxHref(c.id)} download variant="default">
                Все карты XLSX
              </Button>
            )}
          </>
        }
      />
      <CampaignActions b={b} />
      {c.started && (
        <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="sm">
          <Stat label="Карт" value={b.counts.cards} />
          <Stat label="Заполняются" value={b.counts.draft} />
          <Stat label="На проверке" value={b.counts.submitted} />
          <Stat label="Возвращены" value={b.counts.returned} />
          <Stat label="Проверены" value={b.counts.verified} />
          <Stat label="С опозданием" value={b.counts.late} hint={`просрочено сейчас: ${b.counts.overdue}`} />
          <Stat label="Без эксперта" value={b.counts.withoutExperts} />
        </SimpleGrid>
      )}
      {c.started && (
        <Tabs
          value={tab}
          onChange={(v) => f.set({ tab: v === 'cards' ? '' : (v ?? '') })}
          keepMounted={false}
        >
          <Tabs.List>
            <Tabs.Tab value="cards">Карты организаций</Tabs.Tab>
            <Tabs.Tab value="overdue">Просрочено</Tabs.Tab>
            <Tabs.Tab value="results">Итоги</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="cards" pt="md">
            <CardsTable b={b} />
          </Tabs.Panel>
          <Tabs.Panel value="overdue" pt="md">
            <OverdueList id={c.id} />
          </Tabs.Panel>
          <Tabs.Panel value="results" pt="md">
            <ResultsView id={c.id} />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}

function CampaignActions({ b }: { b: Board }) {
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const c = b.campaign;
  if (!c.canManage || c.closedAt) return null;
  const run = async (key: string, f: () => Promise<unknown>, message: string) => {
    setBusy(key);
    setError(null);
    try {
      await f();
      setDone(message);
      await afterCardsChanged(qc);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between">
        <Text size="sm">
          {!c.started
            ? 'Начните кампанию: каждая организация муниципалитета получит карту своей группы, данные платформы будут подставлены в показатели.'
            : b.today <= c.verifyBy
              ? 'Назначьте экспертов картам без эксперта. Итоги подводятся после проверки всех карт или после срока проверки.'
              : 'Подведите итоги: баллы по направлениям, уровень и место в группе; затем опубликуйте.'}
        </Text>
        <Group gap="xs">
          {!c.started && (
            <Button
              loading={busy === 'start'}
              onClick={() => run('start', () => startCampaign(c.id), 'Кампания начата, карты разосланы.')}
            >
              Начать кампанию
            </Button>
          )}
          {c.started && (
            <Button
              variant="light"
              loading={busy === 'score'}
              onClick={() => run('score', () => scoreCampaign(c.id), 'Итоги подведены.')}
            >
              Подвести итоги
            </Button>
          )}
          {c.started && b.cards.some((x) => x.totalPoints !== null) && (
            <Button
              loading={busy === 'close'}
              onClick={() => run('close', () => closeCampaign(c.id), 'Итоги опубликованы.')}
            >
              Опубликовать итоги
            </Button>
          )}
        </Group>
      </Group>
      {done && !error && (
        <Text size="sm" c="green.8" mt={6} role="status">
          {done}
        </Text>
      )}
      <ErrorAlert error={error} title="Не удалось" />
    </Paper>
  );
}

function CardsTable({ b }: { b: Board }) {
  const [group, setGroup] = useState('');
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const rows = b.cards.filter(
    (c) =>
      (!group || c.orgKind === group) &&
      (!status ||
        (status === 'late'
          ? c.late
          : status === 'overdue'
            ? c.overdue
            : status === 'noexpert'
              ? c.experts.length === 0
              : c.status === status)) &&
      (!q || c.organizationName.toLowerCase().includes(q.toLowerCase())),
  );
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end">
        <TextInput
          label="Организация"
          placeholder="Название"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={260}
        />
        <NativeSelect
          label="Группа"
          data={[
            { value: '', label: 'все' },
            ...Object.entries(ORG_GROUPS).map(([value, label]) => ({ value, label })),
          ]}
          value={group}
          onChange={(e) => setGroup(e.currentTarget.value)}
        />
        <NativeSelect
          label="Статус"
          data={[
            { value: '', label: 'все' },
            ...Object.entries(CARD_STATUS).map(([value, s]) => ({ value, label: s.label })),
            { value: 'late', label: 'с опозданием' },
            { value: 'overdue', label: 'просрочены' },
            { value: 'noexpert', label: 'без эксперта' },
          ]}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
        />
        <Text size="sm" c="dimmed" pb={8}>
          {rows.length} из {b.cards.length}
        </Text>
      </Group>
      {rows.length === 0 ? (
        <Paper withBorder>
          <Empty title="Нет карт по этим условиям" description="Измените фильтры." />
        </Paper>
      ) : (
        <TableCard loading={false} minWidth={1000}>
          <Table fz="sm" verticalSpacing={6} aria-label="Карты организаций">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Организация</Table.Th>
                <Table.Th w={60}>Группа</Table.Th>
                <Table.Th w={190}>Статус</Table.Th>
                <Table.Th w={130}>Заполнено</Table.Th>
                <Table.Th w={220}>Эксперты</Table.Th>
                <Table.Th w={90} ta="right">
                  Баллы
                </Table.Th>
                <Table.Th w={150}>Уровень, место</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => {
                const s = CARD_STATUS[c.status] ?? { label: c.status, color: 'gray' };
                const level = c.level ? LEVELS[c.level] : null;
                return (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/expert-cards/cards/${c.id}`} size="sm" fw={500}>
                        {c.organizationName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{ORG_GROUPS[c.orgKind] ?? c.orgKind}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Badge color={s.color} variant="light">
                          {s.label}
                        </Badge>
                        {c.late && (
                          <Badge color="red" variant="light">
                            опоздание
                          </Badge>
                        )}
                        {c.overdue && (
                          <Badge color="red" variant="filled">
                            просрочена
                          </Badge>
                        )}
                        {c.flagged > 0 && (
                          <Badge color="grape" variant="light">
                            расхождений: {c.flagged}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {c.answered} / {c.items}
                      {c.returnedItems > 0 ? `, возвращено ${c.returnedItems}` : ''}
                    </Table.Td>
                    <Table.Td>
                      {c.experts.length ? (
                        c.experts.map((e) => e.fullName).join(', ')
                      ) : (
                        <Text c="dimmed" size="sm">
                          не назначен
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{c.totalPoints ?? c.points}</Table.Td>
                    <Table.Td>
                      {level ? (
                        <Badge color={level.color} variant="light">
                          {level.label}
                          {c.rank ? `, ${c.rank} место` : ''}
                        </Badge>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableCard>
      )}
    </Stack>
  );
}

function OverdueList({ id }: { id: string }) {
  const overdue = useOverdue(id, true);
  if (overdue.error) return <ErrorAlert error={overdue.error} title="Не удалось загрузить" />;
  if (!overdue.data) return <LoadingRows rows={3} label="Загрузка" />;
  const items = overdue.data.items;
  if (items.length === 0)
    return (
      <Paper withBorder>
        <Empty title="Просроченных карт нет" description="Все карты отправлены и проверены в срок этапа." />
      </Paper>
    );
  return (
    <TableCard loading={overdue.isFetching} minWidth={800}>
      <Table fz="sm" verticalSpacing={6} aria-label="Просроченные карты">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Организация</Table.Th>
            <Table.Th w={200}>Что просрочено</Table.Th>
            <Table.Th w={120}>Срок</Table.Th>
            <Table.Th w={280}>Кому напомнить</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((o) => (
            <Table.Tr key={`${o.cardId}-${o.stage}`}>
              <Table.Td>
                <Anchor component={Link} to={`/expert-cards/cards/${o.cardId}`} size="sm">
                  {o.organizationName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {o.stage === 'fill' ? 'карта не отправлена' : `не проверено показателей: ${o.toReview}`}
              </Table.Td>
              <Table.Td>{formatDate(o.dueOn)}</Table.Td>
              <Table.Td>{(o.stage === 'fill' ? o.heads : o.experts).join(', ') || '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableCard>
  );
}

const LEVEL_COLORS: Record<string, string> = { high: 'green', medium: 'yellow', low: 'red' };

function ResultsView({ id }: { id: string }) {
  const results = useResults(id, true);
  if (results.error) return <ErrorAlert error={results.error} title="Не удалось загрузить итоги" />;
  if (!results.data) return <LoadingRows rows={4} label="Загрузка итогов" />;
  const r: Results = results.data;
  const o = r.summary.overall;
  return (
    <Stack gap="lg">
      {r.organizations.some((x) => !x.final) && (
        <Alert color="gray" variant="light">
          Итоги предварительные: не у всех карт подведены итоги этапа 3, баллы посчитаны по текущим ответам и
          проверке.
        </Alert>
      )}
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          Муниципалитет: уровни эффективности ({o.count} организаций, в среднем{' '}
          {formatNumber(o.meanPercent, 1)} % от максимума)
        </Title>
        <Bars
          title="Уровни эффективности по муниципалитету"
          bars={o.levels.map((l) => ({
            label: l.label,
            value: l.count,
            color: LEVEL_COLORS[l.code] ?? 'gray',
          }))}
        />
        {o.comparison.compared > 0 && (
          <Text size="sm" mt="sm">
            С прошлым годом: выше уровнем — {o.comparison.up}, ниже — {o.comparison.down}, без изменений —{' '}
            {o.comparison.same}
            {o.comparison.meanDelta !== null
              ? `; баллы в среднем ${o.comparison.meanDelta >= 0 ? '+' : ''}${formatNumber(o.comparison.meanDelta, 1)}`
              : ''}
            .
          </Text>
        )}
      </Paper>
      {r.groups.map((g) => (
        <Paper withBorder p="md" key={g.kind}>
          <Stack gap="sm">
            <Title order={2} size="h4">
              {g.label}: {g.count}, в среднем {formatNumber(g.meanTotal, 1)} из {g.max} (
              {formatNumber(g.meanPercent, 1)} %)
            </Title>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
              <Stack gap="xs">
                <Bars
                  title={`Уровни: ${g.label}`}
                  bars={g.levels.map((l) => ({
                    label: `${l.label} (${l.from}–${l.to})`,
                    value: l.count,
                    color: LEVEL_COLORS[l.code] ?? 'gray',
                  }))}
                />
                <Text size="sm" fw={600} mt="sm">
                  Слабые направления
                </Text>
                {g.weakestDirections.slice(0, 3).map((d) => (
                  <Text size="sm" key={d.position}>
                    {d.title} — {formatNumber(d.meanPercent, 1)} % от максимума, недобрали {d.lostBy}
                  </Text>
                ))}
                <Text size="sm" fw={600} mt="sm">
                  Чаще всего теряют баллы
                </Text>
                {g.weakestItems.slice(0, 5).map((i) => (
                  <Text size="sm" key={i.number}>
                    {i.number}. {i.text} — {i.lostBy} орг. ({formatNumber(i.lostPercent, 0)} %)
                  </Text>
                ))}
              </Stack>
              <TableCard loading={results.isFetching} minWidth={360}>
                <Table fz="sm" verticalSpacing={4} aria-label={`Рейтинг: ${g.label}`}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={50}>Место</Table.Th>
                      <Table.Th>Организация</Table.Th>
                      <Table.Th w={80} ta="right">
                        Баллы
                      </Table.Th>
                      <Table.Th w={100}>Уровень</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {g.ranking.map((x) => (
                      <Table.Tr key={x.organizationId}>
                        <Table.Td>{x.rank}</Table.Td>
                        <Table.Td>{x.name}</Table.Td>
                        <Table.Td ta="right">
                          {x.total} / {x.max}
                        </Table.Td>
                        <Table.Td>{x.level?.label ?? '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableCard>
            </SimpleGrid>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
