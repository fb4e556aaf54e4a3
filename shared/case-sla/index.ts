/**
 * A case's whole SLA state: its clocks (shared/sla) and the escalation ladder evaluated on them
 * (shared/escalation). The ladder depends on the clocks, never the other way round; this is the one module
 * that puts them together, from a single replay of the case's history.
 */
import type { Case } from '../domain/case';
import type { CaseEvent } from '../domain/events';
import {
  type CompiledLadder,
  compileLadder,
  evaluateReplayedLadder,
  type LadderResult,
} from '../escalation/ladder';
import type { EscalationRule } from '../escalation/schema';
import type { CompiledCalendar } from '../sla/calendar-types';
import { replayCaseClocks } from '../sla/clock';
import type { CaseClocks, ClockPolicy } from '../sla/clock-types';

export type { DueStep, LadderResult } from '../escalation/ladder';

/** What computeCaseSla needs from a policy (a full shared/policies Policy is one). */
export interface SlaPolicy extends ClockPolicy {
  ladder?: readonly EscalationRule[];
}

export interface CaseSla extends CaseClocks {
  /** The ladder steps due now and when the next one falls due. */
  escalation: LadderResult;
  /** Earliest future instant at which anything changes (warning, deadline, window, ladder step). */
  nextDueAt: Date | null;
}

const ladders = new WeakMap<SlaPolicy, CompiledLadder | null>();

/** Policies are values: a ladder is compiled once per policy object. */
function ladderOf(policy: SlaPolicy): CompiledLadder | null {
  let ladder = ladders.get(policy);
  if (ladder === undefined) {
    ladder = policy.ladder && policy.ladder.length > 0 ? compileLadder(policy.ladder) : null;
    ladders.set(policy, ladder);
  }
  return ladder;
}

/**
 * Every clock of a case at `now`, replayed from its history, with the case's overall state, its urgency
 * (`dueAt`), the next instant anything changes (`nextDueAt`) and the ladder steps due. Pure and deterministic.
 */
export function computeCaseSla(
  caseRecord: Case,
  events: readonly CaseEvent[],
  policy: SlaPolicy,
  calendar: CompiledCalendar,
  now: Date,
): CaseSla {
  const { clocks, replay } = replayCaseClocks(caseRecord, events, policy, calendar, now);
  const ladder = ladderOf(policy);
  const escalation: LadderResult = ladder
    ? evaluateReplayedLadder(ladder, caseRecord, events, replay, calendar, now.getTime(), clocks.clocks)
    : { due: [], nextAt: null };
  const nextAt = escalation.nextAt;
  const nextDueAt =
    nextAt !== null && (clocks.nextDueAt === null || nextAt.getTime() < clocks.nextDueAt.getTime())
      ? nextAt
      : clocks.nextDueAt;
  return { clocks: clocks.clocks, state: clocks.state, dueAt: clocks.dueAt, nextDueAt, escalation };
}
