import { refKey } from '../../shared/sync/ref-key';
import type { DeskDb } from '../db';
import { REF_LIKE, type SearchHit } from './engine';

/**
 * A reference or a requester's email address answered from the store's own indexes (`refKey`,
 * `requester.email`), for the moments before the full-text index is loaded: the exact reference first, then
 * references and addresses that start with what was typed. Null for any other query, or when nothing matched
 * (the index may know better: "10428" is the end of a reference, not its start).
 */
export async function storeLookup(db: DeskDb, query: string, limit: number): Promise<SearchHit[] | null> {
  const text = query.trim();
  const key = refKey(text);
  if (REF_LIKE.test(text) && key !== '') {
    const rows = await db.cases.where('refKey').startsWith(key).limit(limit).toArray();
    const hits = rows.map((row) => ({
      id: row.id,
      score: row.refKey === key ? Number.POSITIVE_INFINITY : key.length / row.refKey.length,
      byRef: true,
    }));
    hits.sort((a, b) => b.score - a.score);
    return hits.length > 0 ? hits : null;
  }
  if (text.includes('@') && !/\s/.test(text)) {
    const rows = await db.cases.where('requester.email').startsWithIgnoreCase(text).limit(limit).toArray();
    const hits = rows.map((row) => ({ id: row.id, score: 1, byRef: false }));
    return hits.length > 0 ? hits : null;
  }
  return null;
}
