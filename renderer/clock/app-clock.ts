/**
 * The app clock: one movable clock (shared/time) for every deadline, countdown and mutation timestamp in the
 * renderer. `?now=<ISO instant>` starts it there, standing still (`&clock=running` lets it tick on), so a
 * trainer or a test sees the same instant every time; without it the clock follows the device and can still
 * be moved. Every move is written back into `?now=`, so a reload keeps the travelled time.
 */
import { createClock, type MovableClock } from '../../shared/time';
import { type AppClock, createAppClock } from './clock-store';

/** The app clock: a movable clock that also knows whether it is the real time, and can go back to it. */
export interface TravelClock extends MovableClock {
  /** True while it follows this computer's time unmoved (or, synced with a server, the server's time). */
  readonly realTime: boolean;
  /** Follow this computer's time again (running, whatever the clock was before). */
  backToRealTime(): void;
  /**
   * Synced with a desk server: follow the real time corrected by the server's clock offset (server minus this
   * computer, in ms), and refuse time travel from now on, since every change is stamped with this clock.
   */
  followServer(offsetMs: number): void;
  /** Why time travel is off (synced with a server), or null while it is allowed. */
  readonly travelOff: string | null;
  /**
   * The store's latest change (epoch ms): moves earlier than it are refused (TravelBeforeStoreError), since the
   * desk would show cases with their future already in them. Raised as the store changes; null while unknown.
   */
  readonly earliest: number | null;
  /** Refuse moves before `ms` from now on (the store's latest change); never lowers it. */
  holdAfter(ms: number): void;
  /**
   * At start: a `?now=` earlier than the store's latest change moves the clock up to that change and is kept
   * in `startedBehind`, so the app can say so and offer a fresh demo desk at the asked instant.
   */
  catchUpWithStore(latestMs: number): void;
  readonly startedBehind: StartedBehind | null;
}

/** `?now=` asked for `askedMs`, but the store already had a change at `latestMs`. */
export interface StartedBehind {
  askedMs: number;
  latestMs: number;
}

/** A move to before the store's latest change, refused. */
export class TravelBeforeStoreError extends Error {
  constructor(
    readonly askedMs: number,
    readonly latestMs: number,
  ) {
    super(
      `The clock cannot go back to ${new Date(askedMs).toISOString()}: this desk already has changes at ${new Date(latestMs).toISOString()}.`,
    );
    this.name = 'TravelBeforeStoreError';
  }
}

export const TRAVEL_OFF_WHILE_SYNCING =
  "Time travel is off while this desk syncs with a team server: every change is stamped with the real time, set by the server's clock.";

export function createTravelClock(start: MovableClock | null): TravelClock {
  let inner = start ?? createClock();
  let realTime = start === null;
  let travelOff: string | null = null;
  let earliest: number | null = null;
  let startedBehind: StartedBehind | null = null;
  const listeners = new Set<(now: Date) => void>();
  const notify = (now: Date) => {
    for (const listener of [...listeners]) listener(now);
  };
  let detach = inner.subscribe((now) => {
    realTime = false;
    notify(now);
  });
  const follow = (source: () => number) => {
    detach();
    inner = createClock({ source });
    detach = inner.subscribe((now) => {
      realTime = false;
      notify(now);
    });
    realTime = true;
    notify(inner.now());
  };
  const refuseTravel = () => {
    if (travelOff !== null) throw new Error(travelOff);
  };
  const refuseBeforeStore = (ms: number) => {
    if (earliest !== null && ms < earliest) throw new TravelBeforeStoreError(ms, earliest);
  };

  return {
    get frozen() {
      return inner.frozen;
    },
    get realTime() {
      return realTime;
    },
    get travelOff() {
      return travelOff;
    },
    get earliest() {
      return earliest;
    },
    get startedBehind() {
      return startedBehind;
    },
    now: () => inner.now(),
    set: (instant) => {
      refuseTravel();
      refuseBeforeStore(typeof instant === 'string' ? Date.parse(instant) : instant.getTime());
      inner.set(instant);
    },
    advance: (ms) => {
      refuseTravel();
      refuseBeforeStore(inner.now().getTime() + ms);
      inner.advance(ms);
    },
    holdAfter(ms) {
      if (earliest === null || ms > earliest) earliest = ms;
    },
    catchUpWithStore(latestMs) {
      const askedMs = inner.now().getTime();
      if (earliest === null || latestMs > earliest) earliest = latestMs;
      if (realTime || travelOff !== null || askedMs >= latestMs) return;
      startedBehind = { askedMs, latestMs };
      inner.set(new Date(latestMs));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    backToRealTime() {
      refuseTravel();
      refuseBeforeStore(Date.now());
      follow(Date.now);
    },
    followServer(offsetMs) {
      travelOff = TRAVEL_OFF_WHILE_SYNCING;
      follow(() => Date.now() + offsetMs);
    },
  };
}

export interface AppClockSetup {
  clock: TravelClock;
  /** Why `?now=` was ignored, for the person to see; null when it was fine or absent. */
  problem: string | null;
}

export function clockFromQuery(search: string): AppClockSetup {
  const params = new URLSearchParams(search);
  const now = params.get('now')?.trim();
  const running = params.get('clock') === 'running';
  if (!now) return { clock: createTravelClock(null), problem: null };
  try {
    return { clock: createTravelClock(createClock({ now, frozen: !running })), problem: null };
  } catch {
    return {
      clock: createTravelClock(null),
      problem: `?now=${now} is not an ISO 8601 instant with a zone (for example 2026-03-02T09:30:00Z); the app clock follows this computer instead.`,
    };
  }
}

/** Mirrors the clock into the address bar after each move (replaceState: no history entry per jump). */
export function keepClockInUrl(
  clock: TravelClock,
  place: Pick<Window, 'location' | 'history'> = window,
): () => void {
  return clock.subscribe((now) => {
    const url = new URL(place.location.href);
    if (clock.realTime) {
      url.searchParams.delete('now');
      url.searchParams.delete('clock');
    } else {
      url.searchParams.set('now', now.toISOString());
      if (clock.frozen) url.searchParams.delete('clock');
      else url.searchParams.set('clock', 'running');
    }
    place.history.replaceState(place.history.state, '', url.href);
  });
}

let instance: (AppClock & { problem: string | null }) | null = null;

/**
 * The renderer's one app clock, made on first use from the page's address. React code reads it through
 * `useNow`/`useClock`; code outside React (mutations stamping `createdAt`, the store's due-date index) calls
 * `getAppClock().clock.now()`.
 */
export function getAppClock(): AppClock & { problem: string | null } {
  if (!instance) {
    const { clock, problem } = clockFromQuery(window.location.search);
    keepClockInUrl(clock);
    instance = Object.assign(createAppClock(clock), { problem });
  }
  return instance;
}
