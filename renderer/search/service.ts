import type { DeskDb } from '../db';
import { foregroundIdle, inForeground } from '../db/foreground';
import { allDocuments, documentsFor } from './documents';
import {
  bestHits,
  type DocHit,
  FIELD,
  matchQuality,
  type Posting,
  type QueryTerm,
  queryTerms,
  rankCases,
  refQuery,
  type SearchHit,
  warmUpRanking,
  withinEdits,
} from './engine';
import {
  applyChanges,
  createSearchDb,
  finishBuild,
  type IndexMeta,
  indexedIds,
  notePending,
  PART_SIZE,
  partOf,
  readAllSlots,
  readMeta,
  readPending,
  readPostings,
  readPrefix,
  readSlots,
  readVersion,
  readWords,
  type SearchDb,
  slotOf,
  startBuild,
  writePart,
} from './index-db';

/** The index and the store it reads: run in the search worker, or in the page when there is no worker. */
export interface SearchService {
  /**
   * Makes the index current: the saved one with the cases changed since, or (none usable) a build from every
   * case, reporting progress after each part. Searches wait only for the cases changed since; the check for
   * cases added or deleted behind the index's back follows (`settled`).
   */
  open(onProgress?: (indexed: number) => void): Promise<{ from: 'saved' | 'build' }>;
  /** Settles once the index has also been checked against every case the store holds. */
  readonly settled: Promise<void>;
  /** Re-reads these cases (added, changed or deleted) into the index. */
  refresh(caseIds: readonly string[]): Promise<void>;
  search(query: string, limit?: number): Promise<SearchHit[]>;
  /** Where the last search's time went, in ms (for bench:ui): reading posting lists, ranking, in all. */
  readonly lastTiming: SearchTiming;
  close(): void;
}

export interface SearchTiming {
  read: number;
  rank: number;
  total: number;
}

/** Up to how many parts' slots a search reads itself rather than wait for the worker's read of all of them. */
const FEW_PARTS = 4;

/** How long after opening the typo vocabulary is read (a query that needs it sooner reads it then). */
const WORDS_AFTER_MS = 2000;

/** How long after a search the membership check waits before its next read. */
const QUIET_MS = 2000;
/** Keys per read of the membership check. */
const CHECK_CHUNK = 10_000;

/** Rounds of ranking made-up postings once the index opens (see warmUpRanking), each a task of its own. */
const WARM_UP_ROUNDS = 8;

/** How many parts of posting lists a word's prefix may read ("pri" finds printer, print, priority…). */
const PREFIX_PARTS = 4000;

export interface SearchServiceOptions {
  /**
   * How long after opening the index is checked against every case the store holds (two reads of every key,
   * kept out of the moments after opening when the queue reads its first pages).
   */
  checkDelayMs?: number;
  /** How long after a search the check waits before each of its reads (default 2 s). */
  quietMs?: number;
}

