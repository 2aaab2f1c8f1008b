import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { exportTitle } from '../../platform/files/export-title.ts';
import { type SheetInput, writeTable } from '../../platform/files/write-table.ts';
import { today } from '../../platform/time/today.ts';
import type { TargetStatus } from '../engine/target-status.ts';
import { findMonitoring, frozenId, monitoringFigures, presentValues } from './monitorings.service.ts';
import type { SliceKind } from './snapshot.ts';

/**
 * XLSX of a monitoring: every indicator with value, target, status and counts; one sheet per slice.
 * Each sheet opens with what it is — the monitoring, territory, period, as-of date, whether the
 * figures are frozen (closed) or a live computation, and who exported when; values are rounded
 * to one decimal with a number format (numerators and denominators as stored).
 */

const ruDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

export const TARGET_STATUS_LABELS: Record<TargetStatus, string> = {
  achieved: 'достигнуто',
  at_risk: 'под угрозой',
  not_achieved: 'не достигнуто',
  no_data: 'нет данных',
};

export const VALUE_STATUS_LABELS: Record<string, string> = {
  ok: '',
  empty_denominator: 'знаменатель равен нулю',
  manual_missing: 'нет данных (вводится вручную)',
  no_data: 'нет данных (диагностика не проводилась)',
  invalid_formula: 'ошибка в формуле',
};

export const SLICE_SHEETS: Record<SliceKind, { sheet: string; header: string }> = {
  organization: { sheet: 'Организации', header: 'Организация' },
  org_kind: { sheet: 'Типы организаций', header: 'Тип организации' },
  territory: { sheet: 'Территории', header: 'Территория' },
  subject: { sheet: 'Предметы', header: 'Предмет' },
};

export async function exportMonitoring(db: Db, actor: Actor, id: string) {
  const m = await findMonitoring(db, actor, id);
  const values = await presentValues(
    db,
    actor,
    m.set_id,
    m.target_year,
    await monitoringFigures(db, m),
    frozenId(m),
  );
  const titleBlock = await exportTitle(db, actor, {
    title: `Мониторинг «${m.name}»`,
    territory: m.territory_name,
    period: `${ruDate(m.period_start)} – ${ruDate(m.period_end)}`,
    asOf: m.as_of,
    state:
      m.status === 'closed'
        ? { frozen: true, on: m.closed_at ? today(new Date(m.closed_at)) : null }
        : { frozen: false },
  });
  const main: SheetInput = {
    sheetName: 'Показатели',
    titleBlock,
    columns: [
      { key: 'code', header: 'Код', type: 'text' },
      { key: 'name', header: 'Показатель', type: 'text' },
      { key: 'unit', header: 'Ед. изм.', type: 'text' },
      { key: 'value', header: 'Значение', format: 'decimal1' },
      { key: 'target', header: `Целевое значение ${m.target_year}`, format: 'decimal1' },
      { key: 'targetStatus', header: 'Статус', type: 'text' },
      { key: 'numerator', header: 'Числитель', type: 'number' },
      { key: 'denominator', header: 'Знаменатель', type: 'number' },
      { key: 'kind', header: 'Источник', type: 'text' },
      { key: 'note', header: 'Примечание', type: 'text' },
    ],
    rows: values.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      unit: i.unit,
      value: i.value,
      target: i.target,
      targetStatus: i.targetStatus ? TARGET_STATUS_LABELS[i.targetStatus] : '',
      numerator: i.numerator,
      denominator: i.denominator,
      kind: i.derived ? 'рассчитывается' : 'вводится вручную',
      note: i.message || VALUE_STATUS_LABELS[i.status] || '',
    })),
  };
  const slices: SheetInput[] = (Object.keys(SLICE_SHEETS) as SliceKind[]).map((kind) => ({
    sheetName: SLICE_SHEETS[kind].sheet,
    titleBlock,
    columns: [
      { key: 'code', header: 'Код', type: 'text' },
      { key: 'name', header: 'Показатель', type: 'text' },
      { key: 'label', header: SLICE_SHEETS[kind].header, type: 'text' },
      { key: 'value', header: 'Значение', format: 'decimal1' },
      { key: 'numerator', header: 'Числитель', type: 'number' },
      { key: 'denominator', header: 'Знаменатель', type: 'number' },
      { key: 'note', header: 'Примечание', type: 'text' },
    ],
    rows: values.indicators.flatMap((i) =>
      (i.slices[kind] ?? []).map((s) => ({
        code: i.code,
        name: i.name,
        label: s.label,
        value: s.value,
        numerator: s.numerator,
        denominator: s.denominator,
        note: VALUE_STATUS_LABELS[s.status] ?? '',
      })),
    ),
  }));
  const table = await writeTable({ format: 'xlsx', ...main, extraSheets: slices });
  await writeAudit(db, { actor, action: 'export', entity: 'monitorings', entityId: m.id });
  return {
    fileName: `monitoring-${m.as_of}.${table.extension}`,
    contentType: table.contentType,
    data: table.data,
  };
}
