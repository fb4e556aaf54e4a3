/**
 * The search index kept in IndexedDB, in a database of its own beside the store (`${store}-search`), so the case
 * store's schema never changes for it and dropping it costs only a rebuild. Each term's posting list is kept in
 * parts of up to PART_SIZE cases: a query reads only its own terms, and a change rewrites only the parts of the
 * terms it adds or drops, never the whole index. Cases are numbered (`doc`: part × PART_SIZE + slot) and
 * posting lists hold those numbers; `slots` turns the numbers of a search's hits back into case ids.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { SearchDocument } from './documents';
import { documentTerms, INDEX_FORMAT, isWord, type Posting } from './engine';

/**
 * One part of a term's posting list as stored: the cases' numbers and their field masks as typed arrays, which
 * IndexedDB copies as bytes (a common word's 17,000 cases are 68 KB, not 17,000 strings).
 */
export interface PostingRow {
  term: string;
  part: number;
  docs: Uint32Array;
  fields: Uint8Array;
}

/** The terms a case was indexed under (what a change of it must take back), and its number. */
export interface CaseTermsRow {
  id: string;
  doc: number;
  /** Joined by newlines (no term or case id holds one: the tokenizer splits at white space). */
  terms: string;
  fields: Uint8Array;
}

/** The case ids of one part by slot (a case's number less part × PART_SIZE), joined by newlines; '' for a slot whose case is gone. */
export interface SlotsRow {
  part: number;
  ids: string;
}

/** A posting list being written. */
interface Growing {
  docs: number[];
  fields: number[];
}

function packPosting(term: string, part: number, posting: Growing): PostingRow {
  return { term, part, docs: Uint32Array.from(posting.docs), fields: Uint8Array.from(posting.fields) };
}

/** The part a case's number falls in, and its slot there. */
export const partOf = (doc: number) => Math.floor(doc / PART_SIZE);
export const slotOf = (doc: number) => doc - partOf(doc) * PART_SIZE;

