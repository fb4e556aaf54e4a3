import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Case, CaseEvent } from '../../shared/domain';
import {
  contextFor,
  type Mutation,
  MutationError,
  type MutationRows,
  type OutboundMessage,
  type Person,
  type PokeData,
  type PullResponse,
  type PushOutcome,
  type PushRequest,
  prepareMutation,
  type ReadSet,
  type RowChange,
  type RowsByTable,
  refKey,
  type SyncTransport,
  SyncTransportError,
  WRITABLE_TABLES,
  type WritableRows,
  type WritableTable,
} from '../../shared/sync';
import { createClock } from '../../shared/time';
import { type CaseStore, openCaseStore, runMutation, seedIfEmpty } from '../db';
import { createSyncEngine, type SyncEngine, type SyncEngineState } from './engine';
import { listProblems } from './problems';

const NOW = '2026-03-02T10:00:00.000Z';
const ANA = 'person-ana-patel';

/**
 * An in-memory stand-in for the desk server, enough to drive the engine: it runs the shared mutators on its
 * rows, stamps versions, keeps each client's last processed id, refuses gaps, and pages pulls. (The real
 * server and the convergence test against it live in server/ and test/.)
 */
class FakeServer {
  readonly rows = new Map<
    string,
    { table: WritableTable; id: string; row: unknown | null; version: number }
  >();
  version = 0;
  readonly last = new Map<string, number>();
  readonly rejected: { clientId: string; id: number; error: string; version: number }[] = [];
  readonly received: number[][] = [];
  pageSize = 1000;
  /** Mutation names the server refuses, with its sentence. */
  readonly refuse = new Map<string, string>();

  seed(changes: readonly RowChange[]): void {
    this.stamp(changes);
  }

  push(request: PushRequest): PushOutcome {
    this.received.push(request.mutations.map((m) => m.id));
    const results = [];
    for (const mutation of request.mutations) {
      const last = this.last.get(mutation.clientId) ?? 0;
      if (mutation.id <= last) {
        results.push({ clientId: mutation.clientId, id: mutation.id, status: 'duplicate' as const });
        continue;
      }
      if (mutation.id > last + 1) {
        return { kind: 'gap', gap: { error: 'A gap.', clientId: mutation.clientId, expectedId: last + 1 } };
      }
      try {
        const refusal = this.refuse.get(mutation.name);
        if (refusal !== undefined) throw new MutationError('not-allowed', refusal);
        this.stamp(this.run(mutation));
        results.push({ clientId: mutation.clientId, id: mutation.id, status: 'applied' as const });
      } catch (error) {
        if (!(error instanceof MutationError)) throw error;
        this.rejected.push({
          clientId: mutation.clientId,
          id: mutation.id,
          error: error.message,
          version: this.version,
        });
        results.push({
          clientId: mutation.clientId,
          id: mutation.id,
          status: 'rejected' as const,
          error: error.message,
        });
      }
      this.last.set(mutation.clientId, mutation.id);
    }
    return { kind: 'ok', response: { results } };
  }

  pull(cookie: number): PullResponse {
    const newer = [...this.rows.values()]
      .filter((r) => r.version > cookie)
      .sort((a, b) => a.version - b.version);
    // A version's changes are never split across pages.
    let end = Math.min(this.pageSize, newer.length);
    while (end < newer.length && newer[end]!.version === newer[end - 1]!.version) end++;
    const page = newer.slice(0, end);
    const more = newer.length > page.length;
    return {
      cookie: more ? page.at(-1)!.version : this.version,
      changes: page.map((r) =>
        r.row === null
          ? { op: 'del', table: r.table, id: r.id }
          : ({ op: 'put', table: r.table, row: structuredClone(r.row) } as RowChange),
      ),
      lastMutationIds: Object.fromEntries(this.last),
      rejections: this.rejected.filter((r) => r.version >= cookie).map(({ version, ...r }) => r),
      more,
    };
  }

  live<T extends WritableTable>(table: T): WritableRows[T][] {
    return [...this.rows.values()]
      .filter((r) => r.table === table && r.row !== null)
      .map((r) => r.row as WritableRows[T]);
  }

