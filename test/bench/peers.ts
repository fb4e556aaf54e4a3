/*
 * The npm libraries Desk is compared with, each configured as correctly as its API allows for the UK
 * calendar (Europe/London, Mon–Fri 09:00–17:00, the same England and Wales bank holidays), and each
 * fed its own native input type, built outside the timed loop.
 *
 * - dayjs-business-time 1.0.4: addBusinessMinutes on Day.js objects in the process's zone. The
 *   plugin has no time-zone setting, and it cannot take Day.js's zoned objects (dayjs.tz): a zoned
 *   object made in GMT keeps offset 0, and on a BST date the timezone plugin's startOf() re-zones it to
 *   +01:00, so it is not even isSame() to itself; the plugin's segment tests never match and a sum from
 *   a GMT start that reaches a BST day never returns (sla.ts shows one, in a worker with a time limit).
 *   So it runs on plain dayjs(start), the mode it supports.
 * - moment-business-time 2.0.0: addWorkingTime on moment objects, working hours and holidays in the
 *   locale. moment-timezone (already in the tree through date-holidays) gives zoned moments whose
 *   setters re-resolve the offset, so this one can be right across DST.
 * - working-time-calculator 0.0.2: measures working time between two instants (Luxon); hours take a
 *   zone, holidays are exclusions [local midnight, next local midnight). Inputs are ISO strings in the
 *   London offset of each instant: it walks days in the input's zone, and London offsets keep its
 *   weekday test on the London date.
 *
 * The libraries are CommonJS and have no (or augmenting) typings, so they are loaded with require and
 * described by the small interfaces below.
 */
import { createRequire } from 'node:module';
import { Temporal } from 'temporal-polyfill';

const require = createRequire(import.meta.url);

/** The calendar every library is given. */
export interface PeerCalendar {
  timeZone: string;
  /** Mon–Fri opening, "HH:MM". */
  open: string;
  /** Mon–Fri closing, "HH:MM". */
  close: string;
  /** Whole closed local dates, "YYYY-MM-DD". */
  holidays: readonly string[];
}

/** Runs one operation over a list of inputs; `setup` (untimed) builds the library's own input objects. */
export interface Runner {
  setup(): void;
  run(): void;
}

export interface Adder {
  name: string;
  /** How it was configured, printed once. */
  how: string;
  /** Fills out[i] with the epoch ms of starts[i] + `minutes` working minutes. */
  adder(starts: readonly number[], minutes: number, out: Float64Array): Runner;
}

export interface Measurer {
  name: string;
  how: string;
  /** Fills out[i] with the working minutes in [froms[i], tos[i]). */
  measurer(froms: readonly number[], tos: readonly number[], out: Float64Array): Runner;
}

interface DayjsLike {
  addBusinessMinutes(minutes: number): DayjsLike;
  valueOf(): number;
}
interface DayjsFactory {
  (input?: unknown): DayjsLike;
  extend(plugin: unknown): void;
  setBusinessTime(hours: Record<string, { start: string; end: string }[] | null>): void;
  setHolidays(holidays: string[]): void;
}

export function dayjsBusinessTime(calendar: PeerCalendar): Adder {
  const dayjs = require('dayjs') as DayjsFactory;
  dayjs.extend(require('dayjs-business-time'));
  const day = [{ start: `${calendar.open}:00`, end: `${calendar.close}:00` }];
  dayjs.setBusinessTime({
    sunday: null,
    monday: day,
    tuesday: day,
    wednesday: day,
    thursday: day,
    friday: day,
    saturday: null,
  });
  dayjs.setHolidays([...calendar.holidays]);
  return {
    name: 'dayjs-business-time',
    how: `dayjs(start).addBusinessMinutes(m) in the process zone (${processZone()}); setBusinessTime Mon–Fri ${calendar.open}–${calendar.close}, setHolidays(${calendar.holidays.length} dates)`,
    adder(starts, minutes, out) {
      let inputs: DayjsLike[] = [];
      return {
        setup() {
          inputs = starts.map((ms) => dayjs(ms));
        },
        run() {
          for (let i = 0; i < inputs.length; i++) out[i] = inputs[i]!.addBusinessMinutes(minutes).valueOf();
        },
      };
    },
  };
}

