import {
  type SheetInput,
  type TableColumn,
  type TitleBlock,
  writeTable,
} from '../../platform/files/write-table.ts';
import { type CardReport, itemPoints } from '../card-report.ts';
import { byGroup, campaignResults, schoolYearName } from '../results/results.ts';
import { CARD_STATUS_LABELS, evidenceLink, REVIEW_LABELS, valueText } from './labels.ts';

/**
 * The XLSX of a campaign's cards (issue 15, 4) on the shared `writeTable` (title block, frozen
 * header, autofilter, formula-safe text):
 * - «Итоги» — one row per organization: group, total, maximum, %, level, rank, last year, late;
 * - one sheet per group (ДОО, ОО, ДО) — organizations × every item's points after verification;
 * - «Все показатели» — one row per organization and item: claimed and verified points, review
 *   status, the head's value, comment and evidence links, the expert's comment, for filtering.
 * Pure over the reports; the route passes a title block from `exportTitle` (who, territory).
 */
export type CampaignXlsxOptions = {
  title?: Partial<TitleBlock>;
  /** Prefix of stored files' links (`https://host`); relative `/api/files/:id` without it. */
  baseUrl?: string;
};

const GROUP_SHEETS: Record<string, string> = { preschool: 'ДОО', school: 'ОО', additional: 'ДО' };

