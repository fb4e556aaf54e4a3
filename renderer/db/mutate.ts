import type { Case, CaseEvent } from '../../shared/domain';
import {
  contextFor,
  type Mutation,
  MutationError,
  type MutationRows,
  type MutatorArgs,
  type MutatorName,
  type OutboundMessage,
  type Person,
  prepareMutation,
  type ReadSet,
  type RowChange,
  type RowsByTable,
  refKey,
  type SlaOf,
  type WritableTable,
} from '../../shared/sync';
import { toStoreError } from './errors';
import { type CaseRow, type DeskDb, fromCaseRow } from './schema';
import { type CaseStore, type CommittedChange, META, metaNumber } from './store';
import { timelinesOf } from './timelines';
import { effectiveChanges, storeTables, syncedTable, type Written, write } from './write';

export interface MutationResult {
  /** The mutation as queued; null when it changed nothing (then nothing was written or queued). */
  readonly mutation: Mutation | null;
  /** Whether the change was written and queued for the server. */
  readonly queued: boolean;
  /** The row changes written (none when nothing changed). */
  readonly changes: readonly RowChange[];
  /** The cases as stored afterwards (with their SLA summaries): a new case's id is `cases[0].id`. */
  readonly cases: readonly CaseRow[];
}

export interface RunMutationOptions {
  /**
   * Who makes the change when it is not `store.actorId`: "who I am" adding a new person to the directory
   * makes that change as the new person.
   */
  actorId?: string | null;
}

/**
 * Makes a change: runs the named mutator on the current rows and commits its rows AND its outbox entry in one
 * IndexedDB transaction, so a change is either saved and queued for the server, or not saved at all. The
 * mutation records who made it (`actorId`), so a replay after someone else signs in still names the maker.
 * A change that would leave every row as it is writes and queues nothing (`queued: false`).
 *
 * Throws a MutationError (the input or the case's state refuses it; nothing was written) or a StoreError
 * (the database failed; nothing was written either). Both carry a message to show as it is. After a policy
 * or calendar change the caller refreshes the stored SLA summaries (`recomputeSla(store, { all: true })`).
 */
export async function runMutation<N extends MutatorName>(
  store: CaseStore,
  name: N,
  args: MutatorArgs<N>,
  options: RunMutationOptions = {},
): Promise<MutationResult> {
  const prepared = prepareMutation(name, args);
  const { db } = store;
  const now = store.clock.now();
  const actorId = options.actorId === undefined ? store.actorId : options.actorId;
  let outcome: { result: MutationResult; slaOf: SlaOf | null };
  try {
    outcome = await db.transaction('rw', storeTables(db), async () => {
      const mutation: Mutation = {
        clientId: store.clientId,
        id: (await metaNumber(db, META.lastMutationId)) + 1,
        name,
        args,
        createdAt: now.toISOString(),
        actorId,
      };
      const rows = await readRows(db, prepared.reads, actorId);
      const changes = await effectiveChanges(db, prepared.run(rows, contextFor(mutation, actorId)));
      if (changes.length === 0) {
        return { result: { mutation: null, queued: false, changes, cases: [] }, slaOf: null };
      }
      const written = await write(db, changes, { now, slaOf: store.slaOf, shadow: true });
      await db.outbox.add(mutation);
      await db.meta.put({ key: META.lastMutationId, value: mutation.id });
      return { result: { mutation, queued: true, changes, cases: written.cases }, slaOf: written.slaOf };
    });
  } catch (error) {
    if (error instanceof MutationError) throw error;
    throw toStoreError(error);
  }
  if (outcome.slaOf !== null) store.slaOf = outcome.slaOf;
  if (outcome.result.queued) notify(store, outcome.result);
  return outcome.result;
}

export interface Replayed {
  readonly changes: readonly RowChange[];
  readonly written: Written | null;
}

