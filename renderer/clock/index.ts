// The app clock every countdown and timestamp reads, and time travel's state: where it stands, how it moves.
export {
  clockFromQuery,
  getAppClock,
  keepClockInUrl,
  type StartedBehind,
  TravelBeforeStoreError,
  type TravelClock,
} from './app-clock';
export {
  ClockProvider,
  useClock,
  useClockMode,
  useClockMoves,
  useNow,
  useStartedBehind,
} from './ClockProvider';
export { type AppClock, createAppClock } from './clock-store';
export { formatClock } from './format';
export { nextWorkingDay } from './travel';
