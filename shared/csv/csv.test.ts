import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, CsvParseError, csvChunks, guardFormula, parseCsv, toCsv, unguardFormula } from './index';

describe('writing CSV', () => {
  it('starts with a BOM, ends records with CRLF and quotes only what needs it', () => {
    const text = toCsv([
      ['Ref', 'Subject', 'Days'],
      ['Q-1', 'Printer, 3rd floor', 4],
      ['Q-2', 'Says "hello"', 0],
      ['Q-3', 'two\nlines', null],
    ]);
    expect(text).toBe(
      `${CSV_BOM}Ref,Subject,Days\r\nQ-1,"Printer, 3rd floor",4\r\nQ-2,"Says ""hello""",0\r\nQ-3,"two\nlines",\r\n`,
    );
  });

  it('keeps text a spreadsheet would run as a formula as text, but not numbers', () => {
    const text = toCsv([['=HYPERLINK("http://x")', '+44 20', '-', '@SUM(A1)', '\tx', '\rx', -5, 'a=b']], {
      bom: false,
    });
    expect(text).toBe(`"'=HYPERLINK(""http://x"")",'+44 20,'-,'@SUM(A1),'\tx,"'\rx",-5,a=b\r\n`);
    expect(toCsv([['=1+1']], { bom: false, formulaGuard: false })).toBe('=1+1\r\n');
  });

  it('writes a record of one empty field so it reads back as one', () => {
    expect(toCsv([[''], ['a']], { bom: false })).toBe('""\r\na\r\n');
    expect(parseCsv(toCsv([[''], ['a']]))).toEqual([[''], ['a']]);
  });

  it('streams in chunks of about the size asked for, which join to the same text', () => {
    const records = Array.from({ length: 5000 }, (_, i) => [`case ${i}`, 'x'.repeat(i % 40), i]);
    const chunks = [...csvChunks(records, { chunkChars: 4096 })];
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeLessThan(4096 + 100);
    expect(chunks.join('')).toBe(toCsv(records));
  });
});

describe('parsing CSV', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, with CRLF or LF record ends', () => {
    expect(parseCsv('a,"b,c","d ""e"""\r\n"multi\r\nline",,x\ny,z')).toEqual([
      ['a', 'b,c', 'd "e"'],
      ['multi\r\nline', '', 'x'],
      ['y', 'z'],
    ]);
  });

  it('keeps empty fields at the end of a record and empty lines as one empty field', () => {
    expect(parseCsv('a,\r\n\r\n,\r\n')).toEqual([['a', ''], [''], ['', '']]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv(`${CSV_BOM}a`)).toEqual([['a']]);
  });

  it('refuses malformed text with the line and column of the problem', () => {
    expect(() => parseCsv('a,b\r\nc,d"e')).toThrow(CsvParseError);
    expect(() => parseCsv('a,b\r\nc,d"e')).toThrow('line 2, column 4');
    expect(() => parseCsv('"a"b')).toThrow('text after a closing quote');
    expect(() => parseCsv('x\r\n"two\nlines\n')).toThrow('line 2, column 1: a quoted field is never closed');
    expect(() => parseCsv('"a\nb"c')).toThrow('line 2');
  });

  it('strips the formula guard only where the writer put it', () => {
    expect(unguardFormula("'=1+1")).toBe('=1+1');
    expect(unguardFormula("'tis")).toBe("'tis");
    expect(guardFormula("'=x")).toBe("''=x");
    expect(unguardFormula("''=x")).toBe("'=x");
    expect(unguardFormula(guardFormula('-3'))).toBe('-3');
  });
});

describe('round trip', () => {
  const field = fc.oneof(
    fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', ' ', "'", 'é') }),
    fc.string({ unit: 'grapheme' }),
  );
  const records = fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { maxLength: 20 });

  it('any records of text parse back to the same records, formula-guarded', () => {
    fc.assert(
      fc.property(records, (rows) => {
        expect(parseCsv(toCsv(rows))).toEqual(rows.map((row) => row.map(guardFormula)));
        expect(parseCsv(toCsv(rows)).map((row) => row.map(unguardFormula))).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('parse back exactly without the guard, whatever the chunk size', () => {
    fc.assert(
      fc.property(records, fc.integer({ min: 1, max: 200 }), (rows, chunkChars) => {
        const text = [...csvChunks(rows, { formulaGuard: false, chunkChars })].join('');
        expect(parseCsv(text)).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });
});
