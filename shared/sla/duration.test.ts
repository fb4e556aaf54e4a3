import { describe, expect, it } from 'vitest';
import { ukCalendarSpec } from '../policies/uk-calendar';
import { compileCalendar } from './calendar';
import { addDuration, Duration, describeDuration, nextWorkingInstant, subtractDuration } from './duration';

const uk = compileCalendar(ukCalendarSpec({ fromYear: 2026, toYear: 2026 }));
// Friday 28 August 2026 15:00 BST; Monday 31 August is a bank holiday.
const friday = Date.parse('2026-08-28T14:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('durations', () => {
  it('add in each unit the way a desk counts', () => {
    expect(iso(addDuration(uk, friday, { amount: 90, unit: 'calendar-minutes' }))).toBe(
      '2026-08-28T15:30:00.000Z',
    );
    expect(iso(addDuration(uk, friday, { amount: 24, unit: 'calendar-hours' }))).toBe(
      '2026-08-29T14:00:00.000Z',
    );
    expect(iso(addDuration(uk, friday, { amount: 3, unit: 'calendar-days' }))).toBe(
      '2026-08-31T14:00:00.000Z',
    );
    expect(iso(addDuration(uk, friday, { amount: 1, unit: 'calendar-weeks' }))).toBe(
      '2026-09-04T14:00:00.000Z',
    );
    expect(iso(addDuration(uk, friday, { amount: 150, unit: 'working-minutes' }))).toBe(
      '2026-09-01T08:30:00.000Z',
    );
    expect(iso(addDuration(uk, friday, { amount: 3, unit: 'working-hours' }))).toBe(
      '2026-09-01T09:00:00.000Z',
    );
    expect(iso(addDuration(uk, friday, { amount: 1, unit: 'working-days' }))).toBe(
      '2026-09-01T16:00:00.000Z',
    );
    expect(addDuration(uk, friday, { amount: 0, unit: 'working-days' })).toBe(friday);
  });

  it('count back in every unit but working days', () => {
    const tuesday = Date.parse('2026-09-01T09:00:00Z');
    expect(iso(subtractDuration(uk, tuesday, { amount: 3, unit: 'working-hours' }))).toBe(
      '2026-08-28T14:00:00.000Z',
    );
    expect(iso(subtractDuration(uk, tuesday, { amount: 1, unit: 'calendar-weeks' }))).toBe(
      '2026-08-25T09:00:00.000Z',
    );
    expect(() => subtractDuration(uk, tuesday, { amount: 1, unit: 'working-days' })).toThrow(/working hours/);
  });

  it('find the next working instant, staying put inside working time', () => {
    expect(iso(nextWorkingInstant(uk, Date.parse('2026-08-31T08:00:00Z')))).toBe('2026-09-01T08:00:00.000Z');
    expect(nextWorkingInstant(uk, friday)).toBe(friday);
  });

  it('validate whole days and describe themselves', () => {
    expect(Duration.safeParse({ amount: 1.5, unit: 'working-days' }).success).toBe(false);
    expect(Duration.safeParse({ amount: 1.5, unit: 'working-hours' }).success).toBe(true);
    expect(Duration.safeParse({ amount: -1, unit: 'calendar-hours' }).success).toBe(false);
    expect(describeDuration({ amount: 5, unit: 'working-days' })).toBe('5 working days');
    expect(describeDuration({ amount: 1, unit: 'calendar-weeks' })).toBe('1 week');
  });
});
