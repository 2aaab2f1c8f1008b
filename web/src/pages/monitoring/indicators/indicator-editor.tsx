import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  MultiSelect,
  NativeSelect,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import {
  afterIndicatorChanged,
  type Formula,
  type FormulaKind,
  type Indicator,
  type IndicatorInput,
  type MeasureDef,
  type MeasureParam,
  type MeasureRef,
  type ParamValue,
  type Population,
  saveIndicator,
  type Target,
  useFormulaCheck,
  useMeasures,
} from '../../../api/monitoring.ts';
import { ModalForm } from '../../../components/modal-form.tsx';
import { ORG_KIND_OPTIONS } from '../../../lib/words.ts';
import {
  DIRECTIONS,
  EMPLOYMENT,
  FORMULA_KINDS,
  formulaInWords,
  MEASURE_MODULES,
  STAFF,
} from '../monitoring-words.ts';

const EMPTY_REF: MeasureRef = { measure: '' };

function blankFormula(kind: FormulaKind, prev?: Formula): Formula {
  const refs: MeasureRef[] =
    prev && 'numerator' in prev ? [prev.numerator, prev.denominator] : prev && 'of' in prev ? [prev.of] : [];
  const a = refs[0] ?? EMPTY_REF;
  const b = refs[1] ?? EMPTY_REF;
  switch (kind) {
    case 'share':
      return { kind, numerator: a, denominator: b };
    case 'ratio':
      return { kind, numerator: a, denominator: b, per: 1 };
    case 'count':
      return { kind, of: a };
    case 'sum':
      return { kind, terms: refs.length ? refs : [EMPTY_REF] };
    default:
      return { kind: 'manual', measure: '' };
  }
}

/** One parameter input, by the type the measure declares. */
function ParamInput({
  param,
  value,
  onChange,
}: {
  param: MeasureParam;
  value: ParamValue | undefined;
  onChange: (v: ParamValue | undefined) => void;
}) {
  const opts = param.options ?? [];
  if (param.type === 'boolean') {
    return (
      <NativeSelect
        label={param.label}
        size="xs"
        data={[
          { value: '', label: 'не важно' },
          { value: 'true', label: 'да' },
          { value: 'false', label: 'нет' },
        ]}
        value={value === undefined ? '' : String(value)}
        onChange={(e) => {
          const v = e.currentTarget.value;
          onChange(v === '' ? undefined : v === 'true');
        }}
      />
    );
  }
  if (param.type === 'number') {
    return (
      <NumberInput
        label={param.label}
        size="xs"
        value={typeof value === 'number' ? value : ''}
        onChange={(v) => onChange(typeof v === 'number' ? v : undefined)}
        allowDecimal
      />
    );
  }
  if (param.type === 'enum[]' || Array.isArray(value)) {
    return (
      <MultiSelect
        label={param.label}
        size="xs"
        data={opts}
        value={Array.isArray(value) ? value : []}
        onChange={(v) => onChange(v.length ? v : undefined)}
        searchable
      />
    );
  }
  if (opts.length > 0) {
    return (
      <NativeSelect
        label={param.label}
        size="xs"
        data={[{ value: '', label: '—' }, ...opts]}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => onChange(e.currentTarget.value || undefined)}
      />
    );
  }
  return (
    <TextInput
      label={param.label}
      size="xs"
      value={typeof value === 'string' ? value : value === undefined ? '' : String(value)}
      onChange={(e) => onChange(e.currentTarget.value || undefined)}
    />
  );
}

