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

/** The cases a query matched: `scores[i]` and `byRef[i]` (1: the query matched its reference) are `docs[i]`'s. */
export interface Ranked {
  docs: number[];
  scores: Float64Array;
  byRef: Uint8Array;
}

/**
 * Arrays indexed by document number, kept from one ranking to the next: allocating them per word of every search
 * (800 KB each at 100,000 cases) made the search worker stop to collect garbage in the middle of searches. Marks
 * say what a number's entries hold, so no array is cleared between rankings: `mark[doc] === pass` means the
 * current word matched it (`best[doc]` its best score for the word) and `pass - 1` the word before;
 * `refMark[doc] === ranking` that this ranking matched its reference.
 */
const scratch = {
  best: new Float64Array(0),
  total: new Float64Array(0),
  mark: new Uint32Array(0),
  refMark: new Uint32Array(0),
  pass: 0,
  ranking: 0,
};

function scratchFor(size: number): typeof scratch {
  if (scratch.mark.length < size) {
    // Room to grow: a desk adds cases all day.
    const length = Math.ceil(size * 1.25);
    scratch.best = new Float64Array(length);
    scratch.total = new Float64Array(length);
    scratch.mark = new Uint32Array(length);
    scratch.refMark = new Uint32Array(length);
  }
  return scratch;
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
  const { best, total, mark, refMark } = scratchFor(size);
  const ranking = ++scratch.ranking;
  let docs: number[] = [];
  for (let word = 0; word < matches.length; word++) {
    const pass = ++scratch.pass;
    const found: number[] = [];
    for (const { quality, postings } of matches[word]!) {
      const frequency = postings.reduce((sum, p) => sum + p.docs.length, 0);
      const weight = quality * Math.log(1 + documentCount / Math.max(1, frequency));
      for (const { docs: list, fields } of postings) {
        for (let i = 0; i < list.length; i++) {
          const doc = list[i]!;
          const seen = mark[doc]!;
          // After the first word, only the cases every word before matched.
          if (word > 0 && seen !== pass - 1 && seen !== pass) continue;
          const mask = fields[i]!;
          const score = weight * BOOST_OF_MASK[mask & 15]!;
          if (seen !== pass) {
            mark[doc] = pass;
            best[doc] = score;
            found.push(doc);
          } else if (score > best[doc]!) best[doc] = score;
          if (mask & FIELD.ref) refMark[doc] = ranking;
        }
      }
    }
    for (const doc of found) total[doc] = (word === 0 ? 0 : total[doc]!) + best[doc]!;
    docs = found;
    if (found.length === 0) break;
  }
  const scores = new Float64Array(docs.length);
  const byRef = new Uint8Array(docs.length);
  docs.forEach((doc, i) => {
    scores[i] = total[doc]!;
    byRef[i] = refMark[doc] === ranking ? 1 : 0;
  });
  return { docs, scores, byRef };
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
  const keys = new Float64Array(docs.length);
  for (let i = 0; i < docs.length; i++) keys[i] = scores[i]! + (byRef[i] ? LIFT : 0);
  let threshold = Number.NEGATIVE_INFINITY;
  if (docs.length > limit) threshold = keys.slice().sort()[docs.length - limit]!;
  // The chosen grouped by key and the keys sorted as numbers: no comparator called thousands of times.
  const byKey = new Map<number, number[]>();
  for (let i = 0; i < docs.length; i++) {
    const k = keys[i]!;
    if (k < threshold) continue;
    const group = byKey.get(k);
    if (group === undefined) byKey.set(k, [i]);
    else group.push(i);
  }
  const order = Float64Array.from(byKey.keys()).sort();
  const chosen: DocHit[] = [];
  for (let k = order.length - 1; k >= 0 && chosen.length < limit; k--)
    for (const i of byKey.get(order[k]!)!) {
      if (chosen.length >= limit) break;
      chosen.push({ doc: docs[i]!, score: scores[i]!, byRef: byRef[i] === 1 });
    }
  return chosen;
}

/**
 * Ranks made-up postings of a common word's size (thousands of cases, every field and reference matches among
 * them), so that the engine has compiled the ranking before someone searches. In a fresh search worker the first
 * ranking of "laptop" took 22 ms and the same ranking again 4 ms, at 100,000 cases: a session's first searches
 * were paying for the interpreter. The rows are stored rows' shape and come through structuredClone, as rows read
 * from IndexedDB do: code compiled for other objects would be thrown away at the first real search. One round
 * per call; a few rounds do it.
 */
export function warmUpRanking(documentCount: number): void {
  // The arrays for every case now, not at the first search; the postings smaller, the compiler's work the same.
  scratchFor(documentCount);
  const span = Math.max(1, Math.min(documentCount, 2000));
  const row = (term: string, every: number, from: number) => {
    const docs = new Uint32Array(Math.ceil((span - from) / every));
    const fields = new Uint8Array(docs.length);
    for (let i = 0; i < docs.length; i++) {
      docs[i] = from + i * every;
      fields[i] = (i % 15) + 1;
    }
    return { term, part: 0, docs, fields };
  };
  const [warm, warm2, warmer, up] = structuredClone([
    row('warm', 2, 0),
    row('warm', 3, 1),
    row('warmer', 5, 0),
    row('up', 4, 0),
  ]) as Posting[];
  const ranked = rankCases(
    [
      [
        { term: 'warm', quality: 1, postings: [warm!, warm2!] },
        { term: 'warmer', quality: 0.5, postings: [warmer!] },
      ],
      [{ term: 'up', quality: 1, postings: [up!] }],
    ],
    documentCount,
  );
  bestHits(ranked, Math.ceil(ranked.docs.length / 2));
}
