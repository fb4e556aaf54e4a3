import type { Db, Queryable } from './port';

/** One step of the schema. Numbers only grow; a step that shipped is never edited, a new one is added. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** SQL statements in order, or a function for a step that needs code (seeding the presets). */
  readonly up: readonly string[] | ((tx: Queryable) => Promise<void>);
}

/** Lets two server processes starting together on one database migrate one after the other. */
const MIGRATION_LOCK = 72_616_001;

/** Applies every migration above the database's version, each in its own transaction. Returns the ones applied. */
export async function migrate(db: Db, migrations: readonly Migration[]): Promise<number[]> {
  await db.query(
    `create table if not exists schema_migrations (
       version integer primary key,
       name text not null,
       applied_at timestamptz not null default now()
     )`,
  );
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const done = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const found = await tx.query('select 1 from schema_migrations where version = $1', [migration.version]);
      if (found.length > 0) return false;
      if (typeof migration.up === 'function') await migration.up(tx);
      else for (const statement of migration.up) await tx.query(statement);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}
