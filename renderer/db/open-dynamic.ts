/**
 * The store as the page left it, opened from a worker without declaring its schema (Dexie's dynamic mode): the
 * page owns the schema and its upgrades, and leaving them out keeps a worker's bundle to Dexie and its own code
 * (the schema module brings the whole domain with it: zod, time zones, holidays). Imports nothing but Dexie.
 */
import Dexie from 'dexie';
import type { DeskDb } from './schema';

export async function openStoreDynamic(name: string): Promise<DeskDb> {
  const db = new Dexie(name);
  // The page upgrading the schema closes this connection rather than waiting on it.
  db.on('versionchange', () => {
    db.close();
    return false;
  });
  await db.open();
  // Dynamic mode declares no table properties; workers read `cases` and `events` as the schema names them.
  for (const table of db.tables) Object.defineProperty(db, table.name, { value: table });
  return db as DeskDb;
}
