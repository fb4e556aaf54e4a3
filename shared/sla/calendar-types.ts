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
