/**
 * Holiday data for business calendars: UK bank holidays from the date-holidays rules, the gov.uk
 * bank holidays file, and iCalendar feeds. Every list is local dates "YYYY-MM-DD", sorted, one per date.
 */
import { type Holiday, isIsoDate, sortAndDedupe } from './dates';

export type { Holiday } from './dates';
export { type GovUkBankHolidays, type GovUkParseOptions, parseGovUkBankHolidays } from './govuk';
export { type IcsHolidays, type IcsParseOptions, type IcsSkippedEvent, parseIcsHolidays } from './ics';
export { UK_REGIONS, type UkRegion, ukBankHolidays } from './uk';

/**
 * One sorted list with one entry per date from several lists. Where lists share a date, the earlier list
 * wins (pass the source whose names you prefer first, e.g. the gov.uk file before the library rules).
 * Throws on an entry whose date is not a real "YYYY-MM-DD" date.
 */
export function mergeHolidays(...lists: ReadonlyArray<Readonly<Holiday>>[]): Holiday[] {
  const all: Holiday[] = [];
  for (const list of lists) {
    for (const h of list) {
      if (typeof h?.date !== 'string' || !isIsoDate(h.date)) {
        throw new Error(`mergeHolidays: ${JSON.stringify(h?.date)} is not a YYYY-MM-DD date`);
      }
      all.push({ date: h.date, name: h.name });
    }
  }
  return sortAndDedupe(all);
}
