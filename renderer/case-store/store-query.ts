/**
 * Reading the case store from a view: the read runs once the store is open and again after any committed write
 * to the tables it names (in this window or another), at most once per `throttleMs`, so a burst of writes (an
 * SLA refresh of thousands of cases) costs one re-read, not one per chunk.
 */
import Dexie, { type ObservabilitySet } from 'dexie';
import { type DependencyList, useEffect, useState } from 'react';
import type { CaseStore, DeskDb } from '../db';
import { useCaseStore } from './case-store';

export type StoreTable =
  | 'cases'
  | 'events'
  | 'people'
  | 'teams'
  | 'policies'
  | 'calendars'
  | 'savedViews'
  | 'outbox'
  | 'outboundMessages'
  | 'syncProblems';

/** Calls `listener` after each committed write touching any of these tables of `db`; returns the unsubscribe. */
export function onTablesChanged(db: DeskDb, tables: readonly StoreTable[], listener: () => void): () => void {
  const prefixes = tables.map((table) => `idb://${db.name}/${table}/`);
  const handler = (parts: ObservabilitySet) => {
    for (const part of Object.keys(parts)) {
      if (prefixes.some((prefix) => part.startsWith(prefix))) {
        listener();
        return;
      }
    }
  };
  Dexie.on.storagemutated.subscribe(handler);
  return () => Dexie.on.storagemutated.unsubscribe(handler);
}

export interface StoreQueryOptions {
  tables: readonly StoreTable[];
  /** Minimum time between re-reads after writes (default 0: the next task). */
  throttleMs?: number;
}

/**
 * The result of `read(store)`, kept current; `undefined` until the first read answers (or while the store
 * opens). After `deps` change the last value stays until the new read answers (no flash of nothing); a failed
 * read is logged and leaves the last value. A read may show a first part of its answer early (`early`), which the
 * whole answer then replaces.
 */
export function useStoreQuery<T>(
  read: (store: CaseStore, early: (value: T) => void) => Promise<T>,
  deps: DependencyList,
  { tables, throttleMs = 0 }: StoreQueryOptions,
): T | undefined {
  const { store } = useCaseStore();
  const [value, setValue] = useState<T | undefined>(undefined);
  const tableKey = tables.join(',');

  // biome-ignore lint/correctness/useExhaustiveDependencies: `read` and `tables` are new each render; `deps` and `tableKey` say when they change.
  useEffect(() => {
    if (store === null) return;
    let current = true;
    let running = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const run = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      last = performance.now();
      try {
        const next = await read(store, (value) => {
          if (current) setValue(() => value);
        });
        if (current) setValue(() => next);
      } catch (error) {
        if (current) console.error('Desk could not read the case store', error);
      } finally {
        running = false;
        if (again && current) {
          again = false;
          schedule();
        }
      }
    };
    const schedule = () => {
      if (timer !== undefined) return;
      const wait = Math.max(0, last + throttleMs - performance.now());
      timer = setTimeout(() => {
        timer = undefined;
        void run();
      }, wait);
    };
    void run();
    const stop = onTablesChanged(store.db, tables, schedule);
    return () => {
      current = false;
      clearTimeout(timer);
      stop();
    };
  }, [store, tableKey, throttleMs, ...deps]);

  return value;
}
