// The app clock every countdown and timestamp reads, and time travel: moving it, its control and banner.
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
export { StartedBehindBanner } from './StartedBehindBanner';
export { TimeTravelControl } from './TimeTravelControl';
export { nextWorkingDay } from './travel';
