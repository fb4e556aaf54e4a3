import { type Holiday, mergeHolidays, type UkRegion, ukBankHolidays } from '../holidays';
import type { CalendarSpec, WorkingInterval } from '../sla/calendar-types';

export interface UkCalendarOptions {
  /** First and last year whose bank holidays are listed (inclusive). */
  fromYear: number;
  toYear: number;
  region?: UkRegion;
  id?: string;
  name?: string;
  /** Opening hours Monday to Friday; 09:00–17:00 unless given. */
  hours?: WorkingInterval[];
  /** One-off holidays from gov.uk or an .ics feed; they win over the library's list on a shared date. */
  extraHolidays?: readonly Holiday[];
}

const REGION_NAMES: Readonly<Record<UkRegion, string>> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};

/**
 * The UK desk calendar: Europe/London, Monday to Friday 09:00–17:00, closed on the region's bank
 * holidays (England and Wales unless told). Bank holidays come from the holiday rules, not a
 * table, so any span of years works; list the years the desk's cases can reach.
 */
export function ukCalendarSpec(options: UkCalendarOptions): CalendarSpec {
  const region = options.region ?? 'england-and-wales';
  const hours = options.hours ?? [{ start: '09:00', end: '17:00' }];
  const day = () => hours.map((interval) => ({ ...interval }));
  return {
    id: options.id ?? `uk-${region}`,
    name: options.name ?? `UK office hours (${REGION_NAMES[region]})`,
    timeZone: 'Europe/London',
    hours: { MO: day(), TU: day(), WE: day(), TH: day(), FR: day() },
    holidays: mergeHolidays(
      options.extraHolidays ?? [],
      ukBankHolidays(region, options.fromYear, options.toYear),
    ),
    recurringHolidays: [],
    closures: [],
  };
}
