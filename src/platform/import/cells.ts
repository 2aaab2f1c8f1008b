import { normalizeInn, normalizeSnils } from '../../directory/vocabulary.ts';

/**
 * Parsers of single cells, pure. Each returns the typed value or a Russian message that names
 * the value, so a row error reads on its own: «Неверная дата «31.02.2020»: …».
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** Case-, ё- and space-insensitive form of a word or a name. */
export function normWord(text: string): string {
  return text.trim().toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ');
}

/** As normWord, and every kind of quotes becomes ", so «Школа» and "Школа" are one name. */
export function normName(text: string): string {
  return normWord(text).replace(/[«»“”„‟″]/g, '"');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function isoToRu(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > DAYS_IN_MONTH[m - 1]!) return null;
  if (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return null;
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Excel's day numbers of 01.01.1900 … 31.12.2100 (a date cell that lost its format). */
const SERIAL_MIN = 1;
const SERIAL_MAX = 73_415;
const RU_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const SERIAL = /^\d{1,5}([.,]\d+)?$/;

function fromSerial(t: string): string | null {
  const serial = Math.floor(Number(t.replace(',', '.')));
  if (serial < SERIAL_MIN || serial > SERIAL_MAX) return null;
  const d = new Date(Math.round((serial - 25569) * 86_400_000));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** ДД.ММ.ГГГГ (also Д.М.ГГГГ), ГГГГ-ММ-ДД (an optional time is ignored) or an Excel day number. */
export function parseDate(text: string): Parsed<string> {
  const t = text.trim();
  let iso: string | null = null;
  const ru = RU_DATE.exec(t);
  if (ru) iso = validDate(Number(ru[3]), Number(ru[2]), Number(ru[1]));
  else {
    const m = ISO_DATE.exec(t);
    if (m) iso = validDate(Number(m[1]), Number(m[2]), Number(m[3]));
    else if (SERIAL.test(t)) iso = fromSerial(t);
  }
  return iso ? ok(iso) : fail(`Неверная дата «${t}»: укажите дату в виде ДД.ММ.ГГГГ`);
}

export interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
  /** Zero is refused too (a rate). */
  positive?: boolean;
}

/** A number with a decimal comma or point; spaces as thousands separators are allowed. */
export function parseNumber(text: string, rule: NumberRule = {}): Parsed<number> {
  const t = text.trim();
  const compact = t.replace(/[\s\u00a0]/g, '');
  if (!/^[-+−]?\d+([.,]\d+)?$/.test(compact)) return fail(`«${t}» — не число`);
  const n = Number(compact.replace('−', '-').replace(',', '.'));
  if (!Number.isFinite(n)) return fail(`«${t}» — не число`);
  if (rule.integer && !Number.isInteger(n)) return fail(`«${t}» — нужно целое число`);
  if (n < 0 && (rule.min === undefined || rule.min >= 0))
    return fail(`«${t}» — значение не может быть отрицательным`);
  if (rule.positive && n <= 0) return fail(`«${t}» — значение должно быть больше нуля`);
  if (rule.min !== undefined && n < rule.min) return fail(`«${t}» — слишком мало (не меньше ${rule.min})`);
  if (rule.max !== undefined && n > rule.max)
    return fail(`«${t}» — неправдоподобно много (не больше ${rule.max})`);
  return ok(n);
}

const YES = new Set(['да', 'д', 'yes', 'y', 'true', 'истина', '1', '+']);
const NO = new Set(['нет', 'н', 'no', 'n', 'false', 'ложь', '0', '-']);

export function parseYesNo(text: string): Parsed<boolean> {
  const w = normWord(text);
  if (YES.has(w)) return ok(true);
  if (NO.has(w)) return ok(false);
  return fail(`Неизвестное значение «${text.trim()}»; допустимые: да, нет`);
}

interface WordTable {
  words: Map<string, string>;
  /**
   * Cell texts met so far → their word, per set of extra spellings (the list itself: `words`): a
   * column of 50 000 cells has a handful of texts, each normalised once.
   */
  seen: WeakMap<object, Map<string, string>>;
}

const wordTables = new WeakMap<object, WordTable>();
const MAX_SEEN = 10_000;

function wordTable(words: Record<string, string>): WordTable {
  let table = wordTables.get(words);
  if (!table) {
    table = { words: new Map(Object.entries(words).map(([k, w]) => [normWord(w), k])), seen: new WeakMap() };
    wordTables.set(words, table);
  }
  return table;
}

/** A word of a closed list (case-, ё- and space-insensitive); the message lists the allowed words. */
export function parseWord<K extends string>(
  text: string,
  words: Record<K, string>,
  extra?: Partial<Record<string, K>>,
): Parsed<K> {
  const table = wordTable(words);
  let seen = table.seen.get(extra ?? words);
  if (!seen) {
    seen = new Map();
    table.seen.set(extra ?? words, seen);
  }
  let found = seen.get(text) as K | undefined;
  if (found === undefined) {
    const wanted = normWord(text);
    found = (table.words.get(wanted) as K | undefined) ?? extra?.[wanted];
    if (found && seen.size < MAX_SEEN) seen.set(text, found);
  }
  if (found) return ok(found);
  return fail(`Неизвестное значение «${text.trim()}»; допустимые: ${Object.values(words).join(', ')}`);
}

/** СНИЛС with its checksum; a number that lost its leading zero in Excel gets it back. */
export function parseSnils(text: string): Parsed<string> {
  const t = text.trim();
  let r = normalizeSnils(t);
  if (!r.ok && /^\d{10}$/.test(t)) {
    const padded = normalizeSnils(`0${t}`);
    if (padded.ok) r = padded;
  }
  return r.ok ? ok(r.value) : fail(`СНИЛС «${t}»: ${r.reason}`);
}

/** ИНН of an organization with its check digits; a lost leading zero is restored. */
export function parseInn(text: string): Parsed<string> {
  const t = text.trim();
  let r = normalizeInn(t);
  if (!r.ok && /^(\d{9}|\d{11})$/.test(t)) {
    const padded = normalizeInn(`0${t}`);
    if (padded.ok) r = padded;
  }
  return r.ok ? ok(r.value) : fail(`ИНН «${t}»: ${r.reason}`);
}

export function parseEmail(text: string): Parsed<string> {
  const t = text.trim().replace(/^mailto:/i, '');
  if (t.length > 254 || !/^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/.test(t)) {
    return fail(`«${text.trim()}» — не адрес электронной почты`);
  }
  return ok(t.toLowerCase());
}

/** A list in one cell, separated by `;`: trimmed, empty parts and repeats dropped. */
export function splitList(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[;\n]/)) {
    const item = part.trim().replace(/\s+/g, ' ');
    if (!item) continue;
    const key = normWord(item);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
