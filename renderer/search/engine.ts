/**
 * What search indexes of a case and how a query is matched and ranked: pure functions over posting lists, so the
 * lists can live in IndexedDB (index-db.ts) and a query reads only its own terms.
 */
import MiniSearch from 'minisearch';
import { refKey } from '../../shared/sync/ref-key';
import type { SearchDocument } from './documents';

export interface SearchHit {
  id: string;
  score: number;
  /** The query matched the case reference (these come first). */
  byRef: boolean;
}

/**
 * Bump when anything below changes what is indexed or how (fields, tokenizing, stop words, the document in
 * documents.ts): an index of another format is thrown away and rebuilt.
 */
export const INDEX_FORMAT = 4;

/** The fields a term can come from, as bits of a posting's field mask, and how much a match in each counts. */
export const FIELD = { ref: 1, subject: 2, who: 4, text: 8 } as const;
const BOOST: readonly [bit: number, boost: number][] = [
  [FIELD.ref, 8],
  [FIELD.subject, 3],
  [FIELD.who, 3],
  [FIELD.text, 1],
];

/**
 * The cases a term occurs in (one part of them: a term's list is kept in parts, see index-db.ts), by document
 * number: a number per case, so a search reads and ranks arrays of numbers, not tens of thousands of strings.
 */
export interface Posting {
  docs: ArrayLike<number>;
  /** The field mask of each case in `docs`. */
  fields: ArrayLike<number>;
}

// MiniSearch's tokenizer: split at spaces and punctuation, Unicode-aware. Only the tokenizer is used.
const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/** "Q-10428" is indexed as "q10428" and "10428"; "Q-KDRMX-42" also as "kdrmx" (never a lone "q": 80,000 cases share it). */
function refTokens(ref: string): string[] {
  return [refKey(ref), ...tokenize(ref).filter((token) => token.length > 1)];
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

function termOf(token: string): string | null {
  const word = token.toLowerCase();
  return word === '' || STOP_WORDS.has(word) ? null : word;
}

/** What someone typing a reference types: "Q-10428", "q 104", "10428", "E-KDRMX-4". */
export const REF_LIKE = /^\s*[a-z]{0,2}[-\s]?(?:[a-z]{5}-?)?\d+\s*$/i;

/** Every term of a case with the fields it occurs in (a mask of FIELD bits). */
export function documentTerms(document: SearchDocument): Map<string, number> {
  const terms = new Map<string, number>();
  const add = (tokens: readonly string[], bit: number) => {
    for (const token of tokens) {
      const term = termOf(token);
      if (term !== null) terms.set(term, (terms.get(term) ?? 0) | bit);
    }
  };
  add(refTokens(document.ref), FIELD.ref);
  add(tokenize(document.subject), FIELD.subject);
  add(tokenize(`${document.requester} ${document.email}`), FIELD.who);
  add(tokenize(`${document.description}\n${document.bodies}`), FIELD.text);
  return terms;
}

/** A term typo matching may find: letters only (numbers never match with a typo: 50000 is not 20000). */
export function isWord(term: string): boolean {
  return term.length >= 3 && !/\d/.test(term);
}

/** One word of a query: matched as itself, as the start of longer terms (the last word) and with typos. */
export interface QueryTerm {
  term: string;
  prefix: boolean;
  /** How many edits a match may be away. */
  typos: number;
}

/**
 * The words of a query. As you type, the last word of three letters or more is a prefix ("edur" finds
 * Eduroam); earlier words are whole. One typo in words of four to six letters, two (a swap) from seven.
 */
export function queryTerms(query: string): QueryTerm[] {
  const terms = tokenize(query)
    .map(termOf)
    .filter((term) => term !== null);
  return terms.map((term, i) => ({
    term,
    prefix: i === terms.length - 1 && term.length >= 3,
    typos: !isWord(term) ? 0 : term.length >= 7 ? 2 : term.length >= 4 ? 1 : 0,
  }));
}

/** The query's whole text as the term a reference is indexed under, when it looks like a reference; else null. */
export function refQuery(query: string): string | null {
  const wanted = refKey(query).toLowerCase();
  return REF_LIKE.test(query) && wanted !== '' ? wanted : null;
}

/** Whether `a` and `b` are at most `max` edits apart (insertions, deletions, substitutions). */
export function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      row.push(value);
      if (value < best) best = value;
    }
    if (best > max) return false;
    previous = row;
  }
  return previous[b.length]! <= max;
}