  private stamp(changes: readonly RowChange[]): void {
    if (changes.length === 0) return;
    this.version++;
    for (const change of changes) {
      const id = change.op === 'put' ? change.row.id : change.id;
      const row = change.op === 'put' ? structuredClone(change.row) : null;
      this.rows.set(`${change.table}:${id}`, { table: change.table, id, row, version: this.version });
    }
  }

  private run(mutation: Mutation): RowChange[] {
    const prepared = prepareMutation(mutation.name, mutation.args);
    const actorId = mutation.actorId ?? null;
    return prepared.run(this.read(prepared.reads, actorId), contextFor(mutation, actorId));
  }

  private read(reads: ReadSet, actorId: string | null): MutationRows {
    const get = <T extends WritableTable>(table: T, id: string) => {
      const found = this.rows.get(`${table}:${id}`);
      return (found?.row ?? undefined) as WritableRows[T] | undefined;
    };
    const cases = new Map<string, Case>();
    for (const id of reads.caseIds ?? []) {
      const kase = get('cases', id);
      if (kase) cases.set(id, kase);
    }
    const refs = new Set((reads.caseRefs ?? []).map(refKey));
    for (const kase of this.live('cases')) if (refs.has(refKey(kase.ref))) cases.set(kase.id, kase);
    const timelines = new Set(reads.eventsOfCases ?? []);
    const events: CaseEvent[] = this.live('events').filter((e) => timelines.has(e.caseId));
    for (const id of reads.eventIds ?? []) {
      const event = get('events', id);
      if (event && !events.includes(event)) events.push(event);
    }
    const people = (reads.personIds ?? []).flatMap((id) => get('people', id) ?? []);
    const outboundMessages: OutboundMessage[] = (reads.outboundMessageIds ?? []).flatMap(
      (id) => get('outboundMessages', id) ?? [],
    );
    const rowsById: RowsByTable = Object.fromEntries(
      WRITABLE_TABLES.map((table) => [
        table,
        (reads.rowsById?.[table] ?? []).flatMap((id) => get(table, id) ?? []),
      ]),
    );
    const actor: Person | null = actorId === null ? null : (get('people', actorId) ?? null);
    return {
      cases: [...cases.values()],
      events,
      people,
      policies: this.live('policies'),
      outboundMessages,
      rowsById,
      actor,
    };
  }
}

type Failure = { kind: SyncTransportError['kind']; afterCommit?: boolean };

/** The transport the main process would give, straight to the fake server, with failures on demand. */
function transportTo(server: FakeServer) {
  const pokeListeners = new Set<(poke: PokeData) => void>();
  const failures = { push: [] as Failure[], pull: [] as Failure[] };
  /** Runs once after the next push the server answered. */
  const afterPush: (() => void)[] = [];
  const fail = (failure: Failure) =>
    new SyncTransportError(failure.kind, `The desk server is ${failure.kind}.`);
  const transport: SyncTransport = {
    async push(request) {
      const failure = failures.push.shift();
      if (failure && !failure.afterCommit) throw fail(failure);
      const outcome = server.push(structuredClone(request));
      if (failure) throw fail(failure);
      afterPush.shift()?.();
      return outcome;
    },
    async pull(_group, cookie) {
      const failure = failures.pull.shift();
      if (failure) throw fail(failure);
      return server.pull(cookie);
    },
    onPoke(listener) {
      pokeListeners.add(listener);
      return () => pokeListeners.delete(listener);
    },
  };
  return {
    transport,
    failures,
    afterPush,
    poke: () => {
      for (const listener of pokeListeners) listener({ version: server.version });
    },
  };
}

/** Timers the test fires by hand. */
function manualTimers() {
  const timers = new Map<number, { callback: () => void; ms: number }>();
  let next = 0;
  return {
    setTimer(callback: () => void, ms: number) {
      const id = ++next;
      timers.set(id, { callback, ms });
      return () => timers.delete(id);
    },
    /** Delays of the timers waiting, except the slow pull timer. */
    waiting: () => [...timers.values()].map((t) => t.ms).filter((ms) => ms !== PULL_EVERY),
    fire(ms: number) {
      // A snapshot: a timer that fires may set the next one (the slow pull timer does).
      for (const [id, timer] of [...timers]) {
        if (timer.ms !== ms) continue;
        timers.delete(id);
        timer.callback();
      }
    },
  };
}
const PULL_EVERY = 45_000;

