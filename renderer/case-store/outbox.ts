import { useLiveQuery } from 'dexie-react-hooks';
import { useCaseStore } from './case-store';

/**
 * How many local changes wait to be sent, live from the store's outbox. `undefined` while the store opens
 * (or if it could not).
 */
export function useOutboxCount(): number | undefined {
  const { store } = useCaseStore();
  return useLiveQuery(async () => (store ? await store.db.outbox.count() : undefined), [store]);
}
