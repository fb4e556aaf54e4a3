import type { Case } from '../domain/case';
import type { CaseEvent, CaseEventOf } from '../domain/events';
import {
  CASE_STATUSES,
  type CaseStatus,
  type EscalationLevel,
  type Priority,
  REPLY_PURPOSES,
  type ReplyPurpose,
} from '../domain/vocabulary';
import { instantMs } from '../time/instant';
import type { Trigger } from './clock-schema';

/*
 * One ordered pass over a case's history up to `now`: where the case stood, when it was paused,
 * and when each target's clock started and stopped. Written for the hot path (hundreds of
 * thousands of cases a second): numbers instead of Dates, scratch arrays reused between calls.
 */

/** Moments a trigger can name, as small integers. */
export const Moment = {
  None: 0,
  Received: 1,
  Reply: 2,
  CustomerContact: 3,
  StageEntered: 4,
  StatusEntered: 5,
  OwnerSet: 6,
} as const;
export type Moment = (typeof Moment)[keyof typeof Moment];

export interface CompiledTrigger {
  moment: Moment;
  /** Bit per reply purpose; 0 means any. */
  purposes: number;
  /** Stage the moment must happen in (or enter); null means any. */
  stage: string | null;
  /** Bit per status (status-entered only). */
  statuses: number;
}

export function statusBit(status: CaseStatus): number {
  return 1 << CASE_STATUSES.indexOf(status);
}

export function statusMask(statuses: readonly CaseStatus[]): number {
  let mask = 0;
  for (const status of statuses) mask |= statusBit(status);
  return mask;
}

function purposeBit(purpose: ReplyPurpose): number {
  return 1 << REPLY_PURPOSES.indexOf(purpose);
}

export function compileTrigger(trigger: Trigger): CompiledTrigger {
  switch (trigger.on) {
    case 'received':
      return { moment: Moment.Received, purposes: 0, stage: null, statuses: 0 };
    case 'reply': {
      let purposes = 0;
      for (const purpose of trigger.purposes ?? []) purposes |= purposeBit(purpose);
      return { moment: Moment.Reply, purposes, stage: trigger.stage ?? null, statuses: 0 };
    }
    case 'customer-contact':
      return { moment: Moment.CustomerContact, purposes: 0, stage: trigger.stage ?? null, statuses: 0 };
    case 'stage-entered':
      return { moment: Moment.StageEntered, purposes: 0, stage: trigger.stage, statuses: 0 };
    case 'status-entered':
      return {
        moment: Moment.StatusEntered,
        purposes: 0,
        stage: null,
        statuses: statusMask(trigger.statuses),
      };
    case 'owner-set':
      return { moment: Moment.OwnerSet, purposes: 0, stage: null, statuses: 0 };
  }
}

/** What the replay needs to know about one target. */
export interface ReplayTarget {
  start: readonly CompiledTrigger[];
  stop: readonly CompiledTrigger[];
  repeats: boolean;
}

/** Where each target's clock stands after the replay (one slot per target). */
export interface TargetCycles {
  /** Start of the current (last) cycle, NaN when the clock never started. */
  startedAt: Float64Array;
  /** When the current cycle was met, NaN while it runs. */
  metAt: Float64Array;
  /** Cycles started so far (0: never started). */
  cycles: Int32Array;
  /** Index into `events` of the event that started the current cycle; -1 for receipt. */
  startEvent: Int32Array;
}

export function createTargetCycles(count: number): TargetCycles {
  return {
    startedAt: new Float64Array(count),
    metAt: new Float64Array(count),
    cycles: new Int32Array(count),
    startEvent: new Int32Array(count),
  };
}

/** The case as its history stands at `now`, plus the moments ladders measure from. */
export interface CaseReplay {
  receivedAt: number;
  status: CaseStatus;
  stage: string | null;
  priority: Priority;
  escalationLevel: EscalationLevel;
  ownerId: string | null;
  /**
   * Paused spans [pauseStart[i], pauseEnd[i]) for i < pauseCount, ascending; the last may end at
   * +Infinity (still paused). The arrays are reused, so read only up to the count.
   */
  pauseStart: number[];
  pauseEnd: number[];
  pauseCount: number;
  lastReplyAt: number;
  lastReplyEvent: number;
  lastContactAt: number;
  lastContactEvent: number;
  stageEnteredAt: number;
  stageEnteredEvent: number;
  /** Indexes of events that record a carried-out ladder step (they carry a stepId), up to stepEventCount. */
  stepEvents: number[];
  stepEventCount: number;
  /** Event times by index (NaN for events after `now`). */
  times: Float64Array;
}

