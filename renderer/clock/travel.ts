/** The jumps a trainer makes with the time-travel control, in the desk calendar's terms. */
import type { CompiledCalendar } from '../../shared/sla';
import { zoneTable } from '../../shared/sla/zone';

const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/**
 * The same local time on the next day that has working time (skipping weekends, holidays and whole-day
 * closures): Friday 10:00 -> Monday 10:00, and over a bank holiday Monday to Tuesday.
 */
export function nextWorkingDay(calendar: CompiledCalendar, from: Date): Date {
  const zone = zoneTable(calendar.spec.timeZone);
  for (let days = 1; days <= 366; days++) {
    const candidate = calendar.addCalendarDays(from, days);
    const t = candidate.getTime();
    const localMidnight = Math.floor((t + zone.offsetAt(t)) / DAY_MS) * DAY_MS;
    const dayStart = new Date(zone.wallToInstant(localMidnight));
    const dayEnd = new Date(zone.wallToInstant(localMidnight + DAY_MS));
    if (calendar.workingMinutesBetween(dayStart, dayEnd) > 0) return candidate;
  }
  throw new RangeError(`${calendar.spec.name} has no working day in the coming year.`);
}

/** "3 days 4 hours ahead", "25 minutes behind", or null within a minute of the real time. */
export function describeTravel(appMs: number, realMs: number): string | null {
  const delta = appMs - realMs;
  const minutes = Math.round(Math.abs(delta) / 60_000);
  if (minutes < 1) return null;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts = [
    days ? `${days} ${days === 1 ? 'day' : 'days'}` : '',
    hours ? `${hours} ${hours === 1 ? 'hour' : 'hours'}` : '',
    !days && mins ? `${mins} ${mins === 1 ? 'minute' : 'minutes'}` : '',
  ].filter(Boolean);
  return `${parts.join(' ')} ${delta > 0 ? 'ahead of' : 'behind'} real time`;
}
