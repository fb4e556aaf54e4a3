import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CalendarSpec, compileCalendar } from './index';

const nineToFive = { start: '09:00', end: '17:00' };
const weekdays = { MO: [nineToFive], TU: [nineToFive], WE: [nineToFive], TH: [nineToFive], FR: [nineToFive] };
const allDay = [{ start: '00:00', end: '24:00' }];
const always = { MO: allDay, TU: allDay, WE: allDay, TH: allDay, FR: allDay, SA: allDay, SU: allDay };

function calendar(overrides: Partial<CalendarSpec> = {}) {
  return compileCalendar({
    id: 'test',
    name: 'Test desk',
    timeZone: 'Europe/London',
    hours: weekdays,
    holidays: [],
    recurringHolidays: [],
    closures: [],
    ...overrides,
  });
}
const at = (iso: string) => new Date(iso);

describe('business calendar', () => {
  it('acknowledges a Monday-morning formal complaint "within 5 working days" at close of business next Monday', () => {
    // Receipt day never counts: Tue..Fri are days 1-4, next Monday is day 5; 17:00 GMT in March.
    expect(calendar().addWorkingDays(at('2026-03-02T09:30:00Z'), 5).toISOString()).toBe(
      '2026-03-09T17:00:00.000Z',
    );
  });

  it('is due at closing time when the last minute ends there, not at next opening', () => {
    expect(
      calendar()
        .addWorkingMinutes(at('2026-03-02T09:00:00Z'), 8 * 60)
        .toISOString(),
    ).toBe('2026-03-02T17:00:00.000Z');
    expect(
      calendar()
        .addWorkingMinutes(at('2026-03-02T09:00:00Z'), 8 * 60 + 1)
        .toISOString(),
    ).toBe('2026-03-03T09:01:00.000Z');
  });

  it('returns the start itself for zero minutes, even outside working hours', () => {
    expect(calendar().addWorkingMinutes(at('2026-03-01T03:17:12.345Z'), 0).toISOString()).toBe(
      '2026-03-01T03:17:12.345Z',
    );
  });

  it('starts counting at the next opening when logged at night, over weekends and holidays', () => {
    const cal = calendar({ holidays: [{ date: '2026-08-31', name: 'Summer bank holiday' }] });
    // Friday 28 Aug 2026, 16:30 BST; 1 working hour = 30 min Friday + 30 min Tuesday (Mon is the bank holiday).
    expect(cal.addWorkingMinutes(at('2026-08-28T15:30:00Z'), 60).toISOString()).toBe(
      '2026-09-01T08:30:00.000Z',
    );
    expect(cal.addWorkingDays(at('2026-08-28T15:30:00Z'), 1).toISOString()).toBe('2026-09-01T16:00:00.000Z');
  });

  it('measures working minutes to the millisecond, negative when reversed', () => {
    const cal = calendar();
    expect(cal.workingMinutesBetween(at('2026-03-02T08:00:00Z'), at('2026-03-02T09:00:00.500Z'))).toBeCloseTo(
      0.5 / 60,
      12,
    );
    expect(cal.workingMinutesBetween(at('2026-03-03T12:00:00Z'), at('2026-03-02T12:00:00Z'))).toBe(-480);
    expect(cal.workingMinutesBetween(at('2026-03-02T00:00:00Z'), at('2026-03-09T00:00:00Z'))).toBe(5 * 480);
  });

  it.each([
    // [zone, local date of a DST change, hours in that local day]
    ['Europe/London', '2026-03-29', 23],
    ['Europe/London', '2026-10-25', 25],
    ['America/New_York', '2026-03-08', 23],
    ['America/New_York', '2026-11-01', 25],
    ['Australia/Sydney', '2026-04-05', 25],
    ['Australia/Sydney', '2026-10-04', 23],
    ['Pacific/Auckland', '2026-04-05', 25],
    ['Pacific/Auckland', '2026-09-27', 23],
  ])('gives a 24/7 desk in %s a %s of %i working hours', (timeZone, date, hours) => {
    const cal = calendar({ timeZone, hours: always });
    // The next working day after the day before ends at this day's local midnight; the one after that, a day later.
    const before = new Date(Date.parse(`${date}T10:00:00Z`) - 86_400_000 * 2); // local date is two days earlier in all four zones
    const startOfDay = cal.addWorkingDays(before, 1);
    const endOfDay = cal.addWorkingDays(before, 2);
    expect(cal.localDate(new Date(endOfDay.getTime() - 1))).toBe(date);
    expect(cal.workingMinutesBetween(startOfDay, endOfDay)).toBe(hours * 60);
  });

  it('counts a repeated wall-clock hour twice when it lies in working hours', () => {
    // London falls back at 02:00 BST on 25 Oct 2026: 01:00-02:00 happens twice.
    const cal = calendar({ hours: { SU: [{ start: '01:00', end: '02:00' }] } });
    expect(cal.workingMinutesBetween(at('2026-10-24T23:00:00Z'), at('2026-10-25T03:00:00Z'))).toBe(120);
  });

  it('never counts a wall-clock hour that the spring change skips', () => {
    const cal = calendar({ hours: { SU: [{ start: '01:00', end: '02:00' }] } });
    expect(cal.workingMinutesBetween(at('2026-03-28T23:00:00Z'), at('2026-03-29T03:00:00Z'))).toBe(0);
  });

  it('expands RRULE holidays as local dates in the calendar zone', () => {
    // Christmas in Auckland starts at 11:00Z on the 24th; in New York at 05:00Z on the 25th.
    const christmas = [{ rrule: 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25', name: 'Christmas Day' }];
    const auckland = calendar({ timeZone: 'Pacific/Auckland', hours: always, recurringHolidays: christmas });
    expect(auckland.isWorkingTime(at('2026-12-24T10:59:59Z'))).toBe(true);
    expect(auckland.isWorkingTime(at('2026-12-24T11:00:00Z'))).toBe(false);
    const newYork = calendar({ timeZone: 'America/New_York', hours: always, recurringHolidays: christmas });
    expect(newYork.isWorkingTime(at('2026-12-25T04:59:59Z'))).toBe(true);
    expect(newYork.isWorkingTime(at('2026-12-25T05:00:00Z'))).toBe(false);
    // Only on or after `from`.
    const later = calendar({ hours: always, recurringHolidays: [{ ...christmas[0]!, from: '2027-01-01' }] });
    expect(later.isWorkingTime(at('2026-12-25T12:00:00Z'))).toBe(true);
    expect(later.isWorkingTime(at('2027-12-25T12:00:00Z'))).toBe(false);
  });

  it('applies closures on the local wall clock, half-open', () => {
    const cal = calendar({ closures: [{ start: '2026-07-01T12:00', end: '2026-07-01T14:00' }] });
    expect(cal.isWorkingTime(at('2026-07-01T10:59:59Z'))).toBe(true); // 11:59:59 BST
    expect(cal.isWorkingTime(at('2026-07-01T11:00:00Z'))).toBe(false); // 12:00 BST
    expect(cal.isWorkingTime(at('2026-07-01T13:00:00Z'))).toBe(true); // 14:00 BST
  });

  it('supports night desks across midnight as two intervals', () => {
    const night = calendar({
      hours: { MO: [{ start: '22:00', end: '24:00' }], TU: [{ start: '00:00', end: '06:00' }] },
    });
    expect(night.addWorkingMinutes(at('2026-01-05T21:00:00Z'), 4 * 60).toISOString()).toBe(
      '2026-01-06T02:00:00.000Z',
    );
    // Monday's working day ends at its last interval's end: Tuesday 00:00.
    expect(night.addWorkingDays(at('2026-01-04T12:00:00Z'), 1).toISOString()).toBe(
      '2026-01-06T00:00:00.000Z',
    );
    expect(night.addWorkingDays(at('2026-01-04T12:00:00Z'), 2).toISOString()).toBe(
      '2026-01-06T06:00:00.000Z',
    );
  });

  it('explains a stretch as working, night, weekend, holiday and closure spans', () => {
    const cal = calendar({
      holidays: [{ date: '2026-08-31', name: 'Summer bank holiday' }],
      closures: [{ start: '2026-09-01T09:00', end: '2026-09-01T10:00' }],
    });
    const spans = cal.explain(at('2026-08-28T15:00:00Z'), at('2026-09-01T10:00:00Z'));
    expect(spans.map((s) => [s.kind, s.start.toISOString(), s.end.toISOString(), s.label])).toEqual([
      ['working', '2026-08-28T15:00:00.000Z', '2026-08-28T16:00:00.000Z', undefined],
      ['night', '2026-08-28T16:00:00.000Z', '2026-08-28T23:00:00.000Z', undefined],
      ['weekend', '2026-08-28T23:00:00.000Z', '2026-08-30T23:00:00.000Z', undefined],
      ['holiday', '2026-08-30T23:00:00.000Z', '2026-08-31T23:00:00.000Z', 'Summer bank holiday'],
      ['night', '2026-08-31T23:00:00.000Z', '2026-09-01T08:00:00.000Z', undefined],
      ['closure', '2026-09-01T08:00:00.000Z', '2026-09-01T09:00:00.000Z', undefined],
      ['working', '2026-09-01T09:00:00.000Z', '2026-09-01T10:00:00.000Z', undefined],
    ]);
  });

  it('adds calendar days on the local wall clock across DST', () => {
    // 09:00 GMT on Friday 27 March is 09:00 BST (08:00Z) a week later.
    expect(calendar().addCalendarDays(at('2026-03-27T09:00:00Z'), 7).toISOString()).toBe(
      '2026-04-03T08:00:00.000Z',
    );
  });

  it('refuses bad specs with messages that say what to fix', () => {
    expect(() => calendar({ timeZone: 'Mars/Olympus' })).toThrow(/Unknown time zone "Mars\/Olympus"/);
    expect(() => calendar({ hours: { MO: [{ start: '9am', end: '17:00' }] } })).toThrow(/"HH:MM"/);
    expect(() => calendar({ holidays: [{ date: '2026-02-30' }] })).toThrow(/not a real date/);
    expect(() => calendar({ recurringHolidays: [{ rrule: 'BYMONTH=12' }] })).toThrow(/FREQ/);
    expect(() => calendar({ hours: {} }).addWorkingMinutes(at('2026-01-01T00:00:00Z'), 1)).toThrow(
      /no working hours/,
    );
    expect(() => calendar().addWorkingDays(at('2026-01-01T00:00:00Z'), 0)).toThrow(/>= 1/);
  });

  it('costs the same for a 200-working-day target as for a 1-hour one (no stepping)', () => {
    const cal = calendar();
    const start = at('2026-01-05T09:00:00Z');
    const due = cal.addWorkingMinutes(start, 200 * 8 * 60);
    expect(cal.workingMinutesBetween(start, due)).toBe(200 * 8 * 60);
    expect(due.getUTCFullYear()).toBe(2026);
  });
});

describe('calendar invariants (property tests)', () => {
  const zones = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Pacific/Auckland'];
  const specArb = fc.record({
    timeZone: fc.constantFrom(...zones),
    open: fc.integer({ min: 0, max: 23 * 4 }),
    length: fc.integer({ min: 1, max: 12 * 4 }),
    holidayOffsets: fc.array(fc.integer({ min: 0, max: 365 }), { maxLength: 10 }),
  });
  const build = (s: { timeZone: string; open: number; length: number; holidayOffsets: number[] }) => {
    const pad = (n: number) => String(n).padStart(2, '0');
    const close = Math.min(96, s.open + s.length);
    const clock = (q: number) => `${pad(Math.floor(q / 4))}:${pad((q % 4) * 15)}`;
    const iv = [{ start: clock(s.open), end: clock(close) }];
    return compileCalendar({
      id: 'p',
      name: 'p',
      timeZone: s.timeZone,
      hours: { MO: iv, TU: iv, WE: iv, TH: iv, FR: iv },
      holidays: s.holidayOffsets.map((d) => ({
        date: new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10),
      })),
      recurringHolidays: [],
      closures: [],
    });
  };
  const startArb = fc.integer({
    min: Date.parse('2026-01-01T00:00:00Z'),
    max: Date.parse('2026-12-31T00:00:00Z'),
  });

  it('puts deadlines right after working time, and measuring gives back the minutes added', () => {
    fc.assert(
      fc.property(specArb, startArb, fc.integer({ min: 1, max: 50_000 }), (s, start, minutes) => {
        const cal = build(s);
        const due = cal.addWorkingMinutes(new Date(start), minutes);
        expect(cal.isWorkingTime(new Date(due.getTime() - 1))).toBe(true);
        expect(cal.workingMinutesBetween(new Date(start), due)).toBe(minutes);
      }),
    );
  });

  it('is monotonic in start and in duration', () => {
    fc.assert(
      fc.property(
        specArb,
        startArb,
        fc.nat(100_000_000),
        fc.nat(20_000),
        fc.nat(2_000),
        (s, start, later, minutes, more) => {
          const cal = build(s);
          const a = cal.addWorkingMinutes(new Date(start), minutes).getTime();
          expect(cal.addWorkingMinutes(new Date(start + later), minutes).getTime()).toBeGreaterThanOrEqual(a);
          expect(cal.addWorkingMinutes(new Date(start), minutes + more).getTime()).toBeGreaterThanOrEqual(a);
        },
      ),
    );
  });

  it('subtractWorkingMinutes inverts addWorkingMinutes on working instants', () => {
    fc.assert(
      fc.property(specArb, startArb, fc.integer({ min: 1, max: 20_000 }), (s, start, minutes) => {
        const cal = build(s);
        const due = cal.addWorkingMinutes(new Date(start), minutes);
        const back = cal.subtractWorkingMinutes(due, minutes);
        expect(cal.workingMinutesBetween(back, due)).toBe(minutes);
        expect(back.getTime()).toBeGreaterThanOrEqual(start);
      }),
    );
  });
});
