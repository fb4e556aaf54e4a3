/**
 * The main process's sync service (electron/services/sync) against a real desk server on PGlite: signing in
 * keeps the token out of the settings file, pushes and pulls come back as the engine expects them, a revoked
 * token signs the desk out cleanly, pokes arrive, and the event stream comes back after the server restarts.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClockOffsetTracker } from '../../electron/services/clock';
import { createMemoryLogger } from '../../electron/services/log';
import { createSecretStore } from '../../electron/services/secrets';
import { openSettingsStore } from '../../electron/services/settings';
import { createSyncService } from '../../electron/services/sync';
import { startServer } from '../../server/start';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import { SYNC_TOKEN_SECRET, type SyncServiceStatus } from '../../shared/ipc/sync';
import type { Mutation, MutatorArgs, PokeData } from '../../shared/sync';
import { SyncTransportError } from '../../shared/sync/transport';
import {
  call,
  closePgliteTemplate,
  connect,
  startTestServer,
  TEST_ADMIN,
  type TestServer,
  tempDir,
} from '../support/server';

const queryArgs = (subject: string): MutatorArgs<'createCase'> => ({
  kind: 'query',
  subject,
  requester: { name: 'Ann Example', email: 'ann@example.ac.uk' },
});

/** The shell's pieces in a temp folder, the service over them, and everything it emitted. */
function shell() {
  const dir = tempDir('desk-sync-service-');
  const log = createMemoryLogger();
  const settings = openSettingsStore({ file: join(dir.path, 'settings.json'), log });
  const secrets = createSecretStore({
    file: join(dir.path, 'secrets.json'),
    platform: 'linux',
    allowPlainFile: true,
    isBasicTextAccepted: () => false,
    log,
  });
  const clock = createClockOffsetTracker();
  const events: { event: EventName; payload: unknown }[] = [];
  const statuses: SyncServiceStatus[] = [];
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    events.push({ event, payload });
    if (event === 'syncStatusChanged') statuses.push(payload as SyncServiceStatus);
  };
  const sync = createSyncService({ secrets, settings, clock, log, emit, retry: { firstMs: 50, maxMs: 300 } });
  return { dir, log, settings, secrets, clock, sync, events, statuses };
}
type Shell = ReturnType<typeof shell>;

