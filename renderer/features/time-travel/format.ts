/** How the app writes its clock: "Mon 2 Mar 2026, 09:30" in the person's own time zone. */
const clockFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });

export function formatClock(date: Date): string {
  return clockFormat.format(date);
}

export function formatClockParts(date: Date): { day: string; time: string } {
  return { day: dayFormat.format(date), time: timeFormat.format(date) };
}

export function timeZoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
