/**
 * How many local changes wait to be sent. A stub source until renderer/db lands; then this becomes
 * `useLiveQuery(() => db.outbox.count())` (dexie-react-hooks) and the status bar needs no change.
 * `undefined` means "not known yet" (the store is opening).
 */
export function useOutboxCount(): number | undefined {
  return 0;
}
