import type { Case, CaseSlaState } from '../domain/case';
import type { CaseEvent } from '../domain/events';
import { PRIORITIES } from '../domain/vocabulary';
import type { CompiledCalendar } from './calendar-types';
import {
  type CaseReplay,
  type CompiledTrigger,
  compileTrigger,
  createReplay,
  createTargetCycles,
  type ReplayTarget,
  replayCase,
  statusMask,
  type TargetCycles,
} from './clock-replay';
import type { Target } from './clock-schema';
import type { CaseClocks, ClockPolicy, ClockState, SlaClock } from './clock-types';
import {
  addCalendarDaysMs,
  addWorkingDaysMs,
  addWorkingMinutesMs,
  type Duration,
  fixedUnitMs,
  subtractDuration,
  workingMinutesBetweenMs,
  workingUnitMinutes,
} from './duration';

/*
 * The SLA clock engine. A clock's deadline is its start plus the target's duration, pushed
 * back by the time the case spent paused before the deadline: real time for calendar units,
 * working time for working units (so pausing over a weekend costs a working-hours target
 * nothing). Everything is epoch ms until the result is built; Dates cross only the calendar's
 * interface. See docs/decisions.md ("SLA clocks").
 */

const Base = { Fixed: 0, CalendarDays: 1, WorkingDays: 2 } as const;
type Base = (typeof Base)[keyof typeof Base];

export interface CompiledTarget extends ReplayTarget {
  target: Target;
  window: boolean;
  pausable: boolean;
  /** Measured in working minutes (else in real ms). */
  working: boolean;
  base: Base;
  /** Fixed targets: the budget in ms (calendar) or working minutes (working). */
  budget: number;
  /** Day targets: the number of days. */
  days: number;
  /** Share of the budget used when the warning starts, NaN without one. */
  warnShare: number;
  warnBefore: Duration | null;
  priorities: number;
}

export interface CompiledClockPolicy {
  pauseMask: number;
  targets: readonly CompiledTarget[];
  /** Scratch space reused by every computation with this policy (the engine is synchronous). */
  cycles: TargetCycles;
  replay: CaseReplay;
}

const compiled = new WeakMap<ClockPolicy, CompiledClockPolicy>();

/** Policies are values: compiled once per policy object (an edited policy is a new object). */
export function compileClockPolicy(policy: ClockPolicy): CompiledClockPolicy {
  let result = compiled.get(policy);
  if (!result) {
    const targets = policy.targets.map(compileTarget);
    result = {
      pauseMask: statusMask(policy.pauseStatuses),
      targets,
      cycles: createTargetCycles(targets.length),
      replay: createReplay(),
    };
    compiled.set(policy, result);
  }
  return result;
}

function compileTarget(target: Target): CompiledTarget {
  const { amount, unit } = target.duration;
  const window = target.kind === 'window';
  const base: Base =
    unit === 'calendar-days' || unit === 'calendar-weeks'
      ? Base.CalendarDays
      : unit === 'working-days'
        ? Base.WorkingDays
        : Base.Fixed;
  const warning = target.warning;
  let priorities = 0;
  for (const priority of target.priorities ?? []) priorities |= 1 << PRIORITIES.indexOf(priority);
  return {
    target,
    start: target.start.map(compileTrigger) satisfies CompiledTrigger[],
    stop: target.stop.map(compileTrigger),
    repeats: target.repeats,
    window,
    pausable: target.pausable && !window,
    working: unit === 'working-minutes' || unit === 'working-hours' || unit === 'working-days',
    base,
    budget:
      base !== Base.Fixed
        ? Number.NaN
        : unit.startsWith('working')
          ? amount * workingUnitMinutes(unit)
          : amount * fixedUnitMs(unit),
    days: unit === 'calendar-weeks' ? amount * 7 : amount,
    warnShare: warning && 'percentElapsed' in warning ? warning.percentElapsed / 100 : Number.NaN,
    warnBefore: warning && 'before' in warning ? warning.before : null,
    priorities,
  };
}

/** Result of walking a clock's pauses (module scratch: the engine is synchronous). */
let walkPausedMs = 0;
let walkPausedNow = false;

/**
 * The deadline of a clock started at `start` whose unpaused deadline is `base`: each pause
 * that begins before the (growing) deadline and before the clock stopped pushes it back by the
 * pause's length in the clock's measure. A pause still going on counts up to `now`.
 */
