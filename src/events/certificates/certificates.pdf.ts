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

/** The line above the name; the name stays in the nominative, so no declension is needed. */
const LEAD: Record<CertificateKind, string | null> = {
  participant: 'Настоящий сертификат подтверждает, что',
  gratitude: null,
  diploma: null,
};

function partText(kind: CertificateKind, c: CertificateContent): string {
  const event = `«${c.eventTitle}» (${c.eventKindName})`;
  if (kind === 'participant') return `принял(а) участие в мероприятии ${event}`;
  if (kind === 'diploma')
    return c.nomination
      ? `в номинации «${c.nomination}» мероприятия ${event}`
      : `за участие в мероприятии ${event}`;
  if (c.topic) return `за представление опыта на мероприятии ${event}`;
  return `за работу на мероприятии ${event} в роли: ${c.roleName}`;
}

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

function safeDecode(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
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
  const lead = LEAD[input.kind];
  if (lead) y = centered(page, lead, regular, 14, y) - 8;
  y = centered(page, c.personName, bold, 24, y) - 10;
  y = centered(page, partText(input.kind, c), regular, 14, y) - 4;
  if (c.topic) y = centered(page, `Тема выступления: «${c.topic}»`, regular, 14, y) - 4;
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
  // Printed readable (Cyrillic, not percent-escapes): a browser accepts either.
  const url = safeDecode(input.verifyUrl);
  const urlSize = regular.widthOfTextAtSize(url, 9) > 360 ? 7 : 9;
  page.drawText(url, {
    x: width - 60 - regular.widthOfTextAtSize(url, urlSize),
    y: foot,
    size: urlSize,
    font: regular,
    color: ACCENT,
  });
  // No object streams: the document's information dictionary stays readable as it is.
  return doc.save({ useObjectStreams: false });
}
