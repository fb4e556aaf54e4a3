export { compileCalendar, formatDay } from './calendar';
export type {
  BusinessCalendar,
  CalendarSpan,
  CalendarSpec,
  CompiledCalendar,
  SkipReason,
  Weekday,
  WorkingInterval,
} from './calendar-types';
export { WEEKDAYS } from './calendar-types';
export * from './clock-api';
