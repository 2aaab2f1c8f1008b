import type { Db } from '../../platform/db/database.ts';
import { quoteIdent } from './backup.format.ts';

/**
 * SQL of the portable backup: the catalog (tables, columns, keys, sequences), reading a table in
 * key order by chunks, and inserting a chunk set-wise. Values travel as their text form, as COPY
 * writes them, under fixed session settings, so any PostgreSQL (PGlite 18, a server 15) reads
 * what another wrote.
 */

export interface TableInfo {
  name: string;
  columns: { name: string; type: string }[];
  primaryKey: string[];
  dependsOn: string[];
}

const MIGRATIONS_TABLE = 'schema_migrations';

/** Text forms that do not depend on the server's or the session's settings. */
export async function setPortableSession(tx: Db): Promise<void> {
  await tx.queryText(`SET LOCAL DateStyle = 'ISO, YMD'`);
  await tx.queryText(`SET LOCAL IntervalStyle = 'postgres'`);
  await tx.queryText(`SET LOCAL TimeZone = 'UTC'`);
  await tx.queryText('SET LOCAL extra_float_digits = 3');
  await tx.queryText(`SET LOCAL bytea_output = 'hex'`);
}

export async function hasMigrationsTable(db: Db): Promise<boolean> {
  const [row] = await db.queryText<{ ok: boolean }>(
    `SELECT to_regclass('public.${MIGRATIONS_TABLE}') IS NOT NULL AS ok`,
  );
  return row?.ok ?? false;
}

export async function listMigrations(db: Db): Promise<{ tag: string; appliedAt: string }[]> {
  const rows = await db.queryText<{ tag: string; applied_at: string }>(
    `SELECT tag, applied_at FROM ${MIGRATIONS_TABLE} ORDER BY tag`,
  );
  return rows.map((r) => ({ tag: r.tag, appliedAt: r.applied_at }));
}

/** The application's tables in schema public (partitions are reached through their parent). */
/**
 * Tables the database keeps for itself from the others (filled by triggers as rows are written):
 * not backed up, and filled again by the restore's own inserts — the engine's data version and
 * the heatmap's aggregates, marked out of date and rebuilt on first read.
 */
export const DERIVED_TABLES = [
  'engine_data_writes',
  'engine_data_version',
  'deficit_heat_cells',
  'deficit_heat_dirty',
];

