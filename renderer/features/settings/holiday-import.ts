/**
 * Holidays from a file a desk downloads: the gov.uk bank holidays JSON (one list per division) or an
 * iCalendar (.ics) feed. The whole file is parsed before anything is offered, so a broken file changes nothing.
 * The parsers (and ical.js / date-holidays behind them) load only when a file is chosen.
 */
import type { Holiday, IcsSkippedEvent, UkRegion } from '../../../shared/holidays';

export type HolidayFile =
  | { format: 'gov.uk'; divisions: Readonly<Record<UkRegion, Holiday[]>> }
  | { format: 'ics'; holidays: Holiday[]; skipped: IcsSkippedEvent[] };

/** Larger than any real holiday file (gov.uk's is ~20 KB): a bigger one is the wrong file. */
export const MAX_HOLIDAY_FILE_BYTES = 2_000_000;

export const DIVISION_NAMES: Readonly<Record<UkRegion, string>> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

/** Reads a holiday file's text; rejects with an Error that names the file and says what is wrong. */
export async function readHolidayFile(fileName: string, text: string): Promise<HolidayFile> {
  const problem = (why: string) => new Error(`“${fileName}” could not be imported: ${why}`);
  const trimmed = text.trimStart();
  try {
    if (trimmed.startsWith('{') || /\.json$/i.test(fileName)) {
      const { parseGovUkBankHolidays } = await import('../../../shared/holidays/govuk');
      return { format: 'gov.uk', divisions: parseGovUkBankHolidays(text) };
    }
    if (/^BEGIN:VCALENDAR/i.test(trimmed) || /\.ics$/i.test(fileName)) {
      const { parseIcsHolidays } = await import('../../../shared/holidays/ics');
      const { holidays, skipped } = parseIcsHolidays(text);
      return { format: 'ics', holidays, skipped };
    }
  } catch (error) {
    throw problem(error instanceof Error ? error.message : String(error));
  }
  throw problem(
    'it is neither the gov.uk bank holidays file (bank-holidays.json) nor an iCalendar (.ics) file.',
  );
}

/** The holidays a file would add: those on dates the calendar does not list yet (a listed date keeps its name). */
export function newHolidays(
  listed: readonly { date: string }[],
  incoming: readonly Holiday[],
): { added: Holiday[]; alreadyListed: number } {
  const dates = new Set(listed.map((h) => h.date));
  const added = incoming.filter((h) => !dates.has(h.date));
  return { added, alreadyListed: incoming.length - added.length };
}