/** Resolves when `check` holds, polling; fails with `what` after the deadline. */
async function eventually(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function mutation(clientId: string, id: number, name: string, args: unknown, actorId: string): Mutation {
  return { clientId, id, name, args, createdAt: new Date().toISOString(), actorId };
}

describe('the sync service against a desk server', () => {
  let desk: TestServer;
  const shells: Shell[] = [];
  const open = () => {
    const made = shell();
    shells.push(made);
    return made;
  };

  beforeAll(async () => {
    desk = await startTestServer({ kind: 'pglite' }, { keepaliveMs: 200 });
  });
  afterEach(() => {
    for (const made of shells.splice(0)) {
      made.sync.close();
      made.dir.remove();
    }
  });
  afterAll(async () => {
    await desk?.stop();
    await closePgliteTemplate();
  });

  it('signs in with the token in the secret store only, and signs out so the server forgets it', async () => {
    const { sync, settings, secrets, dir, clock } = open();
    const outcome = await sync.connect(`${desk.url}/`, TEST_ADMIN.email, TEST_ADMIN.password);
    expect(outcome).toMatchObject({ ok: true, status: { configured: true, signedIn: true } });
    expect(settings.get().sync).toEqual({
      serverUrl: desk.url,
      personId: expect.any(String),
      email: TEST_ADMIN.email,
    });
    const token = secrets.get(SYNC_TOKEN_SECRET);
    expect(token).toEqual(expect.any(String));
    expect(readFileSync(join(dir.path, 'settings.json'), 'utf8')).not.toContain(token!);
    expect(JSON.stringify(outcome)).not.toContain(token!);
    // Every answer carries a Date header: the app clock can follow the server.
    expect(clock.current().source).toBe('server');

    const status = await sync.signOut();
    expect(status).toMatchObject({ configured: false, signedIn: false, serverUrl: null });
    expect(settings.get().sync).toEqual({ serverUrl: null, personId: null, email: null });
    expect(secrets.get(SYNC_TOKEN_SECRET)).toBeNull();
    const afterwards = await call(desk.url, '/v1/pull?clientGroupId=g&cookie=0', { token: token! });
    expect(afterwards.status).toBe(401);
  });

  it('says what failed when connecting does not work', async () => {
    const { sync, settings } = open();
    const wrong = await sync.connect(desk.url, TEST_ADMIN.email, 'not the password');
    expect(wrong).toMatchObject({ ok: false, field: 'password' });
    expect(wrong.ok ? '' : wrong.message).toMatch(/don't match an account/);

    const notUrl = await sync.connect('ftp://desk.example.org', TEST_ADMIN.email, 'x');
    expect(notUrl).toMatchObject({ ok: false, field: 'serverUrl' });
    expect(notUrl.ok ? '' : notUrl.message).toMatch(/starts with https:\/\//);

    // A port nobody listens on: refused.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await sync.connect(`http://127.0.0.1:${freePort}`, TEST_ADMIN.email, 'x');
    expect(refused).toMatchObject({ ok: false, field: 'serverUrl' });
    expect(refused.ok ? '' : refused.message).toMatch(/refused the connection/);

    // Something that answers HTTP but is not a desk server.
    const other: Server = createServer((_request, response) => {
      response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not here</h1>');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const notDesk = await sync.connect(otherUrl, TEST_ADMIN.email, 'x');
    await new Promise<void>((resolve) => other.close(() => resolve()));
    expect(notDesk.ok ? '' : notDesk.message).toMatch(/not a Desk server/);

    // No such name (the .invalid domain never resolves).
    const dns = await sync.connect('https://desk.invalid', TEST_ADMIN.email, 'x');
    expect(dns.ok ? '' : dns.message).toMatch(/could be found \(DNS\)|did not answer/);

    expect(settings.get().sync.serverUrl).toBeNull();
  });

  it('says when to try again after too many failed sign-ins', async () => {
    const { sync } = open();
    const email = 'lockout@desk.test';
    let outcome = await sync.connect(desk.url, email, 'wrong password');
    for (let i = 0; i < 30 && (outcome.ok || outcome.retryAfterSeconds === null); i++)
      outcome = await sync.connect(desk.url, email, 'wrong password');
    expect(outcome).toMatchObject({ ok: false, retryAfterSeconds: expect.any(Number) });
    expect(outcome.ok ? '' : outcome.message).toMatch(/Too many failed sign-ins: try again in \d+/);
  });

  it('pushes and pulls as the engine expects: applied, duplicate, a gap, a refusal in words', async () => {
    const { sync } = open();
    const connected = await sync.connect(desk.url, TEST_ADMIN.email, TEST_ADMIN.password);
    if (!connected.ok) throw new Error(connected.message);
    const personId = connected.status.personId!;
    const clientId = `client-service-${Date.now()}`;
    const clientGroupId = `group-service-${Date.now()}`;
    const first = mutation(clientId, 1, 'createCase', queryArgs('Printer on fire'), personId);

    const pushed = await sync.push({ clientGroupId, mutations: [first] });
    expect(pushed).toEqual({
      kind: 'ok',
      response: { results: [{ clientId, id: 1, status: 'applied' }] },
    });
    expect(await sync.push({ clientGroupId, mutations: [first] })).toMatchObject({
      kind: 'ok',
      response: { results: [{ status: 'duplicate' }] },
    });
    const gap = await sync.push({
      clientGroupId,
      mutations: [mutation(clientId, 3, 'addNote', { caseId: 'x', body: 'skipped ahead' }, personId)],
    });
    expect(gap).toMatchObject({ kind: 'gap', gap: { clientId, expectedId: 2 } });
    expect(sync.status().lastError).toBeNull();

    const page = await sync.pull(clientGroupId, 0);
    expect(page.lastMutationIds[clientId]).toBe(1);
    const cases = page.changes.filter((c) => c.op === 'put' && c.table === 'cases');
    expect(cases.map((c) => (c.op === 'put' ? c.row : null))).toContainEqual(
      expect.objectContaining({ subject: 'Printer on fire' }),
    );
    // The bridge's page is the server's text as it came (the renderer parses it).
    const bridged = await sync.pullPage(clientGroupId, page.cookie);
    expect(JSON.parse(bridged)).toMatchObject({ cookie: page.cookie, changes: [], more: false });

    const refused = await sync
      .push({ clientGroupId, mutations: [mutation(clientId, 2, 'teleportCase', {}, personId)] })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SyncTransportError);
    expect(refused).toMatchObject({ kind: 'refused' });
    expect((refused as Error).message).toMatch(/teleportCase/);
  });

  it('signs the desk out cleanly when the server no longer accepts its token, keeping the server and person', async () => {
    const { sync, secrets, settings, statuses } = open();
    const connected = await sync.connect(desk.url, TEST_ADMIN.email, TEST_ADMIN.password);
    if (!connected.ok) throw new Error(connected.message);
    const token = secrets.get(SYNC_TOKEN_SECRET)!;
    // Signed out elsewhere (an admin revoking it, another sign-out of the same session).
    expect((await call(desk.url, '/v1/sessions/current', { method: 'DELETE', token })).status).toBe(204);

    const failure = await sync.pull('group-revoked', 0).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SyncTransportError);
    expect(failure).toMatchObject({ kind: 'signed-out', message: expect.stringMatching(/sign in again/) });
    expect(sync.status()).toMatchObject({ configured: true, signedIn: false, online: false });
    expect(statuses.at(-1)).toMatchObject({
      signedIn: false,
      lastError: expect.stringMatching(/signed out/),
    });
    expect(secrets.get(SYNC_TOKEN_SECRET)).toBeNull();
    expect(settings.get().sync.serverUrl).toBe(desk.url);
    // Nothing more is tried without a token.
    await expect(sync.push({ clientGroupId: 'g', mutations: [] })).rejects.toMatchObject({
      kind: 'signed-out',
    });
  });

  it("passes on the server's pokes when another desk changes something", async () => {
    const { sync, events } = open();
    const connected = await sync.connect(desk.url, TEST_ADMIN.email, TEST_ADMIN.password);
    if (!connected.ok) throw new Error(connected.message);
    const heard: PokeData[] = [];
    sync.onPoke((poke) => heard.push(poke));
    await eventually('the event stream to open', () => sync.status().online);

    const other = await connect(desk.url, TEST_ADMIN.email, TEST_ADMIN.password);
    const answer = await other.push([other.mutation('createCase', queryArgs('Poked'))]);
    expect(answer.body.results[0]).toMatchObject({ status: 'applied' });
    await eventually('a poke', () => heard.length > 0);
    expect(heard[0]).toEqual({ version: expect.any(Number) });
    expect(events.some((e) => e.event === 'syncPoke')).toBe(true);
  });
});

describe('the sync service when the server restarts', () => {
  it('goes offline, comes back on its own, and hears pokes again', async () => {
    const data = tempDir('desk-restart-');
    const made = shell();
    const start = (port: number) =>
      startServer({
        dataDir: data.path,
        port,
        logLevel: 'silent',
        admin: TEST_ADMIN,
        keepaliveMs: 200,
      });
    let server = await start(0);
    const port = server.port;
    try {
      const connected = await made.sync.connect(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
      if (!connected.ok) throw new Error(connected.message);
      await eventually('the event stream to open', () => made.sync.status().online);

      await server.close();
      await eventually('the service to notice the server went away', () => !made.sync.status().online);
      const offline = await made.sync.pull('group-restart', 0).catch((error: unknown) => error);
      expect(offline).toMatchObject({
        kind: 'offline',
        message: expect.stringMatching(/refused the connection/),
      });

      server = await start(port);
      await eventually('the event stream to reopen', () => made.sync.status().online, 20_000);
      const heard: PokeData[] = [];
      made.sync.onPoke((poke) => heard.push(poke));
      const other = await connect(server.url, TEST_ADMIN.email, TEST_ADMIN.password);
      await other.push([other.mutation('createCase', queryArgs('After the restart'))]);
      await eventually('a poke after the restart', () => heard.length > 0);
      expect(made.sync.status()).toMatchObject({ signedIn: true, online: true, lastError: null });
    } finally {
      made.sync.close();
      await server.close();
      made.dir.remove();
      data.remove();
    }
  });
});
