/**
 * The sync engine beside the store: pushes the outbox to the server and pulls what changed, one exchange at
 * a time. Plain TypeScript over the store and a SyncTransport, so it runs in the renderer (with the bridge's
 * transport) and in Node (tests, benchmarks).
 *
 * Nothing is lost or applied twice: an outbox row leaves only through a pull whose `lastMutationIds` covers
 * it; a push that failed half-way is sent again whole (the server skips ids it has processed); a gap is
 * resent from the id the server expects.
 */
import {
  DEFAULT_BODY_LIMIT,
  type Mutation,
  type PullResponse,
  type SyncTransport,
  SyncTransportError,
} from '../../shared/sync';
import {
  applyPull,
  type CaseStore,
  onCommitted,
  recordRefused,
  recordRejection,
  StoreError,
  syncMetaOf,
} from '../db';
import { countProblems, onProblemsChanged, problemsChanged } from './problems';

export interface SyncEngineState {
  /** `signed-out`: the server no longer accepts this session; syncing waits for a new sign-in (`syncNow`). */
  connection: 'online' | 'offline' | 'signed-out';
  phase: 'idle' | 'pushing' | 'pulling';
  /** Changes waiting in the outbox. */
  pending: number;
  lastSyncedAt: string | null;
  /** The last failure, in words for the person; null after a sync that worked. */
  lastError: string | null;
  /** The first sync of an empty store: cases received so far (the server does not say how many will come). */
  initialSync: { done: number; total: number | null } | null;
  /** Sync problems listed (refused changes, conflicts). */
  problems: number;
}

export interface SyncEngineOptions {
  store: CaseStore;
  transport: SyncTransport;
  clientGroupId: string;
  /** How often to pull without a poke (default 45 s): pokes can be missed while the stream reconnects. */
  pullIntervalMs?: number;
  /** For the backoff's jitter (default Math.random). */
  random?: () => number;
  /** Starts a timer; returns its cancel (default setTimeout). */
  setTimer?: (callback: () => void, ms: number) => () => void;
  /** Backoff after a failure: full jitter between 0 and min(capMs, baseMs × 2^(failures−1)). */
  backoff?: { baseMs: number; capMs: number };
}

export interface SyncEngine {
  start(): void;
  stop(): void;
  /** Pushes and pulls now (also after a sign-in or when the network comes back); resolves when done or failed. */
  syncNow(): Promise<void>;
  state(): SyncEngineState;
  subscribe(listener: (state: SyncEngineState) => void): () => void;
}

/** Mutations per push. */
export const PUSH_BATCH_MUTATIONS = 100;
/** JSON characters per push at most: an import batch is ~256 KiB, so a push carries a few, under the limit. */
export const PUSH_BATCH_CHARS = Math.floor(DEFAULT_BODY_LIMIT * 0.75);
/** Prefix of the first sync's performance measures (see `timing`). */
export const FIRST_SYNC_TIMING = 'desk:first-sync:';
/** The same gap answered this many times in a row means the server cannot take what we have. */
const MAX_GAPS = 3;

