/**
 * The search index kept in IndexedDB, in a database of its own beside the store (`${store}-search`), so the case
 * store's schema never changes for it and dropping it costs only a rebuild. Each term's posting list is kept in
 * parts of up to PART_SIZE cases: a query reads only its own terms, and a change rewrites only the parts of the
 * terms it adds or drops, never the whole index.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { SearchDocument } from './documents';
import { documentTerms, INDEX_FORMAT, isWord, type Posting } from './engine';

/**
 * One part of a term's posting list as stored: the case ids joined by newlines and their field masks as bytes,
 * since IndexedDB copies one string and one byte array far faster than thousands of small values.
 */
export interface PostingRow {
  term: string;
  part: number;
  ids: string;
  fields: Uint8Array;
}

/** The terms a case was indexed under (what a change of it must take back), and the part that holds it. */
export interface CaseTermsRow {
  id: string;
  part: number;
  /** Joined by newlines (no term or case id holds one: the tokenizer splits at white space). */
  terms: string;
  fields: Uint8Array;
}

function packPosting(term: string, part: number, posting: Posting): PostingRow {
  return { term, part, ids: posting.ids.join('\n'), fields: Uint8Array.from(posting.fields) };
}

function unpackPosting(row: PostingRow): Posting {
  return { ids: row.ids === '' ? [] : row.ids.split('\n'), fields: row.fields };
}

/** A posting list being written. */
interface Growing {
  ids: string[];
  fields: number[];
}

function caseTermsRow(id: string, part: number, terms: Map<string, number>): CaseTermsRow {
  return { id, part, terms: [...terms.keys()].join('\n'), fields: Uint8Array.from(terms.values()) };
}

function termsOf(row: CaseTermsRow | undefined): Map<string, number> {
  if (row === undefined || row.terms === '') return new Map();
  return new Map(row.terms.split('\n').map((term, i) => [term, row.fields[i]!]));
}

/** What the index holds as a whole. */
export interface IndexMeta {
  key: 'index';
  format: number;
  /** The latest `updatedAt` among the cases it holds: cases updated since (at or after it) are read again on open. */
  mark: string;
  /** How many cases it holds (for ranking by rarity). */
  count: number;
  /** The part new cases go to, and how many it holds. */
  part: number;
  partSize: number;
  /** False while the build runs: it goes on after `builtTo`, the last case id (in id order) it wrote. */
  complete: boolean;
  builtTo: string;
}

/**
 * A case whose change the page announced: kept until the index holds that change, so a change made just before
 * the window closed (or with an `updatedAt` behind the mark: a clock set back, an older change synced late) is
 * read again on the next open.
 */
export interface PendingCase {
  id: string;
  seq: number;
}

export type SearchDb = Dexie & {
  postings: Table<PostingRow, [string, number]>;
  caseTerms: EntityTable<CaseTermsRow, 'id'>;
  /** Every term typo matching may find (never pruned: a word no case has any more finds nothing). */
  words: EntityTable<{ term: string }, 'term'>;
  meta: EntityTable<IndexMeta, 'key'>;
  pending: EntityTable<PendingCase, 'id'>;
};

/** Cases per part of a posting list: the most a change of one case rewrites per term. */
export const PART_SIZE = 2000;

export function searchDbName(storeName: string): string {
  return `${storeName}-search`;
}

export function createSearchDb(storeName: string): SearchDb {
  const db = new Dexie(searchDbName(storeName)) as SearchDb;
  db.version(1).stores({ snapshots: 'key', pending: 'id, seq' });
  // The whole-index snapshot of v1 gives way to posting lists: the first open after the upgrade builds them.
  db.version(2).stores({
    snapshots: null,
    postings: '[term+part]',
    caseTerms: 'id',
    words: 'term',
    meta: 'key',
  });
  return db;
}

/** The index's description, or null when there is none (never built, or of another format). */
export async function readMeta(db: SearchDb): Promise<IndexMeta | null> {
  try {
    const meta = await db.meta.get('index');
    return meta?.format === INDEX_FORMAT ? meta : null;
  } catch (error) {
    console.warn('The saved search index could not be read; it will be rebuilt.', error);
    return null;
  }
}