/**
 * Re-runs a queued mutation on the rows as they are now, inside the caller's transaction, without queueing it
 * again: the rebase after a pull. Same id, same createdAt, same actor, so the same ids and events come out.
 * Throws a MutationError when the change no longer applies (any failure of the mutator itself counts as one,
 * so one bad change cannot stop every pull behind it); database errors pass through.
 */
export async function replayQueued(
  db: DeskDb,
  mutation: Mutation,
  options: { now: Date; slaOf: SlaOf },
): Promise<Replayed> {
  const actorId = mutation.actorId ?? null;
  const prepared = pure(() => prepareMutation(mutation.name, mutation.args));
  const rows = await readRows(db, prepared.reads, actorId);
  const made = pure(() => prepared.run(rows, contextFor(mutation, actorId)));
  const changes = await effectiveChanges(db, made);
  if (changes.length === 0) return { changes, written: null };
  const written = await write(db, changes, { ...options, shadow: true });
  return { changes, written };
}

/** Runs the mutator's own (pure) code: whatever it throws is the change not applying. */
function pure<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof MutationError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new MutationError('invalid', `Desk couldn't apply this change again (${detail}).`);
  }
}

export function notify(store: CaseStore, change: CommittedChange): void {
  for (const listener of store.listeners) {
    try {
      listener(change);
    } catch (error) {
      console.error('A listener of committed changes failed', error);
    }
  }
}

/** The rows a mutator asked for, as domain objects, and the directory row of the person making the change. */
export async function readRows(
  db: DeskDb,
  reads: ReadSet,
  actorId: string | null = null,
): Promise<MutationRows> {
  const [byId, byRef, eventsById, eventsOfCases, people, policies, messages, rowsById, actor] =
    await Promise.all([
      reads.caseIds?.length ? db.cases.bulkGet([...reads.caseIds]) : [],
      reads.caseRefs?.length ? db.cases.where('refKey').anyOf(reads.caseRefs.map(refKey)).toArray() : [],
      reads.eventIds?.length ? db.events.bulkGet([...reads.eventIds]) : [],
      reads.eventsOfCases?.length ? timelinesOf(db, reads.eventsOfCases) : new Map<string, CaseEvent[]>(),
      reads.personIds?.length ? db.people.bulkGet([...reads.personIds]) : [],
      db.policies.toArray(),
      reads.outboundMessageIds?.length ? db.outboundMessages.bulkGet([...reads.outboundMessageIds]) : [],
      reads.rowsById ? readRowsById(db, reads.rowsById) : undefined,
      actorId === null ? undefined : db.people.get(actorId),
    ]);
  const cases = new Map<string, Case>();
  for (const row of [...byId, ...byRef]) if (row) cases.set(row.id, fromCaseRow(row));
  const events = new Map<string, CaseEvent>();
  for (const event of [...eventsById, ...[...eventsOfCases.values()].flat()])
    if (event) events.set(event.id, event);
  const found: Person[] = [];
  for (const person of people) if (person) found.push(person);
  const outboundMessages: OutboundMessage[] = [];
  for (const message of messages) if (message) outboundMessages.push(message);
  return {
    cases: [...cases.values()],
    events: [...events.values()],
    people: found,
    policies,
    outboundMessages,
    ...(rowsById === undefined ? {} : { rowsById }),
    actor: actor ?? null,
  };
}

async function readRowsById(
  db: DeskDb,
  wanted: { readonly [T in WritableTable]?: readonly string[] },
): Promise<RowsByTable> {
  const entries = await Promise.all(
    (Object.keys(wanted) as WritableTable[]).map(async (table) => {
      const ids = wanted[table] ?? [];
      const rows = ids.length > 0 ? await syncedTable(db, table).bulkGet([...ids]) : [];
      const found = rows.flatMap((row) =>
        row === undefined ? [] : [table === 'cases' ? fromCaseRow(row as CaseRow) : row],
      );
      return [table, found] as const;
    }),
  );
  return Object.fromEntries(entries) as RowsByTable;
}
