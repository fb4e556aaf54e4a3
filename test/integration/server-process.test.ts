/**
 * The server as people run it: `npm run server` (tsx server/cli.ts) as a child process on PGlite and on
 * PostgreSQL 15 — the first admin printed once, a clean stop on SIGTERM, kill -9 losing nothing acknowledged,
 * and two processes on one PostgreSQL poking each other's clients.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutatorArgs, PushResult } from '../../shared/sync';
import { startPostgres, type TestPostgres } from '../support/postgres';
import {
  call,
  connect,
  openEvents,
  type ServerProcess,
  startServerProcess,
  tempDir,
} from '../support/server';

const queryArgs = (subject: string): MutatorArgs<'createCase'> => ({
  kind: 'query',
  subject,
  requester: { name: 'Ann Example', email: 'ann@example.ac.uk' },
});

let postgres: TestPostgres;
const running: ServerProcess[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
});
afterAll(async () => {
  for (const server of running) if (server.child.exitCode === null) server.child.kill('SIGKILL');
  await postgres?.stop();
});

async function start(options: Parameters<typeof startServerProcess>[0]): Promise<ServerProcess> {
  const server = await startServerProcess(options);
  running.push(server);
  return server;
}

describe('npm run server', () => {
  it('prints the generated admin password once, says where it listens, and stops cleanly on SIGTERM', {
    timeout: 180_000,
  }, async () => {
    const data = tempDir();
    try {
      const first = await start({
        dataDir: data.path,
        env: { DESK_ADMIN_EMAIL: '', DESK_ADMIN_PASSWORD: '' },
      });
      const printed = /First admin account: (\S+) with password (\S+)/.exec(first.output());
      expect(printed?.[1]).toBe('admin@desk.local');
      expect(first.output()).toMatch(/^Desk server listening on http:\/\/127\.0\.0\.1:\d+$/m);
      const session = await call(first.url, '/v1/sessions', {
        json: { email: 'admin@desk.local', password: printed?.[2] },
      });
      expect(session.status).toBe(201);
      expect(await first.stop()).toBe(0);

      const second = await start({
        dataDir: data.path,
        env: { DESK_ADMIN_EMAIL: '', DESK_ADMIN_PASSWORD: '' },
      });
      expect(second.output()).not.toMatch(/password/);
      const again = await call(second.url, '/v1/sessions', {
        json: { email: 'admin@desk.local', password: printed?.[2] },
      });
      expect(again.status).toBe(201);
      expect(await second.stop()).toBe(0);
    } finally {
      data.remove();
    }
  });

  it('ends open event streams and finishes in-flight requests when it stops', {
    timeout: 180_000,
  }, async () => {
    const data = tempDir();
    try {
      const server = await start({ dataDir: data.path });
      const admin = await connect(server.url, server.admin.email, server.admin.password);
      const stream = await openEvents(server.url, admin.token);
      const pushing = admin.push([admin.mutation('createCase', queryArgs('pushed while stopping'))]);
      await new Promise((done) => setTimeout(done, 20));
      server.child.kill('SIGTERM');
      const answer = await pushing.catch(() => null);
      expect(await server.exited).toBe(0);
      stream.close();
      // Whatever the push was told, a restart agrees with it.
      const restarted = await start({ dataDir: data.path });
      const again = await connect(restarted.url, restarted.admin.email, restarted.admin.password, {
        resume: { clientGroupId: admin.clientGroupId, clientId: admin.clientId, lastId: 1 },
      });
      const pulled = await again.pullAll();
      const landed = pulled.pages.at(-1)?.lastMutationIds[admin.clientId] ?? 0;
      if (answer?.status === 200) expect(landed).toBe(1);
      await restarted.stop();
    } finally {
      data.remove();
    }
  });
});

describe.each([
  ['PGlite', 'pglite'],
  ['PostgreSQL 15', 'postgres'],
] as const)('kill -9 on %s', (_name, kind) => {
  it('loses nothing that was acknowledged, and the client carries on where it stopped', {
    timeout: 240_000,
  }, async () => {
    const data = tempDir();
    const databaseUrl = kind === 'postgres' ? await postgres.createDatabase() : undefined;
    try {
      const options = kind === 'pglite' ? { dataDir: data.path } : { databaseUrl };
      const server = await start(options);
      const client = await connect(server.url, server.admin.email, server.admin.password);
      const acknowledged: PushResult[] = [];
      let sent = 0;
      let streaming = true;
      const stream = (async () => {
        for (;;) {
          const batch = [1, 2, 3].map(() => client.mutation('createCase', queryArgs(`crash test ${++sent}`)));
          try {
            const answer = await client.push(batch);
            if (answer.status !== 200) throw new Error(`push answered ${answer.status}`);
            acknowledged.push(...answer.body.results);
          } catch {
            streaming = false;
            return batch[0]!.id;
          }
        }
      })();
      while (acknowledged.length < 30 && streaming) await new Promise((done) => setTimeout(done, 10));
      expect(acknowledged.every((r) => r.status === 'applied')).toBe(true);
      server.child.kill('SIGKILL');
      const firstUnanswered = await stream;
      await server.exited;

      const restarted = await start(options);
      const again = await connect(restarted.url, restarted.admin.email, restarted.admin.password, {
        resume: {
          clientGroupId: client.clientGroupId,
          clientId: client.clientId,
          lastId: firstUnanswered - 1,
        },
      });
      const pulled = await again.pullAll();
      const last = pulled.pages.at(-1)?.lastMutationIds[client.clientId] ?? 0;
      expect(last).toBeGreaterThanOrEqual(acknowledged.length);
      const subjects = new Set(
        pulled.changes.flatMap((c) => (c.op === 'put' && c.table === 'cases' ? [c.row.subject] : [])),
      );
      for (let i = 1; i <= acknowledged.length; i++) expect(subjects).toContain(`crash test ${i}`);
      // Re-sending the unanswered batch: what landed is a duplicate, the rest applies.
      const resend = [1, 2, 3].map((i) =>
        again.mutation('createCase', queryArgs(`crash test ${firstUnanswered - 1 + i}`)),
      );
      const retried = await again.push(resend);
      expect(retried.status).toBe(200);
      for (const result of retried.body.results) {
        expect(result.status).toBe(result.id <= last ? 'duplicate' : 'applied');
      }
      await restarted.stop();
    } finally {
      data.remove();
    }
  });
});

describe('two server processes on one PostgreSQL', () => {
  it('poke the clients of each other', { timeout: 180_000 }, async () => {
    const databaseUrl = await postgres.createDatabase();
    const one = await start({ databaseUrl });
    const two = await start({ databaseUrl });
    const writer = await connect(one.url, one.admin.email, one.admin.password);
    const reader = await connect(two.url, two.admin.email, two.admin.password);
    const { cookie } = await reader.pullAll();
    const stream = await openEvents(two.url, reader.token);
    await writer.push([writer.mutation('createCase', queryArgs('seen across processes'))]);
    const written = await writer.pullAll(cookie);
    await stream.pokeAtLeast(written.cookie);
    const seen = await reader.pullAll(cookie);
    expect(
      seen.changes.some(
        (c) => c.op === 'put' && c.table === 'cases' && c.row.subject === 'seen across processes',
      ),
    ).toBe(true);
    stream.close();
    await Promise.all([one.stop(), two.stop()]);
  });
});
