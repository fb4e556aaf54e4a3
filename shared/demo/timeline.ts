import type { CaseEvent } from '../domain';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** 1970-01-01 was a Thursday: day 0 is weekday 4 (0 = Sunday). */
function weekday(ms: number): number {
  return (Math.floor(ms / DAY) + 4) % 7;
}

export function isWeekend(ms: number): boolean {
  const day = weekday(ms);
  return day === 0 || day === 6;
}

/**
 * The next moment an agent would plausibly act: inside 08:00–18:00 on a weekday (UTC, close enough to London
 * for demo data), keeping the minutes so actions don't all land on the hour.
 */
export function workingMoment(ms: number): number {
  let t = ms;
  const hour = Math.floor((t % DAY) / HOUR);
  if (hour < 8) t = t - (t % DAY) + 8 * HOUR + (t % HOUR);
  else if (hour >= 18) t = t - (t % DAY) + DAY + 8 * HOUR + (t % HOUR);
  while (isWeekend(t)) t += DAY;
  return t;
}

export type EventBody = CaseEvent extends infer E
  ? E extends CaseEvent
    ? Omit<E, 'id' | 'caseId' | 'at' | 'actorId'>
    : never
  : never;

export interface Timeline {
  readonly events: CaseEvent[];
  /** Records the step at `ms` (or just after the previous one) if it has happened by now. */
  add(ms: number, actorId: string | null, body: EventBody): boolean;
  /** When the last recorded step happened. */
  last(): number;
  /** Whether the story has reached the present: every later step is dropped. */
  ended(): boolean;
}

/**
 * A case's history written forward in time. Nothing after `now` happens: the first step that would lands the
 * timeline in the present, so the case's status is whatever it had reached by then.
 */
export function timeline(caseId: string, now: number, start: number): Timeline {
  const events: CaseEvent[] = [];
  let last = start;
  let ended = false;
  return {
    events,
    add(ms, actorId, body) {
      if (ended) return false;
      // Whole seconds: nobody reads milliseconds on a timeline.
      const at = Math.max(ms - (ms % 1000), last);
      if (at > now) {
        ended = true;
        return false;
      }
      last = at;
      // The body is one member of the union minus the common fields; TS can't see that adding them back
      // gives that member again.
      const event = body as CaseEvent;
      event.id = `${caseId}-${events.length + 1}`;
      event.caseId = caseId;
      event.at = isoInstant(at);
      event.actorId = actorId;
      events.push(event);
      return true;
    },
    last: () => last,
    ended: () => ended,
  };
}

const dayPrefixes = new Map<number, string>();
let clockFaces: string[] | null = null;

/**
 * `new Date(ms).toISOString()` for whole seconds, without a Date: the demo formats millions of instants, so the
 * day's prefix is cached and the time of day comes from a table of its 86,400 faces.
 */
export function isoInstant(ms: number): string {
  const day = Math.floor(ms / DAY);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  clockFaces ??= Array.from({ length: 86_400 }, (_, s) => new Date(s * 1000).toISOString().slice(11));
  return prefix + clockFaces[Math.floor((ms - day * DAY) / 1000)];
}
