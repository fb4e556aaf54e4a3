import pg from 'pg';
import type { Db, Queryable, QueryOptions } from './port';

// int8 (versions, milliseconds) as numbers: they stay far below 2^53 for the life of a desk.
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 ? (text: string) => Number(text) : pg.types.getTypeParser(oid, format as 'text')) as never,
};

/**
 * PostgreSQL through a pool. Notifications come over one extra connection that reconnects when it drops, so
 * pokes from other server processes keep arriving.
 */
export async function openPostgres(databaseUrl: string, onError: (error: Error) => void): Promise<Db> {
  const pool = new pg.Pool({ connectionString: databaseUrl, types, max: 20 });
  pool.on('error', onError);
  await pool.query('select 1');
  const listeners = new Map<string, Set<(payload: string) => void>>();
  let listener: pg.Client | null = null;
  let closed = false;

  async function connectListener(): Promise<void> {
    const client = new pg.Client({ connectionString: databaseUrl, types });
    client.on('notification', (message) => {
      for (const onPayload of listeners.get(message.channel) ?? []) onPayload(message.payload ?? '');
    });
    client.on('error', (error) => {
      onError(error);
      if (listener === client) listener = null;
      if (!closed) setTimeout(() => void reconnect(), 500).unref();
    });
    await client.connect();
    for (const channel of listeners.keys()) await client.query(`listen ${quoteIdent(channel)}`);
    listener = client;
  }

  async function reconnect(): Promise<void> {
    if (closed || listener !== null) return;
    try {
      await connectListener();
    } catch (error) {
      onError(error as Error);
      setTimeout(() => void reconnect(), 1000).unref();
    }
  }

  const run = async (
    client: pg.Pool | pg.PoolClient,
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ) => {
    const values = params ? [...params] : undefined;
    const name = options?.prepareAs;
    return (
      await (name === undefined ? client.query(sql, values) : client.query({ name, text: sql, values }))
    ).rows;
  };

  return {
    kind: 'postgres',
    query: (sql, params, options) => run(pool, sql, params, options),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const tx: Queryable = { query: (sql, params, options) => run(client, sql, params, options) };
        const result = await fn(tx);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async session(fn) {
      const client = await pool.connect();
      try {
        return await fn({ query: (sql, params, options) => run(client, sql, params, options) });
      } finally {
        // Sent without waiting, ahead of anything the connection's next user sends.
        client.query('select pg_advisory_unlock_all()').catch((error: Error) => onError(error));
        client.release();
      }
    },
    async listen(channel, onPayload) {
      let set = listeners.get(channel);
      if (set === undefined) {
        set = new Set();
        listeners.set(channel, set);
        if (listener === null) await connectListener();
        else await listener.query(`listen ${quoteIdent(channel)}`);
      }
      set.add(onPayload);
      return async () => {
        set.delete(onPayload);
      };
    },
    async notify(channel, payload) {
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      closed = true;
      const client = listener;
      listener = null;
      await client?.end().catch(() => undefined);
      await pool.end();
    },
  };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
