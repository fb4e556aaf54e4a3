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
import {
  type CaseStore,
  openCaseStore,
  requestPersistentStorage,
  type StoreError,
  toStoreError,
} from '../db';

export type CaseStoreState =
  /** `problem` here is "blocked": another window must close before the store can open. */
  | { status: 'opening'; store: null; problem: StoreError | null }
  | { status: 'open'; store: CaseStore; problem: StoreError | null }
  | { status: 'failed'; store: null; problem: StoreError };

const OPENING: CaseStoreState = { status: 'opening', store: null, problem: null };
const StoreContext = createContext<CaseStoreState>(OPENING);

async function openForApp(clock: Clock, onProblem: (problem: StoreError) => void): Promise<CaseStore> {
  const store = await openCaseStore({ clock, onProblem });
  void requestPersistentStorage();
  return store;
}

export function CaseStoreProvider({ clock, children }: { clock: Clock; children: ReactNode }) {
  const [state, setState] = useState<CaseStoreState>(OPENING);

  useEffect(() => {
    let closed = false;
    let opened: CaseStore | null = null;
    const onProblem = (problem: StoreError) => {
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
        if (!closed) setState({ status: 'failed', store: null, problem: toStoreError(error) });
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
