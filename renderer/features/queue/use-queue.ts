/**
 * The queue's data as hooks: the ordered ids of the current query (re-read when cases change, at most twice a
 * second), and the rows on screen (read by id, cached, re-read when cases change).
 */
import { useEffect, useRef, useState } from 'react';
import type { SavedView } from '../../../shared/sync';
import { useCaseAccess } from '../../access/use-access';
import type { DeskReference } from '../../case-kit/reference';
import { useCaseSearch, useCaseStore } from '../../case-store/case-store';
import { onTablesChanged, useStoreQuery } from '../../case-store/store-query';
import type { CaseRow } from '../../db';
import { type QueueQuery, queueIds } from './queue-data';

export interface QueueIds {
  ids: readonly string[];
  /** The query these ids answer (while a new one loads, the last answer stays on screen). */
  query: QueueQuery;
}

export function useQueueIds(query: QueueQuery, reference: DeskReference | undefined): QueueIds | undefined {
  const openSearch = useCaseSearch();
  const queryKey = JSON.stringify(query);
  // Only the owner and stage orders need the directory and the policies, only a search needs the index: the
  // ids are read again when those arrive only if this query uses them.
  const usesReference = query.sort.column === 'owner' || query.sort.column === 'stage';
  const searching = query.search.trim() !== '';
  // Nothing is listed until the app knows whom it shows the queue to.
  const access = useCaseAccess();
  return useStoreQuery(
    async (store) => {
      if (access === undefined) return undefined;
      const started = performance.now();
      const ids = await queueIds(
        {
          store,
          people: [...(reference?.people.values() ?? [])],
          stages: [...new Set(reference?.policies.flatMap((p) => p.stages.map((s) => s.id)) ?? [])],
          search: async (text, limit) => {
            const search = openSearch();
            if (search === null) return [];
            // While the index loads, references and email addresses come from the store; other words wait.
            return search.search(text, limit);
          },
        },
        query,
      );
      // How long the store took to answer, apart from painting (bench:ui reads it).
      performance.measure('desk:queue-ids', { start: started, detail: { count: ids.length } });
      return { ids: access.visibleIds(ids), query };
    },
    [queryKey, usesReference ? reference : null, searching ? openSearch : null, access],
    { tables: ['cases'], throttleMs: 500 },
  );
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

/** Called by the grid once rows are on screen: the saved-view counts wait for it (see useViewCounts). */
export function firstRowsPainted(): void {
  markFirstRows();
}

/**
 * How many cases each saved view holds, re-counted at most once a second. IndexedDB answers one request
 * after another, and ten index counts over a 200,000-case store take a good second, so the first count waits
 * until the queue's first rows are on screen (or two seconds).
 */
export function useViewCounts(views: readonly SavedView[] | undefined): Record<string, number> | undefined {
  const key = views?.map((v) => v.id).join(',') ?? '';
  const access = useCaseAccess();
  return useStoreQuery(
    async (store) => {
      if (views === undefined || access === undefined) return undefined;
      const { caseIdsForView, countsForViews } = await import('../../db/queries');
      await Promise.race([firstRowsShown, new Promise((resolve) => setTimeout(resolve, 2000))]);
      if (access.hidden.size === 0) return countsForViews(store, views);
      // Someone who may not see some cases counts only those they see.
      const counted = await Promise.all(
        views.map(async (view) => [
          view.id,
          access.visibleIds(await caseIdsForView(store, view.filter)).length,
        ]),
      );
      return Object.fromEntries(counted);
    },
    [key, access],
    { tables: ['cases', 'savedViews'], throttleMs: 1000 },
  );
}

const CACHE_LIMIT = 4000;

/**
 * The rows for these ids (the visible window), read by id. Rows stay cached while the list scrolls; a write to
 * the cases re-reads the rows on screen, and rows cached from before it are re-read when they come back.
 */
export function useCaseRows(visibleIds: readonly string[]): ReadonlyMap<string, CaseRow> {
  const { store } = useCaseStore();
  const cache = useRef(new Map<string, { row: CaseRow; version: number }>());
  const alive = useRef(true);
  const [version, setVersion] = useState(0);
  const [, setLoaded] = useState(0);
  const key = visibleIds.join('\n');

  useEffect(() => {
    if (store === null) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onTablesChanged(store.db, ['cases'], () => {
      // Coalesce a burst of writes into one re-read of the screen.
      timer ??= setTimeout(() => {
        timer = undefined;
        setVersion((v) => v + 1);
      }, 100);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [store]);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is `visibleIds` as a value.
  useEffect(() => {
    if (store === null) return;
    const wanted = visibleIds.filter((id) => (cache.current.get(id)?.version ?? -1) < version);
    if (wanted.length === 0) return;
    // Not cancelled when the window moves on: rows read are worth caching for scrolling back.
    store.db.cases.bulkGet(wanted).then(
      (rows) => {
        const map = cache.current;
        rows.forEach((row, i) => {
          const id = wanted[i]!;
          map.delete(id);
          if (row) map.set(id, { row, version });
        });
        // Oldest first in a Map: drop those beyond the limit.
        for (const id of map.keys()) {
          if (map.size <= CACHE_LIMIT) break;
          map.delete(id);
        }
        if (alive.current) setLoaded((n) => n + 1);
      },
      (error: unknown) => console.error('Desk could not read the queue rows', error),
    );
  }, [store, key, version]);

  const rows = new Map<string, CaseRow>();
  for (const id of visibleIds) {
    const entry = cache.current.get(id);
    if (entry) rows.set(id, entry.row);
  }
  return rows;
}
