import { type CaseSla, computeCaseSla } from '../case-sla';
import type { Case, CaseEvent, CaseSlaSummary } from '../domain';
import type { Policy } from '../policies';
import { type CalendarSpec, type CompiledCalendar, compileCalendar, isWorkingUnit } from '../sla';

/** A case's SLA summary at an instant: what the store indexes (state, next change, urgency deadline). */
export type SlaOf = (kase: Case, events: readonly CaseEvent[], now: Date) => CaseSlaSummary;

export const NO_SLA: CaseSlaSummary = { state: 'none', nextDueAt: null, dueAt: null };

/** How a desk's cases find their rules, and their clocks under them. */
export interface CaseRules {
  /** The case's policy: by id, else the policy for its kind. */
  policyOf(kase: Case): Policy | undefined;
  /** A compiled calendar by id (null when the desk has no such calendar). */
  calendar(id: string): CompiledCalendar | null;
  /** The calendar a case runs on: its own, else its policy's. */
  calendarOf(kase: Case): CompiledCalendar | null;
  /** Both, or null when either is missing. */
  rulesOf(kase: Case): { policy: Policy; calendar: CompiledCalendar } | null;
  /** Every clock and due ladder step at `now`; null without a policy or calendar. */
  sla(kase: Case, events: readonly CaseEvent[], now: Date): CaseSla | null;
}

/** Calendars are compiled once per spec text: reloading or editing settings doesn't recompile what didn't change. */
const compiledBySpec = new Map<string, CompiledCalendar>();

function compiled(spec: CalendarSpec): CompiledCalendar {
  const key = JSON.stringify(spec);
  let calendar = compiledBySpec.get(key);
  if (calendar === undefined) {
    calendar = compileCalendar(spec);
    compiledBySpec.set(key, calendar);
  }
  return calendar;
}

/** The one place that decides which policy and calendar a case runs under (the store, views and server share it). */
export function caseRules(policies: readonly Policy[], calendars: readonly CalendarSpec[]): CaseRules {
  const policyById = new Map(policies.map((p) => [p.id, p]));
  const policyByKind = new Map(policies.map((p) => [p.caseKind, p]));
  const specById = new Map(calendars.map((c) => [c.id, c]));
  const calendar = (id: string): CompiledCalendar | null => {
    const spec = specById.get(id);
    return spec === undefined ? null : compiled(spec);
  };
  const policyOf = (kase: Case) => policyById.get(kase.policyId) ?? policyByKind.get(kase.kind);
  const rulesOf = (kase: Case) => {
    const policy = policyOf(kase);
    if (policy === undefined) return null;
    const cal = calendar(kase.calendarId) ?? calendar(policy.calendarId);
    return cal === null ? null : { policy, calendar: cal };
  };
  return {
    policyOf,
    calendar,
    calendarOf: (kase) => rulesOf(kase)?.calendar ?? calendar(kase.calendarId),
    rulesOf,
    sla(kase, events, now) {
      const rules = rulesOf(kase);
      return rules === null ? null : computeCaseSla(kase, events, rules.policy, rules.calendar, now);
    },
  };
}

/**
 * The SLA summary function for a desk's policies and calendars (the client's store and the server both index
 * it). A case whose policy or calendar is missing has no SLA rather than failing: the queue still lists it.
 */
export function createSlaOf(policies: readonly Policy[], calendars: readonly CalendarSpec[]): SlaOf {
  const rules = caseRules(policies, calendars);
  return (kase, events, now) => {
    const sla = rules.sla(kase, events, now);
    if (sla === null) return NO_SLA;
    const summary: CaseSlaSummary = {
      state: sla.state,
      nextDueAt: sla.nextDueAt === null ? null : sla.nextDueAt.toISOString(),
      dueAt: sla.dueAt === null ? null : sla.dueAt.toISOString(),
    };
    if (sla.dueAt !== null) summary.dueWorking = dueIsWorkingTime(sla, rules.policyOf(kase));
    return summary;
  };
}

/** Whether the clock behind the case's urgency deadline counts working time (a query's) or real time (24 hours). */
function dueIsWorkingTime(sla: CaseSla, policy: Policy | undefined): boolean {
  const due = sla.dueAt?.getTime();
  const clock = sla.clocks.find(
    (c) => c.dueAt?.getTime() === due && c.state !== 'met' && c.state !== 'paused',
  );
  const target = policy?.targets.find((t) => t.id === clock?.targetId);
  return target !== undefined && isWorkingUnit(target.duration.unit);
}