/** Empties the index and describes the build about to start. */
export async function startBuild(db: SearchDb, mark: string): Promise<IndexMeta> {
  const meta: IndexMeta = {
    key: 'index',
    format: INDEX_FORMAT,
    mark,
    count: 0,
    part: 0,
    partSize: 0,
    complete: false,
    builtTo: '',
  };
  await db.transaction('rw', [db.postings, db.caseTerms, db.words, db.meta], async () => {
    await Promise.all([db.postings.clear(), db.caseTerms.clear(), db.words.clear()]);
    await db.meta.put(meta);
  });
  return meta;
}

/**
 * Writes the build's next part, holding these cases (the next in id order), and notes how far the build got in
 * the same transaction: a build cut short (the window closed) goes on from there next time.
 */
export async function writePart(
  db: SearchDb,
  documents: readonly SearchDocument[],
  meta: IndexMeta,
): Promise<IndexMeta> {
  const part = meta.part;
  const lists = new Map<string, Growing>();
  const cases: CaseTermsRow[] = [];
  for (const document of documents) {
    const terms = documentTerms(document);
    for (const [term, mask] of terms) {
      const list = lists.get(term);
      if (list === undefined) lists.set(term, { ids: [document.id], fields: [mask] });
      else {
        list.ids.push(document.id);
        list.fields.push(mask);
      }
    }
    cases.push(caseTermsRow(document.id, part, terms));
  }
  const words = [...lists.keys()].filter(isWord).map((term) => ({ term }));
  const next: IndexMeta = {
    ...meta,
    part: part + 1,
    count: meta.count + documents.length,
    builtTo: documents.at(-1)?.id ?? meta.builtTo,
  };
  await db.transaction('rw', [db.postings, db.caseTerms, db.words, db.meta], async () => {
    await Promise.all([
      db.postings.bulkPut([...lists].map(([term, posting]) => packPosting(term, part, posting))),
      db.caseTerms.bulkPut(cases),
      db.words.bulkPut(words),
      db.meta.put(next),
    ]);
  });
  return next;
}

export async function finishBuild(db: SearchDb, meta: IndexMeta): Promise<IndexMeta> {
  const done = { ...meta, complete: true };
  await db.meta.put(done);
  return done;
}

interface Edit {
  term: string;
  part: number;
  put: Map<string, number>;
  drop: Set<string>;
}

/**
 * Brings these cases up to date in the index (`documents` as the store has them now, `gone` no longer there) and
 * forgets the pending notes `settled` of them, in one transaction. Returns the words new to the index and how many
 * cases it now holds.
 */
export async function applyChanges(
  db: SearchDb,
  change: { documents: readonly SearchDocument[]; gone: readonly string[]; latest: string; settled: number },
): Promise<{ added: string[]; indexed: number }> {
  const { documents, gone, latest, settled } = change;
  const ids = [...documents.map((d) => d.id), ...gone];
  return db.transaction('rw', [db.postings, db.caseTerms, db.words, db.meta, db.pending], async () => {
    const meta = await db.meta.get('index');
    // During a build the cases stay noted as pending; the build's end takes them in.
    if (meta === undefined || !meta.complete) throw new Error('The search index is being built.');
    const before = await db.caseTerms.bulkGet(ids);
    const edits = new Map<string, Edit>();
    const edit = (term: string, part: number): Edit => {
      const key = `${term}\u0000${part}`;
      let found = edits.get(key);
      if (found === undefined) {
        found = { term, part, put: new Map(), drop: new Set() };
        edits.set(key, found);
      }
      return found;
    };
    const rows: CaseTermsRow[] = [];
    const newWords = new Set<string>();
    documents.forEach((document, i) => {
      const old = before[i];
      let part = old?.part;
      if (part === undefined) {
        part = meta.part;
        meta.count += 1;
        meta.partSize += 1;
        if (meta.partSize >= PART_SIZE) {
          meta.part += 1;
          meta.partSize = 0;
        }
      }
      const terms = documentTerms(document);
      const oldTerms = termsOf(old);
      for (const term of oldTerms.keys()) if (!terms.has(term)) edit(term, part).drop.add(document.id);
      for (const [term, mask] of terms) {
        if (oldTerms.get(term) === mask) continue;
        edit(term, part).put.set(document.id, mask);
        if (!oldTerms.has(term) && isWord(term)) newWords.add(term);
      }
      rows.push(caseTermsRow(document.id, part, terms));
    });
    gone.forEach((id, j) => {
      const old = before[documents.length + j];
      if (old === undefined) return;
      meta.count -= 1;
      for (const term of termsOf(old).keys()) edit(term, old.part).drop.add(id);
    });

    const lists = [...edits.values()];
    const stored = await db.postings.bulkGet(lists.map(({ term, part }) => [term, part] as [string, number]));
    const puts: PostingRow[] = [];
    const empties: [string, number][] = [];
    lists.forEach(({ term, part, put, drop }, i) => {
      const row = stored[i];
      const list = row === undefined ? { ids: [], fields: [] } : unpackPosting(row);
      const next: Growing = { ids: [], fields: [] };
      list.ids.forEach((id, k) => {
        if (drop.has(id) || put.has(id)) return;
        next.ids.push(id);
        next.fields.push(list.fields[k]!);
      });
      for (const [id, mask] of put) {
        next.ids.push(id);
        next.fields.push(mask);
      }
      if (next.ids.length > 0) puts.push(packPosting(term, part, next));
      else if (row !== undefined) empties.push([term, part]);
    });
    if (latest > meta.mark) meta.mark = latest;
    await Promise.all([
      db.postings.bulkPut(puts),
      db.postings.bulkDelete(empties),
      db.caseTerms.bulkPut(rows),
      db.caseTerms.bulkDelete([...gone]),
      db.words.bulkPut([...newWords].map((term) => ({ term }))),
      db.meta.put(meta),
      db.pending
        .where('id')
        .anyOf(ids)
        .and((p) => p.seq <= settled)
        .delete(),
    ]);
    return { added: [...newWords], indexed: meta.count };
  });
}

