/**
 * Applying a page pulled from the server (the rebase): in one transaction the store goes back to the
 * server-confirmed rows, takes the server's patch, drops the changes the server has processed, notes the ones
 * it refused, and replays what is still pending on top through the same mutators. A refused change therefore
 * disappears cleanly (its rows were never confirmed), and a pending one survives others' changes.
 */

import {
  type Mutation,
  MutationError,
  type PullResponse,
  type RowChange,
  type SlaOf,
  WRITABLE_TABLES,
  type WritableTable,
} from '../../shared/sync';
import { toStoreError } from './errors';
import { notify, replayQueued } from './mutate';
import { PULL_REFUSED, recordConflict, recordRejection, settleProblems } from './problems';
import { putCases } from './put-cases';
import { type CaseRow, type DeskDb, fromCaseRow, type ShadowRow } from './schema';
import { recomputeSla } from './sla';
import { type CaseStore, loadSlaOf, META, metaNumber } from './store';
import { firstSyncOf, setFirstSync, storeTables, syncedTable, write } from './write';

export interface PullApplied {
  /** Case rows the page carried (the first sync's progress counts them). */
  readonly casesReceived: number;
  /** Outbox rows the server has processed, now dropped. */
  readonly acknowledged: number;
  /** Rejections and conflicts newly listed as sync problems. */
  readonly newProblems: number;
  /** Mutations still queued after the page. */
  readonly pending: number;
}

/**
 * Applies one pull page. Acknowledged changes leave the outbox on the last page of a pull only (`more`
 * false). A replay that no longer applies is listed as a sync problem (on the last page only too: a middle page
 * may lack rows a later one brings) and stays queued, because only the server decides. When the page changed policies or calendars, every open case's SLA summary is refreshed after.
 */
export async function applyPull(store: CaseStore, response: PullResponse): Promise<PullApplied> {
  const { db } = store;
  const now = store.clock.now();
  const at = now.toISOString();
  let slaOf = store.slaOf;
  let settingsChanged = false;
  const touched: RowChange[] = [];
  let applied: PullApplied;
  try {
    applied = await db.transaction('rw', storeTables(db), async () => {
      await followFirstSync(db, await metaNumber(db, META.cookie));

      const shadows = await db.shadow.toArray();
      const reverted = await revert(db, shadows);
      touched.push(...reverted);
      if (reverted.some((c) => c.table === 'policies' || c.table === 'calendars')) {
        slaOf = await loadSlaOf(db);
        settingsChanged = true;
      }
      const patched = await write(db, response.changes, {
        now,
        slaOf,
        shadow: false,
        alsoDerive: revertedCaseIds(shadows),
      });
      touched.push(...response.changes);
      if (patched.slaOf !== null) {
        slaOf = patched.slaOf;
        settingsChanged = true;
      }

      const outbox = await db.outbox.toArray();
      let newProblems = 0;
      for (const rejection of response.rejections) {
        if (rejection.clientId !== store.clientId) continue;
        const mutation = outbox.find((m) => m.id === rejection.id);
        if (mutation === undefined || isLostRace(mutation)) continue;
        if (await recordRejection(db, mutation, rejection.error, at)) newProblems++;
      }
      // Only the last page of a catch-up holds every row up to the acknowledgements it carries: a middle page's
      // acknowledged changes may have rows still to come, so they stay queued (and replayed) until then.
      const ackedUpTo = response.more ? undefined : response.lastMutationIds[store.clientId];
      const processed = ackedUpTo === undefined ? [] : outbox.filter((m) => m.id <= ackedUpTo);
      const pending = outbox.slice(processed.length);
      if (processed.length > 0) {
        await db.outbox.bulkDelete(processed.map((m) => m.id));
        await settleProblems(db, processed);
      }
      if (ackedUpTo !== undefined && ackedUpTo > (await metaNumber(db, META.lastAckedMutationId))) {
        await db.meta.put({ key: META.lastAckedMutationId, value: ackedUpTo });
      }

      await db.shadow.clear();
      for (const mutation of pending) {
        const outcome = await replay(db, mutation, { now, slaOf }, !response.more, at);
        if (outcome.problem) newProblems++;
        touched.push(...outcome.changes);
        if (outcome.slaOf !== null) {
          slaOf = outcome.slaOf;
          settingsChanged = true;
        }
      }

      await db.syncProblems.delete(PULL_REFUSED);
      await db.meta.put({ key: META.cookie, value: response.cookie });
      return {
        casesReceived: response.changes.filter((c) => c.table === 'cases' && c.op === 'put').length,
        acknowledged: processed.length,
        newProblems,
        pending: pending.length,
      };
    });
  } catch (error) {
    setFirstSync(db, null);
    throw toStoreError(error);
  }
  const firstSync = firstSyncOf(db);
  const moreToCome = firstSync !== undefined && response.more;
  if (firstSync) {
    if (response.more) firstSync.cookie = response.cookie;
    else setFirstSync(db, null);
  }
  if (settingsChanged) store.slaOf = slaOf;
  notify(store, {
    mutation: null,
    changes: lastOfEach(touched),
    ...(moreToCome ? { firstSync: true as const } : {}),
  });
  if (settingsChanged) await recomputeSla(store, { all: true });
  return applied;
}

