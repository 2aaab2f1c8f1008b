import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { orgScope } from '../../platform/auth/scope.ts';
import type { Db } from '../../platform/db/database.ts';
import { naturalOrder } from '../../platform/db/natural-order.ts';

export interface VacancyRowDb {
  id: string;
  organization_id: string;
  organization_name: string;
  position: string;
  subject: string | null;
  rate: number;
  zemsky: boolean;
  opened_on: string;
  closed_on: string | null;
}

export interface VacancyFilters {
  municipalityId?: string | undefined;
  organizationId?: string | undefined;
  open?: boolean | undefined;
  zemsky?: boolean | undefined;
  subject?: string | undefined;
}

export async function listVacancies(db: Db, actor: Actor, f: VacancyFilters): Promise<VacancyRowDb[]> {
  const parts: SQL[] = [orgScope(actor, 'o')];
  if (f.municipalityId) parts.push(sql`o.municipality_id = ${f.municipalityId}`);
  if (f.organizationId) parts.push(sql`v.organization_id = ${f.organizationId}`);
  if (f.open !== undefined) parts.push(f.open ? sql`v.closed_on IS NULL` : sql`v.closed_on IS NOT NULL`);
  if (f.zemsky !== undefined) parts.push(sql`v.zemsky = ${f.zemsky}`);
  if (f.subject) parts.push(sql`v.subject = ${f.subject}`);
  return db.query<VacancyRowDb>(sql`
    SELECT v.id, v.organization_id, o.short_name AS organization_name, v.position, v.subject, v.rate, v.zemsky,
           v.opened_on, v.closed_on
    FROM vacancies v JOIN organizations o ON o.id = v.organization_id
    WHERE ${sql.join(parts, sql` AND `)}
    ORDER BY v.closed_on IS NOT NULL, v.opened_on DESC, ${naturalOrder('o.short_name')}`);
}

export async function findVacancy(db: Db, actor: Actor, id: string): Promise<VacancyRowDb | null> {
  const rows = await db.query<VacancyRowDb>(sql`
    SELECT v.id, v.organization_id, o.short_name AS organization_name, v.position, v.subject, v.rate, v.zemsky,
           v.opened_on, v.closed_on
    FROM vacancies v JOIN organizations o ON o.id = v.organization_id
    WHERE v.id = ${id} AND ${orgScope(actor, 'o')}`);
  return rows[0] ?? null;
}

export interface VacancyWrite {
  organizationId: string;
  position: string;
  subject: string | null;
  rate: number;
  zemsky: boolean;
  openedOn: string;
  closedOn: string | null;
}

export async function insertVacancy(db: Db, v: VacancyWrite): Promise<string> {
  const [row] = await db.query<{ id: string }>(sql`
    INSERT INTO vacancies (organization_id, position, subject, rate, zemsky, opened_on, closed_on)
    VALUES (${v.organizationId}, ${v.position}, ${v.subject}, ${v.rate}, ${v.zemsky}, ${v.openedOn}, ${v.closedOn})
    RETURNING id`);
  return row!.id;
}

export async function updateVacancy(db: Db, id: string, v: VacancyWrite): Promise<void> {
  await db.query(sql`
    UPDATE vacancies SET organization_id = ${v.organizationId}, position = ${v.position}, subject = ${v.subject},
      rate = ${v.rate}, zemsky = ${v.zemsky}, opened_on = ${v.openedOn}, closed_on = ${v.closedOn}, updated_at = now()
    WHERE id = ${id}`);
}
