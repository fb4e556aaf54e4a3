import type { Case } from '../domain/case';
import type { CaseEvent } from '../domain/events';
import type { CompiledCalendar, SkipReason } from './calendar-types';
import { type ClockFigures, clockFigures, compileClockPolicy, slaClock } from './clock';
import { createReplay, createTargetCycles, replayCase } from './clock-replay';
import type { ClockPolicy, SlaClock } from './clock-types';

/**
 * One stretch of a clock's life. `counted`: time that used the target's budget. `paused`: the
 * case waited on someone (the deadline moved by it). Skip reasons: time a working-time clock
 * does not count. `projected` spans lie after `now`: how the rest of the budget will be spent.
 */
export interface ClockSpan {
  start: Date;
  end: Date;
  kind: 'counted' | 'paused' | SkipReason;
  /** Holiday name, for holiday spans. */
  label?: string;
  projected: boolean;
}

export interface ClockExplanation {
  clock: SlaClock;
  /** Consecutive spans from the start of the current cycle to when it was met, or to its deadline (or now, if later). */
  spans: ClockSpan[];
  /** Budget used so far (to metAt or now), in working minutes for working units, else in minutes. */
  countedMinutes: number;
}

/**
 * Why a clock says what it says: the evidence behind one target's deadline for the case view and
 * the evidence report. Off the hot path (it allocates freely). Null when the policy has no such
 * target or the clock has not started.
 */
export function explainClock(
  caseRecord: Case,
  events: readonly CaseEvent[],
  policy: ClockPolicy,
  calendar: CompiledCalendar,
  targetId: string,
  now: Date,
): ClockExplanation | null {
  const compiled = compileClockPolicy(policy);
  const k = compiled.targets.findIndex((t) => t.target.id === targetId);
  if (k < 0) return null;
  const replay = createReplay();
  const cycles = createTargetCycles(compiled.targets.length);
  const nowMs = now.getTime();
  replayCase(caseRecord, events, nowMs, compiled.pauseMask, compiled.targets, cycles, replay);
  const figures: ClockFigures = {
    state: 'pending',
    startedAt: 0,
    dueAt: 0,
    warnAt: 0,
    metAt: 0,
    pausedMs: 0,
  };
  const t = compiled.targets[k]!;
  clockFigures(t, k, replay, cycles, calendar, nowMs, figures);
  const clock = slaClock(t, k, cycles, events, figures);
  if (Number.isNaN(figures.startedAt)) return null;

  const start = figures.startedAt;
  const met = !Number.isNaN(figures.metAt);
  const stoppedAt = met ? figures.metAt : Number.POSITIVE_INFINITY;
  const end = met ? figures.metAt : Math.max(nowMs, figures.dueAt);
  const spans: ClockSpan[] = [];
  let countedMs = 0;
  let countedWorking = 0;

  const running = (from: number, to: number) => {
    // Split at now, so the past and the projection never share a span.
    if (from < nowMs && nowMs < to) {
      running(from, nowMs);
      running(nowMs, to);
      return;
    }
    const projected = from >= nowMs;
    if (!t.working) {
      spans.push({ start: new Date(from), end: new Date(to), kind: 'counted', projected });
      if (!projected) countedMs += to - from;
      return;
    }
    for (const span of calendar.explain(new Date(from), new Date(to))) {
      const kind = span.kind === 'working' ? 'counted' : span.kind;
      spans.push({ ...span, kind, projected });
      if (kind === 'counted' && !projected)
        countedWorking += (span.end.getTime() - span.start.getTime()) / 60_000;
    }
  };

  let cursor = start;
  if (t.pausable) {
    for (let i = 0; i < replay.pauseCount; i++) {
      const from = Math.max(replay.pauseStart[i]!, start);
      const to = Math.min(replay.pauseEnd[i]!, stoppedAt, nowMs);
      // Only pauses the deadline honoured: those that began before it and before the clock stopped.
      if (to <= from || from >= figures.dueAt || from >= stoppedAt) continue;
      if (from > cursor) running(cursor, from);
      spans.push({ start: new Date(from), end: new Date(to), kind: 'paused', projected: false });
      cursor = to;
    }
  }
  if (end > cursor) running(cursor, end);

  return { clock, spans, countedMinutes: t.working ? countedWorking : countedMs / 60_000 };
}
