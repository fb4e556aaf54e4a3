/**
 * The local case store for the whole app: opened once with the app clock, handed to views through context.
 * Views read `useCaseStore()`; while it opens they get `opening`, and a store that cannot open (no IndexedDB,
 * storage refused) or that another window upgraded is reported with the store's own words.
 *
 * Opening also sets the store up for the app (`openForApp`): an empty standalone store gets the demo desk
 * (`?demo-cases=N`, else DEFAULT_DEMO_CASES) with its progress shown, the stored SLA states follow the app
 * clock (its passing and every time-travel jump), the escalation runner carries out the ladders and scheduled
 * reports on that clock, and the actor is whoever Settings says "I am".
 */
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { MovableClock } from '../../shared/time';
import type { CaseStore } from '../db';
import { useMe } from '../features/settings/settings-store';
import type { CaseSearch } from '../search';
import { actorFor } from './actor';

/** `problem` is the store's own explanation (a StoreError), or why its code could not load. */
export type CaseStoreState =
  /** A problem while opening is "blocked": another window must close before the store can open. */
  | { status: 'opening'; store: null; problem: Error | null }
  | { status: 'open'; store: CaseStore; problem: Error | null }
  | { status: 'failed'; store: null; problem: Error };

/** Demo seeding under way: how many cases are written of how many. */
export interface SeedProgress {
  done: number;
  total: number;
}

interface StoreExtras {
  seeding: SeedProgress | null;
  /** The directory id of the person using the app (from Settings), null until they say who they are. */
  actorId: string | null;
  /** Full-text search over the store, opened on first use (the index is built in a worker). */
  search: () => CaseSearch | null;
  /** How many cases the search index holds while it is being built; null before it starts and once ready. */
  indexing: number | null;
}

const OPENING: CaseStoreState = { status: 'opening', store: null, problem: null };
const StoreContext = createContext<CaseStoreState>(OPENING);
const ExtrasContext = createContext<StoreExtras>({
  seeding: null,
  actorId: null,
  search: () => null,
  indexing: null,
});

/**
 * The store's code (Dexie, the demo generator and the policy presets it seeds) is loaded here, apart from the
 * shell, so the shell paints without waiting for it.
 */
async function openForApp(
  clock: MovableClock,
  onProblem: (problem: Error) => void,
  onSeeding: (progress: SeedProgress | null) => void,
  isClosed: () => boolean,
): Promise<{ store: CaseStore; stop: () => void }> {
  // The store's modules one by one (not the index): the demo generator only loads if the store is empty.
  const [{ openCaseStore, requestPersistentStorage }, { toStoreError }, seeding, { keepSlaCurrent }] =
    await Promise.all([
      import('../db/store'),
      import('../db/errors'),
      import('../db/seed'),
      import('../db/sla'),
    ]);
  const { DEFAULT_DEMO_CASES, demoRequest, seedIfEmpty } = seeding;
  let store: CaseStore;
  try {
    store = await openCaseStore({ clock, onProblem });
  } catch (error) {
    throw toStoreError(error);
  }
  try {
    void requestPersistentStorage();
    const asked = demoRequest(window.location.search).cases;
    // With no sync server configured the app runs standalone: an empty store starts as the demo desk.
    const total = asked ?? DEFAULT_DEMO_CASES;
    // Counting 200,000 cases takes IndexedDB half a second: one key says whether the store is empty, and the
    // demo's own record whether a seeding was cut short.
    const [firstKey, demo] = await Promise.all([
      store.db.cases.limit(1).primaryKeys(),
      store.db.meta.get('demo'),
    ]);
    const demoState = demo?.value;
    const interrupted =
      typeof demoState === 'object' &&
      demoState !== null &&
      'status' in demoState &&
      demoState.status === 'seeding';
    if (firstKey.length === 0 || interrupted) {
      if (!isClosed()) onSeeding({ done: 0, total });
      await seedIfEmpty(store, {
        cases: total,
        onProgress: (done) => onSeeding(isClosed() ? null : { done, total }),
      });
      onSeeding(null);
    }
    // The SLA keeper, escalation ladders, scheduled reports and the tray badge read many cases: they start once
    // the queue has painted its first rows (or shortly after, on other views), so the agent's first look is not
    // kept waiting behind them.
    let stopServices: (() => void) | null = null;
    let stopped = false;
    const startServices = async () => {
      const [{ startEscalations }, { keepTrayBadgeCurrent }, { desk }] = await Promise.all([
        import('../features/escalations/start'),
        import('./tray-badge'),
        import('../platform/bridge'),
      ]);
      if (stopped) return;
      const stopSla = keepSlaCurrent(store, (listener) => clock.subscribe(listener));
      const stopEscalations = startEscalations(store, clock);
      const stopTray = keepTrayBadgeCurrent(
        store,
        (counts) => desk.updateTrayBadge(counts),
        (listener) => clock.subscribe(listener),
      );
      stopServices = () => {
        stopSla();
        stopEscalations();
        stopTray();
      };
    };
    const cancelWait = afterFirstRows(() => {
      startServices().catch(onProblem);
    });
    const stop = () => {
      stopped = true;
      cancelWait();
      stopServices?.();
    };
    return { store, stop };
  } catch (error) {
    onSeeding(null);
    store.db.close();
    throw toStoreError(error);
  }
}

