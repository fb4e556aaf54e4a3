import type { Case } from '../domain/case';
import type { CaseEvent } from '../domain/events';
import { CASE_KINDS, type CaseStatus, PRIORITIES } from '../domain/vocabulary';
import type { CompiledCalendar } from '../sla/calendar-types';
import { type CaseReplay, createReplay, replayCase, statusMask } from '../sla/clock-replay';
import type { SlaClock } from '../sla/clock-types';
import {
  addDuration,
  type Duration,
  subtractDuration,
  workingMinutesBetweenMs,
  workingUnitMinutes,
} from '../sla/duration';
import { localRecurrence } from './recurrence';
import type { EscalationRule } from './schema';

/** A ladder step that is due now: carry it out once, recording an event with `id` as stepId. */
export interface DueStep {
  /** `${caseId}:${ruleId}:${occurrence}`: the same on every desktop, so the effect happens once. */
  id: string;
  caseId: string;
  ruleId: string;
  /** 1, 2, 3… counted from the anchor; moving anchors prefix the anchor event ("e42.1"). */
  occurrence: string;
  dueAt: Date;
  actions: EscalationRule['actions'];
}

export interface LadderResult {
  due: DueStep[];
  /** The next instant a step becomes due if nothing changes, or null. */
  nextAt: Date | null;
}

const OPEN_STATUSES: readonly CaseStatus[] = [
  'new',
  'open',
  'in-progress',
  'pending-requester',
  'pending-third-party',
];
const DAY = 86_400_000;

const Anchor = { Logged: 0, LastUpdate: 1, LastContact: 2, StageEntered: 3, Deadline: 4 } as const;
type Anchor = (typeof Anchor)[keyof typeof Anchor];

interface CompiledRule {
  rule: EscalationRule;
  anchor: Anchor;
  offset: Duration;
  /** +1 after the anchor, -1 before it (deadline anchors only). */
  direction: 1 | -1;
  target: string | null;
  kinds: number;
  statuses: number;
  stages: readonly string[] | null;
  priorities: number;
  levels: number;
  unowned: boolean;
  /** Most occurrences, the first included. */
  count: number;
  /** ":ruleId:", the middle of every step id of this rule. */
  infix: string;
}

export interface CompiledLadder {
  rules: readonly CompiledRule[];
}

const compiled = new WeakMap<readonly EscalationRule[], CompiledLadder>();

/** Ladders are values: compile once per ladder object (an edited policy is a new object). */
export function compileLadder(ladder: readonly EscalationRule[]): CompiledLadder {
  let result = compiled.get(ladder);
  if (!result) {
    result = { rules: ladder.map(compileRule) };
    compiled.set(ladder, result);
  }
  return result;
}

function maskOf<T>(all: readonly T[], some: readonly T[] | undefined): number {
  if (some === undefined) return 0;
  let mask = 0;
  for (const value of some) mask |= 1 << all.indexOf(value);
  return mask;
}

function compileRule(rule: EscalationRule): CompiledRule {
  const when = rule.when;
  const repeat = rule.repeat;
  const condition = rule.appliesTo;
  let levels = 0;
  for (const level of condition.levels ?? []) levels |= 1 << level;
  return {
    rule,
    anchor:
      when.anchor === 'deadline'
        ? Anchor.Deadline
        : when.anchor === 'logged'
          ? Anchor.Logged
          : when.anchor === 'last-update'
            ? Anchor.LastUpdate
            : when.anchor === 'last-customer-contact'
              ? Anchor.LastContact
              : Anchor.StageEntered,
    offset: when.anchor === 'deadline' ? when.offset : when.after,
    direction: when.anchor === 'deadline' && when.direction === 'before' ? -1 : 1,
    target: when.anchor === 'deadline' ? when.target : null,
    kinds: maskOf(CASE_KINDS, condition.kinds),
    statuses: statusMask(condition.statuses ?? OPEN_STATUSES),
    stages: condition.stages ?? null,
    priorities: maskOf(PRIORITIES, condition.priorities),
    levels,
    unowned: condition.unowned ?? false,
    count: repeat.type === 'once' ? 1 : (repeat.count ?? Number.POSITIVE_INFINITY),
    infix: `:${rule.id}:`,
  };
}

