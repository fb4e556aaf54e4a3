/**
 * The server's one door to its database: the same SQL (PostgreSQL 15) runs on embedded PGlite and on a real
 * PostgreSQL, so everything above this file is written once.
 */

/** Something that runs SQL: the database itself or an open transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<T[]>;
}

export interface QueryOptions {
  /**
   * Prepare the statement under this name, once per connection, for statements every request runs (PostgreSQL
   * then skips parsing and, after a few runs, planning). One name, one SQL text. PGlite ignores it.
   */
  readonly prepareAs?: string;
}

export interface Db extends Queryable {
  /** Runs `fn` in one transaction (READ COMMITTED): committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` on one connection outside any transaction: each statement commits on its own. For work that holds
   * session-level advisory locks across statements (pushes); they are all released when `fn` ends. PGlite has
   * one connection for everything, so other callers' statements may run between these.
   */
  session<T>(fn: (conn: Queryable) => Promise<T>): Promise<T>;
  /** Calls `onPayload` for every NOTIFY on `channel`, from any process on this database. Returns the stop. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** Sends a NOTIFY outside any transaction (inside one, `select pg_notify(...)` is delivered at commit). */
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
  /** Which engine, for logs and the benchmark. */
  readonly kind: 'pglite' | 'postgres';
}

/** PostgreSQL's SQLSTATE for a unique index refusing a second row. */
export const UNIQUE_VIOLATION = '23505';

export function sqlState(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string')
    return error.code;
  return undefined;
}
