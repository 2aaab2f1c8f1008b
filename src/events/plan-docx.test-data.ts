import { inspectZip } from '../platform/files/read-table.ts';

/** A part of a DOCX (a zip) as text, for tests: `word/document.xml` unless told. */
export async function docxPart(data: Uint8Array, part = 'word/document.xml'): Promise<string> {
  const { zip, entries } = await inspectZip(data);
  try {
    const entry = entries.get(part);
    if (!entry) throw new Error(`no ${part} in the archive: ${[...entries.keys()].join(', ')}`);
    const chunks: Buffer[] = [];
    for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    zip.close();
  }
}

/** The visible text of document.xml: the paragraphs' runs, one paragraph a line. */
export function docxText(xml: string): string {
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
