/**
 * Which cases a queue shows, in which order, as ids, read as keys from the store's indexes: the default order
 * (urgency) from the view's index ranges; kind, status, priority, level, stage and owner one range per value
 * (each already most urgent first); reference, subject and requester from their sort keys' indexes (`refSort`,
 * `subjectSort`, `requesterSort`). The view's own ids then say which of those it shows. A search narrows the
 * view to its hits: a few hits are ordered from their rows, many by the view's ids in order (keys, not rows).
 *
 * Reading every id of a big view takes a while (9,000 open cases of 100,000: a few hundred ms), so the queue
 * first reads only its first screen and the view's count (`queueWindow`), from the same ranges in the same order,
 * and paints that; the whole list follows for scrolling, j/k and "select all". Once the queue's book has loaded
 * (queue-book.ts: every case's filter and sort fields in memory), an order is a sort of the book instead
 * (`bookOrder`), in exactly the order the indexes give.
 */
import Dexie from 'dexie';
import { CASE_KINDS, CASE_STATUSES, ESCALATION_LEVELS, PRIORITIES } from '../../../shared/domain';
import type { CaseFilter } from '../../../shared/sync';
import { caseIdsForView, matches, rangesFor } from '../../db/queries';
import { type CaseRow, sortKeyOf } from '../../db/schema';
import type { CaseStore } from '../../db/store';
import type { BookEntry } from './book-entry';
import type { BookSnapshot } from './queue-book';

