// The case store the app has open: which desk, live reads, who may see what, changes in words, outbox, sync, problems.
export { actorFor } from './actor';
export {
  CaseStoreProvider,
  type SeedProgress,
  STANDALONE_STORE,
  useActorId,
  useCaseSearch,
  useCaseStore,
  useCloseStore,
  useSearchIndexing,
  useSeeding,
  useStoreTarget,
} from './case-store';
export { type ChangeFailure, type ChangeOutcome, useChange } from './changes';
export { useDeskTimeZone } from './desk-time-zone';
export { hasStandaloneStore, removeLocalStore } from './local-stores';
export { useOutboxCount } from './outbox';
export { onTablesChanged, useStoreQuery } from './store-query';
export { useProblemActions, useSyncProblems } from './sync-problems';
export {
  describeLastSynced,
  type SyncMode,
  startSyncStatus,
  useSyncEngine,
  useSyncService,
  useSyncStatus,
} from './sync-status';
export { describeChange } from './sync-words';
