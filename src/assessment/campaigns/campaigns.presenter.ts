import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../assessment.policy.ts';
import type { CampaignDb, ProgressDb } from './campaigns.repository.ts';
import type { Campaign } from './campaigns.schemas.ts';

export function presentCampaign(actor: Actor, r: CampaignDb): Campaign {
  return {
    id: r.id,
    name: r.name,
    ownerLevel: r.owner_level,
    regionId: r.region_id,
    municipalityId: r.municipality_id,
    organizationId: r.organization_id,
    frameworkId: r.framework_id,
    status: r.status,
    opensAt: new Date(r.opens_at).toISOString(),
    closesAt: new Date(r.closes_at).toISOString(),
    target: r.target,
    participantCount: r.participant_count,
    instruments: r.instruments,
    createdAt: new Date(r.created_at).toISOString(),
    closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
    canManage: can(actor, 'manage', { campaign: r }),
  };
}

export const presentProgress = (r: ProgressDb) => ({
  organizationId: r.organization_id,
  organizationName: r.organization_name,
  invited: r.invited,
  started: r.started,
  submitted: r.submitted,
  submittedOnline: r.submitted_online,
  imported: r.imported,
});
