export {
  type Clock,
  type ClockListener,
  type CreateClockOptions,
  clockFromEnv,
  createClock,
  type MovableClock,
  systemClock,
} from './clock';
export { formatInstant, instantMs, parseInstant, toInstant } from './instant';
