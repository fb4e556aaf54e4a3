import Dexie from 'dexie';
import type { CaseEvent } from '../../shared/domain';
import type { DeskDb } from './schema';

/** One case's timeline, oldest first: a single range of the [caseId+at] index. */
export function timelineOf(db: DeskDb, caseId: string): Promise<CaseEvent[]> {
  return db.events.where('[caseId+at]').between([caseId, Dexie.minKey], [caseId, Dexie.maxKey]).toArray();
}

/**
 * The timelines of many cases, by case id. One range read per case, issued together: Dexie's `anyOf` walks
 * one cursor with key jumps, which some IndexedDB implementations (fake-indexeddb) make quadratic.
 */
export async function timelinesOf(db: DeskDb, caseIds: readonly string[]): Promise<Map<string, CaseEvent[]>> {
  const timelines = await Promise.all(caseIds.map((id) => timelineOf(db, id)));
  return new Map(caseIds.map((id, i) => [id, timelines[i]!]));
}
