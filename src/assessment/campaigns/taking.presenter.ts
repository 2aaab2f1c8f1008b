import type { InstrumentContent } from '../instruments/content.ts';
import { withoutKeys } from '../instruments/content.ts';
import type { Answer } from '../instruments/scoring.ts';
import type { AttemptDb, MyCampaignDb } from './taking.repository.ts';

const iso = (t: string) => new Date(t).toISOString();

export function presentMyCampaign(r: MyCampaignDb) {
  return {
    campaignId: r.campaign_id,
    name: r.campaign_name,
    status: r.status,
    opensAt: iso(r.opens_at),
    closesAt: iso(r.closes_at),
    inWindow: r.in_window,
    imported: r.imported_count > 0 ? { results: r.imported_count, assessedOn: r.imported_on! } : null,
    instruments: r.instruments.map((i) => ({
      ...i,
      submittedAt: i.submittedAt ? iso(i.submittedAt) : null,
    })),
  };
}

/** The sheet a participant fills in: the pinned version's content without keys, and their answers. */
export function presentSheet(
  instrument: { id: string; name: string; kind: 'test' | 'self_assessment' | 'burnout' },
  content: InstrumentContent,
  a: AttemptDb,
  inWindow: boolean,
) {
  return {
    instrument: {
      id: instrument.id,
      name: instrument.name,
      kind: instrument.kind,
      version: a.instrument_version,
      content: withoutKeys(content),
    },
    attempt: {
      id: a.id,
      status: a.status,
      answers: a.answers as Record<string, Answer>,
      startedAt: iso(a.started_at),
      submittedAt: a.submitted_at ? iso(a.submitted_at) : null,
    },
    inWindow,
  };
}
