import { z } from 'zod';
import type { CompiledCalendar } from './calendar-types';

/*
 * The calendar speaks Date; the engine computes in epoch ms. These wrappers pass two reused
 * argument Dates, which is safe because a calendar reads its arguments and never keeps them,
 * and saves an allocation per call on the hot path.
 */
const argA = new Date(0);
const argB = new Date(0);
const at = (ms: number): Date => {
  argA.setTime(ms);
  return argA;
};

export function addWorkingMinutesMs(calendar: CompiledCalendar, start: number, minutes: number): number {
  return calendar.addWorkingMinutes(at(start), minutes).getTime();
}

export function subtractWorkingMinutesMs(calendar: CompiledCalendar, end: number, minutes: number): number {
  return calendar.subtractWorkingMinutes(at(end), minutes).getTime();
}

export function workingMinutesBetweenMs(calendar: CompiledCalendar, from: number, to: number): number {
  argB.setTime(to);
  return calendar.workingMinutesBetween(at(from), argB);
}

export function addWorkingDaysMs(calendar: CompiledCalendar, start: number, days: number): number {
  return calendar.addWorkingDays(at(start), days).getTime();
}

export function addCalendarDaysMs(calendar: CompiledCalendar, start: number, days: number): number {
  return calendar.addCalendarDays(at(start), days).getTime();
}

export function isWorkingTimeMs(calendar: CompiledCalendar, t: number): boolean {
  return calendar.isWorkingTime(at(t));
}

/**
 * How long a target or an escalation step waits. Calendar units count every minute of the local
 * clock (days keep the wall-clock time across DST changes); working units count only the
 * calendar's working time; `working-days` ends at close of business of the Nth working day after
 * the start's local date (the day of receipt never counts).
 */
export const DURATION_UNITS = [
  'calendar-minutes',
  'calendar-hours',
  'calendar-days',
  'calendar-weeks',
  'working-minutes',
  'working-hours',
  'working-days',
] as const;
export const DurationUnit = z.enum(DURATION_UNITS);
export type DurationUnit = z.infer<typeof DurationUnit>;

const WHOLE_UNITS: ReadonlySet<DurationUnit> = new Set(['calendar-days', 'calendar-weeks', 'working-days']);

export const Duration = z
  .object({ amount: z.number().finite().nonnegative(), unit: DurationUnit })
  .refine((d) => !WHOLE_UNITS.has(d.unit) || Number.isInteger(d.amount), {
    message: 'days and weeks are counted in whole numbers',
    path: ['amount'],
  });
export type Duration = z.infer<typeof Duration>;

const MINUTE = 60_000;

/** Whether the unit counts working time (and so skips nights, weekends, holidays and closures). */
export function isWorkingUnit(unit: DurationUnit): boolean {
  return unit === 'working-minutes' || unit === 'working-hours' || unit === 'working-days';
}

/** Length in ms of a fixed calendar unit, or NaN for units measured on the calendar. */
export function fixedUnitMs(unit: DurationUnit): number {
  if (unit === 'calendar-minutes') return MINUTE;
  if (unit === 'calendar-hours') return 60 * MINUTE;
  return Number.NaN;
}

/** Length in working minutes of a working-time unit, or NaN. */
export function workingUnitMinutes(unit: DurationUnit): number {
  if (unit === 'working-minutes') return 1;
  if (unit === 'working-hours') return 60;
  return Number.NaN;
}

/** The instant `duration` after `start` (epoch ms in, epoch ms out). */
export function addDuration(calendar: CompiledCalendar, start: number, duration: Duration): number {
  const { amount, unit } = duration;
  if (amount === 0) return start;
  switch (unit) {
    case 'calendar-minutes':
    case 'calendar-hours':
      return start + amount * fixedUnitMs(unit);
    case 'calendar-days':
      return addCalendarDaysMs(calendar, start, amount);
    case 'calendar-weeks':
      return addCalendarDaysMs(calendar, start, amount * 7);
    case 'working-minutes':
    case 'working-hours':
      return addWorkingMinutesMs(calendar, start, amount * workingUnitMinutes(unit));
    case 'working-days':
      return addWorkingDaysMs(calendar, start, amount);
  }
}

/** Units a duration can be counted back in ("4 working hours before the deadline"). */
export function canSubtract(unit: DurationUnit): boolean {
  return unit !== 'working-days';
}

/**
 * The instant `duration` before `end`. Working days have no inverse (close of business of the
 * Nth working day is not a reversible step), so they are refused here and by the schemas.
 */
export function subtractDuration(calendar: CompiledCalendar, end: number, duration: Duration): number {
  const { amount, unit } = duration;
  if (amount === 0) return end;
  switch (unit) {
    case 'calendar-minutes':
    case 'calendar-hours':
      return end - amount * fixedUnitMs(unit);
    case 'calendar-days':
      return addCalendarDaysMs(calendar, end, -amount);
    case 'calendar-weeks':
      return addCalendarDaysMs(calendar, end, -amount * 7);
    case 'working-minutes':
    case 'working-hours':
      return subtractWorkingMinutesMs(calendar, end, amount * workingUnitMinutes(unit));
    case 'working-days':
      throw new RangeError('A duration in working days cannot be counted backwards; use working hours.');
  }
}

const UNIT_WORDS: Readonly<Record<DurationUnit, [string, string]>> = {
  'calendar-minutes': ['minute', 'minutes'],
  'calendar-hours': ['hour', 'hours'],
  'calendar-days': ['day', 'days'],
  'calendar-weeks': ['week', 'weeks'],
  'working-minutes': ['working minute', 'working minutes'],
  'working-hours': ['working hour', 'working hours'],
  'working-days': ['working day', 'working days'],
};

/** "5 working days", "24 hours", "1 week". */
export function describeDuration(duration: Duration): string {
  const [one, many] = UNIT_WORDS[duration.unit];
  return `${duration.amount} ${duration.amount === 1 ? one : many}`;
}

/** The first working instant at or after `t` (epoch ms): where a step outside working hours lands. */
export function nextWorkingInstant(calendar: CompiledCalendar, t: number): number {
  if (isWorkingTimeMs(calendar, t)) return t;
  // The earliest instant after one working millisecond, less that millisecond.
  return addWorkingMinutesMs(calendar, t, 1 / MINUTE) - 1;
}
