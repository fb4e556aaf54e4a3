import { describe, expect, it } from 'vitest';
import { ukBankHolidays } from './uk';

// Every expected date below was checked against gov.uk's own data (https://www.gov.uk/bank-holidays.json,
// snapshot in the shared corpora), not taken from the library.
const dates = (region: Parameters<typeof ukBankHolidays>[0], from: number, to = from) =>
  ukBankHolidays(region, from, to).map((h) => h.date);

describe('ukBankHolidays', () => {
  it('England and Wales 2026, with the Boxing Day substitute', () => {
    expect(dates('england-and-wales', 2026)).toEqual([
      '2026-01-01',
      '2026-04-03', // Good Friday
      '2026-04-06', // Easter Monday
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28', // Boxing Day (Sat 26th) substitute
    ]);
  });

  it('Scotland 2026: 2 January, no Easter Monday, first Monday of August, St Andrew’s Day', () => {
    expect(dates('scotland', 2026)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-04-03',
      '2026-05-04',
      '2026-05-25',
      '2026-08-03',
      '2026-11-30',
      '2026-12-25',
      '2026-12-28',
    ]);
  });

  it('Northern Ireland 2026: St Patrick’s Day and the Boyne substitute (12 July is a Sunday)', () => {
    expect(dates('northern-ireland', 2026)).toEqual([
      '2026-01-01',
      '2026-03-17',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-07-13',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
    ]);
  });

  it('substitute days around Christmas and New Year', () => {
    const ew = dates('england-and-wales', 2020, 2023);
    expect(ew).toEqual(expect.arrayContaining(['2020-12-28', '2021-12-27', '2021-12-28', '2022-01-03']));
    expect(ew).toEqual(expect.arrayContaining(['2022-12-26', '2022-12-27', '2023-01-02']));
    // Scotland 2022: 1 Jan Sat, 2 Jan Sun -> Mon 3rd and Tue 4th.
    expect(dates('scotland', 2022).slice(0, 2)).toEqual(['2022-01-03', '2022-01-04']);
    // St Andrew's Day on a weekend moves to the Monday (2024: Sat, 2025: Sun).
    expect(dates('scotland', 2024, 2025)).toEqual(expect.arrayContaining(['2024-12-02', '2025-12-01']));
    expect(dates('northern-ireland', 2025)).toContain('2025-07-14');
  });

  it('drops weekend dates and observances', () => {
    const all = dates('england-and-wales', 2026);
    expect(all).not.toContain('2026-12-26'); // Boxing Day itself is a Saturday
    expect(all).not.toContain('2026-04-05'); // Easter Sunday (observance)
    expect(all).not.toContain('2026-03-15'); // Mother's Day (observance)
    expect(dates('northern-ireland', 2026)).not.toContain('2026-07-12');
  });

  it('includes the one-offs the library knows and moved holidays', () => {
    const ew = dates('england-and-wales', 2020, 2023);
    expect(ew).toContain('2020-05-08'); // VE day: early May moved from the 4th
    expect(ew).not.toContain('2020-05-04');
    expect(ew).toEqual(expect.arrayContaining(['2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08']));
    expect(ew).not.toContain('2022-05-30'); // spring holiday moved to 2 June
  });

  it('names each date, sorted and without duplicates, across several years', () => {
    const list = ukBankHolidays('scotland', 2019, 2028);
    const sorted = [...list].sort((a, b) => a.date.localeCompare(b.date));
    expect(list).toEqual(sorted);
    expect(new Set(list.map((h) => h.date)).size).toBe(list.length);
    expect(list.every((h) => /^\d{4}-\d{2}-\d{2}$/.test(h.date) && h.name.length > 0)).toBe(true);
    expect(list.find((h) => h.date === '2026-11-30')?.name).toMatch(/St Andrew/);
  });

  it('returns fresh objects (the cache cannot be changed by a caller)', () => {
    const first = ukBankHolidays('england-and-wales', 2026, 2026);
    first[0]!.name = 'changed';
    first.pop();
    expect(ukBankHolidays('england-and-wales', 2026, 2026)[0]!.name).not.toBe('changed');
    expect(ukBankHolidays('england-and-wales', 2026, 2026)).toHaveLength(8);
  });

  it('rejects bad arguments', () => {
    expect(() => ukBankHolidays('wales' as never, 2026, 2026)).toThrow(/unknown region "wales"/);
    expect(() => ukBankHolidays('scotland', 2027, 2026)).toThrow(/after toYear/);
    expect(() => ukBankHolidays('scotland', 2026.5, 2027)).toThrow(/fromYear must be a whole year/);
  });
});