function walkPauses(
  calendar: CompiledCalendar,
  working: boolean,
  start: number,
  base: number,
  stoppedAt: number,
  now: number,
  pauseStart: readonly number[],
  pauseEnd: readonly number[],
  pauseCount: number,
): number {
  let due = base;
  walkPausedMs = 0;
  walkPausedNow = false;
  for (let i = 0; i < pauseCount; i++) {
    const end0 = pauseEnd[i]!;
    if (end0 <= start) continue;
    const from = Math.max(pauseStart[i]!, start);
    if (from >= due || from >= stoppedAt) break;
    let end = Math.min(end0, stoppedAt);
    if (end > now) {
      end = now;
      walkPausedNow = true;
    }
    if (end <= from) continue;
    walkPausedMs += end - from;
    if (working) {
      const lost = workingMinutesBetweenMs(calendar, from, end);
      if (lost > 0) due = addWorkingMinutesMs(calendar, due, lost);
    } else {
      due += end - from;
    }
  }
  return due;
}

/** Where a target's clock stands: all the numbers computeCaseSla and explainClock share. */
export interface ClockFigures {
  state: ClockState;
  startedAt: number;
  dueAt: number;
  warnAt: number;
  metAt: number;
  pausedMs: number;
}

/** Figures for one compiled target from a replay (NaN for what does not apply). */
export function clockFigures(
  t: CompiledTarget,
  k: number,
  replay: CaseReplay,
  cycles: TargetCycles,
  calendar: CompiledCalendar,
  now: number,
  out: ClockFigures,
): void {
  out.startedAt = Number.NaN;
  out.dueAt = Number.NaN;
  out.warnAt = Number.NaN;
  out.metAt = Number.NaN;
  out.pausedMs = 0;
  if (cycles.cycles[k] === 0) {
    out.state = 'pending';
    return;
  }
  const start = cycles.startedAt[k]!;
  const metAt = cycles.metAt[k]!;
  const met = !Number.isNaN(metAt);
  out.startedAt = start;
  out.metAt = metAt;

  // The unpaused deadline, and the budget it stands for in the clock's own measure.
  let base: number;
  let budget = t.budget;
  if (t.base === Base.Fixed) {
    base = t.working ? addWorkingMinutesMs(calendar, start, budget) : start + budget;
  } else if (t.base === Base.CalendarDays) {
    base = t.days === 0 ? start : addCalendarDaysMs(calendar, start, t.days);
    budget = base - start;
  } else {
    base = t.days === 0 ? start : addWorkingDaysMs(calendar, start, t.days);
    budget = Number.NaN;
  }

  if (t.window) {
    out.dueAt = base;
    out.state = met && metAt <= base ? 'used' : now < base ? 'open' : 'closed';
    return;
  }

  const stoppedAt = met ? metAt : Number.POSITIVE_INFINITY;
  const pauseStart = replay.pauseStart;
  const pauseEnd = replay.pauseEnd;
  const pauseCount = replay.pauseCount;
  const pausable = t.pausable && pauseCount > 0;
  const due = pausable
    ? walkPauses(calendar, t.working, start, base, stoppedAt, now, pauseStart, pauseEnd, pauseCount)
    : base;
  const pausedNow = pausable && walkPausedNow;
  out.pausedMs = pausable ? walkPausedMs : 0;
  out.dueAt = due;

  if (met) {
    out.state = metAt <= due ? 'met' : 'breached';
    return;
  }
  if (pausedNow) {
    out.state = 'paused';
    return;
  }
  if (now >= due) {
    out.state = 'breached';
    return;
  }

  let warnAt = Number.NaN;
  if (!Number.isNaN(t.warnShare)) {
    if (t.working && Number.isNaN(budget)) budget = workingMinutesBetweenMs(calendar, start, base);
    const warnBase = t.working
      ? addWorkingMinutesMs(calendar, start, budget * t.warnShare)
      : start + budget * t.warnShare;
    warnAt = pausable
      ? walkPauses(calendar, t.working, start, warnBase, stoppedAt, now, pauseStart, pauseEnd, pauseCount)
      : warnBase;
  } else if (t.warnBefore !== null) {
    warnAt = Math.max(start, subtractDuration(calendar, due, t.warnBefore));
  }
  out.warnAt = warnAt;
  out.state = now >= warnAt ? 'at-risk' : 'running';
}

