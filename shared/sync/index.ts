export * from './case-actions';
export * from './case-events';
export * from './case-links';
export * from './correspondence';
export * from './create-case';
export * from './default-views';
export {
  defineMutator,
  type MutationRows,
  type Mutator,
  type ReadSet,
  type RowsByTable,
  refKey,
} from './define';
export * from './directory';
export * from './errors';
export * from './escalation-steps';
export * from './import-rows';
export * from './intake';
export * from './mutation';
export * from './permissions';
export * from './protocol';
export * from './registry';
export * from './report-mail';
export * from './rows';
export * from './same-row';
export * from './saved-views';
export * from './settings';
export * from './sla-summary';
export * from './transport';
