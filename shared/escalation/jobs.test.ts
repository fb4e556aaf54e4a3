import { describe, expect, it } from 'vitest';
import { ukCalendarSpec } from '../policies/uk-calendar';
import { compileCalendar } from '../sla/calendar';
import { dueJobRuns } from './jobs';
import { localRecurrence } from './recurrence';
import { ScheduledJob, type ScheduledJobInput } from './schema';

const uk = compileCalendar(ukCalendarSpec({ fromYear: 2025, toYear: 2028 }));
const at = (iso: string) => new Date(iso);

// Every second Monday 09:00 London from Monday 5 January 2026.
const fortnightly: ScheduledJobInput = {
  id: 'report',
  name: 'Outstanding queries',
  rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0',
  dtstart: '2026-01-05T09:00',
  timeZone: 'Europe/London',
  action: { type: 'outstanding-cases-report', caseKinds: ['query'], notify: ['manager'] },
};
const job = (input: Partial<ScheduledJobInput> = {}) => ScheduledJob.parse({ ...fortnightly, ...input });

describe('dueJobRuns', () => {
  it('runs at 09:00 local on every second Monday, in winter and in summer time', () => {
    const winter = dueJobRuns(job(), at('2026-01-05T09:00:00Z'), at('2026-01-19T09:00:00Z'));
    expect(winter.run).toEqual({
      id: 'report:2026-01-19T09:00',
      jobId: 'report',
      scheduledAt: at('2026-01-19T09:00:00Z'),
      occurrences: 1,
    });
    expect(winter.nextAt).toEqual(at('2026-02-02T09:00:00Z'));
    // 2026-03-30 is the first fortnightly Monday in BST: 09:00 London is 08:00Z.
    const summer = dueJobRuns(job(), at('2026-03-16T09:00:00Z'), at('2026-03-30T07:59:59Z'));
    expect(summer).toEqual({ run: null, nextAt: at('2026-03-30T08:00:00Z') });
  });

  it('folds missed occurrences into one run for the latest', () => {
    // Last ran 19 January; the app was closed until 20 March: 2 Feb, 16 Feb, 2 Mar, 16 Mar were missed.
    const { run, nextAt } = dueJobRuns(job(), at('2026-01-19T09:00:05Z'), at('2026-03-20T12:00:00Z'));
    expect(run).toMatchObject({ id: 'report:2026-03-16T09:00', occurrences: 4 });
    expect(nextAt).toEqual(at('2026-03-30T08:00:00Z'));
    expect(dueJobRuns(job(), at('2026-03-20T12:00:00Z'), at('2026-03-21T12:00:00Z')).run).toBeNull();
  });

  it('runs the latest occurrence when it never ran', () => {
    expect(dueJobRuns(job(), null, at('2026-02-03T00:00:00Z')).run).toMatchObject({
      id: 'report:2026-02-02T09:00',
      occurrences: 3,
    });
    expect(dueJobRuns(job(), null, at('2026-01-01T00:00:00Z'))).toEqual({
      run: null,
      nextAt: at('2026-01-05T09:00:00Z'),
    });
  });

  it('moves an occurrence on a bank holiday to the next opening, keeping its id', () => {
    const moving = job({ onNonWorkingTime: 'next-working-time' });
    // Monday 31 August 2026 is the summer bank holiday: the report runs Tuesday 09:00 BST.
    const holiday = dueJobRuns(moving, at('2026-08-17T08:00:00Z'), at('2026-08-31T08:00:00Z'), uk);
    expect(holiday).toEqual({ run: null, nextAt: at('2026-09-01T08:00:00Z') });
    const tuesday = dueJobRuns(moving, at('2026-08-17T08:00:00Z'), at('2026-09-01T08:00:00Z'), uk);
    expect(tuesday.run).toEqual({
      id: 'report:2026-08-31T09:00',
      jobId: 'report',
      scheduledAt: at('2026-09-01T08:00:00Z'),
      occurrences: 1,
    });
    expect(tuesday.nextAt).toEqual(at('2026-09-14T08:00:00Z'));
  });

  it('takes the zone from the calendar and refuses to guess without one', () => {
    const zoneless = job({ timeZone: undefined });
    expect(dueJobRuns(zoneless, null, at('2026-01-05T09:00:00Z'), uk).run?.id).toBe(
      'report:2026-01-05T09:00',
    );
    expect(() => dueJobRuns(zoneless, null, at('2026-01-05T09:00:00Z'))).toThrow(/time zone/);
  });
});

describe('localRecurrence', () => {
  it('keeps the local wall time across DST in the southern hemisphere and ends with COUNT', () => {
    const sydney = localRecurrence(
      'FREQ=DAILY;COUNT=3;BYHOUR=9;BYMINUTE=0;BYSECOND=0',
      '2026-04-04T09:00',
      'Australia/Sydney',
    );
    // Sydney leaves daylight time on Sunday 5 April 2026 at 03:00 (+11 → +10).
    const first = sydney.after(Number.NEGATIVE_INFINITY);
    expect(new Date(first).toISOString()).toBe('2026-04-03T22:00:00.000Z');
    const second = sydney.after(first);
    expect(new Date(second).toISOString()).toBe('2026-04-04T23:00:00.000Z');
    expect(sydney.localTime(second)).toBe('2026-04-05T09:00');
    expect(sydney.after(sydney.after(second))).toBeNaN();
    expect(sydney.countBetween(Number.NEGATIVE_INFINITY, Date.UTC(2027, 0, 1))).toBe(3);
  });
});
