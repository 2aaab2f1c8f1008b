import { AlignmentType, ExternalHyperlink, Paragraph, type Table, TableRow, TextRun } from 'docx';
import {
  A4,
  borderedTable,
  columnWidths,
  DOCX_FONT,
  docxKit,
  landscapeDocx,
} from '../../platform/files/docx.ts';
import type { CardReport, ReportItem } from '../card-report.ts';
import { organizationResult, schoolYearName } from '../results/results.ts';
import { bandsInPoints } from '../scoring.ts';
import { CARD_STATUS_LABELS, evidenceLink, REVIEW_LABELS, ruDay, ruNumber, valueText } from './labels.ts';

/**
 * One organization's filled and verified expert card as the document that is signed (issue 15, 4;
 * 004 §3.3–3.4): the heading (campaign, organization, school year), a table per direction —
 * показатель, методика оценки, значение, баллы организации, баллы после проверки, комментарий
 * эксперта, подтверждающие документы as links — with the direction's total, the totals of the
 * card (points / maximum, level, rank in the group, last year beside), a note on the maximum the
 * level is computed from, and the signature lines. Landscape A4, Times New Roman as the plan of
 * events (`events/plan-docx.ts`). Pure over the report.
 */
export type CardDocxOptions = {
  /** Prefix of stored files' links (`https://host`): a DOCX needs absolute addresses. */
  baseUrl?: string;
};

const SIZE = 22; // 11 pt: eight columns across
const SMALL = 20;
const MARGIN = 851; // 1.5 cm
const COLUMNS: { header: string; share: number }[] = [
  { header: '№', share: 4 },
  { header: 'Показатель', share: 24 },
  { header: 'Методика оценки', share: 12 },
  { header: 'Значение (заявлено)', share: 12 },
  { header: 'Баллы организации', share: 7 },
  { header: 'Баллы после проверки', share: 7 },
  { header: 'Комментарий эксперта', share: 15 },
  { header: 'Подтверждающие документы', share: 19 },
];

const { para, cell, textCell } = docxKit({ size: SIZE, cellSize: SMALL, cellMargin: [30, 60] });

const points = (n: number | null) => (n === null ? '—' : String(n));

/** «балл», «балла», «баллов». */
export function ballov(n: number): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return 'балл';
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return 'балла';
  return 'баллов';
}

function evidenceParagraphs(item: ReportItem, baseUrl: string): Paragraph[] {
  return item.evidence.map((e) => {
    const link = evidenceLink(e, baseUrl);
    return new Paragraph({
      children: [
        new ExternalHyperlink({
          link: link.url,
          children: [new TextRun({ text: link.title, style: 'Hyperlink', font: DOCX_FONT, size: SMALL })],
        }),
      ],
    });
  });
}

function expertText(item: ReportItem): string {
  const status = REVIEW_LABELS[item.review] ?? item.review;
  return [status, item.expertComment, item.flag ? `Расхождение: ${item.flag}` : '']
    .filter(Boolean)
    .join('\n');
}

