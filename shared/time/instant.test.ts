import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInstant, instantMs, parseInstant } from './instant';

describe('instantMs', () => {
  it('reads the canonical UTC form exactly as Date does', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(instantMs(iso)).toBe(ms);
        expect(instantMs(iso.replace(/\.\d{3}Z$/, 'Z'))).toBe(Math.floor(ms / 1000) * 1000);
      }),
    );
  });

  it('reads offsets and minute precision', () => {
    expect(instantMs('2026-03-02T09:30+01:00')).toBe(Date.parse('2026-03-02T08:30:00Z'));
    expect(instantMs('2026-07-01T12:00:00.5-04:00')).toBe(Date.parse('2026-07-01T16:00:00.500Z'));
  });

  it('refuses dates that do not exist and text without a zone', () => {
    for (const text of [
      '2026-02-29T00:00:00Z',
      '2026-02-30T10:00:00+01:00',
      '2026-04-31T10:00:00.000Z',
      '2026-03-02T24:00:00Z',
      '2026-03-02T09:30:00',
      '2026-03-02',
      'yesterday',
      '2026-03-0xT09:30:00Z',
    ]) {
      expect(instantMs(text), text).toBeNaN();
    }
    expect(instantMs('2028-02-29T00:00:00Z')).toBe(Date.UTC(2028, 1, 29));
  });

  it('parseInstant names what it could not read', () => {
    expect(() => parseInstant('soon', 'receivedAt')).toThrow(/receivedAt "soon"/);
    expect(formatInstant(parseInstant('2026-03-02T09:30:00+00:00'))).toBe('2026-03-02T09:30:00.000Z');
  });
});

describe('instantMs edge months', () => {
  it('refuses month 00 and 13 inside and outside the fast table', () => {
    for (const text of [
      '2026-00-15T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2300-00-01T00:00:00Z',
      '1969-02-29T00:00:00Z',
    ]) {
      expect(instantMs(text), text).toBeNaN();
    }
    expect(instantMs('1969-12-31T23:59:59.999Z')).toBe(-1);
    expect(instantMs('2300-02-28T00:00:00Z')).toBe(Date.UTC(2300, 1, 28));
  });
});
