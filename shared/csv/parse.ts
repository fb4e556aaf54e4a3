import { CSV_BOM, startsLikeFormula } from './write';

/** Where and why a CSV text is not valid RFC 4180 (1-based line and column of the offending character). */
export class CsvParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`CSV line ${line}, column ${column}: ${message}`);
    this.name = 'CsvParseError';
  }
}

/**
 * Parses RFC 4180 text into records of fields. Accepts CRLF or bare LF record ends (files edited on
 * Unix), quoted fields with commas, doubled quotes and line breaks inside, a leading BOM, and a last
 * record without a line end. An empty line is a record of one empty field. Refuses a quote inside an
 * unquoted field, text after a closing quote and an unclosed quote, since guessing would import the
 * wrong data. Fields come back as written: a formula guard's leading `'` stays (see `unguardFormula`).
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = text.startsWith(CSV_BOM) ? 1 : 0;
  const n = text.length;
  let line = 1;
  let lineStart = i;
  const fail = (message: string, at: number): never => {
    throw new CsvParseError(message, line, at - lineStart + 1);
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // A quote only ever starts a field here: plain runs refuse quotes inside them.
      const open = i;
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close < 0) fail('a quoted field is never closed', open);
        field += text.slice(i, close);
        for (let k = text.indexOf('\n', i); k >= 0 && k < close; k = text.indexOf('\n', k + 1)) {
          line++;
          lineStart = k + 1;
        }
        if (text.charCodeAt(close + 1) === 34) {
          field += '"';
          i = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      const next = text.charCodeAt(i);
      if (i < n && next !== 44 && next !== 13 && next !== 10) fail('text after a closing quote', i);
      record.push(field);
      field = '';
      if (next === 44) {
        i++;
        if (i === n) record.push('');
        continue;
      }
      if (i < n) i = endRecord(i);
      continue;
    }
    if (c === 44 /* , */) {
      record.push(field);
      field = '';
      i++;
      if (i === n) record.push('');
      continue;
    }
    if (c === 13 || c === 10) {
      record.push(field);
      field = '';
      i = endRecord(i);
      continue;
    }
    // Plain run up to the next delimiter.
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === 44 || d === 13 || d === 10) break;
      if (d === 34) fail('a quote inside an unquoted field', j);
      j++;
    }
    field += text.slice(i, j);
    i = j;
    if (i === n) record.push(field);
  }
  if (record.length > 0) records.push(record);
  return records;

  /** Consumes CRLF, CR or LF at `at`, closes the record, returns the index after it. */
  function endRecord(at: number): number {
    let next = at + 1;
    if (text.charCodeAt(at) === 13 && text.charCodeAt(next) === 10) next++;
    records.push(record);
    record = [];
    line++;
    lineStart = next;
    return next;
  }
}

/** Undoes `guardFormula` for a field read back from a file this app wrote. */
export function unguardFormula(text: string): string {
  return text.charCodeAt(0) === 39 /* ' */ && startsLikeFormula(text, 1) ? text.slice(1) : text;
}
