import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseFilter } from '../../../shared/sync';
import { createClock } from '../../../shared/time';
import {
  type CaseRow,
  type CaseStore,
  createDeskDb,
  matches,
  openCaseStore,
  putCases,
  SCHEMA_VERSIONS,
  seedIfEmpty,
  sortKeyOf,
} from '../../db';
import { createSearchService, type SearchService } from '../../search';
import { type BookEntry, readBook } from './book-entry';
import { createQueueBook, pageSource } from './queue-book';
import {
  bookOrder,
  type HiddenCases,
  type OrderCache,
  type QueueContext,
  type QueueSort,
  queueIds,
  queueWindow,
  SEARCH_LIMIT,
  SORT_COLUMNS,
  URGENCY,
} from './queue-data';
import { effectiveFilter, withAssignee } from './queue-state';

const NOW = '2026-03-06T15:45:00.000Z';
const LOW = Dexie.minKey;
const HIGH = Dexie.maxKey;
let store: CaseStore;
let all: CaseRow[];
let ctx: QueueContext;
let search: SearchService;

beforeAll(async () => {
  store = await openCaseStore({ name: 'desk-queue-test', clock: createClock({ now: NOW }), actorId: null });
  await seedIfEmpty(store, { cases: 800 });
  all = await store.db.cases.toArray();
  store.actorId = all.find((c) => c.open === 1 && c.assigneeId !== null)!.assigneeId;
  const people = await store.db.people.toArray();
  const policies = await store.db.policies.toArray();
  search = createSearchService(store.db);
  await search.open();
  ctx = {
    store,
    people,
    stages: policies.flatMap((p) => p.stages.map((stage) => stage.id)),
    search: (text, limit) => search.search(text, limit),
  };
});

afterAll(() => {
  search.close();
  store.db.close();
});

const open = () => all.filter((c) => c.open === 1);
const byUrgency = (a: CaseRow, b: CaseRow) => a.urgency - b.urgency || (a.id < b.id ? -1 : 1);

