/**
 * A case's SLA clocks for the case view: each target's clock (computeCaseSla) with the evidence behind its
 * deadline (explainClock), summed up the way an agent asks about it: how much of the budget counted, how long
 * it was paused, and what was skipped as nights, weekends, holidays and closures.
 */

import { computeCaseSla } from '../../../shared/case-sla';
import type { Case, CaseEvent } from '../../../shared/domain';
import type { Policy } from '../../../shared/policies';
import {
  type ClockSpan,
  type CompiledCalendar,
  describeDuration,
  explainClock,
  type SkipReason,
  type SlaClock,
} from '../../../shared/sla';

export interface ClockView {
  clock: SlaClock;
  name: string;
  /** "8 working hours", "24 calendar hours"… */
  budget: string;
  working: boolean;
  /** Null when the clock has not started. */
  explanation: ClockSummary | null;
}

export interface SkippedTime {
  reason: SkipReason;
  ms: number;
  /** How many separate stretches (3 nights, 1 weekend). */
  stretches: number;
  /** Holiday names. */
  labels: string[];
}

export interface ClockSummary {
  /** Budget used so far (working minutes for working targets, else minutes). */
  countedMinutes: number;
  pausedMs: number;
  pauses: number;
  skipped: SkippedTime[];
  /** The spans up to now (the past: what happened). */
  past: ClockSpan[];
  /** The spans after now, up to the deadline (how the rest of the budget will be spent). */
  projected: ClockSpan[];
}

const SKIP_ORDER: readonly SkipReason[] = ['night', 'weekend', 'holiday', 'closure'];

export function summarise(spans: readonly ClockSpan[], countedMinutes: number): ClockSummary {
  let pausedMs = 0;
  let pauses = 0;
  const skipped = new Map<SkipReason, SkippedTime>();
  for (const span of spans) {
    if (span.projected) continue;
    const ms = span.end.getTime() - span.start.getTime();
    if (span.kind === 'paused') {
      pausedMs += ms;
      pauses++;
    } else if (span.kind !== 'counted') {
      const entry = skipped.get(span.kind) ?? { reason: span.kind, ms: 0, stretches: 0, labels: [] };
      entry.ms += ms;
      entry.stretches++;
      if (span.label && !entry.labels.includes(span.label)) entry.labels.push(span.label);
      skipped.set(span.kind, entry);
    }
  }
  return {
    countedMinutes,
    pausedMs,
    pauses,
    skipped: SKIP_ORDER.flatMap((reason) => skipped.get(reason) ?? []),
    past: spans.filter((s) => !s.projected),
    projected: spans.filter((s) => s.projected),
  };
}

/** Every clock of the case's policy at `now`, with its explanation. */
export function caseClocks(
  kase: Case,
  events: readonly CaseEvent[],
  policy: Policy,
  calendar: CompiledCalendar,
  now: Date,
): ClockView[] {
  const sla = computeCaseSla(kase, events, policy, calendar, now);
  return sla.clocks.map((clock) => {
    const target = policy.targets.find((t) => t.id === clock.targetId);
    const explained =
      clock.state === 'pending' ? null : explainClock(kase, events, policy, calendar, clock.targetId, now);
    return {
      clock,
      name: target?.name ?? clock.targetId,
      budget: target ? describeDuration(target.duration) : '',
      working: target?.duration.unit.startsWith('working') ?? false,
      explanation: explained === null ? null : summarise(explained.spans, explained.countedMinutes),
    };
  });
}