/**
 * An empty store pulling from cookie 0 starts a first sync; a store whose cookie is not where the session
 * left it has left the session (another pull, a restart), and reads timelines as usual again.
 */
async function followFirstSync(db: DeskDb, cookie: number): Promise<void> {
  const session = firstSyncOf(db);
  if (session !== undefined && session.cookie === cookie) return;
  setFirstSync(db, null);
  if (cookie !== 0) return;
  const [anyCase, anyEvent] = await Promise.all([
    db.cases.limit(1).primaryKeys(),
    db.events.limit(1).primaryKeys(),
  ]);
  if (anyCase.length === 0 && anyEvent.length === 0) setFirstSync(db, { cookie: 0, eventCases: new Set() });
}

/** Puts every kept confirmed row back (deleting rows that did not exist); returns what that changed. */
async function revert(db: DeskDb, shadows: readonly ShadowRow[]): Promise<RowChange[]> {
  const byTable = new Map<WritableTable, { puts: unknown[]; dels: string[] }>();
  const changes: RowChange[] = [];
  for (const shadow of shadows) {
    let entry = byTable.get(shadow.table);
    if (entry === undefined) {
      entry = { puts: [], dels: [] };
      byTable.set(shadow.table, entry);
    }
    if (shadow.row === null) {
      entry.dels.push(shadow.id);
      changes.push({ op: 'del', table: shadow.table, id: shadow.id });
    } else {
      entry.puts.push(shadow.row);
      const row = shadow.table === 'cases' ? fromCaseRow(shadow.row) : shadow.row;
      // The row came from the shadow's own table.
      changes.push({ op: 'put', table: shadow.table, row } as RowChange);
    }
  }
  await Promise.all(
    WRITABLE_TABLES.flatMap((table) => {
      const entry = byTable.get(table);
      if (entry === undefined) return [];
      const target = syncedTable(db, table) as unknown as { bulkPut(rows: unknown[]): Promise<unknown> };
      return [
        entry.puts.length === 0
          ? null
          : table === 'cases'
            ? putCases(db, entry.puts as CaseRow[])
            : target.bulkPut(entry.puts),
        entry.dels.length > 0 ? syncedTable(db, table).bulkDelete(entry.dels) : null,
      ];
    }),
  );
  return changes;
}

/** Cases whose row or timeline was put back: their summaries are derived again from what they now hold. */
function revertedCaseIds(shadows: readonly ShadowRow[]): string[] {
  const ids = new Set<string>();
  for (const shadow of shadows) {
    if (shadow.table === 'cases') ids.add(shadow.id);
    else if (shadow.table === 'events' && shadow.row !== null) ids.add(shadow.row.caseId);
  }
  return [...ids];
}

async function replay(
  db: DeskDb,
  mutation: Mutation,
  options: { now: Date; slaOf: SlaOf },
  final: boolean,
  at: string,
): Promise<{ changes: readonly RowChange[]; slaOf: SlaOf | null; problem: boolean }> {
  try {
    const { changes, written } = await replayQueued(db, mutation, options);
    return { changes, slaOf: written?.slaOf ?? null, problem: false };
  } catch (error) {
    if (!(error instanceof MutationError)) throw error;
    const problem = final && !isLostRace(mutation) && (await recordConflict(db, mutation, error.message, at));
    return { changes: [], slaOf: null, problem };
  }
}

/**
 * A claim another desk won (the outbound message it sends instead): the refusal is the answer, not a problem
 * for anyone to retry or discard, so it is dropped with the acknowledgement like any processed change.
 */
function isLostRace(mutation: Mutation): boolean {
  return mutation.name === 'claimOutbound';
}

/** One change per row, the last one: what listeners need to know changed. */
function lastOfEach(changes: readonly RowChange[]): RowChange[] {
  const last = new Map<string, RowChange>();
  for (const change of changes) {
    const key = `${change.table}:${change.op === 'put' ? change.row.id : change.id}`;
    last.delete(key);
    last.set(key, change);
  }
  return [...last.values()];
}
