import type { Case, CaseEvent, CaseSlaSummary } from '../domain';
import type { Policy } from '../policies';
import { type CalendarSpec, type CompiledCalendar, compileCalendar, computeCaseSla } from '../sla';

/** A case's SLA summary at an instant: what the store indexes (state, next change, urgency deadline). */
export type SlaOf = (kase: Case, events: readonly CaseEvent[], now: Date) => CaseSlaSummary;

export const NO_SLA: CaseSlaSummary = { state: 'none', nextDueAt: null, dueAt: null };

/**
 * The SLA summary function for a desk's policies and calendars (the client's store and the server both index
 * it). A case whose policy or calendar is missing has no SLA rather than failing: the queue still lists it.
 */
export function createSlaOf(policies: readonly Policy[], calendars: readonly CalendarSpec[]): SlaOf {
  const policyById = new Map(policies.map((p) => [p.id, p]));
  const policyByKind = new Map(policies.map((p) => [p.caseKind, p]));
  const compiled = new Map<string, CompiledCalendar>();
  const specs = new Map(calendars.map((c) => [c.id, c]));
  const calendarOf = (id: string): CompiledCalendar | undefined => {
    let calendar = compiled.get(id);
    if (calendar === undefined) {
      const spec = specs.get(id);
      if (spec === undefined) return undefined;
      calendar = compileCalendar(spec);
      compiled.set(id, calendar);
    }
    return calendar;
  };
  return (kase, events, now) => {
    const policy = policyById.get(kase.policyId) ?? policyByKind.get(kase.kind);
    if (policy === undefined) return NO_SLA;
    const calendar = calendarOf(kase.calendarId) ?? calendarOf(policy.calendarId);
    if (calendar === undefined) return NO_SLA;
    const sla = computeCaseSla(kase, events, policy, calendar, now);
    return {
      state: sla.state,
      nextDueAt: sla.nextDueAt === null ? null : sla.nextDueAt.toISOString(),
      dueAt: sla.dueAt === null ? null : sla.dueAt.toISOString(),
    };
  };
}
