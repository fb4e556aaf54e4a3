import { describe, expect, it } from 'vitest';
import { ukCalendarSpec } from '../../shared/policies/uk-calendar';
import { compileCalendar } from '../../shared/sla';
import { countdown, formatSpan, spanWords, workingDayMinutes } from './deadline';

const uk = compileCalendar(ukCalendarSpec({ fromYear: 2025, toYear: 2027 }));
const at = (iso: string) => Date.parse(iso);

describe('countdowns in working time', () => {
  it('count a working day as the calendar’s day (8 hours for 09:00–17:00)', () => {
    expect(workingDayMinutes(uk)).toBe(480);
    expect(formatSpan(42, 480)).toBe('42m');
    expect(formatSpan(3 * 60 + 12, 480)).toBe('3h 12m');
    expect(formatSpan(480 + 4 * 60 + 30, 480)).toBe('1d 4h');
    expect(formatSpan(960, 480)).toBe('2d');
    expect(formatSpan(4 + 5 / 60, 480)).toBe('4m 05s');
  });

  it('skip nights and weekends: Friday 15:45 to Monday 11:00 is 3h 15m', () => {
    const left = countdown(at('2026-03-09T11:00:00Z'), at('2026-03-06T15:45:00Z'), uk);
    expect(left).toMatchObject({ text: '3h 15m', overdue: false });
  });

  it('say "overdue" with the working time since the deadline', () => {
    const late = countdown(at('2026-03-05T12:00:00Z'), at('2026-03-06T13:00:00Z'), uk);
    expect(late).toMatchObject({ text: 'overdue 1d 1h', overdue: true });
  });

  it('give the day and time of a deadline out of hours with no working time before it', () => {
    const weekend = countdown(at('2026-03-07T17:00:00Z'), at('2026-03-06T18:00:00Z'), uk);
    expect(weekend.text).toBe('due Sat 17:00');
  });

  it('count real time without a calendar', () => {
    expect(countdown(at('2026-03-07T17:00:00Z'), at('2026-03-06T15:45:00Z'), undefined).text).toBe('1d 1h');
  });
});

describe('countdowns say their unit', () => {
  it('a working-time clock says "working" (a day there is 8 hours, not 24)', () => {
    // Thursday 14:00 London to Friday 14:00 London: one working day.
    const day = countdown(at('2026-03-06T14:00:00Z'), at('2026-03-05T14:00:00Z'), uk);
    expect(day).toMatchObject({ text: '1d', words: '1 working day left', working: true });
    const hours = countdown(at('2026-03-05T17:00:00Z'), at('2026-03-05T10:00:00Z'), uk);
    expect(hours.words).toBe('7 working hours left');
    const late = countdown(at('2026-03-05T12:00:00Z'), at('2026-03-06T13:00:00Z'), uk);
    expect(late.words).toBe('overdue by 1 working day 1 hour');
  });

  it('a real-time clock (a complaint’s 24 hours) does not', () => {
    const left = countdown(at('2026-03-06T14:00:00Z'), at('2026-03-05T14:00:00Z'), undefined);
    expect(left).toMatchObject({ text: '1d', words: '1 day left', working: false });
    expect(spanWords(3 * 60 + 12, 480, true)).toBe('3 working hours 12 minutes');
    expect(spanWords(42, 24 * 60, false)).toBe('42 minutes');
  });

  it('an out-of-hours deadline is given in the calendar’s zone, not the device’s', () => {
    // Saturday 1 August 2026 17:00 London is 16:00 UTC.
    const weekend = countdown(at('2026-08-01T16:00:00Z'), at('2026-07-31T18:00:00Z'), uk);
    expect(weekend.text).toBe('due Sat 17:00');
  });
});
