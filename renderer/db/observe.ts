import Dexie, { cmp, type IntervalTree, type ObservabilitySet, RangeSet } from 'dexie';
import type { DeskDb } from './schema';

/**
 * Calls `listener` after each committed write to the cases, in this window or another, with the ids of the
 * cases it wrote (Dexie's `storagemutated` names them), or null when Dexie names only a range (a range deleted,
 * a bulkPut of 50 rows or more: see put-cases.ts), when any case may have changed. Returns the unsubscribe.
 */
export function onCasesWritten(db: DeskDb, listener: (ids: ReadonlySet<string> | null) => void): () => void {
  const part = `idb://${db.name}/cases/`;
  const handler = (parts: ObservabilitySet) => {
    let ids: Set<string> | null = null;
    for (const name of [part, `${part}:dels`]) {
      const tree = parts[name];
      if (tree === undefined) continue;
      ids ??= new Set();
      for (const { from, to } of RangeSet(tree as IntervalTree)) {
        if (cmp(from, to) !== 0 || typeof from !== 'string') return listener(null);
        ids.add(from);
      }
    }
    if (ids !== null) listener(ids);
  };
  Dexie.on.storagemutated.subscribe(handler);
  return () => Dexie.on.storagemutated.unsubscribe(handler);
}