function directionTable(report: CardReport, index: number, widths: number[], baseUrl: string): Table {
  const d = [...report.directions].sort((a, b) => a.position - b.position)[index]!;
  const result = organizationResult(report).directions[index]!;
  const full = widths.reduce((s, w) => s + w, 0);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: COLUMNS.map((c, i) => textCell(c.header, widths[i]!, { bold: true, center: true })),
  });
  const title = new TableRow({
    cantSplit: true,
    children: [
      textCell(
        `${d.title} (макс. — ${d.itemsMax} ${ballov(d.itemsMax)}` +
          (d.statedMax !== null && d.statedMax !== d.itemsMax ? `; в документе — ${d.statedMax}` : '') +
          ')',
        full,
        { bold: true, span: COLUMNS.length },
      ),
    ],
  });
  const rows = [...d.items]
    .sort((a, b) => a.position - b.position)
    .map(
      (it) =>
        new TableRow({
          cantSplit: true,
          children: [
            textCell(`${d.position}.${it.position}`, widths[0]!, { center: true }),
            textCell(it.text, widths[1]!),
            textCell(it.method, widths[2]!),
            textCell([valueText(it.value), it.comment].filter(Boolean).join('\n'), widths[3]!),
            textCell(points(it.claimedPoints), widths[4]!, { center: true }),
            textCell(points(it.verifiedPoints), widths[5]!, { center: true }),
            textCell(expertText(it), widths[6]!),
            cell(evidenceParagraphs(it, baseUrl), widths[7]!),
          ],
        }),
    );
  const claimed = d.items.reduce((s, it) => s + (it.claimedPoints ?? 0), 0);
  const lastYear =
    result.previousPoints !== null
      ? `; в прошлом году — ${result.previousPoints}, изменение ${signed(result.delta!)}`
      : '';
  const total = new TableRow({
    cantSplit: true,
    children: [
      textCell(
        `Итого по направлению: ${result.points} из ${d.itemsMax} (${ruNumber(result.percent)} %)${lastYear}`,
        widths.slice(0, 4).reduce((s, w) => s + w, 0),
        {
          bold: true,
          span: 4,
        },
      ),
      textCell(String(claimed), widths[4]!, { bold: true, center: true }),
      textCell(String(result.points), widths[5]!, { bold: true, center: true }),
      textCell('', widths[6]! + widths[7]!, { span: 2 }),
    ],
  });
  return borderedTable(widths, [header, title, ...rows, total]);
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

function totalsTable(report: CardReport): Table {
  const r = organizationResult(report);
  const widths = [8_000, 1_700, 1_700, 1_700, 2_000];
  const row = (values: string[], bold = false) =>
    new TableRow({
      cantSplit: true,
      children: values.map((v, i) => textCell(v, widths[i]!, { bold, center: i > 0 })),
    });
  const hasPrevious = r.previous !== null;
  return borderedTable(widths, [
    row(
      [
        'Направление',
        'Баллы',
        'Максимум',
        '% от максимума',
        hasPrevious ? `${schoolYearName(r.previous!.schoolYear)} уч. г.` : 'Прошлый год',
      ],
      true,
    ),
    ...r.directions.map((d) =>
      row([
        d.title,
        String(d.points),
        String(d.max),
        `${ruNumber(d.percent)} %`,
        d.previousPoints === null ? '—' : String(d.previousPoints),
      ]),
    ),
    row(
      [
        'Итого по карте',
        String(r.total),
        String(r.max),
        `${ruNumber(r.percent)} %`,
        r.previous?.total === null || r.previous === null ? '—' : String(r.previous.total),
      ],
      true,
    ),
  ]);
}

