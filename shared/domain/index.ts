export { buildCase, type HistoryBuilder, historyOf } from './builders';
export * from './case';
export * from './events';
export { applyCaseEvent, applyCaseEventInPlace } from './reduce';
export * from './vocabulary';