export const SORT_COLUMNS = [
  'ref',
  'subject',
  'requester',
  'kind',
  'status',
  'priority',
  'owner',
  'level',
  'stage',
  'deadline',
  'sla',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export interface QueueSort {
  column: SortColumn;
  desc: boolean;
}

/** The queue's default order: most urgent first (breached longest ago, at risk, then next due). */
export const URGENCY: QueueSort = { column: 'deadline', desc: false };

export interface QueueQuery {
  filter: CaseFilter;
  sort: QueueSort;
  /** Free text for the search index; '' for none. */
  search: string;
}

export interface QueueContext {
  store: CaseStore;
  /** The desk's people, for sorting by owner (by name). */
  people: readonly { id: string; name: string }[];
  /** Stage ids in their policies' order (informal, formal, hod-review, external). */
  stages: readonly string[];
  /** Full-text search: matching cases, best first; `byRef` when the text is (the start of) their reference. */
  search?: (text: string, limit: number) => Promise<readonly { id: string; byRef: boolean }[]>;
  /**
   * Whole orders already read, by view and order, while no case has changed since: a search within the view on
   * screen narrows that list instead of reading it again.
   */
  orders?: OrderCache;
  /** Every case's filter and sort fields, current (the queue's book), when it has loaded: orders sort it. */
  book?: BookSnapshot | null;
}

export interface OrderCache {
  get(key: string): readonly string[] | undefined;
  set(key: string, ids: readonly string[]): void;
}

/** How many search hits a queue narrows to (a search is for finding, not for working through thousands). */
export const SEARCH_LIMIT = 2000;
const LOW = Dexie.minKey;
const HIGH = Dexie.maxKey;

function keyOf(row: BookEntry, column: SortColumn, ctx: QueueContext): string | number {
  switch (column) {
    case 'ref':
      return row.refSort;
    case 'subject':
      return row.subjectSort;
    case 'requester':
      return row.requesterSort;
    case 'kind':
      return CASE_KINDS.indexOf(row.kind);
    case 'status':
      return CASE_STATUSES.indexOf(row.status);
    case 'priority':
      return PRIORITIES.indexOf(row.priority);
    case 'owner':
      // Unassigned cases after everyone's.
      return row.assigneeId === null
        ? '\uffff'
        : sortKeyOf(ctx.people.find((p) => p.id === row.assigneeId)?.name ?? row.assigneeId);
    case 'level':
      return row.escalationLevel;
    case 'stage':
      return row.stage === null ? Number.MAX_SAFE_INTEGER : ctx.stages.indexOf(row.stage);
    case 'deadline':
    case 'sla':
      return row.urgency;
  }
}

/** Numbers by value, sort keys in code-unit order: the order IndexedDB gives the same keys. */
function compareKeys(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Keyed {
  id: string;
  key: string | number;
  urgency: number;
}

/** Sorted by the column's key, ties by urgency (so a group reads most urgent first either way). */
function sortKeyed(keyed: Keyed[], desc: boolean): string[] {
  const sign = desc ? -1 : 1;
  keyed.sort((a, b) => sign * compareKeys(a.key, b.key) || a.urgency - b.urgency);
  return keyed.map((k) => k.id);
}

function keyed(row: BookEntry, column: SortColumn, ctx: QueueContext): Keyed {
  return { id: row.id, key: keyOf(row, column, ctx), urgency: row.urgency };
}

type Range = [index: string, lower: unknown[], upper: unknown[]];

type GroupedColumn = 'kind' | 'status' | 'priority' | 'level' | 'stage' | 'owner';

/**
 * A column of a few values: its values in ascending order, the index holding each value's cases most urgent
 * first, and an entry's value. Owner: people by name, then unassigned; stage: the policies' order, then none.
 */
function columnGroups(
  column: GroupedColumn,
  ctx: QueueContext,
): { index: string; values: readonly (string | number)[]; valueIn: (entry: BookEntry) => string | number } {
  switch (column) {
    case 'kind':
      return { index: '[open+kind+urgency]', values: CASE_KINDS, valueIn: (e) => e.kind };
    case 'status':
      return { index: '[open+status+urgency]', values: CASE_STATUSES, valueIn: (e) => e.status };
    case 'priority':
      return { index: '[open+priority+urgency]', values: PRIORITIES, valueIn: (e) => e.priority };
    case 'level':
      return {
        index: '[open+escalationLevel+urgency]',
        values: ESCALATION_LEVELS,
        valueIn: (e) => e.escalationLevel,
      };
    case 'stage':
      return { index: '[open+stageKey+urgency]', values: [...ctx.stages, ''], valueIn: (e) => e.stage ?? '' };
    case 'owner': {
      const people = ctx.people.map((p) => ({ id: p.id, key: sortKeyOf(p.name) }));
      people.sort((a, b) => compareKeys(a.key, b.key));
      return {
        index: '[assigneeKey+open+urgency]',
        values: [...people.map((p) => p.id), ''],
        valueIn: (e) => e.assigneeId ?? '',
      };
    }
  }
}

const isGrouped = (column: SortColumn): column is GroupedColumn =>
  column !== 'ref' &&
  column !== 'subject' &&
  column !== 'requester' &&
  column !== 'deadline' &&
  column !== 'sla';

/**
 * The index ranges that list a column's cases in ascending order, for open (1) or finished (0) cases: one range
 * per value for columns of a few values (each range most urgent first, so descending reverses the ranges and
 * keeps that), one range of sort keys for the others (ties most urgent first ascending; descending reverses all).
 */
function columnRanges(
  column: Exclude<SortColumn, 'deadline' | 'sla'>,
  ctx: QueueContext,
  open: 0 | 1,
): Range[] {
  const whole = (index: string): Range[] => [[index, [open, LOW], [open, HIGH]]];
  if (column === 'ref') return whole('[open+refSort]');
  if (column === 'subject') return whole('[open+subjectSort+urgency]');
  if (column === 'requester') return whole('[open+requesterSort+urgency]');
  const { index, values } = columnGroups(column, ctx);
  // The owner index leads with the person, the others with open.
  return values.map((v) =>
    column === 'owner' ? [index, [v, open, LOW], [v, open, HIGH]] : [index, [open, v, LOW], [open, v, HIGH]],
  );
}

const byId = (a: BookEntry, b: BookEntry) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** An index's order within one key: most urgent first, then by id (IndexedDB orders equal keys by primary key). */
const byUrgency = (a: BookEntry, b: BookEntry) => a.urgency - b.urgency || byId(a, b);

/** The last few views' cases in urgency order, by view, while the book has not changed. */
const viewOrders = new Map<
  string,
  { book: BookSnapshot['entries']; version: number; groups: BookEntry[][] }
>();

/**
 * The view's cases from the book, most urgent first: the open ones, then (a view that includes them) the
 * finished ones, as the view's index ranges list them. Every column's order starts from it.
 */
function viewByUrgency(book: BookSnapshot, filter: CaseFilter, actorId: string | null): BookEntry[][] {
  const key = JSON.stringify([filter, actorId]);
  const kept = viewOrders.get(key);
  if (kept !== undefined && kept.book === book.entries && kept.version === book.version) return kept.groups;
  const open: BookEntry[] = [];
  const finished: BookEntry[] = [];
  for (const entry of (filter.includeFinished ? book.entries : book.open).values())
    if (matches(entry, filter, actorId)) (entry.open === 1 ? open : finished).push(entry);
  open.sort(byUrgency);
  finished.sort(byUrgency);
  const groups = filter.includeFinished ? [open, finished] : [open];
  viewOrders.delete(key);
  viewOrders.set(key, { book: book.entries, version: book.version, groups });
  if (viewOrders.size > 4) viewOrders.delete(viewOrders.keys().next().value!);
  return groups;
}

type TextColumn = 'ref' | 'subject' | 'requester';

const textOf = (column: TextColumn) =>
  column === 'ref'
    ? (e: BookEntry) => e.refSort
    : column === 'subject'
      ? (e: BookEntry) => e.subjectSort
      : (e: BookEntry) => e.requesterSort;

/** Each open case's place in a text column's order (equal keys, equal places), while no text has changed. */
const textRanks = new Map<
  TextColumn,
  { book: BookSnapshot['entries']; textVersion: number; ranks: Map<string, number> }
>();

/**
 * The open cases' places in a text column's order: a view's order by that column is then a sort of numbers.
 * Worked out once per change to the cases' texts (a new case, an edited subject), not per sort; an SLA
 * refresh changes no text.
 */
export function rankedText(book: BookSnapshot, column: TextColumn): Map<string, number> {
  const kept = textRanks.get(column);
  if (kept !== undefined && kept.book === book.entries && kept.textVersion === book.textVersion)
    return kept.ranks;
  const text = textOf(column);
  const sorted = [...book.open.values()].sort((a, b) => {
    const x = text(a);
    const y = text(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const ranks = new Map<string, number>();
  let rank = 0;
  sorted.forEach((entry, i) => {
    if (i > 0 && text(entry) !== text(sorted[i - 1]!)) rank = i;
    ranks.set(entry.id, rank);
  });
  textRanks.set(column, { book: book.entries, textVersion: book.textVersion, ranks });
  return ranks;
}

/**
 * The view's ids in the query's order, sorted from the book: the same order the indexes give (`readOrder`),
 * ties and all, which a unit test holds it to for every column both ways. Each open flag's cases start most
 * urgent first; a column of few values is then a pass over them into one bucket per value, and a text column
 * a stable sort by its key (equal keys stay most urgent first; descending is the exact reverse, as reading
 * its index backwards is).
 */
export function bookOrder(
  book: BookSnapshot,
  ctx: QueueContext,
  filter: CaseFilter,
  sort: QueueSort,
): string[] {
  const { column, desc } = sort;
  const groups = viewByUrgency(book, filter, ctx.store.actorId);
  const ids: string[] = [];
  const push = (entries: readonly BookEntry[]) => {
    for (const entry of entries) ids.push(entry.id);
  };
  if (column === 'deadline' || column === 'sla') {
    for (const group of groups) push(group);
    return desc ? ids.reverse() : ids;
  }
  if (!isGrouped(column)) {
    for (const group of groups) {
      const sorted =
        group === groups[0]
          ? // The reference's index orders equal keys by id, the others most urgent first (as listed).
            sortByRank(group, rankedText(book, column), column === 'ref' ? byId : undefined)
          : sortByText(group, textOf(column), column === 'ref' ? byId : undefined);
      push(desc ? sorted.reverse() : sorted);
    }
    return ids;
  }
  const { values, valueIn } = columnGroups(column, ctx);
  const rank = new Map<string | number, number>();
  values.forEach((value, i) => {
    if (!rank.has(value)) rank.set(value, i);
  });
  // Cases no range holds (an owner who left the directory) come last, in the view's order.
  const unranked: BookEntry[] = [];
  for (const group of groups) {
    const buckets: BookEntry[][] = values.map(() => []);
    for (const entry of group) {
      const r = rank.get(valueIn(entry));
      if (r === undefined) unranked.push(entry);
      else buckets[r]!.push(entry);
    }
    if (desc) buckets.reverse();
    for (const bucket of buckets) push(bucket);
  }
  push(unranked);
  return ids;
}

/** A stable sort of open cases by their places in a text column's order. */
function sortByRank(
  entries: readonly BookEntry[],
  ranks: ReadonlyMap<string, number>,
  ties?: (a: BookEntry, b: BookEntry) => number,
): BookEntry[] {
  const placed = entries.map((entry) => ({ entry, rank: ranks.get(entry.id)! }));
  placed.sort((a, b) => a.rank - b.rank || (ties?.(a.entry, b.entry) ?? 0));
  return placed.map((p) => p.entry);
}

/** A stable sort by a text key (code-unit order, as IndexedDB compares strings). */
function sortByText(
  entries: readonly BookEntry[],
  text: (entry: BookEntry) => string,
  ties?: (a: BookEntry, b: BookEntry) => number,
): BookEntry[] {
  return [...entries].sort((a, b) => {
    const x = text(a);
    const y = text(b);
    return x < y ? -1 : x > y ? 1 : (ties?.(a, b) ?? 0);
  });
}

/** Whether a view is every open case (or every case): no criterion but `includeFinished`. */
function everyCase(filter: CaseFilter): boolean {
  return Object.entries(filter).every(([key, value]) => key === 'includeFinished' || value === undefined);
}

/** The view's ids in a column's order, from the indexes. */
async function indexedOrder(
  ctx: QueueContext,
  filter: CaseFilter,
  column: Exclude<SortColumn, 'deadline' | 'sla'>,
  desc: boolean,
): Promise<string[]> {
  const { cases } = ctx.store.db;
  const opens: (0 | 1)[] = filter.includeFinished ? [1, 0] : [1];
  const ordered: string[] = [];
  for (const open of opens) {
    const ranges = columnRanges(column, ctx, open);
    const groups = await Promise.all(
      ranges.map(([index, lower, upper]) =>
        cases.where(index).between(lower, upper, true, true).primaryKeys(),
      ),
    );
    if (desc) {
      groups.reverse();
      if (groups.length === 1) groups[0]!.reverse();
    }
    ordered.push(...groups.flat());
  }
  // A view of every open (or every) case is what the ranges hold, when they cover every value of the column.
  if (everyCase(filter) && column !== 'owner' && column !== 'stage') return ordered;
  // Keep the view's cases; any the ranges missed (an owner who left the directory) come last in urgency order.
  const view = await caseIdsForView(ctx.store, filter);
  const inView = new Set(view);
  const result = ordered.filter((id) => inView.delete(id));
  if (inView.size > 0) for (const id of view) if (inView.has(id)) result.push(id);
  return result;
}

/** The ids of the cases the queue shows for this query, in order. */
export async function queueIds(ctx: QueueContext, query: QueueQuery): Promise<string[]> {
  const text = query.search.trim();
  if (text !== '' && ctx.search) return searchedIds(ctx, query, await ctx.search(text, SEARCH_LIMIT));
  return [...(await orderedIds(ctx, query))];
}

/**
 * The view's ids in the query's order, from the indexes (or as read a moment ago, if no case changed since): the
 * kept array itself, not to be changed.
 */
async function orderedIds(ctx: QueueContext, query: QueueQuery): Promise<readonly string[]> {
  const key = JSON.stringify([query.filter, query.sort]);
  const kept = ctx.orders?.get(key);
  if (kept !== undefined) return kept;
  const ids = await readOrder(ctx, query);
  ctx.orders?.set(key, ids);
  return ids;
}

async function readOrder(ctx: QueueContext, query: QueueQuery): Promise<string[]> {
  if (ctx.book) return bookOrder(ctx.book, ctx, query.filter, query.sort);
  const { column, desc } = query.sort;
  if (column === 'deadline' || column === 'sla') {
    const ids = await caseIdsForView(ctx.store, query.filter);
    return desc ? ids.reverse() : ids;
  }
  return indexedOrder(ctx, query.filter, column, desc);
}

/** Above this many hits, the view's ids in order (keys only) cost less than reading every hit's row. */
const HITS_READ_AS_ROWS = 100;

/**
 * A search's hits within the view: someone typing a reference wants that case, so reference matches lead and
 * the rest follow in the queue's order.
 */
async function searchedIds(
  ctx: QueueContext,
  query: QueueQuery,
  hits: readonly { id: string; byRef: boolean }[],
): Promise<string[]> {
  const byRef = hits.filter((hit) => hit.byRef).map((hit) => hit.id);
  if (hits.length > HITS_READ_AS_ROWS) {
    // One pass over the view's order (9,000 ids at 100,000 cases), looking each up among the hits.
    const ordered = await orderedIds(ctx, query);
    const found = new Set(hits.map((hit) => hit.id));
    const refs = new Set(byRef);
    const refsInView = new Set<string>();
    const rest: string[] = [];
    for (const id of ordered) {
      if (!found.has(id)) continue;
      if (refs.has(id)) refsInView.add(id);
      else rest.push(id);
    }
    return [...byRef.filter((id) => refsInView.has(id)), ...rest];
  }
  const { store } = ctx;
  const rows: (BookEntry | undefined)[] = ctx.book
    ? hits.map((hit) => ctx.book!.entries.get(hit.id))
    : await store.db.cases.bulkGet(hits.map((hit) => hit.id));
  const leading: string[] = [];
  const rest: Keyed[] = [];
  rows.forEach((row, i) => {
    if (!row || !matches(row, query.filter, store.actorId)) return;
    if (hits[i]!.byRef) leading.push(row.id);
    else rest.push(keyed(row, query.sort.column, ctx));
  });
  return [...leading, ...sortKeyed(rest, query.sort.desc)];
}

type CaseCollection = ReturnType<CaseStore['db']['cases']['toCollection']>;

/** An index range read as part of an order, backwards when `reverse`. */
interface Segment {
  collection: CaseCollection;
  reverse: boolean;
}

/**
 * The query's order as index ranges read one after the other (the same ranges, in the same order, as the whole
 * read above; urgency orders are the view's own ranges, `view`), or null when the ranges alone do not start the view's order (a column order of a narrowed view:
 * only the view's ids say which of the ranges' cases it holds).
 */
function segmentsFor(
  ctx: QueueContext,
  query: QueueQuery,
  view: ReturnType<typeof rangesFor>,
): Segment[] | null {
  const { column, desc } = query.sort;
  if (column === 'deadline' || column === 'sla') {
    const segments = view.map((r) => ({
      collection: r.collection,
      reverse: desc,
    }));
    return desc ? segments.reverse() : segments;
  }
  // Owner and stage ranges start the order too: cases they miss (an owner who left) only ever come last.
  if (!everyCase(query.filter)) return null;
  const { cases } = ctx.store.db;
  const opens: (0 | 1)[] = query.filter.includeFinished ? [1, 0] : [1];
  const segments: Segment[] = [];
  for (const open of opens) {
    const ranges: Segment[] = columnRanges(column, ctx, open).map(([index, lower, upper]) => ({
      collection: cases.where(index).between(lower, upper, true, true),
      reverse: false,
    }));
    if (desc) {
      ranges.reverse();
      if (ranges.length === 1) ranges[0]!.reverse = true;
    }
    segments.push(...ranges);
  }
  return segments;
}

async function readSegment(segment: Segment, offset: number, limit: number): Promise<string[]> {
  const collection = segment.collection.clone();
  return (await (segment.reverse ? collection.reverse() : collection)
    .offset(offset)
    .limit(limit)
    .primaryKeys()) as string[];
}

/** What the viewer may not see, to leave out of a window and its count. */
export interface HiddenCases {
  hidden: ReadonlySet<string>;
  hiddenCases: readonly CaseRow[];
}

export interface QueueWindow {
  /** The first ids of the query's order (as many as asked, or the whole view when it holds fewer). */
  ids: string[];
  /** How many cases the view holds that the viewer may see. */
  total: number;
}

/**
 * The start of the query's order and the view's count, read from the indexes without reading the whole view:
 * what the queue paints first. Null when only the whole read can say (a search, a narrowed view in a column
 * order, a view whose criteria the ranges do not cover).
 */
export async function queueWindow(
  ctx: QueueContext,
  query: QueueQuery,
  access: HiddenCases,
  limit: number,
  /** The view's count when it is known already (another order of the same view, no case changed since). */
  knownTotal?: number,
): Promise<QueueWindow | null> {
  if (query.search.trim() !== '') return null;
  const view = rangesFor(ctx.store, query.filter);
  const segments = segmentsFor(ctx, query, view);
  if (segments === null || !view.every((r) => r.exact)) return null;
  const [counts, firsts] = await Promise.all([
    knownTotal !== undefined ? null : Promise.all(view.map((r) => r.collection.clone().count())),
    // Every range's start at once: most ranges hold fewer than a screen, and requests in flight overlap.
    Promise.all(segments.map((segment) => readSegment(segment, 0, limit))),
  ]);
  const ids: string[] = [];
  for (let i = 0; i < segments.length && ids.length < limit; i++) {
    let keys = firsts[i]!;
    let offset = 0;
    for (;;) {
      for (const id of keys) if (ids.length < limit && !access.hidden.has(id)) ids.push(id);
      offset += keys.length;
      // A range cut short by the limit may hold more than the hidden cases took away.
      if (ids.length >= limit || keys.length < limit) break;
      keys = await readSegment(segments[i]!, offset, limit);
    }
  }
  if (counts === null) return { ids, total: knownTotal! };
  const hiddenInView = access.hiddenCases.filter((row) =>
    matches(row, query.filter, ctx.store.actorId),
  ).length;
  return { ids, total: counts.reduce((a, b) => a + b, 0) - hiddenInView };
}
