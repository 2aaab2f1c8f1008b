import { loadDerivedRules } from '../../directory/derived/derived-rules.repository.ts';
import type { Db } from '../../platform/db/database.ts';
import type { AnswerValue } from '../scoring.ts';
import {
  parseSource,
  type SourceArgs,
  SourceArgsError,
  type SourceDef,
  type SourceRow,
  type SourceWindow,
  windowOf,
} from './prefill.sources.ts';
import type { Prefill, PrefillFn, PrefillResult } from './prefill.ts';

/**
 * Prefill and contradiction flags of expert cards from the platform's own data (issue 15, 3).
 * Set-based: one statement per distinct source (code with its args) for all the organizations.
 */

const MAX_NAMES = 5;

function plural(n: number, [one, few, many]: [string, string, string]): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}

/** «3 педагога: Иванова И. П., …» — at most five names, then «и ещё N». */
export function detailOf(n: number, names: string[] | null, noun: [string, string, string]): string {
  const head = `${n} ${plural(n, noun)}`;
  if (!names?.length) return head;
  const shown = names.slice(0, MAX_NAMES);
  const rest = n - shown.length;
  return `${head}: ${shown.join(', ')}${rest > 0 ? ` и ещё ${rest}` : ''}`;
}

type Parsed = { source: string; def: SourceDef; args: SourceArgs };

function parseAll(sources: string[]): Map<string, Parsed> {
  const out = new Map<string, Parsed>();
  for (const source of sources) {
    if (out.has(source)) continue;
    try {
      const { def, args } = parseSource(source);
      out.set(source, { source, def, args });
    } catch (e) {
      // a template edited by hand may name an unknown source: it is simply not prefilled
      if (!(e instanceof SourceArgsError)) throw e;
    }
  }
  return out;
}

async function rowsOf(db: Db, p: Parsed, w: SourceWindow, orgIds: string[]): Promise<Map<string, SourceRow>> {
  const rows = await db.query<SourceRow>(p.def.sql(p.args, w, orgIds));
  return new Map(
    rows.map((r) => [
      r.organization_id,
      { ...r, n: Number(r.n), whole: r.whole === null ? null : Number(r.whole) },
    ]),
  );
}

/** Whether a row is something to show: the platform's own record, or data that is there. */
function known(def: SourceDef, row: SourceRow | undefined): row is SourceRow {
  if (!row) return false;
  if (def.authoritative) return true;
  return row.n > 0;
}

function answerOf(kind: string, row: SourceRow): AnswerValue | null {
  switch (kind) {
    case 'fact':
      return { kind: 'fact', present: row.n > 0 };
    case 'count':
      return { kind: 'count', count: row.n };
    case 'share':
      return row.whole !== null && row.whole > 0 ? { kind: 'share', part: row.n, whole: row.whole } : null;
    default:
      return null;
  }
}

export const prefillFor: PrefillFn = async (db, request) => {
  const result: PrefillResult = new Map();
  const orgIds = [...new Set(request.organizationIds)];
  if (!orgIds.length || !request.items.length) return result;
  const w = windowOf(request.schoolYear, await loadDerivedRules(db));
  const parsed = parseAll(request.items.map((i) => i.prefillSource));
  const computedAt = new Date().toISOString();

  const bySource = new Map<string, Map<string, SourceRow>>();
  for (const p of parsed.values()) {
    if (!request.items.some((i) => i.prefillSource === p.source && p.def.kinds.includes(i.rule.kind)))
      continue;
    bySource.set(p.source, await rowsOf(db, p, w, orgIds));
  }

  for (const item of request.items) {
    const p = parsed.get(item.prefillSource);
    const rows = bySource.get(item.prefillSource);
    if (!p || !rows) continue;
    for (const orgId of orgIds) {
      const row = rows.get(orgId);
      if (!known(p.def, row)) continue;
      const value = answerOf(item.rule.kind, row);
      if (!value) continue;
      const detail =
        value.kind === 'share'
          ? `${row.n} из ${row.whole}`
          : row.n > 0
            ? detailOf(row.n, row.names, p.def.noun)
            : 'нет данных в платформе';
      const prefill: Prefill = {
        value,
        source: `${p.def.section}: ${p.def.label(p.args)}`,
        detail,
        computedAt,
      };
      const perOrg = result.get(orgId) ?? new Map<string, Prefill>();
      perOrg.set(item.id, prefill);
      result.set(orgId, perOrg);
    }
  }
  return result;
};

export type ContradictionsRequest = {
  organizationId: string;
  schoolYear: number;
  answers: { itemId: string; prefillSource: string | null; value: AnswerValue | null }[];
};

/**
 * Claims that contradict the platform's own data, itemId → a Russian flag: a claimed fact (or a
 * count ≥ 1) where an authoritative source (contest results, mentoring pairs, organization
 * statuses, trainings) sees nothing. One statement per source.
 */
export async function contradictionsFor(
  db: Db,
  request: ContradictionsRequest,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const claimed = request.answers.filter(
    (a): a is typeof a & { prefillSource: string; value: AnswerValue } =>
      !!a.prefillSource &&
      !!a.value &&
      ((a.value.kind === 'fact' && a.value.present) || (a.value.kind === 'count' && a.value.count > 0)),
  );
  if (!claimed.length) return out;
  const parsed = parseAll(claimed.map((a) => a.prefillSource));
  const w = windowOf(request.schoolYear, await loadDerivedRules(db));
  const rowsBySource = new Map<string, Map<string, SourceRow>>();
  for (const p of parsed.values()) {
    if (!p.def.contradiction) continue;
    rowsBySource.set(p.source, await rowsOf(db, p, w, [request.organizationId]));
  }
  for (const a of claimed) {
    const p = parsed.get(a.prefillSource);
    const rows = rowsBySource.get(a.prefillSource);
    if (!p?.def.contradiction || !rows) continue;
    const row = rows.get(request.organizationId);
    if (!row || row.n === 0) out.set(a.itemId, p.def.contradiction(p.args));
  }
  return out;
}
