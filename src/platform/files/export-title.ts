import { type Actor, ROLE_SCOPE } from '../auth/actor.ts';
import { orgScope } from '../auth/scope.ts';
import { type Db, sql } from '../db/database.ts';
import type { TitleBlock } from './write-table.ts';

/**
 * The title block of an export made by `actor`: the territory their scope covers (a narrower one
 * when the export was filtered to it) and who exported; the caller adds what and when.
 */

/** The name of the territory the actor's scope covers, for «Территория» of an export. */
export async function scopeTerritory(db: Db, actor: Actor): Promise<string> {
  const one = async (q: ReturnType<typeof sql>) => (await db.query<{ name: string }>(q))[0]?.name ?? '';
  switch (ROLE_SCOPE[actor.role]) {
    case 'all':
      return 'все регионы';
    case 'region':
      return actor.regionId ? one(sql`SELECT name FROM regions WHERE id = ${actor.regionId}`) : '';
    case 'municipality':
      return actor.municipalityId
        ? one(sql`SELECT name FROM municipalities WHERE id = ${actor.municipalityId}`)
        : '';
    case 'organization':
      return actor.organizationId
        ? one(sql`SELECT short_name AS name FROM organizations WHERE id = ${actor.organizationId}`)
        : '';
    case 'person':
      return 'мои данные';
    case 'assigned':
      return 'закреплённые педагоги';
  }
}

/** The name of a municipality or organization an export was filtered to, if the actor sees it. */
export async function filterTerritory(
  db: Db,
  actor: Actor,
  f: { municipalityId?: string | null; organizationId?: string | null },
): Promise<string | null> {
  if (f.organizationId) {
    const [o] = await db.query<{ name: string }>(
      sql`SELECT o.short_name AS name FROM organizations o WHERE o.id = ${f.organizationId} AND ${orgScope(actor)}`,
    );
    if (o) return o.name;
  }
  if (f.municipalityId) {
    const [m] = await db.query<{ name: string }>(
      sql`SELECT m.name FROM municipalities m WHERE m.id = ${f.municipalityId}
          AND EXISTS (SELECT 1 FROM organizations o WHERE o.municipality_id = m.id AND ${orgScope(actor)})`,
    );
    if (m) return m.name;
  }
  return null;
}

export async function exportTitle(
  db: Db,
  actor: Actor,
  block: Omit<TitleBlock, 'exportedBy' | 'territory'> & {
    territory?: string | null;
    filter?: { municipalityId?: string | null; organizationId?: string | null };
  },
): Promise<TitleBlock> {
  const { filter, ...rest } = block;
  const territory =
    rest.territory ??
    (filter ? await filterTerritory(db, actor, filter) : null) ??
    (await scopeTerritory(db, actor));
  return { ...rest, territory, exportedBy: actor.fullName };
}
