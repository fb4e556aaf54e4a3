import {
  type CalendarSpan,
  type CalendarSpec,
  type CompiledCalendar,
  type SkipReason,
  WEEKDAYS,
  type Weekday,
} from './calendar-types';
import { RRule } from './rrule';
import { assertTimeZone, type ZoneTable, zoneTable } from './zone';

/*
 * Working time is defined on the local wall clock (a "floating" ms axis where day d spans
 * [d*DAY, (d+1)*DAY)). Each constant-offset stretch of real time maps onto that axis by adding
 * its offset, so the working instants of a stretch are the working wall intervals shifted back
 * by the offset. This is exact on DST days: a repeated hour counts twice, a skipped one never.
 */

const DAY = 86_400_000;
const MINUTE = 60_000;
const YEAR = 365 * DAY;
/** How far the engine searches for working time before declaring a calendar closed forever. */
const SEARCH_LIMIT = 400 * YEAR;
/** Margin (ms) that covers any UTC offset, so a local day is whole inside a covered range. */
const OFFSET_MARGIN = 2 * DAY;

/** JavaScript's getUTCDay() order: day number 0 (1970-01-01) was a Thursday. */
const WEEKDAY_BY_UTC_DAY: readonly Weekday[] = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

export function compileCalendar(spec: CalendarSpec): CompiledCalendar {
  assertTimeZone(spec.timeZone);
  const zone = zoneTable(spec.timeZone);
  const weekly = compileWeeklyHours(spec);
  const explicitHolidays = new Map<number, string>();
  for (const holiday of spec.holidays) {
    explicitHolidays.set(parseDate(holiday.date, 'holiday date'), holiday.name ?? 'Holiday');
  }
  const recurring = spec.recurringHolidays.map((rule) =>
    compileRecurringHoliday(rule.rrule, rule.from, rule.name),
  );
  const closures = mergeRanges(
    spec.closures.map((c) => {
      const start = parseWallDateTime(c.start, 'closure start');
      const end = parseWallDateTime(c.end, 'closure end');
      return [start, end] as const;
    }),
  );
  const hasAnyHours = weekly.some((day) => day.length > 0);

  // Working intervals in real time over [coveredLo, coveredHi), with cumulative working time.
  let coveredLo = 0;
  let coveredHi = 0;
  let starts = new Float64Array(0);
  let ends = new Float64Array(0);
  /** cumBefore[i]: working ms inside [coveredLo, starts[i]). cumBefore[n] is the total. */
  let cumBefore = new Float64Array(1);
  /** Working days (ascending local day numbers) and the end of each one's last working interval. */
  let workingDays = new Int32Array(0);
  let workingDayEnds = new Float64Array(0);
  let holidayNames = new Map<number, string>();

  function holidayName(day: number): string | undefined {
    return explicitHolidays.get(day) ?? holidayNames.get(day);
  }

  /** Working wall intervals of local day `day` (before closures), as [start, end) minute pairs. */
  function hoursOf(day: number): readonly number[] {
    return weekly[weekdayIndex(day)]!;
  }

  /** Working wall intervals of one local day, closures removed, holidays honoured. */
  function wallIntervals(day: number): number[] {
    if (holidayName(day) !== undefined) return [];
    const base = day * DAY;
    const hours = hoursOf(day);
    const out: number[] = [];
    for (let i = 0; i < hours.length; i += 2) {
      subtractClosures(base + hours[i]! * MINUTE, base + hours[i + 1]! * MINUTE, closures, out);
    }
    return out;
  }

  function rebuild(lo: number, hi: number): void {
    const dayLo = Math.floor((lo - OFFSET_MARGIN) / DAY);
    const dayHi = Math.ceil((hi + OFFSET_MARGIN) / DAY);
    holidayNames = new Map();
    for (const rule of recurring) rule.expand(dayLo, dayHi, holidayNames);

    const s: number[] = [];
    const e: number[] = [];
    const d: number[] = [];
    const wallCache = new Map<number, number[]>();
    for (const segment of zone.segments(lo, hi)) {
      const firstDay = Math.floor((segment.start + segment.offset) / DAY);
      const lastDay = Math.floor((segment.end - 1 + segment.offset) / DAY);
      for (let day = firstDay; day <= lastDay; day++) {
        let walls = wallCache.get(day);
        if (!walls) {
          walls = wallIntervals(day);
          wallCache.set(day, walls);
        }
        for (let k = 0; k < walls.length; k += 2) {
          const start = Math.max(segment.start, walls[k]! - segment.offset);
          const end = Math.min(segment.end, walls[k + 1]! - segment.offset);
          if (end <= start) continue;
          const last = s.length - 1;
          if (last >= 0 && e[last] === start && d[last] === day) e[last] = end;
          else {
            s.push(start);
            e.push(end);
            d.push(day);
          }
        }
      }
    }
    starts = Float64Array.from(s);
    ends = Float64Array.from(e);
    cumBefore = new Float64Array(s.length + 1);
    for (let i = 0; i < s.length; i++) cumBefore[i + 1] = cumBefore[i]! + (e[i]! - s[i]!);

    // A local day is listed only when all of it lies inside the covered range.
    const lastEnd = new Map<number, number>();
    for (let i = 0; i < d.length; i++) {
      const day = d[i]!;
      if (day * DAY - OFFSET_MARGIN < lo || (day + 1) * DAY + OFFSET_MARGIN > hi) continue;
      const prev = lastEnd.get(day);
      if (prev === undefined || e[i]! > prev) lastEnd.set(day, e[i]!);
    }
    const sortedDays = [...lastEnd.keys()].sort((a, b) => a - b);
    workingDays = Int32Array.from(sortedDays);
    workingDayEnds = Float64Array.from(sortedDays, (day) => lastEnd.get(day)!);
    coveredLo = lo;
    coveredHi = hi;
  }

  /** Makes [lo, hi) part of the covered range, growing it geometrically. */
  function cover(lo: number, hi: number): void {
    if (starts.length === 0 && coveredHi === coveredLo) {
      rebuild(Math.floor(lo / DAY) * DAY - YEAR, Math.ceil(hi / DAY) * DAY + 2 * YEAR);
      return;
    }
    if (lo >= coveredLo + OFFSET_MARGIN && hi <= coveredHi - OFFSET_MARGIN) return;
    const span = coveredHi - coveredLo;
    const newLo = lo < coveredLo + OFFSET_MARGIN ? Math.min(lo - OFFSET_MARGIN, coveredLo - span) : coveredLo;
    const newHi = hi > coveredHi - OFFSET_MARGIN ? Math.max(hi + OFFSET_MARGIN, coveredHi + span) : coveredHi;
    rebuild(Math.floor(newLo / DAY) * DAY, Math.ceil(newHi / DAY) * DAY);
  }

  /** Index of the last interval starting at or before t, or -1. */
  function lastStartingAtOrBefore(t: number): number {
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** Working ms inside [coveredLo, t). */
  function workedBefore(t: number): number {
    const i = lastStartingAtOrBefore(t);
    if (i < 0) return 0;
    return cumBefore[i]! + Math.min(t - starts[i]!, ends[i]! - starts[i]!);
  }

  /** Earliest t with workedBefore(t) >= target (target > 0 and <= total). */
  function instantAtWorked(target: number): number {
    // First interval whose cumulative end reaches the target.
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumBefore[mid + 1]! >= target) hi = mid;
      else lo = mid + 1;
    }
    return starts[lo]! + (target - cumBefore[lo]!);
  }

  /** Latest t with workedBefore(t) <= target (target >= 0 and < total). */
  function latestInstantAtWorked(target: number): number {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumBefore[mid + 1]! > target) hi = mid;
      else lo = mid + 1;
    }
    return starts[lo]! + (target - cumBefore[lo]!);
  }

  function requireHours(): void {
    if (!hasAnyHours) {
      throw new RangeError(
        `Calendar "${spec.name}" has no working hours on any weekday, so no deadline can be reached.`,
      );
    }
  }

  function addWorkingMs(start: number, ms: number): number {
    requireHours();
    cover(start, start + 1);
    for (;;) {
      const target = workedBefore(start) + ms;
      if (target <= cumBefore[starts.length]!) return instantAtWorked(target);
      if (coveredHi - start > SEARCH_LIMIT) throw noWorkingTime(spec);
      cover(start, coveredHi + (coveredHi - coveredLo));
    }
  }

  function subtractWorkingMs(end: number, ms: number): number {
    requireHours();
    cover(end, end + 1);
    for (;;) {
      const target = workedBefore(end) - ms;
      if (target >= 0 && starts.length > 0 && target < cumBefore[starts.length]!) {
        return Math.min(end, latestInstantAtWorked(target));
      }
      if (end - coveredLo > SEARCH_LIMIT) throw noWorkingTime(spec);
      cover(coveredLo - (coveredHi - coveredLo), end + 1);
    }
  }

  function localDay(t: number): number {
    return Math.floor((t + zone.offsetAt(t)) / DAY);
  }

  const calendar: CompiledCalendar = {
    spec,

    isWorkingTime(at) {
      const t = instant(at, 'at');
      cover(t, t + 1);
      const i = lastStartingAtOrBefore(t);
      return i >= 0 && t < ends[i]!;
    },

    addWorkingMinutes(start, minutes) {
      const t = instant(start, 'start');
      finite(minutes, 'minutes');
      if (minutes === 0) return new Date(t);
      if (minutes < 0) return new Date(Math.round(subtractWorkingMs(t, -minutes * MINUTE)));
      return new Date(Math.round(addWorkingMs(t, minutes * MINUTE)));
    },

    subtractWorkingMinutes(end, minutes) {
      const t = instant(end, 'end');
      finite(minutes, 'minutes');
      if (minutes === 0) return new Date(t);
      if (minutes < 0) return new Date(Math.round(addWorkingMs(t, -minutes * MINUTE)));
      return new Date(Math.round(subtractWorkingMs(t, minutes * MINUTE)));
    },

    workingMinutesBetween(from, to) {
      const a = instant(from, 'from');
      const b = instant(to, 'to');
      if (a === b) return 0;
      const lo = Math.min(a, b);
      const hi = Math.max(a, b);
      cover(lo, hi);
      const worked = (workedBefore(hi) - workedBefore(lo)) / MINUTE;
      return b < a ? -worked : worked;
    },

    addWorkingDays(start, n) {
      const t = instant(start, 'start');
      if (!Number.isInteger(n) || n < 1)
        throw new RangeError(`addWorkingDays needs a whole number of days >= 1, got ${n}.`);
      requireHours();
      const receiptDay = localDay(t);
      cover(t, t + 1);
      for (;;) {
        const k = firstGreater(workingDays, receiptDay) + n - 1;
        if (k < workingDays.length) return new Date(workingDayEnds[k]!);
        if (coveredHi - t > SEARCH_LIMIT) throw noWorkingTime(spec);
        cover(t, coveredHi + (coveredHi - coveredLo));
      }
    },

    addCalendarDays(start, n) {
      const t = instant(start, 'start');
      finite(n, 'days');
      const wall = t + zone.offsetAt(t) + n * DAY;
      return new Date(zone.wallToInstant(wall));
    },

    localDate(at) {
      return formatDay(localDay(instant(at, 'at')));
    },

    explain(from, to) {
      const a = instant(from, 'from');
      const b = instant(to, 'to');
      if (b <= a) return [];
      return explainRange(
        a,
        b,
        zone,
        (day) => ({
          holiday: holidayName(day),
          hours: hoursOf(day),
          walls: wallIntervals(day),
        }),
        () => cover(a, b),
      );
    },
  };
  return calendar;
}

