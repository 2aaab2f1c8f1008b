import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { orgScope, requireRole } from '../../platform/auth/scope.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { type App, type AppDeps, actorOf } from '../../platform/http/types.ts';
import { MANUAL_EDITORS, requireSetReader, setVisibility } from './access.ts';

/**
 * Values of manual measures entered by hand for a period: for one organization or for the
 * territory as a whole (the methodist's municipality, the region). Forms feed the same measures.
 */

const tags = ['monitoring'];
const ZCodeIn = z
  .string()
  .trim()
  .regex(/^(manual:)?[a-z0-9_.-]+$/i, 'Код меры: латиница, цифры, точка, дефис, подчёркивание')
  .transform((c) => c.replace(/^manual:/, ''));

interface ManualRow {
  id: string;
  measureCode: string;
  organizationId: string | null;
  organizationName: string | null;
  municipalityId: string | null;
  regionId: string | null;
  periodStart: string;
  periodEnd: string;
  value: number;
  note: string;
  enteredAt: string;
}

/** Rows the actor sees: organizations in scope, and territory rows of sets they could see. */
function manualVisibility(actor: Actor) {
  return sql`((v.organization_id IS NOT NULL AND ${orgScope(actor, 'o')})
            OR (v.organization_id IS NULL AND ${setVisibility(actor, 'v')}))`;
}

export function registerManualMeasureRoutes(app: App, { db }: AppDeps): void {
  const r = app;

  r.get(
    '/api/manual-measures',
    {
      schema: {
        tags,
        summary: 'Введённые вручную значения мер за период',
        querystring: z.object({
          code: ZCodeIn.optional(),
          periodStart: z.iso.date().optional(),
          periodEnd: z.iso.date().optional(),
        }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireSetReader(actor);
      const q = request.query;
      const rows = await db.query<ManualRow>(sql`
        SELECT v.id::text AS id, v.measure_code AS "measureCode", v.organization_id::text AS "organizationId",
               o.short_name AS "organizationName", v.municipality_id::text AS "municipalityId",
               v.region_id::text AS "regionId", v.period_start AS "periodStart", v.period_end AS "periodEnd",
               v.value, v.note, v.entered_at AS "enteredAt"
        FROM manual_measure_values v LEFT JOIN organizations o ON o.id = v.organization_id
        WHERE ${manualVisibility(actor)}
          ${q.code ? sql`AND v.measure_code = ${q.code}` : sql``}
          ${q.periodStart ? sql`AND v.period_end >= ${q.periodStart}::date` : sql``}
          ${q.periodEnd ? sql`AND v.period_start <= ${q.periodEnd}::date` : sql``}
        ORDER BY v.measure_code, v.period_start, o.short_name NULLS FIRST, v.id`);
      return { items: rows.map((x) => ({ ...x, value: Number(x.value) })) };
    },
  );

  r.put(
    '/api/manual-measures',
    {
      schema: {
        tags,
        summary: 'Ввести значение ручной меры за период (организации или территории)',
        body: z.object({
          measureCode: ZCodeIn,
          organizationId: z.uuid().nullable().optional(),
          /** Admin / region: the territory when no organization is given. */
          municipalityId: z.uuid().nullable().optional(),
          periodStart: z.iso.date(),
          periodEnd: z.iso.date(),
          value: z.number().finite(),
          note: z.string().max(2000).default(''),
        }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      requireRole(actor, MANUAL_EDITORS);
      const b = request.body;
      if (b.periodStart > b.periodEnd) {
        throw invalid('Период задан неверно.', [
          { path: 'periodEnd', message: 'Конец периода раньше начала' },
        ]);
      }
      let territory: {
        regionId: string | null;
        municipalityId: string | null;
        organizationId: string | null;
      };
      if (b.organizationId) {
        const [o] = await db.query<{ region_id: string; municipality_id: string }>(sql`
          SELECT o.region_id::text AS region_id, o.municipality_id::text AS municipality_id FROM organizations o
          WHERE o.id = ${b.organizationId} AND ${orgScope(actor, 'o')}`);
        if (!o) throw notFound('Организация не найдена.');
        territory = {
          regionId: o.region_id,
          municipalityId: o.municipality_id,
          organizationId: b.organizationId,
        };
      } else if (actor.role === 'municipal_methodist') {
        const [m] = await db.query<{ region_id: string }>(
          sql`SELECT region_id::text AS region_id FROM municipalities WHERE id = ${actor.municipalityId}`,
        );
        territory = {
          regionId: m?.region_id ?? null,
          municipalityId: actor.municipalityId,
          organizationId: null,
        };
      } else {
        const [m] = b.municipalityId
          ? await db.query<{ region_id: string }>(sql`
              SELECT region_id::text AS region_id FROM municipalities
              WHERE id = ${b.municipalityId} ${actor.role === 'region_admin' ? sql`AND region_id = ${actor.regionId}` : sql``}`)
          : [];
        if (b.municipalityId && !m) throw notFound('Муниципалитет не найден.');
        const regionId = m?.region_id ?? actor.regionId;
        if (!regionId) {
          throw invalid('Укажите организацию или муниципалитет.', [
            { path: 'organizationId', message: 'Не указано, к чему относится значение' },
          ]);
        }
        territory = { regionId, municipalityId: b.municipalityId ?? null, organizationId: null };
      }
      const row = await db.transaction(async (tx) => {
        const before = await tx.query<ManualRow>(sql`
          DELETE FROM manual_measure_values
          WHERE measure_code = ${b.measureCode} AND period_start = ${b.periodStart} AND period_end = ${b.periodEnd}
            AND organization_id IS NOT DISTINCT FROM ${territory.organizationId}::uuid
            AND municipality_id IS NOT DISTINCT FROM ${territory.municipalityId}::uuid
            AND region_id IS NOT DISTINCT FROM ${territory.regionId}::uuid
          RETURNING value, note`);
        const [row] = await tx.query<{ id: string }>(sql`
          INSERT INTO manual_measure_values (measure_code, region_id, municipality_id, organization_id, period_start,
                                             period_end, value, note, entered_by)
          VALUES (${b.measureCode}, ${territory.regionId}, ${territory.municipalityId}, ${territory.organizationId},
                  ${b.periodStart}, ${b.periodEnd}, ${b.value}, ${b.note}, ${actor.userId})
          RETURNING id::text AS id`);
        await writeAudit(tx, {
          actor,
          action: before.length ? 'update' : 'create',
          entity: 'manual_measure_value',
          entityId: row!.id,
          before: before[0] ?? null,
          after: { ...b, ...territory },
        });
        return row!;
      });
      return {
        id: row.id,
        measureCode: b.measureCode,
        ...territory,
        periodStart: b.periodStart,
        periodEnd: b.periodEnd,
        value: b.value,
        note: b.note,
      };
    },
  );
}
