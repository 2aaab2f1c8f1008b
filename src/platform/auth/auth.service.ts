import { writeAudit } from '../audit/audit.repository.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { AppError, invalid, unauthenticated } from '../errors.ts';
import type { Actor } from './actor.ts';
import {
  countRecentFailures,
  deleteSession,
  deleteUserSessions,
  findSessionUser,
  findUserByEmail,
  findUserById,
  forgetSessions,
  insertSession,
  recordLoginAttempt,
  setPassword,
  toActor,
  touchLastLogin,
  type UserRow,
} from './auth.repository.ts';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { hashToken, newToken } from './tokens.ts';

export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

type AuthConfig = Pick<Config, 'sessionIdleMinutes' | 'sessionAbsoluteHours'>;

export async function login(
  deps: { db: Db; config: AuthConfig },
  input: { email: string; password: string; ip: string; userAgent: string | undefined },
): Promise<{ actor: Actor; sessionToken: string; expiresAt: Date }> {
  const { db } = deps;
  const email = input.email.trim().toLowerCase();
  const failures = await countRecentFailures(db, email, input.ip, LOGIN_WINDOW_MINUTES);
  if (failures.byEmail >= MAX_FAILURES_PER_ACCOUNT || failures.byIp >= MAX_FAILURES_PER_IP) {
    throw new AppError(
      'rate_limited',
      `Слишком много неудачных попыток входа. Повторите через ${LOGIN_WINDOW_MINUTES} минут.`,
    );
  }
  const user = await findUserByEmail(db, email);
  const ok = user
    ? await verifyPassword(user.password_hash, input.password)
    : (await verifyPassword(await dummyHash(), input.password)) && false;
  if (!user || !ok || !user.active) {
    await recordLoginAttempt(db, email, input.ip, false);
    throw unauthenticated('Неверный адрес электронной почты или пароль.');
  }
  await recordLoginAttempt(db, email, input.ip, true);
  return startSession(deps, user, input);
}

/** Issues a new session for a user whose identity was just proven (password or invitation). */
export async function startSession(
  deps: { db: Db; config: AuthConfig },
  user: UserRow,
  input: { ip: string; userAgent: string | undefined },
): Promise<{ actor: Actor; sessionToken: string; expiresAt: Date }> {
  const { db, config } = deps;
  const { token, hash } = newToken();
  const expiresAt = new Date(Date.now() + config.sessionAbsoluteHours * 3600_000);
  await insertSession(db, {
    idHash: hash,
    userId: user.id,
    expiresAt,
    ip: input.ip,
    userAgent: input.userAgent,
  });
  await touchLastLogin(db, user.id);
  const actor = toActor(user);
  await writeAudit(db, { actor, action: 'login', entity: 'user', entityId: user.id, ip: input.ip });
  return { actor, sessionToken: token, expiresAt };
}

export async function authenticate(
  deps: { db: Db; config: AuthConfig },
  sessionToken: string | undefined,
): Promise<Actor | null> {
  if (!sessionToken || sessionToken.length > 200) return null;
  const user = await findSessionUser(deps.db, hashToken(sessionToken), deps.config.sessionIdleMinutes);
  return user ? toActor(user) : null;
}

export async function logout(deps: { db: Db }, sessionToken: string | undefined): Promise<void> {
  if (sessionToken) await deleteSession(deps.db, hashToken(sessionToken));
}

export async function changePassword(
  deps: { db: Db },
  input: { actor: Actor; currentPassword: string; newPassword: string; sessionToken: string | undefined },
): Promise<void> {
  const user = await findUserById(deps.db, input.actor.userId);
  if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw invalid('Текущий пароль указан неверно.', [
      { path: 'currentPassword', message: 'Неверный пароль' },
    ]);
  }
  const problem = passwordProblem(input.newPassword);
  if (problem) throw invalid(problem, [{ path: 'newPassword', message: problem }]);
  await deps.db.transaction(async (tx) => {
    await setPassword(tx, user.id, await hashPassword(input.newPassword));
    // Other sessions end: a changed password must lock out whoever knew the old one.
    await deleteUserSessions(tx, user.id, input.sessionToken ? hashToken(input.sessionToken) : undefined);
    await writeAudit(tx, {
      actor: input.actor,
      action: 'password_change',
      entity: 'user',
      entityId: user.id,
    });
  });
  // Again after the commit: a request between the delete and the commit read the old sessions.
  forgetSessions();
}