interface DayShape {
  holiday: string | undefined;
  /** Weekly hours as [start, end) minute pairs. */
  hours: readonly number[];
  /** Working wall intervals (ms) after holidays and closures. */
  walls: readonly number[];
}

function explainRange(
  a: number,
  b: number,
  zone: ZoneTable,
  shapeOf: (day: number) => DayShape,
  prepare: () => void,
): CalendarSpan[] {
  prepare();
  const spans: CalendarSpan[] = [];
  const push = (start: number, end: number, kind: CalendarSpan['kind'], label?: string) => {
    if (end <= start) return;
    const last = spans[spans.length - 1];
    if (last && last.kind === kind && last.label === label && last.end.getTime() === start) {
      last.end = new Date(end);
      return;
    }
    spans.push(
      label === undefined
        ? { start: new Date(start), end: new Date(end), kind }
        : { start: new Date(start), end: new Date(end), kind, label },
    );
  };
  for (const segment of zone.segments(a, b)) {
    const offset = segment.offset;
    const firstDay = Math.floor((segment.start + offset) / DAY);
    const lastDay = Math.floor((segment.end - 1 + offset) / DAY);
    for (let day = firstDay; day <= lastDay; day++) {
      const dayStart = Math.max(segment.start, day * DAY - offset);
      const dayEnd = Math.min(segment.end, (day + 1) * DAY - offset);
      const shape = shapeOf(day);
      if (shape.holiday !== undefined) {
        push(dayStart, dayEnd, 'holiday', shape.holiday);
        continue;
      }
      if (shape.hours.length === 0) {
        push(dayStart, dayEnd, 'weekend');
        continue;
      }
      // Walk the day: inside weekly hours but not working means a closure; outside means night.
      const cuts = new Set<number>([dayStart, dayEnd]);
      for (let i = 0; i < shape.hours.length; i++) cuts.add(day * DAY + shape.hours[i]! * MINUTE - offset);
      for (let i = 0; i < shape.walls.length; i++) cuts.add(shape.walls[i]! - offset);
      const points = [...cuts].filter((p) => p >= dayStart && p <= dayEnd).sort((x, y) => x - y);
      for (let i = 0; i + 1 < points.length; i++) {
        const start = points[i]!;
        const end = points[i + 1]!;
        const wallMinute = (start + offset - day * DAY) / MINUTE;
        const wall = start + offset;
        const inHours = within(shape.hours, wallMinute, 1);
        const working = within(shape.walls, wall, 1);
        push(start, end, working ? 'working' : inHours ? 'closure' : ('night' satisfies SkipReason));
      }
    }
  }
  return spans;
}

