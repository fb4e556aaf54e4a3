import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock } from '../../shared/time';
import { type CaseStore, openCaseStore, runMutation, seedIfEmpty } from '../db';
import { INDEX_FORMAT } from './engine';
import { createSearchDb, PART_SIZE } from './index-db';
import { storeLookup } from './lookup';
import { createSearchService, type SearchService } from './service';

const NOW = '2026-03-02T10:00:00.000Z';
let store: CaseStore;
const opened: SearchService[] = [];

beforeAll(async () => {
  store = await openCaseStore({
    name: 'desk-index-db-test',
    clock: createClock({ now: NOW }),
    actorId: null,
  });
  await seedIfEmpty(store, { cases: 300 });
});

afterAll(() => {
  for (const service of opened) service.close();
  store.db.close();
});

/** A service over the store, as a new session opens it. */
function session(): SearchService {
  const service = createSearchService(store.db, { checkDelayMs: 0 });
  opened.push(service);
  return service;
}

const refsOf = async (service: SearchService, query: string) => {
  const hits = await service.search(query);
  return (await store.db.cases.bulkGet(hits.map((hit) => hit.id))).map((row) => row?.ref);
};
const savedDb = () => createSearchDb(store.db.name);

describe('the saved search index', () => {
  it('is built once and searched by the next session without rebuilding', async () => {
    const first = session();
    expect(await first.open()).toEqual({ from: 'build' });
    const kase = (await store.db.cases.toArray())[42]!;
    const before = await refsOf(first, kase.subject);
    expect(before).toContain(kase.ref);
    first.close();

    const next = session();
    expect(await next.open()).toEqual({ from: 'saved' });
    expect(await refsOf(next, kase.subject)).toEqual(before);
    expect((await refsOf(next, kase.ref))[0]).toBe(kase.ref);
    next.close();
  });

  it('finds a case changed just before the window closed, right after reopening', async () => {
    const first = session();
    await first.open();
    const [kase] = await store.db.cases.limit(1).toArray();
    await runMutation(store, 'addNote', {
      caseId: kase!.id,
      text: 'Spoke to estates about the quokka enclosure',
    });
    // The page announced the change, but the window closed before the index took it in.
    void first.refresh([kase!.id]);
    first.close();

    const next = session();
    expect(await next.open()).toEqual({ from: 'saved' });
    expect(await refsOf(next, 'quokka')).toEqual([kase!.ref]);
    next.close();
  });

  it('takes in a change it was told of even when dated behind what it holds, and keeps it', async () => {
    const first = session();
    await first.open();
    const [kase] = await store.db.cases.offset(1).limit(1).toArray();
    // The clock was set back (time travel) or the change synced late: its updatedAt is before the mark.
    await store.db.cases.put({
      ...kase!,
      subject: 'Anemometer on the roof spinning backwards',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
    await first.refresh([kase!.id]);
    expect(await refsOf(first, 'anemometer')).toEqual([kase!.ref]);
    expect(await savedDb().pending.count()).toBe(0);
    first.close();

    const next = session();
    await next.open();
    expect(await refsOf(next, 'anemometer')).toEqual([kase!.ref]);
    expect(await refsOf(next, kase!.subject)).not.toContain(kase!.ref);
    next.close();
  });

  it('drops cases deleted behind its back, and finds cases added with an older updatedAt', async () => {
    const rows = await store.db.cases.offset(2).limit(2).toArray();
    const [deleted, copied] = [rows[0]!, rows[1]!];
    await store.db.cases.delete(deleted.id);
    // A row written behind the store's back (an import), dated before the index's mark.
    await store.db.cases.put({
      ...copied,
      id: 'imported-1',
      ref: 'Q-IMPRT-1',
      refKey: 'QIMPRT1',
      subject: 'Theodolite calibration for the survey class',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });

    const next = session();
    expect(await next.open()).toEqual({ from: 'saved' });
    await next.settled;
    expect(await refsOf(next, deleted.subject)).not.toContain(deleted.ref);
    expect(await refsOf(next, 'theodolite')).toEqual(['Q-IMPRT-1']);
    next.close();
  });

  it('checks the cases against the index only between searches, a moment after the last', async () => {
    const service = createSearchService(store.db, { checkDelayMs: 0, quietMs: 400 });
    opened.push(service);
    await service.open();
    // The check is due at once; the search starts first, and the check waits for it and 400 ms more.
    const searched = service.search('printer').then(() => performance.now());
    const checked = service.settled.then(() => performance.now());
    const [searchEnded, checkEnded] = await Promise.all([searched, checked]);
    expect(checkEnded - searchEnded).toBeGreaterThanOrEqual(395);
  });

  it('names the cases another window added or deleted since this one last searched', async () => {
    const here = session();
    const there = session();
    await Promise.all([here.open(), there.open()]);
    const [kept, copied] = await store.db.cases.offset(4).limit(2).toArray();
    const add = async (n: number, subject: string) => {
      const id = `imported-${n}`;
      await store.db.cases.put({ ...copied!, id, ref: `Q-IMPRT-${n}`, refKey: `QIMPRT${n}`, subject });
      return id;
    };
    await there.refresh([await add(2, 'Sextant missing from the navigation lab')]);
    // This window has read which case each number of the newest part stands for.
    expect(await refsOf(here, 'sextant')).toEqual(['Q-IMPRT-2']);
    const added = await add(3, 'Astrolabe on loan to the history department');
    await store.db.cases.delete(kept!.id);
    await there.refresh([added, kept!.id]);
    expect(await refsOf(here, 'astrolabe')).toEqual(['Q-IMPRT-3']);
    expect(await refsOf(here, kept!.ref)).not.toContain(kept!.ref);
    here.close();
    there.close();
  });

  it('keeps a term’s cases in parts, so a change rewrites only the part that holds the case', async () => {
    const db = savedDb();
    const parts = await db.postings.toArray();
    expect(
      parts.every(
        (part) =>
          part.docs.length <= PART_SIZE &&
          new Set(part.docs.map((doc) => Math.floor(doc / PART_SIZE))).size === 1,
      ),
    ).toBe(true);
    // A case of its own makes a term of its own: one part, one case.
    const quokka = parts.filter((part) => part.term === 'quokka');
    expect(quokka).toHaveLength(1);
    expect(quokka[0]!.docs).toHaveLength(1);
    db.close();
  });

  it('goes on with a build a closed window cut short, and then holds every case once', async () => {
    const ids = (await store.db.cases.orderBy('id').primaryKeys()) as string[];
    const db = savedDb();
    const meta = (await db.meta.get('index'))!;
    // As if the window closed after the build's first part (a part here is every case up to the 150th).
    await db.meta.put({ ...meta, complete: false, builtTo: ids[149]!, count: 150, part: 1, partSize: 0 });
    const next = session();
    expect(await next.open()).toEqual({ from: 'build' });
    const [early, late] = await store.db.cases.bulkGet([ids[10]!, ids[250]!]);
    expect(await refsOf(next, early!.ref)).toContain(early!.ref);
    expect(await refsOf(next, late!.subject)).toContain(late!.ref);
    expect((await db.meta.get('index'))?.count).toBe(ids.length);
    next.close();
    db.close();
  });

  it('is rebuilt, not an error, when it was saved in another format or its description is lost', async () => {
    const kase = (await store.db.cases.toArray())[7]!;
    const db = savedDb();
    const meta = (await db.meta.get('index'))!;
    await db.meta.put({ ...meta, format: INDEX_FORMAT - 1 });
    const older = session();
    expect(await older.open()).toEqual({ from: 'build' });
    expect((await refsOf(older, kase.ref))[0]).toBe(kase.ref);
    older.close();

    await db.meta.clear();
    const cut = session();
    expect(await cut.open()).toEqual({ from: 'build' });
    expect(await refsOf(cut, kase.subject)).toContain(kase.ref);
    cut.close();
    db.close();
  });
});

describe('answers from the store while the index loads', () => {
  it('finds a reference however it is typed, the exact one first', async () => {
    const kase = (await store.db.cases.toArray())[99]!;
    for (const typed of [kase.ref, kase.ref.toLowerCase().replace('-', ' ')]) {
      expect((await storeLookup(store.db, typed, 50))?.[0]?.id, typed).toBe(kase.id);
    }
    const prefix = kase.ref.slice(0, -1);
    const hits = (await storeLookup(store.db, prefix, 50)) ?? [];
    const refs = (await store.db.cases.bulkGet(hits.map((hit) => hit.id))).map((row) => row?.ref ?? '');
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.every((ref) => ref.startsWith(prefix)) && hits.every((hit) => hit.byRef)).toBe(true);
  });

  it('finds requesters by their email address, and leaves words to the index', async () => {
    const kase = (await store.db.cases.toArray()).find((c) => c.requester.email?.includes('@'))!;
    const email = kase.requester.email!;
    const hits = (await storeLookup(store.db, email.toUpperCase(), 50)) ?? [];
    expect(hits.map((hit) => hit.id)).toContain(kase.id);
    expect(await storeLookup(store.db, 'printer jammed', 50)).toBeNull();
    expect(await storeLookup(store.db, 'nobody.at.all@nowhere.example', 50)).toBeNull();
  });
});
