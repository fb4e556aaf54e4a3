/**
 * Holidays from an iCalendar (RFC 5545) file, e.g. https://www.gov.uk/bank-holidays/england-and-wales.ics.
 *
 * - All-day events (DTSTART;VALUE=DATE) give one holiday per date from DTSTART up to, not including, DTEND
 *   (or DTSTART + DURATION; one day when neither is given; DTEND equal to DTSTART is read as one day).
 *   A DTSTART written as a bare date without VALUE=DATE ("DTSTART:20260101", common in the wild) counts as all-day.
 * - Recurring all-day events (RRULE / RDATE, minus EXDATE, with RECURRENCE-ID overrides) are expanded for the
 *   occurrences that start in fromYear..toYear (default 2000..2100). The range applies only to recurrences:
 *   one-off events are returned whatever their year.
 * - Timed events and cancelled events (STATUS:CANCELLED) are not holidays: they are listed in `skipped`.
 * - Malformed input (not iCalendar, a VEVENT without DTSTART, an impossible date, DTEND before DTSTART…) throws
 *   an Error that says which event and what is wrong.
 */
import ICAL from 'ical.js';
import { dayNumber, type Holiday, isoFromDayNumber, sortAndDedupe } from './dates';

export interface IcsParseOptions {
  /** First year whose recurrences are expanded (default 2000). */
  fromYear?: number;
  /** Last year whose recurrences are expanded (default 2100). */
  toYear?: number;
}

export interface IcsSkippedEvent {
  uid: string;
  summary: string;
  /** DTSTART as written in the file (an occurrence's start for a recurring event). */
  start: string;
  reason: 'timed' | 'cancelled';
}

export interface IcsHolidays {
  /** Sorted by date, one per date (the first event seen wins a shared date). */
  holidays: Holiday[];
  /** Events that are in the file but are not holidays (timed, cancelled). */
  skipped: IcsSkippedEvent[];
}

const PREFIX = 'iCalendar';
/** Bound on one recurring event's occurrences, so a runaway rule fails instead of hanging. */
const MAX_OCCURRENCES = 100_000;
/** Bound on one event's length in days. */
const MAX_EVENT_DAYS = 3_660;

type IcalComponent = InstanceType<typeof ICAL.Component>;
type IcalTime = InstanceType<typeof ICAL.Time>;
type IcalEvent = InstanceType<typeof ICAL.Event>;

function describeEvent(vevent: IcalComponent, index: number): string {
  const uid = vevent.getFirstPropertyValue('uid');
  const summary = vevent.getFirstPropertyValue('summary');
  const parts = [`VEVENT #${index + 1}`];
  if (typeof uid === 'string' && uid !== '') parts.push(`UID ${uid}`);
  if (typeof summary === 'string' && summary !== '') parts.push(JSON.stringify(summary));
  return parts.join(' ');
}

/**
 * Checks DTSTART/DTEND/RECURRENCE-ID values as written (ical.js silently rolls 20121345 over to 2013-02-14),
 * and turns a bare "YYYYMMDD" that ical.js read as a date-time into a DATE.
 */
function checkDateProperties(vevent: IcalComponent): void {
  for (const name of ['dtstart', 'dtend', 'recurrence-id']) {
    for (const prop of vevent.getAllProperties(name)) {
      const jcal = prop.jCal as unknown[];
      const raw = jcal[3];
      if (typeof raw !== 'string') throw new Error(`${name.toUpperCase()} has no value`);
      if (prop.type === 'date-time' && /^\d{4}-\d{2}-\d{2}T::$/.test(raw)) {
        jcal[2] = 'date';
        jcal[3] = raw.slice(0, 10);
      }
      const value = jcal[3] as string;
      const written = value.replace(/[-:]/g, '');
      const datePart = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
      if (!datePart) throw new Error(`${name.toUpperCase()} ${written} is not a valid date`);
      const [, y, m, d] = datePart;
      if (isoFromDayNumber(dayNumber(Number(y), Number(m), Number(d))) !== `${y}-${m}-${d}`) {
        throw new Error(`${name.toUpperCase()} ${written} is not a valid date`);
      }
      if (prop.type === 'date' && value.length !== 10) {
        throw new Error(`${name.toUpperCase()} ${written} is not a valid date`);
      }
      if (prop.type === 'date-time' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z?$/.test(value)) {
        throw new Error(`${name.toUpperCase()} ${written} is not a valid date-time`);
      }
    }
  }
  if (!vevent.hasProperty('dtstart')) throw new Error('has no DTSTART');
}

function isoOf(t: IcalTime): string {
  return isoFromDayNumber(dayNumber(t.year, t.month, t.day));
}

/** Each date of an all-day span [start, end) ; end <= start reads as one day. */
function expandDates(start: IcalTime, end: IcalTime, name: string, out: Holiday[]): void {
  if (!end.isDate) throw new Error('DTEND must be a DATE when DTSTART is a DATE');
  const first = dayNumber(start.year, start.month, start.day);
  const endExclusive = dayNumber(end.year, end.month, end.day);
  if (endExclusive < first) throw new Error(`ends (${isoOf(end)}) before it starts (${isoOf(start)})`);
  const last = Math.max(first, endExclusive - 1);
  if (last - first >= MAX_EVENT_DAYS) {
    throw new Error(`spans ${last - first + 1} days (more than ${MAX_EVENT_DAYS}): not a holiday`);
  }
  for (let n = first; n <= last; n++) out.push({ date: isoFromDayNumber(n), name });
}

