import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Fragment, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, saveXlsx } from '../../../api/api.ts';
import {
  afterIndicatorChanged,
  afterSetsChanged,
  deleteIndicator,
  deleteSet,
  type Indicator,
  type IndicatorValue,
  useIndicatorSet,
  useMeasures,
  useSetValues,
} from '../../../api/monitoring.ts';
import { useMe } from '../../../auth/session.tsx';
import { CodeMark } from '../../../components/code-mark.tsx';
import { Empty } from '../../../components/empty.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { LoadingRows } from '../../../components/loading.tsx';
import { ModalForm } from '../../../components/modal-form.tsx';
import { NoAccess } from '../../../components/no-access.tsx';
import { PageHeader, Section } from '../../../components/page.tsx';
import { TableCard } from '../../../components/table-parts.tsx';
import { useUrlState } from '../../../lib/use-url-state.ts';
import { formatDate, formatNumber, plural } from '../../../lib/words.ts';
import { figuresSourceText } from '../figures-source.ts';
import {
  DIRECTION_ARROWS,
  DIRECTIONS,
  formulaInWords,
  groupIndicators,
  labelsOf,
  lastCompletedAcademicYear,
  manualCodes,
  OWNER_LEVELS,
  populationInWords,
  SOURCE_DOCUMENTS,
  statusText,
  TARGET_STATUS,
} from '../monitoring-words.ts';
import { ValueCell } from '../value-cell.tsx';
import { IndicatorEditor } from './indicator-editor.tsx';
import { ManualValues } from './manual-values.tsx';
import { SetFormDialog } from './set-dialogs.tsx';
import { SlicesModal, type SlicesTarget } from './slices-modal.tsx';

/** «вручную» with where the value comes from, so a methodist knows what to fill. */
export function ManualBadge({ indicator }: { indicator: Indicator }) {
  if (indicator.derived) {
    return (
      <Badge size="sm" variant="light" color="teal" title="Рассчитывается платформой из данных реестра">
        рассчитывается
      </Badge>
    );
  }
  const codes = manualCodes(indicator.formula);
  const labels = codes.map((c) => indicator.measures.find((m) => m.code === c)?.label ?? c);
  return (
    <Tooltip
      multiline
      w={320}
      withArrow
      label={`Значение вводится вручную или собирается формой сбора: ${labels.join('; ') || 'ручная мера'}`}
    >
      <Badge size="sm" variant="light" color="grape" data-testid="manual-badge">
        вручную
      </Badge>
    </Tooltip>
  );
}

/** A formula in words, two lines at most until clicked (the whole also on hover). */
function FormulaText({ text }: { text: string }) {
  const [whole, setWhole] = useState(false);
  return (
    <Text
      size="xs"
      c="dimmed"
      lineClamp={whole ? undefined : 2}
      title={whole ? undefined : text}
      onClick={() => setWhole((w) => !w)}
      style={{ cursor: 'pointer' }}
    >
      {text}
    </Text>
  );
}

