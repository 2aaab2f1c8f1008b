import { type SQL, sql } from 'drizzle-orm';
import { can } from '../../directory/directory.policy.ts';
import { type Actor, ROLE_SCOPE } from './actor.ts';

/**
 * Scope as SQL. Every list and every card of the directory is filtered with these fragments,
 * so what a role may see is decided in one place and enforced by the database query itself.
 * Who keeps the registry (the write scopes below) is the directory policy's rule.
 */

const keepsRegistry = (actor: Actor) => can(actor, 'manage', 'registry');

const never = sql`false`;

/** Visible organizations; `o` is the organizations alias. */
export function orgScope(actor: Actor, o = 'o'): SQL {
  const t = sql.raw(o);
  switch (ROLE_SCOPE[actor.role]) {
    case 'all':
      return sql`true`;
    case 'region':
      return actor.regionId ? sql`${t}.region_id = ${actor.regionId}` : never;
    case 'municipality':
      return actor.municipalityId ? sql`${t}.municipality_id = ${actor.municipalityId}` : never;
    case 'organization':
      return actor.organizationId ? sql`${t}.id = ${actor.organizationId}` : never;
    case 'person':
      return actor.personId
        ? sql`${t}.id IN (SELECT organization_id FROM employments WHERE person_id = ${actor.personId} AND end_date IS NULL)`
        : never;
    case 'assigned':
      return actor.role === 'curator'
        ? sql`${t}.id IN (SELECT e.organization_id FROM employments e JOIN curator_assignments ca ON ca.person_id = e.person_id
                          WHERE ca.curator_user_id = ${actor.userId} AND e.end_date IS NULL)`
        : never;
  }
}

/** Visible people; `p` is the people alias. A person is visible where they currently work. */
export function personScope(actor: Actor, p = 'p'): SQL {
  const t = sql.raw(p);
  switch (ROLE_SCOPE[actor.role]) {
    case 'all':
      return sql`true`;
    case 'region':
      return actor.regionId ? sql`${t}.region_id = ${actor.regionId}` : never;
    case 'municipality':
      return actor.municipalityId
        ? sql`EXISTS (SELECT 1 FROM employments se JOIN organizations so ON so.id = se.organization_id
                      WHERE se.person_id = ${t}.id AND se.end_date IS NULL AND so.municipality_id = ${actor.municipalityId})`
        : never;
    case 'organization':
      return actor.organizationId
        ? sql`EXISTS (SELECT 1 FROM employments se
                      WHERE se.person_id = ${t}.id AND se.end_date IS NULL AND se.organization_id = ${actor.organizationId})`
        : never;
    case 'person':
      return actor.personId ? sql`${t}.id = ${actor.personId}` : never;
    case 'assigned':
      return actor.role === 'curator'
        ? sql`${t}.id IN (SELECT person_id FROM curator_assignments WHERE curator_user_id = ${actor.userId})`
        : never;
  }
}

/**
 * Employments the actor may see in lists: an org head sees only the employments at their school,
 * not where their staff moonlight; wider scopes see employments inside their territory.
 */
export function employmentScope(actor: Actor, e = 'e', o = 'o'): SQL {
  const et = sql.raw(e);
  switch (ROLE_SCOPE[actor.role]) {
    case 'organization':
      return actor.organizationId ? sql`${et}.organization_id = ${actor.organizationId}` : never;
    case 'person':
      return actor.personId ? sql`${et}.person_id = ${actor.personId}` : never;
    case 'assigned':
      return actor.role === 'curator'
        ? sql`${et}.person_id IN (SELECT person_id FROM curator_assignments WHERE curator_user_id = ${actor.userId})`
        : never;
    default:
      return orgScope(actor, o);
  }
}

/** Organizations in which the actor may change the registry (people's employments, vacancies, staffing). */
export function orgWriteScope(actor: Actor, o = 'o'): SQL {
  return keepsRegistry(actor) ? orgScope(actor, o) : never;
}

/**
 * People whose records the actor may change (an import may match them, add their employments
 * here and update their details): those who currently work where the actor keeps the registry,
 * or who work nowhere now and once worked there (a former teacher hired again). A region's
 * operator keeps every person of the region. `p` is the people alias.
 */
export function personWriteScope(actor: Actor, p = 'p'): SQL {
  if (!keepsRegistry(actor)) return never;
  const t = sql.raw(p);
  switch (ROLE_SCOPE[actor.role]) {
    case 'all':
      return sql`true`;
    case 'region':
      return actor.regionId ? sql`${t}.region_id = ${actor.regionId}` : never;
    default:
      return sql`(EXISTS (SELECT 1 FROM employments we JOIN organizations wo ON wo.id = we.organization_id
                          WHERE we.person_id = ${t}.id AND we.end_date IS NULL AND ${orgWriteScope(actor, 'wo')})
              OR (NOT EXISTS (SELECT 1 FROM employments we WHERE we.person_id = ${t}.id AND we.end_date IS NULL)
                  AND EXISTS (SELECT 1 FROM employments we JOIN organizations wo ON wo.id = we.organization_id
                              WHERE we.person_id = ${t}.id AND ${orgWriteScope(actor, 'wo')})))`;
  }
}

/**
 * People whose identity (СНИЛС, full name, birth date) the actor may change: those they may write
 * and whose every current employment is in an organization the actor keeps — a teacher who also
 * works elsewhere is renamed only by someone who keeps both places.
 */
export function personIdentityScope(actor: Actor, p = 'p'): SQL {
  if (ROLE_SCOPE[actor.role] === 'all') return personWriteScope(actor, p);
  const t = sql.raw(p);
  return sql`(${personWriteScope(actor, p)}
    AND NOT EXISTS (SELECT 1 FROM employments ie JOIN organizations io ON io.id = ie.organization_id
                    WHERE ie.person_id = ${t}.id AND ie.end_date IS NULL AND NOT (${orgWriteScope(actor, 'io')})))`;
}

/** Who may change what the actor may not: the next level up, for messages. */
export function nextLevelUp(actor: Actor): string {
  switch (ROLE_SCOPE[actor.role]) {
    case 'organization':
      return 'методист муниципалитета';
    case 'municipality':
      return 'региональный оператор';
    default:
      return 'администратор системы';
  }
}

export function maskSnils(snils: string | null): string | null {
  if (!snils) return null;
  return `***-***-${snils.slice(6, 9)} ${snils.slice(9)}`;
}

export function formatSnils(snils: string | null): string | null {
  if (snils?.length !== 11) return snils;
  return `${snils.slice(0, 3)}-${snils.slice(3, 6)}-${snils.slice(6, 9)} ${snils.slice(9)}`;
}