/** A measure with its parameters. */
function RefEditor({
  label,
  value,
  onChange,
  measures,
  onRemove,
}: {
  label: string;
  value: MeasureRef;
  onChange: (r: MeasureRef) => void;
  measures: MeasureDef[];
  onRemove?: () => void;
}) {
  const def = measures.find((m) => m.code === value.measure);
  const data = useMemo(() => {
    const groups = new Map<string, { value: string; label: string }[]>();
    for (const m of measures) {
      const g = groups.get(m.module) ?? [];
      g.push({ value: m.code, label: `${m.label} (${m.code})` });
      groups.set(m.module, g);
    }
    return [...groups.entries()].map(([group, items]) => ({ group: MEASURE_MODULES[group] ?? group, items }));
  }, [measures]);
  return (
    <Paper withBorder p="xs">
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <Select
          label={label}
          size="xs"
          data={data}
          value={value.measure || null}
          onChange={(v) => onChange({ measure: v ?? '', population: value.population })}
          searchable
          placeholder="Выберите меру"
          style={{ flex: 1 }}
          nothingFoundMessage="Мера не найдена"
        />
        {onRemove && (
          <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={`Убрать: ${label}`}>
            ×
          </ActionIcon>
        )}
      </Group>
      {def && def.params.length > 0 && (
        <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs" spacing="xs">
          {def.params.map((p) => (
            <ParamInput
              key={p.name}
              param={p}
              value={value.params?.[p.name]}
              onChange={(v) => {
                const params = { ...(value.params ?? {}) };
                if (v === undefined) delete params[p.name];
                else params[p.name] = v;
                onChange({ ...value, params });
              }}
            />
          ))}
        </SimpleGrid>
      )}
    </Paper>
  );
}

/** The formula builder: the kind, then the measures it reads. */
function FormulaBuilder({
  formula,
  onChange,
  measures,
}: {
  formula: Formula;
  onChange: (f: Formula) => void;
  measures: MeasureDef[];
}) {
  const derivedMeasures = measures.filter((m) => !m.code.startsWith('manual:'));
  const manualMeasures = measures.filter((m) => m.code.startsWith('manual:'));
  return (
    <Stack gap="xs">
      <NativeSelect
        label="Вид формулы"
        data={Object.entries(FORMULA_KINDS).map(([value, label]) => ({ value, label }))}
        value={formula.kind}
        onChange={(e) => onChange(blankFormula(e.currentTarget.value as FormulaKind, formula))}
        w={260}
      />
      {(formula.kind === 'share' || formula.kind === 'ratio') && (
        <>
          <RefEditor
            label="Числитель"
            value={formula.numerator}
            measures={measures}
            onChange={(r) => onChange({ ...formula, numerator: r })}
          />
          <RefEditor
            label="Знаменатель"
            value={formula.denominator}
            measures={measures}
            onChange={(r) => onChange({ ...formula, denominator: r })}
          />
          {formula.kind === 'ratio' && (
            <NumberInput
              label="Множитель (на сколько)"
              w={200}
              size="xs"
              value={formula.per ?? 1}
              onChange={(v) => onChange({ ...formula, per: typeof v === 'number' ? v : 1 })}
            />
          )}
        </>
      )}
      {formula.kind === 'count' && (
        <RefEditor
          label="Что считать"
          value={formula.of}
          measures={measures}
          onChange={(r) => onChange({ ...formula, of: r })}
        />
      )}
      {formula.kind === 'sum' && (
        <>
          {formula.terms.map((t, i) => (
            <RefEditor
              // biome-ignore lint/suspicious/noArrayIndexKey: terms are edited in place by position
              key={i}
              label={`Слагаемое ${i + 1}`}
              value={t}
              measures={measures}
              onChange={(r) =>
                onChange({ ...formula, terms: formula.terms.map((x, j) => (j === i ? r : x)) })
              }
              onRemove={
                formula.terms.length > 1
                  ? () => onChange({ ...formula, terms: formula.terms.filter((_, j) => j !== i) })
                  : undefined
              }
            />
          ))}
          <Button
            size="xs"
            variant="light"
            w="fit-content"
            onClick={() => onChange({ ...formula, terms: [...formula.terms, EMPTY_REF] })}
          >
            Добавить слагаемое
          </Button>
        </>
      )}
      {formula.kind === 'manual' && (
        <Select
          label="Ручная мера"
          description="Значение вводится методистом или собирается формой; код начинается с manual:"
          data={manualMeasures.map((m) => ({ value: m.code, label: `${m.label} (${m.code})` }))}
          value={formula.measure || null}
          onChange={(v) => onChange({ kind: 'manual', measure: v ?? '' })}
          searchable
          placeholder="manual:…"
          nothingFoundMessage="Нет такой ручной меры"
        />
      )}
      {derivedMeasures.length === 0 && (
        <Text size="xs" c="dimmed">
          Список мер загружается…
        </Text>
      )}
    </Stack>
  );
}

