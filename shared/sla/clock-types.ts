import type { CaseSlaState } from '../domain/case';
import type { CaseStatus } from '../domain/vocabulary';
import type { Target, TargetKind } from './clock-schema';

/**
 * `pending`: not started yet. `running` / `at-risk` / `paused`: owed. `met`: met by the deadline.
 * `breached`: the deadline passed unmet, or it was met late (then `metAt` is set).
 * Windows (e.g. "may ask for review within 2 weeks") are `open`, `used` or `closed`, never breached.
 */
export type ClockState =
  | 'pending'
  | 'running'
  | 'at-risk'
  | 'paused'
  | 'met'
  | 'breached'
  | 'open'
  | 'used'
  | 'closed';

/** One target's clock for one case at one instant. */
export interface SlaClock {
  targetId: string;
  kind: TargetKind;
  state: ClockState;
  /** Start of the current cycle (a cadence restarts its clock), null while pending. */
  startedAt: Date | null;
  /**
   * The deadline (for a window: when it closes), extended by paused time. While paused it is
   * the deadline if the clock resumed now, so it only moves later.
   */
  dueAt: Date | null;
  /** When the clock turns at-risk; null without a warning or once met. */
  warnAt: Date | null;
  /** When the target was met (for a window: used). */
  metAt: Date | null;
  /** Time this cycle spent paused, in ms of real time. */
  pausedMs: number;
  /** Cycles started so far (0 while pending; above 1 only for cadences). */
  cycle: number;
  /** The event that started this cycle; null when receipt (or entering the initial stage) did. */
  startEventId: string | null;
}

/**
 * What the clocks need from a policy (a full shared/policies Policy is one). The escalation ladder is not the
 * clocks' business: shared/case-sla evaluates it on top of them.
 */
export interface ClockPolicy {
  id: string;
  /** Statuses that pause pausable clocks, e.g. pending-requester. */
  pauseStatuses: readonly CaseStatus[];
  targets: readonly Target[];
}

/** Every clock of a case at an instant, and what they add up to. */
export interface CaseClocks {
  clocks: SlaClock[];
  /** For indexing: breached > at-risk > on-track > paused > none, over clocks still owed. */
  state: CaseSlaState;
  /** Earliest deadline still owed, past or future: the queue's urgency order. */
  dueAt: Date | null;
  /** Earliest future instant at which any clock changes (warning, deadline, window). */
  nextDueAt: Date | null;
}
