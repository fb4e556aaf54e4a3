/**
 * The "Sync problems" list: changes of this desk the server refused (rolled back here), and changes that no
 * longer apply on the server's newer rows or travelled in a refused request (still queued: the server
 * decides). A refused change can be made again as a new change, or the notice discarded.
 */
import { isMutatorName, MutationError } from '../../shared/sync';
import { type CaseStore, type MutationResult, runMutation, type SyncProblem } from '../db';

const listeners = new WeakMap<CaseStore, Set<() => void>>();

/** Calls `listener` after the problem list of this store changed here (retry, discard, a sync recording one). */
export function onProblemsChanged(store: CaseStore, listener: () => void): () => void {
  let set = listeners.get(store);
  if (set === undefined) {
    set = new Set();
    listeners.set(store, set);
  }
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

/** Tells the problem list's listeners it changed. */
export function problemsChanged(store: CaseStore): void {
  for (const listener of listeners.get(store) ?? []) {
    try {
      listener();
    } catch (error) {
      console.error('A listener of sync problems failed', error);
    }
  }
}

/** The problems to show, oldest first (notices the person discarded are left out). */
export async function listProblems(store: CaseStore): Promise<SyncProblem[]> {
  const problems = await store.db.syncProblems.orderBy('at').toArray();
  return problems.filter((p) => !p.discarded);
}

/** How many problems `listProblems` would show. */
export async function countProblems(store: CaseStore): Promise<number> {
  return store.db.syncProblems.filter((p) => !p.discarded).count();
}

/** Whether the problem's change is still queued (only the server's answer settles it). */
export function isWaiting(problem: SyncProblem): boolean {
  return problem.kind !== 'rejected';
}

/**
 * Makes a refused change again, as a NEW change by whoever is using the app now, on the rows as they are now;
 * the notice goes once it is made. Throws the MutationError that refuses it now (the notice stays), or an
 * error saying why it cannot be retried (already gone; still waiting for the server; its details unknown).
 */
export async function retryProblem(store: CaseStore, id: string): Promise<MutationResult> {
  const problem = await store.db.syncProblems.get(id);
  if (problem === undefined || problem.discarded)
    throw new MutationError('not-found', 'That sync problem is no longer listed: there is nothing to retry.');
  if (isWaiting(problem))
    throw new MutationError(
      'not-allowed',
      'This change is still waiting for the server, which will decide on it: there is nothing to retry yet.',
    );
  if (!isMutatorName(problem.name))
    throw new MutationError(
      'invalid',
      `Desk can't make this change again: it doesn't know "${problem.name}".`,
    );
  // The args were the mutator's when the change was made; runMutation parses them again.
  const result = await runMutation(store, problem.name, problem.args as never);
  await store.db.syncProblems.delete(id);
  problemsChanged(store);
  return result;
}

/**
 * Hides the notice. A rejection still in the outbox, or a change still waiting, keeps a hidden record until
 * the server has processed it, so a later report of the same problem stays hidden too.
 */
export async function discardProblem(store: CaseStore, id: string): Promise<void> {
  const { db } = store;
  await db.transaction('rw', db.syncProblems, db.outbox, async () => {
    const problem = await db.syncProblems.get(id);
    if (problem === undefined) return;
    const queued = problem.mutationId !== null && (await db.outbox.get(problem.mutationId)) !== undefined;
    if (queued && problem.clientId === store.clientId)
      await db.syncProblems.put({ ...problem, discarded: true });
    else await db.syncProblems.delete(id);
  });
  problemsChanged(store);
}
