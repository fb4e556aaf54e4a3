/**
 * The queue's data as hooks: the ordered ids of the current query (sorted from the queue's book once it has
 * loaded; before that its first screen and count first from the indexes, then all of them; re-read when cases
 * change, at most twice a second), and the rows on screen (read by id, cached, re-read when cases change).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SavedView } from '../../../shared/sync';
import type { CaseAccess } from '../../access';
import type { DeskReference } from '../../case-kit/reference';
import { useCaseSearch, useCaseStore } from '../../case-store/case-store';
import { afterMark } from '../../case-store/marks';
import { useStoreQuery } from '../../case-store/store-query';
import { useCaseAccess } from '../../case-store/use-access';
import { type CaseRow, type CaseStore, onCasesWritten, toStoreError } from '../../db';
import { foregroundIdle, inForeground, onForeground } from '../../db/foreground';
import type { CaseSearch } from '../../search';
import { rowsOnScreen } from './grid-metrics';
import { createQueueBook, pageSource, type QueueBook, workerSource } from './queue-book';
import {
  bookOrder,
  type OrderCache,
  type QueueContext,
  type QueueQuery,
  queueIds,
  queueWindow,
  rankedText,
  SORT_COLUMNS,
} from './queue-data';

export interface QueueIds {
  /** The view's ids in order: all of them once `complete`, before that the first screen's. */
  ids: readonly string[];
  /** How many cases the view holds. */
  total: number;
  /** Whether `ids` is the whole view (the first screen comes first, the rest a moment later). */
  complete: boolean;
  /** The query these ids answer (while a new one loads, the last answer stays on screen). */
  query: QueueQuery;
}

export interface QueueAnswer {
  /** The ids of the query on screen; undefined until the first read answers. */
  answer: QueueIds | undefined;
  /**
   * Reads a search's answer before the queue switches to it: the search box asks, and switches the queue's
   * query once the answer is in, so the rows on screen stay until the new ones paint in one go. Switching at
   * once cost a render and a frame of the old rows marked busy while the index worked (20–40 ms at 100,000
   * cases, on the main thread the answer then waited for). Resolves undefined for no search, or a failed read.
   */
  readAhead: (query: QueueQuery) => Promise<QueueIds | undefined>;
}

export function useQueueIds(query: QueueQuery, reference: DeskReference | undefined): QueueAnswer {
  const { store } = useCaseStore();
  const openSearch = useCaseSearch();
  const queryKey = JSON.stringify(query);
  // Only the owner and stage orders need the directory and the policies, only a search needs the index: the
  // ids are read again when those arrive only if this query uses them.
  const usesReference = query.sort.column === 'owner' || query.sort.column === 'stage';
  const searching = query.search.trim() !== '';
  // Nothing is listed until the app knows whom it shows the queue to.
  const access = useCaseAccess();
  // The query whose whole list is on screen: re-read after a write, it is not cut back to a first screen.
  const whole = useRef<string | null>(null);
  const [booksLoaded, setBooksLoaded] = useState(0);
  useEffect(() => {
    const listener = () => setBooksLoaded((n) => n + 1);
    bookListeners.add(listener);
    return () => {
      bookListeners.delete(listener);
    };
  }, []);
  const stored = useStoreQuery<QueueIds | undefined>(
    async (store, early) => {
      if (access === undefined) return undefined;
      const started = performance.now();
      const env: QueueEnv = { access, reference, openSearch };
      watchCases(store);
      // Loaded once the first rows are on screen and the search index has opened (the first search after
      // opening waits for that, and the book's reads would slow it); until then the indexes answer.
      void firstRowsShown.then(() => startBook(store, openSearch));
      if (searching) {
        whole.current = queryKey;
        return (await takeReadAhead(queryKey, access)) ?? readSearch(store, query, env, started);
      }
      const ctx = queueContext(store, env);
      const readAt = cacheVersion;
      ctx.book = (await books.get(store.db)?.current()) ?? null;
      const bookAt = performance.now();
      if (ctx.book !== null) prepareOrders(store, ctx, query, access);
      // Without the book, the first screen and the count first, painted at once; the whole list follows.
      const filterKey = JSON.stringify(query.filter);
      const firstScreen = rowsOnScreen();
      const window =
        whole.current === queryKey || ctx.book !== null
          ? null
          : await queueWindow(ctx, query, access, firstScreen, knownTotal(filterKey, access));
      if (window !== null) {
        await readRows(store, window.ids);
        measure('desk:queue-ids', started, window.ids.length);
        // A view that fits on the first screen (the ranges ran out before it filled) is read whole already.
        if (window.ids.length < firstScreen && window.ids.length === window.total) {
          whole.current = queryKey;
          return { ...window, complete: true, query };
        }
        early({ ...window, complete: false, query });
        // Let the first screen paint before the whole read takes the main thread's attention.
        await nextFrame();
      }
      const visible = access.visibleIds(await queueIds(ctx, query));
      if (window === null) await readFirstScreen(store, visible, started, bookAt);
      measure('desk:queue-ids-all', started, visible.length);
      whole.current = queryKey;
      totals.set(filterKey, { total: visible.length, version: readAt, access });
      return { ids: visible, total: visible.length, complete: true, query };
    },
    [queryKey, usesReference ? reference : null, searching ? openSearch : null, access, booksLoaded],
    { tables: ['cases'], throttleMs: 500 },
  );
  const readAhead = useCallback(
    (next: QueueQuery) => {
      if (store === null || access === undefined || next.search.trim() === '')
        return Promise.resolve(undefined);
      return startReadAhead(store, next, { access, reference, openSearch });
    },
    [store, access, reference, openSearch],
  );
  // A search read ahead shows in the very render that switches to it (its rows are in the cache already).
  let answer = stored;
  const current = stored !== undefined && JSON.stringify(stored.query) === queryKey;
  if (searching && access !== undefined && !current) {
    const ahead = answeredAhead;
    if (ahead?.key === queryKey && ahead.access === access && ahead.version === cacheVersion)
      answer = ahead.value;
  }
  return { answer, readAhead };
}