const clip = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1).trimEnd()}…` : text);

function summarySheet(reports: CardReport[]): SheetInput {
  const { organizations } = campaignResults(reports);
  const byOrg = new Map(reports.map((r) => [r.card.id, r]));
  const columns: TableColumn[] = [
    { key: 'name', header: 'Организация', width: 40 },
    { key: 'group', header: 'Группа', width: 30 },
    { key: 'total', header: 'Баллы', format: 'integer' },
    { key: 'max', header: 'Максимум', format: 'integer' },
    { key: 'percent', header: '% от максимума', format: 'percent' },
    { key: 'level', header: 'Уровень эффективности', width: 16 },
    { key: 'rank', header: 'Место в группе', format: 'integer' },
    { key: 'groupSize', header: 'Организаций в группе', format: 'integer' },
    { key: 'lost', header: 'Показателей с потерей баллов', format: 'integer' },
    { key: 'previousTotal', header: 'Баллы прошлого года', format: 'integer' },
    { key: 'previousLevel', header: 'Уровень прошлого года', width: 16 },
    { key: 'delta', header: 'Изменение баллов', format: 'integer' },
    { key: 'status', header: 'Статус карты', width: 18 },
    { key: 'submittedAt', header: 'Сдана', type: 'date' },
    { key: 'late', header: 'С опозданием', width: 12 },
    { key: 'final', header: 'Итог', width: 22 },
  ];
  const rows = organizations.map((o) => {
    const r = byOrg.get(o.cardId)!;
    return {
      name: o.name,
      group: o.groupLabel,
      total: o.total,
      max: o.max,
      percent: o.percent,
      level: o.level?.label ?? '',
      rank: o.rank,
      groupSize: o.groupSize,
      lost: o.lostItems.length,
      previousTotal: o.previous?.total ?? null,
      previousLevel: o.previous?.level?.label ?? '',
      delta: o.previous?.delta ?? null,
      status: CARD_STATUS_LABELS[o.status] ?? o.status,
      submittedAt: r.card.submittedAt?.slice(0, 10) ?? null,
      late: o.late ? 'да' : 'нет',
      final: o.final ? 'подведён (этап 3)' : 'предварительный',
    };
  });
  return { sheetName: 'Итоги', columns, rows };
}

function groupSheet(kind: string, reports: CardReport[]): SheetInput {
  const template = reports[0]!;
  const results = new Map(campaignResults(reports).organizations.map((o) => [o.cardId, o]));
  const columns: TableColumn[] = [
    { key: 'name', header: 'Организация', width: 40 },
    { key: 'rank', header: 'Место', format: 'integer' },
    { key: 'total', header: `Итого (из ${template.template.max})`, format: 'integer' },
    { key: 'level', header: 'Уровень', width: 12 },
  ];
  for (const d of template.directions) {
    columns.push({
      key: `d${d.position}`,
      header: `${clip(d.title, 40)} (из ${d.itemsMax})`,
      format: 'integer',
      width: 16,
    });
  }
  for (const d of template.directions) {
    for (const it of d.items) {
      columns.push({
        key: `i${d.position}.${it.position}`,
        header: `${d.position}.${it.position} ${clip(it.text, 80)} (из ${it.maxPoints})`,
        format: 'integer',
        width: 14,
      });
    }
  }
  const rows = reports
    .map((r) => {
      const o = results.get(r.card.id)!;
      const row: Record<string, unknown> = {
        name: o.shortName ?? o.name,
        rank: o.rank,
        total: o.total,
        level: o.level?.label ?? '',
      };
      for (const d of o.directions) row[`d${d.position}`] = d.points;
      for (const d of r.directions)
        for (const it of d.items) row[`i${d.position}.${it.position}`] = itemPoints(it);
      return row;
    })
    .sort((x, y) => (x.rank as number) - (y.rank as number));
  return { sheetName: GROUP_SHEETS[kind] ?? clip(kind, 31), columns, rows };
}

function itemsSheet(reports: CardReport[], baseUrl: string): SheetInput {
  const columns: TableColumn[] = [
    { key: 'name', header: 'Организация', width: 36 },
    { key: 'group', header: 'Группа', width: 10 },
    { key: 'direction', header: 'Направление', width: 40 },
    { key: 'number', header: '№', type: 'text', width: 6 },
    { key: 'text', header: 'Показатель', width: 60 },
    { key: 'method', header: 'Методика оценки', width: 30 },
    { key: 'max', header: 'Максимум', format: 'integer' },
    { key: 'value', header: 'Значение', width: 16 },
    { key: 'claimed', header: 'Заявлено баллов', format: 'integer' },
    { key: 'verified', header: 'Баллов после проверки', format: 'integer' },
    { key: 'lost', header: 'Потеряно', format: 'integer' },
    { key: 'review', header: 'Проверка', width: 20 },
    { key: 'comment', header: 'Комментарий организации', width: 40 },
    { key: 'expertComment', header: 'Комментарий эксперта', width: 40 },
    { key: 'flag', header: 'Расхождение с данными платформы', width: 30 },
    { key: 'evidence', header: 'Подтверждающие документы', width: 60 },
  ];
  const rows: Record<string, unknown>[] = [];
  // Organizations in the summary's order: by group, then rank.
  const byCard = new Map(reports.map((r) => [r.card.id, r]));
  const ordered = campaignResults(reports).organizations.map((o) => byCard.get(o.cardId)!);
  for (const r of ordered) {
    const kind = r.organization.kind;
    for (const d of r.directions) {
      for (const it of d.items) {
        rows.push({
          name: r.organization.shortName ?? r.organization.name,
          group: GROUP_SHEETS[kind] ?? kind,
          direction: d.title,
          number: `${d.position}.${it.position}`,
          text: it.text,
          method: it.method,
          max: it.maxPoints,
          value: valueText(it.value),
          claimed: it.claimedPoints,
          verified: it.verifiedPoints,
          lost: it.maxPoints - itemPoints(it),
          review: REVIEW_LABELS[it.review] ?? it.review,
          comment: it.comment,
          expertComment: it.expertComment,
          flag: it.flag ?? '',
          evidence: it.evidence
            .map((e) => {
              const l = evidenceLink(e, baseUrl);
              return l.title === l.url ? l.url : `${l.title} — ${l.url}`;
            })
            .join('\n'),
        });
      }
    }
  }
  return { sheetName: 'Все показатели', columns, rows };
}

export async function campaignXlsx(
  reports: CardReport[],
  options: CampaignXlsxOptions = {},
): Promise<Buffer> {
  const first = reports[0];
  const closed = first?.campaign.closedAt ?? null;
  const titleBlock: TitleBlock = {
    title: `Экспертные карты: ${first?.campaign.title ?? 'кампания без карт'}`,
    ...(first ? { period: `${schoolYearName(first.campaign.schoolYear)} учебный год` } : {}),
    ...(first
      ? { territory: [...new Set(reports.map((r) => r.organization.municipalityName))].join(', ') }
      : {}),
    state: closed ? { frozen: true, on: closed.slice(0, 10) } : { frozen: false },
    ...options.title,
  };
  const summary = summarySheet(reports);
  const groups = byGroup(reports).map(([kind, list]) => ({ ...groupSheet(kind, list), titleBlock }));
  const { data } = await writeTable({
    format: 'xlsx',
    ...summary,
    titleBlock,
    extraSheets: [...groups, { ...itemsSheet(reports, options.baseUrl ?? ''), titleBlock }],
  });
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