interface Draft extends IndicatorInput {}

function toDraft(i: Indicator | null, position: number): Draft {
  return {
    code: i?.code ?? '',
    name: i?.name ?? '',
    track: i?.track ?? '',
    criterion: i?.criterion ?? '',
    position: i?.position ?? position,
    formula: i?.formula ?? { kind: 'share', numerator: EMPTY_REF, denominator: EMPTY_REF },
    population: i?.population ?? {},
    unit: i?.unit ?? '%',
    direction: i?.direction ?? 'up',
    dataSource: i?.dataSource ?? '',
    method: i?.method ?? '',
    representativeness: i?.representativeness ?? '',
    periodicity: i?.periodicity ?? '',
    responsible: i?.responsible ?? '',
    baselineValue: i?.baselineValue ?? null,
    baselineYear: i?.baselineYear ?? null,
    notes: i?.notes ?? '',
    targets: i?.targets ?? [],
  };
}

/** Create or edit one indicator: texts, formula, population, targets; the server validates the formula. */
export function IndicatorEditor({
  setId,
  indicator,
  position,
  onClose,
}: {
  setId: string;
  indicator: Indicator | null;
  position: number;
  onClose: () => void;
}) {
  const qc = useQueryClient();
  return (
    <ModalForm
      opened
      onClose={onClose}
      title={indicator ? `Показатель ${indicator.code}` : 'Новый показатель'}
      size="xl"
      initialValues={() => toDraft(indicator, position)}
      validate={(d) => ({
        code: d.code.trim() ? null : 'Укажите код показателя',
        name: d.name.trim() ? null : 'Укажите наименование показателя',
      })}
      submit={(d) => saveIndicator(setId, indicator, d)}
      onSuccess={() => afterIndicatorChanged(qc)}
      errorTitle="Показатель не сохранён"
    >
      {(form) => <IndicatorFields form={form} />}
    </ModalForm>
  );
}

