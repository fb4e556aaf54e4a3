/**
 * Deadlines as the desk reads them: the time left (or overdue) in the case calendar's working time, "3h 12m",
 * "2d 4h", "overdue 1d 4h", where a day is the calendar's working day (8h for 09:00–17:00), not 24 hours.
 */
import type { CompiledCalendar } from '../../../shared/sla';

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

export interface Countdown {
  /** "3h 12m", "overdue 1d 4h", or "due Sat 17:00" when no working time is left before a future deadline. */
  text: string;
  overdue: boolean;
  /** Minutes of working time left (negative: overdue by), or of real time without a calendar. */
  minutes: number;
}

const whenFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/**
 * The countdown to `dueMs` at `nowMs`, in the calendar's working time (real time without one). A deadline
 * that falls out of hours with no working time left before it (a 24-hour promise due on a Saturday) says when.
 */
export function countdown(dueMs: number, nowMs: number, calendar: CompiledCalendar | undefined): Countdown {
  const overdue = nowMs >= dueMs;
  if (calendar === undefined) {
    const minutes = (dueMs - nowMs) / 60_000;
    const span = formatSpan(Math.abs(minutes), MINUTES_PER_CALENDAR_DAY);
    return { text: overdue ? `overdue ${span}` : span, overdue, minutes };
  }
  const minutes = calendar.workingMinutesBetween(new Date(nowMs), new Date(dueMs));
  const day = workingDayMinutes(calendar);
  if (overdue) {
    return { text: minutes === 0 ? 'overdue' : `overdue ${formatSpan(-minutes, day)}`, overdue, minutes };
  }
  if (minutes === 0) return { text: `due ${whenFormat.format(new Date(dueMs))}`, overdue, minutes };
  return { text: formatSpan(minutes, day), overdue, minutes };
}
