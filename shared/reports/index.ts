export * from './board';
export * from './board-view';
export * from './complaints-register';
export * from './compliance';
export * from './evidence';
export * from './history';
export * from './model';
export * from './outstanding';