export function createReplay(): CaseReplay {
  return {
    receivedAt: 0,
    status: 'new',
    stage: null,
    priority: 'normal',
    escalationLevel: 0,
    ownerId: null,
    pauseStart: [],
    pauseEnd: [],
    pauseCount: 0,
    lastReplyAt: 0,
    lastReplyEvent: -1,
    lastContactAt: 0,
    lastContactEvent: -1,
    stageEnteredAt: 0,
    stageEnteredEvent: -1,
    stepEvents: [],
    stepEventCount: 0,
    times: new Float64Array(32),
  };
}

let order = new Int32Array(32);

/**
 * Replays `events` (this case's, any order; ties keep array order) up to and including `now`.
 * Events after `now` have not happened yet, so moving the clock back shows the past faithfully.
 */
export function replayCase(
  caseRecord: Case,
  events: readonly CaseEvent[],
  now: number,
  pauseMask: number,
  targets: readonly ReplayTarget[],
  cycles: TargetCycles | null,
  out: CaseReplay,
): void {
  const receivedAt = instantMs(caseRecord.receivedAt);
  if (Number.isNaN(receivedAt)) throw new RangeError(`Case ${caseRecord.id} has an invalid receivedAt.`);
  const n = events.length;
  if (out.times.length < n) out.times = new Float64Array(Math.max(n, out.times.length * 2));
  const times = out.times;

  // First pass: times, order, and the earliest event (by time) of each kind that tells what the
  // case was like before its first recorded change.
  let sorted = true;
  let previous = Number.NEGATIVE_INFINITY;
  let created = -1;
  let firstStatus = -1;
  let firstStage = -1;
  let firstPriority = -1;
  let firstLevel = -1;
  let ownerKnown = false;
  for (let i = 0; i < n; i++) {
    const event = events[i]!;
    const at = instantMs(event.at);
    if (Number.isNaN(at))
      throw new RangeError(`Event ${event.id} of case ${caseRecord.id} has an invalid "at".`);
    times[i] = at;
    if (at < previous) sorted = false;
    previous = at;
    switch (event.type) {
      case 'created':
        if (created < 0 || at < times[created]!) created = i;
        break;
      case 'status-changed':
        if (firstStatus < 0 || at < times[firstStatus]!) firstStatus = i;
        break;
      case 'stage-changed':
        if (firstStage < 0 || at < times[firstStage]!) firstStage = i;
        break;
      case 'priority-changed':
        if (firstPriority < 0 || at < times[firstPriority]!) firstPriority = i;
        break;
      case 'escalated':
        if (firstLevel < 0 || at < times[firstLevel]!) firstLevel = i;
        break;
      case 'owner-set':
        ownerKnown = true;
        break;
    }
  }
  if (!sorted) sortByTime(times, n);
  const createdEvent = created >= 0 ? (events[created] as CaseEventOf<'created'>) : null;
  const initialStatus =
    firstStatus >= 0 ? (events[firstStatus] as CaseEventOf<'status-changed'>).from : undefined;
  const initialStage =
    firstStage >= 0 ? (events[firstStage] as CaseEventOf<'stage-changed'>).from : undefined;
  const initialPriority =
    firstPriority >= 0 ? (events[firstPriority] as CaseEventOf<'priority-changed'>).from : undefined;
  const initialLevel =
    firstLevel >= 0 ? (events[firstLevel] as CaseEventOf<'escalated'>).fromLevel : undefined;

  out.receivedAt = receivedAt;
  // A created event says how the case began; otherwise the first change's "from" does.
  out.status = createdEvent?.status ?? initialStatus ?? caseRecord.status;
  out.stage = createdEvent
    ? createdEvent.stage
    : initialStage === undefined
      ? caseRecord.stage
      : initialStage;
  out.priority = createdEvent?.priority ?? initialPriority ?? caseRecord.priority;
  out.escalationLevel = initialLevel ?? caseRecord.escalationLevel;
  out.ownerId = ownerKnown ? null : caseRecord.ownerId;
  out.pauseCount = 0;
  out.lastReplyAt = receivedAt;
  out.lastReplyEvent = -1;
  out.lastContactAt = receivedAt;
  out.lastContactEvent = -1;
  out.stageEnteredAt = receivedAt;
  out.stageEnteredEvent = -1;
  out.stepEventCount = 0;

  const targetCount = cycles === null ? 0 : targets.length;
  if (cycles !== null) {
    for (let k = 0; k < targetCount; k++) {
      cycles.startedAt[k] = Number.NaN;
      cycles.metAt[k] = Number.NaN;
      cycles.cycles[k] = 0;
      cycles.startEvent[k] = -1;
    }
  }

  let paused = (pauseMask & statusBit(out.status)) !== 0;
  if (paused) out.pauseStart[0] = receivedAt;
  // Receipt also counts as entering the initial status and stage (a case logged straight into
  // the formal stage starts the formal stage's clocks).
  if (cycles !== null && receivedAt <= now) {
    const initialStatus = statusBit(out.status);
    for (let k = 0; k < targetCount; k++) {
      const target = targets[k]!;
      advanceCycle(target, cycles, k, Moment.Received, 0, out.stage, 0, receivedAt, -1);
      advanceCycle(target, cycles, k, Moment.StatusEntered, 0, out.stage, initialStatus, receivedAt, -1);
      if (out.stage !== null)
        advanceCycle(target, cycles, k, Moment.StageEntered, 0, out.stage, 0, receivedAt, -1);
    }
  }

  for (let j = 0; j < n; j++) {
    const i = sorted ? j : order[j]!;
    const at = times[i]!;
    if (at > now) {
      if (sorted) break;
      continue;
    }
    const event = events[i]!;
    let moment: Moment = Moment.None;
    let purposes = 0;
    let statuses = 0;
    switch (event.type) {
      case 'status-changed': {
        out.status = event.to;
        statuses = statusBit(event.to);
        const nowPaused = (pauseMask & statuses) !== 0;
        if (nowPaused && !paused) out.pauseStart[out.pauseCount] = at;
        else if (!nowPaused && paused) out.pauseEnd[out.pauseCount++] = at;
        paused = nowPaused;
        moment = Moment.StatusEntered;
        break;
      }
      case 'stage-changed':
        out.stage = event.to;
        out.stageEnteredAt = at;
        out.stageEnteredEvent = i;
        moment = Moment.StageEntered;
        break;
      case 'kind-changed':
        // Moving onto a staged policy enters its first stage (a query becoming a formal complaint is informal).
        if (event.stage !== null && event.stage !== out.stage) {
          out.stage = event.stage;
          out.stageEnteredAt = at;
          out.stageEnteredEvent = i;
          moment = Moment.StageEntered;
        }
        break;
      case 'reply-sent':
        out.lastReplyAt = at;
        out.lastReplyEvent = i;
        purposes = purposeBit(event.purpose);
        moment = Moment.Reply;
        break;
      case 'customer-contact':
        out.lastContactAt = at;
        out.lastContactEvent = i;
        moment = Moment.CustomerContact;
        break;
      case 'owner-set':
        out.ownerId = event.ownerId;
        if (event.ownerId !== null) moment = Moment.OwnerSet;
        break;
      case 'priority-changed':
        out.priority = event.to;
        break;
      case 'escalated':
        out.escalationLevel = event.toLevel;
        if (event.stepId !== undefined) out.stepEvents[out.stepEventCount++] = i;
        break;
      case 'prompted':
        out.stepEvents[out.stepEventCount++] = i;
        break;
    }
    if (moment !== Moment.None && cycles !== null) {
      for (let k = 0; k < targetCount; k++) {
        advanceCycle(targets[k]!, cycles, k, moment, purposes, out.stage, statuses, at, i);
      }
    }
  }
  if (paused) out.pauseEnd[out.pauseCount++] = Number.POSITIVE_INFINITY;
}

