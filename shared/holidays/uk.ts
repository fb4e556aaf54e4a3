/**
 * UK bank holidays computed by the `date-holidays` rules (no table kept here).
 *
 * What the library gives for country GB (checked against date-holidays 3.37.0):
 * - states ENG, WLS, SCT, NIR (and ALD, Alderney). England and Wales have identical rules; we use ENG.
 *   The country alone (no state) has no Summer bank holiday: always pass a state.
 * - every bank holiday is type 'public' (none is 'bank'); Mother's Day, Easter Sunday and Father's Day are
 *   'observance'. We keep 'public' and 'bank'.
 * - a holiday on a weekend is reported on the weekend date *and* as a substitute weekday
 *   (`substitute: true`, name "… (substitute day)"). gov.uk lists only the weekday, which is the bank
 *   holiday, so weekend dates are dropped here.
 * - one-off holidays known when the release was cut are included (2012-06-05, 2020-05-08 VE day move,
 *   2022-06-02/03, 2022-09-19, 2023-05-08); later proclamations (e.g. Scotland's 2026-06-15) are not:
 *   import the gov.uk file for those (see govuk.ts) and merge.
 * - `date` is "YYYY-MM-DD hh:mm:ss" in Europe/London; its date part is the local date whatever the host zone.
 */
import Holidays from 'date-holidays';
import { type Holiday, weekday } from './dates';

export type UkRegion = 'england-and-wales' | 'scotland' | 'northern-ireland';

export const UK_REGIONS: readonly UkRegion[] = ['england-and-wales', 'scotland', 'northern-ireland'];

/** date-holidays state code (ISO 3166-2:GB subdivision) for each gov.uk division. */
const GB_STATE: Readonly<Record<UkRegion, string>> = {
  'england-and-wales': 'ENG',
  scotland: 'SCT',
  'northern-ireland': 'NIR',
};

const KEPT_TYPES: ReadonlySet<string> = new Set(['public', 'bank']);

/** Years the library's rules are meaningful for, and a bound on one call's work. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

const engines = new Map<UkRegion, Holidays>();
const byRegionYear = new Map<string, readonly Holiday[]>();

function engine(region: UkRegion): Holidays {
  let hd = engines.get(region);
  if (!hd) {
    hd = new Holidays('GB', GB_STATE[region], { languages: ['en'], types: ['public', 'bank'] });
    engines.set(region, hd);
  }
  return hd;
}

function yearList(region: UkRegion, year: number): readonly Holiday[] {
  const key = `${region}:${year}`;
  const cached = byRegionYear.get(key);
  if (cached) return cached;
  const seen = new Set<string>();
  const list: Holiday[] = [];
  for (const h of engine(region).getHolidays(year, 'en')) {
    if (!KEPT_TYPES.has(h.type)) continue;
    const date = h.date.slice(0, 10);
    const dow = weekday(date);
    if (dow === 0 || dow === 6) continue; // the substitute weekday carries the bank holiday
    if (seen.has(date)) continue;
    seen.add(date);
    list.push(Object.freeze({ date, name: h.name }));
  }
  list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const frozen = Object.freeze(list);
  byRegionYear.set(key, frozen);
  return frozen;
}

/**
 * Bank holidays of one gov.uk division for the years fromYear..toYear (inclusive): local dates
 * "YYYY-MM-DD", sorted, one per date, substitute days included, weekend dates and observances excluded.
 * Results are cached per region and year; the returned objects are fresh copies.
 */
export function ukBankHolidays(region: UkRegion, fromYear: number, toYear: number): Holiday[] {
  if (!Object.hasOwn(GB_STATE, region)) {
    throw new Error(
      `ukBankHolidays: unknown region ${JSON.stringify(region)} (expected ${UK_REGIONS.join(', ')})`,
    );
  }
  for (const [label, year] of [
    ['fromYear', fromYear],
    ['toYear', toYear],
  ] as const) {
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
      throw new Error(
        `ukBankHolidays: ${label} must be a whole year from ${MIN_YEAR} to ${MAX_YEAR}, got ${year}`,
      );
    }
  }
  if (fromYear > toYear) {
    throw new Error(`ukBankHolidays: fromYear (${fromYear}) is after toYear (${toYear})`);
  }
  const out: Holiday[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    for (const h of yearList(region, year)) out.push({ date: h.date, name: h.name });
  }
  return out;
}
