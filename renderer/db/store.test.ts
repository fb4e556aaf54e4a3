import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../shared/demo';
import { Mutation, MutationError, NO_SLA, type PullResponse, type RowChange } from '../../shared/sync';
import { createClock, type MovableClock } from '../../shared/time';
import {
  applyPull,
  type CaseRow,
  type CaseStore,
  casesForView,
  caseWithTimeline,
  countsForViews,
  createDeskDb,
  DEFAULT_SAVED_VIEWS,
  fromCaseRow,
  onCommitted,
  openCaseStore,
  openCasesByUrgency,
  recomputeSla,
  requestPersistentStorage,
  runMutation,
  SCHEMA_VERSIONS,
  type SchemaVersion,
  StoreError,
  seedIfEmpty,
  timelineOf,
  toCaseRow,
  toStoreError,
} from './index';

const NOW = '2026-03-02T10:00:00.000Z';
let opened: CaseStore[] = [];
let dbCount = 0;

/** A new store; closed after the test, or after the suite when opened in `beforeAll`. */
async function freshStore(clock: MovableClock = createClock({ now: NOW })): Promise<CaseStore> {
  const store = await openCaseStore({ name: `desk-test-${++dbCount}`, clock, actorId: 'person-ana-patel' });
  opened.push(store);
  return store;
}

let suiteStores: CaseStore[] = [];
async function suiteStore(): Promise<CaseStore> {
  const store = await freshStore();
  opened.pop();
  suiteStores.push(store);
  return store;
}

afterEach(() => {
  for (const store of opened) store.db.close();
  opened = [];
});

afterAll(() => {
  for (const store of suiteStores) store.db.close();
  suiteStores = [];
});

/** A pull page from the server carrying these rows (and nothing about anyone's mutations). */
const fromServer = (changes: readonly RowChange[], cookie = 1): PullResponse => ({
  cookie,
  changes: [...changes],
  lastMutationIds: {},
  rejections: [],
  more: false,
});

const queryArgs = {
  kind: 'query',
  subject: 'Eduroam won’t connect',
  requester: { name: 'Olivia Hughes', email: 'olivia.hughes@student.example.ac.uk' },
} as const;

describe('opening the store', () => {
  it('starts with the default saved views and keeps its client id across reopening', async () => {
    const store = await freshStore();
    expect((await store.db.savedViews.toArray()).map((v) => v.id).sort()).toEqual(
      DEFAULT_SAVED_VIEWS.map((v) => v.id).sort(),
    );
    store.db.close();
    const again = await openCaseStore({ name: store.db.name, clock: store.clock });
    opened.push(again);
    expect(again.clientId).toBe(store.clientId);
  });

  it('tells the user to close the other window when it holds the old version open, then carries on', async () => {
    const name = `desk-test-${++dbCount}`;
    const old = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const problems: StoreError[] = [];
    const opening = openCaseStore({
      name,
      clock: createClock({ now: NOW }),
      onProblem: (p) => problems.push(p),
    });
    await expect.poll(() => problems.map((p) => p.problem)).toEqual(['blocked']);
    expect(problems[0]!.message).toContain('Close the other Desk windows');
    old.close();
    const store = await opening;
    opened.push(store);
    expect(await store.db.cases.count()).toBe(0);
  });

  it('closes itself and says to reload when another window upgrades the store', async () => {
    const problems: StoreError[] = [];
    const store = await openCaseStore({
      name: `desk-test-${++dbCount}`,
      clock: createClock({ now: NOW }),
      onProblem: (p) => problems.push(p),
    });
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(store.db.name, 1000);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    newer.close();
    expect(problems.map((p) => p.problem)).toEqual(['upgraded-elsewhere']);
    expect(store.db.isOpen()).toBe(false);
  });
});

