import { type SQL, sql } from 'drizzle-orm';

/**
 * A sort key that orders the numbers inside names by value: «СОШ № 1» < «СОШ № 2» < «СОШ № 10».
 * Every run of digits is padded to ten (more stay as they are), so plain text ordering of the
 * key is natural ordering of the name. Pure SQL, the same on PostgreSQL and PGlite, with no
 * collation to install; order by the key, then the name itself.
 *
 * `column` is an SQL expression written by us (an alias and column, `o.short_name`), or an SQL
 * fragment; not an output alias of the same SELECT, which ORDER BY only takes bare.
 */
const expr = (column: string | SQL) => (typeof column === 'string' ? sql.raw(column) : column);

export function naturalKey(column: string | SQL): SQL {
  const c = expr(column);
  return sql`regexp_replace(regexp_replace(${c}, '(\\d+)', '0000000000\\1', 'g'), '0*(\\d{10,})', '\\1', 'g')`;
}

/** `ORDER BY` items for a name in natural order: the key, then the name as a tie-break. */
export function naturalOrder(column: string | SQL): SQL {
  return sql`${naturalKey(column)}, ${expr(column)}`;
}
