import { type CaseSla, computeCaseSla } from '../case-sla';
import type { Case } from '../domain/case';
import type { CaseEvent } from '../domain/events';
import type { Policy } from '../policies/schema';
import { type CalendarSpec, type CompiledCalendar, compileCalendar } from '../sla';

/** A case with its history and its SLA at the report's now: what the detailed reports read. */
export interface CaseHistory {
  case: Case;
  /** The case's events, in any order. */
  events: readonly CaseEvent[];
  /** Null when the case's policy or calendar is missing (it is still listed, without clocks). */
  sla: CaseSla | null;
  policy: Policy | null;
  calendar: CompiledCalendar | null;
}

/**
 * Joins cases to their events and computes every case's SLA at `now` with the desk's policies and calendars
 * (a case finds its policy by id, else by kind, as the store does).
 */
export function caseHistories(
  cases: readonly Case[],
  events: readonly CaseEvent[],
  settings: { policies: readonly Policy[]; calendars: readonly CalendarSpec[] },
  now: Date,
): CaseHistory[] {
  const eventsByCase = new Map<string, CaseEvent[]>();
  for (const event of events) {
    const list = eventsByCase.get(event.caseId);
    if (list === undefined) eventsByCase.set(event.caseId, [event]);
    else list.push(event);
  }
  const policyById = new Map(settings.policies.map((p) => [p.id, p]));
  const policyByKind = new Map(settings.policies.map((p) => [p.caseKind, p]));
  const specs = new Map(settings.calendars.map((c) => [c.id, c]));
  const compiled = new Map<string, CompiledCalendar>();
  const calendarOf = (id: string): CompiledCalendar | null => {
    let calendar = compiled.get(id);
    if (calendar === undefined) {
      const spec = specs.get(id);
      if (spec === undefined) return null;
      calendar = compileCalendar(spec);
      compiled.set(id, calendar);
    }
    return calendar;
  };
  return cases.map((kase) => {
    const history = eventsByCase.get(kase.id) ?? [];
    const policy = policyById.get(kase.policyId) ?? policyByKind.get(kase.kind) ?? null;
    const calendar = policy === null ? null : (calendarOf(kase.calendarId) ?? calendarOf(policy.calendarId));
    const sla =
      policy !== null && calendar !== null ? computeCaseSla(kase, history, policy, calendar, now) : null;
    return { case: kase, events: history, sla, policy, calendar };
  });
}
