import { describe, expect, it } from 'vitest';
import { compileCalendar } from '../../shared/sla';
import { describeTravel, nextWorkingDay } from './travel';

const london = compileCalendar({
  id: 'uk',
  name: 'UK office',
  timeZone: 'Europe/London',
  hours: Object.fromEntries(
    ['MO', 'TU', 'WE', 'TH', 'FR'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]),
  ),
  holidays: [
    { date: '2026-04-03', name: 'Good Friday' },
    { date: '2026-04-06', name: 'Easter Monday' },
  ],
  recurringHolidays: [],
  closures: [],
});

const next = (iso: string) => nextWorkingDay(london, new Date(iso)).toISOString();

describe('nextWorkingDay', () => {
  it('keeps the time of day and skips weekends', () => {
    expect(next('2026-03-02T10:00:00Z')).toBe('2026-03-03T10:00:00.000Z');
    expect(next('2026-03-06T15:45:00Z')).toBe('2026-03-09T15:45:00.000Z');
    // From a Saturday evening, outside working hours: Monday at the same time.
    expect(next('2026-03-07T19:00:00Z')).toBe('2026-03-09T19:00:00.000Z');
  });

  it('skips holidays, and keeps the local time across a DST change', () => {
    // Thursday 2 April 10:00 BST -> Tuesday 7 April 10:00 BST, over Good Friday, the weekend and Easter Monday.
    expect(next('2026-04-02T09:00:00Z')).toBe('2026-04-07T09:00:00.000Z');
    // Friday 27 March 09:30 GMT -> Monday 30 March 09:30 BST (clocks went forward on the 29th).
    expect(next('2026-03-27T09:30:00Z')).toBe('2026-03-30T08:30:00.000Z');
  });
});

describe('describeTravel', () => {
  it('says how far from real time the app clock is, or nothing within a minute', () => {
    const real = Date.parse('2026-03-02T09:00:00Z');
    expect(describeTravel(real + 20_000, real)).toBeNull();
    expect(describeTravel(real + 26 * 3_600_000, real)).toBe('1 day 2 hours ahead of real time');
    expect(describeTravel(real - 25 * 60_000, real)).toBe('25 minutes behind real time');
  });
});
