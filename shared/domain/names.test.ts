import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { humanIssueMessage } from '../sync/errors';
import { greeting, salutationName } from './names';
import { checkPhone } from './phone';
import { canonicalTicketRef, canonicalTicketRefs } from './references';

describe('greeting', () => {
  it('addresses a titled person by title and whole surname', () => {
    expect(greeting("Dr Aoife O'Neill-Ní Bhriain")).toBe("Dear Dr O'Neill-Ní Bhriain,");
    expect(greeting("Dr O'Neill-Ní Bhriain")).toBe("Dear Dr O'Neill-Ní Bhriain,");
    expect(greeting('Prof. Jan van der Berg')).toBe('Dear Prof van der Berg,');
    expect(greeting('O’Neill-Ní Bhriain, Dr Aoife')).toBe('Dear Dr O’Neill-Ní Bhriain,');
    expect(greeting('Sir Tim Berners-Lee')).toBe('Dear Sir Tim,');
  });

  it('never writes a title alone or an empty name', () => {
    expect(greeting('Dr')).toBe('Hello,');
    expect(greeting('  ')).toBe('Hello,');
    expect(greeting(null)).toBe('Hello,');
    expect(salutationName('Dr.')).toBe('');
  });

  it('uses the name as given when there is no title', () => {
    expect(greeting('Priya Natarajan')).toBe('Dear Priya Natarajan,');
  });
});

describe('canonicalTicketRef', () => {
  it('writes a Desk reference as Desk writes it', () => {
    expect(canonicalTicketRef('q 10474')).toBe('Q-10474');
    expect(canonicalTicketRef('Q10474')).toBe('Q-10474');
    expect(canonicalTicketRef(' c-kdrmx 42 ')).toBe('C-KDRMX-42');
    expect(canonicalTicketRefs('q 10428,  Q10433')).toBe('Q-10428, Q-10433');
  });

  it('keeps an older system’s number as given', () => {
    expect(canonicalTicketRef('INC0012345')).toBe('INC0012345');
    expect(canonicalTicketRef('  old  ref 7 ')).toBe('old ref 7');
  });
});

describe('checkPhone', () => {
  it('accepts UK and international numbers and writes them the usual way', () => {
    expect(checkPhone('+44 1865 270000')).toEqual({ ok: true, phone: '01865 270000' });
    expect(checkPhone('020 7882 8888')).toEqual({ ok: true, phone: '020 7882 8888' });
    expect(checkPhone('07700 900123')).toEqual({ ok: true, phone: '07700 900123' });
    expect(checkPhone('+33 1 23 45 67 89')).toEqual({ ok: true, phone: '+33 1 23 45 67 89' });
  });

  it('refuses words and impossible numbers with a sentence', () => {
    const words = checkPhone('call me maybe');
    expect(words).toEqual({ ok: false, message: expect.stringMatching(/^That isn’t a phone number/) });
    expect(checkPhone('call 01865 270000 maybe').ok).toBe(false);
    expect(checkPhone('12345')).toEqual({
      ok: false,
      message: expect.stringMatching(/too short or too long/),
    });
  });
});

describe('humanIssueMessage', () => {
  const parse = (schema: z.ZodType, value: unknown) => {
    const result = schema.safeParse(value, { error: humanIssueMessage });
    return result.success ? null : result.error.issues[0]?.message;
  };
  it('writes a schema’s complaint for a person', () => {
    expect(parse(z.string().max(50_000), 'x'.repeat(50_001))).toBe('Keep it under 50,000 characters.');
    expect(parse(z.object({ statement: z.string().max(50_000) }), { statement: 'x'.repeat(50_001) })).toBe(
      'Keep the statement under 50,000 characters.',
    );
    expect(parse(z.object({ bestTimeToCall: z.string().min(1) }), { bestTimeToCall: '' })).toBe(
      'Please fill in the best time to call.',
    );
    expect(parse(z.email(), 'nope')).toMatch(/email address doesn’t look right/);
    expect(parse(z.enum(['a', 'b']), 'c')).toBe('Choose one of the options offered for it.');
  });
  it('keeps a schema’s own message', () => {
    expect(parse(z.string().max(3, 'Three at most.'), 'abcd')).toBe('Three at most.');
  });
});
