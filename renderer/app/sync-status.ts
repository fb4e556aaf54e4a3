/**
 * Where this desktop's changes go. With no sync server configured the app runs standalone ("local only"); the
 * sync client (a later issue) reports online/offline here, and the status bar shows it.
 */
export type SyncStatus = 'local-only' | 'online' | 'offline';

export function useSyncStatus(): SyncStatus {
  return 'local-only';
}
