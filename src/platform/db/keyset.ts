import { type SQL, sql } from 'drizzle-orm';
import { invalid } from '../errors.ts';

/**
 * Keyset («seek») paging: the next page is the rows after the last one shown, found through the
 * sort's index, instead of OFFSET n, which reads and throws away n rows. The cursor the client
 * gets is the last row's sort key; it only says where to start — the query's WHERE, with the
 * caller's scope, is the same as for the first page, so a forged cursor shows nothing new.
 *
 * Every key must be NOT NULL (coalesce a nullable column in `expr`), and the last key unique.
 */
export interface SortKey {
  expr: SQL;
  /** The SQL type the cursor's value is cast to. */
  type: 'text' | 'date' | 'uuid' | 'numeric' | 'float8' | 'int4' | 'qualification_category';
  desc?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type CursorValue = string | number;

/** ORDER BY of the keys. */
export function keysetOrder(keys: SortKey[]): SQL {
  return sql.join(
    keys.map((k) => sql`${k.expr} ${sql.raw(k.desc ? 'DESC' : 'ASC')}`),
    sql`, `,
  );
}

/** The keys' values of a row, as a JSON array column: the next page's cursor when the row is last. */
export function keysetValues(keys: SortKey[]): SQL {
  return sql`json_build_array(${sql.join(
    keys.map((k) => k.expr),
    sql`, `,
  )})`;
}

const param = (k: SortKey, v: CursorValue) => sql`${v}::${sql.raw(k.type)}`;

/**
 * Rows strictly after `values` in the keys' order. Runs of keys with one direction compare as a
 * row, `(a, b) > ($1, $2)`, which PostgreSQL answers from an index on (a, b); the first run
 * (less the final, unique key) is also given as `>=` on its own, so it bounds an index scan even
 * when later keys are in another table.
 */
export function keysetAfter(keys: SortKey[], values: CursorValue[]): SQL {
  const runs: { keys: SortKey[]; values: CursorValue[] }[] = [];
  keys.forEach((k, i) => {
    const last = runs.at(-1);
    if (last && Boolean(last.keys[0]!.desc) === Boolean(k.desc)) {
      last.keys.push(k);
      last.values.push(values[i]!);
    } else runs.push({ keys: [k], values: [values[i]!] });
  });
  const row = (r: (typeof runs)[number]) => ({
    l: sql`(${sql.join(
      r.keys.map((k) => k.expr),
      sql`, `,
    )})`,
    v: sql`(${sql.join(
      r.keys.map((k, i) => param(k, r.values[i]!)),
      sql`, `,
    )})`,
    op: r.keys[0]!.desc ? sql.raw('<') : sql.raw('>'),
  });
  // after(run_1 … run_n) = run_1 > v_1 OR (run_1 = v_1 AND after(run_2 … run_n))
  const after = (i: number): SQL => {
    const r = row(runs[i]!);
    if (i === runs.length - 1) return sql`${r.l} ${r.op} ${r.v}`;
    return sql`(${r.l} ${r.op} ${r.v} OR (${r.l} = ${r.v} AND ${after(i + 1)}))`;
  };
  // The bound leaves out the last key (the unique tie, often of another table than the rest, as
  // e.id after the person's name): so it stays a condition an index of the leading keys can take.
  const lead = runs[0]!;
  const first = row(
    runs.length === 1 && lead.keys.length > 1
      ? { keys: lead.keys.slice(0, -1), values: lead.values.slice(0, -1) }
      : lead,
  );
  const bound = sql`${first.l} ${first.op}= ${first.v}`;
  return sql`(${bound} AND ${after(0)})`;
}

/** An opaque cursor: the sort it belongs to and the last row's key values. */
export function encodeCursor(sort: string, values: CursorValue[]): string {
  return Buffer.from(JSON.stringify({ s: sort, k: values })).toString('base64url');
}

/**
 * The values of a cursor made for this sort, checked against the keys' types; anything else (a
 * cursor of another sort, edited, truncated) is a validation error, never SQL.
 */
export function decodeCursor(cursor: string, sort: string, keys: SortKey[]): CursorValue[] {
  const bad = () => invalid('Ссылка на следующую страницу устарела: откройте список заново.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (typeof parsed !== 'object' || parsed === null) throw bad();
  const { s, k } = parsed as { s?: unknown; k?: unknown };
  if (s !== sort || !Array.isArray(k) || k.length !== keys.length) throw bad();
  return k.map((v: unknown, i) => {
    const type = keys[i]!.type;
    if (type === 'numeric' || type === 'float8' || type === 'int4') {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw bad();
      if (type === 'int4' && !Number.isInteger(v)) throw bad();
      return v;
    }
    if (typeof v !== 'string' || v.length > 1000) throw bad();
    if (type === 'uuid' && !UUID.test(v)) throw bad();
    if (type === 'date' && !DATE.test(v)) throw bad();
    if (type === 'qualification_category' && !['highest', 'first', 'szd', 'none'].includes(v)) throw bad();
    return v;
  });
}
