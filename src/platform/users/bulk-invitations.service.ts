import { type AuditEntry, writeAudit, writeAuditMany } from '../audit/audit.repository.ts';
import { type Actor, ROLE_SCOPE, SYSTEM_ACTOR } from '../auth/actor.ts';
import { newToken } from '../auth/tokens.ts';
import type { Db } from '../db/database.ts';
import { forbidden, invalid, notFound } from '../errors.ts';
import { can } from '../platform.policy.ts';
import {
  type BulkCandidateDb,
  type BulkFilter,
  findBulkCandidates,
  insertTeacherAccounts,
  lockBulkInvitations,
  replaceInvitations,
  visibleMunicipality,
  visibleOrganization,
} from './bulk-invitations.repository.ts';

/**
 * Inviting many registry people at once: every selected person (the teachers of a municipality
 * or a school) gets a teacher account bound to their registry record and a one-time link to set
 * a password. People with no e-mail on record get an account without one and give their address
 * when they open the link. The links exist only in the answer (the list to hand out): the
 * database keeps their hashes, so the work is done within the request — set-based, a few
 * statements for 500 people — rather than as a job whose stored result would hold the links.
 */

/** Links handed out on paper through the schools live longer than a single invitation's week. */
export const BULK_INVITATION_DAYS = 30;
/** One action covers a municipality; a whole region is invited municipality by municipality. */
export const BULK_MAX_PEOPLE = 5000;

export type BulkOutcome = 'invited' | 'reissued' | 'pending' | 'has_account' | 'disabled';

export const OUTCOME_LABELS: Record<BulkOutcome, string> = {
  invited: 'Новая учётная запись',
  reissued: 'Новая ссылка (прежняя больше не действует)',
  pending: 'Уже приглашён(а), ещё не входил(а)',
  has_account: 'Уже работает в системе',
  disabled: 'Учётная запись отключена',
};

export interface PlannedInvitation {
  candidate: BulkCandidateDb;
  outcome: BulkOutcome;
  /** The login of a new account: the registry's address if no other account has it, else none. */
  email: string | null;
}

/**
 * Decides each person's outcome (pure): a new account for someone without one; a new link for an
 * account never taken up, when asked; nothing for those who already sign in or were switched off.
 * An address that another account (or an earlier person of the list) has is left out.
 */
export function planBulkInvitations(
  candidates: readonly BulkCandidateDb[],
  opts: { reissue: boolean },
): PlannedInvitation[] {
  const used = new Set<string>();
  return candidates.map((c) => {
    if (c.user_id) {
      const outcome: BulkOutcome =
        c.user_active === false
          ? 'disabled'
          : c.user_has_password
            ? 'has_account'
            : opts.reissue
              ? 'reissued'
              : 'pending';
      return { candidate: c, outcome, email: null };
    }
    const key = c.email?.toLowerCase() ?? null;
    const email = key && !c.email_taken && !used.has(key) ? c.email : null;
    if (key) used.add(key);
    return { candidate: c, outcome: 'invited', email };
  });
}

export interface BulkSummary {
  total: number;
  invited: number;
  withoutEmail: number;
  reissued: number;
  pending: number;
  hasAccount: number;
  disabled: number;
  organizations: { id: string; name: string; people: number; invited: number }[];
}

function summarize(plan: readonly PlannedInvitation[]): BulkSummary {
  const orgs = new Map<string, BulkSummary['organizations'][number]>();
  const s: BulkSummary = {
    total: plan.length,
    invited: 0,
    withoutEmail: 0,
    reissued: 0,
    pending: 0,
    hasAccount: 0,
    disabled: 0,
    organizations: [],
  };
  for (const p of plan) {
    const c = p.candidate;
    let org = orgs.get(c.organization_id);
    if (!org) {
      org = { id: c.organization_id, name: c.organization_name, people: 0, invited: 0 };
      orgs.set(c.organization_id, org);
    }
    org.people++;
    if (p.outcome === 'invited' || p.outcome === 'reissued') org.invited++;
    if (p.outcome === 'invited') {
      s.invited++;
      if (!p.email) s.withoutEmail++;
    } else if (p.outcome === 'reissued') s.reissued++;
    else if (p.outcome === 'pending') s.pending++;
    else if (p.outcome === 'has_account') s.hasAccount++;
    else s.disabled++;
  }
  s.organizations = [...orgs.values()];
  return s;
}

/** The filter as the actor may use it: named territory visible, a territory required for wide scopes. */
async function checkFilter(db: Db, actor: Actor, f: BulkFilter): Promise<void> {
  if (!can(actor, 'invite', { role: 'teacher' }))
    throw forbidden('Приглашать сотрудников может руководитель организации или методист.');
  if (f.municipalityId && !(await visibleMunicipality(db, actor, f.municipalityId)))
    throw notFound('Муниципалитет не найден или недоступен.');
  if (f.organizationId && !(await visibleOrganization(db, actor, f.organizationId)))
    throw notFound('Организация не найдена или недоступна.');
  const wide = ROLE_SCOPE[actor.role] === 'all' || ROLE_SCOPE[actor.role] === 'region';
  if (wide && !f.municipalityId && !f.organizationId)
    throw invalid('Выберите муниципалитет или организацию, сотрудников которых пригласить.', [
      { path: 'municipalityId', message: 'Выберите муниципалитет' },
    ]);
}

