/**
 * "Days open" in the query ladder's own unit, so the board's ageing buckets and the reports' ages agree with
 * the ladder: a query is "7 days open" exactly when its day-7 step (the manager's) has fallen due. With the
 * default working days, day N ends at close of business of the Nth working day after the day of logging on
 * the desk calendar; with calendar days, at the same local time N days later. See docs/decisions.md.
 */
import type { EscalationRule } from '../escalation/schema';
import type { CompiledCalendar } from '../sla/calendar-types';
import { addCalendarDaysMs, addWorkingDaysMs } from '../sla/duration';
import { DAY_MS } from './model';

export type AgeUnit = 'working-days' | 'calendar-days';

/** How ages are counted: a unit on a calendar, or (no calendar known) elapsed 24-hour days. */
export interface AgeCounting {
  unit: AgeUnit;
  calendar: CompiledCalendar | null;
}

/** Elapsed 24-hour days: only where no desk calendar is known (tests, an empty store). */
export const ELAPSED_DAYS: AgeCounting = { unit: 'calendar-days', calendar: null };

/** The policy fields the desk's counting is read from. */
export interface AgePolicy {
  caseKind: string;
  calendarId: string;
  ladder: readonly Pick<EscalationRule, 'when'>[];
}

/**
 * The desk's counting: the unit of the query policy's day steps ("day 2 / 4 / 7 / 14 after logging") on that
 * policy's calendar. Working days when the ladder says nothing in days.
 */
export function deskAgeCounting(
  policies: readonly AgePolicy[],
  calendar: (id: string) => CompiledCalendar | null,
): AgeCounting {
  const policy = policies.find((p) => p.caseKind === 'query');
  if (policy === undefined) return ELAPSED_DAYS;
  let unit: AgeUnit = 'working-days';
  for (const rule of policy.ladder) {
    const { when } = rule;
    if (when.anchor !== 'logged') continue;
    if (when.after.unit === 'working-days' || when.after.unit === 'calendar-days') {
      unit = when.after.unit;
      break;
    }
  }
  return { unit, calendar: calendar(policy.calendarId) };
}

/** The instant a case received at `receivedMs` becomes `days` days open (day N of the ladder). */
export function dayMark(counting: AgeCounting, receivedMs: number, days: number): number {
  if (days <= 0) return receivedMs;
  const { calendar } = counting;
  if (calendar === null) return receivedMs + days * DAY_MS;
  return counting.unit === 'working-days'
    ? addWorkingDaysMs(calendar, receivedMs, days)
    : addCalendarDaysMs(calendar, receivedMs, days);
}

/** Whole days open at `nowMs`: the largest N whose day-N mark has come (0 before day 1 ends). */
export function daysOpen(counting: AgeCounting, receivedMs: number, nowMs: number): number {
  if (counting.calendar === null) return Math.max(0, Math.floor((nowMs - receivedMs) / DAY_MS));
  if (dayMark(counting, receivedMs, 1) > nowMs) return 0;
  // Gallop to a day not yet reached, then bisect: a few calendar lookups even for a year-old case.
  let reached = 1;
  let step = 1;
  while (dayMark(counting, receivedMs, reached + step) <= nowMs) {
    reached += step;
    step *= 2;
  }
  let notReached = reached + step;
  while (notReached - reached > 1) {
    const middle = Math.floor((reached + notReached) / 2);
    if (dayMark(counting, receivedMs, middle) <= nowMs) reached = middle;
    else notReached = middle;
  }
  return reached;
}

/** The column heading that says how days are counted ("Working days open"), from `ageUnitWords`. */
export function daysOpenHeading(unitWords: string): string {
  const heading = `${unitWords} open`;
  return heading.charAt(0).toUpperCase() + heading.slice(1);
}

/** The unit in words, for notes and sentences ("working days"). */
export function ageUnitWords(counting: AgeCounting): string {
  return counting.unit === 'working-days' && counting.calendar !== null ? 'working days' : 'days';
}
