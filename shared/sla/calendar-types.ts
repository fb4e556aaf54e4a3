/** The exact contract of a business calendar (see docs/decisions.md for the semantics). */
export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';

export const WEEKDAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

export interface WorkingInterval {
  /** Local wall clock "HH:MM". */
  start: string;
  /** Local wall clock "HH:MM"; may be "24:00". */
  end: string;
}

export interface CalendarSpec {
  id: string;
  name: string;
  /** IANA zone, e.g. "Europe/London". */
  timeZone: string;
  hours: Partial<Record<Weekday, WorkingInterval[]>>;
  /** "YYYY-MM-DD": the whole local day is closed. */
  holidays: { date: string; name?: string }[];
  /** RFC 5545 RRULE body; occurrences are local dates on/after `from` (default 2000-01-01). */
  recurringHolidays: { rrule: string; from?: string; name?: string }[];
  /** Local wall clock "YYYY-MM-DDTHH:MM", half-open [start, end). */
  closures: { start: string; end: string }[];
}

export interface BusinessCalendar {
  isWorkingTime(at: Date): boolean;
  addWorkingMinutes(start: Date, minutes: number): Date;
  workingMinutesBetween(from: Date, to: Date): number;
  addWorkingDays(start: Date, days: number): Date;
}

/** Why a stretch of time did not count as working time. */
export type SkipReason = 'night' | 'weekend' | 'holiday' | 'closure';

/** One stretch of [start, end): either working time or skipped for a reason. */
export interface CalendarSpan {
  start: Date;
  end: Date;
  kind: 'working' | SkipReason;
  /** Holiday name, when kind is 'holiday'. */
  label?: string;
}

/** What compileCalendar actually returns: the contract plus what the product needs on top. */
export interface CompiledCalendar extends BusinessCalendar {
  readonly spec: CalendarSpec;
  /** Consecutive spans covering [from, to), each working or skipped with its reason. */
  explain(from: Date, to: Date): CalendarSpan[];
  /** The local date ("YYYY-MM-DD") of an instant in the calendar's zone. */
  localDate(at: Date): string;
  /** Latest t <= end such that the working time inside [t, end) is `minutes` (the inverse of addWorkingMinutes). */
  subtractWorkingMinutes(end: Date, minutes: number): Date;
  /** Same local wall-clock time `days` calendar days later (DST-aware). */
  addCalendarDays(start: Date, days: number): Date;
}
