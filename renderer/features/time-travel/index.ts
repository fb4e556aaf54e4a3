export { clockFromQuery, getAppClock, keepClockInUrl, type TravelClock } from './app-clock';
export { ClockProvider, useClock, useClockMode, useClockMoves, useNow } from './ClockProvider';
export { type AppClock, createAppClock } from './clock-store';
export { formatClock } from './format';
export { TimeTravelControl } from './TimeTravelControl';
export { nextWorkingDay } from './travel';
