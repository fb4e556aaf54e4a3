import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CalendarSpec, compileCalendar, type Weekday } from '../../shared/sla';
import { oracleFor } from './calendar-oracle';

/*
 * The engine against a minute-stepping reference on random calendars: zones with and without
 * DST (including half-hour DST and 45-minute offsets), split shifts, 24/7 and night desks,
 * holidays, RRULE holidays and closures, with starts on boundaries and at random milliseconds.
 */

const ZONES = [
  'Europe/London',
  'America/New_York',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Asia/Kolkata',
  'UTC',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/Sao_Paulo',
  'Asia/Tokyo',
];
const DAYS: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** Instants near the 2026 DST changes of the zones above, where mistakes hide. */
const HOT_SPOTS = [
  '2026-03-08T07:00:00Z', // New York spring forward
  '2026-03-29T01:00:00Z', // London spring forward
  '2026-04-04T16:00:00Z', // Sydney/Auckland autumn back
  '2026-09-27T00:00:00Z', // Auckland spring forward
  '2026-10-04T00:00:00Z', // Sydney spring forward
  '2026-10-25T01:00:00Z', // London fall back
  '2026-11-01T06:00:00Z', // New York fall back
  '2026-12-24T12:00:00Z',
].map((s) => Date.parse(s));

const intervalsArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant([] as { start: string; end: string }[]) },
  { weight: 1, arbitrary: fc.constant([{ start: '00:00', end: '24:00' }]) },
  {
    weight: 6,
    arbitrary: fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { minLength: 2, maxLength: 6 }).map((cuts) => {
      const sorted = [...cuts].sort((a, b) => a - b);
      const out: { start: string; end: string }[] = [];
      for (let i = 0; i + 1 < sorted.length; i += 2)
        out.push({ start: hhmm(sorted[i]! * 15), end: hhmm(sorted[i + 1]! * 15) });
      return out;
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 600 }))
      .map(([s, len]) => [{ start: hhmm(s), end: hhmm(Math.min(1440, s + len)) }]),
  },
);

const dateArb = fc
  .integer({ min: 0, max: 500 })
  .map((d) => new Date(Date.UTC(2025, 11, 1) + d * 86_400_000).toISOString().slice(0, 10));

const specArb: fc.Arbitrary<CalendarSpec> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    hours: fc.tuple(...DAYS.map(() => intervalsArb)),
    holidays: fc.array(dateArb, { maxLength: 12 }),
    recurring: fc.subarray([
      'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25',
      'FREQ=YEARLY;BYMONTH=5;BYDAY=1MO',
      'FREQ=MONTHLY;BYMONTHDAY=13',
      'FREQ=WEEKLY;BYDAY=WE;INTERVAL=3',
    ]),
    closures: fc.array(
      fc.tuple(dateArb, fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 3 * 1440 })),
      { maxLength: 4 },
    ),
  })
  .filter((r) => r.hours.some((h) => h.length > 0))
  .map((r) => ({
    id: 'random',
    name: 'Random desk',
    timeZone: r.timeZone,
    hours: Object.fromEntries(DAYS.map((d, i) => [d, r.hours[i]!])),
    holidays: r.holidays.map((date) => ({ date })),
    recurringHolidays: r.recurring.map((rrule) => ({ rrule, from: '2020-01-01' })),
    closures: r.closures.map(([date, startMin, len]) => {
      const start = Date.parse(`${date}T00:00:00Z`) + startMin * 60_000;
      const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);
      return { start: iso(start), end: iso(start + len * 60_000) };
    }),
  }));

const instantArb = fc.oneof(
  fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') }),
  fc
    .tuple(fc.constantFrom(...HOT_SPOTS), fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }))
    .map(([h, d]) => h + d),
  fc
    .tuple(fc.constantFrom(...HOT_SPOTS), fc.integer({ min: -200, max: 200 }))
    .map(([h, q]) => h + q * 15 * 60_000),
);

// The reference steps minute by minute through Temporal, so these are slow on purpose: generous timeouts.
describe('calendar engine agrees with a minute-stepping reference', () => {
  it('isWorkingTime and workingMinutesBetween', () => {
    fc.assert(
      fc.property(
        specArb,
        instantArb,
        fc.integer({ min: -4 * 86_400_000, max: 4 * 86_400_000 }),
        (spec, a, span) => {
          const cal = compileCalendar(spec);
          const oracle = oracleFor(spec);
          expect(cal.isWorkingTime(new Date(a))).toBe(oracle.isWorking(a));
          expect(cal.workingMinutesBetween(new Date(a), new Date(a + span)) * 60_000).toBeCloseTo(
            oracle.workingMsBetween(a, a + span),
            3,
          );
        },
      ),
      { numRuns: 150 },
    );
  }, 180_000);

  it('addWorkingMinutes', () => {
    fc.assert(
      fc.property(specArb, instantArb, fc.integer({ min: 0, max: 1440 }), (spec, a, minutes) => {
        const cal = compileCalendar(spec);
        const oracle = oracleFor(spec);
        expect(cal.addWorkingMinutes(new Date(a), minutes).getTime()).toBe(
          oracle.addWorkingMinutes(a, minutes),
        );
      }),
      { numRuns: 100 },
    );
  }, 180_000);

  it('addWorkingDays', () => {
    fc.assert(
      fc.property(
        specArb.filter((s) => s.timeZone !== 'America/Sao_Paulo'),
        instantArb,
        fc.integer({ min: 1, max: 4 }),
        (spec, a, n) => {
          const cal = compileCalendar(spec);
          const oracle = oracleFor(spec);
          expect(cal.addWorkingDays(new Date(a), n).getTime()).toBe(oracle.addWorkingDays(a, n));
        },
      ),
      { numRuns: 60 },
    );
  }, 180_000);

  it('localDate', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instantArb, (timeZone, a) => {
        const spec: CalendarSpec = {
          id: 'x',
          name: 'x',
          timeZone,
          hours: { MO: [{ start: '09:00', end: '17:00' }] },
          holidays: [],
          recurringHolidays: [],
          closures: [],
        };
        expect(compileCalendar(spec).localDate(new Date(a))).toBe(oracleFor(spec).localDate(a));
      }),
      { numRuns: 200 },
    );
  });
});
