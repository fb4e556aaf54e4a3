/**
 * How Desk writes an instant for people: always in the desk calendar's zone (a deadline is 15:00 in London
 * whatever zone the computer is set to), naming the zone where the reader could take it for their own.
 * Every view, template and notice formats times here; none reads the device's zone for a time it shows.
 */
import { Temporal } from 'temporal-polyfill';

export type TimeStyle =
  /** "15:00" */
  | 'time'
  /** "Tue 15:00" */
  | 'weekdayTime'
  /** "Tue 1 Sep" */
  | 'day'
  /** "Tue 1 Sep, 15:00" */
  | 'dayTime'
  /** "1 Sep 2026, 15:00" */
  | 'dateTime'
  /** "1 Sep 2026, 15:00:00" */
  | 'dateTimeSeconds'
  /** "Tue 1 Sep 2026, 15:00" (the app clock) */
  | 'clock'
  /** "Tuesday 1 September" */
  | 'longDay'
  /** "Tuesday 1 September at 15:00" */
  | 'longDayTime'
  /** "Tuesday 1 September 2026 at 15:00" */
  | 'full'
  /** "Tuesday 1 September 2026 at 15:00:00" */
  | 'fullSeconds';

const TIME = { hour: '2-digit', minute: '2-digit' } as const;

const STYLES: Readonly<Record<TimeStyle, Intl.DateTimeFormatOptions>> = {
  time: TIME,
  weekdayTime: { weekday: 'short', ...TIME },
  day: { weekday: 'short', day: 'numeric', month: 'short' },
  dayTime: { weekday: 'short', day: 'numeric', month: 'short', ...TIME },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
  dateTimeSeconds: { dateStyle: 'medium', timeStyle: 'medium' },
  clock: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', ...TIME },
  longDay: { weekday: 'long', day: 'numeric', month: 'long' },
  longDayTime: { weekday: 'long', day: 'numeric', month: 'long', ...TIME },
  full: { dateStyle: 'full', timeStyle: 'short' },
  fullSeconds: { dateStyle: 'full', timeStyle: 'medium' },
};

// Building a DateTimeFormat costs tens of microseconds; a queue formats hundreds of times a second.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, style: TimeStyle): Intl.DateTimeFormat {
  const key = `${style} ${timeZone}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', { ...STYLES[style], timeZone });
    formats.set(key, format);
  }
  return format;
}

function ms(at: Date | number | string): number {
  return typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
}

/** The instant as a wall-clock time in `timeZone` (an IANA zone), without naming the zone. */
export function formatInZone(at: Date | number | string, timeZone: string, style: TimeStyle): string {
  return formatter(timeZone, style).format(ms(at));
}

let device: { zone: string; at: number } | null = null;
const DEVICE_ZONE_READ_MS = 60_000;

/**
 * The zone this computer is set to (the browser's, or the TZ of a Node process). Asked for by every time a view
 * formats, and building the DateTimeFormat that says costs a good part of a millisecond (a third of what ticking
 * countdowns cost a second, read every second): read at most once a minute (a laptop that crosses a border is
 * seen changing zone within the minute).
 */
export function deviceTimeZone(): string {
  const now = Date.now();
  if (device === null || now - device.at >= DEVICE_ZONE_READ_MS || now < device.at)
    device = { zone: new Intl.DateTimeFormat().resolvedOptions().timeZone, at: now };
  return device.zone;
}

const canonicalZones = new Map<string, string>();

function canonical(timeZone: string): string {
  let zone = canonicalZones.get(timeZone);
  if (zone === undefined) {
    const resolved = new Intl.DateTimeFormat('en-GB', { timeZone }).resolvedOptions().timeZone;
    zone = resolved === 'Etc/UTC' || resolved === 'Etc/GMT' || resolved === 'GMT' ? 'UTC' : resolved;
    canonicalZones.set(timeZone, zone);
  }
  return zone;
}

/** Whether two zone names are the same zone ("UTC" and "Etc/UTC" are). */
export function sameTimeZone(a: string, b: string): boolean {
  return a === b || canonical(a) === canonical(b);
}

/** The zone as people say it: "London time", "New York time", "UTC". */
export function zoneName(timeZone: string): string {
  const zone = canonical(timeZone);
  if (zone === 'UTC') return 'UTC';
  const city = zone.split('/').at(-1);
  if (city === undefined || zone.startsWith('Etc/') || !zone.includes('/')) return zone;
  return `${city.replaceAll('_', ' ')} time`;
}

/** " London time" when the device is in another zone than the desk, else "" (a time people read as theirs). */
export function zoneSuffix(timeZone: string, device = deviceTimeZone()): string {
  return sameTimeZone(timeZone, device) ? '' : ` ${zoneName(timeZone)}`;
}

/** The instant in the desk's zone, naming the zone when this device is in another: "15:00 London time". */
export function formatDeskTime(
  at: Date | number | string,
  timeZone: string,
  style: TimeStyle,
  device = deviceTimeZone(),
): string {
  return `${formatInZone(at, timeZone, style)}${zoneSuffix(timeZone, device)}`;
}

/**
 * For a reader whose zone the desk cannot know (a requester reading mail): always names the zone,
 * "Tuesday 1 September at 15:00 London time".
 */
export function formatForRequester(at: Date | number | string, timeZone: string, style: TimeStyle): string {
  return `${formatInZone(at, timeZone, style)} ${zoneName(timeZone)}`;
}

/** The zone a desk falls back to when a case's calendar is not known (the presets' calendar). */
export const DEFAULT_DESK_TIME_ZONE = 'Europe/London';

/** "2026-03-02T09:30": the instant as a wall-clock time in `timeZone`, for a datetime-local input. */
export function toWallClockInput(at: Date | number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(ms(at))
    .toZonedDateTimeISO(timeZone)
    .toPlainDateTime()
    .toString({ smallestUnit: 'minute' });
}

/** The instant a wall-clock time ("2026-03-02T09:30") names in `timeZone`, or null when it is not one. */
export function fromWallClockInput(text: string, timeZone: string): Date | null {
  try {
    const zoned = Temporal.PlainDateTime.from(text, { overflow: 'reject' }).toZonedDateTime(timeZone);
    return new Date(zoned.epochMilliseconds);
  } catch {
    return null;
  }
}
