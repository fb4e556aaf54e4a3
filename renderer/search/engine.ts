import MiniSearch, { type Options } from 'minisearch';
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
  /** The ids of every indexed case. */
  ids(): IterableIterator<string>;
  /** The index as data, for `loadSearchEngine` in a later session. */
  snapshot(): EngineSnapshot;
}

/**
 * Bump when anything below changes what is indexed or how (fields, tokenizing, stop words, the document in
 * documents.ts): a saved snapshot of another format is thrown away and the index rebuilt.
 */
export const INDEX_FORMAT = 1;

/** A saved index: MiniSearch's JSON, and the references the exact lookup keeps beside it. */
export interface EngineSnapshot {
  format: number;
  index: string;
  /** [case id, reference] of every indexed case. */
  refs: [string, string][];
}

const defaultTokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/** "Q-10428" is indexed as "q10428" and "10428"; "Q-KDRMX-42" also as "kdrmx" (never a lone "q": 80,000 cases share it). */
function refTokens(ref: string): string[] {
  return [refKey(ref), ...defaultTokenize(ref).filter((token) => token.length > 1)];
}

/**
 * Words too common to tell cases apart: every acknowledgement has them, and indexing them would cost a posting
 * per case. Searching for them alone finds nothing, which is what a search for "the" deserves.
 */
const STOP_WORDS = new Set(
  `a an and are as at be been but by can could did do does for from had has have he her his how i if in into is
  it its me my no not of on or our she so than that the their them there they this to too us was we were what
  when which who will with would you your`.split(/\s+/),
);

/** What someone typing a reference types: "Q-10428", "q 104", "10428", "E-KDRMX-4". */
export const REF_LIKE = /^\s*[a-z]{0,2}[-\s]?(?:[a-z]{5}-?)?\d+\s*$/i;

/**
 * Full-text search over reference, subject, requester name and email, description and the timeline's notes and
 * replies. Words of three letters or more match as prefixes, of four or more with a typo; every word is
 * required. A query that looks like a reference is also looked up as one: the case with that exact reference
 * comes first, then cases whose reference starts with it, then cases that mention it.
 */
export function createSearchEngine(): SearchEngine {
  return engineOver(new MiniSearch<SearchDocument>(INDEX_OPTIONS), new Map());
}

/** The engine a snapshot saved; throws when the snapshot is of another format or does not parse. */
export function loadSearchEngine(snapshot: EngineSnapshot): SearchEngine {
  if (snapshot.format !== INDEX_FORMAT || !Array.isArray(snapshot.refs))
    throw new Error(`The search index was saved in format ${snapshot.format}, not ${INDEX_FORMAT}.`);
  const index = MiniSearch.loadJSON<SearchDocument>(snapshot.index, INDEX_OPTIONS);
  const byRef = new Map(snapshot.refs.map(([id, ref]) => [refKey(ref), { id, ref }]));
  if (byRef.size !== index.documentCount)
    throw new Error(
      `The saved search index holds ${index.documentCount} cases but ${byRef.size} references.`,
    );
  return engineOver(index, byRef);
}

// Four fields, not six: every field multiplies the postings a term keeps, and 100,000 cases must fit a worker.
const INDEX_OPTIONS: Options<SearchDocument> = {
  fields: ['ref', 'subject', 'who', 'text'],
  storeFields: ['ref'],
  extractField: (document, field) => {
    if (field === 'who') return `${document.requester} ${document.email}`;
    if (field === 'text') return `${document.description}\n${document.bodies}`;
    return document[field as keyof SearchDocument];
  },
  tokenize: (text, field) => (field === 'ref' ? refTokens(text) : defaultTokenize(text)),
  processTerm: (term) => {
    const word = term.toLowerCase();
    return STOP_WORDS.has(word) ? null : word;
  },
  searchOptions: {
    boost: { ref: 8, subject: 3, who: 3, text: 1 },
    // As you type: the last word is a prefix ("edur" finds Eduroam); earlier words are whole.
    prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 3,
    // One typo in words of four to six letters, two (a swap) from seven; never in numbers (50000 is not 20000).
    fuzzy: (term) => (/\d/.test(term) ? false : term.length >= 7 ? 2 : term.length >= 4 ? 1 : false),
    combineWith: 'AND',
  },
};

/** `byRef`: refKey -> the case and its reference as stored. */
function engineOver(
  index: MiniSearch<SearchDocument>,
  byRef: Map<string, { id: string; ref: string }>,
): SearchEngine {
  return {
    upsert(documents) {
      for (const document of documents) {
        if (index.has(document.id)) index.replace(document);
        else index.add(document);
        byRef.set(refKey(document.ref), { id: document.id, ref: document.ref });
      }
    },
    remove(ids) {
      for (const id of ids) {
        if (!index.has(id)) continue;
        const ref = index.getStoredFields(id)?.ref;
        if (typeof ref === 'string') byRef.delete(refKey(ref));
        index.discard(id);
      }
    },
    search(query, limit = 50) {
      const hits = new Map<string, SearchHit>();
      const wanted = refKey(query);
      if (REF_LIKE.test(query) && wanted !== '') {
        const exact = byRef.get(wanted);
        if (exact !== undefined)
          hits.set(exact.id, { ...exact, score: Number.POSITIVE_INFINITY, byRef: true });
        const refs = index.search(wanted, {
          fields: ['ref'],
          tokenize: (q) => [q],
          fuzzy: false,
          prefix: true,
        });
        for (const result of refs.slice(0, limit)) {
          const id = String(result.id);
          if (!hits.has(id)) hits.set(id, { id, ref: String(result.ref), score: result.score, byRef: true });
        }
      }
      if (hits.size < limit) {
        for (const result of index.search(query)) {
          const id = String(result.id);
          if (hits.has(id)) continue;
          const matchedRef = Object.values(result.match).some((fields) => fields.includes('ref'));
          hits.set(id, { id, ref: String(result.ref), score: result.score, byRef: matchedRef });
          if (hits.size >= limit * 4) break;
        }
      }
      const ordered = [...hits.values()];
      ordered.sort((a, b) => Number(b.byRef) - Number(a.byRef) || b.score - a.score);
      return ordered.slice(0, limit);
    },
    get size() {
      return index.documentCount;
    },
    *ids() {
      for (const { id } of byRef.values()) yield id;
    },
    snapshot: () => ({
      format: INDEX_FORMAT,
      index: JSON.stringify(index),
      refs: [...byRef.values()].map(({ id, ref }) => [id, ref]),
    }),
  };
}