/** What a queue read needs besides the store and the query. */
interface QueueEnv {
  access: CaseAccess;
  reference: DeskReference | undefined;
  openSearch: () => CaseSearch | null;
}

function queueContext(store: CaseStore, { reference, openSearch }: QueueEnv): QueueContext {
  return {
    store,
    people: [...(reference?.people.values() ?? [])],
    stages: [...new Set(reference?.policies.flatMap((p) => p.stages.map((s) => s.id)) ?? [])],
    search: async (text, limit) => {
      const search = openSearch();
      if (search === null) return [];
      // While the index loads, references and email addresses come from the store; other words wait.
      return search.search(text, limit);
    },
    orders: orderCache(store),
  };
}

/**
 * A search's hits in the view's order, with the first screen's rows read into the cache: a foreground read,
 * which the book's loading, the views' counts and the services' reads wait for.
 */
function readSearch(store: CaseStore, query: QueueQuery, env: QueueEnv, started: number): Promise<QueueIds> {
  return inForeground(
    (async () => {
      const ctx = queueContext(store, env);
      ctx.book = (await books.get(store.db)?.current()) ?? null;
      const bookAt = performance.now();
      const visible = env.access.visibleIds(await queueIds(ctx, query));
      await readFirstScreen(store, visible, started, bookAt);
      measure('desk:queue-ids-all', started, visible.length);
      return { ids: visible, total: visible.length, complete: true, query };
    })(),
  );
}

/**
 * Reads the first screen's rows along with the ids, so the grid paints the new order at once, not a read
 * later; for bench:ui, measures the read from `started` (waiting for the book until `bookAt`, the order, the rows).
 */
async function readFirstScreen(
  store: CaseStore,
  visible: readonly string[],
  started: number,
  bookAt: number,
): Promise<void> {
  const orderedAt = performance.now();
  await readRows(store, visible.slice(0, rowsOnScreen()));
  measure('desk:queue-ids', started, visible.length, {
    book: bookAt - started,
    order: orderedAt - bookAt,
    rows: performance.now() - orderedAt,
  });
}

/** Searches read before the queue switches to them (see QueueAnswer.readAhead), by query, until taken or too old. */
const readsAhead = new Map<string, { access: CaseAccess; version: number; answer: Promise<QueueIds> }>();
/** The last search read ahead that has answered: shown by the render that switches to its query. */
let answeredAhead: { key: string; access: CaseAccess; version: number; value: QueueIds } | null = null;
/** A search read ahead and not switched to within this long is dropped (the text changed again). */
const READ_AHEAD_MS = 2000;

/** The answer read ahead for this query, if it is still good (no case written since it began). */
async function takeReadAhead(key: string, access: CaseAccess): Promise<QueueIds | undefined> {
  const entry = readsAhead.get(key);
  readsAhead.delete(key);
  if (entry === undefined || entry.access !== access || entry.version !== cacheVersion) return undefined;
  const value = await entry.answer.catch(() => undefined);
  return entry.version === cacheVersion ? value : undefined;
}

