import { Temporal } from 'temporal-polyfill';

/**
 * UTC-offset history of one IANA zone as a sorted table of transitions, so the hot path
 * (offset of an instant) is a binary search instead of a Temporal call.
 */
export interface ZoneTable {
  readonly timeZone: string;
  /** Offset (ms) in force at instant t. */
  offsetAt(t: number): number;
  /** Constant-offset segments overlapping [lo, hi), clipped to it. */
  segments(lo: number, hi: number): { start: number; end: number; offset: number }[];
  /** The instant of a local wall-clock time (ms on the floating UTC axis); gaps resolve forward, repeats to the earlier. */
  wallToInstant(wall: number): number;
}

const DAY = 86_400_000;
const YEAR = 366 * DAY;
const tables = new Map<string, ZoneTable>();

export function zoneTable(timeZone: string): ZoneTable {
  let table = tables.get(timeZone);
  if (!table) {
    table = createZoneTable(timeZone);
    tables.set(timeZone, table);
  }
  return table;
}

/** Throws a RangeError naming the zone when it is not a valid IANA zone. */
export function assertTimeZone(timeZone: string): void {
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
  } catch {
    throw new RangeError(`Unknown time zone "${timeZone}": use an IANA zone such as "Europe/London".`);
  }
}

function createZoneTable(timeZone: string): ZoneTable {
  assertTimeZone(timeZone);
  // Transition instants (ascending) and the offset in force from each; starts[0] is -Infinity.
  let starts: number[] = [];
  let offsets: number[] = [];
  let coveredLo = 0;
  let coveredHi = 0;

  const offsetOf = (ms: number): number =>
    Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone).offsetNanoseconds / 1e6;

  function build(lo: number, hi: number): void {
    const newStarts = [Number.NEGATIVE_INFINITY];
    const newOffsets = [offsetOf(lo)];
    let zdt: Temporal.ZonedDateTime | null =
      Temporal.Instant.fromEpochMilliseconds(lo).toZonedDateTimeISO(timeZone);
    for (;;) {
      zdt = zdt.getTimeZoneTransition('next');
      if (!zdt || zdt.epochMilliseconds >= hi) break;
      newStarts.push(zdt.epochMilliseconds);
      newOffsets.push(zdt.offsetNanoseconds / 1e6);
    }
    starts = newStarts;
    offsets = newOffsets;
    coveredLo = lo;
    coveredHi = hi;
  }

  function ensure(lo: number, hi: number): void {
    if (starts.length > 0 && lo >= coveredLo && hi <= coveredHi) return;
    const from = starts.length === 0 ? lo - 2 * YEAR : Math.min(coveredLo, lo - 2 * YEAR);
    const to = starts.length === 0 ? hi + 4 * YEAR : Math.max(coveredHi, hi + 4 * YEAR);
    build(from, to);
  }

  /** Index of the segment holding t (t must be covered). */
  function indexAt(t: number): number {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  function offsetAt(t: number): number {
    if (t < coveredLo || t >= coveredHi || starts.length === 0) ensure(t, t + 1);
    return offsets[indexAt(t)]!;
  }

  function segments(lo: number, hi: number): { start: number; end: number; offset: number }[] {
    ensure(lo, hi);
    const out: { start: number; end: number; offset: number }[] = [];
    for (let i = indexAt(lo); i < starts.length; i++) {
      const start = Math.max(lo, starts[i]!);
      if (start >= hi) break;
      const end = Math.min(hi, i + 1 < starts.length ? starts[i + 1]! : Number.POSITIVE_INFINITY);
      if (end > start) out.push({ start, end, offset: offsets[i]! });
    }
    return out;
  }

  function wallToInstant(wall: number): number {
    const early = offsetAt(wall - DAY);
    const late = offsetAt(wall + DAY);
    const a = wall - early;
    const b = wall - late;
    const aValid = a + offsetAt(a) === wall;
    const bValid = b + offsetAt(b) === wall;
    if (aValid && bValid) return Math.min(a, b);
    if (aValid) return a;
    if (bValid) return b;
    // In a gap (clocks went forward): read the wall time with the offset before the change.
    return a;
  }

  return { timeZone, offsetAt, segments, wallToInstant };
}
