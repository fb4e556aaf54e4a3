/**
 * The app clock as React state. A zustand store holds "now" (epoch ms): it changes on every move of the clock
 * (time travel) and, while the clock runs, once a second. Components subscribe at the granularity they show,
 * so a minute display re-renders once a minute and every countdown re-renders the moment the clock jumps.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StartedBehind, TravelClock } from './app-clock';

export interface ClockState {
  nowMs: number;
  /** Bumped on every move (not on ticks): lets views tell a jump from the passing of time. */
  moves: number;
  /** Whether the clock shows this computer's time, unmoved. */
  realTime: boolean;
  frozen: boolean;
  /** Why time travel is off (synced with a team server), else null. */
  travelOff: string | null;
  /** `?now=` was earlier than the store's latest change (the clock was moved up to it), else null. */
  startedBehind: StartedBehind | null;
}

export interface AppClock {
  clock: TravelClock;
  store: StoreApi<ClockState>;
  dispose(): void;
}

const TICK_MS = 1000;

export function createAppClock(clock: TravelClock): AppClock {
  const read = () => ({
    nowMs: clock.now().getTime(),
    realTime: clock.realTime,
    frozen: clock.frozen,
    travelOff: clock.travelOff,
    startedBehind: clock.startedBehind,
  });
  const store = createStore<ClockState>(() => ({ ...read(), moves: 0 }));

  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = () => {
    clearTimeout(timer);
    timer = undefined;
    if (clock.frozen) return;
    const nowMs = clock.now().getTime();
    store.setState({ nowMs });
    // Land just after each whole second, so displays of seconds change together.
    timer = setTimeout(tick, TICK_MS - (nowMs % TICK_MS) + 5);
  };
  const unsubscribe = clock.subscribe(() => {
    store.setState((s) => ({ ...read(), moves: s.moves + 1 }));
    // A move may have turned a stopped clock into a running one (back to real time).
    if (timer === undefined) tick();
  });
  tick();

  return {
    clock,
    store,
    dispose() {
      clearTimeout(timer);
      unsubscribe();
    },
  };
}