function caseTermsRow(id: string, doc: number, terms: Map<string, number>): CaseTermsRow {
  return { id, doc, terms: [...terms.keys()].join('\n'), fields: Uint8Array.from(terms.values()) };
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
  /** Changes whenever `slots` does (cases added or gone): a search worker's copy of them is then read again. */
  version: number;
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
  slots: EntityTable<SlotsRow, 'part'>;
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
  // Posting lists of case numbers (INDEX_FORMAT 4) need the numbers' ids.
  db.version(3).stores({ slots: 'part' });
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
    version: Date.now(),
  };
  await db.transaction('rw', [db.postings, db.caseTerms, db.words, db.meta, db.slots], async () => {
    await Promise.all([db.postings.clear(), db.caseTerms.clear(), db.words.clear(), db.slots.clear()]);
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
  documents.forEach((document, slot) => {
    const doc = part * PART_SIZE + slot;
    const terms = documentTerms(document);
    for (const [term, mask] of terms) {
      const list = lists.get(term);
      if (list === undefined) lists.set(term, { docs: [doc], fields: [mask] });
      else {
        list.docs.push(doc);
        list.fields.push(mask);
      }
    }
    cases.push(caseTermsRow(document.id, doc, terms));
  });
  const words = [...lists.keys()].filter(isWord).map((term) => ({ term }));
  const next: IndexMeta = {
    ...meta,
    part: part + 1,
    count: meta.count + documents.length,
    builtTo: documents.at(-1)?.id ?? meta.builtTo,
    version: meta.version + 1,
  };
  await db.transaction('rw', [db.postings, db.caseTerms, db.words, db.meta, db.slots], async () => {
    await Promise.all([
      db.postings.bulkPut([...lists].map(([term, posting]) => packPosting(term, part, posting))),
      db.caseTerms.bulkPut(cases),
      db.words.bulkPut(words),
      db.slots.put({ part, ids: documents.map((d) => d.id).join('\n') }),
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
  put: Map<number, number>;
  drop: Set<number>;
}

/**
 * Brings these cases up to date in the index (`documents` as the store has them now, `gone` no longer there) and
 * forgets the pending notes `settled` of them, in one transaction. Returns the words new to the index, how many
 * cases it now holds, and (when cases came or went) the parts whose slots changed and the index's new version.
 */
export async function applyChanges(
  db: SearchDb,
  change: { documents: readonly SearchDocument[]; gone: readonly string[]; latest: string; settled: number },
): Promise<{
  added: string[];
  indexed: number;
  slots: { before: number; after: number; parts: number[] } | null;
}> {
  const { documents, gone, latest, settled } = change;
  const ids = [...documents.map((d) => d.id), ...gone];
  return db.transaction(
    'rw',
    [db.postings, db.caseTerms, db.words, db.meta, db.pending, db.slots],
    async () => {
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
      /** Slots to write, by part: the case id a slot now holds ('' once its case is gone). */
      const slotEdits = new Map<number, Map<number, string>>();
      const setSlot = (doc: number, id: string) => {
        const part = partOf(doc);
        const slots = slotEdits.get(part) ?? new Map<number, string>();
        slotEdits.set(part, slots);
        slots.set(slotOf(doc), id);
      };
      const rows: CaseTermsRow[] = [];
      const newWords = new Set<string>();
      documents.forEach((document, i) => {
        const old = before[i];
        let doc = old?.doc;
        if (doc === undefined) {
          doc = meta.part * PART_SIZE + meta.partSize;
          setSlot(doc, document.id);
          meta.count += 1;
          meta.partSize += 1;
          if (meta.partSize >= PART_SIZE) {
            meta.part += 1;
            meta.partSize = 0;
          }
        }
        const part = partOf(doc);
        const terms = documentTerms(document);
        const oldTerms = termsOf(old);
        for (const term of oldTerms.keys()) if (!terms.has(term)) edit(term, part).drop.add(doc);
        for (const [term, mask] of terms) {
          if (oldTerms.get(term) === mask) continue;
          edit(term, part).put.set(doc, mask);
          if (!oldTerms.has(term) && isWord(term)) newWords.add(term);
        }
        rows.push(caseTermsRow(document.id, doc, terms));
      });
      gone.forEach((_, j) => {
        const old = before[documents.length + j];
        if (old === undefined) return;
        meta.count -= 1;
        setSlot(old.doc, '');
        for (const term of termsOf(old).keys()) edit(term, partOf(old.doc)).drop.add(old.doc);
      });

      const lists = [...edits.values()];
      const slotParts = [...slotEdits.keys()];
      const [stored, storedSlots] = await Promise.all([
        db.postings.bulkGet(lists.map(({ term, part }) => [term, part] as [string, number])),
        db.slots.bulkGet(slotParts),
      ]);
      const puts: PostingRow[] = [];
      const empties: [string, number][] = [];
      lists.forEach(({ term, part, put, drop }, i) => {
        const row = stored[i];
        const next: Growing = { docs: [], fields: [] };
        if (row !== undefined)
          row.docs.forEach((doc, k) => {
            if (drop.has(doc) || put.has(doc)) return;
            next.docs.push(doc);
            next.fields.push(row.fields[k]!);
          });
        for (const [doc, mask] of put) {
          next.docs.push(doc);
          next.fields.push(mask);
        }
        if (next.docs.length > 0) puts.push(packPosting(term, part, next));
        else if (row !== undefined) empties.push([term, part]);
      });
      const slotRows = slotParts.map((part, i) => {
        const ids = storedSlots[i]?.ids.split('\n') ?? [];
        for (const [slot, id] of slotEdits.get(part)!) {
          while (ids.length < slot) ids.push('');
          ids[slot] = id;
        }
        return { part, ids: ids.join('\n') };
      });
      const versionBefore = meta.version;
      if (slotRows.length > 0) meta.version += 1;
      if (latest > meta.mark) meta.mark = latest;
      await Promise.all([
        db.postings.bulkPut(puts),
        db.postings.bulkDelete(empties),
        db.caseTerms.bulkPut(rows),
        db.caseTerms.bulkDelete([...gone]),
        db.words.bulkPut([...newWords].map((term) => ({ term }))),
        db.slots.bulkPut(slotRows),
        db.meta.put(meta),
        db.pending
          .where('id')
          .anyOf(ids)
          .and((p) => p.seq <= settled)
          .delete(),
      ]);
      return {
        added: [...newWords],
        indexed: meta.count,
        slots: slotRows.length > 0 ? { before: versionBefore, after: meta.version, parts: slotParts } : null,
      };
    },
  );
}

/** The stored parts in these key ranges, in one transaction, with IndexedDB's own getAll (a row is a Posting). */
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
    if (list === undefined) found.set(row.term, [row]);
    else list.push(row);
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

/** The index's version (see IndexMeta.version), or null when it has none. */
export async function readVersion(db: SearchDb): Promise<number | null> {
  return (await readMeta(db))?.version ?? null;
}

/** The case ids of these parts by slot ('' for a slot whose case is gone; none for a part never written). */
export async function readSlots(db: SearchDb, parts: readonly number[]): Promise<Map<number, string[]>> {
  const rows = await db.slots.bulkGet([...parts]);
  return new Map(parts.map((part, i) => [part, rows[i]?.ids.split('\n') ?? []]));
}

/** Every part's slots (see readSlots). */
export async function readAllSlots(db: SearchDb): Promise<Map<number, string[]>> {
  const rows = await db.slots.toArray();
  return new Map(rows.map((row) => [row.part, row.ids.split('\n')]));
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

/** The ids of the cases the index holds, in order: `limit` of them after `after` (null: from the first). */
export async function indexedIds(db: SearchDb, after: string | null, limit: number): Promise<string[]> {
  const from = after === null ? db.caseTerms.orderBy(':id') : db.caseTerms.where(':id').above(after);
  return (await from.limit(limit).primaryKeys()) as string[];
}
