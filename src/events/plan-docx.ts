import { AlignmentType, type Paragraph, TableRow } from 'docx';
import { A4, borderedTable, columnWidths, docxKit, landscapeDocx } from '../platform/files/docx.ts';

/**
 * The plan of events as the document that is signed: a DOCX in the shape of Table 2 of the
 * municipal plan (001) — «УТВЕРЖДАЮ» with the approver when the plan is approved («ПРОЕКТ» while a
 * draft), the heading, then № п/п, Мероприятие, Сроки, Ответственный, Прогнозируемый результат,
 * grouped by the plan's sections («2.1.», «2.2.» under «Раздел 2») when its numbering has them.
 * Landscape A4, Times New Roman 12, page numbers in the footer. Pure: the caller reads the data.
 */
export interface PlanDocxInput {
  title: string;
  schoolYearName: string;
  /** The organization of a school's plan, or the municipality of a municipal one. */
  territory: string;
  status: 'draft' | 'approved';
  approval: { name: string | null; position: string; on: string | null } | null;
  rows: PlanDocxRow[];
}

export interface PlanDocxRow {
  number: string | null;
  title: string;
  period: string;
  responsible: string;
  result: string;
}

const SIZE = 24; // half-points: 12 pt
const MARGIN = 1_134; // 2 cm
const COLUMNS: { header: string; share: number }[] = [
  { header: '№ п/п', share: 7 },
  { header: 'Мероприятие', share: 38 },
  { header: 'Сроки', share: 13 },
  { header: 'Ответственный', share: 19 },
  { header: 'Прогнозируемый результат', share: 23 },
];

const MONTHS_GENITIVE = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];

/** «15» сентября 2026 г. from an ISO date (or timestamp). */
export function ruLongDate(iso: string): string {
  const [y, m, d] = [iso.slice(0, 4), Number(iso.slice(5, 7)), iso.slice(8, 10)];
  return `«${d}» ${MONTHS_GENITIVE[m - 1]} ${y} г.`;
}

/** The section of a number: «2» of «2.1.», null for a number without one («7», «») or no number. */
export function sectionOf(number: string | null): string | null {
  const m = number?.trim().match(/^(\d+)\.\d/);
  return m ? m[1]! : null;
}

const { para, textCell: cell } = docxKit({ size: SIZE });

function approvalBlock(input: PlanDocxInput): Paragraph[] {
  const right = (t: string, bold = false) => para(t, { align: AlignmentType.RIGHT, bold });
  if (input.status !== 'approved' || !input.approval) return [right('ПРОЕКТ', true), para('')];
  const a = input.approval;
  return [
    right('УТВЕРЖДАЮ', true),
    right(a.position),
    right(`_______________ ${a.name ?? ''}`.trimEnd()),
    right(a.on ? ruLongDate(a.on) : '«___» ____________ 20__ г.'),
    para(''),
  ];
}

export async function planDocx(input: PlanDocxInput): Promise<Buffer> {
  const usable = A4.height - 2 * MARGIN; // landscape: the long side across
  const widths = columnWidths(
    COLUMNS.map((c) => c.share),
    usable,
  );

  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: COLUMNS.map((c, i) => cell(c.header, widths[i]!, { bold: true, center: true })),
  });
  const sections = new Set(input.rows.map((r) => sectionOf(r.number)));
  const grouped = sections.size > 1 || (sections.size === 1 && !sections.has(null));
  const body: TableRow[] = [];
  let current: string | null | undefined;
  input.rows.forEach((r, i) => {
    const section = sectionOf(r.number);
    if (grouped && section !== current) {
      current = section;
      body.push(
        new TableRow({
          cantSplit: true,
          children: [
            cell(
              section === null ? 'Прочие мероприятия' : `Раздел ${section}`,
              widths.reduce((s, w) => s + w, 0),
              { bold: true, span: COLUMNS.length },
            ),
          ],
        }),
      );
    }
    const values = [r.number?.trim() || `${i + 1}.`, r.title, r.period, r.responsible, r.result];
    body.push(
      new TableRow({
        cantSplit: true,
        children: values.map((v, k) => cell(v, widths[k]!, { center: k === 0 })),
      }),
    );
  });

  const table = borderedTable(widths, [header, ...body]);

  return landscapeDocx({
    title: input.title,
    size: SIZE,
    margin: MARGIN,
    children: [
      ...approvalBlock(input),
      para(input.title, { bold: true, align: AlignmentType.CENTER }),
      // The title names the school year as a rule («… на 2026/2027 учебный год»); else a line says it.
      ...(input.title.includes(input.schoolYearName)
        ? []
        : [para(`на ${input.schoolYearName} учебный год`, { align: AlignmentType.CENTER })]),
      para(input.territory, { align: AlignmentType.CENTER, after: 240 }),
      table,
      ...(input.rows.length === 0 ? [para('В плане нет мероприятий.')] : []),
    ],
  });
}