const scratch = createReplay();

/**
 * The ladder's steps due for a case at `now`, and when the next one falls due. Conditions are
 * read from the case as its history stands at `now`. A step whose time came while the case did
 * not match fires once the case matches again; when several occurrences of a repeating step
 * were missed, only the latest is due (one reminder, not a pile). Steps recorded as done (an
 * event carrying its stepId) are left out. Deadline-anchored rules need the case's clocks.
 */
export function evaluateLadder(
  caseRecord: Case,
  events: readonly CaseEvent[],
  ladder: readonly EscalationRule[],
  calendar: CompiledCalendar,
  now: Date,
  clocks: readonly SlaClock[] = [],
): LadderResult {
  const nowMs = now.getTime();
  replayCase(caseRecord, events, nowMs, 0, [], null, scratch);
  return evaluateReplayedLadder(compileLadder(ladder), caseRecord, events, scratch, calendar, nowMs, clocks);
}

/** The ladder over an existing replay (computeCaseSla shares its replay and clocks). */
export function evaluateReplayedLadder(
  ladder: CompiledLadder,
  caseRecord: Case,
  events: readonly CaseEvent[],
  replay: CaseReplay,
  calendar: CompiledCalendar,
  now: number,
  clocks: readonly SlaClock[],
): LadderResult {
  let due: DueStep[] | null = null;
  let nextAt = Number.POSITIVE_INFINITY;
  const kindBit = 1 << CASE_KINDS.indexOf(caseRecord.kind);
  const statusBit = statusMask([replay.status]);
  const priorityBit = 1 << PRIORITIES.indexOf(replay.priority);
  const levelBit = 1 << replay.escalationLevel;

  for (let r = 0; r < ladder.rules.length; r++) {
    const c = ladder.rules[r]!;
    if (c.kinds !== 0 && (c.kinds & kindBit) === 0) continue;
    if ((c.statuses & statusBit) === 0) continue;
    if (c.priorities !== 0 && (c.priorities & priorityBit) === 0) continue;
    if (c.levels !== 0 && (c.levels & levelBit) === 0) continue;
    if (c.unowned && replay.ownerId !== null) continue;
    if (c.stages !== null && (replay.stage === null || !c.stages.includes(replay.stage))) continue;

    let anchorAt: number;
    let anchorEvent = -1;
    let anchorKey: string | null = null;
    switch (c.anchor) {
      case Anchor.Logged:
        anchorAt = replay.receivedAt;
        break;
      case Anchor.LastUpdate:
        anchorAt = replay.lastReplyAt;
        anchorEvent = replay.lastReplyEvent;
        break;
      case Anchor.LastContact:
        anchorAt = replay.lastContactAt;
        anchorEvent = replay.lastContactEvent;
        break;
      case Anchor.StageEntered:
        anchorAt = replay.stageEnteredAt;
        anchorEvent = replay.stageEnteredEvent;
        break;
      default: {
        const clock = owedClock(clocks, c.target!);
        if (clock === null) continue;
        anchorAt = clock.dueAt!.getTime();
        anchorKey = clock.startEventId;
      }
    }
    if (anchorEvent >= 0) anchorKey = events[anchorEvent]!.id;

    const first =
      c.direction === 1
        ? addDuration(calendar, anchorAt, c.offset)
        : subtractDuration(calendar, anchorAt, c.offset);
    if (first > now) {
      if (first < nextAt) nextAt = first;
      continue;
    }
    let k = 1;
    let at = first;
    let next = Number.NaN;
    const repeat = c.rule.repeat;
    if (repeat.type === 'every') {
      [k, at, next] = latestEvery(calendar, first, repeat.interval, now);
    } else if (repeat.type === 'rrule') {
      const recurrence = localRecurrence(repeat.rrule, repeat.dtstart, calendar.spec.timeZone);
      const latest = recurrence.atOrBefore(now);
      if (!Number.isNaN(latest) && latest > first) {
        k = 1 + recurrence.countBetween(first, latest);
        at = latest;
      }
      next = recurrence.after(now);
    }
    if (k >= c.count) {
      k = c.count;
      next = Number.NaN;
    }
    if (next < nextAt) nextAt = next;

    const occurrence = anchorKey === null ? occurrenceText(k) : `${anchorKey}.${k}`;
    const id = caseRecord.id + c.infix + occurrence;
    if (isDone(events, replay.stepEvents, replay.stepEventCount, id)) continue;
    due ??= [];
    due.push({
      id,
      caseId: caseRecord.id,
      ruleId: c.rule.id,
      occurrence,
      dueAt: new Date(at),
      actions: c.rule.actions,
    });
  }
  return { due: due ?? [], nextAt: nextAt === Number.POSITIVE_INFINITY ? null : new Date(nextAt) };
}

