import { loadDerivedRules } from '../directory/derived/derived-rules.repository.ts';
import { writeAudit } from '../platform/audit/audit.repository.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Db } from '../platform/db/database.ts';
import { forbidden } from '../platform/errors.ts';
import { can as canInPlatform } from '../platform/platform.policy.ts';
import { readSetting, writeSetting } from '../platform/settings/settings.repository.ts';
import { canSeeSummary, canSeeWarnings } from './mentoring.policy.ts';
import { presentSummary, presentWarning } from './mentoring.presenter.ts';
import { summaryByOrganization, youngWithoutMentor } from './mentoring.repository.ts';
import { type Deps, dayOf } from './mentoring.service.ts';
import { DEFAULT_WARNING_WEEKS, MENTORING_SETTINGS_KEY } from './mentoring.vocabulary.ts';

/** Young specialists without a mentor, the counts by organization, the settings. */

// ---- warnings, counts, settings ----

export async function readMentoringSettings(db: Db) {
  const stored = (await readSetting(db, MENTORING_SETTINGS_KEY)) as { warningWeeks?: unknown } | undefined;
  const weeks = Number(stored?.warningWeeks);
  return {
    warningWeeks: Number.isInteger(weeks) && weeks >= 1 && weeks <= 52 ? weeks : DEFAULT_WARNING_WEEKS,
  };
}

export async function changeMentoringSettings({ db }: Deps, actor: Actor, value: { warningWeeks: number }) {
  if (!canInPlatform(actor, 'change', 'settings')) throw forbidden('Настройки меняет администратор системы.');
  const before = await readMentoringSettings(db);
  await db.transaction(async (tx) => {
    await writeSetting(tx, MENTORING_SETTINGS_KEY, value, actor.userId);
    await writeAudit(tx, {
      actor,
      action: 'update',
      entity: 'settings',
      entityId: MENTORING_SETTINGS_KEY,
      before,
      after: value,
    });
  });
  return readMentoringSettings(db);
}

export async function warnings(deps: Deps, actor: Actor, q: { organizationId?: string | undefined }) {
  const { db } = deps;
  if (!canSeeWarnings(actor))
    throw forbidden('Список молодых специалистов без наставника видят руководитель организации и методист.');
  const asOf = dayOf(deps);
  const [{ warningWeeks: weeks }, rules] = await Promise.all([
    readMentoringSettings(db),
    loadDerivedRules(db),
  ]);
  const rows = await youngWithoutMentor(db, actor, { asOf, weeks, rules, organizationId: q.organizationId });
  await writeAudit(db, {
    actor,
    action: 'read',
    entity: 'mentoring_warnings',
    details: { ...q, count: rows.length },
  });
  return { weeks, asOf, items: rows.map((w) => presentWarning(w, asOf)) };
}

export async function summary(deps: Deps, actor: Actor) {
  if (!canSeeSummary(actor)) throw forbidden();
  const rules = await loadDerivedRules(deps.db);
  return presentSummary(await summaryByOrganization(deps.db, actor, { asOf: dayOf(deps), rules }));
}
