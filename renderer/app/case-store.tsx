/**
 * The local case store for the whole app: opened once with the app clock, handed to views through context.
 * Views read `useCaseStore()`; while it opens they get `opening`, and a store that cannot open (no IndexedDB,
 * storage refused) or that another window upgraded is reported with the store's own words.
 *
 * What else happens at open (demo seeding for `?demo-cases=`, keeping SLA summaries current, who the actor
 * is) belongs with the views that need it and goes in `openForApp` below.
 */
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import type { Clock } from '../../shared/time';
import type { CaseStore } from '../db';

/** `problem` is the store's own explanation (a StoreError), or why its code could not load. */
export type CaseStoreState =
  /** A problem while opening is "blocked": another window must close before the store can open. */
  | { status: 'opening'; store: null; problem: Error | null }
  | { status: 'open'; store: CaseStore; problem: Error | null }
  | { status: 'failed'; store: null; problem: Error };

const OPENING: CaseStoreState = { status: 'opening', store: null, problem: null };
const StoreContext = createContext<CaseStoreState>(OPENING);

/**
 * The store's code (Dexie, the demo generator and the policy presets it seeds) is loaded here, apart from the
 * shell, so the shell paints without waiting for it.
 */
async function openForApp(clock: Clock, onProblem: (problem: Error) => void): Promise<CaseStore> {
  const { openCaseStore, requestPersistentStorage, toStoreError } = await import('../db');
  try {
    const store = await openCaseStore({ clock, onProblem });
    void requestPersistentStorage();
    return store;
  } catch (error) {
    throw toStoreError(error);
  }
}

export function CaseStoreProvider({ clock, children }: { clock: Clock; children: ReactNode }) {
  const [state, setState] = useState<CaseStoreState>(OPENING);

  useEffect(() => {
    let closed = false;
    let opened: CaseStore | null = null;
    const onProblem = (problem: Error) => {
      setState((current) => (current.status === 'failed' ? current : { ...current, problem }));
    };
    openForApp(clock, onProblem).then(
      (store) => {
        if (closed) {
          store.db.close();
          return;
        }
        opened = store;
        setState({ status: 'open', store, problem: null });
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
      opened?.db.close();
    };
  }, [clock]);

  return <StoreContext.Provider value={state}>{children}</StoreContext.Provider>;
}

export function useCaseStore(): CaseStoreState {
  return useContext(StoreContext);
}
