/**
 * Why the store could not do what was asked, in words for the person at the desk. Every failed write rolled
 * back whole: the messages can promise that nothing was half-written.
 */
export type StoreProblem =
  /** The disk (or the browser's share of it) is full. */
  | 'quota'
  /** Another Desk window holds the old version of the store open, so this one cannot upgrade it. */
  | 'blocked'
  /** Another window upgraded the store; this window must reload to keep working. */
  | 'upgraded-elsewhere'
  /** The browser refused storage altogether (private mode, storage disabled, a broken profile). */
  | 'unavailable'
  /** Anything else the database reported. */
  | 'failed';

const MESSAGES: Readonly<Record<StoreProblem, string>> = {
  quota:
    "Desk couldn't save: your disk is full (or the browser's share of it is used up). Nothing was half-written: " +
    'the change was not saved. Free some space and try again.',
  blocked:
    'Desk is updating its local store, but another Desk window is still open on the old version. Close the other ' +
    'Desk windows and this one will carry on by itself.',
  'upgraded-elsewhere':
    'Desk was updated in another window. Reload this window to keep working: everything you saved is kept.',
  unavailable:
    "Desk can't use this browser's storage (it may be in private mode or have storage turned off), so it cannot " +
    'keep cases on this computer.',
  failed: "Desk couldn't save the change, and nothing was half-written: it was not saved. Try again.",
};

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly problem: StoreProblem,
    /** The database's own error, for the log. */
    override readonly cause?: unknown,
  ) {
    super(MESSAGES[problem]);
  }
}

/** The names an error and the errors it wraps carry (Dexie wraps the DOMException as `inner`). */
function errorNames(error: unknown): string[] {
  const names: string[] = [];
  const seen = new Set<unknown>();
  const queue = [error];
  while (queue.length > 0) {
    const next = queue.shift();
    if (typeof next !== 'object' || next === null || seen.has(next)) continue;
    seen.add(next);
    const { name, inner, cause, failures } = next as {
      name?: unknown;
      inner?: unknown;
      cause?: unknown;
      failures?: unknown;
    };
    if (typeof name === 'string') names.push(name);
    queue.push(inner, cause);
    if (Array.isArray(failures)) queue.push(...failures);
  }
  return names;
}

/** The typed error for whatever the database threw. */
export function toStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const names = errorNames(error);
  if (names.includes('QuotaExceededError')) return new StoreError('quota', error);
  if (names.some((n) => n === 'MissingAPIError' || n === 'InvalidStateError' || n === 'SecurityError')) {
    return new StoreError('unavailable', error);
  }
  if (names.includes('DatabaseClosedError') || names.includes('VersionChangeError')) {
    return new StoreError('upgraded-elsewhere', error);
  }
  return new StoreError('failed', error);
}
