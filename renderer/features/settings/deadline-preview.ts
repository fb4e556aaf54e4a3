/**
 * What an edit to a policy or calendar would do to the desk before it is saved: every open case's SLA is
 * computed under the rules as stored and as edited, and the deadlines that move are listed. Cases whose policy
 * and calendar the edit leaves alone are not computed at all.
 */
import Dexie from 'dexie';
import { type CaseSla, computeCaseSla } from '../../../shared/case-sla';
import type { Case, CaseEvent } from '../../../shared/domain';
import type { Policy } from '../../../shared/policies';
import {
  type CalendarSpec,
  type ClockState,
  type CompiledCalendar,
  compileCalendar,
  type SlaClock,
} from '../../../shared/sla';
import { type CaseStore, fromCaseRow, timelinesOf } from '../../db';

/** The desk's policies and calendars: as stored, or with one of them edited. */
export interface DeskRules {
  policies: readonly Policy[];
  calendars: readonly CalendarSpec[];
}

/**
 * `earlier` / `later`: the deadline moves. `added` / `removed`: a deadline appears or goes (a clock that was
 * owed is no longer, or the other way round). `due-now`: an escalation step that was not due becomes due at
 * once (the runner carries it out right after saving).
 */
export type MoveDirection = 'earlier' | 'later' | 'added' | 'removed' | 'due-now';

export interface DeadlineMove {
  /** The target's id, or null for the escalation ladder. */
  targetId: string | null;
  /** "Respond within 24 hours", "Next escalation step", "Escalation step: Day 4: …". */
  name: string;
  before: Date | null;
  after: Date | null;
  direction: MoveDirection;
  /** The clock's state under each version (null for ladder entries, or where there is no such clock). */
  stateBefore: ClockState | null;
  stateAfter: ClockState | null;
}

export interface CaseMoves {
  caseId: string;
  ref: string;
  subject: string;
  moves: DeadlineMove[];
}

export interface DeadlinePreview {
  /** Open cases the edit concerns (their policy or calendar is the edited one). */
  checked: number;
  /** Those whose deadlines move, soonest new deadline first. */
  cases: CaseMoves[];
}

interface Rules {
  policy: Policy;
  calendar: CompiledCalendar;
}

/** A case's policy and calendar, chosen as the store's SLA function chooses them (see createSlaOf). */
export type RulesOf = (kase: Case) => Rules | null;

// A calendar is compiled once per spec object: the edited rules reuse the stored, unchanged ones.
const compiled = new WeakMap<CalendarSpec, CompiledCalendar>();
function compiledCalendar(spec: CalendarSpec): CompiledCalendar {
  let calendar = compiled.get(spec);
  if (calendar === undefined) {
    calendar = compileCalendar(spec);
    compiled.set(spec, calendar);
  }
  return calendar;
}

export function rulesOf(rules: DeskRules): RulesOf {
  const policyById = new Map(rules.policies.map((p) => [p.id, p]));
  const policyByKind = new Map(rules.policies.map((p) => [p.caseKind, p]));
  const specById = new Map(rules.calendars.map((c) => [c.id, c]));
  return (kase) => {
    const policy = policyById.get(kase.policyId) ?? policyByKind.get(kase.kind);
    if (policy === undefined) return null;
    const spec = specById.get(kase.calendarId) ?? specById.get(policy.calendarId);
    return spec === undefined ? null : { policy, calendar: compiledCalendar(spec) };
  };
}

/** Whether an edit can change this case's SLA at all (its policy or calendar object differs). */
export function concerns(before: Rules | null, after: Rules | null): boolean {
  return before?.policy !== after?.policy || before?.calendar !== after?.calendar;
}

const OWED: ReadonlySet<ClockState> = new Set(['running', 'at-risk', 'paused', 'open']);

/** The deadline a clock still holds the desk to, or null (pending, met, used, closed). */
function owedDeadline(clock: SlaClock | undefined): Date | null {
  if (clock === undefined || clock.dueAt === null) return null;
  if (OWED.has(clock.state) || (clock.state === 'breached' && clock.metAt === null)) return clock.dueAt;
  return null;
}

function direction(before: Date | null, after: Date | null): MoveDirection | null {
  if (before === null && after === null) return null;
  if (before === null) return 'added';
  if (after === null) return 'removed';
  const delta = after.getTime() - before.getTime();
  return delta === 0 ? null : delta < 0 ? 'earlier' : 'later';
}

/** The deadlines of one case that differ between two SLA computations (either may be null: no SLA). */
export function compareSla(
  before: CaseSla | null,
  after: CaseSla | null,
  names: DeadlineNames,
): DeadlineMove[] {
  const moves: DeadlineMove[] = [];
  const clocksBefore = new Map(before?.clocks.map((c) => [c.targetId, c]));
  const clocksAfter = new Map(after?.clocks.map((c) => [c.targetId, c]));
  for (const targetId of new Set([...clocksBefore.keys(), ...clocksAfter.keys()])) {
    const b = clocksBefore.get(targetId);
    const a = clocksAfter.get(targetId);
    const dueBefore = owedDeadline(b);
    const dueAfter = owedDeadline(a);
    const moved = direction(dueBefore, dueAfter);
    if (moved === null) continue;
    moves.push({
      targetId,
      name: names.target(targetId),
      before: dueBefore,
      after: dueAfter,
      direction: moved,
      stateBefore: b?.state ?? null,
      stateAfter: a?.state ?? null,
    });
  }
  const nextBefore = before?.escalation.nextAt ?? null;
  const nextAfter = after?.escalation.nextAt ?? null;
  const nextMoved = direction(nextBefore, nextAfter);
  if (nextMoved !== null) {
    moves.push(ladderMove('Next escalation step', nextBefore, nextAfter, nextMoved));
  }
  const dueBefore = new Set(before?.escalation.due.map((s) => s.id));
  for (const step of after?.escalation.due ?? []) {
    if (!dueBefore.has(step.id)) {
      moves.push(ladderMove(`Escalation step: ${names.rule(step.ruleId)}`, null, step.dueAt, 'due-now'));
    }
  }
  return moves;
}

