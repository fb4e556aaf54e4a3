/**
 * A pull page is read from one snapshot on PostgreSQL: a push that commits while the page is being built
 * appears in the next page, rows and acknowledgement together, never as an acknowledgement without its rows
 * (the app would drop the change from its queue and show neither it nor the server's rows).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/migrations';
import { openPostgres } from '../../server/db/pg';
import type { Db, Queryable } from '../../server/db/port';
import { deskMigrations } from '../../server/schema';
import { pull } from '../../server/sync/pull';
import { lockVersion, setVersion, writeChanges } from '../../server/sync/store';
import { generateDemo } from '../../shared/demo';
import { PullResponse, type RowChange } from '../../shared/sync';
import { startPostgres, type TestPostgres } from '../support/postgres';

const NOW = new Date('2026-03-02T10:00:00Z');
const GROUP = 'group-ana';
const CLIENT = 'client-ana';

let postgres: TestPostgres;
let db: Db;
const demo = generateDemo({ cases: 3, now: NOW });
const ana = demo.people.find((p) => p.role === 'agent')!;
const [first, second] = demo.cases.filter((c) => !c.confidential);

async function commit(changes: RowChange[], acknowledge?: number): Promise<void> {
  await db.transaction(async (tx) => {
    const version = (await lockVersion(tx)) + 1;
    await writeChanges(tx, changes, version);
    await setVersion(tx, version);
    if (acknowledge !== undefined)
      await tx.query('update clients set last_mutation_id = $1 where client_id = $2', [acknowledge, CLIENT]);
  });
}

beforeAll(async () => {
  postgres = await startPostgres();
  db = await openPostgres(await postgres.createDatabase(), (error) => console.error(error));
  await migrate(
    db,
    deskMigrations(() => NOW),
  );
  await commit(demo.people.map((row) => ({ op: 'put', table: 'people', row })));
  await commit([{ op: 'put', table: 'cases', row: first! }]);
  await db.query('insert into client_groups (client_group_id, person_id) values ($1, $2)', [GROUP, ana.id]);
  await db.query('insert into clients (client_id, client_group_id, person_id) values ($1, $2, $3)', [
    CLIENT,
    GROUP,
    ana.id,
  ]);
});

afterAll(async () => {
  await db?.close();
  await postgres?.stop();
});

/** The database, with `beforeAcks` run on another connection just before a page reads the acknowledgements. */
function interleaved(beforeAcks: () => Promise<void>): Db {
  let done = false;
  const wrap = (tx: Queryable): Queryable => ({
    async query(sql, params) {
      if (!done && /from clients where client_group_id/.test(sql)) {
        done = true;
        await beforeAcks();
      }
      return tx.query(sql, params);
    },
  });
  return { ...db, transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) };
}

describe('a pull page on PostgreSQL', () => {
  it('acknowledges a change only on the page that carries its rows', async () => {
    // Ana's change to the second case commits after the page's rows were read, before its acknowledgements.
    const racing = interleaved(() => commit([{ op: 'put', table: 'cases', row: second! }], 1));
    const page = PullResponse.parse(
      JSON.parse(await pull(racing, ana, { clientGroupId: GROUP, cookie: 0 }, { pageSize: 1000 })),
    );
    const ids = (response: PullResponse) =>
      response.changes.flatMap((c) => (c.op === 'put' && c.table === 'cases' ? [c.row.id] : []));
    expect(ids(page)).toEqual([first!.id]);
    expect(page.lastMutationIds[CLIENT] ?? 0).toBe(0);
    expect(page.more).toBe(false);

    const next = PullResponse.parse(
      JSON.parse(await pull(db, ana, { clientGroupId: GROUP, cookie: page.cookie }, { pageSize: 1000 })),
    );
    expect(ids(next)).toEqual([second!.id]);
    expect(next.lastMutationIds[CLIENT]).toBe(1);
  });
});