/** Starts reading a search's answer (or joins the read of it under way). */
function startReadAhead(store: CaseStore, query: QueueQuery, env: QueueEnv): Promise<QueueIds | undefined> {
  const key = JSON.stringify(query);
  const known = readsAhead.get(key);
  if (known !== undefined && known.access === env.access && known.version === cacheVersion)
    return known.answer.catch(() => undefined);
  watchCases(store);
  const version = cacheVersion;
  const answer = readSearch(store, query, env, performance.now());
  const entry = { access: env.access, version, answer };
  readsAhead.set(key, entry);
  setTimeout(() => {
    if (readsAhead.get(key) === entry) readsAhead.delete(key);
  }, READ_AHEAD_MS);
  return answer.then(
    (value) => {
      answeredAhead = { key, access: env.access, version, value };
      return value;
    },
    (error: unknown) => {
      console.error('Desk could not search the cases', error);
      return undefined;
    },
  );
}

const books = new WeakMap<CaseStore['db'], QueueBook>();
/** Told when a book has loaded: the queue then reads its order from it (and gets the other orders ready). */
const bookListeners = new Set<() => void>();
const bookStarts = new WeakSet<CaseStore['db']>();
/** The longest the book waits for the search index (a first build of it takes minutes at 100,000 cases). */
const BOOK_WAITS_FOR_SEARCH_MS = 10_000;

function startBook(store: CaseStore, openSearch: () => { ready: Promise<void> } | null): void {
  if (bookStarts.has(store.db)) return;
  bookStarts.add(store.db);
  const searchReady = openSearch()?.ready.catch(() => {}) ?? Promise.resolve();
  const waited = new Promise((resolve) => setTimeout(resolve, BOOK_WAITS_FOR_SEARCH_MS));
  void Promise.race([searchReady, waited]).then(() => bookOf(store));
}

/** The queue's book for this store, started the first time it is asked for. */
function bookOf(store: CaseStore): QueueBook {
  let book = books.get(store.db);
  if (book === undefined) {
    const source = typeof Worker === 'undefined' ? pageSource(store.db) : workerSource(store.db.name);
    const started = performance.now();
    book = createQueueBook(store.db, source);
    books.set(store.db, book);
    // Between its chunks the loading waits for searches (see inForeground).
    const stopFollowing = onForeground((busy) => (busy ? source.pause?.() : source.resume?.()));
    book.loaded.then(stopFollowing, stopFollowing);
    // For bench:ui: how long the book took to load, and how many cases it holds.
    const loading = book;
    void loading.loaded.then(async () => {
      for (const listener of bookListeners) listener();
      const entries = await loading.current();
      performance.measure('desk:queue-book', {
        start: started,
        detail: { cases: entries?.entries.size ?? 0 },
      });
    });
  }
  return book;
}

let preparing: ReturnType<typeof setTimeout> | undefined;
let prepared = '';
/** How long after a read from the book the other orders are prepared (at most one preparation pending). */
const PREPARE_AFTER_MS = 1000;
/** Prepared again at most this often while nothing but the SLA states moves (they change which rows lead). */
const PREPARE_EVERY_MS = 30_000;
let preparedAt = 0;

/**
 * While the app is idle, gets the view's other orders ready: the text columns' places worked out (so sorting by
 * reference, subject or requester is a sort of numbers), and the first screen of every column's order, both
 * ways, in the row cache (so a header click paints without waiting for IndexedDB, which background reads can
 * keep busy for a few hundred ms). Rows are read only where the cache lacks them or their case has changed.
 */
function prepareOrders(store: CaseStore, ctx: QueueContext, query: QueueQuery, access: CaseAccess): void {
  if (query.search.trim() !== '') return;
  // Once a second at most: with the clock running, SLA refreshes re-read the queue more often than that, and
  // putting it off at each would put it off for good.
  if (preparing !== undefined) return;
  preparing = setTimeout(() => {
    preparing = undefined;
    void prepareNow(store, ctx, query, access).catch((error: unknown) => {
      // A store closed meanwhile (a fresh demo desk, another window's upgrade) leaves nothing to get ready.
      if (toStoreError(error).problem !== 'upgraded-elsewhere')
        console.warn('Desk could not get the queue’s other orders ready', error);
    });
  }, PREPARE_AFTER_MS);
}

