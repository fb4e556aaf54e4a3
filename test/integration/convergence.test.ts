/**
 * Convergence: several desks running the real client sync code (the store and its engine from renderer/, the
 * main process's sync service from electron/services/sync, fake-indexeddb for IndexedDB) against a real desk
 * server on PGlite, doing random work through random trouble — offline spells, pushes delivered twice, answers
 * lost after the server committed, the server restarted on the same data, confidential access granted and
 * taken away. At the end every desk's store must equal what the server shows that person, every change the
 * server acknowledged is there exactly once, and every change it refused is listed as a sync problem.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createClockOffsetTracker } from '../../electron/services/clock';
import { createMemoryLogger } from '../../electron/services/log';
import { createSecretStore } from '../../electron/services/secrets';
import { openSettingsStore } from '../../electron/services/settings';
import { createSyncService, type SyncService } from '../../electron/services/sync';
import { type CaseStore, fromCaseRow, openCaseStore, runMutation } from '../../renderer/db';
import { createSyncEngine, type SyncEngine } from '../../renderer/sync/engine';
import { listProblems } from '../../renderer/sync/problems';
import { type RunningServer, startServer } from '../../server/start';
import type { CaseStatus } from '../../shared/domain';
import {
  type Person,
  type PushOutcome,
  type SyncTransport,
  SyncTransportError,
  WRITABLE_TABLES,
} from '../../shared/sync';
import { createClock } from '../../shared/time';
import { call, connect, signIn, TEST_ADMIN, tempDir } from '../support/server';

const RUNS = Number(process.env.CONVERGENCE_RUNS ?? 3);

type Trouble = 'none' | 'drop-answer' | 'deliver-twice';

/** The service as the engine sees it, with the network's tricks switched on and off by the test. */
interface FlakyTransport extends SyncTransport {
  offline: boolean;
  trouble: Trouble;
}

function flaky(service: SyncService): FlakyTransport {
  const down = () => new SyncTransportError('offline', 'The test took this desk offline.');
  const transport: FlakyTransport = {
    offline: false,
    trouble: 'none',
    async push(request): Promise<PushOutcome> {
      if (transport.offline) throw down();
      const outcome = await service.push(request);
      if (transport.trouble === 'deliver-twice') await service.push(request).catch(() => {});
      // The server committed; the answer never reached the desk.
      if (transport.trouble === 'drop-answer') throw down();
      return outcome;
    },
    async pull(clientGroupId, cookie) {
      if (transport.offline) throw down();
      const response = await service.pull(clientGroupId, cookie);
      if (transport.trouble === 'drop-answer') throw down();
      return response;
    },
    onPoke: (listener) => service.onPoke(listener),
  };
  return transport;
}

interface Desk {
  readonly who: string;
  readonly email: string;
  readonly personId: string;
  readonly store: CaseStore;
  readonly service: SyncService;
  readonly transport: FlakyTransport;
  readonly engine: SyncEngine;
  readonly cleanup: () => void;
}

const PASSWORD = 'a long enough password';

const PEOPLE = [
  { key: 'ana', name: 'Ana Patel', role: 'agent', seesConfidential: false },
  { key: 'ben', name: 'Ben Okafor', role: 'agent', seesConfidential: false },
] as const;

type Op =
  | { kind: 'create'; desk: number; complaint: boolean; assignToSelf: boolean }
  | { kind: 'note'; desk: number; pick: number }
  | { kind: 'assign'; desk: number; pick: number; to: number }
  | { kind: 'status'; desk: number; pick: number; status: CaseStatus }
  | { kind: 'offline'; desk: number; offline: boolean }
  | { kind: 'trouble'; desk: number; trouble: Trouble }
  | { kind: 'sync'; desk: number }
  | { kind: 'access'; sees: boolean }
  | { kind: 'restart' };

const DESKS = 3; // 0 the admin (a manager who sees confidential cases), 1 Ana, 2 Ben
const desk = fc.integer({ min: 0, max: DESKS - 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      desk,
      complaint: fc.boolean(),
      assignToSelf: fc.boolean(),
    }),
  },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('note' as const), desk, pick: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('assign' as const),
      desk,
      pick: fc.nat(),
      to: fc.integer({ min: -1, max: DESKS - 1 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('status' as const),
      desk,
      pick: fc.nat(),
      status: fc.constantFrom<CaseStatus>('in-progress', 'pending-requester', 'resolved', 'open'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('offline' as const), desk, offline: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('trouble' as const),
      desk,
      trouble: fc.constantFrom<Trouble>('none', 'drop-answer', 'deliver-twice'),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), desk }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('access' as const), sees: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const) }) },
);

let runs = 0;