function advanceCycle(
  target: ReplayTarget,
  cycles: TargetCycles,
  k: number,
  moment: Moment,
  purposes: number,
  stage: string | null,
  statuses: number,
  at: number,
  eventIndex: number,
): void {
  const running = cycles.cycles[k]! > 0 && Number.isNaN(cycles.metAt[k]!);
  if (running) {
    if (!anyMatch(target.stop, moment, purposes, stage, statuses)) return;
    cycles.metAt[k] = at;
    if (!target.repeats || !anyMatch(target.start, moment, purposes, stage, statuses)) return;
  } else {
    if (cycles.cycles[k]! > 0 && !target.repeats) return;
    if (!anyMatch(target.start, moment, purposes, stage, statuses)) return;
  }
  cycles.startedAt[k] = at;
  cycles.metAt[k] = Number.NaN;
  cycles.cycles[k] = cycles.cycles[k]! + 1;
  cycles.startEvent[k] = eventIndex;
}

function anyMatch(
  triggers: readonly CompiledTrigger[],
  moment: Moment,
  purposes: number,
  stage: string | null,
  statuses: number,
): boolean {
  for (let t = 0; t < triggers.length; t++) {
    const trigger = triggers[t]!;
    if (trigger.moment !== moment) continue;
    if (trigger.purposes !== 0 && (trigger.purposes & purposes) === 0) continue;
    if (trigger.stage !== null && trigger.stage !== stage) continue;
    if (trigger.statuses !== 0 && (trigger.statuses & statuses) === 0) continue;
    return true;
  }
  return false;
}

/** Fills `order` with event indexes by time, ties in array order. */
function sortByTime(times: Float64Array, n: number): void {
  if (order.length < n) order = new Int32Array(Math.max(n, order.length * 2));
  for (let i = 0; i < n; i++) order[i] = i;
  const view = order.subarray(0, n);
  view.sort((a, b) => times[a]! - times[b]! || a - b);
}
