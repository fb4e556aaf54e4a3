import { toInstant } from './instant';

/** The one source of "now": every deadline, countdown and escalation reads it. */
export interface Clock {
  now(): Date;
}

export type ClockListener = (now: Date) => void;

/** A clock that tests, the demo and the time-travel control can set and move. */
export interface MovableClock extends Clock {
  /** Jumps to an instant (frozen clocks stay there; running clocks keep ticking from it). */
  set(instant: Date | string): void;
  /** Moves by `ms` (negative moves back). */
  advance(ms: number): void;
  /** Called after every set/advance (not on natural ticking), so timers and views re-evaluate. */
  subscribe(listener: ClockListener): () => void;
  /** Whether the clock stands still between moves. */
  readonly frozen: boolean;
}

export interface CreateClockOptions {
  /** Start here; without it the clock reads the device time. */
  now?: Date | string;
  /** Stand still between moves. Defaults to true when `now` is given, false otherwise. */
  frozen?: boolean;
  /** The device time in epoch ms (injected by tests of running clocks). */
  source?: () => number;
}

export const systemClock: Clock = { now: () => new Date() };

export function createClock(options: CreateClockOptions = {}): MovableClock {
  const source = options.source ?? Date.now;
  const frozen = options.frozen ?? options.now !== undefined;
  const start = options.now === undefined ? source() : toInstant(options.now, 'clock start').getTime();
  // Frozen: `value` is the instant. Running: `value` is the offset from the device time.
  let value = frozen ? start : start - source();
  const listeners = new Set<ClockListener>();

  const read = (): number => (frozen ? value : source() + value);
  const notify = (): void => {
    const at = read();
    for (const listener of [...listeners]) listener(new Date(at));
  };

  return {
    frozen,
    now: () => new Date(read()),
    set(instant) {
      const target = toInstant(instant, 'clock instant').getTime();
      value = frozen ? target : target - source();
      notify();
    },
    advance(ms) {
      if (!Number.isFinite(ms))
        throw new RangeError(`Clock can only advance by a finite number of ms, got ${ms}.`);
      value += ms;
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/**
 * The process clock from its environment: `DESK_NOW=<ISO instant>` starts it there (frozen unless
 * `DESK_CLOCK=running`); without DESK_NOW it follows the device time and can still be moved.
 */
export function clockFromEnv(env: Record<string, string | undefined>): MovableClock {
  const mode = env.DESK_CLOCK?.trim();
  if (mode !== undefined && mode !== '' && mode !== 'frozen' && mode !== 'running') {
    throw new Error(`DESK_CLOCK must be "frozen" or "running", got "${mode}".`);
  }
  const now = env.DESK_NOW?.trim();
  if (now === undefined || now === '') return createClock({ frozen: mode === 'frozen' });
  let start: Date;
  try {
    start = toInstant(now);
  } catch {
    throw new Error(
      `DESK_NOW must be an ISO 8601 instant with a zone, e.g. DESK_NOW=2026-03-02T09:30:00Z; got "${now}".`,
    );
  }
  return createClock({ now: start, frozen: mode !== 'running' });
}
