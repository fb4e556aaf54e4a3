/**
 * The reporting period a manager picks for compliance figures (board and reports share it): whole local days
 * in the desk's zone, from midnight to midnight, so "last month" means what it says whatever the device's zone.
 */
import { Temporal } from 'temporal-polyfill';
import { create } from 'zustand';
import { DEFAULT_REPORT_TIME_ZONE, type ReportPeriod } from '../../shared/reports';

export const PERIOD_PRESETS = [
  { id: 'last-4-weeks', label: 'Last 4 weeks' },
  { id: 'this-month', label: 'This month so far' },
  { id: 'last-month', label: 'Last month' },
  { id: 'last-12-weeks', label: 'Last 12 weeks' },
  { id: 'custom', label: 'Chosen dates' },
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number]['id'];

export interface PeriodChoice {
  preset: PeriodPreset;
  /** First and last day (inclusive, YYYY-MM-DD) of a `custom` period. */
  from: string;
  to: string;
}

export const usePeriodChoice = create<PeriodChoice>(() => ({
  preset: 'last-4-weeks',
  from: '',
  to: '',
}));

export function setPeriodChoice(choice: Partial<PeriodChoice>): void {
  usePeriodChoice.setState(choice);
}

/** The half-open period [from, to) a choice means at `now`. */
export function periodFor(
  choice: PeriodChoice,
  now: Date,
  timeZone = DEFAULT_REPORT_TIME_ZONE,
): ReportPeriod {
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime())
    .toZonedDateTimeISO(timeZone)
    .toPlainDate();
  const tomorrow = today.add({ days: 1 });
  const firstOfMonth = today.with({ day: 1 });
  const [from, to] = ((): [Temporal.PlainDate, Temporal.PlainDate] => {
    switch (choice.preset) {
      case 'last-4-weeks':
        return [tomorrow.subtract({ weeks: 4 }), tomorrow];
      case 'last-12-weeks':
        return [tomorrow.subtract({ weeks: 12 }), tomorrow];
      case 'this-month':
        return [firstOfMonth, tomorrow];
      case 'last-month':
        return [firstOfMonth.subtract({ months: 1 }), firstOfMonth];
      case 'custom': {
        const start = parseDay(choice.from) ?? tomorrow.subtract({ weeks: 4 });
        const end = parseDay(choice.to) ?? today;
        return Temporal.PlainDate.compare(start, end) <= 0
          ? [start, end.add({ days: 1 })]
          : [end, start.add({ days: 1 })];
      }
    }
  })();
  return { from: midnight(from, timeZone), to: midnight(to, timeZone) };
}

/** The period from its first to its last day, e.g. "1 Feb 2026 – 28 Feb 2026". */
export function periodText(period: ReportPeriod, timeZone = DEFAULT_REPORT_TIME_ZONE): string {
  const lastMs = Date.parse(period.to) - 1;
  return `${dayText(Date.parse(period.from), timeZone)} – ${dayText(lastMs, timeZone)}`;
}

/** "YYYY-MM-DD" of the period's first and last days (for date inputs and file names). */
export function periodDays(
  period: ReportPeriod,
  timeZone = DEFAULT_REPORT_TIME_ZONE,
): { first: string; last: string } {
  const day = (ms: number) =>
    Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).toPlainDate().toString();
  return { first: day(Date.parse(period.from)), last: day(Date.parse(period.to) - 1) };
}

/** The period of whole days `first`..`last` (a print route's address carries it this way). */
export function periodOfDays(
  first: string,
  last: string,
  timeZone = DEFAULT_REPORT_TIME_ZONE,
): ReportPeriod | null {
  const start = parseDay(first);
  const end = parseDay(last);
  if (start === null || end === null || Temporal.PlainDate.compare(start, end) > 0) return null;
  return { from: midnight(start, timeZone), to: midnight(end.add({ days: 1 }), timeZone) };
}

function parseDay(text: string): Temporal.PlainDate | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  try {
    return Temporal.PlainDate.from(text, { overflow: 'reject' });
  } catch {
    return null;
  }
}

function midnight(day: Temporal.PlainDate, timeZone: string): string {
  return new Date(day.toZonedDateTime({ timeZone }).epochMilliseconds).toISOString();
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayText(ms: number, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' });
    dayFormats.set(timeZone, format);
  }
  return format.format(ms);
}
