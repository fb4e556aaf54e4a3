import type { CaseRow, DeskDb } from './schema';

/**
 * Dexie tells observers which rows a write touched (storagemutated: the queue's book, liveQuery, other
 * windows) only for writes of fewer than 50 rows; a bigger bulkPut is reported as "the whole table changed",
 * and each observer then reads every case again (the queue's book: 100,000 rows, seconds of work) for what
 * was an SLA refresh of a few hundred.
 */
export const OBSERVED_WRITE = 49;

/** Writes case rows in batches Dexie reports key by key; inside the caller's transaction, as one write. */
export async function putCases(db: DeskDb, rows: readonly CaseRow[]): Promise<void> {
  const writes: Promise<unknown>[] = [];
  for (let i = 0; i < rows.length; i += OBSERVED_WRITE)
    writes.push(db.cases.bulkPut(rows.slice(i, i + OBSERVED_WRITE)));
  await Promise.all(writes);
}