/** Whether x lies in one of the [start, end) pairs (scaled by `unit`). */
function within(pairs: readonly number[], x: number, unit: number): boolean {
  for (let i = 0; i < pairs.length; i += 2) {
    if (x >= pairs[i]! * unit && x < pairs[i + 1]! * unit) return true;
  }
  return false;
}

/** Weekly hours per getUTCDay() index, as sorted, merged [start, end) minute pairs. */
function compileWeeklyHours(spec: CalendarSpec): number[][] {
  const weekly: number[][] = [];
  for (const code of WEEKDAY_BY_UTC_DAY) {
    const intervals = spec.hours[code] ?? [];
    const pairs = intervals.map((interval) => {
      const start = parseClock(interval.start, `${code} start`);
      const end = parseClock(interval.end, `${code} end`);
      return [start, end] as const;
    });
    weekly.push(mergeRanges(pairs));
  }
  for (const code of Object.keys(spec.hours)) {
    if (!WEEKDAYS.includes(code as Weekday))
      throw new RangeError(`Unknown weekday "${code}" in calendar hours.`);
  }
  return weekly;
}

/** Sorted, merged, non-empty [start, end) ranges flattened into pairs. */
function mergeRanges(ranges: readonly (readonly [number, number])[]): number[] {
  const sorted = ranges.filter(([s, e]) => e > s).sort((x, y) => x[0] - y[0]);
  const out: number[] = [];
  for (const [s, e] of sorted) {
    const last = out.length - 1;
    if (last > 0 && s <= out[last]!) out[last] = Math.max(out[last]!, e);
    else out.push(s, e);
  }
  return out;
}

