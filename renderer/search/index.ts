// Full-text search over the cases: the index kept in IndexedDB and updated with each change, run in a worker,
// with references and email addresses answered from the store while it opens.
import type { CaseStore, CommittedChange } from '../db';
import { onCommitted } from '../db';
import type { SearchHit } from './engine';
import { storeLookup } from './lookup';
import type { SearchReply, SearchRequest } from './protocol';
import { createSearchService, type SearchTiming } from './service';

export type { SearchDocument } from './documents';
export type { SearchHit } from './engine';
export { searchDbName } from './index-db';
export { createSearchService, type SearchService } from './service';

export interface CaseSearch {
  /** Settles when the index holds every case (the saved index caught up with the changes since, or a build). */
  readonly ready: Promise<void>;
  /**
   * Until the index is ready, a reference or an email address is answered from the store's indexes at once;
   * other searches wait for the index (only a first build takes long).
   */
  search(query: string, limit?: number): Promise<SearchHit[]>;
  /**
   * Re-reads these cases into the index. Mutations made through runMutation are picked up by themselves; call
   * this for rows written another way (a sync patch).
   */
  refresh(caseIds: readonly string[]): Promise<void>;
  /** Stops following the store (and ends the worker). */
  close(): void;
}

export interface OpenSearchOptions {
  /** Index in a Web Worker (default: whenever the environment has workers). */
  worker?: boolean;
  onProgress?: (indexed: number) => void;
}

/**
 * Opens the search index over the store (the saved one brought up to date, or a new build) and keeps it
 * current as mutations land.
 */
export function openSearch(store: CaseStore, options: OpenSearchOptions = {}): CaseSearch {
  const useWorker = options.worker ?? typeof Worker !== 'undefined';
  const search: SearchSide = useWorker ? workerSearch(store, options) : inPageSearch(store, options);
  let ready = false;
  search.ready.then(
    () => {
      ready = true;
    },
    () => {},
  );
  const stop = onCommitted(store, (change) => {
    search
      .refresh(touchedCases(change))
      .catch((error) => console.error('Search could not index a change', error));
  });
  return {
    ...search,
    async search(query, limit = 50) {
      const started = performance.now();
      const found = ready ? null : await storeLookup(store.db, query, limit);
      // The index answers once it has caught up; failures were reported where they happened.
      const hits = found ?? (await search.search(query, limit));
      // For bench:ui: the index's part of a search (only the latest is kept).
      performance.clearMeasures('desk:search');
      performance.measure('desk:search', {
        start: started,
        detail: { hits: hits.length, index: found === null ? search.timing?.() : undefined },
      });
      return hits;
    },
    close() {
      stop();
      search.close();
    },
  };
}

/** The cases whose search document a committed change may have altered. */
export function touchedCases({ changes }: CommittedChange): string[] {
  const ids = new Set<string>();
  for (const change of changes) {
    if (change.table === 'cases') ids.add(change.op === 'put' ? change.row.id : change.id);
    else if (change.table === 'events' && change.op === 'put') ids.add(change.row.caseId);
  }
  return [...ids];
}

/** How the page side answers (the worker's or the page's own service), with the last search's timing. */
interface SearchSide extends CaseSearch {
  timing?: () => SearchTiming | undefined;
}

function inPageSearch(store: CaseStore, options: OpenSearchOptions): SearchSide {
  const service = createSearchService(store.db);
  return {
    timing: () => ({ ...service.lastTiming }),
    ready: service.open(options.onProgress).then(() => {}),
    search: (query, limit) => service.search(query, limit),
    refresh: (caseIds) => service.refresh(caseIds),
    close: () => service.close(),
  };
}

function workerSearch(store: CaseStore, options: OpenSearchOptions): SearchSide {
  const worker = new Worker(new URL('./search.worker.ts', import.meta.url), {
    type: 'module',
    name: 'desk-search',
  });
  const waiting = new Map<number, (hits: SearchHit[]) => void>();
  let lastTiming: SearchTiming | undefined;
  let nextRequest = 1;
  let markReady: () => void = () => {};
  let markFailed: (error: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    markFailed = reject;
  });
  // Failures are logged as they come; nobody has to await `ready` for them to be handled.
  ready.catch(() => {});
  const send = (request: SearchRequest) => worker.postMessage(request);
  worker.onmessage = (event: MessageEvent<SearchReply>) => {
    const message = event.data;
    if (message.type === 'progress') options.onProgress?.(message.indexed);
    else if (message.type === 'ready') {
      performance.mark('desk:search-ready', { detail: message.from });
      markReady();
    } else if (message.type === 'indexed') {
      // For bench:ui: what a change costs the index (only the latest is kept).
      performance.clearMarks('desk:search-indexed');
      performance.mark('desk:search-indexed', { detail: { cases: message.cases, ms: message.ms } });
    } else if (message.type === 'results') {
      lastTiming = message.timing;
      waiting.get(message.requestId)?.(message.hits);
      waiting.delete(message.requestId);
    } else {
      console.error('Search worker:', message.message);
      markFailed(new Error(message.message));
    }
  };
  performance.mark('desk:search-open');
  send({ type: 'open', dbName: store.db.name });
  return {
    ready,
    timing: () => lastTiming,
    search(query, limit = 50) {
      const requestId = nextRequest++;
      return new Promise((resolve) => {
        waiting.set(requestId, resolve);
        send({ type: 'search', requestId, query, limit });
      });
    },
    async refresh(caseIds) {
      send({ type: 'refresh', caseIds: [...caseIds] });
    },
    close() {
      worker.terminate();
      for (const resolve of waiting.values()) resolve([]);
      waiting.clear();
    },
  };
}
