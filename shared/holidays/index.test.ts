import { describe, expect, it } from 'vitest';
import { mergeHolidays, parseGovUkBankHolidays, ukBankHolidays } from './index';

describe('mergeHolidays', () => {
  it('sorts and keeps one entry per date, the earlier list winning', () => {
    expect(
      mergeHolidays(
        [{ date: '2026-06-15', name: 'World Cup bank holiday' }],
        [
          { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
          { date: '2026-01-01', name: 'library name' },
        ],
        [{ date: '2026-01-01', name: 'ignored: already there' }],
      ),
    ).toEqual([
      { date: '2026-01-01', name: 'library name' },
      { date: '2026-06-15', name: 'World Cup bank holiday' },
      { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
    ]);
    expect(mergeHolidays()).toEqual([]);
  });

  it('adds a gov.uk one-off to the library list', () => {
    const file = {
      'england-and-wales': { events: [] },
      scotland: { events: [{ title: 'World Cup bank holiday', date: '2026-06-15' }] },
      'northern-ireland': { events: [] },
    };
    const merged = mergeHolidays(
      parseGovUkBankHolidays(file).scotland,
      ukBankHolidays('scotland', 2026, 2026),
    );
    expect(merged.map((h) => h.date)).toContain('2026-06-15');
    expect(merged).toHaveLength(ukBankHolidays('scotland', 2026, 2026).length + 1);
  });

  it('rejects an entry that is not a date', () => {
    expect(() => mergeHolidays([{ date: '2026-6-1', name: 'x' }])).toThrow(
      'mergeHolidays: "2026-6-1" is not a YYYY-MM-DD date',
    );
  });
});