export function CaseStoreProvider({ clock, children }: { clock: MovableClock; children: ReactNode }) {
  const [state, setState] = useState<CaseStoreState>(OPENING);
  const [seeding, setSeeding] = useState<SeedProgress | null>(null);
  const [actorId, setActorId] = useState<string | null>(null);
  const me = useMe();
  const store = state.store;

  useEffect(() => {
    let closed = false;
    let opened: { store: CaseStore; stop: () => void } | null = null;
    const onProblem = (problem: Error) => {
      setState((current) => (current.status === 'failed' ? current : { ...current, problem }));
    };
    openForApp(clock, onProblem, setSeeding, () => closed).then(
      (result) => {
        if (closed) {
          result.stop();
          result.store.db.close();
          return;
        }
        opened = result;
        // For the UI benchmark and anyone profiling a start: when the store was ready for the views.
        performance.mark('desk:store-open');
        setState({ status: 'open', store: result.store, problem: null });
      },
      (error: unknown) => {
        if (!closed)
          setState({
            status: 'failed',
            store: null,
            problem: error instanceof Error ? error : new Error(String(error)),
          });
      },
    );
    return () => {
      closed = true;
      opened?.stop();
      opened?.store.db.close();
    };
  }, [clock]);

  useEffect(() => {
    if (store === null) return;
    let current = true;
    actorFor(store, me).then(
      (id) => {
        if (!current) return;
        store.actorId = id;
        setActorId(id);
      },
      (error: unknown) => console.error('Desk could not find you in the directory', error),
    );
    return () => {
      current = false;
    };
  }, [store, me]);

  const { search, indexing } = useLazySearch(store);
  const extras = useMemo(
    () => ({ seeding, actorId, search, indexing }),
    [seeding, actorId, search, indexing],
  );

  return (
    <StoreContext.Provider value={state}>
      <ExtrasContext.Provider value={extras}>{children}</ExtrasContext.Provider>
    </StoreContext.Provider>
  );
}

/**
 * The search index is built on first use, in a worker, and kept for the store's lifetime. Building it for
 * 200,000 cases takes a minute of a worker's time and a few hundred MB, which a desk that never searches
 * should not pay; the queue starts it when the search box gets the focus and shows its progress.
 */
function useLazySearch(store: CaseStore | null): {
  search: () => CaseSearch | null;
  indexing: number | null;
} {
  const opened = useRef<{ store: CaseStore; search: CaseSearch } | null>(null);
  const [module, setModule] = useState<typeof import('../search') | null>(null);
  const [indexing, setIndexing] = useState<number | null>(null);
  useEffect(() => {
    if (store === null) return;
    let current = true;
    import('../search').then((loaded) => current && setModule(loaded));
    return () => {
      current = false;
      if (opened.current?.store === store) {
        opened.current.search.close();
        opened.current = null;
      }
    };
  }, [store]);
  const search = useMemo(
    () => () => {
      if (store === null || module === null) return null;
      if (opened.current?.store !== store) {
        setIndexing(0);
        const search = module.openSearch(store, { onProgress: (indexed) => setIndexing(indexed) });
        search.ready.then(
          () => setIndexing(null),
          () => setIndexing(null),
        );
        opened.current = { store, search };
      }
      return opened.current.search;
    },
    [store, module],
  );
  return { search, indexing };
}

export function useCaseStore(): CaseStoreState {
  return useContext(StoreContext);
}

/** Demo seeding progress while an empty store is being filled, else null. */
export function useSeeding(): SeedProgress | null {
  return useContext(ExtrasContext).seeding;
}

/** The directory id of the person using the app, or null until Settings says who they are. */
export function useActorId(): string | null {
  return useContext(ExtrasContext).actorId;
}

/** How many cases the search index holds while it is first built, else null. */
export function useSearchIndexing(): number | null {
  return useContext(ExtrasContext).indexing;
}

/** Opens (once) and returns the full-text search over the store; null while the store opens. */
export function useCaseSearch(): () => CaseSearch | null {
  return useContext(ExtrasContext).search;
}

/** Calls `start` once the queue marks its first painted rows, or after `fallbackMs` on views without a queue. */
function afterFirstRows(start: () => void, fallbackMs = 1500): () => void {
  let done = false;
  let observer: PerformanceObserver | null = null;
  const finish = () => {
    done = true;
    observer?.disconnect();
    clearTimeout(timer);
  };
  const go = () => {
    if (done) return;
    finish();
    start();
  };
  const timer = setTimeout(go, fallbackMs);
  if (performance.getEntriesByName('desk:queue-rows').length > 0) go();
  else {
    observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName('desk:queue-rows').length > 0) go();
    });
    observer.observe({ type: 'mark' });
  }
  return finish;
}