async function openDesk(url: string, who: string, email: string, password: string): Promise<Desk> {
  const dir = tempDir('desk-convergence-');
  const log = createMemoryLogger();
  const settings = openSettingsStore({ file: `${dir.path}/settings.json`, log });
  const secrets = createSecretStore({
    file: `${dir.path}/secrets.json`,
    platform: 'linux',
    allowPlainFile: true,
    isBasicTextAccepted: () => false,
    log,
  });
  const service = createSyncService({
    secrets,
    settings,
    clock: createClockOffsetTracker(),
    log,
    emit: () => {},
    retry: { firstMs: 50, maxMs: 300 },
  });
  const outcome = await service.connect(url, email, password);
  if (!outcome.ok) throw new Error(`${who} could not connect: ${outcome.message}`);
  service.start();
  const personId = outcome.status.personId!;
  const store = await openCaseStore({
    name: `convergence-${++runs}-${who}`,
    clock: createClock(),
    actorId: personId,
  });
  const transport = flaky(service);
  const engine = createSyncEngine({
    store,
    transport,
    clientGroupId: store.clientGroupId,
    pullIntervalMs: 60 * 60_000,
    backoff: { baseMs: 20, capMs: 200 },
  });
  engine.start();
  await engine.syncNow();
  return {
    who,
    email,
    personId,
    store,
    service,
    transport,
    engine,
    cleanup: () => {
      engine.stop();
      service.close();
      store.db.close();
      dir.remove();
    },
  };
}

/** JSON with keys in one order (the server's jsonb orders them its own way) and undefined fields dropped. */
function canonical(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v)
          .filter(([, x]) => x !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, x]) => [k, sort(x)]),
      );
    return v;
  };
  return JSON.stringify(sort(JSON.parse(JSON.stringify(value))));
}

/** Every synced row the desk's store holds, by `table/id`, as canonical JSON. */
async function storeRows(store: CaseStore): Promise<Map<string, string>> {
  const rows = new Map<string, string>();
  for (const table of WRITABLE_TABLES) {
    for (const row of await store.db.table(table).toArray()) {
      const plain = table === 'cases' ? fromCaseRow(row) : row;
      const { sla: _sla, ...kept } = plain as { sla?: unknown };
      rows.set(`${table}/${(row as { id: string }).id}`, canonical(table === 'cases' ? kept : plain));
    }
  }
  return rows;
}

/** What the server shows this person from scratch (a new client group, cookie 0). */
async function serverRows(url: string, email: string, password: string): Promise<Map<string, string>> {
  const client = await connect(url, email, password);
  const { changes } = await client.pullAll(0);
  const rows = new Map<string, string>();
  for (const change of changes) {
    const key = `${change.table}/${change.op === 'put' ? (change.row as { id: string }).id : change.id}`;
    if (change.op === 'put')
      rows.set(key, canonical(change.table === 'cases' ? { ...change.row, sla: undefined } : change.row));
    else rows.delete(key);
  }
  return rows;
}

function difference(a: Map<string, string>, b: Map<string, string>): string[] {
  const lines: string[] = [];
  for (const [key, value] of a)
    if (b.get(key) !== value)
      lines.push(`${key}: desk ${value.slice(0, 300)} / server ${b.get(key)?.slice(0, 300)}`);
  for (const key of b.keys()) if (!a.has(key)) lines.push(`${key}: only on the server`);
  return lines;
}

async function pick(store: CaseStore, index: number) {
  const ids = await store.db.cases.orderBy('id').primaryKeys();
  return ids.length === 0 ? null : ids[index % ids.length]!;
}