let opened: CaseStore[] = [];
let engines: SyncEngine[] = [];
let count = 0;
afterEach(() => {
  for (const engine of engines) engine.stop();
  for (const store of opened) store.db.close();
  opened = [];
  engines = [];
});

/** A server holding the demo's settings and directory, and an empty store that syncs with it. */
async function setUp() {
  const seeded = await openCaseStore({ name: `engine-seed-${++count}`, clock: createClock({ now: NOW }) });
  opened.push(seeded);
  await seedIfEmpty(seeded, { cases: 12 });
  const server = new FakeServer();
  for (const table of ['calendars', 'policies', 'teams', 'people', 'contacts'] as const) {
    server.seed(
      (await seeded.db.table(table).toArray()).map((row) => ({ op: 'put', table, row }) as RowChange),
    );
  }
  const { fromCaseRow } = await import('../db');
  for (const row of await seeded.db.cases.toArray()) {
    const events = await seeded.db.events
      .where('[caseId+at]')
      .between([row.id, ''], [row.id, '\uffff'])
      .toArray();
    server.seed([
      { op: 'put', table: 'cases', row: fromCaseRow(row) },
      ...events.map((e): RowChange => ({ op: 'put', table: 'events', row: e })),
    ]);
  }
  const store = await openCaseStore({
    name: `engine-test-${++count}`,
    clock: createClock({ now: NOW }),
    actorId: ANA,
  });
  opened.push(store);
  const link = transportTo(server);
  const timers = manualTimers();
  const engine = createSyncEngine({
    store,
    transport: link.transport,
    clientGroupId: store.clientGroupId,
    pullIntervalMs: PULL_EVERY,
    random: () => 0.5,
    setTimer: timers.setTimer,
  });
  engines.push(engine);
  return { server, store, engine, timers, ...link };
}

const noteOn = (store: CaseStore, caseId: string, text: string) =>
  runMutation(store, 'addNote', { caseId, text });

