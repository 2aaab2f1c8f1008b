import { sql } from 'drizzle-orm';
import { normWord } from '../platform/import/cells.ts';
import type { ColumnSpec, ImportIssue, RowOutcome } from '../platform/import/import.types.ts';
import { findRepeats, type Importer, type Prepared } from '../platform/import/importer.ts';
import type { RowReader } from '../platform/import/row-reader.ts';
import { type EventWrite, insertEvent, type PlanDb } from './events.repository.ts';
import {
  EVENT_KINDS,
  EVENT_LEVELS,
  type EventKind,
  type EventLevel,
  guessKind,
  parsePeriod,
  parsePlannedResult,
} from './events.vocabulary.ts';

/**
 * Import of a plan of events in the shape of 001 Table 2: «№ п/п», «Период реализации»,
 * «Наименование мероприятия», «ФИО, должность ответственного», «Прогнозируемый результат»,
 * and optional columns the table does not have (вид, уровень, даты, место, мест).
 * A row matches an event of the plan by its number (or, without one, by its name).
 */
export const PLAN_COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'number',
    header: '№ п/п',
    aliases: ['№', 'номер', 'n п/п'],
    required: false,
    example: '2.1.',
    help: 'Номер пункта плана',
    type: 'text',
  },
  {
    key: 'period',
    header: 'Период реализации',
    aliases: ['сроки', 'срок', 'период', 'сроки проведения', 'сроки реализации'],
    required: true,
    example: 'октябрь–ноябрь',
    help: 'Дата (ДД.ММ.ГГГГ), месяц или месяцы («октябрь–ноябрь»), «в течение года» или текст как в плане',
  },
  {
    key: 'title',
    header: 'Наименование мероприятия',
    aliases: ['мероприятие', 'название', 'наименование'],
    required: true,
    example: 'Семинар «Функциональная грамотность: разбор заданий»',
    help: 'Название мероприятия',
  },
  {
    key: 'responsible',
    header: 'ФИО, должность ответственного',
    aliases: ['ответственный', 'ответственные', 'фио ответственного'],
    required: false,
    example: 'Иванова И.И., методист',
    help: 'Как в плане',
  },
  {
    key: 'result',
    header: 'Прогнозируемый результат',
    aliases: [
      'прогнозируемый результат (количественные характеристики результата)',
      'планируемый результат',
      'результат',
    ],
    required: false,
    example: 'Не менее 70 % молодых педагогов',
    help: '«не менее N % группы», «не менее N участников», «N протоколов» — число будет сопоставлено с участием',
  },
  {
    key: 'kind',
    header: 'Вид',
    aliases: ['вид мероприятия', 'форма'],
    required: false,
    example: 'семинар',
    help: `${Object.values(EVENT_KINDS).join(', ')}; если пусто — по названию`,
  },
  {
    key: 'level',
    header: 'Уровень',
    required: false,
    example: 'муниципальный',
    help: `${Object.values(EVENT_LEVELS).join(', ')}; если пусто — уровень плана`,
  },
  {
    key: 'startsOn',
    header: 'Дата начала',
    required: false,
    example: '15.10.2026',
    help: 'ДД.ММ.ГГГГ; если пусто — по периоду',
    type: 'date',
  },
  {
    key: 'endsOn',
    header: 'Дата окончания',
    required: false,
    example: '15.10.2026',
    help: 'ДД.ММ.ГГГГ',
    type: 'date',
  },
  {
    key: 'place',
    header: 'Место проведения',
    aliases: ['место'],
    required: false,
    example: 'МБОУ «СОШ № 1»',
    help: 'Адрес или организация',
  },
  {
    key: 'capacity',
    header: 'Количество мест',
    aliases: ['мест'],
    required: false,
    example: 40,
    help: 'Пусто — без ограничения',
    type: 'number',
  },
];

