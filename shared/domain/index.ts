export * from './case';
export * from './events';
export { applyCaseEvent } from './reduce';
export * from './vocabulary';