describe('the sync engine', () => {
  it('fills an empty store page by page, showing the progress of the first sync', async () => {
    const { server, store, engine } = await setUp();
    server.pageSize = 25;
    const seen: SyncEngineState['initialSync'][] = [];
    engine.subscribe((state) => seen.push(state.initialSync));
    engine.start();
    await engine.syncNow();
    expect(await store.db.cases.count()).toBe(12);
    expect(await store.db.events.count()).toBe(server.live('events').length);
    const progress = seen.filter((s) => s !== null).map((s) => s.done);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBeLessThanOrEqual(12);
    expect(engine.state()).toMatchObject({
      connection: 'online',
      phase: 'idle',
      initialSync: null,
      lastSyncedAt: NOW,
    });
  });

  it('asks for the next page while it writes one, and writes the pages in order, each from the last cookie', async () => {
    const { server, store, engine, transport } = await setUp();
    server.pageSize = 25;
    const log: string[] = [];
    const asked: number[] = [];
    const answered: number[] = [];
    const pull = transport.pull.bind(transport);
    transport.pull = async (group, cookie) => {
      log.push(`ask ${cookie}`);
      asked.push(cookie);
      const response = await pull(group, cookie);
      answered.push(response.cookie);
      return response;
    };
    store.listeners.add(() => log.push('written'));
    engine.start();
    await engine.syncNow();
    expect(await store.db.cases.count()).toBe(12);
    expect(answered.length).toBeGreaterThan(2);
    // Every page is asked for with the cookie of the page before it, the first from 0.
    expect(asked).toEqual([0, ...answered.slice(0, -1)]);
    // The second page is on its way before the first is written.
    expect(log.slice(0, 3)).toEqual(['ask 0', `ask ${answered[0]}`, 'written']);
    expect((await store.db.meta.get('cookie'))?.value).toBe(answered.at(-1));
  });

  it('drops a page asked for ahead when it fails, and carries on from the last page written', async () => {
    const { server, store, engine } = await setUp();
    server.pageSize = 25;
    let calls = 0;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const original = server.pull.bind(server);
      // The first page arrives; the one asked for while it is written fails.
      server.pull = (cookie) => {
        calls++;
        if (calls === 2) throw new SyncTransportError('offline', 'The desk server is offline.');
        return original(cookie);
      };
      engine.start();
      await engine.syncNow();
      expect(engine.state().connection).toBe('offline');
      const cookie = (await store.db.meta.get('cookie'))?.value;
      expect(cookie).toBeGreaterThan(0);
      await engine.syncNow();
      expect(await store.db.cases.count()).toBe(12);
      expect(engine.state()).toMatchObject({ connection: 'online', initialSync: null });
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('pushes local changes, and drops them from the outbox only once a pull says the server has them', async () => {
    const { server, store, engine, failures } = await setUp();
    engine.start();
    await engine.syncNow();
    const [kase] = server.live('cases');
    engine.stop();
    await noteOn(store, kase!.id, 'First.');
    await noteOn(store, kase!.id, 'Second.');
    // The pull after the push fails: the changes were sent, but nothing acknowledges them yet.
    failures.pull.push({ kind: 'offline' });
    engine.start();
    await engine.syncNow();
    expect(server.received).toEqual([[1, 2]]);
    expect(await store.db.outbox.count()).toBe(2);
    expect(engine.state()).toMatchObject({ connection: 'offline', pending: 2 });
    // Once the server can be reached, the pull acknowledges both and the notes stay.
    await engine.syncNow();
    expect(await store.db.outbox.count()).toBe(0);
    expect(engine.state()).toMatchObject({ connection: 'online', pending: 0, lastError: null });
    const notes = server.live('events').filter((e) => e.type === 'note' && e.actorId === ANA);
    expect(notes.map((e) => e.type === 'note' && e.text)).toEqual(['First.', 'Second.']);
    expect((await store.db.events.bulkGet(notes.map((n) => n.id))).every((e) => e !== undefined)).toBe(true);
  });

  it('sends again what the server may not have committed, and the server applies it once', async () => {
    const { server, store, engine, failures } = await setUp();
    engine.start();
    await engine.syncNow();
    const [kase] = server.live('cases');
    engine.stop();
    await noteOn(store, kase!.id, 'Only once.');
    failures.push.push({ kind: 'offline', afterCommit: true });
    engine.start();
    await engine.syncNow();
    expect(engine.state().connection).toBe('offline');
    await engine.syncNow();
    expect(server.received).toEqual([[1], [1]]);
    expect(server.live('events').filter((e) => e.type === 'note' && e.actorId === ANA)).toHaveLength(1);
    expect(await store.db.outbox.count()).toBe(0);
  });

  it('resends from the id the server expects when it answers with a gap', async () => {
    const { server, store, engine, afterPush } = await setUp();
    engine.start();
    await engine.syncNow();
    const [kase] = server.live('cases');
    engine.stop();
    for (const text of ['one', 'two', 'three']) await noteOn(store, kase!.id, text);
    // The server answers for 1 to 3, then goes back to a copy that has only 1 (a crash before its disk had
    // the rest): the pull acknowledges 1, and the engine, answered for 1 to 3, next sends only what is new.
    afterPush.push(() => server.last.set(store.clientId, 1));
    engine.start();
    await engine.syncNow();
    expect(engine.state().pending).toBe(2);
    engine.stop();
    await noteOn(store, kase!.id, 'four');
    engine.start();
    await engine.syncNow();
    expect(server.received).toEqual([[1, 2, 3], [4], [2, 3, 4]]);
    expect(await store.db.outbox.count()).toBe(0);
    expect(engine.state().lastError).toBeNull();
  });

  it('backs off with growing, jittered waits while the server cannot be reached, and comes back on a poke', async () => {
    const { server, store, engine, failures, timers, poke } = await setUp();
    failures.pull.push({ kind: 'offline' }, { kind: 'server' }, { kind: 'offline' });
    engine.start();
    await engine.syncNow();
    expect(engine.state()).toMatchObject({ connection: 'offline', lastError: 'The desk server is offline.' });
    expect(timers.waiting()).toEqual([500]);
    timers.fire(500);
    await expect.poll(() => timers.waiting()).toEqual([1000]);
    timers.fire(1000);
    await expect.poll(() => timers.waiting()).toEqual([2000]);
    // A change made while backing off waits for the retry instead of hammering the server.
    const view = { id: 'view-mine', name: 'Mine', filter: { mine: true as const }, ownerId: ANA, order: 1 };
    await runMutation(store, 'saveView', { view });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(server.received).toEqual([]);
    poke();
    await expect.poll(() => store.db.cases.count()).toBe(12);
    expect(engine.state().connection).toBe('online');
    expect(timers.waiting()).toEqual([]);
    expect(server.received).toEqual([[1]]);
  });

  it('rolls back a change the server refuses and lists it as a sync problem', async () => {
    const { server, store, engine } = await setUp();
    engine.start();
    await engine.syncNow();
    const kase = server
      .live('cases')
      .find((c) => c.assigneeId !== ANA && c.status !== 'closed' && c.status !== 'resolved')!;
    const before = await store.db.cases.get(kase.id);
    server.refuse.set('assign', 'Only team leads assign cases on this desk.');
    await runMutation(store, 'assign', { caseId: kase.id, assigneeId: ANA });
    expect((await store.db.cases.get(kase.id))?.assigneeId).toBe(ANA);
    await engine.syncNow();
    expect(await store.db.cases.get(kase.id)).toEqual(before);
    expect(engine.state()).toMatchObject({ problems: 1, pending: 0 });
    expect(await listProblems(store)).toEqual([
      expect.objectContaining({
        kind: 'rejected',
        error: 'Only team leads assign cases on this desk.',
        caseId: kase.id,
      }),
    ]);
  });

  it('stops when the session is signed out and carries on after signing in again', async () => {
    const { server, store, engine, failures, timers } = await setUp();
    engine.start();
    await engine.syncNow();
    const [kase] = server.live('cases');
    engine.stop();
    await noteOn(store, kase!.id, 'Waits for sign-in.');
    failures.push.push({ kind: 'signed-out' });
    engine.start();
    await engine.syncNow();
    expect(engine.state()).toMatchObject({ connection: 'signed-out', pending: 1 });
    expect(timers.waiting()).toEqual([]);
    await engine.syncNow();
    expect(engine.state()).toMatchObject({ connection: 'online', pending: 0 });
  });

  it('lists a request the server refuses as a whole against the change it carried, and keeps it queued', async () => {
    const { server, store, engine, failures } = await setUp();
    engine.start();
    await engine.syncNow();
    const [kase] = server.live('cases');
    engine.stop();
    const { mutation } = await noteOn(store, kase!.id, 'Too big?');
    failures.push.push({ kind: 'refused' });
    engine.start();
    await engine.syncNow();
    expect(await listProblems(store)).toEqual([
      expect.objectContaining({
        kind: 'refused',
        mutationId: mutation!.id,
        error: 'The desk server is refused.',
      }),
    ]);
    expect(engine.state()).toMatchObject({ pending: 1, problems: 1 });
    await engine.syncNow();
    expect(engine.state()).toMatchObject({ pending: 0, problems: 0 });
  });

  it('pulls when poked and on its slow timer', async () => {
    const { server, store, engine, poke, timers } = await setUp();
    engine.start();
    await engine.syncNow();
    const [kase] = server.live('cases');
    server.seed([{ op: 'put', table: 'cases', row: { ...kase!, subject: 'Changed by someone else' } }]);
    poke();
    await expect
      .poll(async () => (await store.db.cases.get(kase!.id))?.subject)
      .toBe('Changed by someone else');
    server.seed([{ op: 'put', table: 'cases', row: { ...kase!, subject: 'And again' } }]);
    timers.fire(PULL_EVERY);
    await expect.poll(async () => (await store.db.cases.get(kase!.id))?.subject).toBe('And again');
  });
});
