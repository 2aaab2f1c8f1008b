import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { orgScope } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db/database.ts';

export interface Territories {
  regions: { id: string; code: string; name: string }[];
  municipalities: { id: string; regionId: string; code: string; name: string }[];
}

/** Regions and municipalities the actor can see: where it has a visible organization, or its own. */
export async function listTerritories(db: Db, actor: Actor): Promise<Territories> {
  const wide = actor.role === 'admin';
  const regionScoped = actor.role === 'region_admin' && actor.regionId;
  const municipalities = await db.query<{ id: string; region_id: string; code: string; name: string }>(sql`
    SELECT m.id, m.region_id, m.code, m.name FROM municipalities m
    WHERE ${
      wide
        ? sql`true`
        : regionScoped
          ? sql`m.region_id = ${actor.regionId}`
          : sql`m.id = ${actor.municipalityId ?? null}
       OR m.id IN (SELECT o.municipality_id FROM organizations o WHERE ${orgScope(actor, 'o')})`
    }
    ORDER BY m.name`);
  const regionIds = new Set(municipalities.map((m) => m.region_id));
  if (actor.regionId) regionIds.add(actor.regionId);
  const regions = await db.query<{ id: string; code: string; name: string }>(
    wide
      ? sql`SELECT id, code, name FROM regions ORDER BY name`
      : sql`SELECT id, code, name FROM regions WHERE id = ANY(${sql.param([...regionIds])}::uuid[]) ORDER BY name`,
  );
  return {
    regions,
    municipalities: municipalities.map((m) => ({
      id: m.id,
      regionId: m.region_id,
      code: m.code,
      name: m.name,
    })),
  };
}

export async function findMunicipality(
  db: Db,
  id: string,
): Promise<{ id: string; region_id: string } | null> {
  const rows = await db.query<{ id: string; region_id: string }>(
    sql`SELECT id, region_id FROM municipalities WHERE id = ${id}`,
  );
  return rows[0] ?? null;
}
