/**
 * Desk servers for tests and benchmarks: in this process (startServer on port 0) or as a child process
 * (`tsx server/cli.ts`, for kill -9), plus a small HTTP client speaking the /v1 protocol.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite, type PGliteInterface } from '@electric-sql/pglite';
import { migrate } from '../../server/db/migrations';
import { pgliteDb } from '../../server/db/pglite';
import { deskMigrations } from '../../server/schema';
import { type RunningServer, type StartServerOptions, startServer } from '../../server/start';
import type { Mutation, PullResponse, PushResponse, SessionResponse } from '../../shared/sync';

export const TEST_ADMIN = { email: 'admin@desk.test', password: 'correct horse battery staple' } as const;

export interface TestServer {
  readonly url: string;
  readonly admin: { readonly email: string; readonly password: string };
  readonly server: RunningServer;
  stop(): Promise<void>;
}

let template: Promise<PGliteInterface> | null = null;

/**
 * A migrated in-memory PGlite made once per test process; each server gets a clone (~1–2 s instead of ~5 s).
 * The template is never closed by a server.
 */
export async function freshPglite(now: () => Date = () => new Date()): Promise<PGliteInterface> {
  template ??= (async () => {
    const db = await PGlite.create('memory://');
    await migrate(pgliteDb(db), deskMigrations(now));
    return db;
  })();
  return (await template).clone();
}

/** Closes the template PGlite (call in afterAll of a file that used freshPglite, or Node never exits). */
export async function closePgliteTemplate(): Promise<void> {
  const db = await template;
  template = null;
  await db?.close();
}

export type TestDatabase = { readonly kind: 'pglite' } | { readonly kind: 'postgres'; readonly url: string };

/** A server in this process on a free port, signed-in admin ready (TEST_ADMIN unless given). */
export async function startTestServer(
  database: TestDatabase,
  options: Omit<StartServerOptions, 'port' | 'pglite' | 'databaseUrl' | 'dataDir'> = {},
): Promise<TestServer> {
  const admin = { ...TEST_ADMIN, ...options.admin };
  const server = await startServer({
    logLevel: 'silent',
    ...options,
    admin,
    port: 0,
    ...(database.kind === 'pglite'
      ? { pglite: await freshPglite(options.now) }
      : { databaseUrl: database.url }),
  });
  return { url: server.url, admin, server, stop: () => server.close() };
}

export interface ServerProcess {
  readonly url: string;
  readonly admin: { readonly email: string; readonly password: string };
  readonly child: ChildProcess;
  /** Resolves with the exit code (or signal name) when the process ends. */
  readonly exited: Promise<number | string>;
  /** Everything it printed to stdout. */
  output(): string;
  /** SIGTERM and wait. */
  stop(): Promise<number | string>;
}

const ROOT = resolve(import.meta.dirname, '../..');