/** Appends [start, end) minus the closures to `out`. */
function subtractClosures(start: number, end: number, closures: readonly number[], out: number[]): void {
  let cursor = start;
  for (let i = 0; i < closures.length && cursor < end; i += 2) {
    const cs = closures[i]!;
    const ce = closures[i + 1]!;
    if (ce <= cursor) continue;
    if (cs >= end) break;
    if (cs > cursor) out.push(cursor, cs);
    cursor = Math.max(cursor, ce);
  }
  if (cursor < end) out.push(cursor, end);
}

interface RecurringHoliday {
  expand(dayLo: number, dayHi: number, into: Map<number, string>): void;
}

function compileRecurringHoliday(
  body: string,
  from: string | undefined,
  name: string | undefined,
): RecurringHoliday {
  const fromDay = parseDate(from ?? '2000-01-01', 'recurring holiday "from"');
  let options: ReturnType<typeof RRule.parseString>;
  try {
    options = RRule.parseString(body.replace(/^RRULE:/i, '').trim());
  } catch (error) {
    throw new RangeError(
      `Recurring holiday rule "${body}" is not a valid RRULE: ${(error as Error).message}`,
    );
  }
  if (options.freq === undefined) throw new RangeError(`Recurring holiday rule "${body}" has no FREQ.`);
  // rrule works in floating UTC: a UTC midnight stands for the local date.
  const rule = new RRule({ ...options, dtstart: new Date(fromDay * DAY), tzid: null });
  const label = name ?? 'Holiday';
  return {
    expand(dayLo, dayHi, into) {
      const lo = new Date(Math.max(dayLo, fromDay) * DAY);
      const hi = new Date(dayHi * DAY);
      if (hi < lo) return;
      for (const occurrence of rule.between(lo, hi, true)) {
        const day = Math.floor(occurrence.getTime() / DAY);
        if (day >= fromDay && !into.has(day)) into.set(day, label);
      }
    },
  };
}