const defaultTimer = (callback: () => void, ms: number) => {
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
};

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { store, transport, clientGroupId } = options;
  const pullIntervalMs = options.pullIntervalMs ?? 45_000;
  const random = options.random ?? Math.random;
  const setTimer = options.setTimer ?? defaultTimer;
  const { baseMs, capMs } = options.backoff ?? { baseMs: 1000, capMs: 60_000 };

  let state: SyncEngineState = {
    connection: 'offline',
    phase: 'idle',
    pending: 0,
    lastSyncedAt: null,
    lastError: null,
    initialSync: null,
    problems: 0,
  };
  const listeners = new Set<(state: SyncEngineState) => void>();
  const update = (next: Partial<SyncEngineState>) => {
    const changed = (Object.keys(next) as (keyof SyncEngineState)[]).some((key) => next[key] !== state[key]);
    if (!changed) return;
    state = { ...state, ...next };
    for (const listener of [...listeners]) {
      try {
        listener(state);
      } catch (error) {
        console.error('A listener of the sync state failed', error);
      }
    }
  };

  let started = false;
  /** Signed out: nothing runs by itself until `syncNow` (a new sign-in) or `start`. */
  let paused = false;
  let wantPush = false;
  let wantPull = false;
  let running: Promise<void> | null = null;
  let failures = 0;
  let cancelRetry: (() => void) | null = null;
  let cancelPullTimer: (() => void) | null = null;
  let unsubscribe: (() => void)[] = [];
  /** Mutations the server has answered for since the last failure: not sent again before a pull drops them. */
  let pushedUpTo = 0;
  let firstSyncDone: number | null = null;
  /** The first mutation of the push on its way, which a refusal of the whole request names. */
  let inFlight: Mutation | null = null;

  const active = () => started && !paused;

  const refreshCounts = async () => {
    const [pending, problems] = await Promise.all([store.db.outbox.count(), countProblems(store)]);
    update({ pending, problems });
  };
  const counted = () => {
    refreshCounts().catch((error) => console.error('Desk could not count the changes waiting', error));
  };

  const kick = () => {
    if (!active() || running !== null || cancelRetry !== null) return;
    running = exchange().finally(() => {
      running = null;
    });
  };
  const request = (push: boolean, pull: boolean) => {
    wantPush ||= push;
    wantPull ||= pull;
    kick();
  };
  const retryNow = () => {
    cancelRetry?.();
    cancelRetry = null;
  };

  /** Pushes and pulls until nothing more is wanted, or a failure schedules a retry. */
  async function exchange(): Promise<void> {
    while (active() && (wantPush || wantPull)) {
      try {
        let reached: boolean;
        if (wantPush) {
          wantPush = false;
          update({ phase: 'pushing' });
          reached = await pushOutbox();
          if (reached) wantPull = true;
        } else {
          wantPull = false;
          update({ phase: 'pulling' });
          await pullAll();
          reached = true;
        }
        // Only an answer from the server says it can be reached (an empty outbox sends nothing).
        if (reached) {
          failures = 0;
          update({ connection: 'online', lastError: null });
        }
      } catch (error) {
        const during = state.phase;
        update({ phase: 'idle' });
        await failed(error, during);
        return;
      }
    }
    update({ phase: 'idle' });
  }

  /** Sends every queued mutation not yet answered for; says whether it sent any. */
  async function pushOutbox(): Promise<boolean> {
    const outbox = await store.db.outbox.toArray();
    let queued = outbox.filter((m) => m.id > pushedUpTo);
    if (queued.length === 0) return false;
    let from = 0;
    let gaps = 0;
    while (from < queued.length && active()) {
      const batch = takeBatch(queued, from);
      inFlight = batch[0]!;
      const outcome = await transport.push({ clientGroupId, mutations: batch });
      if (outcome.kind === 'gap') {
        // The server lacks changes it had answered for: send everything from the one it expects.
        queued = outbox;
        const resumeAt = queued.findIndex((m) => m.id === outcome.gap.expectedId);
        if (resumeAt === -1 || ++gaps > MAX_GAPS) throw lostByServer(outcome.gap.expectedId);
        from = resumeAt;
        continue;
      }
      gaps = 0;
      const at = store.clock.now().toISOString();
      const rejected = outcome.response.results.filter(
        (r) => r.status === 'rejected' && r.clientId === store.clientId,
      );
      if (rejected.length > 0) {
        await store.db.transaction('rw', store.db.syncProblems, async () => {
          for (const result of rejected) {
            const mutation = batch.find((m) => m.id === result.id);
            if (mutation)
              await recordRejection(store.db, mutation, result.error ?? 'The server refused it.', at);
          }
        });
        problemsChanged(store);
      }
      pushedUpTo = batch.at(-1)!.id;
      from += batch.length;
    }
    return true;
  }

  /**
   * Pulls page after page until the server has nothing more. The next page is asked for as soon as a page
   * arrives, while this one is written: the server and the network work while IndexedDB does, and pages are
   * still applied one by one in order (each page's cookie is the next request's). A page fetched ahead and
   * never applied (a failure, a stop) is dropped; the store's cookie says where the next pull starts.
   */
  async function pullAll(): Promise<void> {
    let { cookie } = await syncMetaOf(store);
    if (cookie === 0 && firstSyncDone === null) {
      firstSyncDone = 0;
      clearTimings();
    }
    if (firstSyncDone !== null) update({ initialSync: { done: firstSyncDone, total: null } });
    let next: Promise<PullResponse> | null = fetchPage(cookie);
    try {
      while (next !== null) {
        const waitedFrom = performance.now();
        const response: PullResponse = await next;
        next = null;
        timing('wait', waitedFrom);
        if (response.more && active()) next = fetchPage(response.cookie);
        const applyFrom = performance.now();
        const applied = await applyPull(store, response);
        timing('apply', applyFrom, response.changes.length);
        cookie = response.cookie;
        if (applied.newProblems > 0) problemsChanged(store);
        if (firstSyncDone !== null) {
          firstSyncDone += applied.casesReceived;
          update({ initialSync: response.more ? { done: firstSyncDone, total: null } : null });
        }
        await refreshCounts();
        if (!active()) next = null;
      }
    } finally {
      // A page asked for ahead that will not be applied: its failure is nobody's news.
      next?.catch(() => undefined);
    }
    if (!active()) return;
    if (firstSyncDone !== null) performance.mark(`${FIRST_SYNC_TIMING}done`, { detail: firstSyncDone });
    firstSyncDone = null;
    update({ initialSync: null, lastSyncedAt: store.clock.now().toISOString() });
  }

  /** One page from the server; during a first sync its round trip is timed. */
  function fetchPage(from: number): Promise<PullResponse> {
    const started = performance.now();
    const page = transport.pull(clientGroupId, from);
    const timed = page.then((response) => {
      timing('pull', started, response.changes.length);
      return response;
    });
    // Asked for ahead, it may fail before anyone awaits it; the loop still sees the failure when it does.
    timed.catch(() => undefined);
    return timed;
  }

  /**
   * The first sync's stages as performance measures (`desk:first-sync:pull|wait|apply`, `detail`: changes) and
   * its end as the mark `desk:first-sync:done` (`detail`: cases received), for the sync benchmark and anyone
   * profiling one: only while a first sync runs, so the timeline stays small.
   */
  function timing(stage: 'pull' | 'wait' | 'apply', start: number, changes?: number): void {
    if (firstSyncDone === null) return;
    performance.measure(`${FIRST_SYNC_TIMING}${stage}`, { start, end: performance.now(), detail: changes });
  }

  async function failed(error: unknown, during: SyncEngineState['phase']): Promise<void> {
    // Stopped meanwhile (signed out, the store closed): what failed no longer matters and nothing is retried.
    if (!started) return;
    // What the server answered for may not have been committed (a lost answer): send it all again.
    pushedUpTo = 0;
    wantPush = true;
    wantPull = true;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof SyncTransportError && error.kind === 'signed-out') {
      paused = true;
      stopTimers();
      update({ connection: 'signed-out', lastError: message });
      return;
    }
    if (error instanceof SyncTransportError && error.kind === 'refused') {
      await noteRefused(message, during === 'pushing' ? inFlight : null).catch((noteError) =>
        console.error('Desk could not note the refusal', noteError),
      );
      await refreshCounts().catch((countError) =>
        console.error('Desk could not count the problems', countError),
      );
      update({ connection: 'online', lastError: message });
    } else if (error instanceof SyncTransportError) {
      update({ connection: 'offline', lastError: message });
    } else if (error instanceof StoreError) {
      update({ lastError: error.message });
    } else {
      console.error('Sync failed', error);
      update({ lastError: `Desk couldn't sync (${message}). It will try again by itself.` });
    }
    scheduleRetry();
  }

  /** A refused request: a push names its first change (still queued), a pull none. */
  async function noteRefused(message: string, first: Mutation | null): Promise<void> {
    const at = store.clock.now().toISOString();
    await store.db.transaction('rw', store.db.syncProblems, () =>
      recordRefused(store.db, store.clientId, first, message, at),
    );
    problemsChanged(store);
  }

  function scheduleRetry(): void {
    failures++;
    const delay = Math.floor(random() * Math.min(capMs, baseMs * 2 ** (failures - 1)));
    cancelRetry = setTimer(() => {
      cancelRetry = null;
      kick();
    }, delay);
  }

  function armPullTimer(): void {
    cancelPullTimer = setTimer(() => {
      cancelPullTimer = null;
      if (!active()) return;
      armPullTimer();
      request(false, true);
    }, pullIntervalMs);
  }

  function stopTimers(): void {
    cancelRetry?.();
    cancelRetry = null;
    cancelPullTimer?.();
    cancelPullTimer = null;
  }

  const resume = () => {
    paused = false;
    if (cancelPullTimer === null) armPullTimer();
  };

  return {
    start() {
      if (started) return;
      started = true;
      unsubscribe = [
        onCommitted(store, (change) => {
          if (change.mutation === null) return;
          counted();
          request(true, false);
        }),
        transport.onPoke(() => {
          // The server is reachable again: no need to wait out a backoff.
          retryNow();
          request(false, true);
        }),
        onProblemsChanged(store, counted),
      ];
      resume();
      counted();
      request(true, true);
    },
    stop() {
      started = false;
      stopTimers();
      for (const stop of unsubscribe) stop();
      unsubscribe = [];
      update({ phase: 'idle' });
    },
    async syncNow() {
      if (!started) return;
      if (paused) resume();
      retryNow();
      request(true, true);
      while (running !== null) await running;
    },
    state: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

function clearTimings(): void {
  for (const stage of ['pull', 'wait', 'apply']) performance.clearMeasures(`${FIRST_SYNC_TIMING}${stage}`);
  performance.clearMarks(`${FIRST_SYNC_TIMING}done`);
}

/** From `from`, as many mutations as one push may carry (at least one). */
function takeBatch(queued: readonly Mutation[], from: number): Mutation[] {
  const batch: Mutation[] = [];
  let chars = 0;
  for (let i = from; i < queued.length && batch.length < PUSH_BATCH_MUTATIONS; i++) {
    const size = JSON.stringify(queued[i]).length;
    if (batch.length > 0 && chars + size > PUSH_BATCH_CHARS) break;
    batch.push(queued[i]!);
    chars += size;
  }
  return batch;
}

function lostByServer(expectedId: number): Error {
  return new Error(
    `the server expects change ${expectedId} of this desk, which it had already acknowledged. Your changes are ` +
      'kept here; ask your desk admin whether the server was restored from a backup',
  );
}
