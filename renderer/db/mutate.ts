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
  refKey,
  type WritableRows,
  type WritableTable,
} from '../../shared/sync';
import { toStoreError } from './errors';
import { type CaseRow, type DeskDb, fromCaseRow, toCaseRow } from './schema';
import type { CaseStore, CommittedChange } from './store';
import { timelineOf, timelinesOf } from './timelines';

export interface MutationResult {
  readonly mutation: Mutation;
  readonly changes: readonly RowChange[];
  /** The cases as stored afterwards (with their SLA summaries): a new case's id is `cases[0].id`. */
  readonly cases: readonly CaseRow[];
}

const LAST_MUTATION_ID = 'lastMutationId';

/**
 * Makes a change: runs the named mutator on the current rows and commits its rows AND its outbox entry in one
 * IndexedDB transaction, so a change is either saved and queued for the server, or not saved at all.
 *
 * Throws a MutationError (the input or the case's state refuses it; nothing was written) or a StoreError
 * (the database failed; nothing was written either). Both carry a message to show as it is.
 */
export async function runMutation<N extends MutatorName>(
  store: CaseStore,
  name: N,
  args: MutatorArgs<N>,
): Promise<MutationResult> {
  const prepared = prepareMutation(name, args);
  const { db } = store;
  const now = store.clock.now();
  let result: MutationResult;
  try {
    result = await db.transaction('rw', writableTables(db), async () => {
      const last = await db.meta.get(LAST_MUTATION_ID);
      const mutation: Mutation = {
        clientId: store.clientId,
        id: (typeof last?.value === 'number' ? last.value : 0) + 1,
        name,
        args,
        createdAt: now.toISOString(),
      };
      const rows = await readRows(db, prepared.reads);
      const changes = prepared.run(rows, contextFor(mutation, store.actorId));
      const cases = await write(store, changes, now);
      await db.outbox.add(mutation);
      await db.meta.put({ key: LAST_MUTATION_ID, value: mutation.id });
      return { mutation, changes, cases };
    });
  } catch (error) {
    if (error instanceof MutationError) throw error;
    throw toStoreError(error);
  }
  notify(store, result);
  return result;
}

/**
 * Re-runs a queued mutation on the rows as they are now, without queueing it again: the rebase after a pull
 * (the server's rows applied, acknowledged mutations dropped, the rest replayed). Same id, same createdAt,
 * so the same ids and events come out. A MutationError means the change no longer applies.
 */
export async function replayMutation(store: CaseStore, mutation: Mutation): Promise<readonly RowChange[]> {
  const prepared = prepareMutation(mutation.name, mutation.args);
  const { db } = store;
  const now = store.clock.now();
  let changes: RowChange[];
  try {
    changes = await db.transaction('rw', writableTables(db), async () => {
      const rows = await readRows(db, prepared.reads);
      const made = prepared.run(rows, contextFor(mutation, store.actorId));
      await write(store, made, now);
      return made;
    });
  } catch (error) {
    if (error instanceof MutationError) throw error;
    throw toStoreError(error);
  }
  notify(store, { mutation, changes });
  return changes;
}

/**
 * Writes rows that come from elsewhere (a pull patch from the server) in one transaction, deriving the SLA
 * summary and index fields of every case they touch.
 */
export async function applyChanges(store: CaseStore, changes: readonly RowChange[]): Promise<void> {
  const { db } = store;
  try {
    await db.transaction('rw', writableTables(db), () => write(store, changes, store.clock.now()));
  } catch (error) {
    throw toStoreError(error);
  }
  notify(store, { mutation: null, changes });
}

function writableTables(db: DeskDb) {
  return [
    db.cases,
    db.events,
    db.contacts,
    db.outboundMessages,
    db.savedViews,
    db.people,
    db.policies,
    db.outbox,
    db.meta,
  ];
}

function notify(store: CaseStore, change: CommittedChange): void {
  for (const listener of store.listeners) {
    try {
      listener(change);
    } catch (error) {
      console.error('A listener of committed changes failed', error);
    }
  }
}

