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
export {
  DEFAULT_DESK_TIME_ZONE,
  deviceTimeZone,
  formatDeskTime,
  formatForRequester,
  formatInZone,
  sameTimeZone,
  type TimeStyle,
  zoneName,
  zoneSuffix,
} from './format';
