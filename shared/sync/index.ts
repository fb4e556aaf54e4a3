export * from './case-actions';
export * from './case-links';
export * from './create-case';
export {
  defineMutator,
  type MutationRows,
  type Mutator,
  type ReadSet,
  refKey,
} from './define';
export * from './errors';
export * from './escalation-steps';
export * from './intake';
export * from './mutation';
export * from './protocol';
export * from './registry';
export * from './report-mail';
export * from './rows';
export * from './transport';
export * from './sla-summary';
