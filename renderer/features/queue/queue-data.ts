/**
 * Which cases a queue shows, in which order, as ids, read as keys from the store's indexes: the default order
 * (urgency) from the view's index ranges; kind, status, priority, level, stage and owner one range per value
 * (each already most urgent first); reference, subject and requester from their sort keys' indexes (`refSort`,
 * `subjectSort`, `requesterSort`). The view's own ids then say which of those it shows. A search narrows the
 * view to its hits: a few hits are ordered from their rows, many by the view's ids in order (keys, not rows).
 */
import Dexie from 'dexie';
import { CASE_KINDS, CASE_STATUSES, ESCALATION_LEVELS, PRIORITIES } from '../../../shared/domain';
import type { CaseFilter } from '../../../shared/sync';
import { caseIdsForView, matches } from '../../db/queries';
import { type CaseRow, sortKeyOf } from '../../db/schema';
import type { CaseStore } from '../../db/store';

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
}

/** How many search hits a queue narrows to (a search is for finding, not for working through thousands). */
export const SEARCH_LIMIT = 2000;
const LOW = Dexie.minKey;
const HIGH = Dexie.maxKey;

function keyOf(row: CaseRow, column: SortColumn, ctx: QueueContext): string | number {
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

function keyed(row: CaseRow, column: SortColumn, ctx: QueueContext): Keyed {
  return { id: row.id, key: keyOf(row, column, ctx), urgency: row.urgency };
}

type Range = [index: string, lower: unknown[], upper: unknown[]];

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
  const byValue = (index: string, values: readonly (string | number)[]): Range[] =>
    values.map((v) => [index, [open, v, LOW], [open, v, HIGH]]);
  const whole = (index: string): Range[] => [[index, [open, LOW], [open, HIGH]]];
  switch (column) {
    case 'ref':
      return whole('[open+refSort]');
    case 'subject':
      return whole('[open+subjectSort+urgency]');
    case 'requester':
      return whole('[open+requesterSort+urgency]');
    case 'kind':
      return byValue('[open+kind+urgency]', CASE_KINDS);
    case 'status':
      return byValue('[open+status+urgency]', CASE_STATUSES);
    case 'priority':
      return byValue('[open+priority+urgency]', PRIORITIES);
    case 'level':
      return byValue('[open+escalationLevel+urgency]', ESCALATION_LEVELS);
    case 'stage':
      return byValue('[open+stageKey+urgency]', [...ctx.stages, '']);
    case 'owner': {
      const people = ctx.people.map((p) => ({ id: p.id, key: sortKeyOf(p.name) }));
      people.sort((a, b) => compareKeys(a.key, b.key));
      return [...people.map((p) => p.id), ''].map((id) => [
        '[assigneeKey+open+urgency]',
        [id, open, LOW],
        [id, open, HIGH],
      ]);
    }
  }
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
  const everyCase = Object.entries(filter).every(
    ([key, value]) => key === 'includeFinished' || value === undefined,
  );
  if (everyCase && column !== 'owner' && column !== 'stage') return ordered;
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
  return orderedIds(ctx, query);
}

/** The view's ids in the query's order, from the indexes. */
async function orderedIds(ctx: QueueContext, query: QueueQuery): Promise<string[]> {
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
    const ordered = await orderedIds(ctx, query);
    const inView = new Set(ordered);
    const leading = new Set(byRef.filter((id) => inView.has(id)));
    const found = new Set(hits.map((hit) => hit.id));
    return [...leading, ...ordered.filter((id) => found.has(id) && !leading.has(id))];
  }
  const { store } = ctx;
  const rows = await store.db.cases.bulkGet(hits.map((hit) => hit.id));
  const leading: string[] = [];
  const rest: Keyed[] = [];
  rows.forEach((row, i) => {
    if (!row || !matches(row, query.filter, store.actorId)) return;
    if (hits[i]!.byRef) leading.push(row.id);
    else rest.push(keyed(row, query.sort.column, ctx));
  });
  return [...leading, ...sortKeyed(rest, query.sort.desc)];
}