function IndicatorFields({ form }: { form: UseFormReturnType<Draft> }) {
  const measures = useMeasures();
  const d = form.values;
  const setPop = (p: Population) => form.setFieldValue('population', p);
  const measureMap = useMemo(() => new Map((measures.data ?? []).map((m) => [m.code, m])), [measures.data]);

  // The formula is checked as it is built: the methodist sees the issues before saving.
  const [check] = useDebouncedValue({ formula: d.formula, population: d.population }, 500);
  const validation = useFormulaCheck(check);

  const targets = d.targets.slice().sort((a, b) => a.year - b.year);
  const setTarget = (i: number, t: Partial<Target>) =>
    form.setFieldValue(
      'targets',
      targets.map((x, j) => (j === i ? { ...x, ...t } : x)),
    );
  const issues = validation.data?.issues ?? [];

  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="xs">
        <TextInput label="Код" required {...form.getInputProps('code')} />
        <TextInput label="Единица" {...form.getInputProps('unit')} />
        <NativeSelect
          label="Желаемое направление"
          data={Object.entries(DIRECTIONS).map(([value, label]) => ({ value, label }))}
          {...form.getInputProps('direction')}
        />
        <NumberInput
          label="Порядок"
          allowDecimal={false}
          {...form.getInputProps('position')}
          onChange={(v) => form.setFieldValue('position', typeof v === 'number' ? v : 0)}
        />
      </SimpleGrid>
      <Textarea label="Наименование" required autosize minRows={2} {...form.getInputProps('name')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        <TextInput label="Трек / направление" {...form.getInputProps('track')} />
        <TextInput label="Критерий" {...form.getInputProps('criterion')} />
      </SimpleGrid>

      <Title order={3} size="h5">
        Формула
      </Title>
      <FormulaBuilder
        formula={d.formula}
        onChange={(f) => form.setFieldValue('formula', f)}
        measures={measures.data ?? []}
      />
      <Text size="sm" c="dimmed" data-testid="formula-words">
        {formulaInWords(d.formula, measureMap)}
      </Text>
      {issues.length > 0 ? (
        <Alert color="orange" title="Формулу нужно исправить" role="alert">
          <List size="sm">
            {issues.map((i) => (
              <List.Item key={`${i.path}:${i.message}`}>{i.message}</List.Item>
            ))}
          </List>
        </Alert>
      ) : (
        validation.data?.ok && (
          <Text size="sm" c="teal.8">
            Формула проверена: ошибок нет.
          </Text>
        )
      )}

      <Title order={3} size="h5">
        Кого считать
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        <NativeSelect
          label="Работники"
          data={Object.entries(STAFF).map(([value, label]) => ({ value, label }))}
          value={d.population.staff ?? 'pedagogical'}
          onChange={(e) => setPop({ ...d.population, staff: e.currentTarget.value as Population['staff'] })}
        />
        <NativeSelect
          label="Места работы"
          data={Object.entries(EMPLOYMENT).map(([value, label]) => ({ value, label }))}
          value={d.population.employment ?? 'main'}
          onChange={(e) =>
            setPop({ ...d.population, employment: e.currentTarget.value as Population['employment'] })
          }
        />
        <MultiSelect
          label="Типы организаций"
          placeholder="все"
          data={ORG_KIND_OPTIONS}
          value={d.population.orgKinds ?? []}
          onChange={(v) => setPop({ ...d.population, orgKinds: v.length ? v : undefined })}
        />
      </SimpleGrid>

      <Title order={3} size="h5">
        Целевые значения
      </Title>
      <Table withTableBorder fz="sm" aria-label="Целевые значения по годам" maw={420}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Год</Table.Th>
            <Table.Th>Значение</Table.Th>
            <Table.Th w={40} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {targets.map((t, i) => (
            <Table.Tr key={t.year}>
              <Table.Td>
                <NumberInput
                  size="xs"
                  aria-label="Год"
                  value={t.year}
                  onChange={(v) => typeof v === 'number' && setTarget(i, { year: v })}
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  size="xs"
                  aria-label={`Цель на ${t.year} год`}
                  value={t.value}
                  decimalSeparator=","
                  onChange={(v) => setTarget(i, { value: typeof v === 'number' ? v : Number.NaN })}
                />
              </Table.Td>
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Удалить цель на ${t.year} год`}
                  onClick={() =>
                    form.setFieldValue(
                      'targets',
                      targets.filter((_, j) => j !== i),
                    )
                  }
                >
                  ×
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Button
        size="xs"
        variant="light"
        w="fit-content"
        onClick={() => {
          const last = targets.at(-1)?.year ?? new Date().getFullYear() - 1;
          form.setFieldValue('targets', [...targets, { year: last + 1, value: targets.at(-1)?.value ?? 0 }]);
        }}
      >
        Добавить год
      </Button>

      <Title order={3} size="h5">
        Источник и порядок сбора
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        <Textarea label="Источник данных" autosize {...form.getInputProps('dataSource')} />
        <Textarea label="Метод сбора" autosize {...form.getInputProps('method')} />
        <Textarea label="Репрезентативность" autosize {...form.getInputProps('representativeness')} />
        <TextInput label="Периодичность" {...form.getInputProps('periodicity')} />
        <TextInput label="Ответственный" {...form.getInputProps('responsible')} />
        <Group gap="xs" grow>
          {/* Bound for the server's messages; an emptied number is null, not «». */}
          <NumberInput
            label="Базовое значение"
            {...form.getInputProps('baselineValue')}
            value={d.baselineValue ?? ''}
            onChange={(v) => form.setFieldValue('baselineValue', typeof v === 'number' ? v : null)}
          />
          <NumberInput
            label="Год базы"
            allowDecimal={false}
            {...form.getInputProps('baselineYear')}
            value={d.baselineYear ?? ''}
            onChange={(v) => form.setFieldValue('baselineYear', typeof v === 'number' ? v : null)}
          />
        </Group>
      </SimpleGrid>
      <Textarea label="Примечания" autosize {...form.getInputProps('notes')} />
      <Checkbox
        readOnly
        checked={d.formula.kind !== 'manual' && !JSON.stringify(d.formula).includes('manual:')}
        label="Рассчитывается платформой (нет ручных мер в формуле)"
      />
    </>
  );
}
