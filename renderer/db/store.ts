import { createSlaOf, type Mutation, type RowChange, type SlaOf } from '../../shared/sync';
import type { Clock } from '../../shared/time';
import { StoreError, toStoreError } from './errors';
import { createDeskDb, type DeskDb } from './schema';
import { DEFAULT_SAVED_VIEWS } from './views';

/** What a committed mutation changed: for the search index, notifications, the status bar. */
export interface CommittedChange {
  /** The local mutation, or null for rows that came from the server. */
  readonly mutation: Mutation | null;
  readonly changes: readonly RowChange[];
  /**
   * A page of an empty store's first sync with more pages to come: the desk's history arriving, not news.
   * Listeners that re-read what changed may wait for the commit without it (the first sync's last page).
   */
  readonly firstSync?: true;
}

/**
 * The local case store: the database plus what writing to it needs (who this client and person are, the
 * app clock, the SLA summary function for the desk's policies).
 */
export interface CaseStore {
  readonly db: DeskDb;
  /** This store's id in mutation envelopes (stored in meta, made once; a store is one per person and server). */
  readonly clientId: string;
  /** The client group the sync server knows this store by (stored in meta beside the client id). */
  readonly clientGroupId: string;
  readonly clock: Clock;
  /** The person using the app: stamped on events, and "mine" in queue views. Null until they say who they are. */
  actorId: string | null;
  /** Rebuilt by `reloadPolicies` when policies or calendars change. */
  slaOf: SlaOf;
  /** Called after each committed mutation, in commit order. */
  readonly listeners: Set<(change: CommittedChange) => void>;
}

export interface OpenStoreOptions {
  /** The IndexedDB database name; one per person and server. */
  name?: string;
  clock: Clock;
  actorId?: string | null;
  /** Overrides the SLA summary built from the stored policies (tests). */
  slaOf?: SlaOf;
  /**
   * Told when the store cannot proceed as normal: another window blocks an upgrade (`blocked`, the open then
   * waits until that window closes) or upgraded it (`upgraded-elsewhere`, this store is closed).
   */
  onProblem?: (problem: StoreError) => void;
}

export const DEFAULT_DB_NAME = 'desk';

/**
 * Opens (creating or upgrading) the case store. Rejects with a StoreError whose message the app can show as
 * it is: storage missing, or refused.
 */
export async function openCaseStore(options: OpenStoreOptions): Promise<CaseStore> {
  const db = createDeskDb(options.name ?? DEFAULT_DB_NAME);
  const report = options.onProblem ?? (() => {});
  db.on('blocked', () => report(new StoreError('blocked')));
  db.on('versionchange', () => {
    // Let the other window's upgrade go ahead; this one can no longer trust its schema.
    db.close();
    report(new StoreError('upgraded-elsewhere'));
    return false;
  });
  db.on('populate', (tx) => {
    tx.table('savedViews').bulkAdd(DEFAULT_SAVED_VIEWS.map((view) => ({ ...view })));
  });
  try {
    await db.open();
    const { clientId, clientGroupId } = await ensureIds(db);
    const slaOf = options.slaOf ?? (await loadSlaOf(db));
    return {
      db,
      clientId,
      clientGroupId,
      clock: options.clock,
      actorId: options.actorId ?? null,
      slaOf,
      listeners: new Set(),
    };
  } catch (error) {
    db.close();
    throw toStoreError(error);
  }
}

/** The keys of the store's own bookkeeping in the meta table. */
export const META = {
  clientId: 'clientId',
  clientGroupId: 'clientGroupId',
  /** The last mutation id this client used (the outbox numbers from it). */
  lastMutationId: 'lastMutationId',
  /** The server version this store has pulled up to (0: nothing yet). */
  cookie: 'cookie',
  /** The highest mutation id of this client the server has said it processed. */
  lastAckedMutationId: 'lastAckedMutationId',
} as const;

async function ensureIds(db: DeskDb): Promise<{ clientId: string; clientGroupId: string }> {
  return db.transaction('rw', db.meta, async () => {
    const [client, group] = await db.meta.bulkGet([META.clientId, META.clientGroupId]);
    const clientId = typeof client?.value === 'string' ? client.value : crypto.randomUUID();
    const clientGroupId = typeof group?.value === 'string' ? group.value : crypto.randomUUID();
    await db.meta.bulkPut([
      { key: META.clientId, value: clientId },
      { key: META.clientGroupId, value: clientGroupId },
    ]);
    return { clientId, clientGroupId };
  });
}

/** A number kept in meta (0 when absent). */
export async function metaNumber(db: DeskDb, key: string): Promise<number> {
  const row = await db.meta.get(key);
  return typeof row?.value === 'number' ? row.value : 0;
}

export interface SyncMeta {
  readonly clientId: string;
  readonly clientGroupId: string;
  /** The pull cookie: the server version the store holds everything up to. */
  readonly cookie: number;
  readonly lastAckedMutationId: number;
}

/** Where this store stands with the server. */
export async function syncMetaOf(store: CaseStore): Promise<SyncMeta> {
  const [cookie, lastAckedMutationId] = await Promise.all([
    metaNumber(store.db, META.cookie),
    metaNumber(store.db, META.lastAckedMutationId),
  ]);
  return { clientId: store.clientId, clientGroupId: store.clientGroupId, cookie, lastAckedMutationId };
}

/** The SLA function for the policies and calendars stored now (inside a transaction, too). */
export async function loadSlaOf(db: DeskDb): Promise<SlaOf> {
  const [policies, calendars] = await Promise.all([db.policies.toArray(), db.calendars.toArray()]);
  return createSlaOf(policies, calendars);
}

/** After policies or calendars changed: rebuild the SLA function (then `recomputeSla(store, { all: true })`). */
export async function reloadPolicies(store: CaseStore): Promise<void> {
  store.slaOf = await loadSlaOf(store.db);
}

/** Subscribes to committed mutations; returns the unsubscribe. */
export function onCommitted(store: CaseStore, listener: (change: CommittedChange) => void): () => void {
  store.listeners.add(listener);
  return () => {
    store.listeners.delete(listener);
  };
}

export type PersistenceOutcome = 'persisted' | 'denied' | 'unsupported';

/**
 * Asks the browser not to evict the store under storage pressure (Electron and installed apps usually get it;
 * a plain tab may be told no, which the status area can say).
 */
export async function requestPersistentStorage(
  storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined = globalThis.navigator?.storage,
): Promise<PersistenceOutcome> {
  if (storage === undefined || typeof storage.persist !== 'function') return 'unsupported';
  try {
    if (await storage.persisted()) return 'persisted';
    return (await storage.persist()) ? 'persisted' : 'denied';
  } catch {
    return 'denied';
  }
}
