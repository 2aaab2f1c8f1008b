import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { today } from '../../platform/time/today.ts';
import { computeSet, SLICE_KINDS, type SliceKind } from '../engine/compute.ts';
import { validateFormula, ZPopulation } from '../engine/formula.ts';
import { targetStatus } from '../engine/target-status.ts';
import { MEASURES } from '../measures/registry.ts';
import { MANUAL_MEASURES } from '../presets/manual-measures.ts';
import { canEditSet, requireSetReader } from './access.ts';
import {
  copySet,
  findEditableSet,
  findIndicator,
  findSet,
  type IndicatorRow,
  type IndicatorWrite,
  insertIndicator,
  listIndicators,
  listSets,
  ownerOf,
  presentIndicator,
  replaceTargets,
  type SetRow,
  updateIndicator,
} from './indicators.repository.ts';

const tags = ['monitoring'];
const ZId = z.object({ id: z.uuid() });
const ZCode = z.string().trim().min(1).max(50);
const ZName = z.string().trim().min(1).max(1000);
const ZDate = z.iso.date();
const ZTarget = z.object({ year: z.number().int().min(2000).max(2100), value: z.number() });

const ZIndicatorFields = z.object({
  code: ZCode,
  name: ZName,
  track: z.string().max(500).default(''),
  criterion: z.string().max(1000).default(''),
  position: z.number().int().min(0).max(100_000).default(0),
  formula: z.unknown(),
  population: z.unknown().default({}),
  unit: z.string().max(50).default('%'),
  direction: z.enum(['up', 'down', 'none']).default('up'),
  dataSource: z.string().max(4000).default(''),
  method: z.string().max(4000).default(''),
  representativeness: z.string().max(4000).default(''),
  periodicity: z.string().max(1000).default(''),
  responsible: z.string().max(1000).default(''),
  baselineValue: z.number().nullable().default(null),
  baselineYear: z.number().int().min(2000).max(2100).nullable().default(null),
  notes: z.string().max(4000).default(''),
  targets: z.array(ZTarget).max(50).optional(),
});

const presentSet = (s: SetRow) => ({
  id: s.id,
  code: s.code,
  name: s.name,
  description: s.description,
  sourceDocument: s.source_document,
  presetCode: s.preset_code,
  ownerLevel: s.owner_level,
  regionId: s.region_id,
  municipalityId: s.municipality_id,
  territoryName: s.territory_name,
});

/** A formula that does not validate is refused with the Russian issues (422). */
function checkFormula(formula: unknown, population: unknown): void {
  const issues = validateFormula(formula, population);
  if (issues.length) {
    throw invalid(
      'Формула показателя задана неверно.',
      issues.map((i) => ({ path: `formula.${i.path}`, message: i.message })),
    );
  }
}

function checkTargets(targets: { year: number }[]): void {
  const years = targets.map((t) => t.year);
  if (new Set(years).size !== years.length) {
    throw invalid('Цели заданы неверно.', [{ path: 'targets', message: 'Год цели повторяется' }]);
  }
}

function toWrite(b: z.infer<typeof ZIndicatorFields>): IndicatorWrite {
  return {
    code: b.code,
    name: b.name,
    track: b.track,
    criterion: b.criterion,
    position: b.position,
    formula: b.formula,
    population: b.population ?? {},
    unit: b.unit,
    direction: b.direction,
    dataSource: b.dataSource,
    method: b.method,
    representativeness: b.representativeness,
    periodicity: b.periodicity,
    responsible: b.responsible,
    baselineValue: b.baselineValue,
    baselineYear: b.baselineYear,
    notes: b.notes,
  };
}

function fromRow(i: IndicatorRow): IndicatorWrite {
  return {
    code: i.code,
    name: i.name,
    track: i.track,
    criterion: i.criterion,
    position: i.position,
    formula: i.formula,
    population: i.population,
    unit: i.unit,
    direction: i.direction,
    dataSource: i.data_source,
    method: i.method,
    representativeness: i.representativeness,
    periodicity: i.periodicity,
    responsible: i.responsible,
    baselineValue: i.baseline_value === null ? null : Number(i.baseline_value),
    baselineYear: i.baseline_year,
    notes: i.notes,
  };
}

