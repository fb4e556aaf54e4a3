/**
 * What a push locks while it reads, so that only the global version row is held while it writes.
 *
 * Every push first takes advisory locks on the keys of everything it will read (all at once, in the order of
 * their lock numbers, so two pushes never wait on each other in a circle), then reads, runs the mutators in
 * memory, and only then takes the version row in the one statement that writes and commits. The keys it writes
 * but did not lock up front are tried in that statement without waiting (a busy one sends the push round again
 * with that key locked first), so the holder of the version row never waits for anything and versions still
 * commit one after another. The locks are session-level (the push's statements each commit on their own) and
 * are released when the push's connection goes back to the pool, after its write has committed: whoever takes
 * a key next reads what was written under it.
 *
 * The keys:
 * - `case:<id>`: a case and everything that belongs to it (its events and outbound mail). Every mutator that
 *   writes a case's events also puts the case row, so whoever holds this key sees the case's whole timeline
 *   stay as it read it (deterministic effects such as an escalation step are applied once).
 * - `ref:<key>`: which case has a reference (a case created with it, or looked up by it).
 * - `policies`: all policies at once (every mutator reads them all); readers share it.
 * - `people:<id>`: a person of the directory (readers, such as the caller as actor, share it).
 * - `<table>:<id>`: any other row, found or not (a row that may not exist yet, such as a report's mail).
 * - `client:<id>`: a client's mutation sequence.
 * Advisory locks are not row locks: writing a row never waits for a reader's key, only taking a key does.
 */
import type { WritableTable } from '../../shared/sync';
import { refKey } from '../../shared/sync';
import type { Queryable } from '../db/port';

export type LockMode = 'shared' | 'exclusive';

export const POLICIES_KEY = 'policies';

/** Locks held until the transaction ends, or until the session ends (for statements that commit one by one). */
export type LockScope = 'transaction' | 'session';

export const LOCK_FUNCTIONS = {
  transaction: {
    shared: 'pg_advisory_xact_lock_shared',
    exclusive: 'pg_advisory_xact_lock',
    tryExclusive: 'pg_try_advisory_xact_lock',
  },
  session: {
    shared: 'pg_advisory_lock_shared',
    exclusive: 'pg_advisory_lock',
    tryExclusive: 'pg_try_advisory_lock',
  },
} as const;

export const caseKey = (caseId: string): string => `case:${caseId}`;
export const refLockKey = (ref: string): string => `ref:${refKey(ref)}`;
export const clientKey = (clientId: string): string => `client:${clientId}`;

/** The key a row is locked by itself (a case row's is its case's). */
export function rowKey(table: WritableTable, id: string): string {
  if (table === 'cases') return caseKey(id);
  if (table === 'policies') return POLICIES_KEY;
  return `${table}:${id}`;
}

/** A set of keys, each shared or exclusive (exclusive wins when both are asked for). */
export class LockSet {
  private readonly modes = new Map<string, LockMode>();

  add(key: string, mode: LockMode): this {
    if (this.modes.get(key) !== 'exclusive') this.modes.set(key, mode);
    return this;
  }

  addAll(other: LockSet): this {
    for (const [key, mode] of other.modes) this.add(key, mode);
    return this;
  }

  /** Held in this mode or a stronger one. */
  holds(key: string, mode: LockMode): boolean {
    const held = this.modes.get(key);
    return held === 'exclusive' || (held === 'shared' && mode === 'shared');
  }

  get size(): number {
    return this.modes.size;
  }

  entries(): IterableIterator<[string, LockMode]> {
    return this.modes.entries();
  }
}

/**
 * Every key of the set, waiting for each, in the order of their lock numbers (PostgreSQL's 64-bit hash of the
 * key; the aggregate runs over the sorted rows, so no two pushes can each hold what the other waits for). A
 * collision of two keys only makes two pushes wait for each other.
 */
export async function takeLocks(
  tx: Queryable,
  locks: LockSet,
  scope: LockScope = 'transaction',
): Promise<void> {
  if (locks.size === 0) return;
  const { keys, shared } = lockArrays(locks);
  await tx.query(
    `select ${locking(scope)} from (${sortedKeys('unnest($1::text[], $2::boolean[])')}) as sorted`,
    [keys, shared],
    { prepareAs: `desk-push-locks-${scope}` },
  );
}

/** The key and whether it is shared, as two arrays for unnest. */
export function lockArrays(locks: LockSet): { keys: string[]; shared: boolean[] } {
  const keys: string[] = [];
  const shared: boolean[] = [];
  for (const [key, mode] of locks.entries()) {
    keys.push(key);
    shared.push(mode === 'shared');
  }
  return { keys, shared };
}

/** Keys `(k, s)` from `source`, one row per lock number (shared only when every ask for it is), in order. */
export function sortedKeys(source: string): string {
  return `select hashtextextended(k, 0) as h, bool_and(s) as s from ${source} as t (k, s) group by 1 order by 1 offset 0`;
}

/** Takes the locks of the rows `(h, s)` it runs over. */
export function locking(scope: LockScope): string {
  const { shared, exclusive } = LOCK_FUNCTIONS[scope];
  return `count(case when s then ${shared}(h)::text else ${exclusive}(h)::text end) as locked`;
}