export default function SetPage() {
  const { id } = useParams();
  const me = useMe();
  const f = useUrlState();
  const set = useIndicatorSet(id);
  const measures = useMeasures();
  const qc = useQueryClient();
  const navigate = useNavigate();
  // By default the last completed academic year, as of its last day: what is reported on.
  const ay = lastCompletedAcademicYear();
  const asOf = f.get('asOf') || ay.end;
  const periodStart = f.get('from') || ay.start;
  const periodEnd = f.get('to') || ay.end;
  const [computeOn, setComputeOn] = useState(false);
  const values = useSetValues(id, computeOn ? { asOf, periodStart, periodEnd } : null);
  const [editing, setEditing] = useState<Indicator | 'new' | null>(null);
  const [removing, setRemoving] = useState<Indicator | null>(null);
  const [copying, setCopying] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [slicesOf, setSlicesOf] = useState<SlicesTarget | null>(null);
  // Criteria folded away, so a long set is read one criterion at a time if one wishes.
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setFolded((prev) => {
      const next = new Set(prev);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  const measureMap = useMemo(() => new Map((measures.data ?? []).map((m) => [m.code, m])), [measures.data]);
  const byId = useMemo(
    () => new Map((values.data?.indicators ?? []).map((v) => [v.indicatorId, v] as const)),
    [values.data],
  );

  if (set.error instanceof ApiError && set.error.isNotFoundOrForbidden) {
    return <NoAccess back="/monitoring/indicators" backLabel="К наборам показателей" />;
  }
  if (!set.data) {
    return (
      <Stack>
        <ErrorAlert error={set.error} title="Не удалось загрузить набор" />
        {set.isPending && <LoadingRows rows={8} label="Загрузка набора" />}
      </Stack>
    );
  }
  const s = set.data;
  const canEdit = s.permissions.edit;
  const list = s.indicators.slice().sort((a, b) => a.position - b.position);
  const labels = labelsOf(list);
  const years = [...new Set(list.flatMap((i) => i.targets.map((t) => t.year)))].sort((a, b) => a - b);
  const groups = groupIndicators(list);
  const manualCount = list.filter((i) => !i.derived).length;
  const cols = (canEdit ? 6 : 5) + years.length;
  const criterionKeys = groups.flatMap((g) =>
    g.criteria.filter((c) => c.criterion).map((c) => `c:${g.track}:${c.criterion}`),
  );

  const exportCsv = () =>
    saveXlsx(
      `показатели-${s.code}.xlsx`,
      [
        'Код',
        'Трек',
        'Критерий',
        'Показатель',
        'Формула',
        'Расчёт',
        'Единица',
        'Направление',
        ...years.map(String),
        ...(values.data ? ['Значение', 'Статус'] : []),
        'Источник данных',
        'Метод',
        'Репрезентативность',
        'Периодичность',
        'Ответственный',
      ],
      list.map((i) => {
        const v = byId.get(i.id);
        return [
          i.code,
          i.track,
          i.criterion,
          i.name,
          formulaInWords(i.formula, measureMap, labels),
          i.derived ? 'рассчитывается' : 'вручную',
          i.unit,
          DIRECTIONS[i.direction],
          ...years.map((y) => i.targets.find((t) => t.year === y)?.value ?? ''),
          ...(values.data
            ? [
                v?.value ?? '',
                v?.targetStatus ? TARGET_STATUS[v.targetStatus].label : (statusText(v?.status) ?? ''),
              ]
            : []),
          i.dataSource,
          i.method,
          i.representativeness,
          i.periodicity,
          i.responsible,
        ];
      }),
    );

  const computedOf = (i: Indicator): IndicatorValue | undefined => byId.get(i.id);

  return (
    <Stack gap="md">
      <PageHeader
        title={s.name}
        description={
          <>
            <CodeMark code={s.code} /> ·{' '}
            {s.sourceDocument ? (SOURCE_DOCUMENTS[s.sourceDocument] ?? s.sourceDocument) : 'свой набор'} ·{' '}
            {OWNER_LEVELS[s.ownerLevel] ?? s.ownerLevel}
            {s.territoryName ? `: ${s.territoryName}` : ''}
            {s.description ? ` · ${s.description}` : ''}
          </>
        }
        actions={
          <>
            <Button component={Link} to={`/monitoring/dashboard/${s.id}`} variant="light">
              Дашборд
            </Button>
            {me.capabilities.monitoring.createMonitorings && (
              <Button component={Link} to={`/monitoring/campaigns?setId=${s.id}&new=1`} variant="light">
                Создать мониторинг
              </Button>
            )}
            {me.capabilities.monitoring.createSets && (
              <Button variant="default" onClick={() => setCopying(true)}>
                Копировать
              </Button>
            )}
            <Button variant="default" onClick={exportCsv}>
              Скачать XLSX
            </Button>
          </>
        }
      />

      <Group gap="xs">
        <Badge variant="light" size="lg" data-testid="indicator-count">
          {list.length} показателей
        </Badge>
        <Badge variant="light" color="teal" size="lg">
          рассчитываются: {list.length - manualCount}
        </Badge>
        <Badge variant="light" color="grape" size="lg">
          вручную: {manualCount}
        </Badge>
      </Group>

      <Tabs defaultValue="indicators" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="indicators">Показатели</Tabs.Tab>
          <Tabs.Tab value="manual">Ручные значения</Tabs.Tab>
          {s.schedule.length > 0 && <Tabs.Tab value="schedule">График мониторинга</Tabs.Tab>}
        </Tabs.List>

        <Tabs.Panel value="indicators" pt="md">
          <Stack gap="sm">
            <Paper withBorder p="sm">
              <Group align="flex-end" gap="sm" wrap="wrap">
                <TextInput
                  type="date"
                  label="На дату"
                  value={asOf}
                  onChange={(e) => f.set({ asOf: e.currentTarget.value })}
                  w={160}
                />
                <TextInput
                  type="date"
                  label="Период с"
                  value={periodStart}
                  onChange={(e) => f.set({ from: e.currentTarget.value })}
                  w={160}
                />
                <TextInput
                  type="date"
                  label="Период по"
                  value={periodEnd}
                  onChange={(e) => f.set({ to: e.currentTarget.value })}
                  w={160}
                />
                <Button
                  onClick={() => (computeOn ? values.refetch() : setComputeOn(true))}
                  loading={values.isFetching}
                  variant={computeOn ? 'light' : 'filled'}
                >
                  {computeOn ? 'Пересчитать' : 'Рассчитать значения'}
                </Button>
                <Text size="xs" c="dimmed" maw={420}>
                  Значения считаются по данным реестра на дату; события (аттестации, курсы, маршруты) — за
                  период. Цвет — сравнение с целевым значением года даты.
                </Text>
              </Group>
              <ErrorAlert error={values.error} title="Не удалось рассчитать значения" />
              {values.data && (
                <Text size="sm" c="dimmed" mt="xs" data-testid="values-source">
                  Значения: {figuresSourceText({ kind: 'live', name: null, asOf: values.data.asOf })} · период{' '}
                  {formatDate(values.data.periodStart)} — {formatDate(values.data.periodEnd)}.
                </Text>
              )}
            </Paper>

            {list.length === 0 ? (
              <Paper withBorder>
                <Empty
                  title="В наборе нет показателей"
                  description={
                    canEdit
                      ? 'Добавьте показатель: формула строится из мер платформы, цели задаются по годам.'
                      : 'Показатели добавляет методист.'
                  }
                  actions={
                    canEdit ? <Button onClick={() => setEditing('new')}>Новый показатель</Button> : undefined
                  }
                />
              </Paper>
            ) : (
              <>
                {criterionKeys.length > 1 && (
                  <Group justify="flex-end">
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      onClick={() => setFolded(folded.size > 0 ? new Set() : new Set(criterionKeys))}
                    >
                      {folded.size > 0 ? 'Развернуть все критерии' : 'Свернуть все критерии'}
                    </Button>
                  </Group>
                )}
                <TableCard loading={false} minWidth={1040}>
                  <Table verticalSpacing="xs" fz="sm" aria-label="Показатели набора" withColumnBorders>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th w={56}>Код</Table.Th>
                        <Table.Th>Показатель и формула</Table.Th>
                        <Table.Th w={70}>Ед.</Table.Th>
                        {years.map((y) => (
                          <Table.Th key={y} w={64} ta="right">
                            {y}
                          </Table.Th>
                        ))}
                        <Table.Th w={130} ta="right">
                          Значение
                        </Table.Th>
                        <Table.Th w={120}>Расчёт</Table.Th>
                        {canEdit && <Table.Th w={96} />}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {groups.map((g) => (
                        <Fragment key={`t:${g.track}`}>
                          {g.track && (
                            <Table.Tr bg="gray.1">
                              <Table.Td colSpan={cols}>
                                <Text fw={700} size="sm">
                                  {g.track}
                                </Text>
                              </Table.Td>
                            </Table.Tr>
                          )}
                          {g.criteria.map((c) => {
                            const key = `c:${g.track}:${c.criterion}`;
                            const isFolded = Boolean(c.criterion) && folded.has(key);
                            return (
                              <Fragment key={key}>
                                {c.criterion && (
                                  <Table.Tr bg="gray.0">
                                    <Table.Td colSpan={cols} p={0}>
                                      <UnstyledButton
                                        onClick={() => toggle(key)}
                                        aria-expanded={!isFolded}
                                        w="100%"
                                        px="xs"
                                        py={6}
                                      >
                                        <Text fw={600} size="sm" c="dark.6">
                                          {isFolded ? '▸' : '▾'} {c.criterion}
                                          {isFolded
                                            ? ` · ${c.items.length} ${plural(c.items.length, 'показатель', 'показателя', 'показателей')}`
                                            : ''}
                                        </Text>
                                      </UnstyledButton>
                                    </Table.Td>
                                  </Table.Tr>
                                )}
                                {!isFolded &&
                                  c.items.map((i) => {
                                    const v = computedOf(i);
                                    const pop = populationInWords(i.population);
                                    return (
                                      <Table.Tr key={i.id} data-testid="indicator-row" data-code={i.code}>
                                        <Table.Td fw={600}>{i.code}</Table.Td>
                                        <Table.Td>
                                          <Text size="sm">{i.name}</Text>
                                          <FormulaText text={formulaInWords(i.formula, measureMap, labels)} />
                                          {pop && (
                                            <Text size="xs" c="dimmed" lineClamp={1} title={pop}>
                                              Кого считать: {pop}
                                            </Text>
                                          )}
                                          {i.dataSource && (
                                            <Text size="xs" c="dimmed" lineClamp={1} title={i.dataSource}>
                                              Источник: {i.dataSource}
                                            </Text>
                                          )}
                                        </Table.Td>
                                        <Table.Td>
                                          <Text size="sm" title={DIRECTIONS[i.direction]}>
                                            {i.unit} {DIRECTION_ARROWS[i.direction]}
                                          </Text>
                                        </Table.Td>
                                        {years.map((y) => {
                                          const t = i.targets.find((x) => x.year === y);
                                          return (
                                            <Table.Td key={y} ta="right" data-testid={`target-${y}`}>
                                              {t ? formatNumber(t.value, 2) : '—'}
                                            </Table.Td>
                                          );
                                        })}
                                        <Table.Td ta="right" data-testid="indicator-value">
                                          {v ? (
                                            <ValueCell
                                              value={v.value}
                                              unit={i.unit}
                                              status={v.status}
                                              message={v.message}
                                              targetStatus={v.targetStatus}
                                              numerator={i.formula.kind === 'share' ? v.numerator : null}
                                              denominator={i.formula.kind === 'share' ? v.denominator : null}
                                            />
                                          ) : null}
                                          {v && v.sliceCounts.organization > 0 && i.derived && (
                                            <Anchor
                                              component="button"
                                              type="button"
                                              size="xs"
                                              onClick={() =>
                                                setSlicesOf({
                                                  indicatorId: i.id,
                                                  code: i.code,
                                                  name: i.name,
                                                  unit: i.unit,
                                                  derived: i.derived,
                                                  counts: v.sliceCounts,
                                                })
                                              }
                                              aria-label={`${i.code}: значения по организациям`}
                                            >
                                              по организациям:{' '}
                                              {v.sliceCounts.organization.toLocaleString('ru-RU')}
                                            </Anchor>
                                          )}
                                          {v ? null : (
                                            <Text size="xs" c="dimmed">
                                              {computeOn ? '…' : '—'}
                                            </Text>
                                          )}
                                        </Table.Td>
                                        <Table.Td>
                                          <ManualBadge indicator={i} />
                                        </Table.Td>
                                        {canEdit && (
                                          <Table.Td>
                                            <Stack gap={4} align="flex-start">
                                              <Button
                                                size="compact-xs"
                                                variant="light"
                                                onClick={() => setEditing(i)}
                                                aria-label={`Изменить показатель ${i.code}`}
                                              >
                                                Изменить
                                              </Button>
                                              <Button
                                                size="compact-xs"
                                                variant="subtle"
                                                color="red"
                                                onClick={() => setRemoving(i)}
                                                aria-label={`Удалить показатель ${i.code}`}
                                              >
                                                Удалить
                                              </Button>
                                            </Stack>
                                          </Table.Td>
                                        )}
                                      </Table.Tr>
                                    );
                                  })}
                              </Fragment>
                            );
                          })}
                        </Fragment>
                      ))}
                    </Table.Tbody>
                  </Table>
                </TableCard>
              </>
            )}
            {canEdit && list.length > 0 && (
              <Group>
                <Button variant="light" onClick={() => setEditing('new')}>
                  Новый показатель
                </Button>
                <Button variant="subtle" color="red" onClick={() => setDeleting(true)}>
                  Удалить набор
                </Button>
              </Group>
            )}
          </Stack>
        </Tabs.Panel>

        <Tabs.Panel value="manual" pt="md">
          <ManualValues
            indicators={list}
            periodStart={periodStart}
            periodEnd={periodEnd}
            canEdit={me.capabilities.monitoring.enterManualValues}
          />
        </Tabs.Panel>

        {s.schedule.length > 0 && (
          <Tabs.Panel value="schedule" pt="md">
            <Section
              title="График мониторинга"
              actions={
                <Button
                  size="xs"
                  variant="default"
                  onClick={() =>
                    saveXlsx(
                      `график-${s.code}.xlsx`,
                      ['Направление', 'Что', 'Сроки', 'Ответственные', 'Использование результатов'],
                      s.schedule.map((x) => [x.track, x.what, x.timing, x.responsible, x.useOfResults]),
                    )
                  }
                >
                  Скачать XLSX
                </Button>
              }
            >
              <Paper withBorder>
                <Table fz="sm" striped aria-label="График мониторинга">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Направление</Table.Th>
                      <Table.Th>Что</Table.Th>
                      <Table.Th>Сроки</Table.Th>
                      <Table.Th>Ответственные</Table.Th>
                      <Table.Th>Использование результатов</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {s.schedule.map((x, n) => (
                      <Table.Tr key={x.id ?? n}>
                        <Table.Td>{x.track}</Table.Td>
                        <Table.Td>{x.what}</Table.Td>
                        <Table.Td>{x.timing}</Table.Td>
                        <Table.Td>{x.responsible}</Table.Td>
                        <Table.Td>{x.useOfResults}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Paper>
            </Section>
          </Tabs.Panel>
        )}
      </Tabs>

      {values.data && (
        <SlicesModal
          key={slicesOf?.indicatorId ?? ''}
          setId={s.id}
          dates={{
            asOf: values.data.asOf,
            periodStart: values.data.periodStart,
            periodEnd: values.data.periodEnd,
          }}
          target={slicesOf}
          onClose={() => setSlicesOf(null)}
        />
      )}
      {editing && (
        <IndicatorEditor
          setId={s.id}
          indicator={editing === 'new' ? null : editing}
          position={(list.at(-1)?.position ?? 0) + 1}
          onClose={() => setEditing(null)}
        />
      )}
      <ModalForm
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title="Удалить показатель?"
        size="md"
        initialValues={() => ({})}
        submit={() => deleteIndicator(removing?.id ?? '')}
        onSuccess={() => afterIndicatorChanged(qc)}
        submitLabel="Удалить"
        submitColor="red"
        errorTitle="Показатель не удалён"
      >
        {() => (
          <Text size="sm">
            {removing?.code} {removing?.name}. Закрытые мониторинги сохранят свои значения.
          </Text>
        )}
      </ModalForm>
      <ModalForm
        opened={deleting}
        onClose={() => setDeleting(false)}
        title="Удалить набор?"
        size="md"
        initialValues={() => ({})}
        submit={() => deleteSet(s.id)}
        onSuccess={() => {
          // Leave first: the deleted set's card is then not asked for again.
          navigate('/monitoring/indicators');
          return afterSetsChanged(qc);
        }}
        submitLabel="Удалить набор"
        submitColor="red"
        errorTitle="Набор не удалён"
      >
        {() => <Text size="sm">Набор, по которому уже проводился мониторинг, удалить нельзя.</Text>}
      </ModalForm>
      {copying && (
        <SetFormDialog
          opened
          onClose={() => setCopying(false)}
          copyOf={{ id: s.id, code: s.code, name: s.name }}
        />
      )}
    </Stack>
  );
}
