/**
 * The queue's book: every case's filter and sort fields (`BookEntry`, a few hundred bytes each) kept in the page,
 * so any order of any view is a sort in memory rather than a read of thousands of keys from IndexedDB. It loads
 * in the background (in a worker where there is one: the rows are read and cut down there), then follows every
 * committed write to the cases, in this window or another: Dexie says which keys changed, and the book re-reads
 * just those. Until it has loaded (a few seconds at 100,000 cases on a slow machine) the queue reads the indexes.
 */
import { type DeskDb, onCasesWritten } from '../../db';
import { type BookEntry, readBook, readBookEntries } from './book-entry';
import type { BookReply, BookRequest } from './book-protocol';

/** Where the book's entries come from: the store read in a worker, or in the page. */
export interface BookSource {
  readAll(onChunk: (entries: BookEntry[]) => void): Promise<void>;
  read(ids: readonly string[]): Promise<{ entries: BookEntry[]; missing: string[] }>;
  /** Holds `readAll` between chunks, and lets it go on (a source in the page has nothing to hold). */
  pause?(): void;
  resume?(): void;
  close(): void;
}

/** The book as it stands: its entries, and numbers that change whenever they do. */
export interface BookSnapshot {
  entries: ReadonlyMap<string, BookEntry>;
  /** The open cases' entries (what most views list: a tenth of the cases at a busy desk). */
  open: ReadonlyMap<string, BookEntry>;
  version: number;
  /**
   * Changes only when a case is added, deleted, opened or finished, or its reference, subject or requester
   * changes (what the text columns' orders of the open cases depend on).
   */
  textVersion: number;
}

export interface QueueBook {
  /**
   * Every case's entry, with every write committed so far taken in; null while the book (re)loads, when the
   * queue reads the indexes instead.
   */
  current(): Promise<BookSnapshot | null>;
  /** Settles once the first load has finished (or failed). */
  readonly loaded: Promise<void>;
  close(): void;
}

export function createQueueBook(db: DeskDb, source: BookSource = pageSource(db)): QueueBook {
  const entries = new Map<string, BookEntry>();
  const open = new Map<string, BookEntry>();
  let version = 0;
  let textVersion = 0;
  const put = (entry: BookEntry) => {
    const before = entries.get(entry.id);
    if (
      before === undefined ||
      before.open !== entry.open ||
      before.refSort !== entry.refSort ||
      before.subjectSort !== entry.subjectSort ||
      before.requesterSort !== entry.requesterSort
    )
      textVersion += 1;
    entries.set(entry.id, entry);
    if (entry.open === 1) open.set(entry.id, entry);
    else open.delete(entry.id);
  };
  const remove = (id: string) => {
    if (entries.delete(id)) textVersion += 1;
    open.delete(id);
  };
  let ready = false;
  let closed = false;
  /** Cases written since the book last read them. */
  const changed = new Set<string>();
  /** A write the keys do not name one by one (a table cleared, a range deleted): read everything again. */
  let reloadWanted = false;
  let work: Promise<void> = Promise.resolve();
  const run = (task: () => Promise<void>) => {
    work = work.then(task).catch((error: unknown) => {
      // The book is a shortcut: without it the queue reads the indexes, so a failure costs speed, not data.
      ready = false;
      console.warn('The queue could not keep its sort book; it reads the store instead', error);
    });
    return work;
  };

  const load = async () => {
    ready = false;
    entries.clear();
    open.clear();
    version += 1;
    textVersion += 1;
    await source.readAll((chunk) => {
      for (const entry of chunk) put(entry);
    });
    version += 1;
    ready = !closed;
  };

  const takeChanges = async () => {
    if (reloadWanted) {
      reloadWanted = false;
      changed.clear();
      await load();
      return;
    }
    if (changed.size === 0) return;
    const ids = [...changed];
    changed.clear();
    const read = await source.read(ids);
    for (const id of read.missing) remove(id);
    for (const entry of read.entries) put(entry);
    version += 1;
  };

  // Listening before loading: a write during the load is read again after it. Taken in before any read that
  // follows the write (the queue re-reads on the next task at the earliest).
  const stopListening = onCasesWritten(db, (ids) => {
    if (ids === null) reloadWanted = true;
    else for (const id of ids) changed.add(id);
    void run(takeChanges);
  });
  const loaded = run(load);

  return {
    loaded,
    async current() {
      if (!ready) return null;
      // Writes may land while earlier ones are taken in: wait until the chain stops growing.
      for (let seen = work; ; seen = work) {
        await seen;
        if (seen === work) break;
      }
      return ready ? { entries, open, version, textVersion } : null;
    },
    close() {
      closed = true;
      ready = false;
      stopListening();
      source.close();
    },
  };
}

/** The store read in the page (no workers: tests, or a browser without them). */
export function pageSource(db: DeskDb): BookSource {
  return {
    readAll: (onChunk) => readBook(db, onChunk),
    read: (ids) => readBookEntries(db, ids),
    close: () => {},
  };
}

/** The store read in the book's worker: the page receives only the entries, never the rows. */
export function workerSource(dbName: string): BookSource {
  const worker = new Worker(new URL('./queue-book.worker.ts', import.meta.url), {
    type: 'module',
    name: 'desk-queue-book',
  });
  let nextId = 1;
  const waiting = new Map<
    number,
    { chunk?: (entries: BookEntry[]) => void; done: (reply: BookReply) => void; fail: (error: Error) => void }
  >();
  worker.onmessage = (event: MessageEvent<BookReply>) => {
    const reply = event.data;
    const pending = waiting.get(reply.requestId);
    if (pending === undefined) return;
    if (reply.type === 'chunk') {
      pending.chunk?.(reply.entries);
      return;
    }
    waiting.delete(reply.requestId);
    if (reply.type === 'error') pending.fail(new Error(reply.message));
    else pending.done(reply);
  };
  worker.onerror = (event) => {
    for (const pending of waiting.values())
      pending.fail(new Error(event.message || 'the book worker failed'));
    waiting.clear();
  };
  const ask = (
    request:
      | Omit<Extract<BookRequest, { type: 'all' }>, 'requestId'>
      | Omit<Extract<BookRequest, { type: 'read' }>, 'requestId'>,
    chunk?: (entries: BookEntry[]) => void,
  ) =>
    new Promise<BookReply>((done, fail) => {
      const requestId = nextId++;
      waiting.set(requestId, { chunk, done, fail });
      worker.postMessage({ ...request, requestId, dbName } as BookRequest);
    });
  return {
    async readAll(onChunk) {
      await ask({ type: 'all', dbName }, onChunk);
    },
    pause: () => worker.postMessage({ type: 'pause' } satisfies BookRequest),
    resume: () => worker.postMessage({ type: 'resume' } satisfies BookRequest),
    async read(ids) {
      const reply = await ask({ type: 'read', dbName, ids: [...ids] });
      return reply.type === 'entries'
        ? { entries: reply.entries, missing: reply.missing }
        : { entries: [], missing: [] };
    },
    close() {
      worker.terminate();
      for (const pending of waiting.values()) pending.fail(new Error('the queue book was closed'));
      waiting.clear();
    },
  };
}
