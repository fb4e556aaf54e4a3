import type { z } from 'zod';
import { applyCaseEvent, type Case, type CaseEvent, type CaseKind, isOpenStatus } from '../domain';
import type { Policy } from '../policies';
import { notFound } from './errors';
import type { MutationContext } from './mutation';
// In a module of its own so the search worker can import it without the mutators' dependencies.
import { refKey } from './ref-key';
import type { OutboundMessage, Person, RowChange, WritableRows, WritableTable } from './rows';

/** Rows of any synced table, by table: what `ReadSet.rowsById` asks for and `MutationRows.rowsById` holds. */
export type RowsByTable = { readonly [T in WritableTable]?: readonly WritableRows[T][] };

/** The rows a mutation may need to look at, by key. The runner loads them before calling the mutator. */
export interface ReadSet {
  readonly caseIds?: readonly string[];
  readonly caseRefs?: readonly string[];
  /** Events looked up by id: a deterministic id already present means the effect was done once. */
  readonly eventIds?: readonly string[];
  /** Every event of these cases (their timelines). */
  readonly eventsOfCases?: readonly string[];
  readonly personIds?: readonly string[];
  /** Outbound messages by id: a message already queued is not queued again (its status may have moved on). */
  readonly outboundMessageIds?: readonly string[];
  /** Rows of any synced table by id (settings, saved views, imports): found ones land in `rowsById`. */
  readonly rowsById?: { readonly [T in WritableTable]?: readonly string[] };
}

/** The current rows a mutator runs on: whatever the runner found for its ReadSet, plus every policy. */
export interface MutationRows {
  readonly cases: readonly Case[];
  readonly events: readonly CaseEvent[];
  readonly people: readonly Person[];
  readonly policies: readonly Policy[];
  /** The outbound messages asked for by id (absent when none were asked for). */
  readonly outboundMessages?: readonly OutboundMessage[];
  /** The rows asked for with `ReadSet.rowsById` that exist. */
  readonly rowsById?: RowsByTable;
  /**
   * The person making the change as the runner knows them (the client's directory row of its actor; on the
   * server, the signed-in caller), for permission checks; null for nobody in particular (a standalone desk).
   */
  readonly actor?: Person | null;
}

/**
 * One kind of change. `run` is a pure function of the rows, the parsed args and the context, so the client's
 * optimistic run and the server's authoritative run give the same rows.
 */
export interface Mutator<S extends z.ZodType = z.ZodType> {
  readonly args: S;
  /** Completes "Couldn't …" in error messages, e.g. "add the note". */
  readonly action: string;
  reads(args: z.output<S>): ReadSet;
  run(rows: MutationRows, args: z.output<S>, ctx: MutationContext): RowChange[];
}

export function defineMutator<S extends z.ZodType>(mutator: Mutator<S>): Mutator<S> {
  return mutator;
}

export function findCase(rows: MutationRows, id: string): Case {
  const found = rows.cases.find((c) => c.id === id);
  if (!found) throw notFound(`That case isn't in this desk's store any more (id ${id}).`);
  return found;
}

export function findCaseByRef(rows: MutationRows, ref: string): Case {
  const wanted = refKey(ref);
  const found = rows.cases.find((c) => refKey(c.ref) === wanted);
  if (!found)
    throw notFound(`No case has the reference ${ref.trim()}: check the number the requester quoted.`);
  return found;
}

export { refKey };

export function findPerson(rows: MutationRows, id: string, what: string): Person {
  const person = rows.people.find((p) => p.id === id);
  if (!person) throw notFound(`The ${what} isn't in the desk directory (id ${id}).`);
  if (!person.active)
    throw notFound(`${person.name} no longer works at the desk: choose someone else as ${what}.`);
  return person;
}

export function policyForKind(rows: MutationRows, kind: CaseKind, policyId?: string): Policy {
  const policy =
    policyId === undefined
      ? rows.policies.find((p) => p.caseKind === kind)
      : rows.policies.find((p) => p.id === policyId);
  if (!policy) throw notFound(`No policy is set up for ${policyId ?? kind} cases: add one in Settings.`);
  return policy;
}

export function policyForCase(rows: MutationRows, kase: Case): Policy {
  return rows.policies.find((p) => p.id === kase.policyId) ?? policyForKind(rows, kase.kind);
}

/** The case has been answered at least once (its events must be in the rows). */
export function isAcknowledged(rows: MutationRows, kase: Case): boolean {
  return rows.events.some((e) => e.caseId === kase.id && e.type === 'reply-sent');
}

/** Who makes a change, when, and how to name what it records: all an event's builder needs of its context. */
export type EventContext = Pick<MutationContext, 'now' | 'actorId' | 'newId'>;

/** What every event carries, stamped from the context. */
export function eventBase(ctx: EventContext, caseId: string, id = ctx.newId('ev')) {
  return { id, caseId, at: ctx.now, actorId: ctx.actorId };
}

/** The case after these events (through the shared reducer) and the row changes that record them. */
export function record(kase: Case, events: readonly CaseEvent[]): { next: Case; changes: RowChange[] } {
  let next = kase;
  for (const event of events) next = applyCaseEvent(next, event);
  const changes: RowChange[] = [{ op: 'put', table: 'cases', row: next }];
  for (const event of events) changes.push({ op: 'put', table: 'events', row: event });
  return { next, changes };
}

export function isOpen(kase: Case): boolean {
  return isOpenStatus(kase.status);
}