function isCancelled(component: IcalComponent): boolean {
  const status = component.getFirstPropertyValue('status');
  return typeof status === 'string' && status.toUpperCase() === 'CANCELLED';
}

function summaryOf(event: IcalEvent): string {
  const s = event.summary;
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : '(no summary)';
}

function checkYear(label: string, year: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw new Error(`${PREFIX}: ${label} must be a whole year from 1 to 9999, got ${year}`);
  }
}

function calendarsOf(text: string): IcalComponent[] {
  if (typeof text !== 'string')
    throw new Error(`${PREFIX}: expected the text of an .ics file, got ${typeof text}`);
  if (text.trim() === '') throw new Error(`${PREFIX}: the text is empty`);
  let jcal: unknown;
  try {
    jcal = ICAL.parse(text);
  } catch (e) {
    throw new Error(`${PREFIX}: cannot parse: ${e instanceof Error ? e.message : String(e)}`);
  }
  // One component comes back as its jCal array, several as an array of them.
  const list = (Array.isArray(jcal) && typeof jcal[0] === 'string' ? [jcal] : jcal) as unknown[];
  if (!Array.isArray(list) || list.length === 0) throw new Error(`${PREFIX}: no BEGIN:VCALENDAR found`);
  return list.map((item) => {
    const component = new ICAL.Component(item as unknown[]);
    if (component.name !== 'vcalendar') {
      throw new Error(`${PREFIX}: expected BEGIN:VCALENDAR, found BEGIN:${component.name.toUpperCase()}`);
    }
    return component;
  });
}

/** All-day holidays of an iCalendar text; see the module comment for the rules. */
export function parseIcsHolidays(text: string, options: IcsParseOptions = {}): IcsHolidays {
  const fromYear = options.fromYear ?? 2000;
  const toYear = options.toYear ?? 2100;
  checkYear('fromYear', fromYear);
  checkYear('toYear', toYear);
  if (fromYear > toYear) throw new Error(`${PREFIX}: fromYear (${fromYear}) is after toYear (${toYear})`);

  const vevents: IcalComponent[] = [];
  for (const calendar of calendarsOf(text)) vevents.push(...calendar.getAllSubcomponents('vevent'));

  const holidays: Holiday[] = [];
  const skipped: IcsSkippedEvent[] = [];
  const fail = (index: number, e: unknown): never => {
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(`${PREFIX}: ${describeEvent(vevents[index]!, index)}: ${why}`);
  };

  for (let index = 0; index < vevents.length; index++) {
    try {
      checkDateProperties(vevents[index]!);
    } catch (e) {
      fail(index, e);
    }
  }

  // Overrides of single occurrences (RECURRENCE-ID) belong to the recurring event with the same UID.
  const masters = new Map<string, IcalComponent>();
  const overrides = new Map<string, IcalComponent[]>();
  for (const vevent of vevents) {
    const uid = String(vevent.getFirstPropertyValue('uid') ?? '');
    if (vevent.hasProperty('recurrence-id')) {
      overrides.set(uid, [...(overrides.get(uid) ?? []), vevent]);
    } else if (uid !== '' && (vevent.hasProperty('rrule') || vevent.hasProperty('rdate'))) {
      masters.set(uid, vevent);
    }
  }

  const sink: Sink = { holidays, skipped };
  for (let index = 0; index < vevents.length; index++) {
    const vevent = vevents[index]!;
    try {
      const uid = String(vevent.getFirstPropertyValue('uid') ?? '');
      const isOverride = vevent.hasProperty('recurrence-id');
      if (isOverride && masters.has(uid)) continue; // expanded with its recurring event
      const event = new ICAL.Event(vevent, {
        strictExceptions: true,
        exceptions: masters.get(uid) === vevent ? (overrides.get(uid) ?? []) : [],
      });
      if (!isOverride && event.isRecurring()) expandRecurring(event, fromYear, toYear, sink);
      else addOccurrence(event, event.startDate, event.endDate, sink);
    } catch (e) {
      fail(index, e);
    }
  }

  return { holidays: sortAndDedupe(holidays), skipped };
}

interface Sink {
  holidays: Holiday[];
  skipped: IcsSkippedEvent[];
}

/** One occurrence of `event` (itself, or an override of one of its recurrences). */
function addOccurrence(event: IcalEvent, start: IcalTime, end: IcalTime, sink: Sink): void {
  const reason = isCancelled(event.component) ? 'cancelled' : start.isDate ? undefined : 'timed';
  if (reason) {
    sink.skipped.push({
      uid: event.uid ?? '',
      summary: summaryOf(event),
      start: start.toICALString(),
      reason,
    });
  } else {
    expandDates(start, end, summaryOf(event), sink.holidays);
  }
}

function expandRecurring(event: IcalEvent, fromYear: number, toYear: number, sink: Sink): void {
  if (isCancelled(event.component) || !event.startDate.isDate) {
    addOccurrence(event, event.startDate, event.endDate, sink); // listed once as skipped
    return;
  }
  const iterator = event.iterator();
  let count = 0;
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (next.year > toYear) break;
    if (++count > MAX_OCCURRENCES) {
      throw new Error(`recurs more than ${MAX_OCCURRENCES} times before ${toYear + 1}: not a holiday`);
    }
    if (next.year < fromYear) continue;
    const details = event.getOccurrenceDetails(next);
    addOccurrence(details.item ?? event, details.startDate, details.endDate, sink);
  }
}