/**
 * The stored parts in these key ranges, read straight from IndexedDB in one transaction: a search reads tens of
 * thousands of case ids, and Dexie's promise machinery around each request cost more than the reads themselves.
 */
async function readRanges(db: SearchDb, ranges: readonly { range: IDBKeyRange; count?: number }[]) {
  if (!db.isOpen()) await db.open();
  const store = db.backendDB().transaction('postings', 'readonly').objectStore('postings');
  return Promise.all(
    ranges.map(
      ({ range, count }) =>
        new Promise<PostingRow[]>((resolve, reject) => {
          const request = store.getAll(range, count);
          request.onsuccess = () => resolve(request.result as PostingRow[]);
          request.onerror = () => reject(request.error);
        }),
    ),
  );
}

/** The keys of every part of one term (keys are [term, part]: [term] sorts before them, [term, []] after). */
const termRange = (term: string) => IDBKeyRange.bound([term], [term, []]);

function byTerm(rows: readonly PostingRow[], found = new Map<string, Posting[]>()): Map<string, Posting[]> {
  for (const row of rows) {
    const list = found.get(row.term);
    if (list === undefined) found.set(row.term, [unpackPosting(row)]);
    else list.push(unpackPosting(row));
  }
  return found;
}

/** The parts of the posting lists of these terms, by term (terms no case has are left out). */
export async function readPostings(db: SearchDb, terms: readonly string[]): Promise<Map<string, Posting[]>> {
  const found = new Map<string, Posting[]>();
  if (terms.length === 0) return found;
  const lists = await readRanges(
    db,
    [...new Set(terms)].map((term) => ({ range: termRange(term) })),
  );
  for (const rows of lists) byTerm(rows, found);
  return found;
}

/** The posting lists of every term that starts with `prefix` (the first `maxParts` parts of them). */
export async function readPrefix(
  db: SearchDb,
  prefix: string,
  maxParts: number,
): Promise<Map<string, Posting[]>> {
  const [rows] = await readRanges(db, [
    { range: IDBKeyRange.bound([prefix], [`${prefix}\uffff`, []]), count: maxParts },
  ]);
  return byTerm(rows!);
}

export async function readWords(db: SearchDb): Promise<string[]> {
  return (await db.words.toCollection().primaryKeys()) as string[];
}

/** Notes announced changes (see PendingCase). */
export async function notePending(db: SearchDb, ids: readonly string[], seq: number): Promise<void> {
  await db.pending.bulkPut(ids.map((id) => ({ id, seq })));
}

export async function readPending(db: SearchDb): Promise<PendingCase[]> {
  return db.pending.toArray();
}

/** The ids of every case the index holds. */
export async function indexedIds(db: SearchDb): Promise<string[]> {
  return (await db.caseTerms.toCollection().primaryKeys()) as string[];
}
