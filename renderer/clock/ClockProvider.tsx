import { createContext, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import type { StartedBehind, TravelClock } from './app-clock';
import type { AppClock } from './clock-store';

const ClockContext = createContext<AppClock | null>(null);

export function ClockProvider({ value, children }: { value: AppClock; children: ReactNode }) {
  return <ClockContext.Provider value={value}>{children}</ClockContext.Provider>;
}

function useAppClockContext(): AppClock {
  const context = useContext(ClockContext);
  if (!context) throw new Error('useNow/useClock need a <ClockProvider> above them.');
  return context;
}

/** The movable clock itself: read `now()` in handlers, `set`/`advance` to travel. */
export function useClock(): TravelClock {
  return useAppClockContext().clock;
}

/** Whether the clock shows the real time unmoved, whether it stands still, and why travel is off (if it is). */
export function useClockMode(): { realTime: boolean; frozen: boolean; travelOff: string | null } {
  const { store } = useAppClockContext();
  const realTime = useStore(store, (s) => s.realTime);
  const frozen = useStore(store, (s) => s.frozen);
  const travelOff = useStore(store, (s) => s.travelOff);
  return { realTime, frozen, travelOff };
}

/**
 * The app's "now", re-rendering when it changes at `granularityMs` (1000: every second; 60_000: every minute)
 * and whenever the clock is moved. The value is floored to the granularity.
 */
export function useNow(granularityMs = 1000): Date {
  const { store } = useAppClockContext();
  const bucket = useStore(store, (s) => Math.floor(s.nowMs / granularityMs));
  return new Date(bucket * granularityMs);
}

/** How many times the clock has been moved: a dependency for effects that must re-run after a jump. */
export function useClockMoves(): number {
  return useStore(useAppClockContext().store, (s) => s.moves);
}

/** Set when `?now=` was earlier than the store's latest change (the clock was moved up to that change). */
export function useStartedBehind(): StartedBehind | null {
  return useStore(useAppClockContext().store, (s) => s.startedBehind);
}
