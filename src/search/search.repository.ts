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

/** The query's words, at most five, ё read as е. */
export function queryWords(q: string): string[] {
  return q
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 5)
    .map((w) => w.replace(/ё/g, 'е').replace(/Ё/g, 'Е'));
}

/**
 * How one word matches a text: a number as a whole number («1» finds «СОШ № 1», not «№ 10» or
 * «№ 21»), anything else as a part of the text, case aside.
 */
export function wordPattern(word: string): { regex: string } | { like: string } {
  return /^\d+$/.test(word) ? { regex: `(^|[^0-9])${word}([^0-9]|$)` } : { like: `%${escapeLike(word)}%` };
}

const normalized = (text: SQL) => sql`translate(${text}, 'ёЁ', 'еЕ')`;

/** Every word occurs in `text`. */
function matchesAll(text: SQL, words: string[]): SQL {
  const t = normalized(text);
  return sql.join(
    words.map((w) => {
      const p = wordPattern(w);
      return 'regex' in p ? sql`${t} ~ ${p.regex}` : sql`${t} ILIKE ${p.like}`;
    }),
    sql` AND `,
  );
}

/** The text starts with the first word: such hits come first. */
const startsWith = (text: SQL, words: string[]): SQL =>
  sql`(${normalized(text)} ILIKE ${`${escapeLike(words[0] ?? '')}%`})`;

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