export const PLAN_TEMPLATE = {
  sheet: 'План мероприятий',
  file: 'plan-meropriyatiy',
  notes: [
    'Таблица в форме «Планирование мероприятий»: № п/п, период реализации, наименование, ответственный, прогнозируемый результат.',
    'Строки разделов (только номер и название) и строка нумерации столбцов пропускаются.',
  ],
};

const KIND_EXTRA: Partial<Record<string, EventKind>> = {
  'заседание гмо': 'association_meeting',
  'заседание шмо': 'association_meeting',
  'методическая неделя': 'methodical_week',
  'методический день': 'methodical_week',
  конкурс: 'contest',
  другое: 'other',
};
const LEVEL_EXTRA: Partial<Record<string, EventLevel>> = {
  институциональный: 'institutional',
  'уровень оо': 'institutional',
  школьный: 'institutional',
};

interface PlanRowParsed {
  rowNumber: number;
  write: EventWrite;
}

/** A heading of a section («1. Создание …») or the columns' numbering row («1 2 3 4 5»), not an event. */
function isHeading(r: RowReader): boolean {
  const cells = ['number', 'period', 'title', 'responsible', 'result'].map((k) => r.raw(k).trim());
  if (cells.every((c, i) => c === '' || c === String(i + 1))) return true;
  const [number, period, , responsible, result] = cells;
  return /^\d+\.?$/.test(number!) && !period && !responsible && !result;
}

function readRow(r: RowReader, plan: PlanDb, warnings: ImportIssue[]): PlanRowParsed | null {
  const number = r.text('number', { max: 20 }) ?? null;
  const periodText = r.text('period', { required: true, max: 200 }) ?? null;
  const title = r.text('title', { required: true, max: 1000 });
  const responsibleText = r.text('responsible', { max: 500 }) ?? null;
  const resultText = r.text('result', { max: 2000 }) ?? null;
  let kind = r.word('kind', EVENT_KINDS, { extra: KIND_EXTRA }) ?? null;
  const level =
    r.word('level', EVENT_LEVELS, { extra: LEVEL_EXTRA }) ??
    (plan.level === 'municipal' ? 'municipal' : 'institutional');
  let startsOn = r.date('startsOn') ?? null;
  let endsOn = r.date('endsOn') ?? null;
  const place = r.text('place', { max: 500 }) ?? null;
  const capacity = r.number('capacity', { integer: true, positive: true }) ?? null;
  if (!r.ok || !title) return null;
  if (!kind && r.raw('kind') === '') {
    kind = guessKind(title);
    if (!kind) {
      kind = 'other';
      warnings.push({
        row: r.rowNumber,
        column: r.header('kind'),
        value: null,
        message: 'Вид не указан и не распознан по названию — записано «другое мероприятие»',
      });
    }
  }
  if (!startsOn && periodText) {
    const d = parsePeriod(periodText, plan.school_year);
    if (d) ({ startsOn, endsOn } = d);
  }
  if (startsOn && !endsOn) endsOn = startsOn;
  if (startsOn && endsOn && endsOn < startsOn) return r.fail('endsOn', 'Дата окончания раньше даты начала');
  if (!startsOn && endsOn) return r.fail('startsOn', 'Укажите дату начала');
  if (startsOn) {
    const from = `${plan.school_year}-09-01`;
    const to = `${plan.school_year + 1}-08-31`;
    if (startsOn < from || startsOn > to)
      return r.fail(
        'startsOn',
        `Дата вне учебного года плана (${plan.school_year}/${plan.school_year + 1})`,
        startsOn,
      );
  }
  return {
    rowNumber: r.rowNumber,
    write: {
      number,
      title,
      description: null,
      kind: kind!,
      level,
      organizerOrganizationId: plan.organization_id,
      responsiblePersonId: null,
      responsibleText,
      periodText,
      startsOn,
      endsOn,
      startTime: null,
      endTime: null,
      place,
      onlineUrl: null,
      target: {},
      capacity,
      registrationOpensOn: null,
      registrationClosesOn: null,
      waitlistCutoffOn: null,
      requiresApproval: false,
      plannedResult: resultText ? parsePlannedResult(resultText) : null,
      plannedResultText: resultText,
    },
  };
}