/** `tsx server/cli.ts` on a free port; resolves once it prints that it is listening. */
export async function startServerProcess(options: {
  dataDir?: string;
  databaseUrl?: string;
  port?: number;
  env?: Record<string, string>;
  args?: string[];
}): Promise<ServerProcess> {
  const args = [
    'server/cli.ts',
    '--port',
    String(options.port ?? 0),
    '--log-level',
    'warn',
    ...(options.args ?? []),
  ];
  if (options.dataDir) args.push('--data', options.dataDir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DESK_ADMIN_EMAIL: TEST_ADMIN.email,
    DESK_ADMIN_PASSWORD: TEST_ADMIN.password,
    ...options.env,
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  // tsx's loader inside one node process (the tsx command forks a second one, which a kill -9 would orphan).
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | string>((done) =>
    child.once('exit', (code, signal) => done(code ?? signal ?? 'unknown')),
  );
  const url = await new Promise<string>((done, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = /Desk server listening on (http:\/\/\S+)/.exec(stdout);
      if (found) done(found[1]!);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    exited.then((code) =>
      fail(new Error(`the server process ended (${code}) before listening:\n${stdout}\n${stderr}`)),
    );
  });
  return {
    url,
    admin: {
      email: env.DESK_ADMIN_EMAIL ?? TEST_ADMIN.email,
      password: env.DESK_ADMIN_PASSWORD ?? TEST_ADMIN.password,
    },
    child,
    exited,
    output: () => stdout,
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

export function tempDir(prefix = 'desk-server-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A raw HTTP answer: status, headers and the parsed JSON body (null when there is none). */
export interface Answer<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export async function call<T = unknown>(
  url: string,
  path: string,
  init: {
    method?: string;
    token?: string;
    json?: unknown;
    body?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${url}${path}`, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === '' ? null : JSON.parse(text)) as T,
  };
}

export async function signIn(url: string, email: string, password: string): Promise<SessionResponse> {
  const answer = await call<SessionResponse>(url, '/v1/sessions', { json: { email, password } });
  if (answer.status !== 201)
    throw new Error(`sign-in failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** One signed-in person's side of the protocol, with a client id that numbers its mutations. */
export interface DeskClient {
  readonly token: string;
  readonly personId: string;
  readonly clientGroupId: string;
  readonly clientId: string;
  /** The next mutation (numbered in order), made now unless told. */
  mutation(name: string, args: unknown, extra?: Partial<Mutation>): Mutation;
  push(mutations: readonly Mutation[]): Promise<Answer<PushResponse>>;
  pull(cookie: number): Promise<Answer<PullResponse>>;
  /** Pulls every page from `cookie` on; returns the changes and the final cookie. */
  pullAll(
    cookie?: number,
  ): Promise<{ cookie: number; changes: PullResponse['changes']; pages: PullResponse[] }>;
}

let clients = 0;

export interface ConnectOptions {
  readonly now?: () => Date;
  /** Carry on as an existing client (after a server restart): its group, its id, its last mutation id. */
  readonly resume?: { readonly clientGroupId: string; readonly clientId: string; readonly lastId: number };
}

export async function connect(
  url: string,
  email: string,
  password: string,
  options: ConnectOptions = {},
): Promise<DeskClient> {
  const now = options.now ?? (() => new Date());
  const session = await signIn(url, email, password);
  const tag = `${process.pid}-${++clients}`;
  let next = options.resume?.lastId ?? 0;
  const client: DeskClient = {
    token: session.token,
    personId: session.personId,
    clientGroupId: options.resume?.clientGroupId ?? `group-${tag}`,
    clientId: options.resume?.clientId ?? `client-${tag}`,
    mutation: (name, args, extra = {}) => ({
      clientId: client.clientId,
      id: ++next,
      name,
      args,
      createdAt: now().toISOString(),
      actorId: session.personId,
      ...extra,
    }),
    push: (mutations) =>
      call<PushResponse>(url, '/v1/push', {
        token: session.token,
        json: { clientGroupId: client.clientGroupId, mutations },
      }),
    pull: (cookie) =>
      call<PullResponse>(
        url,
        `/v1/pull?clientGroupId=${encodeURIComponent(client.clientGroupId)}&cookie=${cookie}`,
        {
          token: session.token,
        },
      ),
    async pullAll(cookie = 0) {
      const pages: PullResponse[] = [];
      const changes: PullResponse['changes'] = [];
      for (;;) {
        const answer = await client.pull(cookie);
        if (answer.status !== 200)
          throw new Error(`pull failed: ${answer.status} ${JSON.stringify(answer.body)}`);
        pages.push(answer.body);
        changes.push(...answer.body.changes);
        cookie = answer.body.cookie;
        if (!answer.body.more) return { cookie, changes, pages };
      }
    },
  };
  return client;
}

/** A listening `/v1/events` stream: the pokes it received (versions), keepalive comments, and how to stop. */
export interface EventStream {
  readonly pokes: number[];
  readonly comments: string[];
  /** Resolves when a poke at `version` or later arrives. */
  pokeAtLeast(version: number): Promise<void>;
  readonly status: number;
  close(): void;
}

export async function openEvents(url: string, token: string): Promise<EventStream> {
  const { createParser } = await import('eventsource-parser');
  const abort = new AbortController();
  const response = await fetch(`${url}/v1/events`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const pokes: number[] = [];
  const comments: string[] = [];
  const waiters: { version: number; done: () => void }[] = [];
  const parser = createParser({
    onEvent(event) {
      if (event.event !== 'poke') return;
      const version = (JSON.parse(event.data) as { version: number }).version;
      pokes.push(version);
      for (const waiter of [...waiters]) {
        if (version >= waiter.version) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.done();
        }
      }
    },
    onComment(comment) {
      comments.push(comment.trim());
    },
  });
  if (response.ok && response.body) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          parser.feed(decoder.decode(value, { stream: true }));
        }
      } catch {
        // aborted
      }
    })();
  }
  return {
    pokes,
    comments,
    status: response.status,
    pokeAtLeast: (version) =>
      pokes.some((v) => v >= version)
        ? Promise.resolve()
        : new Promise((done) => waiters.push({ version, done })),
    close: () => abort.abort(),
  };
}
