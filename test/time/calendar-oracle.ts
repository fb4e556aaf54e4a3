import { Temporal } from 'temporal-polyfill';
import type { CalendarSpec, Weekday } from '../../shared/sla';
import { RRule } from '../../shared/sla/rrule';

/*
 * A deliberately naive reference for the calendar contract: it decides working time point by
 * point with Temporal and walks minute by minute. Slow and obviously right; the engine must agree.
 * (Zone offsets and working hours change only on whole minutes, so each minute is all-or-nothing.)
 */

const MINUTE = 60_000;
const WEEKDAY: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

export interface Oracle {
  isWorking(t: number): boolean;
  localDate(t: number): string;
  workingMsBetween(a: number, b: number): number;
  addWorkingMinutes(start: number, minutes: number): number;
  addWorkingDays(start: number, days: number): number;
}

export function oracleFor(spec: CalendarSpec): Oracle {
  const holidays = new Set(spec.holidays.map((h) => h.date));
  for (const r of spec.recurringHolidays) {
    const from = r.from ?? '2000-01-01';
    const rule = new RRule({
      ...RRule.parseString(r.rrule),
      dtstart: new Date(`${from}T00:00:00Z`),
      tzid: null,
    });
    for (const d of rule.between(new Date('1999-01-01T00:00:00Z'), new Date('2041-01-01T00:00:00Z'), true)) {
      holidays.add(d.toISOString().slice(0, 10));
    }
  }
  const minuteCache = new Map<number, boolean>();
  const local = (t: number) => Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(spec.timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

  function isWorking(t: number): boolean {
    const m = Math.floor(t / MINUTE);
    const cached = minuteCache.get(m);
    if (cached !== undefined) return cached;
    const z = local(m * MINUTE);
    const date = z.toPlainDate().toString();
    let working = false;
    if (!holidays.has(date)) {
      const tod = z.hour * 60 + z.minute;
      const intervals = spec.hours[WEEKDAY[z.dayOfWeek - 1]!] ?? [];
      working = intervals.some((iv) => tod >= toMin(iv.start) && tod < toMin(iv.end));
      if (working) {
        const wall = `${date}T${pad(z.hour)}:${pad(z.minute)}`;
        working = !spec.closures.some((c) => wall >= c.start && wall < c.end);
      }
    }
    minuteCache.set(m, working);
    return working;
  }

  function workingMsBetween(a: number, b: number): number {
    if (b < a) return -workingMsBetween(b, a);
    let total = 0;
    let t = a;
    while (t < b) {
      const next = Math.min(b, (Math.floor(t / MINUTE) + 1) * MINUTE);
      if (isWorking(t)) total += next - t;
      t = next;
    }
    return total;
  }

  function addWorkingMinutes(start: number, minutes: number): number {
    let remaining = minutes * MINUTE;
    if (remaining === 0) return start;
    let t = start;
    for (let steps = 0; steps < 10_000_000; steps++) {
      const next = (Math.floor(t / MINUTE) + 1) * MINUTE;
      if (isWorking(t)) {
        if (next - t >= remaining) return t + remaining;
        remaining -= next - t;
      }
      t = next;
    }
    throw new Error('oracle: no working time found');
  }

  function addWorkingDays(start: number, days: number): number {
    const receipt = local(start).toPlainDate().toString();
    // Walk forward, remembering the last working minute's end per local date.
    const lastEnd = new Map<string, number>();
    let t = Math.floor(start / MINUTE) * MINUTE;
    const horizon = start + 60 * 86_400_000;
    for (; t < horizon; t += MINUTE) {
      if (!isWorking(t)) continue;
      const date = local(t).toPlainDate().toString();
      if (date <= receipt) continue;
      lastEnd.set(date, t + MINUTE);
      const sorted = [...lastEnd.keys()].sort();
      // The n-th working day is settled once a later date has started (local dates only move forward here
      // except across a midnight fall-back, which the generator avoids for this check).
      if (sorted.length > days) return lastEnd.get(sorted[days - 1]!)!;
    }
    const sorted = [...lastEnd.keys()].sort();
    if (sorted.length >= days) return lastEnd.get(sorted[days - 1]!)!;
    throw new Error('oracle: not enough working days');
  }

  return {
    isWorking,
    localDate: (t) => local(t).toPlainDate().toString(),
    workingMsBetween,
    addWorkingMinutes,
    addWorkingDays,
  };
}
