/**
 * A fast reader of well-formed CSV: the records exactly as csv-parse reads them with the options
 * read-table uses (relax_quotes, relax_column_count, no empty-line skipping), or null when the text
 * has anything this reader does not handle the same way — a quote left open, text after a closing
 * quote, line ends of more than one kind — and the caller falls back to csv-parse. A region's
 * roster (50 000 rows, 1 M cells) reads about ten times faster than through csv-parse.
 */
export function parseCsvFast(text: string, delimiter: string): string[][] | null {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') return null;
  const lineEnd = firstLineEnd(text);
  if (lineEnd === null) return null;
  const records: string[][] = [];
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  const endLen = lineEnd.length;
  const endCode = lineEnd.charCodeAt(0);
  let record: string[] = [];
  let i = 0;
  while (i < n) {
    // One field starting at i.
    if (text.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) return null; // quote not closed
        if (text.charCodeAt(q + 1) === 34) {
          value += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += text.slice(from, q);
        i = q + 1;
        break;
      }
      record.push(value);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === d) {
        i++;
        if (i >= n) record.push('');
        continue;
      }
      if (c === endCode && text.startsWith(lineEnd, i)) {
        records.push(record);
        record = [];
        i += endLen;
        continue;
      }
      return null; // text after the closing quote, or another kind of line end
    }
    // An unquoted field: up to the delimiter or the line end; a quote inside is kept as it is.
    let j = i;
    for (;;) {
      if (j >= n) {
        record.push(text.slice(i, j));
        i = j;
        break;
      }
      const c = text.charCodeAt(j);
      if (c === d) {
        record.push(text.slice(i, j));
        i = j + 1;
        if (i >= n) record.push('');
        break;
      }
      if (c === 13 || c === 10) {
        if (!text.startsWith(lineEnd, j)) return null;
        record.push(text.slice(i, j));
        records.push(record);
        record = [];
        i = j + endLen;
        break;
      }
      j++;
    }
  }
  if (record.length) records.push(record);
  return records;
}

/** The first line end outside quotes ('\n' when there is none), or null when the kinds are mixed. */
function firstLineEnd(text: string): string | null {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && c === 13) return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
    else if (!quoted && c === 10) return '\n';
  }
  return '\n';
}
