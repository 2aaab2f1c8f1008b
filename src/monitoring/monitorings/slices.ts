import { z } from 'zod';
import { type TargetStatus, targetStatus } from '../engine/target-status.ts';
import { SLICE_KINDS, type SliceKind } from './snapshot.ts';

/**
 * One indicator's slice lines (by organization, kind, municipality, subject) as the screens page
 * them (issue 12 item 1): the monitoring and the set's values carry only how many lines each
 * slice has; the lines come from here, filtered by name, sorted and paged on the server. Shared by
 * GET /api/monitorings/:id/indicators/:indicatorId/slices and GET /api/indicator-sets/:id/slices.
 */

export const SLICE_SORTS = ['label', 'value', 'numerator', 'denominator', 'status'] as const;
export type SliceSort = (typeof SLICE_SORTS)[number];
export const MAX_SLICE_PAGE = 200;

const ZNum = z.number().nullable();
const ZTargetStatus = z.enum(['achieved', 'at_risk', 'not_achieved', 'no_data']).nullable();
export const ZSliceKind = z.enum(SLICE_KINDS, {
  error: 'Разрез: organization, org_kind, territory или subject',
});

/** The query of a page of slice lines (every parameter optional). */
export const ZSliceQuery = z.object({
  kind: ZSliceKind.optional(),
  q: z.string().max(200, { error: 'Строка поиска — не длиннее 200 символов' }).optional(),
  sort: z
    .enum(SLICE_SORTS, { error: 'Сортировка: label, value, numerator, denominator или status' })
    .optional(),
  order: z.enum(['asc', 'desc'], { error: 'Порядок: asc или desc' }).optional(),
  /** Only the lines with this target status. */
  targetStatus: z
    .enum(['achieved', 'at_risk', 'not_achieved', 'no_data'], {
      error: 'Статус: achieved, at_risk, not_achieved или no_data',
    })
    .optional(),
  page: z.coerce
    .number({ error: 'Номер страницы — целое число от 1' })
    .int({ error: 'Номер страницы — целое число от 1' })
    .min(1, { error: 'Номер страницы — целое число от 1' })
    .max(100000, { error: 'Номер страницы — не больше 100 000' })
    .optional(),
  pageSize: z.coerce
    .number({ error: `Размер страницы — целое число от 1 до ${MAX_SLICE_PAGE}` })
    .int({ error: `Размер страницы — целое число от 1 до ${MAX_SLICE_PAGE}` })
    .min(1, { error: `Размер страницы — целое число от 1 до ${MAX_SLICE_PAGE}` })
    .max(MAX_SLICE_PAGE, { error: `Размер страницы — целое число от 1 до ${MAX_SLICE_PAGE}` })
    .optional(),
});
export type TSliceQuery = z.infer<typeof ZSliceQuery>;

export const ZSliceItem = z.object({
  key: z.string(),
  label: z.string(),
  value: ZNum,
  numerator: ZNum,
  denominator: ZNum,
  status: z.string(),
  targetStatus: ZTargetStatus,
});

/** A page of lines: `total` — every line the viewer sees, `found` — those under the filter. */
export const ZSlicePage = z.object({
  indicatorId: z.string(),
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: z.enum(['up', 'down', 'none']),
  target: ZNum,
  kind: ZSliceKind,
  total: z.number(),
  found: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(ZSliceItem),
});

/** How many lines each slice has (what the screen says before it opens one). */
export const ZSliceCounts = z.object({
  organization: z.number(),
  org_kind: z.number(),
  territory: z.number(),
  subject: z.number(),
});
export type SliceCounts = z.infer<typeof ZSliceCounts>;

interface Line {
  key: string;
  label: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: string;
}

interface Sliced {
  slices: Partial<Record<SliceKind, Line[]>>;
}

export function sliceCounts(ind: Sliced): SliceCounts {
  return {
    organization: ind.slices.organization?.length ?? 0,
    org_kind: ind.slices.org_kind?.length ?? 0,
    territory: ind.slices.territory?.length ?? 0,
    subject: ind.slices.subject?.length ?? 0,
  };
}

/** An indicator without its slice lines, with their counts instead. */
export function withoutSlices<T extends Sliced>(ind: T): Omit<T, 'slices'> & { sliceCounts: SliceCounts } {
  const { slices: _slices, ...rest } = ind;
  return { ...rest, sliceCounts: sliceCounts(ind) };
}

const collator = new Intl.Collator('ru', { numeric: true, sensitivity: 'base' });
const STATUS_RANK: Record<string, number> = { not_achieved: 0, at_risk: 1, achieved: 2, no_data: 3 };

/**
 * A page of one indicator's lines of a kind: filtered by part of the name (case-insensitive),
 * by target status, sorted (by name unless asked; empty values last in either order) and paged.
 * The lines are already cut to what the viewer sees.
 */
export function pageSlices(
  ind: Sliced & { target: number | null; direction: 'up' | 'down' | 'none' },
  kind: SliceKind,
  q: TSliceQuery,
) {
  const all = (ind.slices[kind] ?? []).map((s) => ({
    key: s.key,
    label: s.label,
    value: s.value,
    numerator: s.numerator,
    denominator: s.denominator,
    status: s.status,
    targetStatus: targetStatus(s.value, ind.target, ind.direction) as TargetStatus | null,
  }));
  const needle = q.q?.trim().toLocaleLowerCase('ru') ?? '';
  const found = all.filter(
    (s) =>
      (!needle || s.label.toLocaleLowerCase('ru').includes(needle)) &&
      (!q.targetStatus || s.targetStatus === q.targetStatus),
  );
  const sort = q.sort ?? 'label';
  const sign = q.order === 'desc' ? -1 : 1;
  const byName = (a: Line, b: Line) => collator.compare(a.label, b.label) || (a.key < b.key ? -1 : 1);
  const num = (s: (typeof all)[number]): number | null =>
    sort === 'status' ? (STATUS_RANK[s.targetStatus ?? 'no_data'] ?? 3) : sort === 'label' ? null : s[sort];
  found.sort((a, b) => {
    if (sort === 'label') return sign * byName(a, b);
    const x = num(a);
    const y = num(b);
    // An empty value is last whichever the order: it is not the smallest nor the largest.
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return sign * (x - y) || byName(a, b);
  });
  const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), MAX_SLICE_PAGE);
  const pages = Math.max(1, Math.ceil(found.length / pageSize));
  const page = Math.min(Math.max(q.page ?? 1, 1), pages);
  return {
    kind,
    total: all.length,
    found: found.length,
    page,
    pageSize,
    items: found.slice((page - 1) * pageSize, page * pageSize),
  };
}
