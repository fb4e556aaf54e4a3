export { dueJobRuns, type JobRun, type JobSchedule } from './jobs';
export { compileLadder, type DueStep, evaluateLadder, type LadderResult } from './ladder';
export { type LocalRecurrence, localRecurrence } from './recurrence';
export * from './schema';