const keyOf = (w: { number: string | null; title: string }) =>
  w.number ? `n:${normWord(w.number).replace(/\.$/, '')}` : `t:${normWord(w.title)}`;

/** The plan's importer: its rows become the plan's events (created, or updated by number / name). */
export function planImporter(plan: PlanDb): Importer<'event_plan'> {
  return {
    kind: 'event_plan',
    columns: PLAN_COLUMNS,
    roles: ['admin', 'municipal_methodist', 'org_head'],
    forbidden: 'План мероприятий загружают методисты и руководители организаций.',
    template: PLAN_TEMPLATE,
    conflict: 'План изменили во время загрузки. Повторите загрузку.',
    auditDetails: { planId: plan.id },
    async prepare(tx, ctx, readers): Promise<Prepared> {
      const warnings: ImportIssue[] = [];
      const parsed: PlanRowParsed[] = [];
      for (const r of readers) {
        if (isHeading(r)) {
          if (r.raw('title').trim())
            warnings.push({
              row: r.rowNumber,
              column: null,
              value: r.raw('title'),
              message: 'Строка раздела плана пропущена',
            });
          continue;
        }
        const row = readRow(r, plan, warnings);
        if (row) parsed.push(row);
      }
      const byRow = new Map(readers.map((r) => [r.rowNumber, r]));
      for (const { item, first } of findRepeats(parsed, (p) => keyOf(p.write))) {
        byRow
          .get(item.rowNumber)!
          .fail(
            item.write.number ? 'number' : 'title',
            `Мероприятие с этим ${item.write.number ? 'номером' : 'названием'} уже есть в строке ${first.rowNumber}`,
          );
      }
      const lock = ctx.lock ? sql`FOR UPDATE` : sql``;
      const existing = await tx.query<{ id: string; number: string | null; title: string }>(
        sql`SELECT id, number, title FROM events WHERE plan_id = ${plan.id} ${lock}`,
      );
      const known = new Map(existing.map((e) => [keyOf(e), e.id]));
      const valid = parsed.filter((p) => byRow.get(p.rowNumber)!.ok);
      const outcomes = new Map<number, RowOutcome>();
      for (const p of valid) outcomes.set(p.rowNumber, known.has(keyOf(p.write)) ? 'updated' : 'created');
      if (readers.length > 0 && parsed.length === 0 && readers.every((r) => r.ok))
        readers[0]!.fail(null, 'В файле нет строк с мероприятиями: только заголовки разделов');
      return {
        errors: readers.flatMap((r) => r.issues),
        warnings,
        outcomes,
        async commit(db) {
          const audit = [];
          for (const p of valid) {
            const id = known.get(keyOf(p.write));
            if (id) {
              await updateImported(db, id, p.write);
              audit.push({
                action: 'update' as const,
                entity: 'event' as const,
                entityId: id,
                after: p.write,
              });
            } else {
              const newId = await insertEvent(db, plan.id, p.write);
              audit.push({
                action: 'create' as const,
                entity: 'event' as const,
                entityId: newId,
                after: p.write,
              });
            }
          }
          return audit;
        },
      };
    },
  };
}

/** An imported row changes only what the plan's table says; registration settings stay. */
async function updateImported(
  db: Parameters<Prepared['commit']>[0],
  id: string,
  e: EventWrite,
): Promise<void> {
  await db.query(sql`
    UPDATE events SET number = ${e.number}, title = ${e.title}, kind = ${e.kind}, level = ${e.level},
      responsible_text = ${e.responsibleText}, period_text = ${e.periodText}, starts_on = ${e.startsOn}::date,
      ends_on = ${e.endsOn}::date, place = COALESCE(${e.place}, place), capacity = COALESCE(${e.capacity}::int, capacity),
      planned_result = ${e.plannedResult === null ? null : JSON.stringify(e.plannedResult)}::jsonb,
      planned_result_text = ${e.plannedResultText}, updated_at = now()
    WHERE id = ${id}`);
}
