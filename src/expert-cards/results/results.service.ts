import { writeAudit } from '../../platform/audit/audit.repository.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { exportTitle } from '../../platform/files/export-title.ts';
import { getCampaign } from '../campaigns/campaigns.service.ts';
import { loadCardReports } from '../cards/cards.repository.ts';
import { getCard } from '../cards/cards.service.ts';
import { campaignXlsx } from '../exports/campaign.xlsx.ts';
import { cardDocx } from '../exports/card.docx.ts';
import type { CampaignResultsBody } from './results.schemas.ts';
import { campaignResults, schoolYearName } from './results.ts';

/**
 * Results and files of a campaign (issue 15, 4): the analytics of `results.ts` and the builders of
 * `exports/` over the cards as `loadCardReports` reads them. Who may read a campaign (its board)
 * reads its results and its XLSX; who may open a card downloads it as DOCX. Every file is audited.
 */

export async function resultsOf(db: Db, actor: Actor, campaignId: string): Promise<CampaignResultsBody> {
  await getCampaign(db, actor, campaignId);
  const r = campaignResults(await loadCardReports(db, { campaignId }));
  return {
    summary: r.summary,
    groups: r.groups.map(({ organizations: _o, directions: _d, ...g }) => g),
    organizations: r.organizations.map((o) => ({
      organizationId: o.organizationId,
      name: o.name,
      kind: o.kind,
      groupLabel: o.groupLabel,
      cardId: o.cardId,
      status: o.status,
      late: o.late,
      final: o.final,
      total: o.total,
      max: o.max,
      percent: o.percent,
      level: o.level,
      rank: o.rank,
      groupSize: o.groupSize,
      directions: o.directions.map((d) => ({
        position: d.position,
        title: d.title,
        points: d.points,
        max: d.max,
        percent: d.percent,
      })),
      lostItems: o.lostItems.map((i) => ({ number: i.number, text: i.text, lost: i.lost })),
      previous: o.previous,
    })),
  };
}

const slug = (year: number) => schoolYearName(year).replace('/', '-');

export async function campaignWorkbook(db: Db, actor: Actor, campaignId: string, baseUrl: string) {
  const campaign = await getCampaign(db, actor, campaignId);
  const reports = await loadCardReports(db, { campaignId });
  const data = await campaignXlsx(reports, {
    baseUrl,
    title: await exportTitle(db, actor, {
      title: `${campaign.title}: экспертные карты, ${schoolYearName(campaign.schoolYear)}`,
      filter: { municipalityId: campaign.municipalityId },
    }),
  });
  await writeAudit(db, {
    actor,
    action: 'export',
    entity: 'expert_campaign',
    entityId: campaignId,
    details: { cards: reports.length, format: 'xlsx' },
  });
  return {
    fileName: `ekspertnye-karty-${slug(campaign.schoolYear)}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    data,
  };
}

export async function cardDocument(db: Db, actor: Actor, cardId: string, baseUrl: string) {
  // Opening the card is the scope check: the head's own, an assigned expert's, the board's readers.
  const card = await getCard(db, actor, cardId);
  const [report] = await loadCardReports(db, { campaignId: card.campaign.id, cardIds: [cardId] });
  const data = await cardDocx(report!, { baseUrl });
  await writeAudit(db, {
    actor,
    action: 'export',
    entity: 'expert_card',
    entityId: cardId,
    details: { organizationId: card.organization.id, format: 'docx' },
  });
  return {
    fileName: `ekspertnaya-karta-${slug(card.campaign.schoolYear)}.docx`,
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    data,
  };
}
