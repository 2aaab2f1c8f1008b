import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../platform/auth/actor.ts';
import { employmentScope, orgScope, personScope } from '../platform/auth/scope.ts';
import type { Db } from '../platform/db/database.ts';
import { naturalOrder } from '../platform/db/natural-order.ts';

/**
 * SQL of the header's search. Every word of the query must occur in the searched text (any
 * order, any case); hits whose text starts with the first word come first, then natural order
 * of the name. Rows are cut to the caller's scope by the platform's scope fragments, the same
 * as the lists and cards.
 */

export interface HitRow {
  id: string;
  title: string;
  detail: string | null;
  total: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** The query's words, at most five, each as an ILIKE pattern. */
export function queryWords(q: string): string[] {
  return q
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 5)
    .map((w) => `%${escapeLike(w.replace(/ё/g, 'е').replace(/Ё/g, 'Е'))}%`);
}

/** Every word occurs in `text` (ё read as е on both sides). */
function matchesAll(text: SQL, words: string[]): SQL {
  const t = sql`translate(${text}, 'ёЁ', 'еЕ')`;
  return sql.join(
    words.map((w) => sql`${t} ILIKE ${w}`),
    sql` AND `,
  );
}

const startsWith = (text: SQL, words: string[]): SQL =>
  sql`(translate(${text}, 'ёЁ', 'еЕ') ILIKE ${`${words[0]!.slice(1)}`})`;

export function searchPeople(db: Db, actor: Actor, words: string[], limit: number) {
  const name = sql`(p.last_name || ' ' || p.first_name || ' ' || p.patronymic)`;
  return db.query<HitRow>(sql`
    SELECT p.id, ${name} AS title,
           (SELECT o.short_name || ' · ' || e.position
              FROM employments e JOIN organizations o ON o.id = e.organization_id
             WHERE e.person_id = p.id AND e.end_date IS NULL AND ${employmentScope(actor, 'e', 'o')}
             ORDER BY (e.kind = 'main') DESC, o.short_name LIMIT 1) AS detail,
           count(*) OVER ()::int AS total
    FROM people p
    WHERE ${personScope(actor, 'p')} AND ${matchesAll(name, words)}
    ORDER BY ${startsWith(name, words)} DESC, p.last_name, p.first_name, p.patronymic, p.id
    LIMIT ${limit}`);
}

export function searchOrganizations(db: Db, actor: Actor, words: string[], limit: number) {
  const text = sql`(o.short_name || ' ' || o.full_name || ' ' || o.code || ' ' || coalesce(o.inn, ''))`;
  return db.query<HitRow>(sql`
    SELECT o.id, o.short_name AS title, m.name AS detail, count(*) OVER ()::int AS total
    FROM organizations o JOIN municipalities m ON m.id = o.municipality_id
    WHERE ${orgScope(actor, 'o')} AND ${matchesAll(text, words)}
    ORDER BY ${startsWith(sql`o.short_name`, words)} DESC, ${naturalOrder('o.short_name')}, o.id
    LIMIT ${limit}`);
}

/** The catalog is open to every signed-in user (catalog.policy.ts): no scope. */
export function searchPrograms(db: Db, words: string[], limit: number) {
  const text = sql`(p.name || ' ' || p.code || ' ' || p.provider)`;
  return db.query<HitRow>(sql`
    SELECT p.id, p.name AS title, p.code || ' · ' || p.hours || ' ч' AS detail, count(*) OVER ()::int AS total
    FROM programs p
    WHERE ${matchesAll(text, words)}
    ORDER BY p.active DESC, ${startsWith(sql`p.name`, words)} DESC, ${naturalOrder('p.name')}, p.id
    LIMIT ${limit}`);
}