/** How a stored term answers a query word: 1 for itself, less for a longer term it starts, least for a typo. */
export function matchQuality(word: QueryTerm, term: string): number {
  if (term === word.term) return 1;
  if (word.prefix && term.startsWith(word.term)) return 0.5 * (word.term.length / term.length) + 0.25;
  return 0.4;
}

/** A match's weight in one case: the best of its fields' boosts. */
export function fieldBoost(mask: number): number {
  let best = 0;
  for (const [bit, boost] of BOOST) if (mask & bit && boost > best) best = boost;
  return best;
}

/** fieldBoost of every mask (four fields: sixteen masks), looked up in ranking's inner loop. */
const BOOST_OF_MASK = Float64Array.from({ length: 16 }, (_, mask) => fieldBoost(mask));

/** The cases a query matched, by document number: scores and reference matches are indexed by it. */
export interface Ranked {
  docs: number[];
  scores: Float64Array;
  byRef: Uint8Array;
}

/**
 * The cases matching every word: for each word its best-matching term in the case (quality × field boost ×
 * rarity) summed over the words. `matches[i]` holds word i's matching terms and their postings;
 * `documentCount` the indexed cases (for rarity).
 */
export function rankCases(
  matches: readonly { term: string; quality: number; postings: readonly Posting[] }[][],
  documentCount: number,
): Ranked {
  let size = 0;
  for (const terms of matches)
    for (const { postings } of terms)
      for (const { docs } of postings)
        for (let i = 0; i < docs.length; i++) if (docs[i]! >= size) size = docs[i]! + 1;
  const byRef = new Uint8Array(size);
  // Scores are positive: 0 is "not matched".
  let previous: Float64Array | null = null;
  let docs: number[] = [];
  for (const terms of matches) {
    const scores = new Float64Array(size);
    const found: number[] = [];
    for (const { quality, postings } of terms) {
      const frequency = postings.reduce((sum, p) => sum + p.docs.length, 0);
      const weight = quality * Math.log(1 + documentCount / Math.max(1, frequency));
      for (const { docs: list, fields } of postings) {
        for (let i = 0; i < list.length; i++) {
          const doc = list[i]!;
          if (previous !== null && previous[doc] === 0) continue;
          const mask = fields[i]!;
          const score = weight * BOOST_OF_MASK[mask & 15]!;
          const known = scores[doc]!;
          if (known === 0) found.push(doc);
          if (score > known) scores[doc] = score;
          if (mask & FIELD.ref) byRef[doc] = 1;
        }
      }
    }
    if (previous !== null) for (const doc of found) scores[doc]! += previous[doc]!;
    previous = scores;
    docs = found;
    if (found.length === 0) break;
  }
  return { docs, scores: previous ?? new Float64Array(0), byRef };
}

/** A ranked case by its document number. */
export interface DocHit {
  doc: number;
  score: number;
  byRef: boolean;
}

/**
 * The `limit` best of the ranked cases, reference matches first, then by score: the best picked by a numeric
 * sort of the scores alone, not a sort of every match (a common word matches a fifth of the desk).
 */
export function bestHits({ docs, scores, byRef }: Ranked, limit: number): DocHit[] {
  // Reference matches rank above every other: their key is their score lifted past any score a word earns.
  const LIFT = 1e9;
  const key = (doc: number) => scores[doc]! + (byRef[doc] ? LIFT : 0);
  let threshold = Number.NEGATIVE_INFINITY;
  if (docs.length > limit) {
    const keys = new Float64Array(docs.length);
    for (let i = 0; i < docs.length; i++) keys[i] = key(docs[i]!);
    keys.sort();
    threshold = keys[keys.length - limit]!;
  }
  // The chosen grouped by key and the keys sorted as numbers: no comparator called thousands of times.
  const byKey = new Map<number, number[]>();
  for (const doc of docs) {
    const k = key(doc);
    if (k < threshold) continue;
    const group = byKey.get(k);
    if (group === undefined) byKey.set(k, [doc]);
    else group.push(doc);
  }
  const order = Float64Array.from(byKey.keys()).sort();
  const chosen: DocHit[] = [];
  for (let i = order.length - 1; i >= 0 && chosen.length < limit; i--)
    for (const doc of byKey.get(order[i]!)!) {
      if (chosen.length >= limit) break;
      chosen.push({ doc, score: scores[doc]!, byRef: byRef[doc] === 1 });
    }
  return chosen;
}