const figures: ClockFigures = { state: 'pending', startedAt: 0, dueAt: 0, warnAt: 0, metAt: 0, pausedMs: 0 };

const date = (ms: number): Date | null => (Number.isNaN(ms) ? null : new Date(ms));

export function slaClock(
  t: CompiledTarget,
  k: number,
  cycles: TargetCycles,
  events: readonly CaseEvent[],
  figures: ClockFigures,
): SlaClock {
  const startEvent = cycles.startEvent[k]!;
  return {
    targetId: t.target.id,
    kind: t.target.kind,
    state: figures.state,
    startedAt: date(figures.startedAt),
    dueAt: date(figures.dueAt),
    warnAt: date(figures.warnAt),
    metAt: date(figures.metAt),
    pausedMs: figures.pausedMs,
    cycle: cycles.cycles[k]!,
    startEventId: startEvent >= 0 ? events[startEvent]!.id : null,
  };
}

/**
 * Every clock of a case at `now`, replayed from its history, with the case's overall state, its urgency
 * (`dueAt`) and the next instant any clock changes (`nextDueAt`). Pure and deterministic: the same case, events,
 * policy, calendar and now give the same answer. shared/case-sla adds the escalation ladder.
 */
export function computeCaseClocks(
  caseRecord: Case,
  events: readonly CaseEvent[],
  policy: ClockPolicy,
  calendar: CompiledCalendar,
  now: Date,
): CaseClocks {
  return replayCaseClocks(caseRecord, events, policy, calendar, now).clocks;
}

/**
 * computeCaseClocks with the replay it made, for the ladder to read without replaying the history again. The
 * replay is scratch space of the compiled policy: read it before the next computation with that policy.
 */
export function replayCaseClocks(
  caseRecord: Case,
  events: readonly CaseEvent[],
  policy: ClockPolicy,
  calendar: CompiledCalendar,
  now: Date,
): { clocks: CaseClocks; replay: CaseReplay } {
  const p = compileClockPolicy(policy);
  const nowMs = now.getTime();
  const replay = p.replay;
  const cycles = p.cycles;
  replayCase(caseRecord, events, nowMs, p.pauseMask, p.targets, cycles, replay);

  const clocks: SlaClock[] = [];
  let rank = 0; // 0 none, 1 paused, 2 on-track, 3 at-risk, 4 breached
  let dueAt = Number.POSITIVE_INFINITY;
  let nextDueAt = Number.POSITIVE_INFINITY;
  const priorityBit = 1 << PRIORITIES.indexOf(replay.priority);

  for (let k = 0; k < p.targets.length; k++) {
    const t = p.targets[k]!;
    if (t.priorities !== 0 && (t.priorities & priorityBit) === 0) continue;
    clockFigures(t, k, replay, cycles, calendar, nowMs, figures);
    const state = figures.state;
    let next = Number.NaN;
    switch (state) {
      case 'running':
        if (rank < 2) rank = 2;
        next = figures.warnAt > nowMs ? figures.warnAt : figures.dueAt;
        break;
      case 'at-risk':
        if (rank < 3) rank = 3;
        next = figures.dueAt;
        break;
      case 'paused':
        if (rank < 1) rank = 1;
        break;
      case 'breached':
        if (Number.isNaN(figures.metAt)) rank = 4;
        break;
      case 'open':
        next = figures.dueAt;
        break;
    }
    if (
      (state === 'running' || state === 'at-risk' || (state === 'breached' && Number.isNaN(figures.metAt))) &&
      figures.dueAt < dueAt
    ) {
      dueAt = figures.dueAt;
    }
    if (next < nextDueAt) nextDueAt = next;
    clocks.push(slaClock(t, k, cycles, events, figures));
  }

  return {
    clocks: {
      clocks,
      state: RANKED_STATES[rank]!,
      dueAt: dueAt === Number.POSITIVE_INFINITY ? null : new Date(dueAt),
      nextDueAt: nextDueAt === Number.POSITIVE_INFINITY ? null : new Date(nextDueAt),
    },
    replay,
  };
}

const RANKED_STATES: readonly CaseSlaState[] = ['none', 'paused', 'on-track', 'at-risk', 'breached'];