describe('runMutation', () => {
  let seededPolicies: CaseStore;
  beforeAll(async () => {
    seededPolicies = await suiteStore();
    await seedIfEmpty(seededPolicies, { cases: 0 });
  });

  it('writes the change and its outbox entry, numbering mutations 1, 2, 3…', async () => {
    const store = await freshStore();
    await seedIfEmpty(store, { cases: 0 });
    const created = await runMutation(store, 'createCase', queryArgs);
    const kase = created.cases[0]!;
    expect(kase).toMatchObject({ kind: 'query', open: 1, assigneeKey: '', slaState: 'on-track' });
    expect(kase.sla.dueAt).not.toBeNull();
    await runMutation(store, 'addNote', { caseId: kase.id, text: 'Asked for the OS version.' });
    const outbox = await store.db.outbox.toArray();
    expect(outbox.map((m) => [m.id, m.name])).toEqual([
      [1, 'createCase'],
      [2, 'addNote'],
    ]);
    for (const row of outbox) Mutation.parse(row);
    expect(outbox[0]).toMatchObject({
      clientId: store.clientId,
      createdAt: NOW,
      args: queryArgs,
      actorId: 'person-ana-patel',
    });
    // The created case's events, the note, and the note opening the new case (status follows the work).
    expect(await store.db.events.where('caseId').equals(kase.id).count()).toBe(4);
  });

  it('writes nothing when the mutator refuses', async () => {
    const store = await freshStore();
    await seedIfEmpty(store, { cases: 0 });
    await expect(runMutation(store, 'addNote', { caseId: 'nope', text: 'x' })).rejects.toBeInstanceOf(
      MutationError,
    );
    await expect(runMutation(store, 'createCase', { ...queryArgs, subject: '' })).rejects.toThrow(
      'Give the case a subject.',
    );
    expect(await store.db.outbox.count()).toBe(0);
    expect(await store.db.meta.get('lastMutationId')).toBeUndefined();
  });

  it('leaves no half-written change and no outbox entry when a write fails inside the transaction', async () => {
    const store = await freshStore();
    await seedIfEmpty(store, { cases: 0 });
    const { cases } = await runMutation(store, 'createCase', queryArgs);
    const before = await store.db.cases.get(cases[0]!.id);
    const eventsBefore = await store.db.events.count();
    // The disk fills up just as the reply's mail is queued: the last write of the transaction.
    store.db.outboundMessages.hook('creating', () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const failure = await runMutation(store, 'addReply', {
      caseId: cases[0]!.id,
      body: 'Try again now.',
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as StoreError).problem).toBe('quota');
    expect((failure as StoreError).message).toMatch(
      /^Desk couldn't save: your disk is full.*Nothing was half-written/,
    );
    expect(await store.db.outbox.count()).toBe(1);
    expect(await store.db.events.count()).toBe(eventsBefore);
    expect(await store.db.outboundMessages.count()).toBe(0);
    expect(await store.db.cases.get(cases[0]!.id)).toEqual(before);
    expect((await store.db.meta.get('lastMutationId'))?.value).toBe(1);
  });

  it('tells listeners what was committed, after the commit', async () => {
    const store = await freshStore();
    await seedIfEmpty(store, { cases: 0 });
    const seen: string[] = [];
    onCommitted(store, ({ mutation }) => seen.push(mutation?.name ?? 'from the server'));
    await runMutation(store, 'createCase', queryArgs);
    expect(seen).toEqual(['createCase']);
  });

  it('gives another desk the same rows when it receives the change from the server', async () => {
    const here = await freshStore();
    const there = await freshStore();
    await seedIfEmpty(here, { cases: 0 });
    await seedIfEmpty(there, { cases: 0 });
    const made = await runMutation(here, 'createCase', queryArgs);
    const seen: (string | null)[] = [];
    onCommitted(there, ({ mutation }) => seen.push(mutation?.name ?? null));
    await applyPull(there, fromServer(made.changes));
    expect(await there.db.cases.get(made.cases[0]!.id)).toEqual(made.cases[0]);
    expect(seen).toEqual([null]);
    expect(await there.db.outbox.count()).toBe(0);
    // A reply arrives as events alone: the case's SLA summary follows (the first response is met).
    const reply = await runMutation(here, 'addReply', { caseId: made.cases[0]!.id, body: 'Try this.' });
    const eventsOnly = reply.changes.filter((c) => c.table === 'events');
    await applyPull(there, fromServer(eventsOnly, 2));
    expect((await there.db.cases.get(made.cases[0]!.id))!.sla).toEqual(reply.cases[0]!.sla);
    expect(reply.cases[0]!.sla).not.toEqual(made.cases[0]!.sla);
  });

  it('finds the original ticket by the reference as the requester typed it', async () => {
    const store = seededPolicies;
    const { cases } = await runMutation(store, 'createCase', queryArgs);
    const ref = cases[0]!.ref.toLowerCase().replaceAll('-', ' ');
    const escalated = await runMutation(store, 'createCase', {
      kind: 'escalation',
      subject: 'Still broken',
      requester: queryArgs.requester,
      intake: { grounds: 'service-level', impact: 'A week without Wi-Fi.' },
      originalTicketRef: ref,
    });
    expect(escalated.cases[0]!.originalCaseId).toBe(cases[0]!.id);
    const view = await caseWithTimeline(store.db, cases[0]!.id);
    expect(view!.linked.map((c) => c.id)).toEqual([escalated.cases[0]!.id]);
  });
});

describe('queue queries on a demo desk', () => {
  let store: CaseStore;
  let all: CaseRow[];
  const byUrgency = (rows: CaseRow[]) =>
    rows.toSorted((a, b) => a.urgency - b.urgency || (a.id < b.id ? -1 : 1));

  beforeAll(async () => {
    store = await suiteStore();
    const progress: number[] = [];
    expect(
      await seedIfEmpty(store, { cases: 1200, chunkSize: 500, onProgress: (done) => progress.push(done) }),
    ).toBe(true);
    expect(progress).toEqual([500, 1000, 1200]);
    expect(await seedIfEmpty(store, { cases: 1200 })).toBe(false);
    all = await store.db.cases.toArray();
    store.actorId = all.find((c) => c.open === 1 && c.assigneeId !== null)!.assigneeId;
  });

  it('reads open cases most urgent first from the index: breached longest ago, at risk, on track, paused', async () => {
    const open = byUrgency(all.filter((c) => c.open === 1));
    const states = new Set(open.map((c) => c.slaState));
    expect(states.has('breached') && states.has('on-track')).toBe(true);
    const page = await openCasesByUrgency(store.db, 50, 20);
    expect(page.map((c) => c.id)).toEqual(open.slice(20, 70).map((c) => c.id));
    const rank = ['breached', 'at-risk', 'on-track', 'paused', 'none'];
    const ranks = open.map((c) => rank.indexOf(c.slaState));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const breached = open.filter((c) => c.slaState === 'breached');
    expect(breached.map((c) => c.sla.dueAt)).toEqual(breached.map((c) => c.sla.dueAt).sort());
  });

  it('answers every view with the cases a filter of all rows would give, in urgency order', async () => {
    const me = store.actorId!;
    const oracle: [Parameters<typeof casesForView>[1], (c: CaseRow) => boolean][] = [
      [{}, (c) => c.open === 1],
      [{ mine: true }, (c) => c.open === 1 && c.assigneeId === me],
      [{ unassigned: true }, (c) => c.open === 1 && c.assigneeId === null],
      [{ teamId: 'team-networks' }, (c) => c.open === 1 && c.teamId === 'team-networks'],
      [{ sla: 'breached' }, (c) => c.open === 1 && c.slaState === 'breached'],
      [{ sla: 'at-risk' }, (c) => c.open === 1 && c.slaState === 'at-risk'],
      [{ sla: 'paused' }, (c) => c.open === 1 && c.slaState === 'paused'],
      [{ kind: 'escalation' }, (c) => c.open === 1 && c.kind === 'escalation'],
      [{ status: 'pending-requester' }, (c) => c.open === 1 && c.status === 'pending-requester'],
      [{ stage: 'formal' }, (c) => c.open === 1 && c.stage === 'formal'],
      [{ level: 2 }, (c) => c.open === 1 && c.escalationLevel === 2],
      [
        { kind: 'query', sla: 'breached', teamId: 'team-service-desk' },
        (c) =>
          c.open === 1 && c.kind === 'query' && c.slaState === 'breached' && c.teamId === 'team-service-desk',
      ],
      [{ kind: 'complaint', includeFinished: true }, (c) => c.kind === 'complaint'],
    ];
    for (const [filter, keep] of oracle) {
      const expected = all.filter(keep);
      const openFirst = [
        ...byUrgency(expected.filter((c) => c.open === 1)),
        ...byUrgency(expected.filter((c) => c.open === 0)),
      ];
      const page = await casesForView(store, filter, { limit: 40, offset: 3 });
      expect(page.total, JSON.stringify(filter)).toBe(expected.length);
      expect(
        page.cases.map((c) => c.id),
        JSON.stringify(filter),
      ).toEqual(openFirst.slice(3, 43).map((c) => c.id));
    }
  });

  it('counts every saved view for the sidebar', async () => {
    const views = await store.db.savedViews.toArray();
    const counts = await countsForViews(store, views);
    for (const view of views) {
      expect(counts[view.id], view.name).toBe((await casesForView(store, view.filter, { limit: 0 })).total);
    }
    expect(counts['view-all-open']).toBe(all.filter((c) => c.open === 1).length);
  });

  it('reads a case with its timeline in order and the cases linked to it', async () => {
    const escalation = all.find((c) => c.kind === 'escalation')!;
    const view = await caseWithTimeline(store.db, escalation.id);
    const times = view!.events.map((e) => e.at);
    expect(times).toEqual([...times].sort());
    expect(view!.events[0]!.type).toBe('customer-contact');
    expect(view!.linked.map((c) => c.id)).toContain(escalation.originalCaseId);
    expect(await caseWithTimeline(store.db, 'missing')).toBeNull();
  });

  it('brings SLA states up to a moved clock, the due cases alone giving the same result as all of them', async () => {
    const clock = store.clock as MovableClock;
    clock.advance(3 * 86_400_000);
    const changed = await recomputeSla(store);
    expect(changed).toBeGreaterThan(0);
    const afterDue = await store.db.cases.toArray();
    expect(await recomputeSla(store, { all: true })).toBe(0);
    const now = clock.now();
    for (const row of afterDue.filter((c) => c.open === 1).slice(0, 200)) {
      const events = await timelineOf(store.db, row.id);
      expect(row.sla, row.ref).toEqual(store.slaOf(fromCaseRow(row), events, now));
    }
    clock.advance(-3 * 86_400_000);
    expect(await recomputeSla(store, { all: true })).toBe(changed);
  });
});

describe('seeding', () => {
  it('starts again when a seeding was cut short, and ends with every case', async () => {
    const store = await freshStore();
    await seedIfEmpty(store, { cases: 40 });
    await store.db.cases.bulkDelete((await store.db.cases.toCollection().primaryKeys()).slice(10));
    await store.db.meta.put({ key: 'demo', value: { status: 'seeding', cases: 40, seed: 1, now: NOW } });
    expect(await seedIfEmpty(store, { cases: 40 })).toBe(true);
    expect(await store.db.cases.count()).toBe(40);
    expect(await seedIfEmpty(store, { cases: 40 })).toBe(false);
  });
});

describe('schema versions', () => {
  it('are declared in order from 1, each adding to the last', () => {
    expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual(SCHEMA_VERSIONS.map((_, i) => i + 1));
  });

  it('upgrade a store written by an earlier version, rewriting its rows and adding indexes', async () => {
    const name = `desk-test-${++dbCount}`;
    const old = createDeskDb(name);
    await old.open();
    await old.cases.bulkPut(generateDemo({ cases: 30, now: NOW }).cases.map((c) => toCaseRow(c, NO_SLA)));
    old.close();
    // A version to come: a new index on priority, and the flat fields derived again (as a changed urgency
    // formula would need).
    const next: SchemaVersion = {
      version: SCHEMA_VERSIONS.length + 1,
      stores: { cases: `${SCHEMA_VERSIONS[0]!.stores.cases}, priority` },
      upgrade: (tx) =>
        tx
          .table<CaseRow>('cases')
          .toCollection()
          .modify((row, ref) => {
            ref.value = { ...toCaseRow(fromCaseRow(row), row.sla), urgency: 0 };
          }),
    };
    const upgraded = createDeskDb(name, [...SCHEMA_VERSIONS, next]);
    await upgraded.open();
    expect(upgraded.verno).toBe(next.version);
    const rows = await upgraded.cases.toArray();
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => r.urgency === 0)).toBe(true);
    expect(await upgraded.cases.where('priority').anyOf(['low', 'normal', 'high', 'urgent']).count()).toBe(
      30,
    );
    upgraded.close();
  });
});

describe('errors and persistence', () => {
  it('maps a wrapped quota error, and keeps an unknown one as a failure that says nothing was saved', () => {
    const wrapped = { name: 'AbortError', inner: new DOMException('full', 'QuotaExceededError') };
    expect(toStoreError(wrapped).problem).toBe('quota');
    expect(toStoreError(new Error('boom')).problem).toBe('failed');
    expect(toStoreError(new Error('boom')).message).toContain('nothing was half-written');
  });

  it('asks the browser to keep the store, and says when it refuses or cannot', async () => {
    const storage = (granted: boolean, already = false) => ({
      persisted: async () => already,
      persist: async () => granted,
    });
    expect(await requestPersistentStorage(storage(true))).toBe('persisted');
    expect(await requestPersistentStorage(storage(false))).toBe('denied');
    expect(await requestPersistentStorage(storage(false, true))).toBe('persisted');
    expect(await requestPersistentStorage(undefined)).toBe('unsupported');
  });
});
