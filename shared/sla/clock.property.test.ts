import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCase, historyOf } from '../domain/builders';
import { compileCalendar } from './calendar';
import type { CalendarSpec, CompiledCalendar, Weekday, WorkingInterval } from './calendar-types';
import { computeCaseClocks } from './clock';
import { Target } from './clock-schema';
import type { ClockPolicy } from './clock-types';
import { DURATION_UNITS, type Duration } from './duration';

/*
 * Invariants of the clock engine over random calendars (zones with and without DST, split
 * shifts, 24-hour and night desks, holidays) and random histories of pauses.
 */

const ZONES = [
  'Europe/London',
  'America/New_York',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Asia/Kolkata',
  'UTC',
];
const DAYS: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const SHAPES: WorkingInterval[][] = [
  [],
  [{ start: '09:00', end: '17:00' }],
  [
    { start: '08:00', end: '12:00' },
    { start: '13:00', end: '18:30' },
  ],
  [{ start: '00:00', end: '24:00' }],
  [
    { start: '00:00', end: '06:00' },
    { start: '22:00', end: '24:00' },
  ],
];

const calendarArb: fc.Arbitrary<CompiledCalendar> = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    shapes: fc.array(fc.integer({ min: 0, max: SHAPES.length - 1 }), { minLength: 7, maxLength: 7 }),
    holidays: fc.uniqueArray(fc.integer({ min: 0, max: 700 }), { maxLength: 8 }),
  })
  .map(({ zone, shapes, holidays }) => {
    if (!shapes.some((s) => s !== 0)) shapes[0] = 1;
    const spec: CalendarSpec = {
      id: 'random',
      name: 'Random desk',
      timeZone: zone,
      hours: Object.fromEntries(DAYS.map((day, i) => [day, SHAPES[shapes[i]!]!])),
      holidays: holidays.map((d) => ({
        date: new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10),
      })),
      recurringHolidays: [],
      closures: [],
    };
    return compileCalendar(spec);
  });

const durationArb: fc.Arbitrary<Duration> = fc
  .constantFrom(...DURATION_UNITS)
  .chain((unit) =>
    fc
      .integer({ min: 1, max: unit.endsWith('days') || unit.endsWith('weeks') ? 25 : 2_000 })
      .map((amount) => ({ amount, unit })),
  );

const START = Date.UTC(2026, 0, 5);
const HOUR = 3_600_000;

/** Received at a random millisecond, then alternating pause / resume after random gaps. */
const historyArb = fc.record({
  receivedAt: fc.integer({ min: START, max: START + 300 * 24 * HOUR }),
  gaps: fc.array(fc.integer({ min: 1, max: 96 * HOUR }), { maxLength: 8 }),
});

function policyFor(duration: Duration): ClockPolicy {
  return {
    id: 'prop',
    pauseStatuses: ['pending-requester'],
    targets: [
      Target.parse({
        id: 'resolution',
        name: 'Resolution',
        kind: 'resolution',
        start: [{ on: 'received' }],
        stop: [{ on: 'status-entered', statuses: ['closed'] }],
        duration,
        warning: { percentElapsed: 60 },
      }),
    ],
  };
}

function caseWithPauses(receivedAt: number, gaps: readonly number[], skip = -1) {
  const c = buildCase({
    id: 'p',
    kind: 'complaint',
    receivedAt: new Date(receivedAt).toISOString(),
    status: 'open',
  });
  const h = historyOf(c).created();
  let t = receivedAt;
  // Pause k spans gaps[2k] .. gaps[2k+1]; `skip` leaves one pause out (its time passes unpaused).
  for (let i = 0; i < gaps.length; i++) {
    t += gaps[i]!;
    const pause = Math.floor(i / 2);
    if (pause === skip) continue;
    h.status(new Date(t).toISOString(), i % 2 === 0 ? 'pending-requester' : 'open');
  }
  return { c, events: h.events, end: t };
}

const FAR = new Date(Date.UTC(2030, 0, 1));

describe('SLA clock properties', () => {
  it('pausing never brings a deadline earlier', () => {
    fc.assert(
      fc.property(calendarArb, durationArb, historyArb, fc.nat(3), (calendar, duration, history, skip) => {
        const p = policyFor(duration);
        const withAll = caseWithPauses(history.receivedAt, history.gaps);
        const withOneLess = caseWithPauses(history.receivedAt, history.gaps, skip);
        const without = caseWithPauses(history.receivedAt, []);
        const due = (x: typeof withAll) =>
          computeCaseClocks(x.c, x.events, p, calendar, FAR).clocks[0]!.dueAt!.getTime();
        expect(due(withAll)).toBeGreaterThanOrEqual(due(withOneLess));
        expect(due(withOneLess)).toBeGreaterThanOrEqual(due(without));
      }),
      { numRuns: 300 },
    );
  });

  it('the same history gives the same deadlines, whatever order the events come in', () => {
    fc.assert(
      fc.property(
        calendarArb,
        durationArb,
        historyArb,
        fc.integer({ min: 0, max: 2000 * HOUR }),
        (calendar, duration, history, later) => {
          const p = policyFor(duration);
          const x = caseWithPauses(history.receivedAt, history.gaps);
          const now = new Date(history.receivedAt + later);
          const first = computeCaseClocks(x.c, x.events, p, calendar, now);
          expect(computeCaseClocks(x.c, x.events, p, calendar, now)).toEqual(first);
          expect(computeCaseClocks(x.c, [...x.events].reverse(), p, calendar, now)).toEqual(first);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a working-time deadline ends working time: the millisecond before it is working', () => {
    fc.assert(
      fc.property(
        calendarArb,
        durationArb.filter((d) => d.unit.startsWith('working')),
        historyArb,
        (calendar, duration, history) => {
          const x = caseWithPauses(history.receivedAt, history.gaps);
          const clock = computeCaseClocks(x.c, x.events, policyFor(duration), calendar, FAR).clocks[0]!;
          expect(calendar.isWorkingTime(new Date(clock.dueAt!.getTime() - 1))).toBe(true);
          expect(clock.warnAt === null || clock.warnAt <= clock.dueAt!).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a working-minutes deadline is the budget plus exactly the working time paused before it', () => {
    fc.assert(
      fc.property(
        calendarArb,
        fc.integer({ min: 1, max: 3000 }),
        historyArb,
        (calendar, minutes, history) => {
          const x = caseWithPauses(history.receivedAt, history.gaps);
          const clock = computeCaseClocks(
            x.c,
            x.events,
            policyFor({ amount: minutes, unit: 'working-minutes' }),
            calendar,
            FAR,
          ).clocks[0]!;
          const due = clock.dueAt!.getTime();
          // Paused spans: [gap 0 end, gap 1 end), [gap 2 end, gap 3 end)…; the last may stay open (to FAR).
          let paused = 0;
          let t = history.receivedAt;
          for (let i = 0; i < history.gaps.length; i += 2) {
            const from = t + history.gaps[i]!;
            const to = i + 1 < history.gaps.length ? from + history.gaps[i + 1]! : FAR.getTime();
            t = to;
            if (from < due) paused += calendar.workingMinutesBetween(new Date(from), new Date(to));
          }
          const measured = calendar.workingMinutesBetween(new Date(history.receivedAt), clock.dueAt!);
          expect(measured - paused).toBeCloseTo(minutes, 3);
        },
      ),
      { numRuns: 300 },
    );
  });
});
