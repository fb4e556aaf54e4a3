// Reads the agent is waiting for (a search) come first: background readers of many cases wait for them.

/**
 * IndexedDB answers an origin's requests one after another, so a search made just after opening the app waited
 * behind the queue's book, the saved views' counts and the services' first reads of thousands of cases (its
 * first screen's rows took 180–360 ms to read at 100,000 cases). While any foreground read is out, those wait.
 * One gate per JavaScript realm: the page's (the book, the counts, the services) and the search worker's (its
 * check of every case against the index).
 */
let held = 0;
/** When the last foreground read settled. */
let lastEnded = Number.NEGATIVE_INFINITY;
const listeners = new Set<(busy: boolean) => void>();
const idleWaiters = new Set<() => void>();

/** The longest one foreground read holds the background back (a first index build may take minutes). */
const HOLD_MAX_MS = 3000;

/** Runs `work` as a foreground read: background readers wait until it settles (or three seconds pass). */
export function inForeground<T>(work: Promise<T>): Promise<T> {
  if (held++ === 0) for (const listener of listeners) listener(true);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    clearTimeout(timer);
    lastEnded = performance.now();
    if (--held > 0) return;
    for (const listener of listeners) listener(false);
    for (const wake of [...idleWaiters]) wake();
    idleWaiters.clear();
  };
  const timer = setTimeout(release, HOLD_MAX_MS);
  return work.finally(release);
}

/**
 * Settles at once when no foreground read is out, else when the last one settles; with `quietMs`, only once
 * none has been out for that long either (work that would hold a search long goes between searches).
 */
export async function foregroundIdle(quietMs = 0): Promise<void> {
  for (;;) {
    if (held > 0) {
      await new Promise<void>((resolve) => idleWaiters.add(resolve));
      continue;
    }
    const wait = lastEnded + quietMs - performance.now();
    if (wait <= 0) return;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** Tells `listener` when foreground reads start (true) and when the last ends (false); returns the unsubscribe. */
export function onForeground(listener: (busy: boolean) => void): () => void {
  listeners.add(listener);
  if (held > 0) listener(true);
  return () => {
    listeners.delete(listener);
  };
}