/** The work prepareOrders schedules; a search typed meanwhile goes first, before each step (see foreground.ts). */
async function prepareNow(store: CaseStore, ctx: QueueContext, query: QueueQuery, access: CaseAccess) {
  await foregroundIdle();
  const book = await books.get(store.db)?.current();
  if (book == null) return;
  const key = JSON.stringify([query.filter, ctx.people.length, ctx.stages, book.textVersion]);
  if (key === prepared && performance.now() - preparedAt < PREPARE_EVERY_MS) return;
  prepared = key;
  preparedAt = performance.now();
  for (const column of ['ref', 'subject', 'requester'] as const) rankedText(book, column);
  const wanted = new Set<string>();
  const firstScreen = rowsOnScreen();
  for (const column of SORT_COLUMNS) {
    for (const desc of [false, true]) {
      const ids = access.visibleIds(bookOrder(book, ctx, query.filter, { column, desc }));
      for (const id of ids.slice(0, firstScreen)) wanted.add(id);
    }
    // A few ms per column: the page stays free for the agent in between.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await foregroundIdle();
  }
  // A screen per order, each way (some 600 rows): read a screen at a time, so a search's first screen waits for
  // one at most.
  const ids = [...wanted];
  for (let i = 0; i < ids.length; i += firstScreen) {
    await foregroundIdle();
    await readRows(store, ids.slice(i, i + firstScreen));
  }
}

/** Each view's count from its last whole read, for another order of it while no case has changed. */
const totals = new Map<string, { total: number; version: number; access: CaseAccess }>();

function knownTotal(filterKey: string, access: CaseAccess): number | undefined {
  const entry = totals.get(filterKey);
  return entry !== undefined && entry.version === cacheVersion && entry.access === access
    ? entry.total
    : undefined;
}

/** The next frame after this one is painted (or a tenth of a second, in a window that does not paint). */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

const kept = new Map<string, { ids: readonly string[]; version: number }>();

/**
 * The whole orders read since the last write to the cases (the last few): searching within the view on screen
 * narrows its list, read a moment ago, instead of reading 9,000 ids again.
 */
function orderCache(store: CaseStore): OrderCache {
  watchCases(store);
  // An order read while a write landed is already old: kept under the version it was read at, never served.
  const readAt = cacheVersion;
  return {
    get: (key) => {
      const entry = kept.get(key);
      return entry !== undefined && entry.version === cacheVersion ? entry.ids : undefined;
    },
    set: (key, ids) => {
      for (const [k, entry] of kept) if (entry.version !== cacheVersion) kept.delete(k);
      kept.delete(key);
      kept.set(key, { ids, version: readAt });
      if (kept.size > 4) kept.delete(kept.keys().next().value!);
    },
  };
}

/**
 * How long the store took to answer, apart from painting (bench:ui reads the latest of each); with the book,
 * how long waiting for it, ordering and reading the first screen's rows took.
 */
function measure(name: string, start: number, count: number, phases?: Record<string, number>): void {
  performance.clearMeasures(name);
  performance.measure(name, { start, detail: { count, phases } });
}

/** The saved views this person sees, in sidebar order. */
export function useSavedViews(actorId: string | null): SavedView[] | undefined {
  return useStoreQuery(
    async (store) => {
      const { savedViewsFor } = await import('../../db/queries');
      return savedViewsFor(store);
    },
    [actorId],
    { tables: ['savedViews'] },
  );
}

let markFirstRows: () => void = () => {};
const firstRowsShown = new Promise<void>((resolve) => {
  markFirstRows = resolve;
});

let searchWait: Promise<void> | null = null;

/** The search index has opened (its `desk:search-ready` mark), or a second and a half has passed (once a page). */
function searchOpened(): Promise<void> {
  searchWait ??= new Promise((resolve) => afterMark('desk:search-ready', 1500, resolve));
  return searchWait;
}

/** Called by the grid once rows are on screen: the saved-view counts wait for it (see useViewCounts). */
export function firstRowsPainted(): void {
  markFirstRows();
}

/**
 * How many cases each saved view holds, re-counted at most once a second. IndexedDB answers one request
 * after another, and ten index counts over a 200,000-case store take a good second, so the first count waits
 * until the queue's first rows are on screen (or two seconds) and the search index has opened.
 */
export function useViewCounts(views: readonly SavedView[] | undefined): Record<string, number> | undefined {
  const key = views?.map((v) => v.id).join(',') ?? '';
  const access = useCaseAccess();
  return useStoreQuery(
    async (store) => {
      if (views === undefined || access === undefined) return undefined;
      const { caseIdsForView, countsForViews } = await import('../../db/queries');
      await Promise.race([firstRowsShown, new Promise((resolve) => setTimeout(resolve, 2000))]);
      // And the search index opening just after them (the first search after opening waits for it).
      await searchOpened();
      // A view at a time, each after any search under way (see foreground.ts); someone who may not see some
      // cases counts only those they see.
      return countsForViews(store, views, {
        beforeEach: () => foregroundIdle(),
        count:
          access.hidden.size === 0
            ? undefined
            : async (view) => access.visibleIds(await caseIdsForView(store, view.filter)).length,
      });
    },
    [key, access],
    { tables: ['cases', 'savedViews'], throttleMs: 1000 },
  );
}

