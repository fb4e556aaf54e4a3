/**
 * Small calendar-date helpers shared by the holiday sources. Dates are plain local calendar dates
 * ("YYYY-MM-DD"): a holiday is a day in the calendar's own time zone, never an instant.
 * Arithmetic is done in UTC so the host time zone never matters.
 */

/** One holiday: a local calendar date and a display name. */
export interface Holiday {
  date: string;
  name: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a (proleptic Gregorian) calendar date. */
export function dayNumber(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, no 1900 offset for years 0–99
  return d.getTime() / DAY_MS;
}

/** "YYYY-MM-DD" for a day number from {@link dayNumber}. */
export function isoFromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** True for a real calendar date written "YYYY-MM-DD" (so 2026-02-29 and 2026-13-01 are false). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return isoFromDayNumber(dayNumber(year, month, day)) === value;
}

/** Day of the week of a "YYYY-MM-DD" date: 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${JSON.stringify(iso)}`);
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(Number(m[1]), Number(m[2]), Number(m[3])) + 4) % 7) + 7) % 7;
}

/** Sorted by date, one entry per date; where several share a date the first one given wins. */
export function sortAndDedupe(list: Iterable<Holiday>): Holiday[] {
  const byDate = new Map<string, Holiday>();
  for (const h of list) {
    if (!byDate.has(h.date)) byDate.set(h.date, { date: h.date, name: h.name });
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
