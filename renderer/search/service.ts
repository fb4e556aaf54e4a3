import type { DeskDb } from '../db';
import { allDocuments, documentsFor } from './documents';
import { createSearchEngine, type SearchHit } from './engine';

/** The index and the store it reads: run in the search worker, or in the page when there is no worker. */
export interface SearchService {
  /** Indexes every case, reporting progress after each chunk. */
  build(onProgress?: (indexed: number) => void): Promise<void>;
  /** Re-reads these cases (added, changed or deleted) into the index. */
  refresh(caseIds: readonly string[]): Promise<void>;
  search(query: string, limit?: number): SearchHit[];
}

export function createSearchService(db: DeskDb): SearchService {
  const engine = createSearchEngine();
  return {
    async build(onProgress) {
      for await (const documents of allDocuments(db)) {
        engine.upsert(documents);
        onProgress?.(engine.size);
      }
    },
    async refresh(caseIds) {
      if (caseIds.length === 0) return;
      const { documents, gone } = await documentsFor(db, caseIds);
      engine.upsert(documents);
      engine.remove(gone);
    },
    search: (query, limit) => engine.search(query, limit),
  };
}