/** The indicator, its set, and the check that the actor may edit the set (404 / 403). */
async function editableIndicator(db: Db, actor: ReturnType<typeof actorOf>, id: string) {
  const ind = await findIndicator(db, id);
  if (!ind) throw notFound('Показатель не найден.');
  const set = await findEditableSet(db, actor, ind.set_id).catch((e) => {
    if (e?.code === 'not_found') throw notFound('Показатель не найден.');
    throw e;
  });
  return { ind, set };
}

export function registerIndicatorSetRoutes(app: App, { db }: AppDeps): void {
  const r = app;

  r.get(
    '/api/measures',
    {
      schema: {
        tags,
        summary: 'Меры, из которых строятся формулы показателей (и известные ручные меры)',
      },
    },
    async (request) => {
      requireSetReader(actorOf(request));
      return {
        items: MEASURES.map((m) => ({
          code: m.code,
          label: m.label,
          memberKind: m.memberKind,
          params: m.params,
          module: m.module,
          population: m.population,
        })),
        manual: MANUAL_MEASURES.map((m) => ({
          code: `manual:${m.code}`,
          label: m.label,
          unit: m.unit,
          // the form field the value comes from: its label, type and hint
          field: m.field.label,
          fieldType: m.field.type,
          hint: m.field.hint,
        })),
      };
    },
  );

  r.get(
    '/api/indicator-sets',
    { schema: { tags, summary: 'Наборы показателей, видимые пользователю' } },
    async (request) => {
      const actor = actorOf(request);
      requireSetReader(actor);
      const rows = await listSets(db, actor);
      return {
        items: rows.map((s) => ({
          ...presentSet(s),
          indicators: s.indicators,
          manualIndicators: s.manual,
          permissions: {
            edit: canEditSet(actor, {
              ownerLevel: s.owner_level,
              regionId: s.region_id,
              municipalityId: s.municipality_id,
            }),
          },
        })),
      };
    },
  );

  r.get(
    '/api/indicator-sets/:id',
    { schema: { tags, summary: 'Набор показателей: показатели с целями, график мониторинга', params: ZId } },
    async (request) => {
      const actor = actorOf(request);
      requireSetReader(actor);
      const set = await findSet(db, actor, request.params.id);
      const indicators = await listIndicators(db, set.id);
      const schedule = await db.query<Record<string, unknown>>(sql`
        SELECT id::text AS id, track, what, timing, responsible, use_of_results AS "useOfResults", position
        FROM monitoring_schedule_items WHERE set_id = ${set.id} ORDER BY position, id`);
      return {
        ...presentSet(set),
        indicators: indicators.map(presentIndicator),
        schedule,
        permissions: {
          edit: canEditSet(actor, {
            ownerLevel: set.owner_level,
            regionId: set.region_id,
            municipalityId: set.municipality_id,
          }),
        },
      };
    },
  );

  r.post(
    '/api/indicator-sets',
    {
      schema: {
        tags,
        summary: 'Создать пустой набор показателей своей территории',
        body: z.object({ code: ZCode, name: ZName, description: z.string().max(4000).default('') }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireSetReader(actor);
      const owner = await ownerOf(db, actor);
      const b = request.body;
      const id = await db.transaction(async (tx) => {
        const [row] = await tx.query<{ id: string }>(sql`
          INSERT INTO indicator_sets (code, name, description, owner_level, region_id, municipality_id, created_by)
          VALUES (${b.code}, ${b.name}, ${b.description}, ${owner.ownerLevel}, ${owner.regionId}, ${owner.municipalityId},
                  ${actor.userId})
          ON CONFLICT DO NOTHING RETURNING id::text AS id`);
        if (!row) throw conflict(`Набор с кодом «${b.code}» уже есть на этой территории.`);
        await writeAudit(tx, {
          actor,
          action: 'create',
          entity: 'indicator_set',
          entityId: row.id,
          after: b,
        });
        return row.id;
      });
      return reply.status(201).send({ id });
    },
  );

  r.post(
    '/api/indicator-sets/:id/copy',
    {
      schema: {
        tags,
        summary: 'Копировать набор (с показателями, целями и графиком) на свою территорию',
        params: ZId,
        body: z.object({ code: ZCode, name: ZName }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      requireSetReader(actor);
      const source = await findSet(db, actor, request.params.id);
      const owner = await ownerOf(db, actor);
      const id = await db.transaction(async (tx) => {
        const id = await copySet(tx, source, owner, request.body, actor.userId);
        if (!id) throw conflict(`Набор с кодом «${request.body.code}» уже есть на этой территории.`);
        await writeAudit(tx, {
          actor,
          action: 'create',
          entity: 'indicator_set',
          entityId: id,
          details: { copiedFrom: source.id },
        });
        return id;
      });
      return reply.status(201).send({ id });
    },
  );

  r.patch(
    '/api/indicator-sets/:id',
    {
      schema: {
        tags,
        summary: 'Изменить название, код или описание набора',
        params: ZId,
        body: z.object({
          code: ZCode.optional(),
          name: ZName.optional(),
          description: z.string().max(4000).optional(),
        }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireSetReader(actor);
      const set = await findEditableSet(db, actor, request.params.id);
      const b = request.body;
      await db.transaction(async (tx) => {
        const clash = b.code
          ? await tx.query(sql`SELECT 1 FROM indicator_sets WHERE code = ${b.code} AND id <> ${set.id}
              AND region_id IS NOT DISTINCT FROM ${set.region_id}::uuid AND municipality_id IS NOT DISTINCT FROM ${set.municipality_id}::uuid`)
          : [];
        if (clash.length) throw conflict(`Набор с кодом «${b.code}» уже есть на этой территории.`);
        await tx.query(sql`UPDATE indicator_sets SET code = ${b.code ?? set.code}, name = ${b.name ?? set.name},
          description = ${b.description ?? set.description}, updated_at = now() WHERE id = ${set.id}`);
        await writeAudit(tx, {
          actor,
          action: 'update',
          entity: 'indicator_set',
          entityId: set.id,
          before: presentSet(set),
          after: b,
        });
      });
      return presentSet(await findSet(db, actor, set.id));
    },
  );

  r.delete(
    '/api/indicator-sets/:id',
    { schema: { tags, summary: 'Удалить набор (нельзя, если по нему есть мониторинг)', params: ZId } },
    async (request, reply) => {
      const actor = actorOf(request);
      requireSetReader(actor);
      const set = await findEditableSet(db, actor, request.params.id);
      await db.transaction(async (tx) => {
        const used = await tx.query(sql`SELECT 1 FROM monitorings WHERE set_id = ${set.id} LIMIT 1`);
        if (used.length)
          throw conflict('По этому набору проводится мониторинг: удалить его нельзя, его можно скопировать.');
        await tx.query(sql`DELETE FROM indicator_sets WHERE id = ${set.id}`);
        await writeAudit(tx, {
          actor,
          action: 'delete',
          entity: 'indicator_set',
          entityId: set.id,
          before: presentSet(set),
        });
      });
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/indicator-sets/:id/indicators',
    { schema: { tags, summary: 'Добавить показатель в набор', params: ZId, body: ZIndicatorFields } },
    async (request, reply) => {
      const actor = actorOf(request);
      requireSetReader(actor);
      const set = await findEditableSet(db, actor, request.params.id);
      const b = request.body;
      checkFormula(b.formula, b.population);
      checkTargets(b.targets ?? []);
      const id = await db.transaction(async (tx) => {
        const id = await insertIndicator(tx, set.id, toWrite(b));
        if (!id) throw conflict(`Показатель с кодом «${b.code}» в наборе уже есть.`);
        await replaceTargets(tx, id, b.targets ?? []);
        await writeAudit(tx, { actor, action: 'create', entity: 'indicator', entityId: id, after: b });
        return id;
      });
      return reply.status(201).send(presentIndicator((await findIndicator(db, id)) as IndicatorRow));
    },
  );

  r.patch(
    '/api/indicators/:id',
    { schema: { tags, summary: 'Изменить показатель', params: ZId, body: ZIndicatorFields.partial() } },
    async (request) => {
      const actor = actorOf(request);
      requireSetReader(actor);
      const { ind } = await editableIndicator(db, actor, request.params.id);
      const b = request.body;
      const defined = Object.fromEntries(
        Object.entries(b).filter(([k, v]) => v !== undefined && k !== 'targets'),
      );
      const next: IndicatorWrite = { ...fromRow(ind), ...defined } as IndicatorWrite;
      checkFormula(next.formula, next.population);
      if (b.targets) checkTargets(b.targets);
      await db.transaction(async (tx) => {
        if (!(await updateIndicator(tx, ind.id, next))) {
          throw conflict(`Показатель с кодом «${next.code}» в наборе уже есть.`);
        }
        if (b.targets) await replaceTargets(tx, ind.id, b.targets);
        await writeAudit(tx, {
          actor,
          action: 'update',
          entity: 'indicator',
          entityId: ind.id,
          before: presentIndicator(ind),
          after: b,
        });
      });
      return presentIndicator((await findIndicator(db, ind.id)) as IndicatorRow);
    },
  );

  r.delete(
    '/api/indicators/:id',
    { schema: { tags, summary: 'Удалить показатель', params: ZId } },
    async (request, reply) => {
      const actor = actorOf(request);
      requireSetReader(actor);
      const { ind } = await editableIndicator(db, actor, request.params.id);
      await db.transaction(async (tx) => {
        const frozen = await tx.query(
          sql`SELECT 1 FROM monitoring_values WHERE indicator_id = ${ind.id} LIMIT 1`,
        );
        if (frozen.length)
          throw conflict('Значения показателя зафиксированы в закрытом мониторинге: удалить его нельзя.');
        await tx.query(sql`DELETE FROM indicators WHERE id = ${ind.id}`);
        await writeAudit(tx, {
          actor,
          action: 'delete',
          entity: 'indicator',
          entityId: ind.id,
          before: presentIndicator(ind),
        });
      });
      return reply.status(204).send();
    },
  );

  r.put(
    '/api/indicators/:id/targets',
    {
      schema: {
        tags,
        summary: 'Целевые значения показателя по годам',
        params: ZId,
        body: z.object({ targets: z.array(ZTarget).max(50) }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireSetReader(actor);
      const { ind } = await editableIndicator(db, actor, request.params.id);
      checkTargets(request.body.targets);
      await db.transaction(async (tx) => {
        await replaceTargets(tx, ind.id, request.body.targets);
        await writeAudit(tx, {
          actor,
          action: 'update',
          entity: 'indicator_targets',
          entityId: ind.id,
          before: ind.targets,
          after: request.body.targets,
        });
      });
      return presentIndicator((await findIndicator(db, ind.id)) as IndicatorRow);
    },
  );

  r.post(
    '/api/indicators/validate',
    {
      schema: {
        tags,
        summary: 'Проверить формулу показателя',
        body: z.object({ formula: z.unknown(), population: z.unknown().optional() }),
      },
    },
    async (request) => {
      requireSetReader(actorOf(request));
      const issues = validateFormula(request.body.formula, request.body.population ?? {});
      return { ok: issues.length === 0, issues };
    },
  );

  r.get(
    '/api/indicator-sets/:id/values',
    {
      schema: {
        tags,
        summary: 'Значения показателей набора на дату (вживую) с целями года и статусом',
        params: ZId,
        querystring: z.object({
          asOf: ZDate.optional(),
          periodStart: ZDate.optional(),
          periodEnd: ZDate.optional(),
          slice: z
            .string()
            .optional()
            .refine((s) => !s || s.split(',').every((x) => (SLICE_KINDS as readonly string[]).includes(x)), {
              message: 'Недопустимый разрез',
            }),
        }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireSetReader(actor);
      const q = request.query;
      const asOf = q.asOf ?? today();
      if (q.periodStart && q.periodEnd && q.periodStart > q.periodEnd) {
        throw invalid('Период задан неверно.', [
          { path: 'periodEnd', message: 'Конец периода раньше начала' },
        ]);
      }
      const set = await findSet(db, actor, request.params.id);
      const slices = q.slice ? (q.slice.split(',') as SliceKind[]) : [];
      const result = await computeSet(db, actor, {
        setId: set.id,
        asOf,
        periodStart: q.periodStart,
        periodEnd: q.periodEnd,
        slices,
      });
      const meta = new Map((await listIndicators(db, set.id)).map((i) => [i.id, presentIndicator(i)]));
      const year = Number(asOf.slice(0, 4));
      return {
        setId: set.id,
        asOf: result.asOf,
        periodStart: result.periodStart,
        periodEnd: result.periodEnd,
        indicators: result.indicators.map((v) => {
          const m = v.indicatorId ? meta.get(v.indicatorId) : undefined;
          const target = m?.targets.find((t) => t.year === year)?.value ?? null;
          const { members: _members, ...rest } = v;
          return {
            ...rest,
            name: m?.name ?? v.name,
            unit: m?.unit ?? '',
            direction: m?.direction ?? 'up',
            target,
            targetStatus: targetStatus(v.value, target, m?.direction ?? 'up'),
          };
        }),
      };
    },
  );
}

export { ZPopulation };
