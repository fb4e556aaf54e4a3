/**
 * What the escalation runner and views need from the desk's settings, loaded from the store once and
 * reloaded when they change: the policies (ladders, jobs), the compiled calendars and the directory.
 */

import type { CaseSla } from '../../shared/case-sla';
import type { Case, CaseEvent } from '../../shared/domain';
import type { Directory } from '../../shared/notify';
import type { Policy } from '../../shared/policies';
import type { CalendarSpec, CompiledCalendar } from '../../shared/sla';
import { caseRules, type Person } from '../../shared/sync';
import type { DeskDb } from '../db';

export interface DeskContext {
  readonly policies: readonly Policy[];
  readonly directory: Directory;
  policyOf(kase: Case): Policy | undefined;
  /** A compiled calendar by id (null when the store has no such calendar). */
  calendar(id: string): CompiledCalendar | null;
  /** The calendar a case runs on: its own, else its policy's. */
  calendarOf(kase: Case): CompiledCalendar | null;
  /** A person's working hours: their own calendar, else the desk's (the query policy's, else the first). */
  workingCalendarOf(person: Person): CompiledCalendar | null;
  /** The case's clocks and due ladder steps at `now`; null without a policy or calendar. */
  sla(kase: Case, events: readonly CaseEvent[], now: Date): CaseSla | null;
  /** A ladder rule's name ("Day 7: service desk manager"), or the id when the policy no longer has it. */
  ruleName(policyId: string, ruleId: string): string;
  person(id: string | null): Person | undefined;
}

/** Reads the settings tables (no transaction of its own, so a view's live query can call it too). */
export async function loadDeskContext(db: DeskDb): Promise<DeskContext> {
  const [policies, specs, people, teams] = await Promise.all([
    db.policies.toArray(),
    db.calendars.toArray(),
    db.people.toArray(),
    db.teams.toArray(),
  ]);
  return deskContext(policies, specs, { people, teams });
}

export function deskContext(
  policies: readonly Policy[],
  specs: readonly CalendarSpec[],
  directory: Directory,
): DeskContext {
  const rules = caseRules(policies, specs);
  const { calendar, calendarOf, policyOf } = rules;
  const policyById = new Map(policies.map((p) => [p.id, p]));
  const people = new Map(directory.people.map((p) => [p.id, p]));
  const deskCalendarId = policies.find((p) => p.caseKind === 'query')?.calendarId ?? specs[0]?.id ?? null;
  return {
    policies,
    directory,
    policyOf,
    calendar,
    calendarOf,
    workingCalendarOf: (person) =>
      (person.calendarId ? calendar(person.calendarId) : null) ??
      (deskCalendarId === null ? null : calendar(deskCalendarId)),
    sla: rules.sla,
    ruleName: (policyId, ruleId) =>
      policyById.get(policyId)?.ladder.find((rule) => rule.id === ruleId)?.name ?? ruleId,
    person: (id) => (id === null ? undefined : people.get(id)),
  };
}

/** The desk context, loaded on first use and again after `invalidate` (settings changed). */
export interface ContextSource {
  get(): Promise<DeskContext>;
  invalidate(): void;
}

export function contextSource(db: DeskDb): ContextSource {
  let loading: Promise<DeskContext> | null = null;
  return {
    get() {
      loading ??= loadDeskContext(db).catch((error: unknown) => {
        loading = null;
        throw error;
      });
      return loading;
    },
    invalidate() {
      loading = null;
    },
  };
}
