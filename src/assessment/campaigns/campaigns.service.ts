import { loadDerivedRules } from '../../directory/derived/derived-rules.repository.ts';
import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { today } from '../../platform/time/today.ts';
import { can, newRecordOwner } from '../assessment.policy.ts';
import { municipalityRegion, organizationTerritory } from '../assessment.repository.ts';
import { findFramework } from '../frameworks/frameworks.repository.ts';
import { findInstrument } from '../instruments/instruments.repository.ts';
import { presentCampaign, presentProgress } from './campaigns.presenter.ts';
import {
  type CampaignDb,
  type CampaignTarget,
  findCampaign,
  insertCampaign,
  insertParticipants,
  listCampaignRows,
  markClosed,
  markOpen,
  progressByOrganization,
  visibleOrganizationIds,
} from './campaigns.repository.ts';

export interface CampaignInput {
  name: string;
  frameworkId?: string | null | undefined;
  instrumentIds: string[];
  opensAt: string;
  closesAt: string;
  target: CampaignTarget;
}

function requireViewer(actor: Actor): void {
  if (!can(actor, 'view', 'campaigns')) throw forbidden();
}

async function visibleCampaign(db: Db, actor: Actor, id: string): Promise<CampaignDb> {
  const r = await findCampaign(db, actor, id);
  if (!r) throw notFound('Кампания диагностики не найдена или недоступна.');
  return r;
}

export async function listCampaigns(db: Db, actor: Actor) {
  requireViewer(actor);
  return (await listCampaignRows(db, actor)).map((r) => presentCampaign(actor, r));
}

export async function getCampaign(db: Db, actor: Actor, id: string) {
  requireViewer(actor);
  return presentCampaign(actor, await visibleCampaign(db, actor, id));
}

/** The owner of a campaign the actor creates: their level, with the region (and municipality) it lies in. */
async function ownerOf(db: Db, actor: Actor) {
  const none = { regionId: null, municipalityId: null, organizationId: null };
  const owner = newRecordOwner(actor);
  if (!owner) throw forbidden();
  switch (owner.level) {
    case 'region':
      return { ...none, ownerLevel: 'region' as const, regionId: owner.regionId };
    case 'municipality':
      return {
        ...none,
        ownerLevel: 'municipality' as const,
        regionId: await municipalityRegion(db, owner.municipalityId),
        municipalityId: owner.municipalityId,
      };
    case 'organization': {
      const territory = await organizationTerritory(db, owner.organizationId);
      return {
        ownerLevel: 'organization' as const,
        regionId: territory?.regionId ?? null,
        municipalityId: territory?.municipalityId ?? null,
        organizationId: owner.organizationId,
      };
    }
    case 'system':
      return { ...none, ownerLevel: 'system' as const };
  }
}

export async function createCampaign(db: Db, actor: Actor, input: CampaignInput): Promise<string> {
  if (!can(actor, 'conduct', 'campaigns')) throw forbidden();
  if (new Date(input.closesAt).getTime() <= new Date(input.opensAt).getTime())
    throw invalid('Дата окончания должна быть позже даты начала.', [
      { path: 'closesAt', message: 'Окончание позже начала' },
    ]);
  const frameworkId = input.frameworkId ?? null;
  if (frameworkId && !(await findFramework(db, actor, frameworkId)))
    throw invalid('Карта компетенций не найдена или недоступна.', [
      { path: 'frameworkId', message: 'Нет такой карты компетенций' },
    ]);
  const instrumentIds = [...new Set(input.instrumentIds)];
  for (const [i, id] of instrumentIds.entries()) {
    const instrument = await findInstrument(db, actor, id);
    if (!instrument)
      throw invalid('Методика не найдена или недоступна.', [
        { path: `instrumentIds.${i}`, message: 'Нет такой методики' },
      ]);
    if (frameworkId && instrument.framework_id && instrument.framework_id !== frameworkId)
      throw invalid(`Методика «${instrument.name}» построена на другой карте компетенций.`, [
        { path: `instrumentIds.${i}`, message: 'Другая карта компетенций' },
      ]);
  }
  const orgIds = [...new Set(input.target.organizationIds ?? [])];
  if (orgIds.length) {
    const ok = await visibleOrganizationIds(db, actor, orgIds);
    const outside = orgIds.filter((id) => !ok.has(id));
    if (outside.length)
      throw invalid('Организации вне вашей зоны ответственности нельзя включить в кампанию.', [
        { path: 'target.organizationIds', message: `Недоступны: ${outside.join(', ')}` },
      ]);
  }
  const owner = await ownerOf(db, actor);
  const target: CampaignTarget = { ...input.target, ...(orgIds.length ? { organizationIds: orgIds } : {}) };
  return db.transaction(async (tx) => {
    const id = await insertCampaign(tx, {
      name: input.name,
      ...owner,
      frameworkId,
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      target,
      createdBy: actor.userId,
      instrumentIds,
    });
    await writeAudit(tx, {
      actor,
      action: 'create',
      entity: 'assessment_campaign',
      entityId: id,
      after: {
        name: input.name,
        frameworkId,
        instrumentIds,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        target,
        ...owner,
      },
    });
    return id;
  });
}

/** The campaign if the actor may open or close it: 403 by role first, 404 when not visible, 403 when not theirs. */
async function manageable(db: Db, actor: Actor, id: string): Promise<CampaignDb> {
  if (!can(actor, 'conduct', 'campaigns')) throw forbidden();
  const c = await visibleCampaign(db, actor, id);
  if (!can(actor, 'manage', { campaign: c })) throw forbidden('Кампанией управляет тот, кто её создал.');
  return c;
}

/** Opens a draft campaign and freezes its participants: everyone currently employed in the target. */
export async function openCampaign(db: Db, actor: Actor, id: string): Promise<void> {
  const c = await manageable(db, actor, id);
  if (c.status !== 'draft') throw conflict('Открыть можно только кампанию в статусе «черновик».');
  const rules = await loadDerivedRules(db);
  await db.transaction(async (tx) => {
    if (!(await markOpen(tx, id))) throw conflict('Открыть можно только кампанию в статусе «черновик».');
    const participants = await insertParticipants(tx, c, rules, today());
    await writeAudit(tx, {
      actor,
      action: 'open',
      entity: 'assessment_campaign',
      entityId: id,
      before: { status: c.status },
      after: { status: 'open', participants },
    });
  });
}

export async function closeCampaign(db: Db, actor: Actor, id: string): Promise<void> {
  const c = await manageable(db, actor, id);
  if (c.status !== 'open') throw conflict('Закрыть можно только открытую кампанию.');
  await db.transaction(async (tx) => {
    if (!(await markClosed(tx, id))) throw conflict('Закрыть можно только открытую кампанию.');
    await writeAudit(tx, {
      actor,
      action: 'close',
      entity: 'assessment_campaign',
      entityId: id,
      before: { status: 'open' },
      after: { status: 'closed' },
    });
  });
}

/**
 * Progress by organization within the viewer's scope: invited, started (at least one attempt),
 * submitted (every instrument of the campaign submitted).
 */
export async function campaignProgress(db: Db, actor: Actor, id: string) {
  requireViewer(actor);
  await visibleCampaign(db, actor, id);
  return (await progressByOrganization(db, actor, id)).map(presentProgress);
}