function totalsText(report: CardReport): Paragraph[] {
  const r = organizationResult(report);
  const { template, campaign } = report;
  const out: Paragraph[] = [];
  out.push(
    para(
      `Итого: ${r.total} ${ballov(r.total)} из ${r.max} (${ruNumber(r.percent)} %). ` +
        `Степень эффективности системы обеспечения профессионального развития: ${r.level?.label ?? 'не определена'}.`,
      { bold: true, after: 60 },
    ),
  );
  out.push(
    para(
      r.rank !== null
        ? `Место в группе «${r.groupLabel}»: ${r.rank} из ${r.groupSize}.`
        : `Место в группе «${r.groupLabel}» ещё не определено.`,
      { after: 60 },
    ),
  );
  if (r.previous) {
    const p = r.previous;
    out.push(
      para(
        `${schoolYearName(p.schoolYear)} учебный год: ` +
          (p.total === null ? 'итог не подведён' : `${p.total} ${ballov(p.total)}`) +
          (p.level ? `, ${p.level.label}` : '') +
          (p.delta !== null ? `; изменение — ${signed(p.delta)}` : '') +
          (p.levelChange === 'up'
            ? ', уровень повысился'
            : p.levelChange === 'down'
              ? ', уровень понизился'
              : '') +
          '.',
        { after: 60 },
      ),
    );
  } else out.push(para('Карты прошлого учебного года нет.', { after: 60 }));
  const bands = bandsInPoints(template.max, template.levels)
    .map((b) => `${b.band.label} — ${b.from}–${b.to}`)
    .join(', ');
  const basis =
    campaign.maxBasis === 'document' && template.statedMax !== null
      ? `по документу (приложение 1 порядка) — ${template.statedMax} ${ballov(template.statedMax)}`
      : `по сумме баллов показателей — ${template.itemsMax} ${ballov(template.itemsMax)}`;
  const other =
    template.statedMax !== null && template.statedMax !== template.itemsMax
      ? campaign.maxBasis === 'document'
        ? ` Сумма баллов показателей карты — ${template.itemsMax}.`
        : ` В документе указан максимум ${template.statedMax}.`
      : '';
  out.push(
    para(
      `Уровень рассчитан от максимума ${basis}: ${bands} ${ballov(0)}.${other} ` +
        'Доля по направлению — от суммы баллов его показателей.' +
        (campaign.maxBasisNote ? ` ${campaign.maxBasisNote.trim().replace(/([^.!?])$/, '$1.')}` : ''),
      { italics: true, size: SMALL, after: 240 },
    ),
  );
  return out;
}

function signatures(report: CardReport): Paragraph[] {
  const head = report.head;
  const rows: Paragraph[] = [para('')];
  rows.push(
    para(
      `Руководитель образовательной организации${head?.position ? ` (${head.position})` : ''}: ` +
        `_______________ / ${head?.fullName ?? '____________________'} /`,
      { after: 240 },
    ),
  );
  const experts = report.experts.length ? report.experts : [{ fullName: '____________________' }];
  const label = experts.length > 1 ? 'Эксперты' : 'Эксперт';
  experts.forEach((e, i) => {
    rows.push(para(`${i === 0 ? `${label}: ` : ''}_______________ / ${e.fullName} /`, { after: 240 }));
  });
  rows.push(para('Дата: «___» ____________ 20__ г.'));
  return rows;
}

export async function cardDocx(report: CardReport, options: CardDocxOptions = {}): Promise<Buffer> {
  const widths = columnWidths(
    COLUMNS.map((c) => c.share),
    A4.height - 2 * MARGIN,
  );
  const { campaign, organization, card, template } = report;
  const status = [
    `Статус карты: ${CARD_STATUS_LABELS[card.status] ?? card.status}`,
    card.submittedAt ? `сдана ${ruDay(card.submittedAt)}${card.late ? ' (с опозданием)' : ''}` : 'не сдана',
    card.verifiedAt ? `проверена ${ruDay(card.verifiedAt)}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  const directions = [...report.directions].sort((a, b) => a.position - b.position);
  const body = directions.flatMap((_, i) => [
    directionTable(report, i, widths, options.baseUrl ?? ''),
    para(''),
  ]);

  return landscapeDocx({
    title: `Экспертная карта: ${organization.name}`,
    size: SIZE,
    footerSize: SMALL,
    margin: MARGIN,
    children: [
      para('ЭКСПЕРТНАЯ КАРТА', { bold: true, align: AlignmentType.CENTER }),
      para(template.title, { align: AlignmentType.CENTER }),
      para(campaign.title, { align: AlignmentType.CENTER }),
      para(`${schoolYearName(campaign.schoolYear)} учебный год`, {
        align: AlignmentType.CENTER,
        after: 120,
      }),
      para(organization.name, { bold: true, align: AlignmentType.CENTER }),
      para(organization.municipalityName, { align: AlignmentType.CENTER, after: 120 }),
      para(status, { size: SMALL, after: 200 }),
      ...body,
      para('Итоги', { bold: true, after: 120 }),
      totalsTable(report),
      para(''),
      ...totalsText(report),
      ...signatures(report),
    ],
  });
}
