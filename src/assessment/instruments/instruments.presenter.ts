import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../assessment.policy.ts';
import { withoutKeys } from './content.ts';
import type { InstrumentDb } from './instruments.repository.ts';
import type { InstrumentCard, InstrumentSummary } from './instruments.schemas.ts';

export function presentInstrumentSummary(actor: Actor, r: InstrumentDb): InstrumentSummary {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    frameworkId: r.framework_id,
    frameworkCode: r.framework_code,
    ownerLevel: r.owner_level,
    regionId: r.region_id,
    municipalityId: r.municipality_id,
    version: r.version,
    itemCount: r.item_count,
    updatedAt: r.updated_at,
    canEdit: can(actor, 'update', { instrument: r }),
  };
}

/** The card; the keys (correct options, points, reverse keying, scales) only for those who build instruments. */
export function presentInstrumentCard(actor: Actor, r: InstrumentDb): InstrumentCard {
  const keys = can(actor, 'view', 'instrument-keys');
  return {
    ...presentInstrumentSummary(actor, r),
    keysIncluded: keys,
    content: keys ? r.content : withoutKeys(r.content),
  };
}

/** The instrument with its keys as the JSON document of an export. */
export function instrumentDocument(r: InstrumentDb) {
  return {
    format: 'marshrut-instrument',
    code: r.code,
    name: r.name,
    kind: r.kind,
    frameworkId: r.framework_id,
    frameworkCode: r.framework_code,
    version: r.version,
    content: r.content,
  };
}
