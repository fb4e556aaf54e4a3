/**
 * Going back before the store's latest change would show cases with their future in them; what a trainer can
 * do instead is start a fresh demo desk at that instant: this computer's standalone desk is deleted and the
 * app reloads with `?now=` there, where an empty store is seeded as of that time.
 */

import { formatDeskTime } from '../../shared/time';
import { useCloseStore, useStoreTarget } from '../case-store/case-store';
import { removeLocalStore } from '../case-store/local-stores';

/** Null when the open desk is not this computer's own demo desk (a team server's copy is never replaced). */
export function useFreshDemoDesk(): ((atMs: number) => Promise<void>) | null {
  const target = useStoreTarget();
  const closeStore = useCloseStore();
  if (target === null || target.personId !== null) return null;
  return async (atMs) => {
    closeStore();
    await removeLocalStore(target.name);
    const url = new URL(window.location.href);
    url.searchParams.set('now', new Date(atMs).toISOString());
    url.searchParams.delete('clock');
    window.location.replace(url.href);
  };
}

/** Why the clock cannot go to `askedMs`, in the desk's zone. */
export function beforeStoreText(askedMs: number, latestMs: number, timeZone: string): string {
  return `This desk already has changes up to ${formatDeskTime(latestMs, timeZone, 'clock')}: at ${formatDeskTime(askedMs, timeZone, 'clock')} it would show cases with events that have not happened yet.`;
}
