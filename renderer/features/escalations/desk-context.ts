/**
 * What the escalation runner and views need from the desk's settings, loaded from the store once and
 * reloaded when they change: the policies (ladders, jobs), the compiled calendars and the directory.
 */
import type { Case, CaseEvent } from '../../../shared/domain';
import type { Directory } from '../../../shared/notify';
import type { Policy } from '../../../shared/policies';
import {
  type CalendarSpec,
  type CaseSla,
  type CompiledCalendar,
  compileCalendar,
  computeCaseSla,
} from '../../../shared/sla';
import type { Person } from '../../../shared/sync';
import type { DeskDb } from '../../db';

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

/** Calendars are compiled once per spec text: reloading settings doesn't recompile what didn't change. */
const compiledBySpec = new Map<string, CompiledCalendar>();

function compile(spec: CalendarSpec): CompiledCalendar {
  const key = JSON.stringify(spec);
  let calendar = compiledBySpec.get(key);
  if (calendar === undefined) {
    calendar = compileCalendar(spec);
    compiledBySpec.set(key, calendar);
  }
  return calendar;
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
  const policyById = new Map(policies.map((p) => [p.id, p]));
  const policyByKind = new Map(policies.map((p) => [p.caseKind, p]));
  const specById = new Map(specs.map((s) => [s.id, s]));
  const people = new Map(directory.people.map((p) => [p.id, p]));
  const calendar = (id: string): CompiledCalendar | null => {
    const spec = specById.get(id);
    return spec === undefined ? null : compile(spec);
  };
  const policyOf = (kase: Case) => policyById.get(kase.policyId) ?? policyByKind.get(kase.kind);
  const calendarOf = (kase: Case): CompiledCalendar | null => {
    const policy = policyOf(kase);
    return calendar(kase.calendarId) ?? (policy === undefined ? null : calendar(policy.calendarId));
  };
  const deskCalendarId = policyByKind.get('query')?.calendarId ?? specs[0]?.id ?? null;
  return {
    policies,
    directory,
    policyOf,
    calendar,
    calendarOf,
    workingCalendarOf: (person) =>
      (person.calendarId ? calendar(person.calendarId) : null) ??
      (deskCalendarId === null ? null : calendar(deskCalendarId)),
    sla(kase, events, now) {
      const policy = policyOf(kase);
      const cal = calendarOf(kase);
      return policy === undefined || cal === null ? null : computeCaseSla(kase, events, policy, cal, now);
    },
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
