import type { Actor } from '../../platform/auth/actor.ts';
import { can, type Owned } from '../monitoring.policy.ts';
import type { MonitoringRow } from './monitorings.repository.ts';

/** A monitoring's territory columns, as the policy reads them. */
export const ownedBy = (m: Pick<MonitoringRow, 'owner_level' | 'region_id' | 'municipality_id'>): Owned => ({
  ownerLevel: m.owner_level,
  regionId: m.region_id,
  municipalityId: m.municipality_id,
});

/** A monitoring as the API shows it, with whether the viewer may close it. */
export function presentMonitoring(actor: Actor, r: MonitoringRow) {
  return {
    id: r.id,
    setId: r.set_id,
    setName: r.set_name,
    name: r.name,
    ownerLevel: r.owner_level,
    regionId: r.region_id,
    municipalityId: r.municipality_id,
    territoryName: r.territory_name,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    asOf: r.as_of,
    targetYear: r.target_year,
    schedule: r.schedule,
    responsible: r.responsible,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
    closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
    canManage: can(actor, 'manage', { monitoring: ownedBy(r) }),
  };
}