describe('desks converge with the server whatever the network does', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('ends with every store equal to the server view, acknowledged changes once, refusals listed', {
    timeout: 900_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 15, maxLength: 35 }), async (ops) => {
        const data = tempDir('desk-convergence-server-');
        let server: RunningServer = await startServer({
          dataDir: data.path,
          port: 0,
          logLevel: 'silent',
          admin: TEST_ADMIN,
        });
        const { port } = server;
        const url = server.url;
        const desks: Desk[] = [];
        try {
          const admin = await signIn(url, TEST_ADMIN.email, TEST_ADMIN.password);
          const emails: string[] = [TEST_ADMIN.email];
          for (const person of PEOPLE) {
            const email = `${person.key}.${runs}@desk.test`;
            const made = await call(url, '/v1/people', {
              token: admin.token,
              json: {
                name: person.name,
                email,
                password: PASSWORD,
                role: person.role,
                seesConfidential: person.seesConfidential,
              },
            });
            expect(made.status).toBe(201);
            emails.push(email);
          }
          desks.push(await openDesk(url, 'admin', TEST_ADMIN.email, TEST_ADMIN.password));
          for (const [i, person] of PEOPLE.entries())
            desks.push(await openDesk(url, person.key, emails[i + 1]!, PASSWORD));

          /** Notes made, by their text: who made them. */
          const notes = new Map<string, Desk>();
          let n = 0;
          for (const step of ops) {
            n++;
            if (step.kind === 'restart') {
              await server.close();
              server = await startServer({ dataDir: data.path, port, logLevel: 'silent' });
              continue;
            }
            if (step.kind === 'access') {
              const ana = (await desks[0]!.store.db.people.get(desks[1]!.personId)) as Person | undefined;
              if (ana !== undefined)
                await runMutation(desks[0]!.store, 'savePerson', {
                  person: { ...ana, seesConfidential: step.sees },
                }).catch(() => {});
              continue;
            }
            const d = desks[step.desk]!;
            try {
              switch (step.kind) {
                case 'create':
                  await runMutation(
                    d.store,
                    'createCase',
                    step.complaint
                      ? {
                          kind: 'complaint',
                          subject: `Complaint ${n} from ${d.who}`,
                          description: 'The printer ate my dissertation.',
                          requester: {
                            name: 'Callum Evans',
                            email: 'c.evans@example.ac.uk',
                            phone: '07700 900123',
                            bestTimeToCall: 'after 2pm',
                          },
                          intake: { 'desired-remedy': 'Reprint it' },
                          ...(step.assignToSelf ? { assigneeId: d.personId } : {}),
                        }
                      : {
                          kind: 'query',
                          subject: `Query ${n} from ${d.who}: "quotes'; DROP TABLE rows; -- ✓ שלום`,
                          requester: { name: 'Ann Example', email: 'ann@example.ac.uk' },
                          ...(step.assignToSelf ? { assigneeId: d.personId } : {}),
                        },
                  );
                  break;
                case 'note': {
                  const caseId = await pick(d.store, step.pick);
                  if (caseId === null) break;
                  const text = `note ${n} by ${d.who}`;
                  const made = await runMutation(d.store, 'addNote', { caseId, text });
                  if (made.queued) notes.set(text, d);
                  break;
                }
                case 'assign': {
                  const caseId = await pick(d.store, step.pick);
                  if (caseId === null) break;
                  await runMutation(d.store, 'assign', {
                    caseId,
                    assigneeId: step.to < 0 ? null : desks[step.to]!.personId,
                  });
                  break;
                }
                case 'status': {
                  const caseId = await pick(d.store, step.pick);
                  if (caseId === null) break;
                  await runMutation(d.store, 'setStatus', { caseId, status: step.status });
                  break;
                }
                case 'offline':
                  d.transport.offline = step.offline;
                  break;
                case 'trouble':
                  d.transport.trouble = step.trouble;
                  break;
                case 'sync':
                  await d.engine.syncNow();
                  break;
              }
            } catch (error) {
              // A change the desk's own rows refuse is refused at once and never queued: that is fine here.
              if (!(error instanceof Error && error.name === 'MutationError')) throw error;
            }
          }

          // The network heals: every desk syncs until nothing waits, then once more to take in the others' last changes.
          for (const d of desks) {
            d.transport.offline = false;
            d.transport.trouble = 'none';
          }
          for (let round = 0; round < 20; round++) {
            for (const d of desks) await d.engine.syncNow();
            const waiting = await Promise.all(desks.map((d) => d.store.db.outbox.count()));
            if (waiting.every((count) => count === 0)) break;
          }
          for (const d of desks) await d.engine.syncNow();
          for (const d of desks) await d.engine.syncNow();

          for (const d of desks) {
            expect(await d.store.db.outbox.count(), `${d.who}'s outbox is empty`).toBe(0);
            const mine = await storeRows(d.store);
            const theirs = await serverRows(
              url,
              d.email,
              d.email === TEST_ADMIN.email ? TEST_ADMIN.password : PASSWORD,
            );
            expect(difference(mine, theirs), `${d.who}'s store equals the server's view`).toEqual([]);
          }

          // The admin sees every case: each note made is there at most once, and a missing one was refused.
          const everything = await serverRows(url, TEST_ADMIN.email, TEST_ADMIN.password);
          const texts = [...everything.entries()]
            .filter(([key]) => key.startsWith('events/'))
            .map(([, row]) => JSON.parse(row) as { type: string; text?: string })
            .filter((e) => e.type === 'note')
            .map((e) => e.text);
          for (const [text, maker] of notes) {
            const count = texts.filter((t) => t === text).length;
            expect(count, `"${text}" is on the server at most once`).toBeLessThanOrEqual(1);
            if (count === 0) {
              const problems = await listProblems(maker.store);
              expect(
                problems.some((p) => (p.args as { text?: string }).text === text),
                `"${text}" is missing from the server, so ${maker.who} must see it as a sync problem`,
              ).toBe(true);
            }
          }
        } finally {
          for (const d of desks) d.cleanup();
          await server.close();
          data.remove();
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});
