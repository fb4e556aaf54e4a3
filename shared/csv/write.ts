/**
 * RFC 4180 CSV for spreadsheets: CRLF record ends, fields quoted when they hold a comma, quote, CR or
 * LF (quotes doubled), a UTF-8 byte-order mark first so Excel reads the text as UTF-8, and a guard
 * against formula injection (see `guardFormula`).
 */

/** A field as callers hand it over: numbers are written as numbers, null as an empty field. */
export type CsvValue = string | number | null | undefined;

export interface CsvOptions {
  /** Start with U+FEFF (written as the UTF-8 BOM) so Excel does not guess a legacy code page. Default true. */
  bom?: boolean;
  /** Prefix text that a spreadsheet would run as a formula with a single quote. Default true. */
  formulaGuard?: boolean;
}

export const CSV_BOM = '\uFEFF';

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

/**
 * Text starting with = + - @ TAB or CR is a formula (or becomes one) when a spreadsheet opens the
 * file: a requester could write `=HYPERLINK(...)` into a subject line and have it run on a manager's
 * machine (OWASP "CSV injection"). Such text gets a leading `'`, which a spreadsheet shows as text.
 * Text that already starts with quotes before such a character gets one more, so `unguardFormula`
 * can undo the guard exactly. Numbers are never guarded: a number is not a formula, and guarding
 * would turn -5 into text.
 */
export function guardFormula(text: string): string {
  return startsLikeFormula(text, 0) ? `'${text}` : text;
}

/** Whether `text` is quotes from `from` on, then = + - @ TAB or CR. */
export function startsLikeFormula(text: string, from: number): boolean {
  let i = from;
  while (text.charCodeAt(i) === 39 /* ' */) i++;
  const c = text.charCodeAt(i);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;
}

/** One field, quoted when RFC 4180 needs it. */
export function csvField(value: CsvValue, formulaGuard = true): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = formulaGuard ? guardFormula(value) : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
}

/** One record with its CRLF. A record of one empty field is written `""` so it is not an empty line. */
export function csvRecord(fields: readonly CsvValue[], formulaGuard = true): string {
  if (fields.length === 1) {
    const only = csvField(fields[0], formulaGuard);
    return only === '' ? '""\r\n' : `${only}\r\n`;
  }
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += ',';
    line += csvField(fields[i], formulaGuard);
  }
  return `${line}\r\n`;
}

/**
 * The CSV of `records` in chunks of about `chunkChars` characters: a caller can yield to the event
 * loop, show progress or cancel between chunks, and hand them to a Blob or a stream without ever
 * holding the whole file as one string.
 */
export function* csvChunks(
  records: Iterable<readonly CsvValue[]>,
  options: CsvOptions & { chunkChars?: number } = {},
): Generator<string, void, undefined> {
  const { bom = true, formulaGuard = true, chunkChars = 64 * 1024 } = options;
  let chunk = bom ? CSV_BOM : '';
  for (const record of records) {
    chunk += csvRecord(record, formulaGuard);
    if (chunk.length >= chunkChars) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** The whole CSV as one string (small tables, tests). */
export function toCsv(records: Iterable<readonly CsvValue[]>, options: CsvOptions = {}): string {
  let text = '';
  for (const chunk of csvChunks(records, options)) text += chunk;
  return text;
}
