import type { CompiledCalendar } from '../sla/calendar-types';
import { nextWorkingInstant } from '../sla/duration';
import { localRecurrence } from './recurrence';
import type { ScheduledJob } from './schema';

export interface JobRun {
  /** `${jobId}:${local time of the occurrence}`: every desktop derives the same id, so the job runs once. */
  id: string;
  jobId: string;
  /** The occurrence this run stands for (the latest one due), after any move to working time. */
  scheduledAt: Date;
  /** How many occurrences fell due since the last run (above 1: missed ones, folded into this run). */
  occurrences: number;
}

export interface JobSchedule {
  /** The run to do now, or null when nothing fell due since `lastRunAt`. */
  run: JobRun | null;
  /** When the next occurrence falls due, or null when the rule has ended. */
  nextAt: Date | null;
}

/**
 * What a desk-wide job owes at `now`, given when it last ran. Missed occurrences (the app was
 * closed over a weekend, or for a month) produce one run, not one per missed date: a report is
 * about the present. `calendar` supplies the zone when the job names none, and working time for
 * jobs that move off holidays.
 */
export function dueJobRuns(
  job: ScheduledJob,
  lastRunAt: Date | null,
  now: Date,
  calendar?: CompiledCalendar,
): JobSchedule {
  const timeZone = job.timeZone ?? calendar?.spec.timeZone;
  if (timeZone === undefined) throw new RangeError(`Job "${job.id}" needs a time zone or a calendar.`);
  const moves = job.onNonWorkingTime === 'next-working-time';
  if (moves && calendar === undefined) {
    throw new RangeError(`Job "${job.id}" moves off non-working time, so it needs the desk calendar.`);
  }
  const recurrence = localRecurrence(job.rrule, job.dtstart, timeZone);
  const effective = (occurrence: number): number =>
    moves ? nextWorkingInstant(calendar!, occurrence) : occurrence;
  const nowMs = now.getTime();
  const since = lastRunAt === null ? Number.NEGATIVE_INFINITY : lastRunAt.getTime();

  // The latest occurrence whose (possibly moved) time has come.
  let latest = recurrence.atOrBefore(nowMs);
  while (!Number.isNaN(latest) && effective(latest) > nowMs) latest = recurrence.atOrBefore(latest - 1);
  const following = Number.isNaN(latest)
    ? recurrence.after(Number.NEGATIVE_INFINITY)
    : recurrence.after(latest);
  const nextAt = Number.isNaN(following) ? null : new Date(effective(following));

  if (Number.isNaN(latest) || effective(latest) <= since) return { run: null, nextAt };
  // Occurrences after the last run, plus any at or before it that were moved past it.
  let occurrences = recurrence.countBetween(since, latest);
  for (let t = recurrence.atOrBefore(since); moves && !Number.isNaN(t) && effective(t) > since; ) {
    occurrences++;
    t = recurrence.atOrBefore(t - 1);
  }
  return {
    run: {
      id: `${job.id}:${recurrence.localTime(latest)}`,
      jobId: job.id,
      scheduledAt: new Date(effective(latest)),
      occurrences,
    },
    nextAt,
  };
}