function ladderMove(
  name: string,
  before: Date | null,
  after: Date | null,
  moved: MoveDirection,
): DeadlineMove {
  return { targetId: null, name, before, after, direction: moved, stateBefore: null, stateAfter: null };
}

export interface DeadlineNames {
  target(id: string): string;
  rule(id: string): string;
}

/** Target and rule names from the edited policy first (a renamed target reads as it will), then the stored one. */
function namesFrom(...policies: (Policy | undefined)[]): DeadlineNames {
  const find = (pick: (p: Policy) => readonly { id: string; name: string }[], id: string) => {
    for (const policy of policies) {
      const found = policy && pick(policy).find((x) => x.id === id);
      if (found) return found.name;
    }
    return id;
  };
  return { target: (id) => find((p) => p.targets, id), rule: (id) => find((p) => p.ladder, id) };
}

/** The moves of one case between two sets of rules, computed at `now`; empty when nothing moves. */
export function caseMoves(
  kase: Case,
  events: readonly CaseEvent[],
  before: Rules | null,
  after: Rules | null,
  now: Date,
): DeadlineMove[] {
  const slaBefore = before && computeCaseSla(kase, events, before.policy, before.calendar, now);
  const slaAfter = after && computeCaseSla(kase, events, after.policy, after.calendar, now);
  return compareSla(slaBefore, slaAfter, namesFrom(after?.policy, before?.policy));
}

export interface PreviewOptions {
  /** When the SLA is computed (default: the store's clock). */
  now?: Date;
  /** Open cases read per step (default 500): each step is one read, then the thread is given back to the UI. */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Every open case of the store whose deadlines would move if `edited` replaced `current`. Works through the
 * open cases in chunks, yielding to the UI between them; an aborted signal stops it with an AbortError.
 */
export async function previewDeadlineMoves(
  store: CaseStore,
  current: DeskRules,
  edited: DeskRules,
  options: PreviewOptions = {},
): Promise<DeadlinePreview> {
  const { db } = store;
  const now = options.now ?? store.clock.now();
  const chunkSize = options.chunkSize ?? 500;
  const before = rulesOf(current);
  const after = rulesOf(edited);
  const ids = await db.cases
    .where('[open+urgency]')
    .between([1, Dexie.minKey], [1, Dexie.maxKey])
    .primaryKeys();
  const moved: (CaseMoves & { first: number })[] = [];
  let checked = 0;
  options.onProgress?.(0, ids.length);
  for (let from = 0; from < ids.length; from += chunkSize) {
    options.signal?.throwIfAborted();
    const rows = await db.cases.bulkGet(ids.slice(from, from + chunkSize));
    const concerned: { kase: Case; before: Rules | null; after: Rules | null }[] = [];
    for (const row of rows) {
      if (row === undefined || row.open !== 1) continue;
      const kase = fromCaseRow(row);
      const rulesBefore = before(kase);
      const rulesAfter = after(kase);
      if (concerns(rulesBefore, rulesAfter)) concerned.push({ kase, before: rulesBefore, after: rulesAfter });
    }
    checked += concerned.length;
    const timelines = await timelinesOf(
      db,
      concerned.map((c) => c.kase.id),
    );
    for (const { kase, before: rulesBefore, after: rulesAfter } of concerned) {
      const moves = caseMoves(kase, timelines.get(kase.id) ?? [], rulesBefore, rulesAfter, now);
      if (moves.length === 0) continue;
      const first = Math.min(
        ...moves.map((m) => (m.after ?? m.before)?.getTime() ?? Number.POSITIVE_INFINITY),
      );
      moved.push({ caseId: kase.id, ref: kase.ref, subject: kase.subject, moves, first });
    }
    options.onProgress?.(Math.min(from + chunkSize, ids.length), ids.length);
    // Give the UI a turn to paint the progress and answer input.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  options.signal?.throwIfAborted();
  moved.sort((a, b) => a.first - b.first || a.ref.localeCompare(b.ref));
  return { checked, cases: moved.map(({ first, ...rest }) => rest) };
}

/** `current` with one policy or calendar replaced by its edited version (same id). */
export function withEdited(
  current: DeskRules,
  edit: { policy: Policy } | { calendar: CalendarSpec },
): DeskRules {
  if ('policy' in edit) {
    return { ...current, policies: current.policies.map((p) => (p.id === edit.policy.id ? edit.policy : p)) };
  }
  return {
    ...current,
    calendars: current.calendars.map((c) => (c.id === edit.calendar.id ? edit.calendar : c)),
  };
}
