import { DEFAULT_DESK_TIME_ZONE, formatDeskTime } from '../../shared/time';

/** How the app writes its clock: "Mon 2 Mar 2026, 09:30" in the desk's zone, named when not this computer's. */
export function formatClock(date: Date, timeZone = DEFAULT_DESK_TIME_ZONE): string {
  return formatDeskTime(date, timeZone, 'clock');
}
