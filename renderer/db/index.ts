export { StoreError, type StoreProblem, toStoreError } from './errors';
export { applyChanges, type MutationResult, readRows, replayMutation, runMutation } from './mutate';
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
  createDeskDb,
  DB_VERSION,
  type DeskDb,
  fromCaseRow,
  type MetaRow,
  SCHEMA_VERSIONS,
  type SchemaVersion,
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
export {
  type SaveSettingsOptions,
  SettingsConflictError,
  saveCalendar,
  savePolicy,
} from './settings-rows';
export { keepSlaCurrent, type RecomputeOptions, recomputeSla } from './sla';
export {
  type CaseStore,
  type CommittedChange,
  DEFAULT_DB_NAME,
  type OpenStoreOptions,
  onCommitted,
  openCaseStore,
  type PersistenceOutcome,
  reloadPolicies,
  requestPersistentStorage,
} from './store';
export { timelineOf, timelinesOf } from './timelines';
export { DEFAULT_SAVED_VIEWS } from './views';
