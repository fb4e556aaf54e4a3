/**
 * The local case store for the whole app: opened once with the app clock, handed to views through context.
 * Views read `useCaseStore()`; while it opens they get `opening`, and a store that cannot open (no IndexedDB,
 * storage refused) or that another window upgraded is reported with the store's own words.
 *
 * The store is one per person and server: `desk` when standalone, `desk@<server>#<person>` when this desktop
 * syncs with a team server (Settings → Team server), so signing in as someone else never mixes two people's
 * desks. Opening also sets the store up for the app (`openForApp`): an empty standalone store gets the demo desk
 * (`?demo-cases=N`, else DEFAULT_DEMO_CASES) with its progress shown, the stored SLA states follow the app clock,
 * the escalation runner carries out the ladders and scheduled reports on that clock, and the actor is whoever
 * Settings says "I am" (standalone) or the signed-in person (connected), whose store also runs the sync engine.
 */
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { SyncSettings } from '../../shared/ipc/schemas';
import { setIdentityPending } from '../access';
import type { TravelClock } from '../clock';
import type { CaseStore } from '../db';
import { foregroundIdle } from '../db/foreground';
import { useMe, useSettings } from '../desk-settings/settings-store';
import type { CaseSearch } from '../search';
import { actorFor } from './actor';
import { afterMark } from './marks';
import { keepServerTime, startSync } from './sync-start';

/** Which local store the app opens: standalone, or one person's copy of one server's desk. */
export interface StoreTarget {
  /** The IndexedDB database name. */
  name: string;
  /** Null when standalone. */
  serverUrl: string | null;
  personId: string | null;
}

export const STANDALONE_STORE = 'desk';

export function storeTarget(sync: SyncSettings): StoreTarget {
  if (sync.serverUrl === null || sync.personId === null)
    return { name: STANDALONE_STORE, serverUrl: null, personId: null };
  // The URL is kept normalised by the shell (no trailing slash, no query); the person id is encoded so no id
  // can make one name look like another's.
  return {
    name: `${STANDALONE_STORE}@${sync.serverUrl}#${encodeURIComponent(sync.personId)}`,
    serverUrl: sync.serverUrl,
    personId: sync.personId,
  };
}

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
  /** The store the app opens (null until the shell's settings say which). */
  target: StoreTarget | null;
  seeding: SeedProgress | null;
  /** The directory id of the person using the app (from Settings), null until they say who they are. */
  actorId: string | null;
  /** Full-text search over the store, opened on first use (the index is built in a worker). */
  search: () => CaseSearch | null;
  /** How many cases the search index holds while it is being built; null before it starts and once ready. */
  indexing: number | null;
  /** Stops syncing and the background work and closes the store (before signing out and removing it). */
  closeStore: () => void;
}

const OPENING: CaseStoreState = { status: 'opening', store: null, problem: null };
const StoreContext = createContext<CaseStoreState>(OPENING);
const ExtrasContext = createContext<StoreExtras>({
  target: null,
  seeding: null,
  actorId: null,
  search: () => null,
  indexing: null,
  closeStore: () => {},
});

/**
 * The store's code (Dexie, the demo generator and the policy presets it seeds) is loaded here, apart from the
 * shell, so the shell paints without waiting for it.
 */
async function openForApp(
  clock: TravelClock,
  target: StoreTarget,
  onProblem: (problem: Error) => void,
  onSeeding: (progress: SeedProgress | null) => void,
  isClosed: () => boolean,
): Promise<{ store: CaseStore; stop: () => void }> {
  // The store's modules one by one (not the index): the demo generator only loads if the store is empty.
  const [
    { openCaseStore, requestPersistentStorage },
    { toStoreError },
    seeding,
    { keepSlaCurrent },
    { holdClockAfterStore },
  ] = await Promise.all([
    import('../db/store'),
    import('../db/errors'),
    import('../db/seed'),
    import('../db/sla'),
    import('./clock-floor'),
  ]);
  const { DEFAULT_DEMO_CASES, demoRequest, seedIfEmpty } = seeding;
  const connected = target.personId !== null;
  let store: CaseStore;
  try {
    store = await openCaseStore({
      name: target.name,
      clock,
      onProblem,
      ...(connected ? { actorId: target.personId } : {}),
    });
  } catch (error) {
    throw toStoreError(error);
  }
  try {
    void requestPersistentStorage();
    const asked = demoRequest(window.location.search).cases;
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
    // With no sync server configured the app runs standalone: an empty store starts as the demo desk. A store
    // that syncs gets its cases from the server, never from the demo generator.
    if (!connected && (firstKey.length === 0 || interrupted)) {
      if (!isClosed()) onSeeding({ done: 0, total });
      await seedIfEmpty(store, {
        cases: total,
        onProgress: (done) => onSeeding(isClosed() ? null : { done, total }),
      });
      onSeeding(null);
    }
    // Before any view reads the store: a `?now=` earlier than its latest change would show the future.
    const stopHolding = connected ? () => {} : await holdClockAfterStore(clock, store.db);
    // The SLA keeper, escalation ladders, scheduled reports and the tray badge read many cases: they start once
    // the queue has painted its first rows (or shortly after, on other views), so the agent's first look is not
    // kept waiting behind them.
    let stopServices: (() => void) | null = null;
    let stopped = false;
    const startServices = async () => {
      const [{ startEscalations }, { keepTrayBadgeCurrent }, { desk }, { startMail }] = await Promise.all([
        import('../escalation-runner/start'),
        import('./tray-badge'),
        import('../platform/bridge'),
        import('../mail/start'),
      ]);
      if (stopped) return;
      const stopSla = keepSlaCurrent(store, (listener) => clock.subscribe(listener));
      const stopEscalations = startEscalations(store, clock);
      const stopTray = keepTrayBadgeCurrent(
        store,
        (counts) => desk.updateTrayBadge(counts),
        (listener) => clock.subscribe(listener),
      );
      // Mail in and out: in a team each reply is claimed through the server before it is sent.
      const stopMail = startMail(store, { team: connected });
      stopServices = () => {
        stopSla();
        stopEscalations();
        stopTray();
        stopMail();
      };
    };
    // The sync engine starts with them; a connected store with no cases yet (the first sync) has no rows to
    // paint, so it starts at once and the queue fills as pages arrive.
    let stopSync: (() => void) | null = null;
    const beginSync = () => {
      if (!connected || stopped || stopSync) return;
      startSync(store).then(
        (stop) => {
          if (stopped) stop();
          else stopSync = stop;
        },
        (error: unknown) => onProblem(error instanceof Error ? error : new Error(String(error))),
      );
    };
    if (firstKey.length === 0) beginSync();
    // The background services then wait for the search index to open as well (the queue opens it just after
    // its first rows, and the first search after opening waits for it), or a moment on views without a queue:
    // their first reads of thousands of cases would otherwise share IndexedDB with it.
    let cancelServicesWait = () => {};
    const cancelWait = afterMark('desk:queue-rows', FIRST_ROWS_WAIT_MS, () => {
      beginSync();
      cancelServicesWait = afterMark('desk:search-ready', SEARCH_WAIT_MS, () => {
        // Not while a search is being read (the first one often comes just then: see foreground.ts).
        foregroundIdle().then(startServices).catch(onProblem);
      });
    });
    const stop = () => {
      stopped = true;
      stopHolding();
      cancelWait();
      cancelServicesWait();
      stopSync?.();
      stopServices?.();
    };
    return { store, stop };
  } catch (error) {
    onSeeding(null);
    store.db.close();
    throw toStoreError(error);
  }
}

