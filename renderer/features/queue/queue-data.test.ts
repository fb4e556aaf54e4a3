import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock } from '../../../shared/time';
import { type CaseRow, type CaseStore, matches, openCaseStore, seedIfEmpty } from '../../db';
import { createSearchEngine } from '../../search';
import { searchDocument } from '../../search/documents';
import { type QueueContext, queueIds, URGENCY } from './queue-data';
import { effectiveFilter, withAssignee } from './queue-state';

const NOW = '2026-03-06T15:45:00.000Z';
let store: CaseStore;
let all: CaseRow[];
let ctx: QueueContext;

beforeAll(async () => {
  store = await openCaseStore({ name: 'desk-queue-test', clock: createClock({ now: NOW }), actorId: null });
  await seedIfEmpty(store, { cases: 800 });
  all = await store.db.cases.toArray();
  store.actorId = all.find((c) => c.open === 1 && c.assigneeId !== null)!.assigneeId;
  const people = new Map((await store.db.people.toArray()).map((p) => [p.id, p.name]));
  const engine = createSearchEngine();
  engine.upsert(all.map((row) => searchDocument(row, [])));
  ctx = {
    store,
    nameOf: (id) => people.get(id) ?? id,
    search: async (text, limit) => engine.search(text, limit).map(({ id, byRef }) => ({ id, byRef })),
  };
});

afterAll(() => store.db.close());

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
