/**
 * Starts a desk server: opens the database (PGlite in a folder, or PostgreSQL at a URL), migrates it, makes the
 * first admin when there is no account, and serves `/v1` over HTTP.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { PGliteInterface } from '@electric-sql/pglite';
import envPaths from 'env-paths';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { DEFAULT_BODY_LIMIT } from '../shared/sync';
import { ensureFirstAdmin } from './auth/accounts';
import { lockDataDir } from './data-lock';
import { migrate } from './db/migrations';
import { pgliteDb } from './db/pglite';
import type { Db } from './db/port';
import { installErrorHandlers } from './http/errors';
import { parseJsonBody } from './http/parse';
import { registerRoutes } from './http/routes';
import { deskMigrations } from './schema';
import { startPokeHub } from './sync/events';

export interface StartServerOptions {
  /** 8787 unless given; 0 picks a free port (the result says which). */
  readonly port?: number;
  /** 127.0.0.1 unless given. TLS belongs to a reverse proxy in front. */
  readonly host?: string;
  /** PGlite's folder ("memory://" for a throwaway one); default: the user's data folder for desk-server. */
  readonly dataDir?: string;
  /** PostgreSQL instead of PGlite. */
  readonly databaseUrl?: string;
  /** A PGlite instance made by the caller (a test's clone); the server closes it. */
  readonly pglite?: PGliteInterface;
  /** pino's level: 'info' by default, 'silent' in tests. */
  readonly logLevel?: string;
  /** The server's clock (tests move it). */
  readonly now?: () => Date;
  readonly bodyLimit?: number;
  /** How often event streams get a keepalive comment (EVENTS_KEEPALIVE_MS). */
  readonly keepaliveMs?: number;
  /** Changes per pull page (PULL_PAGE_CHANGES). */
  readonly pullPageSize?: number;
  /** The first admin when the database has no account (default: DESK_ADMIN_EMAIL / DESK_ADMIN_PASSWORD). */
  readonly admin?: { readonly email?: string; readonly password?: string };
}

export interface RunningServer {
  /** http://host:port */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly database: Db['kind'];
  /** The admin made at this start (null when accounts existed); `generated` when its password was made up. */
  readonly firstAdmin: { email: string; password: string; generated: boolean } | null;
  readonly log: FastifyBaseLogger;
  /** Stops accepting, lets in-flight requests finish, ends event streams, closes the database. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

export function defaultDataDir(): string {
  return envPaths('desk-server', { suffix: '' }).data;
}

export function serverVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const now = options.now ?? (() => new Date());
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const app = Fastify({
    bodyLimit,
    logger: {
      level: options.logLevel ?? 'info',
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'password',
          'token',
          '*.password',
          '*.token',
          '*.passwordHash',
        ],
        censor: '[redacted]',
      },
    },
  });
  const { db, release } = await openDatabase(options, app.log);
  try {
    await migrate(db, deskMigrations(now));
    const firstAdmin = await ensureFirstAdmin(
      db,
      {
        email: options.admin?.email ?? process.env.DESK_ADMIN_EMAIL,
        password: options.admin?.password ?? process.env.DESK_ADMIN_PASSWORD,
      },
      now(),
    );
    const hub = await startPokeHub({ db, now, log: app.log, keepaliveMs: options.keepaliveMs });
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      try {
        done(null, parseJsonBody(body as string));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
    installErrorHandlers(app, bodyLimit);
    registerRoutes(app, { db, now, hub, version: serverVersion(), pullPageSize: options.pullPageSize });
    // Event streams never finish on their own: end them first so in-flight requests can.
    app.addHook('preClose', async () => hub.close());
    const host = options.host ?? DEFAULT_HOST;
    await app.listen({ port: options.port ?? DEFAULT_PORT, host });
    const address = app.server.address();
    const port =
      typeof address === 'object' && address !== null ? address.port : (options.port ?? DEFAULT_PORT);
    let closing: Promise<void> | null = null;
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      port,
      host,
      database: db.kind,
      firstAdmin,
      log: app.log,
      close() {
        closing ??= (async () => {
          await app.close();
          await db.close();
          release();
        })();
        return closing;
      },
    };
  } catch (error) {
    await app.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    release();
    throw error;
  }
}

async function openDatabase(
  options: StartServerOptions,
  log: FastifyBaseLogger,
): Promise<{ db: Db; release: () => void }> {
  if (options.pglite) return { db: pgliteDb(options.pglite), release: () => undefined };
  if (options.databaseUrl) {
    const { openPostgres } = await import('./db/pg');
    const db = await openPostgres(options.databaseUrl, (error) =>
      log.error({ err: error }, 'database connection'),
    );
    return { db, release: () => undefined };
  }
  const dataDir = options.dataDir ?? defaultDataDir();
  if (dataDir.startsWith('memory://')) {
    const { openPglite } = await import('./db/pglite');
    return { db: await openPglite(dataDir), release: () => undefined };
  }
  mkdirSync(dataDir, { recursive: true });
  const release = lockDataDir(dataDir);
  try {
    const { openPglite } = await import('./db/pglite');
    return { db: await openPglite(dataDir), release };
  } catch (error) {
    release();
    throw error;
  }
}
