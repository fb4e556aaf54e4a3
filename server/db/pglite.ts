import { PGlite, type PGliteInterface } from '@electric-sql/pglite';
import type { Db, Queryable } from './port';

/**
 * The embedded database: PostgreSQL in WebAssembly, files in `dataDir` ("memory://" keeps it in memory). One
 * instance per data folder and per process; it runs one statement at a time, so transactions never interleave.
 */
export async function openPglite(dataDir: string): Promise<Db> {
  const db = await PGlite.create(dataDir);
  return pgliteDb(db);
}

/** Wraps an instance made elsewhere (a test's clone of a prepared database); closing the Db closes it. */
export function pgliteDb(db: PGliteInterface): Db {
  const run: Queryable['query'] = async (sql, params) =>
    (await db.query(sql, params ? [...params] : undefined)).rows as never;
  return {
    kind: 'pglite',
    query: run,
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          query: async (sql, params) => (await tx.query(sql, params ? [...params] : undefined)).rows as never,
        }),
      ),
    async session(fn) {
      try {
        return await fn({ query: run });
      } finally {
        await db.query('select pg_advisory_unlock_all()');
      }
    },
    async listen(channel, onPayload) {
      const stop = await db.listen(channel, onPayload);
      return async () => {
        if (!db.closed) await stop();
      };
    },
    async notify(channel, payload) {
      await db.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      if (!db.closed) await db.close();
    },
  };
}
