import { sql } from 'drizzle-orm';
import { writeAudit } from '../audit/audit.repository.ts';
import { type Actor, type Role, SYSTEM_ACTOR } from '../auth/actor.ts';
import { forgetSessions } from '../auth/auth.repository.ts';
import { personScope } from '../auth/scope.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import type { Db } from '../db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import { can } from '../platform.policy.ts';
import {
  findUserForAdmin,
  insertInvitation,
  insertUser,
  personPlacement,
  type UserWrite,
  updateUser,
} from './users.repository.ts';

export const INVITATION_DAYS = 7;

/** A role's scope ids must be present and consistent: derive the wider ones from the narrower. */
export async function resolveScope(db: Db, u: UserWrite): Promise<UserWrite> {
  let { regionId, municipalityId } = u;
  const { organizationId, personId } = u;
  if (organizationId) {
    const [o] = await db.query<{ municipality_id: string; region_id: string }>(
      sql`SELECT municipality_id, region_id FROM organizations WHERE id = ${organizationId}`,
    );
    if (!o)
      throw invalid('Организация не найдена.', [
        { path: 'organizationId', message: 'Нет такой организации' },
      ]);
    municipalityId = o.municipality_id;
    regionId = o.region_id;
  } else if (municipalityId) {
    const [m] = await db.query<{ region_id: string }>(
      sql`SELECT region_id FROM municipalities WHERE id = ${municipalityId}`,
    );
    if (!m)
      throw invalid('Муниципалитет не найден.', [
        { path: 'municipalityId', message: 'Нет такого муниципалитета' },
      ]);
    regionId = m.region_id;
  }
  const need = (ok: unknown, path: string, message: string) => {
    if (!ok) throw invalid(message, [{ path, message }]);
  };
  switch (u.role) {
    case 'region_admin':
      need(regionId, 'regionId', 'Для регионального оператора укажите регион.');
      break;
    case 'municipal_methodist':
    case 'municipal_head':
      need(municipalityId, 'municipalityId', 'Для этой роли укажите муниципалитет.');
      break;
    case 'org_head':
      need(organizationId, 'organizationId', 'Для руководителя укажите организацию.');
      break;
    case 'teacher':
      need(personId, 'personId', 'Педагог должен быть связан с записью реестра.');
      break;
    default:
      break;
  }
  return { ...u, regionId: regionId ?? null, municipalityId: municipalityId ?? null };
}

async function issueInvitation(db: Db, actor: Actor | null, userId: string) {
  const { token, hash } = newToken();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  // The command line's actor has no users row.
  const createdBy = actor && actor.userId !== SYSTEM_ACTOR.userId ? actor.userId : null;
  await insertInvitation(db, { tokenHash: hash, userId, createdBy, expiresAt });
  return { link: `/invite/${token}`, expiresAt: expiresAt.toISOString() };
}

export async function createUser(deps: { db: Db }, actor: Actor, input: UserWrite) {
  if (!can(actor, 'manage', 'users')) throw forbidden();
  const u = await resolveScope(deps.db, input);
  return deps.db.transaction(async (tx) => {
    const id = await insertUser(tx, u);
    if (!id) throw conflict('Пользователь с таким адресом электронной почты уже есть.');
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'user',
      entityId: id,
      personId: u.personId,
      after: u,
    });
    const invitation = await issueInvitation(tx, actor, id);
    return { id, ...invitation };
  });
}

export async function editUser(
  deps: { db: Db },
  actor: Actor,
  id: string,
  patch: Partial<Omit<UserWrite, 'email'>> & { active?: boolean | undefined },
) {
  if (!can(actor, 'manage', 'users')) throw forbidden();
  const before = await findUserForAdmin(deps.db, id);
  if (!before) throw notFound('Пользователь не найден.');
  if (before.id === actor.userId && (patch.active === false || (patch.role && patch.role !== 'admin'))) {
    throw conflict('Нельзя отключить себя или снять с себя роль администратора.');
  }
  const current = {
    email: before.email,
    fullName: before.full_name,
    role: before.role,
    regionId: before.region_id,
    municipalityId: before.municipality_id,
    organizationId: before.organization_id,
    personId: before.person_id,
    active: before.active,
  };
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const next = { ...current, ...defined };
  const resolved = await resolveScope(deps.db, next);
  await deps.db.transaction(async (tx) => {
    await updateUser(tx, id, { ...resolved, active: next.active });
    if (!next.active) await tx.query(sql`DELETE FROM sessions WHERE user_id = ${id}`);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'user',
      entityId: id,
      before: current,
      after: next,
    });
  });
  // Again after the commit: a request between the update and the commit read the old row.
  forgetSessions();
}

export async function resetLink(deps: { db: Db }, actor: Actor, id: string) {
  if (!can(actor, 'manage', 'users')) throw forbidden();
  const user = await findUserForAdmin(deps.db, id);
  if (!user) throw notFound('Пользователь не найден.');
  return deps.db.transaction(async (tx) => {
    const inv = await issueInvitation(tx, actor, id);
    await writeAudit(tx, { actor, action: 'invitation', entity: 'user', entityId: id });
    return inv;
  });
}

/**
 * A school head or a methodist gives a person from the registry an account: the user is bound to
 * the person and to where they work, and receives a one-time link to set a password.
 */
export async function invitePerson(
  deps: { db: Db },
  actor: Actor,
  input: { personId: string; role: Role; email: string | null },
) {
  if (!can(actor, 'invite', 'people')) throw forbidden();
  if (!can(actor, 'invite', { role: input.role })) throw forbidden('Эту роль вы не можете назначить.');
  const visible = await deps.db.query(
    sql`SELECT 1 FROM people p WHERE p.id = ${input.personId} AND ${personScope(actor, 'p')}`,
  );
  if (!visible.length) throw notFound('Сотрудник не найден или недоступен.');
  const place = await personPlacement(deps.db, input.personId);
  if (!place) throw conflict('У сотрудника нет текущего места работы.');
  const email = input.email ?? place.email;
  if (!email) throw invalid('Укажите адрес электронной почты.', [{ path: 'email', message: 'Нет адреса' }]);
  const scoped = input.role === 'teacher' || input.role === 'curator' || input.role === 'org_head';
  const u = await resolveScope(deps.db, {
    email,
    fullName: place.full_name,
    role: input.role,
    regionId: place.region_id,
    municipalityId: place.municipality_id,
    organizationId: scoped ? place.organization_id : null,
    personId: input.personId,
  });
  return deps.db.transaction(async (tx) => {
    const existing = await tx.query(sql`SELECT 1 FROM users WHERE person_id = ${input.personId}`);
    if (existing.length) throw conflict('У этого сотрудника уже есть учётная запись.');
    const id = await insertUser(tx, u);
    if (!id) throw conflict('Пользователь с таким адресом электронной почты уже есть.');
    await writeAudit(tx, {
      actor,
      action: 'invite',
      entity: 'user',
      entityId: id,
      personId: input.personId,
      after: u,
    });
    const inv = await issueInvitation(tx, actor, id);
    return { userId: id, ...inv };
  });
}

export { hashToken };
