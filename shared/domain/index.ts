export { buildCase, type HistoryBuilder, historyOf } from './builders';
export * from './case';
export * from './events';
export { applyCaseEvent } from './reduce';
export * from './vocabulary';
