/**
 * The desks kept on this computer: the standalone one (`desk`) and one per server and person. Removing one is
 * deleting its IndexedDB database; it finishes once every window has let go of it.
 */
import { STANDALONE_STORE } from './case-store';

/** Deletes a local store; resolves once it is gone (other windows must close it first). */
export function removeLocalStore(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () =>
      reject(
        new Error(`This computer's copy could not be removed (${request.error?.message ?? 'unknown'}).`),
      );
    // Blocked: another window still has it open; the deletion goes ahead when that window closes or reloads.
    request.onblocked = () =>
      console.warn(`Removing ${name} waits for Desk's other windows to let go of it.`);
  });
}

/** Whether this computer has a standalone desk (without creating one by asking). */
export async function hasStandaloneStore(): Promise<boolean> {
  if (typeof indexedDB.databases !== 'function') return false;
  const databases = await indexedDB.databases();
  return databases.some((database) => database.name === STANDALONE_STORE);
}
