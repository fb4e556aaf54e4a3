import MiniSearch from 'minisearch';
import { refKey } from '../../shared/sync';
import type { SearchDocument } from './documents';

export interface SearchHit {
  id: string;
  ref: string;
  score: number;
  /** The query matched the case reference (these come first). */
  byRef: boolean;
}

export interface SearchEngine {
  /** Adds new cases or replaces the indexed version of known ones. */
  upsert(documents: readonly SearchDocument[]): void;
  remove(ids: readonly string[]): void;
  search(query: string, limit?: number): SearchHit[];
  readonly size: number;
}

const defaultTokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/** "Q-10428" is found by "q10428", "10428" and "Q-10428"; "Q-KDRMX-42" also by "kdrmx". */
function refTokens(ref: string): string[] {
  return [refKey(ref), ...defaultTokenize(ref)];
}

/**
 * Full-text search over reference, subject, requester name and email, description and the timeline's notes and
 * replies. Prefix and fuzzy matching (for words of four letters or more), all words required; a case whose
 * reference matches comes before any that only mention it.
 */
export function createSearchEngine(): SearchEngine {
  const index = new MiniSearch<SearchDocument>({
    fields: ['ref', 'subject', 'requester', 'email', 'description', 'bodies'],
    storeFields: ['ref'],
    tokenize: (text, field) => (field === 'ref' ? refTokens(text) : defaultTokenize(text)),
    searchOptions: {
      boost: { ref: 8, subject: 3, requester: 3, email: 2, description: 1, bodies: 0.5 },
      prefix: true,
      // Edit distance: one typo in words of four or five letters, two (a swap of letters) from six.
      fuzzy: (term) => (term.length >= 6 ? 2 : term.length >= 4 ? 1 : false),
      combineWith: 'AND',
    },
  });
  return {
    upsert(documents) {
      for (const document of documents) {
        if (index.has(document.id)) index.replace(document);
        else index.add(document);
      }
    },
    remove(ids) {
      for (const id of ids) if (index.has(id)) index.discard(id);
    },
    search(query, limit = 50) {
      const wanted = refKey(query);
      const hits = index.search(query).map((result): SearchHit => {
        const byRef = Object.values(result.match).some((fields) => fields.includes('ref'));
        return { id: String(result.id), ref: String(result.ref), score: result.score, byRef };
      });
      const rank = (hit: SearchHit) => (wanted !== '' && refKey(hit.ref) === wanted ? 0 : hit.byRef ? 1 : 2);
      hits.sort((a, b) => rank(a) - rank(b) || b.score - a.score);
      return hits.slice(0, limit);
    },
    get size() {
      return index.documentCount;
    },
  };
}