export function CaseStoreProvider({ clock, children }: { clock: TravelClock; children: ReactNode }) {
  const [state, setState] = useState<CaseStoreState>(OPENING);
  const [seeding, setSeeding] = useState<SeedProgress | null>(null);
  const [actorId, setActorId] = useState<string | null>(null);
  const me = useMe();
  const sync = useSettings().settings?.sync;
  // Which store to open needs the shell's settings; until they arrive the views show "opening".
  const loaded = sync !== undefined;
  const serverUrl = sync?.serverUrl ?? null;
  const personId = sync?.personId ?? null;
  const target = useMemo(
    () => (loaded ? storeTarget({ serverUrl, personId, email: null }) : null),
    [loaded, serverUrl, personId],
  );
  const opened = useRef<{ store: CaseStore; stop: () => void } | null>(null);
  const store = state.store;

  useEffect(() => {
    if (target === null) return;
    let closed = false;
    // Connected, every change is stamped with the server-corrected real time: no time travel.
    const stopServerTime = target.personId === null ? () => {} : keepServerTime(clock);
    const onProblem = (problem: Error) => {
      setState((current) => (current.status === 'failed' ? current : { ...current, problem }));
    };
    setState(OPENING);
    openForApp(clock, target, onProblem, setSeeding, () => closed).then(
      (result) => {
        if (closed) {
          result.stop();
          result.store.db.close();
          return;
        }
        opened.current = result;
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
      stopServerTime();
      opened.current?.stop();
      opened.current?.store.db.close();
      opened.current = null;
    };
  }, [clock, target]);

  useEffect(() => {
    if (store === null || target === null) return;
    // Connected, the actor is the signed-in person: the server's directory says who they are.
    if (target.personId !== null) {
      store.actorId = target.personId;
      setActorId(target.personId);
      return;
    }
    let current = true;
    // Until the person chosen is found in the directory, the store's viewer sees no more than any agent.
    setIdentityPending(store, me !== null);
    actorFor(store, me).then(
      (id) => {
        if (!current) return;
        store.actorId = id;
        setIdentityPending(store, false);
        setActorId(id);
      },
      (error: unknown) => console.error('Desk could not find you in the directory', error),
    );
    return () => {
      current = false;
    };
  }, [store, me, target]);

  const closeStore = useMemo(
    () => () => {
      opened.current?.stop();
      opened.current?.store.db.close();
      opened.current = null;
      setState(OPENING);
    },
    [],
  );
  const { search, indexing } = useLazySearch(store);
  const extras = useMemo(
    () => ({ target, seeding, actorId, search, indexing, closeStore }),
    [target, seeding, actorId, search, indexing, closeStore],
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

/** The store the app has open or is opening: standalone, or one person's copy of a server's desk. */
export function useStoreTarget(): StoreTarget | null {
  return useContext(ExtrasContext).target;
}

/** Closes the store (sync and background work stopped): before signing out and removing its data. */
export function useCloseStore(): () => void {
  return useContext(ExtrasContext).closeStore;
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

/** How long the services wait for the queue's first rows (other views have none). */
const FIRST_ROWS_WAIT_MS = 1500;
/** And then for the search index to open (a first build of it takes minutes; no view may have opened it). */
const SEARCH_WAIT_MS = 1500;
