export {
  type Clock,
  type ClockListener,
  type CreateClockOptions,
  clockFromEnv,
  createClock,
  type MovableClock,
  systemClock,
} from './clock';
export {
  DEFAULT_DESK_TIME_ZONE,
  deviceTimeZone,
  formatDeskTime,
  formatForRequester,
  formatInZone,
  fromWallClockInput,
  sameTimeZone,
  type TimeStyle,
  toWallClockInput,
  zoneName,
  zoneSuffix,
} from './format';
export { formatInstant, instantMs, parseInstant, toInstant } from './instant';