export function createSearchService(db: DeskDb, options: SearchServiceOptions = {}): SearchService {
  const checkDelayMs = options.checkDelayMs ?? 10_000;
  const quietMs = options.quietMs ?? QUIET_MS;
  let checkTimer: ReturnType<typeof setTimeout> | undefined;
  let wordsTimer: ReturnType<typeof setTimeout> | undefined;
  let warmUpTimer: ReturnType<typeof setTimeout> | undefined;
  const index: SearchDb = createSearchDb(db.name);
  /** The words typo matching may find, read once when a query first needs them. */
  let words: Promise<Set<string>> | null = null;
  let count = 0;
  /** The case ids of the parts searches have needed (see `slots` in index-db.ts), as of the index's `version`. */
  let slotCache: { version: number | null; parts: Map<number, string[]> } = {
    version: null,
    parts: new Map(),
  };
  /**
   * Every part's slots, read once the index has opened (a search's hits are spread over all of them; reading
   * them with the first search cost it a tenth of a second at 100,000 cases).
   */
  let slotsLoading: Promise<void> | null = null;
  const loadSlots = () => {
    slotsLoading = (async () => {
      const [version, parts] = await Promise.all([readVersion(index), readAllSlots(index)]);
      if (slotCache.version === null || slotCache.version === version) slotCache = { version, parts };
    })()
      .catch((error) => console.warn('The search index could not read its case numbers', error))
      .finally(() => {
        slotsLoading = null;
      });
  };
  /** The sequence number of the last change announced. */
  let announced = 0;
  // Builds, refreshes and catch-ups run one after another; searches read what the index holds.
  let work: Promise<unknown> = Promise.resolve();
  const queue = <T>(task: () => Promise<T>): Promise<T> => {
    const next = work.then(task);
    // A failed task must not stop the ones after it.
    work = next.catch(() => {});
    return next;
  };
  let opened: Promise<unknown> = new Promise(() => {});
  let markSettled: () => void = () => {};
  const settled = new Promise<void>((resolve) => {
    markSettled = resolve;
  });

  const reindex = async (caseIds: readonly string[], seq: number) => {
    if (caseIds.length === 0) return;
    const { documents, gone, latest } = await documentsFor(db, caseIds);
    const { added, indexed, slots } = await applyChanges(index, { documents, gone, latest, settled: seq });
    count = indexed;
    if (slots !== null) {
      // The copy stays good but for the parts this change wrote, unless another window changed the index too.
      if (slotCache.version === slots.before) {
        slotCache.version = slots.after;
        for (const part of slots.parts) slotCache.parts.delete(part);
      } else slotCache = { version: slots.after, parts: new Map() };
    }
    if (words !== null && added.length > 0) {
      const known = await words;
      for (const word of added) known.add(word);
    }
  };

  /** Cases changed since the index was last written: those dated at or after its mark, and those announced. */
  const catchUp = async (meta: IndexMeta) => {
    count = meta.count;
    const [changed, pending] = await Promise.all([
      db.cases.where('updatedAt').aboveOrEqual(meta.mark).primaryKeys(),
      readPending(index),
    ]);
    const seq = Math.max(0, ...pending.map((p) => p.seq));
    announced = Math.max(announced, seq);
    await reindex([...new Set([...changed, ...pending.map((p) => p.id)])], seq);
  };

  /** Every key `read` gives, a chunk at a time, each chunk read while no search is under way. */
  const keysQuietly = async (read: (after: string | null) => Promise<string[]>) => {
    const keys: string[] = [];
    for (let after: string | null = null; ; ) {
      await foregroundIdle(quietMs);
      const chunk = await read(after);
      for (const key of chunk) keys.push(key);
      if (chunk.length < CHECK_CHUNK) return keys;
      after = chunk.at(-1)!;
    }
  };

  /**
   * Cases the index lacks or holds no more, whatever their `updatedAt` says (an import, another window). Two
   * reads of every key: in chunks, between searches (at once, they held a search 120 ms at 100,000 cases).
   */
  const checkMembership = async () => {
    const stored = await keysQuietly(
      async (after) =>
        (await (after === null ? db.cases.orderBy(':id') : db.cases.where(':id').above(after))
          .limit(CHECK_CHUNK)
          .primaryKeys()) as string[],
    );
    const held = await keysQuietly((after) => indexedIds(index, after, CHECK_CHUNK));
    const inStore = new Set(stored);
    const inIndex = new Set(held);
    const stale = [...stored.filter((id) => !inIndex.has(id)), ...held.filter((id) => !inStore.has(id))];
    for (let i = 0; i < stale.length; i += PART_SIZE) await reindex(stale.slice(i, i + PART_SIZE), 0);
  };

  /** Builds the index from every case, or goes on with the build a closed window left (`started`). */
  const build = async (started: IndexMeta | null, onProgress?: (indexed: number) => void) => {
    words = null;
    // Taken before reading: a case changed while the build reads is after it, and is read again at its end.
    let meta =
      started ??
      (await startBuild(
        index,
        ((await db.cases.orderBy('updatedAt').lastKey()) as string | undefined) ?? '',
      ));
    for await (const documents of allDocuments(db, PART_SIZE, meta.builtTo || null)) {
      meta = await writePart(index, documents, meta);
      count = meta.count;
      onProgress?.(count);
    }
    await catchUp(await finishBuild(index, meta));
  };

  type WordMatches = Map<string, Posting[]>;

  /** A word's matching terms and their postings as typed: itself and (the last word) longer terms it starts. */
  const matchesAsTyped = (word: QueryTerm): Promise<WordMatches> =>
    // The prefix's range starts with the word itself, so one read has both (reading the word apart too read its
    // posting lists twice).
    word.prefix ? readPrefix(index, word.term, PREFIX_PARTS) : readPostings(index, [word.term]);

  /** The same with the terms a typo away added (numbers and short words allow none). */
  const withTypos = async (word: QueryTerm, asTyped: WordMatches): Promise<WordMatches> => {
    if (word.typos === 0) return asTyped;
    words ??= readWords(index).then((list) => new Set(list));
    const near: string[] = [];
    for (const known of await words)
      if (!asTyped.has(known) && withinEdits(word.term, known, word.typos)) near.push(known);
    const found = new Map(asTyped);
    for (const [term, postings] of await readPostings(index, near)) found.set(term, postings);
    return found;
  };

  /** The cases these numbers stand for, in the same order ('' for a number whose case is gone). */
  const caseIds = async (docs: readonly number[], version: number | null): Promise<string[]> => {
    const parts = [...new Set(docs.map(partOf))];
    const held = (part: number) => slotCache.version === version && slotCache.parts.has(part);
    // Hits in a few parts (a reference) read those rows; hits all over wait for every part's, already coming.
    if (slotsLoading !== null && parts.filter((part) => !held(part)).length > FEW_PARTS) await slotsLoading;
    if (slotCache.version !== version) slotCache = { version, parts: new Map() };
    const missing = parts.filter((part) => !slotCache.parts.has(part));
    if (missing.length > 0)
      for (const [part, ids] of await readSlots(index, missing)) slotCache.parts.set(part, ids);
    return docs.map((doc) => slotCache.parts.get(partOf(doc))?.[slotOf(doc)] ?? '');
  };

  /**
   * The cases matching every word, best first. Typos are tried only when the query as typed finds nothing
   * (Algolia's "min" typo tolerance): widening every word to its near-misses read several times the posting
   * lists, for matches ranked last anyway; and then word by word (see below).
   */
  const timing: SearchTiming = { read: 0, rank: 0, total: 0 };
  const rankQuery = async (queryWords: readonly QueryTerm[]) => {
    const scored = (matches: readonly WordMatches[]) =>
      rankCases(
        matches.map((found, i) =>
          [...found].map(([term, postings]) => ({
            term,
            quality: matchQuality(queryWords[i]!, term),
            postings,
          })),
        ),
        Math.max(1, count),
      );
    let started = performance.now();
    const asTyped = await Promise.all(queryWords.map(matchesAsTyped));
    timing.read += performance.now() - started;
    started = performance.now();
    const ranked = scored(asTyped);
    timing.rank += performance.now() - started;
    if (ranked.docs.length > 0 || queryWords.every((word) => word.typos === 0)) return ranked;
    // First the words that found nothing by themselves (or, each finding something, the last: the one being
    // typed), then, still nothing, every word: each widening reads the posting lists of every near miss.
    const first = new Set(queryWords.flatMap((_, i) => (asTyped[i]!.size === 0 ? [i] : [])));
    if (first.size === 0) first.add(queryWords.length - 1);
    const widen = async (which: (i: number) => boolean, from: readonly WordMatches[]) => {
      started = performance.now();
      const widened = await Promise.all(
        queryWords.map((word, i) => (which(i) ? withTypos(word, from[i]!) : from[i]!)),
      );
      timing.read += performance.now() - started;
      started = performance.now();
      const rescored = scored(widened);
      timing.rank += performance.now() - started;
      return { widened, rescored };
    };
    const once = await widen((i) => first.has(i), asTyped);
    if (once.rescored.docs.length > 0 || first.size === queryWords.length) return once.rescored;
    return (await widen((i) => !first.has(i), once.widened)).rescored;
  };

  const searchIndex = async (query: string, limit: number): Promise<SearchHit[]> => {
    // Failures were reported where they happened; the index answers with what it holds.
    await opened.catch(() => {});
    const began = performance.now();
    timing.read = 0;
    timing.rank = 0;
    // Read alongside the postings: the copy of the slots is good while the index's version stays.
    const version = readVersion(index);
    const hits = new Map<number, DocHit>();
    const wanted = refQuery(query);
    if (wanted !== null) {
      // The reference itself first, then references that start with it.
      const reading = performance.now();
      const found = await readPrefix(index, wanted, limit);
      timing.read += performance.now() - reading;
      for (const [term, postings] of found) {
        const score = term === wanted ? Number.POSITIVE_INFINITY : wanted.length / term.length;
        for (const { docs, fields } of postings)
          for (let i = 0; i < docs.length; i++)
            if (fields[i]! & FIELD.ref && !hits.has(docs[i]!))
              hits.set(docs[i]!, { doc: docs[i]!, score, byRef: true });
      }
    }
    const queryWords = queryTerms(query);
    if (hits.size < limit && queryWords.length > 0) {
      const ranked = await rankQuery(queryWords);
      const choosing = performance.now();
      for (const hit of bestHits(ranked, limit)) if (!hits.has(hit.doc)) hits.set(hit.doc, hit);
      timing.rank += performance.now() - choosing;
    }
    const ordered = [...hits.values()];
    ordered.sort((a, b) => Number(b.byRef) - Number(a.byRef) || b.score - a.score);
    const ids = await caseIds(
      ordered.map((hit) => hit.doc),
      await version,
    );
    // One hit per case, its best; a number whose case is gone names none.
    const result = new Map<string, SearchHit>();
    ordered.forEach(({ score, byRef }, i) => {
      const id = ids[i]!;
      if (id !== '' && !result.has(id) && result.size < limit) result.set(id, { id, score, byRef });
    });
    timing.total = performance.now() - began;
    return [...result.values()];
  };

  return {
    open(onProgress) {
      const done = queue(async () => {
        const meta = await readMeta(index);
        if (meta?.complete) {
          await catchUp(meta);
          onProgress?.(count);
          return { from: 'saved' as const };
        }
        await build(meta, onProgress);
        return { from: 'build' as const };
      });
      opened = done;
      done.then(
        () => {
          loadSlots();
          // A search that comes meanwhile waits for one round at most (0-17 ms each at 100,000 cases here).
          const warmUp = (round: number) => {
            warmUpRanking(Math.max(1, count));
            if (round < WARM_UP_ROUNDS) warmUpTimer = setTimeout(() => warmUp(round + 1), 0);
          };
          warmUpTimer = setTimeout(() => warmUp(1), 0);
          // A query that finds nothing as typed is widened to the words a typo away: have them ready for it, once
          // the first search (often made at once, and then waiting behind this read) has had its turn.
          wordsTimer = setTimeout(() => {
            words ??= readWords(index).then((list) => new Set(list));
          }, WORDS_AFTER_MS);
        },
        () => {},
      );
      checkTimer = setTimeout(() => {
        queue(checkMembership).then(markSettled, (error) => {
          console.warn('The search index could not be checked against the store', error);
          markSettled();
        });
      }, checkDelayMs);
      return done;
    },
    settled,
    refresh(caseIds) {
      if (caseIds.length === 0) return Promise.resolve();
      // Rising across sessions too, so a later note of the same case is never taken as settled by an earlier one.
      const seq = Math.max(announced + 1, Date.now());
      announced = seq;
      // Noted at once, before the index catches up, so a session that ends first reads them again next time.
      const noted = notePending(index, caseIds, seq).catch((error) =>
        console.warn('The search index could not note a change', error),
      );
      return queue(async () => {
        await noted;
        await reindex(caseIds, seq);
      });
    },
    lastTiming: timing,
    search(query, limit = 50) {
      // The membership check reads between searches (see foreground.ts: this worker's own gate).
      return inForeground(searchIndex(query, limit));
    },
    close() {
      clearTimeout(checkTimer);
      clearTimeout(wordsTimer);
      clearTimeout(warmUpTimer);
      index.close();
    },
  };
}
