import { type Db, sql } from '../../platform/db/database.ts';
import type { InstrumentContent, InstrumentKind } from '../instruments/content.ts';
import type { Answer, Answers } from '../instruments/scoring.ts';

/** What a teacher taking campaigns reads and writes; the window is judged by the database clock. */

export type AttemptStatus = 'not_started' | 'started' | 'submitted';
type CampaignStatus = 'draft' | 'open' | 'closed';

export interface MyCampaignDb {
  campaign_id: string;
  campaign_name: string;
  status: CampaignStatus;
  opens_at: string;
  closes_at: string;
  in_window: boolean;
  /** Results of this campaign loaded for the person by an import: how many, and the latest date. */
  imported_count: number;
  imported_on: string | null;
  instruments: {
    id: string;
    name: string;
    kind: string;
    status: AttemptStatus;
    submittedAt: string | null;
  }[];
}

/** The campaigns the person takes part in, each with its instruments and the person's attempt status. */
export async function myCampaigns(db: Db, personId: string): Promise<MyCampaignDb[]> {
  return db.query<MyCampaignDb>(sql`
    SELECT c.id AS campaign_id, c.name AS campaign_name, c.status, c.opens_at, c.closes_at,
           (c.status = 'open' AND now() >= c.opens_at AND now() < c.closes_at) AS in_window,
           imp.imported_count, imp.imported_on,
           COALESCE((SELECT jsonb_agg(jsonb_build_object('id', i.id, 'name', i.name, 'kind', i.kind,
                                      'status', COALESCE(at.status::text, 'not_started'),
                                      'submittedAt', at.submitted_at) ORDER BY ci.position)
                     FROM campaign_instruments ci JOIN instruments i ON i.id = ci.instrument_id
                     LEFT JOIN assessment_attempts at ON at.campaign_id = c.id AND at.instrument_id = i.id
                                                      AND at.person_id = ${personId}
                     WHERE ci.campaign_id = c.id), '[]'::jsonb) AS instruments
    FROM campaign_participants cp JOIN assessment_campaigns c ON c.id = cp.campaign_id
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS imported_count, to_char(max(cr.assessed_on), 'YYYY-MM-DD') AS imported_on
      FROM competency_results cr
      WHERE cr.campaign_id = c.id AND cr.person_id = ${personId} AND cr.source = 'import'
    ) imp
    WHERE cp.person_id = ${personId}
    ORDER BY c.opens_at DESC, c.id`);
}

export interface SittingDb {
  organization_id: string | null;
  in_window: boolean;
  before_open: boolean;
  status: CampaignStatus;
  id: string;
  name: string;
  kind: InstrumentKind;
  version: number;
  framework_id: string | null;
  content: InstrumentContent;
}

/** The campaign's window and the instrument, when the person is a participant and the instrument is in it. */
export async function findSitting(
  db: Db,
  campaignId: string,
  instrumentId: string,
  personId: string,
): Promise<SittingDb | null> {
  const [r] = await db.query<SittingDb>(sql`
    SELECT cp.organization_id, (c.status = 'open' AND now() >= c.opens_at AND now() < c.closes_at) AS in_window,
           now() < c.opens_at AS before_open, c.status,
           i.id, i.name, i.kind, i.version, i.framework_id, i.content
    FROM campaign_participants cp
    JOIN assessment_campaigns c ON c.id = cp.campaign_id
    JOIN campaign_instruments ci ON ci.campaign_id = c.id AND ci.instrument_id = ${instrumentId}
    JOIN instruments i ON i.id = ci.instrument_id
    WHERE cp.campaign_id = ${campaignId} AND cp.person_id = ${personId}`);
  return r ?? null;
}

export interface AttemptDb {
  id: string;
  instrument_version: number;
  status: 'started' | 'submitted';
  answers: Answers;
  started_at: string;
  submitted_at: string | null;
  scales: unknown;
}

/** The person's attempt at the instrument in the campaign; `lock` holds it until the transaction ends. */
export async function findAttempt(
  db: Db,
  campaignId: string,
  instrumentId: string,
  personId: string,
  lock = false,
): Promise<AttemptDb | null> {
  const [a] = await db.query<AttemptDb>(sql`
    SELECT id, instrument_version, status, answers, started_at, submitted_at, scales FROM assessment_attempts
    WHERE campaign_id = ${campaignId} AND instrument_id = ${instrumentId} AND person_id = ${personId}
    ${lock ? sql`FOR UPDATE` : sql``}`);
  return a ?? null;
}

/** Starts an attempt pinned to the instrument's version; nothing when one already exists. */
export async function insertAttempt(
  db: Db,
  a: { campaignId: string; instrumentId: string; version: number; personId: string },
): Promise<void> {
  await db.query(sql`
    INSERT INTO assessment_attempts (campaign_id, instrument_id, instrument_version, person_id)
    VALUES (${a.campaignId}, ${a.instrumentId}, ${a.version}, ${a.personId})
    ON CONFLICT (campaign_id, instrument_id, person_id) DO NOTHING`);
}

/** The content an earlier version of the instrument had: its update's audit entry keeps it. */
export async function previousContent(
  db: Db,
  instrumentId: string,
  version: number,
): Promise<InstrumentContent | null> {
  const [old] = await db.query<{ content: InstrumentContent }>(sql`
    SELECT before->'content' AS content FROM audit_log
    WHERE entity = 'instrument' AND entity_id = ${instrumentId} AND action = 'update'
      AND (before->>'version')::int = ${version} AND before->'content' IS NOT NULL
    ORDER BY id DESC LIMIT 1`);
  return old?.content ?? null;
}

/** Stores one answer of a started attempt; false when the attempt was submitted meanwhile. */
export async function storeAnswer(
  db: Db,
  attemptId: string,
  itemId: string,
  value: Answer,
): Promise<boolean> {
  const rows = await db.query<{ id: string }>(sql`
    UPDATE assessment_attempts
    SET answers = answers || jsonb_build_object(${itemId}::text, ${JSON.stringify(value)}::jsonb), updated_at = now()
    WHERE id = ${attemptId} AND status = 'started' RETURNING id`);
  return rows.length > 0;
}

export async function markSubmitted(db: Db, attemptId: string, scales: unknown): Promise<void> {
  await db.query(sql`
    UPDATE assessment_attempts SET status = 'submitted', submitted_at = now(), updated_at = now(),
           scales = ${scales === null ? null : JSON.stringify(scales)}::jsonb
    WHERE id = ${attemptId}`);
}

/**
 * Writes an attempt's percents as the person's competency results (codes of the framework),
 * assessed on `assessedOn` (the platform's today, in the municipality's time zone); returns how many.
 */
export async function insertPlatformResults(
  db: Db,
  r: {
    personId: string;
    campaignId: string;
    attemptId: string;
    organizationId: string | null;
    frameworkId: string;
    assessedOn: string;
    rows: { code: string; percent: number }[];
  },
): Promise<number> {
  const inserted = await db.query<{ id: number }>(sql`
    INSERT INTO competency_results (person_id, competency_id, campaign_id, attempt_id, source, organization_id,
                                    assessed_on, percent)
    SELECT ${r.personId}, comp.id, ${r.campaignId}, ${r.attemptId}, 'platform', ${r.organizationId}, ${r.assessedOn}::date, x.percent
    FROM jsonb_to_recordset(${JSON.stringify(r.rows)}::jsonb) AS x(code text, percent numeric)
    JOIN competencies comp ON comp.framework_id = ${r.frameworkId} AND comp.code = x.code
    RETURNING id`);
  return inserted.length;
}