async function plan(db: Db, actor: Actor, f: BulkFilter, reissue: boolean) {
  await checkFilter(db, actor, f);
  const candidates = await findBulkCandidates(db, actor, f);
  if (candidates.length > BULK_MAX_PEOPLE)
    throw invalid(
      `В выборке ${candidates.length} человек — больше, чем можно пригласить за один раз (${BULK_MAX_PEOPLE}): выберите муниципалитет или организацию.`,
    );
  return planBulkInvitations(candidates, { reissue });
}

/** What the action would do, without doing it: counts for the page's confirmation. */
export async function previewBulkInvitations(
  { db }: { db: Db },
  actor: Actor,
  input: BulkFilter & { reissue?: boolean | undefined },
): Promise<BulkSummary> {
  return summarize(await plan(db, actor, input, input.reissue ?? false));
}

export interface BulkInvitationLine {
  fullName: string;
  organization: string;
  position: string;
  email: string | null;
  link: string | null;
  status: string;
}

export interface BulkInvitationResult extends BulkSummary {
  expiresAt: string;
  /** Everyone of the selection in list order; only the invited and re-invited have a link. */
  lines: BulkInvitationLine[];
}

/**
 * Invites the selection: new teacher accounts and one-time links in one transaction, with an
 * audit entry per account and one for the action. `origin` makes the links absolute
 * (`https://host/invite/…`), as the list is printed or mailed.
 */
export async function bulkInvite(
  { db }: { db: Db },
  actor: Actor,
  input: BulkFilter & { reissue: boolean; origin: string; format: string },
): Promise<BulkInvitationResult> {
  const expiresAt = new Date(Date.now() + BULK_INVITATION_DAYS * 86_400_000);
  return db.transaction(async (tx) => {
    await lockBulkInvitations(tx);
    const planned = await plan(tx, actor, input, input.reissue);
    const fresh = planned.filter((p) => p.outcome === 'invited');
    const created = await insertTeacherAccounts(
      tx,
      fresh.map((p) => ({
        personId: p.candidate.person_id,
        email: p.email,
        fullName: p.candidate.full_name,
        regionId: p.candidate.region_id,
        municipalityId: p.candidate.municipality_id,
        organizationId: p.candidate.organization_id,
      })),
    );
    const userOf = new Map(created.map((u) => [u.person_id, u.id]));
    for (const p of planned) {
      if (p.outcome === 'reissued') userOf.set(p.candidate.person_id, p.candidate.user_id!);
    }
    const tokens = new Map<string, string>();
    const links = [...userOf.entries()].map(([personId, userId]) => {
      const { token, hash } = newToken();
      tokens.set(personId, token);
      return { userId, tokenHash: hash };
    });
    await replaceInvitations(
      tx,
      links,
      actor.userId === SYSTEM_ACTOR.userId ? null : actor.userId,
      expiresAt,
    );

    const audit: AuditEntry[] = [];
    for (const p of planned) {
      const userId = userOf.get(p.candidate.person_id);
      if (!userId) continue;
      audit.push({
        actor,
        action: p.outcome === 'invited' ? 'invite' : 'invitation',
        entity: 'user',
        entityId: userId,
        personId: p.candidate.person_id,
        ...(p.outcome === 'invited'
          ? {
              after: {
                role: 'teacher',
                email: p.email,
                organizationId: p.candidate.organization_id,
                personId: p.candidate.person_id,
              },
            }
          : {}),
        details: { bulk: true },
      });
    }
    await writeAuditMany(tx, audit);

    // A new account lost to a concurrent insert of the same address is reported, not linked.
    const lines: BulkInvitationLine[] = planned.map((p) => {
      const token = tokens.get(p.candidate.person_id);
      const outcome: BulkOutcome = p.outcome === 'invited' && !token ? 'has_account' : p.outcome;
      return {
        fullName: p.candidate.full_name,
        organization: p.candidate.organization_name,
        position: p.candidate.position,
        email: outcome === 'invited' ? p.email : null,
        link: token ? `${input.origin}/invite/${token}` : null,
        status: OUTCOME_LABELS[outcome],
      };
    });
    const summary = summarize(planned);
    await writeAudit(tx, {
      actor,
      action: 'invite',
      entity: 'invitation',
      details: {
        bulk: true,
        role: 'teacher',
        municipalityId: input.municipalityId ?? null,
        organizationId: input.organizationId ?? null,
        staffCategory: input.staffCategory ?? null,
        reissue: input.reissue,
        format: input.format,
        people: summary.total,
        invited: created.length,
        reissued: summary.reissued,
        expiresAt: expiresAt.toISOString(),
      },
    });
    return { ...summary, invited: created.length, expiresAt: expiresAt.toISOString(), lines };
  });
}
