/**
 * A business calendar as its edit form holds it, and back: the edited calendar, checked field by field and
 * then compiled by shared/sla (whose RangeErrors say what is wrong), or the problems keyed by field.
 */
import { type CalendarSpec, compileCalendar, WEEKDAYS, type Weekday } from '../../../shared/sla';
import type { FieldErrors } from './policy-draft';

export interface HoursDraft {
  start: string;
  end: string;
}

export interface CalendarDraft {
  name: string;
  timeZone: string;
  hours: Record<Weekday, HoursDraft[]>;
  holidays: { date: string; name: string }[];
  recurringHolidays: { rrule: string; from: string; name: string }[];
  closures: { start: string; end: string }[];
}

export function calendarDraft(spec: CalendarSpec): CalendarDraft {
  return {
    name: spec.name,
    timeZone: spec.timeZone,
    hours: Object.fromEntries(
      WEEKDAYS.map((day) => [day, (spec.hours[day] ?? []).map((h) => ({ start: h.start, end: h.end }))]),
    ) as Record<Weekday, HoursDraft[]>,
    holidays: spec.holidays.map((h) => ({ date: h.date, name: h.name ?? '' })),
    recurringHolidays: spec.recurringHolidays.map((r) => ({
      rrule: r.rrule,
      from: r.from ?? '',
      name: r.name ?? '',
    })),
    closures: spec.closures.map((c) => ({ start: c.start, end: c.end })),
  };
}

const CLOCK = /^([01]\d|2[0-4]):([0-5]\d)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;

/** Minutes since midnight of "HH:MM" (24:00 is 1440), or NaN. */
function minutesOf(text: string): number {
  const m = CLOCK.exec(text.trim());
  if (!m) return Number.NaN;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return minutes > 1440 ? Number.NaN : minutes;
}

export function isRealDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function isLocalDateTime(text: string): boolean {
  const m = LOCAL_DATE_TIME.exec(text);
  return m !== null && isRealDate(m[1]!) && minutesOf(m[2]!) < 1440;
}

/** A calendar shared/sla accepts, for checking one part at a time (its zone, one holiday rule). */
const PROBE: CalendarSpec = {
  id: 'probe',
  name: 'probe',
  timeZone: 'UTC',
  hours: { MO: [{ start: '09:00', end: '17:00' }] },
  holidays: [],
  recurringHolidays: [],
  closures: [],
};

/** The RangeError shared/sla throws for this calendar, or null when it compiles. */
function compileProblem(spec: CalendarSpec): string | null {
  try {
    compileCalendar(spec);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function checkHours(draft: CalendarDraft, errors: FieldErrors): void {
  let open = false;
  for (const day of WEEKDAYS) {
    const intervals = draft.hours[day];
    const checked: { start: number; end: number; index: number }[] = [];
    intervals.forEach((interval, index) => {
      const key = `hours.${day}.${index}`;
      const start = minutesOf(interval.start);
      const end = minutesOf(interval.end);
      if (Number.isNaN(start) || start === 1440) {
        errors[key] = 'Write the start as a time from 00:00 to 23:59, such as 09:00.';
      } else if (Number.isNaN(end)) {
        errors[key] = 'Write the end as a time from 00:01 to 24:00, such as 17:00.';
      } else if (end <= start) {
        errors[key] =
          'The end must be after the start. For a night shift, end this day at 24:00 and start the next at 00:00.';
      } else checked.push({ start, end, index });
    });
    checked.sort((a, b) => a.start - b.start);
    for (let i = 1; i < checked.length; i++) {
      if (checked[i]!.start < checked[i - 1]!.end) {
        errors[`hours.${day}.${checked[i]!.index}`] = 'These hours overlap other hours of the same day.';
      }
    }
    if (intervals.length > 0) open = true;
  }
  if (!open)
    errors.hours = 'Open on at least one day: with no working hours no deadline can ever be reached.';
}

/** The edited calendar (same id), or what is wrong, by field. `now` is where the check for working time starts. */
export function calendarFromDraft(
  base: CalendarSpec,
  draft: CalendarDraft,
  now: Date,
): { ok: true; calendar: CalendarSpec } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = draft.name.trim();
  if (name === '') errors.name = 'Give the calendar a name, such as “UK office hours”.';
  const timeZone = draft.timeZone.trim();
  const zoneProblem = compileProblem({ ...PROBE, timeZone });
  if (zoneProblem) errors.timeZone = zoneProblem;

  checkHours(draft, errors);

  const seen = new Set<string>();
  draft.holidays.forEach((holiday, i) => {
    if (!isRealDate(holiday.date)) errors[`holidays.${i}`] = `“${holiday.date}” is not a date.`;
    else if (seen.has(holiday.date)) errors[`holidays.${i}`] = 'This date is listed twice.';
    seen.add(holiday.date);
  });
  draft.recurringHolidays.forEach((rule, i) => {
    const from = rule.from.trim();
    if (rule.rrule.trim() === '') {
      errors[`recurring.${i}`] = 'Write the rule, such as FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24.';
      return;
    }
    if (from !== '' && !isRealDate(from)) {
      errors[`recurring.${i}`] = `“${from}” is not a date: write the first date the rule applies from.`;
      return;
    }
    const problem = compileProblem({
      ...PROBE,
      recurringHolidays: [{ rrule: rule.rrule.trim(), ...(from ? { from } : {}) }],
    });
    if (problem) errors[`recurring.${i}`] = problem;
  });
  draft.closures.forEach((closure, i) => {
    if (!isLocalDateTime(closure.start) || !isLocalDateTime(closure.end)) {
      errors[`closures.${i}`] = 'Give the start and the end as a date and a time.';
    } else if (closure.end <= closure.start) {
      errors[`closures.${i}`] = 'The closure must end after it starts.';
    }
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const hours: CalendarSpec['hours'] = {};
  for (const day of WEEKDAYS) {
    const intervals = draft.hours[day]
      .map((h) => ({ start: h.start.trim(), end: h.end.trim() }))
      .sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
    if (intervals.length > 0) hours[day] = intervals;
  }
  const calendar: CalendarSpec = {
    id: base.id,
    name,
    timeZone,
    hours,
    holidays: draft.holidays
      .map(({ date, name: holidayName }) =>
        holidayName.trim() ? { date, name: holidayName.trim() } : { date },
      )
      .sort((a, b) => a.date.localeCompare(b.date)),
    recurringHolidays: draft.recurringHolidays.map(({ rrule, from, name: ruleName }) => ({
      rrule: rrule.trim(),
      ...(from.trim() ? { from: from.trim() } : {}),
      ...(ruleName.trim() ? { name: ruleName.trim() } : {}),
    })),
    closures: [...draft.closures].sort((a, b) => a.start.localeCompare(b.start)),
  };
  try {
    // Compiling checks the whole; one working minute from now proves holidays and closures leave some time.
    compileCalendar(calendar).addWorkingMinutes(now, 1);
  } catch (error) {
    return { ok: false, errors: { form: error instanceof Error ? error.message : String(error) } };
  }
  return { ok: true, calendar };
}

/** Every IANA zone the browser knows, for the time zone picker. */
export function timeZones(): readonly string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}
