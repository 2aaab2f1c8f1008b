import type { SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { type Db, sql } from '../db/database.ts';
import { currentRequest } from '../http/request-context.ts';
import { copyRows } from '../import/copy-text.ts';
import type { AuditAction, AuditEntity } from './audit.labels.ts';

export interface AuditEntry {
  actor: Pick<Actor, 'userId' | 'email'> | null;
  action: AuditAction;
  entity: AuditEntity;
  entityId?: string | null;
  personId?: string | null;
  before?: unknown;
  after?: unknown;
  details?: unknown;
  ip?: string;
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/** Appends one entry; call it inside the transaction that makes the change it records. */
export async function writeAudit(db: Db, e: AuditEntry): Promise<void> {
  const ctx = currentRequest();
  await db.query(sql`
    INSERT INTO audit_log (actor_user_id, actor_email, action, entity, entity_id, person_id, before, after, details, request_id, ip)
    VALUES (${e.actor?.userId ?? null}, ${e.actor?.email ?? null}, ${e.action}, ${e.entity}, ${e.entityId ?? null},
            ${e.personId ?? null}, ${json(e.before)}::jsonb, ${json(e.after)}::jsonb, ${json(e.details)}::jsonb,
            ${ctx?.requestId ?? null}, ${e.ip ?? ctx?.ip ?? null})`);
}

/**
 * The INSERT of one entry per row of `source` (a CTE of the same statement), for a change made in a
 * single statement: `entityId`, `personId` and `after` are SQL over that CTE's columns. The entry is
 * then atomic with the change without a transaction around them.
 */
export function auditRowsSql(
  e: Pick<AuditEntry, 'actor' | 'action' | 'entity'>,
  source: SQL,
  cols: { entityId: SQL; personId: SQL; after: SQL },
): SQL {
  const ctx = currentRequest();
  return sql`
    INSERT INTO audit_log (actor_user_id, actor_email, action, entity, entity_id, person_id, after, request_id, ip)
    SELECT ${e.actor?.userId ?? null}::uuid, ${e.actor?.email ?? null}, ${e.action}, ${e.entity}, ${cols.entityId},
           ${cols.personId}, ${cols.after}, ${ctx?.requestId ?? null}, ${ctx?.ip ?? null}
    FROM ${source}`;
}

/** Many entries in one statement, for imports. */
export async function writeAuditMany(db: Db, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const ctx = currentRequest();
  const payload = entries.map((e) => ({
    actor_user_id: e.actor?.userId ?? null,
    actor_email: e.actor?.email ?? null,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId ?? null,
    person_id: e.personId ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
    details: e.details ?? null,
  }));
  await db.query(sql`
    INSERT INTO audit_log (actor_user_id, actor_email, action, entity, entity_id, person_id, before, after, details, request_id, ip)
    SELECT x.actor_user_id, x.actor_email, x.action, x.entity, x.entity_id, x.person_id, x.before, x.after, x.details,
           ${ctx?.requestId ?? null}, ${ctx?.ip ?? null}
    FROM jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) AS x(
      actor_user_id uuid, actor_email text, action text, entity text, entity_id text, person_id uuid,
      before jsonb, after jsonb, details jsonb)`);
}

/**
 * Many entries through COPY: the same rows as writeAuditMany, for imports of tens of thousands of
 * changes (one statement per 20 000 entries instead of a jsonb round trip per 1 000).
 */
export async function copyAudit(db: Db, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const ctx = currentRequest();
  const requestId = ctx?.requestId ?? null;
  const ip = ctx?.ip ?? null;
  await copyRows(
    db,
    'audit_log',
    AUDIT_COLUMNS,
    entries.map((e) => [
      e.actor?.userId ?? null,
      e.actor?.email ?? null,
      e.action,
      e.entity,
      e.entityId ?? null,
      e.personId ?? null,
      json(e.before),
      json(e.after),
      json(e.details),
      requestId,
      e.ip ?? ip,
    ]),
  );
}

const AUDIT_COLUMNS = [
  'actor_user_id',
  'actor_email',
  'action',
  'entity',
  'entity_id',
  'person_id',
  'before',
  'after',
  'details',
  'request_id',
  'ip',
];

/** One changed record of a bulk write, for a compact entry. */
export interface AuditChange {
  personId: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** People per compact entry: a person's card reads (detoasts) one entry's changes, so keep it modest. */
export const COMPACT_AUDIT_PEOPLE = 1000;

/**
 * Compact entries of a bulk write (a staff import): instead of one row per changed record, one row
 * per kind of change (action and entity) and batch of up to COMPACT_AUDIT_PEOPLE people, listing
 * them in `person_ids` and each one's records, before and after, in `changes`. Nothing is lost: a
 * person's history and the audit log filtered by person read the entries back one per record
 * (`personAuditEntries`). A person's records of one kind stay in one batch.
 */
export async function copyCompactAudit(
  db: Db,
  e: Pick<AuditEntry, 'actor' | 'action' | 'entity' | 'details'>,
  changes: readonly AuditChange[],
): Promise<number> {
  if (changes.length === 0) return 0;
  const ctx = currentRequest();
  const rows: (string | null)[][] = [];
  let batch = new Map<string, { id: string; before?: unknown; after?: unknown }[]>();
  let count = 0;
  const flush = () => {
    if (batch.size === 0) return;
    const ids = [...batch.keys()];
    rows.push([
      e.actor?.userId ?? null,
      e.actor?.email ?? null,
      e.action,
      e.entity,
      JSON.stringify({ ...(e.details as object), people: ids.length, count }),
      ctx?.requestId ?? null,
      ctx?.ip ?? null,
      `{${ids.join(',')}}`,
      JSON.stringify(Object.fromEntries(batch)),
    ]);
    batch = new Map();
    count = 0;
  };
  for (const c of changes) {
    let list = batch.get(c.personId);
    if (!list) {
      if (batch.size >= COMPACT_AUDIT_PEOPLE) flush();
      list = [];
      batch.set(c.personId, list);
    }
    const item: { id: string; before?: unknown; after?: unknown } = { id: c.entityId };
    if (c.before !== undefined && c.before !== null) item.before = c.before;
    if (c.after !== undefined && c.after !== null) item.after = c.after;
    list.push(item);
    count++;
  }
  flush();
  await copyRows(db, 'audit_log', COMPACT_COLUMNS, rows);
  return rows.length;
}

const COMPACT_COLUMNS = [
  'actor_user_id',
  'actor_email',
  'action',
  'entity',
  'details',
  'request_id',
  'ip',
  'person_ids',
  'changes',
];

const ENTRY_COLUMNS = sql.raw(
  'id, at, actor_email, action, entity, entity_id, person_id, before, after, details, request_id, ip',
);

/**
 * Every audit entry about one person as rows of audit_log's shape: those written for them alone
 * (`person_id`) and, from compact entries that list them, one row per record of theirs (its id as
 * `entity_id`, its before and after). Use it as a FROM item.
 */
export function personAuditEntries(personId: string): SQL {
  return sql`(
    SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE person_id = ${personId}
    UNION ALL
    SELECT a.id, a.at, a.actor_email, a.action, a.entity, c.value->>'id', ${personId}::uuid,
           (c.value->'before')::jsonb, (c.value->'after')::jsonb, a.details, a.request_id, a.ip
    FROM audit_log a CROSS JOIN LATERAL json_array_elements(a.changes -> ${personId}::text) AS c(value)
    WHERE a.person_ids @> ARRAY[${personId}::uuid]
  )`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AuditRow {
  id: number;
  at: string;
  actor_email: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  person_id: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
  request_id: string | null;
  ip: string | null;
}

/** The columns the log sorts by: when (the entry's order), who, what was done (then to what). */
export const AUDIT_SORTS = ['at', 'actor', 'action'] as const;
export type AuditSort = (typeof AUDIT_SORTS)[number];

function auditOrder(sort: AuditSort, order: 'asc' | 'desc'): SQL {
  const dir = sql.raw(order === 'asc' ? 'ASC' : 'DESC');
  switch (sort) {
    case 'at':
      return sql`id ${dir}, entity_id`;
    case 'actor':
      return sql`actor_email ${dir} NULLS LAST, id DESC`;
    case 'action':
      return sql`action ${dir}, entity ${dir}, id DESC`;
  }
}

export async function listAudit(
  db: Db,
  f: {
    sort?: AuditSort;
    order?: 'asc' | 'desc';
    entity?: string;
    entityId?: string;
    personId?: string;
    action?: string;
    actorEmail?: string;
    limit: number;
    offset: number;
  },
): Promise<{ rows: AuditRow[]; total: number }> {
  // A person's entries include their records in compact entries; a person's id as the entity id
  // of 'person' asks for the same.
  const personId =
    f.personId ?? (f.entity === 'person' && f.entityId && UUID.test(f.entityId) ? f.entityId : undefined);
  const from = personId ? sql`${personAuditEntries(personId)} AS e` : sql`audit_log`;
  const where = sql.join(
    [
      sql`true`,
      f.entity ? sql`entity = ${f.entity}` : undefined,
      f.entityId ? sql`entity_id = ${f.entityId}` : undefined,
      f.action ? sql`action = ${f.action}` : undefined,
      f.actorEmail ? sql`actor_email ILIKE ${`%${f.actorEmail}%`}` : undefined,
    ].filter((x) => x !== undefined),
    sql` AND `,
  );
  const rows = await db.query<AuditRow>(sql`
    SELECT ${ENTRY_COLUMNS}
    FROM ${from} WHERE ${where} ORDER BY ${auditOrder(f.sort ?? 'at', f.order ?? 'desc')}
    LIMIT ${f.limit} OFFSET ${f.offset}`);
  const [count] = await db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`);
  return { rows, total: count?.n ?? 0 };
}
