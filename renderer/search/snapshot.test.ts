import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock } from '../../shared/time';
import { type CaseStore, openCaseStore, runMutation, seedIfEmpty } from '../db';
import { storeLookup } from './lookup';
import { createSearchService, type SearchService } from './service';
import { createSearchDb, readSnapshot } from './snapshot';

const NOW = '2026-03-02T10:00:00.000Z';
let store: CaseStore;
const opened: SearchService[] = [];

beforeAll(async () => {
  store = await openCaseStore({
    name: 'desk-snapshot-test',
    clock: createClock({ now: NOW }),
    actorId: null,
  });
  await seedIfEmpty(store, { cases: 300 });
});

afterAll(() => {
  for (const service of opened) service.close();
  store.db.close();
});

/** A service over the store, as a new session opens it (saves only when told, so each test decides). */
function session(): SearchService {
  const service = createSearchService(store.db, { saveDelayMs: 60_000 });
  opened.push(service);
  return service;
}

const refsOf = (service: SearchService, query: string) => service.search(query).map((hit) => hit.ref);
const savedDb = () => createSearchDb(store.db.name);

describe('the saved search index', () => {
  it('is saved after the first build and opened by the next session without rebuilding', async () => {
    const first = session();
    expect(await first.open()).toEqual({ from: 'build' });
    await first.save();
    const kase = (await store.db.cases.toArray())[42]!;
    const before = refsOf(first, kase.subject);
    first.close();

    const next = session();
    expect(await next.open()).toEqual({ from: 'snapshot' });
    expect(refsOf(next, kase.subject)).toEqual(before);
    expect(refsOf(next, kase.ref)[0]).toBe(kase.ref);
    const snapshot = await readSnapshot(savedDb());
    expect(snapshot?.count).toBe(300);
    next.close();
  });

  it('catches up with the cases created and changed since it was saved', async () => {
    const created = await runMutation(store, 'createCase', {
      kind: 'query',
      subject: 'Kiln in the ceramics studio tripping the breaker',
      requester: { name: 'Oisín Marchetti', email: 'oisin.marchetti@example.ac.uk' },
    });
    const [older] = await store.db.cases.limit(1).toArray();
    await runMutation(store, 'addNote', {
      caseId: older!.id,
      text: 'Spoke to estates about the quokka enclosure',
    });

    const next = session();
    expect(await next.open()).toEqual({ from: 'snapshot' });
    expect(refsOf(next, 'kiln ceramics')).toEqual([created.cases[0]!.ref]);
    expect(refsOf(next, 'quokka')).toEqual([older!.ref]);
    next.close();
  });

  it('drops cases deleted since, and finds cases added with an older updatedAt', async () => {
    const rows = await store.db.cases.limit(3).toArray();
    const [deleted, copied] = [rows[1]!, rows[2]!];
    await store.db.cases.delete(deleted.id);
    // A row written behind the store's back (an import), dated before the snapshot's mark.
    await store.db.cases.put({
      ...copied,
      id: 'imported-1',
      ref: 'Q-IMPRT-1',
      refKey: 'QIMPRT1',
      subject: 'Theodolite calibration for the survey class',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });

    const next = session();
    expect(await next.open()).toEqual({ from: 'snapshot' });
    expect(refsOf(next, deleted.subject)).not.toContain(deleted.ref);
    expect(refsOf(next, 'theodolite')).toEqual(['Q-IMPRT-1']);
    next.close();
  });

  it('reads again a change it was told of but never saved, even one dated behind its mark', async () => {
    const first = session();
    await first.open();
    await first.save();
    const [kase] = await store.db.cases.limit(1).toArray();
    // The clock was set back (time travel) or the change synced late: its updatedAt is before the mark.
    await store.db.cases.put({
      ...kase!,
      subject: 'Anemometer on the roof spinning backwards',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
    await first.refresh([kase!.id]);
    expect(refsOf(first, 'anemometer')).toEqual([kase!.ref]);
    // The session ends before its next save.
    first.close();

    const next = session();
    expect(await next.open()).toEqual({ from: 'snapshot' });
    expect(refsOf(next, 'anemometer')).toEqual([kase!.ref]);
    await next.save();
    expect(await savedDb().pending.count()).toBe(0);
    next.close();
  });

  it('is rebuilt, not an error, when the saved index is corrupt or of an older format', async () => {
    const kase = (await store.db.cases.toArray())[7]!;
    const db = savedDb();
    const good = (await readSnapshot(db))!;
    for (const broken of [
      { ...good, index: '{"documentCount": 3, "index": [' },
      { ...good, format: 0 },
      { ...good, refs: good.refs.slice(1) },
    ]) {
      await db.snapshots.put(broken);
      const next = session();
      expect(await next.open()).toEqual({ from: 'build' });
      expect(refsOf(next, kase.ref)[0]).toBe(kase.ref);
      // The rebuilt index is saved over the broken one before the next is put in its place.
      await next.save();
      next.close();
    }
  });
});

describe('answers from the store while the index loads', () => {
  it('finds a reference however it is typed, the exact one first', async () => {
    const kase = (await store.db.cases.toArray())[99]!;
    for (const typed of [kase.ref, kase.ref.toLowerCase().replace('-', ' ')]) {
      expect((await storeLookup(store.db, typed, 50))?.[0]?.ref, typed).toBe(kase.ref);
    }
    const prefix = kase.ref.slice(0, -1);
    const hits = (await storeLookup(store.db, prefix, 50)) ?? [];
    expect(hits.every((hit) => hit.ref.startsWith(prefix) && hit.byRef)).toBe(true);
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