const SMALL_OCCURRENCES = Array.from({ length: 64 }, (_, k) => `${k}`);
const occurrenceText = (k: number): string => SMALL_OCCURRENCES[k] ?? `${k}`;

/** The clock of `targetId` while its deadline is still owed and known (not met, not paused). */
function owedClock(clocks: readonly SlaClock[], targetId: string): SlaClock | null {
  for (const clock of clocks) {
    if (clock.targetId !== targetId) continue;
    const owed =
      clock.state === 'running' ||
      clock.state === 'at-risk' ||
      (clock.state === 'breached' && clock.metAt === null);
    return owed && clock.dueAt !== null ? clock : null;
  }
  return null;
}

function isDone(
  events: readonly CaseEvent[],
  stepEvents: readonly number[],
  count: number,
  id: string,
): boolean {
  for (let i = 0; i < count; i++) {
    const event = events[stepEvents[i]!]!;
    if ((event.type === 'prompted' || event.type === 'escalated') && event.stepId === id) return true;
  }
  return false;
}

/**
 * For a step repeating every `interval` after `first` (<= now): the latest occurrence number k,
 * its instant, and the next occurrence's instant.
 */
function latestEvery(
  calendar: CompiledCalendar,
  first: number,
  interval: Duration,
  now: number,
): [number, number, number] {
  const occurrence = (k: number): number =>
    k === 1
      ? first
      : addDuration(calendar, first, { amount: interval.amount * (k - 1), unit: interval.unit });
  // Estimate k, then step to the exact one (a few calls at most).
  let k: number;
  const minutes = workingUnitMinutes(interval.unit);
  if (!Number.isNaN(minutes)) {
    const worked = workingMinutesBetweenMs(calendar, first, now);
    k = Math.floor(worked / (interval.amount * minutes)) + 1;
  } else {
    k = Math.max(1, Math.floor((now - first) / roughMs(calendar, first, interval)) + 1);
  }
  let at = occurrence(k);
  while (k > 1 && at > now) at = occurrence(--k);
  let next = occurrence(k + 1);
  while (next <= now) {
    k++;
    at = next;
    next = occurrence(k + 1);
  }
  return [k, at, next];
}

function roughMs(calendar: CompiledCalendar, from: number, interval: Duration): number {
  switch (interval.unit) {
    case 'calendar-minutes':
      return interval.amount * 60_000;
    case 'calendar-hours':
      return interval.amount * 3_600_000;
    case 'calendar-days':
      return interval.amount * DAY;
    case 'calendar-weeks':
      return interval.amount * 7 * DAY;
    default: {
      // Working days: average over twenty intervals so weekends and holidays even out.
      const span = addDuration(calendar, from, { amount: interval.amount * 20, unit: interval.unit }) - from;
      return Math.max(1, span / 20);
    }
  }
}
