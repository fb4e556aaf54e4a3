/**
 * A case as the queue's book keeps it: what views filter by and columns sort by, nothing the screen shows.
 * Read from the store here, in the book's worker or (no workers: tests) in the page; imports only Dexie's types,
 * so the worker's bundle stays small.
 */
import type { CaseRow, DeskDb } from '../../db/schema';

export type BookEntry = Pick<
  CaseRow,
  | 'id'
  | 'open'
  | 'assigneeId'
  | 'teamId'
  | 'slaState'
  | 'kind'
  | 'status'
  | 'stage'
  | 'escalationLevel'
  | 'priority'
  | 'urgency'
  | 'refSort'
  | 'subjectSort'
  | 'requesterSort'
>;

export function bookEntry(row: CaseRow): BookEntry {
  return {
    id: row.id,
    open: row.open,
    assigneeId: row.assigneeId,
    teamId: row.teamId,
    slaState: row.slaState,
    kind: row.kind,
    status: row.status,
    stage: row.stage,
    escalationLevel: row.escalationLevel,
    priority: row.priority,
    urgency: row.urgency,
    refSort: row.refSort,
    subjectSort: row.subjectSort,
    requesterSort: row.requesterSort,
  };
}

/** Cases read per request while the book loads (a few MB of rows at most in flight). */
export const BOOK_CHUNK = 2000;

/** Every case's entry, a chunk at a time in id order. */
export async function readBook(
  db: DeskDb,
  onChunk: (entries: BookEntry[]) => void,
  /** Waited for before each chunk (the page holds the book while a search reads). */
  beforeChunk?: () => Promise<void> | null,
): Promise<void> {
  let last: string | null = null;
  for (;;) {
    await beforeChunk?.();
    const rows: CaseRow[] = await (last === null ? db.cases.orderBy('id') : db.cases.where('id').above(last))
      .limit(BOOK_CHUNK)
      .toArray();
    if (rows.length === 0) return;
    onChunk(rows.map(bookEntry));
    last = rows.at(-1)!.id;
    if (rows.length < BOOK_CHUNK) return;
  }
}

/** These cases' entries, and which of them the store no longer holds. */
export async function readBookEntries(
  db: DeskDb,
  ids: readonly string[],
): Promise<{ entries: BookEntry[]; missing: string[] }> {
  const entries: BookEntry[] = [];
  const missing: string[] = [];
  for (let i = 0; i < ids.length; i += BOOK_CHUNK) {
    const part = ids.slice(i, i + BOOK_CHUNK);
    const rows = await db.cases.bulkGet(part);
    rows.forEach((row, j) => {
      if (row) entries.push(bookEntry(row));
      else missing.push(part[j]!);
    });
  }
  return { entries, missing };
}
