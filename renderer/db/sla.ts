import Dexie from 'dexie';
import { toStoreError } from './errors';
import { putCases } from './put-cases';
import { type CaseRow, fromCaseRow, toCaseRow } from './schema';
import type { CaseStore } from './store';
import { timelinesOf } from './timelines';

export interface RecomputeOptions {
  /**
   * Every open case (after a policy or calendar change, or when the clock moved back). Without it only the
   * cases whose SLA picture was due to change by now (nextDueMs <= now): what a clock tick needs.
   */
  all?: boolean;
  /** Cases per transaction (default 2000): large enough to be fast, small enough to keep the UI responsive. */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Brings the stored SLA summaries (state, next due instant, urgency) up to the store's clock. Returns how many
 * cases changed. Each chunk is its own transaction, reading the cases and their timelines and writing back
 * only the rows whose summary moved.
 */
export async function recomputeSla(store: CaseStore, options: RecomputeOptions = {}): Promise<number> {
  const { db } = store;
  const now = store.clock.now();
  const chunkSize = options.chunkSize ?? 2000;
  try {
    const ids = options.all
      ? await db.cases.where('[open+urgency]').between([1, Dexie.minKey], [1, Dexie.maxKey]).primaryKeys()
      : await db.cases
          .where('[open+nextDueMs]')
          .between([1, Dexie.minKey], [1, now.getTime()], true, true)
          .primaryKeys();
    let changed = 0;
    for (let from = 0; from < ids.length; from += chunkSize) {
      const chunk = ids.slice(from, from + chunkSize);
      changed += await db.transaction('rw', [db.cases, db.events], async () => {
        const [rows, timelines] = await Promise.all([db.cases.bulkGet(chunk), timelinesOf(db, chunk)]);
        const updated: CaseRow[] = [];
        for (const row of rows) {
          if (row === undefined) continue;
          const kase = fromCaseRow(row);
          const next = toCaseRow(kase, store.slaOf(kase, timelines.get(row.id) ?? [], now));
          if (
            next.urgency !== row.urgency ||
            next.nextDueMs !== row.nextDueMs ||
            next.slaState !== row.slaState
          ) {
            updated.push(next);
          }
        }
        if (updated.length > 0) await putCases(db, updated);
        return updated.length;
      });
      options.onProgress?.(Math.min(from + chunkSize, ids.length), ids.length);
    }
    return changed;
  } catch (error) {
    throw toStoreError(error);
  }
}

/**
 * Keeps the stored SLA states current as time passes: one timer set for the earliest moment any open case's
 * SLA picture changes (read from the [open+nextDueMs] index), capped at `maxWaitMs`, and an immediate refresh
 * when the app clock is moved (`subscribe`: the movable clock's), of everything when it moved back.
 * Returns the stop function.
 */
export function keepSlaCurrent(
  store: CaseStore,
  subscribe?: (listener: (now: Date) => void) => () => void,
  maxWaitMs = 60_000,
): () => void {
  let last = store.clock.now().getTime();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const schedule = async () => {
    const first = await store.db.cases
      .where('[open+nextDueMs]')
      .between([1, Dexie.minKey], [1, Dexie.maxKey])
      .first();
    const wait = first === undefined ? maxWaitMs : first.nextDueMs - store.clock.now().getTime();
    if (!stopped) timer = setTimeout(refresh, Math.min(maxWaitMs, Math.max(250, wait)));
  };
  const refresh = () => {
    clearTimeout(timer);
    const now = store.clock.now().getTime();
    const all = now < last;
    last = now;
    running = running
      .then(() => recomputeSla(store, { all }))
      .then(schedule)
      .catch((error) => console.error('Desk could not refresh the SLA states', error));
  };
  const unsubscribe = subscribe?.(refresh);
  refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe?.();
  };
}
