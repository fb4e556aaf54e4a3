import { RRule } from '../sla/rrule';
import { zoneTable } from '../sla/zone';

/*
 * RRULE occurrences as real instants. rrule computes in "floating UTC" (a Date whose UTC fields
 * are the local wall clock), so occurrences are expanded on the wall-clock axis and each one is
 * converted with the zone's real offsets: 09:00 stays 09:00 local across DST changes.
 */

const DAY = 86_400_000;
const CHUNK = 366 * DAY;
/** Beyond this an endless rule is treated as having no further occurrence (a bound on work). */
const HORIZON = 200 * 366 * DAY;

export interface LocalRecurrence {
  /** The first occurrence strictly after `t`, or NaN. */
  after(t: number): number;
  /** The last occurrence at or before `t`, or NaN. */
  atOrBefore(t: number): number;
  /** How many occurrences fall in (from, to]. */
  countBetween(from: number, to: number): number;
  /** The local wall clock of an instant in this zone, "YYYY-MM-DDTHH:MM". */
  localTime(t: number): string;
}

const cache = new Map<string, LocalRecurrence>();

/** Occurrences of `rrule` starting at the local `dtstart` ("YYYY-MM-DDTHH:MM") in `timeZone`. */
export function localRecurrence(rrule: string, dtstart: string, timeZone: string): LocalRecurrence {
  const key = `${timeZone}|${dtstart}|${rrule}`;
  let recurrence = cache.get(key);
  if (!recurrence) {
    recurrence = createRecurrence(rrule, dtstart, timeZone);
    cache.set(key, recurrence);
  }
  return recurrence;
}

function createRecurrence(body: string, dtstart: string, timeZone: string): LocalRecurrence {
  const zone = zoneTable(timeZone);
  const startWall = Date.parse(`${dtstart}:00Z`);
  if (Number.isNaN(startWall))
    throw new RangeError(`dtstart "${dtstart}" must be a local "YYYY-MM-DDTHH:MM".`);
  const rule = new RRule({
    ...RRule.parseString(body.replace(/^RRULE:/i, '').trim()),
    dtstart: new Date(startWall),
    tzid: null,
  });
  const instants: number[] = [];
  let coveredWall = startWall;
  let exhausted = false;

  /** Expands until occurrences are known for every wall time up to `wall`. */
  function cover(wall: number): void {
    while (!exhausted && coveredWall <= wall) {
      const hi = coveredWall + CHUNK;
      for (const occurrence of rule.between(new Date(coveredWall), new Date(hi - 1), true)) {
        const instant = zone.wallToInstant(occurrence.getTime());
        if (instants.length === 0 || instant > instants[instants.length - 1]!) instants.push(instant);
      }
      coveredWall = hi;
      if (hi - startWall > HORIZON || rule.after(new Date(hi - 1), false) === null) exhausted = true;
    }
  }

  const wallOf = (t: number): number => t + zone.offsetAt(t);

  /** Index of the first known occurrence > t (covering past t first). */
  function firstAfter(t: number): number {
    if (t === Number.NEGATIVE_INFINITY) {
      cover(startWall);
      return 0;
    }
    if (t === Number.POSITIVE_INFINITY) {
      cover(startWall + HORIZON);
      return instants.length;
    }
    cover(wallOf(t) + 2 * DAY);
    let lo = 0;
    let hi = instants.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (instants[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  return {
    after(t) {
      let i = firstAfter(t);
      while (i === instants.length && !exhausted) {
        cover(coveredWall);
        i = firstAfter(t);
      }
      return i < instants.length ? instants[i]! : Number.NaN;
    },
    atOrBefore(t) {
      const i = firstAfter(t);
      return i > 0 ? instants[i - 1]! : Number.NaN;
    },
    countBetween(from, to) {
      if (to <= from) return 0;
      return firstAfter(to) - firstAfter(from);
    },
    localTime(t) {
      return new Date(wallOf(t)).toISOString().slice(0, 16);
    },
  };
}
