import type { DeskDb } from '../db';
import { allDocuments, documentsFor } from './documents';
import { createSearchEngine, loadSearchEngine, type SearchEngine, type SearchHit } from './engine';
import {
  createSearchDb,
  dropSnapshot,
  type IndexSnapshot,
  readSnapshot,
  type SearchDb,
  writeSnapshot,
} from './snapshot';

/** The index and the store it reads: run in the search worker, or in the page when there is no worker. */
export interface SearchService {
  /**
   * Makes the index current: from the saved snapshot and the cases changed since, or (no usable snapshot) by
   * indexing every case, reporting progress after each chunk, and saving the result.
   */
  open(onProgress?: (indexed: number) => void): Promise<{ from: 'snapshot' | 'build' }>;
  /** Re-reads these cases (added, changed or deleted) into the index. */
  refresh(caseIds: readonly string[]): Promise<void>;
  search(query: string, limit?: number): SearchHit[];
  /** Saves the index now (it is saved by itself after a build, and `saveDelayMs` after the last change). */
  save(): Promise<void>;
  close(): void;
}

export interface SearchServiceOptions {
  /**
   * How long after the last change the index is saved again (at most six times that after the first unsaved
   * one); each save serializes the whole index.
   */
  saveDelayMs?: number;
}

export function createSearchService(db: DeskDb, options: SearchServiceOptions = {}): SearchService {
  const saveDelayMs = options.saveDelayMs ?? 10_000;
  const saved: SearchDb = createSearchDb(db.name);
  let engine: SearchEngine = createSearchEngine();
  /** The latest `updatedAt` the index is known to hold (cases at or after it are read again on open). */
  let mark = '';
  /** The sequence number of the last change announced, and of the last one indexed. */
  let announced = 0;
  let indexed = 0;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the first change not yet saved was indexed: a steady stream of changes still gets saved now and then. */
  let unsavedSince: number | undefined;
  // Builds, refreshes and saves run one after another; searches answer at once from what is indexed so far.
  let work: Promise<unknown> = Promise.resolve();
  const queue = <T>(task: () => Promise<T>): Promise<T> => {
    const next = work.then(task);
    // A failed task must not stop the ones after it.
    work = next.catch(() => {});
    return next;
  };

  const reindex = async (caseIds: readonly string[]) => {
    if (caseIds.length === 0) return;
    const { documents, gone, latest } = await documentsFor(db, caseIds);
    engine.upsert(documents);
    engine.remove(gone);
    if (latest > mark) mark = latest;
  };

  const save = async () => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    unsavedSince = undefined;
    const covered = indexed;
    const snapshot: IndexSnapshot = {
      key: 'index',
      ...engine.snapshot(),
      mark,
      count: engine.size,
      savedAt: new Date().toISOString(),
    };
    await writeSnapshot(saved, snapshot, covered);
  };
  const saveSoon = () => {
    const now = Date.now();
    unsavedSince ??= now;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(
      () => {
        queue(save).catch((error) => console.warn('The search index could not be saved', error));
      },
      Math.max(0, Math.min(saveDelayMs, unsavedSince + 6 * saveDelayMs - now)),
    );
  };

  /** The saved index brought up to date, or null when there is none (or it is unusable). */
  const fromSnapshot = async (): Promise<boolean> => {
    const snapshot = await readSnapshot(saved);
    if (snapshot === null) return false;
    try {
      engine = loadSearchEngine(snapshot);
    } catch (error) {
      console.warn('The saved search index is unusable; rebuilding it.', error);
      engine = createSearchEngine();
      await dropSnapshot(saved).catch(() => {});
      return false;
    }
    mark = snapshot.mark;
    const [changed, pending, stored] = await Promise.all([
      db.cases.where('updatedAt').aboveOrEqual(snapshot.mark).primaryKeys(),
      saved.pending.toArray(),
      db.cases.toCollection().primaryKeys(),
    ]);
    indexed = Math.max(indexed, ...pending.map((p) => p.seq));
    // Cases the snapshot lacks or holds no more, whatever their `updatedAt` says (an import, another window).
    const inStore = new Set(stored);
    const inIndex = new Set(engine.ids());
    const missing = stored.filter((id) => !inIndex.has(id));
    const gone = [...inIndex].filter((id) => !inStore.has(id));
    const stale = new Set([...changed, ...pending.map((p) => p.id), ...missing]);
    await reindex([...stale]);
    engine.remove(gone);
    if (stale.size > 0 || gone.length > 0) saveSoon();
    return true;
  };

  const build = async (onProgress?: (indexed: number) => void) => {
    // Taken before reading: a case changed while the build reads is after it, and is read again next time.
    mark = ((await db.cases.orderBy('updatedAt').lastKey()) as string | undefined) ?? '';
    for await (const documents of allDocuments(db)) {
      engine.upsert(documents);
      onProgress?.(engine.size);
    }
  };

  return {
    open: (onProgress) =>
      queue(async () => {
        if (await fromSnapshot()) {
          onProgress?.(engine.size);
          return { from: 'snapshot' as const };
        }
        await build(onProgress);
        queue(save).catch((error) => console.warn('The search index could not be saved', error));
        return { from: 'build' as const };
      }),
    refresh(caseIds) {
      if (caseIds.length === 0) return Promise.resolve();
      // Rising across sessions too, so a save never forgets a change announced after what it covers.
      const seq = Math.max(announced + 1, Date.now());
      announced = seq;
      // Noted at once, before the index catches up, so a session that ends first reads them again next time.
      const noted = saved.pending
        .bulkPut(caseIds.map((id) => ({ id, seq })))
        .catch((error) => console.warn('The search index could not note a change', error));
      return queue(async () => {
        await reindex(caseIds);
        await noted;
        indexed = seq;
        saveSoon();
      });
    },
    search: (query, limit) => engine.search(query, limit),
    save: () => queue(save),
    close() {
      clearTimeout(saveTimer);
      saved.close();
    },
  };
}
