/**
 * The search index kept between sessions, in a database of its own beside the store (`${store}-search`), so the
 * case store's schema never changes for it and dropping it costs only a rebuild.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { EngineSnapshot } from './engine';

/** The saved index and what it covers. */
export interface IndexSnapshot extends EngineSnapshot {
  key: 'index';
  /** The latest `updatedAt` among the cases it holds: cases updated since (at or after it) are read again on open. */
  mark: string;
  count: number;
  savedAt: string;
}

/**
 * A case whose change the page announced: kept until a snapshot holding that change is saved, so a change made
 * after the last save (or with an `updatedAt` behind the mark: a clock set back, an older change synced late)
 * is read again on the next open.
 */
export interface PendingCase {
  id: string;
  seq: number;
}

export type SearchDb = Dexie & {
  snapshots: EntityTable<IndexSnapshot, 'key'>;
  pending: EntityTable<PendingCase, 'id'>;
};

export function searchDbName(storeName: string): string {
  return `${storeName}-search`;
}

export function createSearchDb(storeName: string): SearchDb {
  const db = new Dexie(searchDbName(storeName)) as SearchDb;
  db.version(1).stores({ snapshots: 'key', pending: 'id, seq' });
  return db;
}

/** The saved snapshot, or null when there is none or it cannot be read. */
export async function readSnapshot(db: SearchDb): Promise<IndexSnapshot | null> {
  try {
    return (await db.snapshots.get('index')) ?? null;
  } catch (error) {
    console.warn('The saved search index could not be read; it will be rebuilt.', error);
    return null;
  }
}

/** Saves the snapshot and forgets the pending cases it covers (those announced up to `coveredSeq`), together. */
export async function writeSnapshot(
  db: SearchDb,
  snapshot: IndexSnapshot,
  coveredSeq: number,
): Promise<void> {
  await db.transaction('rw', [db.snapshots, db.pending], async () => {
    await db.snapshots.put(snapshot);
    await db.pending.where('seq').belowOrEqual(coveredSeq).delete();
  });
}

export async function dropSnapshot(db: SearchDb): Promise<void> {
  await db.snapshots.delete('index');
}
