export { dueJobRuns, type JobRun, type JobSchedule } from './jobs';
export { compileLadder, evaluateLadder } from './ladder';
export { type LocalRecurrence, localRecurrence } from './recurrence';
export * from './schema';