function weekdayIndex(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function firstGreater(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function noWorkingTime(spec: CalendarSpec): RangeError {
  return new RangeError(
    `Calendar "${spec.name}" has no working time for centuries (holidays or closures cover it all).`,
  );
}

function instant(value: Date, what: string): number {
  const t = value instanceof Date ? value.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new RangeError(`${what} must be a valid Date.`);
  return t;
}

function finite(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${what} must be a finite number, got ${value}.`);
}

const CLOCK = /^(\d{2}):(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

function parseClock(text: string, what: string): number {
  const m = CLOCK.exec(text);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
  if (!m || Number(m[2]) > 59 || minutes > 1440)
    throw new RangeError(`${what} "${text}" must be a time "HH:MM" (00:00 to 24:00).`);
  return minutes;
}

function parseDate(text: string, what: string): number {
  const m = DATE.exec(text);
  if (!m) throw new RangeError(`${what} "${text}" must be a date "YYYY-MM-DD".`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (formatDay(ms / DAY) !== text) throw new RangeError(`${what} "${text}" is not a real date.`);
  return ms / DAY;
}

function parseWallDateTime(text: string, what: string): number {
  const m = WALL.exec(text);
  if (!m) throw new RangeError(`${what} "${text}" must be a local date-time "YYYY-MM-DDTHH:MM".`);
  const day = parseDate(`${m[1]}-${m[2]}-${m[3]}`, what);
  return day * DAY + parseClock(`${m[4]}:${m[5]}`, what) * MINUTE;
}

export function formatDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}