describe('the ids a queue shows', () => {
  it('are the view’s open cases, most urgent first, or least urgent first when reversed', async () => {
    const ids = await queueIds(ctx, { filter: {}, sort: URGENCY, search: '' });
    expect(ids).toEqual(
      open()
        .sort(byUrgency)
        .map((c) => c.id),
    );
    const reversed = await queueIds(ctx, {
      filter: {},
      sort: { column: 'deadline', desc: true },
      search: '',
    });
    expect(reversed).toEqual([...ids].reverse());
  });

  it('sort by another column, ties most urgent first', async () => {
    const ids = await queueIds(ctx, { filter: {}, sort: { column: 'priority', desc: true }, search: '' });
    const rank = { urgent: 3, high: 2, normal: 1, low: 0 };
    const expected = open().sort((a, b) => rank[b.priority] - rank[a.priority] || byUrgency(a, b));
    expect(ids).toEqual(expected.map((c) => c.id));

    const byRequester = await queueIds(ctx, {
      filter: { kind: 'complaint' },
      sort: { column: 'requester', desc: false },
      search: '',
    });
    const names = byRequester.map((id) => all.find((c) => c.id === id)!.requester.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en-GB', { sensitivity: 'base' })));
    expect(byRequester).toHaveLength(open().filter((c) => c.kind === 'complaint').length);
  });

  it('sort by an indexed column in groups, each most urgent first, the same as sorting the rows', async () => {
    const order = { kind: ['query', 'complaint', 'escalation', 'formal-complaint'] } as const;
    const byKind = await queueIds(ctx, { filter: {}, sort: { column: 'kind', desc: false }, search: '' });
    const expected = open().sort(
      (a, b) => order.kind.indexOf(a.kind) - order.kind.indexOf(b.kind) || byUrgency(a, b),
    );
    expect(byKind).toEqual(expected.map((c) => c.id));
    const levelsDown = await queueIds(ctx, {
      filter: { kind: 'query' },
      sort: { column: 'level', desc: true },
      search: '',
    });
    const queries = open()
      .filter((c) => c.kind === 'query')
      .sort((a, b) => b.escalationLevel - a.escalationLevel || byUrgency(a, b));
    expect(levelsDown).toEqual(queries.map((c) => c.id));
    const stages = await queueIds(ctx, {
      filter: { includeFinished: true },
      sort: { column: 'stage', desc: false },
      search: '',
    });
    expect(stages).toHaveLength(all.length);
    const byRef = await queueIds(ctx, {
      filter: { sla: 'breached' },
      sort: { column: 'ref', desc: true },
      search: '',
    });
    const breached = open()
      .filter((c) => c.slaState === 'breached')
      .map((c) => c.ref);
    expect(byRef.map((id) => all.find((c) => c.id === id)!.ref)).toEqual(
      [...breached].sort((a, b) => (a < b ? 1 : -1)),
    );
  });

  it('sort unassigned cases after everyone’s when sorting by owner', async () => {
    const ids = await queueIds(ctx, { filter: {}, sort: { column: 'owner', desc: false }, search: '' });
    const assignees = ids.map((id) => all.find((c) => c.id === id)!.assigneeId);
    const firstUnassigned = assignees.indexOf(null);
    expect(firstUnassigned).toBeGreaterThan(0);
    expect(assignees.slice(firstUnassigned).every((a) => a === null)).toBe(true);
  });

  it('narrow to search hits within the view, a typed reference first', async () => {
    const target = open().find((c) => c.kind === 'query')!;
    const ids = await queueIds(ctx, { filter: {}, sort: URGENCY, search: target.ref.toLowerCase() });
    expect(ids[0]).toBe(target.id);
    const eduroam = await queueIds(ctx, { filter: { kind: 'query' }, sort: URGENCY, search: 'eduroam' });
    const rows = eduroam.map((id) => all.find((c) => c.id === id)!);
    expect(rows.length).toBeGreaterThan(0);
    expect(
      rows.every((r) => matches(r, { kind: 'query' }, store.actorId) && /eduroam/i.test(r.subject)),
    ).toBe(true);
    expect(rows.map((r) => r.urgency)).toEqual(rows.map((r) => r.urgency).sort((a, b) => a - b));
  });
});

describe('a search with many hits', () => {
  it('lists the hits within the view in the view’s order', async () => {
    const counts = new Map<string, number>();
    for (const c of all)
      for (const word of new Set(c.subject.toLowerCase().match(/[a-z]{5,}/g) ?? []))
        counts.set(word, (counts.get(word) ?? 0) + 1);
    const [word] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    const hits = await search.search(word, SEARCH_LIMIT);
    expect(hits.length).toBeGreaterThan(100);
    const found = new Set(hits.map((hit) => hit.id));
    const ids = await queueIds(ctx, { filter: {}, sort: { column: 'subject', desc: false }, search: word });
    const subjectKey = (c: CaseRow) => sortKeyOf(c.subject);
    const expected = open()
      .filter((c) => found.has(c.id))
      .sort((a, b) =>
        subjectKey(a) < subjectKey(b) ? -1 : subjectKey(a) > subjectKey(b) ? 1 : byUrgency(a, b),
      );
    expect(ids).toEqual(expected.map((c) => c.id));

    // The view's order read a moment ago is narrowed, not read again: the same answer from a kept order.
    const kept = new Map<string, readonly string[]>();
    let served = 0;
    const orders: OrderCache = {
      get: (key) => {
        const ids = kept.get(key);
        if (ids !== undefined) served += 1;
        return ids;
      },
      set: (key, ids) => kept.set(key, ids),
    };
    const withOrders = { ...ctx, orders };
    const sort = { column: 'subject' as const, desc: false };
    const whole = await queueIds(withOrders, { filter: {}, sort, search: '' });
    expect(await queueIds(withOrders, { filter: {}, sort, search: word })).toEqual(ids);
    expect(served).toBe(1);
    // A kept list is never handed out to be changed.
    whole.reverse();
    expect(await queueIds(withOrders, { filter: {}, sort, search: word })).toEqual(ids);
  });
});

describe('sorting by text columns', () => {
  it('reads case and accents as the same letters and numbers by their value', () => {
    const sorted = ['Room 10', 'room 9', 'Órla Byrne', 'orla Adams', 'Q-KDRMX-100', 'Q-KDRMX-42'].sort(
      (a, b) => (sortKeyOf(a) < sortKeyOf(b) ? -1 : 1),
    );
    expect(sorted).toEqual(['orla Adams', 'Órla Byrne', 'Q-KDRMX-42', 'Q-KDRMX-100', 'room 9', 'Room 10']);
  });

  it('lists the view by subject, equal subjects most urgent first, and by requester backwards', async () => {
    const ids = await queueIds(ctx, { filter: {}, sort: { column: 'subject', desc: false }, search: '' });
    const expected = open().sort(
      (a, b) =>
        (sortKeyOf(a.subject) < sortKeyOf(b.subject)
          ? -1
          : sortKeyOf(a.subject) > sortKeyOf(b.subject)
            ? 1
            : 0) || byUrgency(a, b),
    );
    expect(ids).toEqual(expected.map((c) => c.id));
    const backwards = await queueIds(ctx, {
      filter: { kind: 'complaint' },
      sort: { column: 'requester', desc: true },
      search: '',
    });
    const keys = backwards.map((id) => sortKeyOf(all.find((c) => c.id === id)!.requester.name));
    expect(keys).toEqual([...keys].sort().reverse());
    expect(backwards).toHaveLength(open().filter((c) => c.kind === 'complaint').length);
  });

  it('lists every case by requester, the open ones first, each part in order', async () => {
    const ids = await queueIds(ctx, {
      filter: { includeFinished: true },
      sort: { column: 'requester', desc: false },
      search: '',
    });
    expect(new Set(ids).size).toBe(all.length);
    const rows = ids.map((id) => all.find((c) => c.id === id)!);
    const openCount = open().length;
    expect(rows.slice(0, openCount).every((r) => r.open === 1)).toBe(true);
    for (const part of [rows.slice(0, openCount), rows.slice(openCount)]) {
      const keys = part.map((r) => sortKeyOf(r.requester.name));
      expect(keys).toEqual([...keys].sort());
    }
  });

  it('works on a store written before the sort keys, once it is upgraded', async () => {
    const name = 'desk-queue-test-v4';
    const old = createDeskDb(
      name,
      SCHEMA_VERSIONS.filter((v) => v.version <= 4),
    );
    await old.open();
    const unkeyed = all.slice(0, 50).map(({ refSort, subjectSort, requesterSort, ...row }) => row);
    await old.table('cases').bulkPut(unkeyed);
    old.close();
    const upgraded = createDeskDb(name);
    await upgraded.open();
    const bySubject = await upgraded.cases
      .where('[open+subjectSort+urgency]')
      .between([1, LOW], [1, HIGH])
      .toArray();
    const openRows = unkeyed.filter((row) => row.open === 1);
    expect(bySubject).toHaveLength(openRows.length);
    expect(bySubject.map((row) => row.subjectSort)).toEqual(
      openRows.map((row) => sortKeyOf(row.subject)).sort(),
    );
    upgraded.close();
  });
});

describe('the first screen of a queue', () => {
  const nothingHidden: HiddenCases = { hidden: new Set(), hiddenCases: [] };

  it('is the start of the whole order and the view’s count, for every column both ways', async () => {
    const filters: CaseFilter[] = [{}, { includeFinished: true }, { sla: 'breached' }, { kind: 'complaint' }];
    let answered = 0;
    for (const filter of filters) {
      for (const column of SORT_COLUMNS) {
        for (const desc of [false, true]) {
          const query = { filter, sort: { column, desc }, search: '' };
          const whole = await queueIds(ctx, query);
          const window = await queueWindow(ctx, query, nothingHidden, 25);
          // A narrowed view in a column order is only known from the whole read.
          if (window === null) {
            expect(column !== 'deadline' && column !== 'sla' && Object.keys(filter).length > 0).toBe(true);
            continue;
          }
          answered += 1;
          expect({ column, desc, ids: window.ids }).toEqual({ column, desc, ids: whole.slice(0, 25) });
          expect(window.total).toBe(whole.length);
        }
      }
    }
    expect(answered).toBeGreaterThan(SORT_COLUMNS.length * 2 * 2);
  });

  it('leaves out the cases the viewer may not see, and counts without them', async () => {
    const query = { filter: {}, sort: { column: 'kind' as const, desc: false }, search: '' };
    const whole = await queueIds(ctx, query);
    // The first 30 in this order hidden, and one further on: the screen starts after them.
    expect(whole.length).toBeGreaterThan(50);
    const hiddenIds = [...whole.slice(0, 30), whole[40]!];
    const hiddenCases = all.filter((c) => hiddenIds.includes(c.id));
    // A finished hidden case is not in the view and takes nothing from its count.
    hiddenCases.push(all.find((c) => c.open === 0)!);
    const access = { hidden: new Set(hiddenCases.map((c) => c.id)), hiddenCases };
    const window = await queueWindow(ctx, query, access, 15);
    const visible = whole.filter((id) => !access.hidden.has(id));
    expect(window?.ids).toEqual(visible.slice(0, 15));
    expect(window?.total).toBe(whole.length - 31);
  });

  it('is not guessed for a search', async () => {
    expect(
      await queueWindow(ctx, { filter: {}, sort: URGENCY, search: 'printer' }, nothingHidden, 25),
    ).toBeNull();
  });
});

describe('the queue’s book', () => {
  /** A store of its own holding the first `count` demo cases. */
  const storeOf = async (name: string, count: number) => {
    const db = createDeskDb(name);
    await db.open();
    await db.cases.bulkPut(all.slice(0, count));
    return db;
  };

  it('reads no case while a search holds it, and goes on when let go', async () => {
    const db = await storeOf('desk-book-hold-test', 30);
    let letGo = () => {};
    let held: Promise<void> | null = new Promise((resolve) => {
      letGo = () => {
        held = null;
        resolve();
      };
    });
    const chunks: number[] = [];
    const reading = readBook(
      db,
      (entries) => chunks.push(entries.length),
      () => held,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(chunks).toEqual([]);
    letGo();
    await reading;
    expect(chunks).toEqual([30]);
    db.close();
  });

  const FILTERS: CaseFilter[] = [
    {},
    { includeFinished: true },
    { sla: 'breached' },
    { kind: 'complaint' },
    { mine: true },
    { unassigned: true, includeFinished: true },
    { status: 'in-progress', level: 1 },
  ];

  it('orders every view by every column, both ways, exactly as the indexes do', async () => {
    const book = createQueueBook(store.db);
    await book.loaded;
    const snapshot = (await book.current())!;
    expect(snapshot.entries.size).toBe(all.length);
    // Someone who left the directory and a stage no policy names any more: their cases come last.
    const leaver = open().find((c) => c.assigneeId !== null)!.assigneeId;
    const gone = open().find((c) => c.stage !== null)!.stage;
    const narrowed: QueueContext = {
      ...ctx,
      people: ctx.people.filter((p) => p.id !== leaver),
      stages: ctx.stages.filter((s) => s !== gone),
    };
    let compared = 0;
    for (const context of [ctx, narrowed])
      for (const filter of FILTERS)
        for (const column of SORT_COLUMNS)
          for (const desc of [false, true]) {
            const sort = { column, desc };
            const indexed = await queueIds(context, { filter, sort, search: '' });
            const sorted = bookOrder(snapshot, context, filter, sort);
            expect({ filter, column, desc, ids: sorted }).toEqual({ filter, column, desc, ids: indexed });
            if (indexed.length > 0) compared += 1;
          }
    expect(compared).toBeGreaterThan(FILTERS.length * SORT_COLUMNS.length * 2);
    book.close();
  });

  it('takes in an SLA refresh of hundreds of cases without reading every case again', async () => {
    const db = await storeOf('desk-queue-book-refresh', 400);
    const source = pageSource(db);
    let wholeReads = 0;
    const read: string[] = [];
    const book = createQueueBook(db, {
      ...source,
      readAll: (onChunk) => {
        wholeReads += 1;
        return source.readAll(onChunk);
      },
      read: (ids) => {
        read.push(...ids);
        return source.read(ids);
      },
    });
    await book.loaded;
    const refreshed = all.slice(0, 120).map((row) => ({ ...row, urgency: row.urgency - 1 }));
    await db.transaction('rw', db.cases, () => putCases(db, refreshed));
    const { entries } = (await book.current())!;
    expect(wholeReads).toBe(1);
    expect(new Set(read)).toEqual(new Set(refreshed.map((row) => row.id)));
    expect(entries.get(refreshed[100]!.id)?.urgency).toBe(refreshed[100]!.urgency);
    book.close();
    db.close();
  });

  it('takes in every write: a changed, an added and a deleted case, and a range deleted', async () => {
    const db = await storeOf('desk-queue-book-writes', 300);
    const book = createQueueBook(db);
    await book.loaded;
    const entry = async (id: string) => (await book.current())?.entries.get(id);
    const [first, second, third] = all.filter((c) => c.open === 1);

    await db.cases.update(first!.id, { subjectSort: 'aaa first now', urgency: -5 });
    expect(await entry(first!.id)).toMatchObject({ subjectSort: 'aaa first now', urgency: -5 });

    const added: CaseRow = { ...second!, id: 'case-added-later', refSort: 'zzz' };
    await db.cases.put(added);
    await db.cases.delete(third!.id);
    const { entries } = (await book.current())!;
    expect(entries.get('case-added-later')?.refSort).toBe('zzz');
    expect(entries.has(third!.id)).toBe(false);
    expect(entries.size).toBe(300);

    // Sorted before and after a finished case reopens and a subject changes: the text orders follow.
    const local: QueueContext = { ...ctx, store: { ...store, db } as CaseStore, book: null };
    const sorts = ['ref', 'subject', 'requester'].flatMap((column) =>
      [false, true].map((desc) => ({ column, desc }) as QueueSort),
    );
    const compare = async () => {
      const snapshot = (await book.current())!;
      for (const sort of sorts)
        expect(bookOrder(snapshot, local, {}, sort)).toEqual(
          await queueIds(local, { filter: {}, sort, search: '' }),
        );
    };
    await compare();
    await db.cases.update(second!.id, { subjectSort: 'zzz moved to the end' });
    await compare();
    const finished = all.slice(0, 300).find((c) => c.open === 0)!;
    await db.cases.update(finished.id, { open: 1 });
    await compare();

    // A delete by range names no keys one by one: the book reads the store again.
    const ids = [...entries.keys()].sort();
    await db.cases.where('id').between(ids[0]!, ids[99]!, true, true).delete();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await book.loaded;
    let after: ReadonlyMap<string, BookEntry> | null = null;
    for (let i = 0; i < 50 && after === null; i++) {
      after = (await book.current())?.entries ?? null;
      if (after === null) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(after?.size).toBe(200);
    expect(after?.has(ids[0]!)).toBe(false);
    book.close();
    db.close();
  });
});

describe('queue filters', () => {
  it('let a refinement replace the view’s assignee criterion, or lift any criterion', () => {
    expect(effectiveFilter({ mine: true, kind: 'query' }, withAssignee({}, 'unassigned'))).toEqual({
      unassigned: true,
      kind: 'query',
    });
    expect(effectiveFilter({ kind: 'escalation' }, { kind: undefined })).toEqual({ kind: undefined });
    expect(withAssignee({ mine: true, sla: 'breached' }, { personId: 'p1' })).toEqual({
      assigneeId: 'p1',
      sla: 'breached',
    });
  });
});