export async function listTables(db: Db): Promise<TableInfo[]> {
  const columns = await db.queryText<{ table: string; column: string; type: string }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type
     FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND c.relname <> $1 AND c.relname <> ALL($2::text[]) AND a.attgenerated = ''
     ORDER BY c.relname, a.attnum`,
    [MIGRATIONS_TABLE, DERIVED_TABLES],
  );
  const keys = await db.queryText<{ table: string; column: string }>(
    `SELECT c.relname AS table, a.attname AS column
     FROM pg_constraint con
     JOIN pg_class c ON c.oid = con.conrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, pos) ON true
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
     WHERE n.nspname = 'public' AND con.contype = 'p'
     ORDER BY c.relname, k.pos`,
  );
  const refs = await db.queryText<{ table: string; ref: string }>(
    `SELECT DISTINCT c.relname AS table, r.relname AS ref
     FROM pg_constraint con
     JOIN pg_class c ON c.oid = con.conrelid
     JOIN pg_class r ON r.oid = con.confrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND con.contype = 'f'`,
  );
  const tables = new Map<string, TableInfo>();
  for (const c of columns) {
    let t = tables.get(c.table);
    if (!t) {
      t = { name: c.table, columns: [], primaryKey: [], dependsOn: [] };
      tables.set(c.table, t);
    }
    t.columns.push({ name: c.column, type: c.type });
  }
  for (const k of keys) tables.get(k.table)?.primaryKey.push(k.column);
  for (const r of refs) tables.get(r.table)?.dependsOn.push(r.ref);
  return [...tables.values()];
}

/** Tables that hold at least one row. */
export async function nonEmptyTables(db: Db, tables: readonly string[]): Promise<string[]> {
  if (tables.length === 0) return [];
  const [row] = await db.queryText<Record<string, boolean>>(
    `SELECT ${tables.map((t, i) => `EXISTS (SELECT 1 FROM ${quoteIdent(t)}) AS t${i}`).join(', ')}`,
  );
  return tables.filter((_, i) => row?.[`t${i}`]);
}

/**
 * Reads a table in primary-key order, `size` rows at a time, each row as a JSON array of text
 * values. Keyset paging keeps every chunk cheap; a table without a key is paged by ctid, which
 * is stable inside the backup's snapshot.
 */
export async function* readTable(db: Db, table: TableInfo, size: number): AsyncGenerator<string[]> {
  const values = `to_json(ARRAY[${table.columns.map((c) => `${quoteIdent(c.name)}::text`).join(', ')}]::text[])::text`;
  const keyCols = table.primaryKey.length > 0 ? table.primaryKey.map(quoteIdent) : ['ctid'];
  const keyTypes =
    table.primaryKey.length > 0
      ? table.primaryKey.map((k) => table.columns.find((c) => c.name === k)!.type)
      : ['tid'];
  const keySelect = keyCols.map((k, i) => `${k}::text AS k${i}`).join(', ');
  const order = keyCols.join(', ');
  const after = `(${keyCols.join(', ')}) > (${keyTypes.map((t, i) => `$${i + 1}::${t}`).join(', ')})`;
  let last: string[] | null = null;
  for (;;) {
    const rows: Record<string, string>[] = await db.queryText<Record<string, string>>(
      `SELECT ${values} AS line, ${keySelect} FROM ${quoteIdent(table.name)}
       ${last ? `WHERE ${after}` : ''} ORDER BY ${order} LIMIT ${size}`,
      last ?? [],
    );
    if (rows.length === 0) return;
    yield rows.map((r) => r.line!);
    if (rows.length < size) return;
    const tail: Record<string, string> = rows[rows.length - 1]!;
    last = keyCols.map((_, i) => tail[`k${i}`]!);
  }
}

/**
 * Inserts rows given as arrays of text values, casting each to its column's type in the target
 * database. OVERRIDING SYSTEM VALUE keeps the ids of identity columns as they were.
 */
export async function insertRows(
  tx: Db,
  table: string,
  columns: { name: string; type: string }[],
  rows: (string | null)[][],
): Promise<void> {
  if (rows.length === 0) return;
  const list = columns.map((c) => quoteIdent(c.name)).join(', ');
  const casts = columns.map((c, i) => `(x->>${i})::${c.type}`).join(', ');
  await tx.queryText(
    `INSERT INTO ${quoteIdent(table)} (${list}) OVERRIDING SYSTEM VALUE
     SELECT ${casts} FROM json_array_elements($1::json) AS x`,
    [JSON.stringify(rows)],
  );
}

export async function countRows(db: Db, table: string): Promise<number> {
  const [row] = await db.queryText<{ n: number }>(`SELECT count(*)::bigint AS n FROM ${quoteIdent(table)}`);
  return Number(row?.n ?? 0);
}

/** Sets every sequence owned by a column (serial, identity) past the largest value restored. */
export async function resetSequences(tx: Db): Promise<number> {
  const seqs = await tx.queryText<{ seq: string; tbl: string; col: string }>(
    `SELECT s.relname AS seq, t.relname AS tbl, a.attname AS col
     FROM pg_class s
     JOIN pg_namespace n ON n.oid = s.relnamespace
     JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass
                     AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
     JOIN pg_class t ON t.oid = d.refobjid
     JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
     WHERE s.relkind = 'S' AND n.nspname = 'public'`,
  );
  for (const s of seqs) {
    await tx.queryText(
      `SELECT setval($1::regclass, COALESCE((SELECT max(${quoteIdent(s.col)}) FROM ${quoteIdent(s.tbl)}), 0) + 1, false)`,
      [`public.${quoteIdent(s.seq)}`],
    );
  }
  return seqs.length;
}

export async function analyzeAll(db: Db): Promise<void> {
  await db.queryText('ANALYZE');
}