/** The rows a mutator asked for, as domain objects. */
export async function readRows(db: DeskDb, reads: ReadSet): Promise<MutationRows> {
  const [byId, byRef, eventsById, eventsOfCases, people, policies, messages] = await Promise.all([
    reads.caseIds?.length ? db.cases.bulkGet([...reads.caseIds]) : [],
    reads.caseRefs?.length ? db.cases.where('refKey').anyOf(reads.caseRefs.map(refKey)).toArray() : [],
    reads.eventIds?.length ? db.events.bulkGet([...reads.eventIds]) : [],
    reads.eventsOfCases?.length ? timelinesOf(db, reads.eventsOfCases) : new Map<string, CaseEvent[]>(),
    reads.personIds?.length ? db.people.bulkGet([...reads.personIds]) : [],
    db.policies.toArray(),
    reads.outboundMessageIds?.length ? db.outboundMessages.bulkGet([...reads.outboundMessageIds]) : [],
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
  };
}

async function storedCase(db: DeskDb, id: string): Promise<Case | null> {
  const row = await db.cases.get(id);
  return row === undefined ? null : fromCaseRow(row);
}

type Grouped = { [T in WritableTable]: { puts: WritableRows[T][]; dels: string[] } };

/** Applies the row changes; each case written gets its SLA summary from its whole timeline. */
async function write(store: CaseStore, changes: readonly RowChange[], now: Date): Promise<CaseRow[]> {
  const { db } = store;
  const grouped: Grouped = {
    cases: { puts: [], dels: [] },
    events: { puts: [], dels: [] },
    contacts: { puts: [], dels: [] },
    outboundMessages: { puts: [], dels: [] },
    savedViews: { puts: [], dels: [] },
  };
  for (const change of changes) {
    if (change.op === 'del') grouped[change.table].dels.push(change.id);
    // TS cannot tie the row's type to its table's list through the union; the change says they match.
    else (grouped[change.table].puts as WritableRows[typeof change.table][]).push(change.row);
  }
  // Every case whose row or timeline changed gets its summary again (a patch may bring events alone).
  const touched = new Map<string, Case | null>(grouped.cases.puts.map((kase) => [kase.id, kase]));
  for (const event of grouped.events.puts) if (!touched.has(event.caseId)) touched.set(event.caseId, null);
  const caseRows = await Promise.all(
    [...touched].map(async ([id, written]) => {
      const kase = written ?? (await storedCase(db, id));
      if (kase === null) return null;
      const stored = await timelineOf(db, id);
      const added = grouped.events.puts.filter((e) => e.caseId === id);
      const ids = new Set(added.map((e) => e.id));
      const history = [...stored.filter((e) => !ids.has(e.id)), ...added];
      return toCaseRow(kase, store.slaOf(kase, history, now));
    }),
  ).then((rows) => rows.filter((row) => row !== null));
  await Promise.all([
    caseRows.length > 0 ? db.cases.bulkPut(caseRows) : null,
    grouped.events.puts.length > 0 ? db.events.bulkPut(grouped.events.puts) : null,
    grouped.contacts.puts.length > 0 ? db.contacts.bulkPut(grouped.contacts.puts) : null,
    grouped.outboundMessages.puts.length > 0
      ? db.outboundMessages.bulkPut(grouped.outboundMessages.puts)
      : null,
    grouped.savedViews.puts.length > 0 ? db.savedViews.bulkPut(grouped.savedViews.puts) : null,
  ]);
  await Promise.all([
    grouped.cases.dels.length > 0 ? db.cases.bulkDelete(grouped.cases.dels) : null,
    grouped.events.dels.length > 0 ? db.events.bulkDelete(grouped.events.dels) : null,
    grouped.contacts.dels.length > 0 ? db.contacts.bulkDelete(grouped.contacts.dels) : null,
    grouped.outboundMessages.dels.length > 0
      ? db.outboundMessages.bulkDelete(grouped.outboundMessages.dels)
      : null,
    grouped.savedViews.dels.length > 0 ? db.savedViews.bulkDelete(grouped.savedViews.dels) : null,
  ]);
  return caseRows;
}
