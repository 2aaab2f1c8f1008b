import {
  AlignmentType,
  BorderStyle,
  Document,
  type FileChild,
  Footer,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  type TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';

/**
 * The documents the platform prints to be signed (the plan of events, an expert card, the
 * management cycle's reports): Times New Roman on A4, tables with thin black borders, page numbers
 * in the footer. `docxKit` gives the paragraph, cell and table makers at one text size; the
 * document makers put the children on a page. Pure: callers read their data and pass it in.
 */

export const DOCX_FONT = 'Times New Roman';
/** A4 in twips (portrait sizes; the orientation swaps them). */
export const A4 = { width: 11_906, height: 16_838 } as const;

export type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

export interface TextOptions {
  bold?: boolean;
  italics?: boolean;
  /** Half-points: 24 is 12 pt. */
  size?: number;
}

export interface ParaOptions extends TextOptions {
  align?: Align;
  /** Spacing after the paragraph, in twips. */
  after?: number;
}

export interface CellOptions {
  bold?: boolean;
  center?: boolean;
  span?: number;
}

const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
export const TABLE_BORDERS = {
  top: line,
  bottom: line,
  left: line,
  right: line,
  insideHorizontal: line,
  insideVertical: line,
};

/** Column widths in twips from their shares of the usable width. */
export function columnWidths(shares: readonly number[], usable: number): number[] {
  const total = shares.reduce((s, c) => s + c, 0);
  return shares.map((c) => Math.floor((usable * c) / total));
}

/** A fixed-layout table with thin borders over the given column widths. */
export function borderedTable(widths: number[], rows: TableRow[]): Table {
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    columnWidths: widths,
    borders: TABLE_BORDERS,
    rows,
  });
}

/**
 * Makers at one body size: `size` for running text, `cellSize` for table cells (the same unless a
 * wide table needs smaller type), `cellMargin` the cell's inner margins (top/bottom, left/right).
 */
export function docxKit(o: { size: number; cellSize?: number; cellMargin?: [number, number] }) {
  const cellSize = o.cellSize ?? o.size;
  const [vertical, horizontal] = o.cellMargin ?? [40, 80];

  const run = (t: string, r: TextOptions = {}) =>
    new TextRun({
      text: t,
      font: DOCX_FONT,
      size: r.size ?? o.size,
      bold: r.bold ?? false,
      italics: r.italics ?? false,
    });

  const para = (t: string, p: ParaOptions = {}) =>
    new Paragraph({
      alignment: p.align ?? AlignmentType.LEFT,
      spacing: { after: p.after ?? 0 },
      children: [run(t, p)],
    });

  /** A cell of given paragraphs (an empty one still holds a paragraph, as Word requires). */
  const cell = (children: Paragraph[], width: number, c: { span?: number } = {}) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      ...(c.span ? { columnSpan: c.span } : {}),
      verticalAlign: VerticalAlign.TOP,
      margins: { top: vertical, bottom: vertical, left: horizontal, right: horizontal },
      children: children.length ? children : [para('', { size: cellSize })],
    });

  /** A cell of text: its line breaks become paragraphs (a period or a result on two lines). */
  const textCell = (t: string, width: number, c: CellOptions = {}) =>
    cell(
      (t === '' ? [''] : t.split('\n')).map((l) =>
        para(l, {
          bold: c.bold ?? false,
          size: cellSize,
          align: c.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        }),
      ),
      width,
      c.span ? { span: c.span } : {},
    );

  return { run, para, cell, textCell };
}

/**
 * A document of one landscape A4 section with the page number centred in the footer; `margin` in
 * twips on every side. The usable width across is `A4.height - 2 * margin`.
 */
export function landscapeDocx(o: {
  title: string;
  size: number;
  footerSize?: number;
  margin: number;
  children: FileChild[];
}): Promise<Buffer> {
  const doc = new Document({
    creator: 'Маршрут',
    title: o.title,
    styles: { default: { document: { run: { font: DOCX_FONT, size: o.size } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE },
            margin: { top: o.margin, bottom: o.margin, left: o.margin, right: o.margin },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: [PageNumber.CURRENT],
                    font: DOCX_FONT,
                    size: o.footerSize ?? o.size,
                  }),
                ],
              }),
            ],
          }),
        },
        children: o.children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
