import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import type { CertificateContent } from '../events.schemas.ts';
import type { CertificateKind } from '../events.vocabulary.ts';

/**
 * The certificate's PDF, drawn from the stored content with the committed DejaVu Sans (the
 * standard PDF fonts have no Cyrillic). A4 landscape; long lines wrap. The document's title
 * (its metadata) names the kind and the person, so a file tells what it is without opening it.
 */

let fonts: Promise<[Uint8Array, Uint8Array]> | null = null;
const loadFonts = () => {
  fonts ??= Promise.all([
    readFile(new URL('./fonts/DejaVuSans.ttf', import.meta.url)),
    readFile(new URL('./fonts/DejaVuSans-Bold.ttf', import.meta.url)),
  ]);
  return fonts;
};

const INK = rgb(0.12, 0.16, 0.28);
const ACCENT = rgb(0.1, 0.35, 0.6);
const GREY = rgb(0.4, 0.4, 0.45);

const LEAD: Record<CertificateKind, string> = {
  participant: 'подтверждает, что',
  gratitude: 'выражается',
  diploma: 'награждается',
};

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function centered(page: PDFPage, text: string, font: PDFFont, size: number, y: number, color = INK): number {
  const { width } = page.getSize();
  let at = y;
  for (const line of wrap(text, font, size, width - 160)) {
    page.drawText(line, { x: (width - font.widthOfTextAtSize(line, size)) / 2, y: at, size, font, color });
    at -= size * 1.35;
  }
  return at;
}

export async function certificatePdf(input: {
  kind: CertificateKind;
  serial: string;
  content: CertificateContent;
  verifyUrl: string;
  issuedOn: string;
}): Promise<Uint8Array> {
  const { content: c } = input;
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const [regularBytes, boldBytes] = await loadFonts();
  const regular = await doc.embedFont(regularBytes, { subset: true });
  const bold = await doc.embedFont(boldBytes, { subset: true });
  doc.setTitle(`${c.title} — ${c.personName}`);
  doc.setSubject(`${c.eventTitle}, ${c.eventDate}`);
  doc.setKeywords([input.serial]);
  doc.setProducer('Маршрут');
  doc.setCreator('Маршрут');
  doc.setLanguage('ru-RU');

  const page = doc.addPage([842, 595]);
  const { width, height } = page.getSize();
  page.drawRectangle({
    x: 24,
    y: 24,
    width: width - 48,
    height: height - 48,
    borderColor: ACCENT,
    borderWidth: 3,
  });
  page.drawRectangle({
    x: 32,
    y: 32,
    width: width - 64,
    height: height - 64,
    borderColor: ACCENT,
    borderWidth: 0.8,
  });

  let y = height - 100;
  y = centered(page, c.organizerName, regular, 13, y, GREY) - 24;
  y = centered(page, c.title.toUpperCase(), bold, 34, y, ACCENT) - 14;
  y = centered(page, LEAD[input.kind], regular, 14, y) - 8;
  y = centered(page, c.personName, bold, 24, y) - 10;
  const part =
    input.kind === 'participant'
      ? `принял(а) участие в мероприятии «${c.eventTitle}» (${c.eventKindName})`
      : `за участие в мероприятии «${c.eventTitle}» (${c.eventKindName}) в роли: ${c.roleName}`;
  y = centered(page, part, regular, 14, y) - 4;
  if (c.topic) y = centered(page, `Тема: «${c.topic}»`, regular, 14, y) - 4;
  centered(page, `Дата проведения: ${c.eventDate}`, regular, 13, y - 6);

  const foot = 70;
  page.drawText(`Регистрационный номер: ${input.serial}`, {
    x: 60,
    y: foot + 18,
    size: 10,
    font: bold,
    color: INK,
  });
  page.drawText(`Дата выдачи: ${input.issuedOn}`, { x: 60, y: foot, size: 10, font: regular, color: INK });
  const check = 'Проверить подлинность:';
  page.drawText(check, {
    x: width - 60 - regular.widthOfTextAtSize(check, 10),
    y: foot + 18,
    size: 10,
    font: regular,
    color: GREY,
  });
  const urlSize = regular.widthOfTextAtSize(input.verifyUrl, 9) > 360 ? 7 : 9;
  page.drawText(input.verifyUrl, {
    x: width - 60 - regular.widthOfTextAtSize(input.verifyUrl, urlSize),
    y: foot,
    size: urlSize,
    font: regular,
    color: ACCENT,
  });
  // No object streams: the document's information dictionary stays readable as it is.
  return doc.save({ useObjectStreams: false });
}
