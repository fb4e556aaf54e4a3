// The local case store in IndexedDB (Dexie): its schema and upgrades, reads for views, changes through the
// mutators with their outbox, pulls from the desk server, seeding the demo desk, imports and exports.
export {
  type ExportOptions,
  exportForImport,
  type ImportState,
  importStateOf,
  type QueueImportOptions,
  queueImport,
} from './connect';
export { StoreError, type StoreProblem, toStoreError } from './errors';
export { type MutationResult, type RunMutationOptions, readRows, runMutation } from './mutate';
export { onCasesWritten } from './observe';
export {
  PULL_REFUSED,
  problemId,
  recordConflict,
  recordRefused,
  recordRejection,
  settleProblems,
} from './problems';
export { applyPull, type PullApplied } from './pull';
export { OBSERVED_WRITE, putCases } from './put-cases';
export {
  type CasePage,
  type CaseWithTimeline,
  caseIdsForView,
  casesForView,
  caseWithTimeline,
  countsForViews,
  matches,
  openCasesByUrgency,
  type Page,
  savedViewsFor,
} from './queries';
export {
  type CaseRow,
  caseWithSla,
  createDeskDb,
  DB_VERSION,
  type DeskDb,
  fromCaseRow,
  type MetaRow,
  SCHEMA_VERSIONS,
  type SchemaVersion,
  type ShadowRow,
  type SyncProblem,
  sortKeyOf,
  toCaseRow,
  urgencyOf,
} from './schema';
export {
  DEFAULT_DEMO_CASES,
  type DemoRequest,
  demoRequest,
  MAX_DEMO_CASES,
  type SeedOptions,
  seedIfEmpty,
} from './seed';
export { type SaveSettingsOptions, saveCalendar, savePolicy } from './settings-rows';
export { keepSlaCurrent, type RecomputeOptions, recomputeSla } from './sla';
export {
  type CaseStore,
  type CommittedChange,
  DEFAULT_DB_NAME,
  META,
  type OpenStoreOptions,
  onCommitted,
  openCaseStore,
  type PersistenceOutcome,
  reloadPolicies,
  requestPersistentStorage,
  type SyncMeta,
  syncMetaOf,
} from './store';
export { timelineOf, timelinesOf } from './timelines';
export { DEFAULT_SAVED_VIEWS } from './views';
