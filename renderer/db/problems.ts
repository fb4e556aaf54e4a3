/**
 * Recording what the person must hear about their changes: a rejection (once per mutation, even when the
 * push answer and a pull both report it), a change that no longer applies on the server's rows, a request
 * the server refused whole. Each is called inside a transaction that includes `syncProblems`.
 */
import type { Mutation } from '../../shared/sync';
import type { DeskDb, SyncProblem } from './schema';

export function problemId(clientId: string, mutationId: number): string {
  return `${clientId}:${mutationId}`;
}

/** The problem id of a request refused as a whole that names no one change. */
export const PULL_REFUSED = 'request:pull';

function caseIdOf(args: unknown): string | null {
  if (typeof args !== 'object' || args === null || !('caseId' in args)) return null;
  return typeof args.caseId === 'string' ? args.caseId : null;
}

function problemOf(mutation: Mutation, kind: SyncProblem['kind'], error: string, at: string): SyncProblem {
  return {
    id: problemId(mutation.clientId, mutation.id),
    clientId: mutation.clientId,
    mutationId: mutation.id,
    name: mutation.name,
    args: mutation.args,
    error,
    caseId: caseIdOf(mutation.args),
    at,
    kind,
  };
}

/** The server refused the mutation (its effect is rolled back by the next pull). Recorded once. */
export async function recordRejection(
  db: DeskDb,
  mutation: Mutation,
  error: string,
  at: string,
): Promise<boolean> {
  const existing = await db.syncProblems.get(problemId(mutation.clientId, mutation.id));
  if (existing?.kind === 'rejected') return false;
  await db.syncProblems.put(problemOf(mutation, 'rejected', error, at));
  return true;
}

/** The mutation no longer applies on the server's rows; it stays queued for the server to decide. */
export async function recordConflict(
  db: DeskDb,
  mutation: Mutation,
  error: string,
  at: string,
): Promise<boolean> {
  const existing = await db.syncProblems.get(problemId(mutation.clientId, mutation.id));
  if (
    existing !== undefined &&
    (existing.kind !== 'conflict' || existing.discarded || existing.error === error)
  )
    return false;
  await db.syncProblems.put(problemOf(mutation, 'conflict', error, at));
  return true;
}

/**
 * The server refused a request as a whole (4xx): a push names its first mutation, which stays queued and is
 * sent again later; a pull names none.
 */
export async function recordRefused(
  db: DeskDb,
  clientId: string,
  mutation: Mutation | null,
  error: string,
  at: string,
): Promise<void> {
  if (mutation === null) {
    await db.syncProblems.put({
      id: PULL_REFUSED,
      clientId,
      mutationId: null,
      name: 'pull',
      args: null,
      error,
      caseId: null,
      at,
      kind: 'refused',
    });
    return;
  }
  const existing = await db.syncProblems.get(problemId(mutation.clientId, mutation.id));
  if (existing?.kind === 'rejected' || existing?.discarded) return;
  await db.syncProblems.put(problemOf(mutation, 'refused', error, at));
}

/**
 * The server has processed these mutations: what was only provisional about them (a conflict, a refused
 * request, a hidden notice) is settled. Rejections stay listed until the person retries or discards them.
 */
export async function settleProblems(db: DeskDb, processed: readonly Mutation[]): Promise<void> {
  if (processed.length === 0) return;
  const ids = processed.map((m) => problemId(m.clientId, m.id));
  const found = await db.syncProblems.bulkGet(ids);
  const settled = found.flatMap((p) => (p && (p.kind !== 'rejected' || p.discarded) ? [p.id] : []));
  if (settled.length > 0) await db.syncProblems.bulkDelete(settled);
}