export function processZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

interface MomentLike {
  addWorkingTime(amount: number, unit: string): MomentLike;
  valueOf(): number;
}
interface MomentFactory {
  (input?: unknown): MomentLike;
  updateLocale(locale: string, data: Record<string, unknown>): void;
  locale(): string;
  tz?: (input: number, timeZone: string) => MomentLike;
}

export function momentBusinessTime(calendar: PeerCalendar): Adder {
  const moment = require('moment-business-time') as MomentFactory;
  let zoned = false;
  try {
    // Patches the same `moment` instance with zone support (moment.tz).
    zoned = (require('moment-timezone') as MomentFactory) === moment && typeof moment.tz === 'function';
  } catch {
    zoned = false;
  }
  const day = [`${calendar.open}:00`, `${calendar.close}:00`];
  moment.updateLocale(moment.locale(), {
    workinghours: { 0: null, 1: day, 2: day, 3: day, 4: day, 5: day, 6: null },
    holidays: [...calendar.holidays],
  });
  const zone = calendar.timeZone;
  const make = zoned ? (ms: number) => moment.tz!(ms, zone) : (ms: number) => moment(ms);
  return {
    name: 'moment-business-time',
    how: `${zoned ? `moment.tz(start, "${zone}")` : 'moment(start) (moment-timezone missing: process zone)'}.addWorkingTime(m, "minutes"); locale workinghours Mon–Fri ${calendar.open}–${calendar.close}, holidays (${calendar.holidays.length} dates)`,
    adder(starts, minutes, out) {
      let inputs: MomentLike[] = [];
      return {
        // addWorkingTime changes the moment it is called on: fresh inputs for every run.
        setup() {
          inputs = starts.map(make);
        },
        run() {
          for (let i = 0; i < inputs.length; i++)
            out[i] = inputs[i]!.addWorkingTime(minutes, 'minutes').valueOf();
        },
      };
    },
  };
}

interface WorkingTimeCalculatorLike {
  addWorkingHours(days: number[], start: string, stop: string, timeZone: string): void;
  excludeBetween(from: string, to: string, reason?: string): void;
  calcMinutesBetween(from: string, to: string): number;
}
interface WorkingTimeCalculatorClass {
  new (): WorkingTimeCalculatorLike;
  WEEKDAYS: number[];
}

/** ISO text of an instant with the zone's offset, e.g. "2026-07-01T10:00:00+01:00". */
export function zonedIso(ms: number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(ms)
    .toZonedDateTimeISO(timeZone)
    .toString({ timeZoneName: 'never' });
}

function localMidnightIso(date: string, timeZone: string): string {
  return Temporal.PlainDate.from(date).toZonedDateTime(timeZone).toString({ timeZoneName: 'never' });
}

export function workingTimeCalculator(calendar: PeerCalendar): Measurer {
  const Calculator = require('working-time-calculator') as WorkingTimeCalculatorClass;
  const wtc = new Calculator();
  const zone = calendar.timeZone;
  wtc.addWorkingHours(Calculator.WEEKDAYS, calendar.open, calendar.close, zone);
  for (const date of calendar.holidays) {
    const next = Temporal.PlainDate.from(date).add({ days: 1 }).toString();
    wtc.excludeBetween(localMidnightIso(date, zone), localMidnightIso(next, zone), 'bank holiday');
  }
  return {
    name: 'working-time-calculator',
    how: `calcMinutesBetween(from, to) on ISO strings in ${zone} offsets; addWorkingHours(WEEKDAYS, "${calendar.open}", "${calendar.close}", "${zone}"), excludeBetween each bank holiday (${calendar.holidays.length})`,
    measurer(froms, tos, out) {
      let a: string[] = [];
      let b: string[] = [];
      return {
        setup() {
          a = froms.map((ms) => zonedIso(ms, zone));
          b = tos.map((ms) => zonedIso(ms, zone));
        },
        run() {
          for (let i = 0; i < a.length; i++) out[i] = wtc.calcMinutesBetween(a[i]!, b[i]!);
        },
      };
    },
  };
}