const CACHE_LIMIT = 6000;

/**
 * Queue rows read by id, shared by the grid and the ids' read (which brings the first screen along). A row is
 * read again before it is shown if that case was written after it was read (`writtenAt`: Dexie names the cases
 * each write touched), or any case may have been (`allWrittenAt`). `cacheVersion` counts the writes to the
 * cases: the kept orders and counts are a view's, which any write may change.
 */
const rowCache = new Map<string, { row: CaseRow; version: number }>();
let cacheVersion = 0;
const writtenAt = new Map<string, number>();
/** Counts the reads into the cache: the grid's rows are taken from it again on the next render after one. */
let cacheGeneration = 0;
let allWrittenAt = 0;
const versionListeners = new Set<() => void>();
const watched = new WeakSet<CaseStore['db']>();

/** Whether the cached row of this case is as the store holds it. */
function fresh(id: string): boolean {
  const entry = rowCache.get(id);
  return entry !== undefined && entry.version >= Math.max(allWrittenAt, writtenAt.get(id) ?? 0);
}

/** Follows writes to the cases (once per database, for the page's life), so a cached row is never shown stale. */
function watchCases(store: CaseStore): void {
  if (watched.has(store.db)) return;
  watched.add(store.db);
  onCasesWritten(store.db, (ids) => {
    cacheVersion += 1;
    if (ids === null) allWrittenAt = cacheVersion;
    else for (const id of ids) writtenAt.set(id, cacheVersion);
    for (const listener of versionListeners) listener();
  });
}

/** Reads into the cache the rows of these ids not read since their case was last written. */
async function readRows(store: CaseStore, ids: readonly string[]): Promise<void> {
  watchCases(store);
  const version = cacheVersion;
  const wanted = ids.filter((id) => !fresh(id));
  if (wanted.length === 0) return;
  const rows = await store.db.cases.bulkGet(wanted);
  rows.forEach((row, i) => {
    const id = wanted[i]!;
    rowCache.delete(id);
    if (row) rowCache.set(id, { row, version });
  });
  cacheGeneration += 1;
  // Oldest first in a Map: drop those beyond the limit.
  for (const id of rowCache.keys()) {
    if (rowCache.size <= CACHE_LIMIT) break;
    rowCache.delete(id);
  }
}

/**
 * The rows for these ids (the visible window), read by id. Rows stay cached while the list scrolls; a write to
 * a case on screen re-reads its row, and rows written since they were cached are re-read when they come back.
 */
export function useCaseRows(visibleIds: readonly string[]): ReadonlyMap<string, CaseRow> {
  const { store } = useCaseStore();
  const alive = useRef(true);
  const [version, setVersion] = useState(cacheVersion);
  const [loaded, setLoaded] = useState(0);
  const key = visibleIds.join('\n');

  useEffect(() => {
    if (store === null) return;
    watchCases(store);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const listener = () => {
      // Coalesce a burst of writes into one re-read of the screen.
      timer ??= setTimeout(() => {
        timer = undefined;
        setVersion(cacheVersion);
      }, 100);
    };
    versionListeners.add(listener);
    return () => {
      clearTimeout(timer);
      versionListeners.delete(listener);
    };
  }, [store]);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is `visibleIds` as a value; `version` re-reads after writes.
  useEffect(() => {
    if (store === null) return;
    if (visibleIds.every(fresh)) return;
    // Not cancelled when the window moves on: rows read are worth caching for scrolling back.
    readRows(store, visibleIds).then(
      () => {
        if (alive.current) setLoaded((n) => n + 1);
      },
      (error: unknown) => console.error('Desk could not read the queue rows', error),
    );
  }, [store, key, version]);

  // The same map while nothing it holds changed, so the grid's rows (memoised) are not drawn again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is `visibleIds` as a value; `version` and `loaded` say when the cache changed.
  return useMemo(() => {
    const rows = new Map<string, CaseRow>();
    for (const id of visibleIds) {
      const entry = rowCache.get(id);
      if (entry) rows.set(id, entry.row);
    }
    return rows;
    // `cacheGeneration`: the ids' read may have brought newer rows for this screen (after a write) before the
    // grid's own read would; the render its answer causes must show them.
  }, [key, version, loaded, cacheGeneration]);
}
