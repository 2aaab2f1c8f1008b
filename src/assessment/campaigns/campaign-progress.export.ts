import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { exportTitle } from '../../platform/files/export-title.ts';
import { writeTable } from '../../platform/files/write-table.ts';
import { today } from '../../platform/time/today.ts';
import { can } from '../assessment.policy.ts';
import { findCampaign, type ProgressDb, progressByOrganization } from './campaigns.repository.ts';

/**
 * XLSX or CSV of a campaign's progress by organization — the table of the campaign page, in the
 * same scope (the viewer's organizations only), with a total row and the title block: the
 * campaign, its window, the as-of day, whether it is closed (final) or still running.
 */

const ruDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const localDay = (at: string) => today(new Date(at));
const share = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : null);

const COLUMNS = [
  { key: 'organization', header: 'Организация', width: 40 },
  { key: 'invited', header: 'Приглашены', type: 'number', format: 'integer', width: 12 },
  { key: 'started', header: 'Начали', type: 'number', format: 'integer', width: 10 },
  { key: 'submitted', header: 'Завершили', type: 'number', format: 'integer', width: 11 },
  { key: 'online', header: 'из них онлайн', type: 'number', format: 'integer', width: 13 },
  { key: 'imported', header: 'из них из файла', type: 'number', format: 'integer', width: 15 },
  { key: 'notStarted', header: 'Не начинали', type: 'number', format: 'integer', width: 12 },
  { key: 'share', header: 'Доля завершивших', type: 'number', format: 'percent', width: 16 },
] as const;

function row(
  name: string,
  r: Pick<ProgressDb, 'invited' | 'started' | 'submitted' | 'submitted_online' | 'imported'>,
) {
  return {
    organization: name,
    invited: r.invited,
    started: r.started,
    submitted: r.submitted,
    online: r.submitted_online,
    imported: r.imported,
    notStarted: Math.max(0, r.invited - r.started),
    share: share(r.submitted, r.invited),
  };
}

export async function exportCampaignProgress(db: Db, actor: Actor, id: string, format: 'xlsx' | 'csv') {
  if (!can(actor, 'view', 'campaigns')) throw forbidden();
  const c = await findCampaign(db, actor, id);
  if (!c) throw notFound('Кампания диагностики не найдена или недоступна.');
  const progress = await progressByOrganization(db, actor, id);
  const sum = (k: 'invited' | 'started' | 'submitted' | 'submitted_online' | 'imported') =>
    progress.reduce((s, r) => s + r[k], 0);
  const total = row('Итого', {
    invited: sum('invited'),
    started: sum('started'),
    submitted: sum('submitted'),
    submitted_online: sum('submitted_online'),
    imported: sum('imported'),
  });
  const asOf = c.status === 'closed' && c.closed_at ? localDay(c.closed_at) : today();
  const table = await writeTable({
    format,
    sheetName: 'Ход кампании',
    titleBlock: await exportTitle(db, actor, {
      title: `Ход кампании «${c.name}» по организациям`,
      period: `${ruDate(localDay(c.opens_at))} – ${ruDate(localDay(c.closes_at))}`,
      asOf,
      state: c.status === 'closed' ? { frozen: true, on: asOf } : { frozen: false },
    }),
    columns: COLUMNS.map((col) => ({ ...col })),
    rows: [...progress.map((r) => row(r.organization_name, r)), ...(progress.length > 1 ? [total] : [])],
  });
  await writeAudit(db, {
    actor,
    action: 'export',
    entity: 'assessment_campaign',
    entityId: id,
    details: { format, organizations: progress.length },
  });
  return {
    fileName: `campaign-progress-${asOf}.${table.extension}`,
    contentType: table.contentType,
    data: table.data,
  };
}
