/**
 * Instants travel as ISO 8601 strings with a zone designator ("2026-03-02T09:30:00Z" or "+01:00").
 * The SLA engine replays thousands of them per millisecond, so the canonical UTC shape is parsed by
 * hand (Date.parse costs ~200 ns); anything else falls back to Date.parse after a strict shape check.
 */

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Epoch ms of an ISO instant, or NaN when the text is not one. */
export function instantMs(text: string): number {
  const fast = canonicalUtcMs(text);
  if (!Number.isNaN(fast)) return fast;
  const m = ISO_INSTANT.exec(text);
  // Date.parse is lenient ("02-30" becomes 2 March): check the fields first.
  if (!m || !realDate(Number(m[1]), Number(m[2]), Number(m[3]))) return Number.NaN;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[7] ?? 0) > 59) return Number.NaN;
  if (Number(m[10] ?? 0) > 23 || Number(m[11] ?? 0) > 59) return Number.NaN;
  return Date.parse(text);
}

/** Parses an ISO instant; throws a RangeError naming the text when it is not one. */
export function parseInstant(text: string, what = 'instant'): Date {
  const ms = instantMs(text);
  if (!Number.isFinite(ms)) {
    throw new RangeError(
      `${what} "${text}" is not an ISO 8601 instant with a zone, e.g. "2026-03-02T09:30:00Z".`,
    );
  }
  return new Date(ms);
}

/** Accepts a Date or an ISO instant string. */
export function toInstant(value: Date | string, what = 'instant'): Date {
  if (typeof value === 'string') return parseInstant(value, what);
  if (!Number.isFinite(value.getTime())) throw new RangeError(`${what} is an invalid Date.`);
  return new Date(value.getTime());
}

/** The canonical ISO form used in events and on the wire. */
export function formatInstant(at: Date | number): string {
  return new Date(typeof at === 'number' ? at : at.getTime()).toISOString();
}

/** "YYYY-MM-DDTHH:MM:SS[.sss]Z" with a real calendar date, or NaN. Straight-line: this is the hot path. */
function canonicalUtcMs(s: string): number {
  const n = s.length;
  if ((n !== 20 && n !== 24) || s.charCodeAt(n - 1) !== 90 /* Z */) return Number.NaN;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84) return Number.NaN;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return Number.NaN;
  const year = d(s, 0) * 1000 + d(s, 1) * 100 + d(s, 2) * 10 + d(s, 3);
  const month = d(s, 5) * 10 + d(s, 6);
  const day = d(s, 8) * 10 + d(s, 9);
  const hour = d(s, 11) * 10 + d(s, 12);
  const minute = d(s, 14) * 10 + d(s, 15);
  const second = d(s, 17) * 10 + d(s, 18);
  let ms = 0;
  if (n === 24) {
    if (s.charCodeAt(19) !== 46) return Number.NaN;
    ms = d(s, 20) * 100 + d(s, 21) * 10 + d(s, 22);
  }
  // A non-digit reads as 100 (see d), which pushes its field out of range.
  if (hour > 23 || minute > 59 || second > 59 || ms > 999) return Number.NaN;
  const slot = (year - TABLE_FROM_YEAR) * 12 + month - 1;
  let days: number;
  if (month >= 1 && month <= 12 && slot >= 0 && slot < MONTH_DAYS.length) {
    if (day < 1 || day > MONTH_LENGTH[slot]!) return Number.NaN;
    days = MONTH_DAYS[slot]! + day - 1;
  } else {
    if (year > 9999 || !realDate(year, month, day)) return Number.NaN;
    days = daysFromCivil(year, month, day);
  }
  return days * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
}

/** Day numbers and lengths of the months of 1970–2199, so the common case is two lookups. */
const TABLE_FROM_YEAR = 1970;
const MONTH_DAYS = new Int32Array(230 * 12);
const MONTH_LENGTH = new Uint8Array(230 * 12);
for (let i = 0; i < MONTH_DAYS.length; i++) {
  const year = TABLE_FROM_YEAR + Math.floor(i / 12);
  const month = (i % 12) + 1;
  MONTH_DAYS[i] = daysFromCivil(year, month, 1);
  MONTH_LENGTH[i] = daysInMonth(year, month);
}

/** The digit at `i`, or 100 for anything else (so the field it is part of fails its range check). */
function d(s: string, i: number): number {
  const digit = s.charCodeAt(i) - 48;
  return digit >= 0 && digit <= 9 ? digit : 100;
}

function realDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
