import { applyCaseEventInPlace, type Case, type CaseEvent } from '../domain';
import type { EventContext } from '../sync/define';

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

export interface Timeline {
  /** The case as its history so far leaves it (the draft, with each event applied as it is recorded). */
  readonly case: Case;
  readonly events: CaseEvent[];
  /**
   * Records what `build` makes of the case at `ms` (or just after the previous step) if it has happened by now:
   * `build` gets the context a mutator would (when, who, the next event id) and returns this case's events.
   */
  add(ms: number, actorId: string | null, build: (ctx: EventContext, kase: Case) => CaseEvent[]): boolean;
  /** When the last recorded step happened. */
  last(): number;
  /** Whether the story has reached the present: every later step is dropped. */
  ended(): boolean;
}

/**
 * A case's history written forward in time. Nothing after `now` happens: the first step that would lands the
 * timeline in the present, so the case's status is whatever it had reached by then.
 */
export function timeline(draft: Case, now: number, start: number): Timeline {
  const events: CaseEvent[] = [];
  let last = start;
  let ended = false;
  let count = 0;
  const newId = () => `${draft.id}-${++count}`;
  return {
    case: draft,
    events,
    add(ms, actorId, build) {
      if (ended) return false;
      // Whole seconds: nobody reads milliseconds on a timeline.
      const at = Math.max(ms - (ms % 1000), last);
      if (at > now) {
        ended = true;
        return false;
      }
      last = at;
      for (const event of build({ now: isoInstant(at), actorId, newId }, draft)) {
        events.push(event);
        applyCaseEventInPlace(draft, event);
      }
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
