/**
 * Deadlines as the desk reads them: the time left (or overdue) in the case calendar's working time, "3h 12m",
 * "2d 4h", "overdue 1d 4h", where a day is the calendar's working day (8h for 09:00–17:00), not 24 hours. The
 * compact form is for narrow columns that say their unit elsewhere; `words` says it ("3 working days 4 hours").
 */
import type { CompiledCalendar } from '../../shared/sla';
import { formatInZone } from '../../shared/time';

const MINUTES_PER_CALENDAR_DAY = 24 * 60;

const dayLengths = new WeakMap<CompiledCalendar, number>();

/** The length of the calendar's longest working day in minutes (480 for 09:00–17:00), 24h for an always-open one. */
export function workingDayMinutes(calendar: CompiledCalendar): number {
  const known = dayLengths.get(calendar);
  if (known !== undefined) return known;
  let longest = 0;
  for (const intervals of Object.values(calendar.spec.hours)) {
    let total = 0;
    for (const { start, end } of intervals ?? []) total += minutesOf(end) - minutesOf(start);
    longest = Math.max(longest, total);
  }
  const length = longest > 0 ? longest : MINUTES_PER_CALENDAR_DAY;
  dayLengths.set(calendar, length);
  return length;
}

function minutesOf(clock: string): number {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number);
  return hours * 60 + minutes;
}

/** "42m", "3h 12m", "2d 4h" (a day being `dayMinutes` long); seconds under ten minutes ("4m 05s"). */
export function formatSpan(minutes: number, dayMinutes: number): string {
  const total = Math.max(0, minutes);
  if (total < 10) {
    // A hair of tolerance: 4 + 5/60 minutes is 244.99999… seconds in floating point.
    const seconds = Math.floor(total * 60 + 1e-6);
    return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
  }
  const whole = Math.floor(total);
  const days = Math.floor(whole / dayMinutes);
  const hours = Math.floor((whole - days * dayMinutes) / 60);
  const mins = whole % 60;
  if (days > 0) return hours > 0 ? `${days}d ${hours}h` : `${days}d`;
  if (hours > 0) return `${hours}h ${String(mins).padStart(2, '0')}m`;
  return `${mins}m`;
}

/** "3 working days 4 hours", "42 minutes" (real time), "4m 05s of working time" under ten minutes. */
export function spanWords(minutes: number, dayMinutes: number, working: boolean): string {
  const total = Math.max(0, minutes);
  const kind = working ? 'working ' : '';
  if (total < 10) return `${formatSpan(total, dayMinutes)}${working ? ' of working time' : ''}`;
  const whole = Math.floor(total);
  const days = Math.floor(whole / dayMinutes);
  const hours = Math.floor((whole - days * dayMinutes) / 60);
  const mins = whole % 60;
  const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (days > 0) return `${count(days, `${kind}day`)}${hours > 0 ? ` ${count(hours, 'hour')}` : ''}`;
  if (hours > 0) return `${count(hours, `${kind}hour`)}${mins > 0 ? ` ${count(mins, 'minute')}` : ''}`;
  return count(mins, `${kind}minute`);
}

export interface Countdown {
  /** "3h 12m", "overdue 1d 4h", or "due Sat 17:00" when no working time is left before a future deadline. */
  text: string;
  /** The same in words that say the unit: "3 working days 4 hours left", "overdue by 2 hours", "due Sat 17:00". */
  words: string;
  /** Whether it counts working time (the calendar's working day) rather than real time. */
  working: boolean;
  overdue: boolean;
  /** Minutes of working time left (negative: overdue by), or of real time without a calendar. */
  minutes: number;
}

/**
 * The countdown to `dueMs` at `nowMs`, in the calendar's working time (real time without one). A deadline
 * that falls out of hours with no working time left before it (a 24-hour promise due on a Saturday) says when,
 * in the calendar's zone.
 */
export function countdown(dueMs: number, nowMs: number, calendar: CompiledCalendar | undefined): Countdown {
  const overdue = nowMs >= dueMs;
  if (calendar === undefined) {
    const minutes = (dueMs - nowMs) / 60_000;
    const span = formatSpan(Math.abs(minutes), MINUTES_PER_CALENDAR_DAY);
    const words = spanWords(Math.abs(minutes), MINUTES_PER_CALENDAR_DAY, false);
    return overdue
      ? { text: `overdue ${span}`, words: `overdue by ${words}`, working: false, overdue, minutes }
      : { text: span, words: `${words} left`, working: false, overdue, minutes };
  }
  const minutes = calendar.workingMinutesBetween(new Date(nowMs), new Date(dueMs));
  const day = workingDayMinutes(calendar);
  if (overdue) {
    if (minutes === 0) return { text: 'overdue', words: 'overdue', working: true, overdue, minutes };
    const words = `overdue by ${spanWords(-minutes, day, true)}`;
    return { text: `overdue ${formatSpan(-minutes, day)}`, words, working: true, overdue, minutes };
  }
  if (minutes === 0) {
    const text = `due ${formatInZone(dueMs, calendar.spec.timeZone, 'weekdayTime')}`;
    return { text, words: text, working: true, overdue, minutes };
  }
  const words = `${spanWords(minutes, day, true)} left`;
  return { text: formatSpan(minutes, day), words, working: true, overdue, minutes };
}
