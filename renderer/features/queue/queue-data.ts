/**
 * Which cases a queue shows, in which order, as ids. The default order (urgency) comes straight from the view's
 * index ranges as keys. Kind, status, level, stage and owner come from the store's compound indexes too, one
 * range per value (each already most urgent first); the reference from its index. Only the columns without an
 * index (subject, requester, priority) read the view's rows, in chunks, to build sort keys and let the rows go,
 * so even a 200,000-case view never sits in memory whole. A search narrows the view to the cases the search
 * index finds.
 */
import Dexie from 'dexie';
import { CASE_KINDS, CASE_STATUSES, ESCALATION_LEVELS, type Priority } from '../../../shared/domain';
import type { CaseFilter } from '../../../shared/sync';
import { caseIdsForView, matches } from '../../db/queries';
import type { CaseRow } from '../../db/schema';
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
const CHUNK = 5000;
const LOW = Dexie.minKey;
const HIGH = Dexie.maxKey;

const PRIORITY_RANK: Readonly<Record<Priority, number>> = { low: 0, normal: 1, high: 2, urgent: 3 };
const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

function keyOf(row: CaseRow, column: SortColumn, ctx: QueueContext): string | number {
  switch (column) {
    case 'ref':
      return row.ref;
    case 'subject':
      return row.subject;
    case 'requester':
      return row.requester.name;
    case 'kind':
      return CASE_KINDS.indexOf(row.kind);
    case 'status':
      return CASE_STATUSES.indexOf(row.status);
    case 'priority':
      return PRIORITY_RANK[row.priority];
    case 'owner':
      // Unassigned cases after everyone's.
      return row.assigneeId === null
        ? '\uffff'
        : (ctx.people.find((p) => p.id === row.assigneeId)?.name ?? row.assigneeId);
    case 'level':
      return row.escalationLevel;
    case 'stage':
      return row.stage === null ? Number.MAX_SAFE_INTEGER : ctx.stages.indexOf(row.stage);
    case 'deadline':
    case 'sla':
      return row.urgency;
  }
}

function compareKeys(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
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

async function keyedInChunks(
  ctx: QueueContext,
  ids: readonly string[],
  column: SortColumn,
): Promise<Keyed[]> {
  const result: Keyed[] = [];
  for (let from = 0; from < ids.length; from += CHUNK) {
    const rows = await ctx.store.db.cases.bulkGet(ids.slice(from, from + CHUNK));
    for (const row of rows) if (row) result.push(keyed(row, column, ctx));
  }
  return result;
}

type Range = [index: string, lower: unknown[], upper: unknown[]];

/**
 * The index ranges that list a column's groups in ascending order, for open (1) or finished (0) cases; each
 * range is already most urgent first. Null for columns without an index.
 */
function groupRanges(column: SortColumn, ctx: QueueContext, open: 0 | 1): Range[] | null {
  const byValue = (index: string, values: readonly (string | number)[]): Range[] =>
    values.map((v) => [index, [open, v, LOW], [open, v, HIGH]]);
  switch (column) {
    case 'kind':
      return byValue('[open+kind+urgency]', CASE_KINDS);
    case 'status':
      return byValue('[open+status+urgency]', CASE_STATUSES);
    case 'level':
      return byValue('[open+escalationLevel+urgency]', ESCALATION_LEVELS);
    case 'stage':
      return byValue('[open+stageKey+urgency]', [...ctx.stages, '']);
    case 'owner': {
      const people = [...ctx.people].sort((a, b) => collator.compare(a.name, b.name));
      return [...people.map((p) => p.id), ''].map((id) => [
        '[assigneeKey+open+urgency]',
        [id, open, LOW],
        [id, open, HIGH],
      ]);
    }
    default:
      return null;
  }
}

/** The view's ids in a column's order from the indexes, or null when the column has none. */
async function indexedOrder(
  ctx: QueueContext,
  filter: CaseFilter,
  sort: QueueSort,
): Promise<string[] | null> {
  const { cases } = ctx.store.db;
  const opens: (0 | 1)[] = filter.includeFinished ? [1, 0] : [1];
  let ordered: string[];
  if (sort.column === 'ref') {
    ordered = await cases.orderBy('refKey').primaryKeys();
    if (sort.desc) ordered.reverse();
  } else {
    if (groupRanges(sort.column, ctx, 1) === null) return null;
    ordered = [];
    for (const open of opens) {
      const ranges = groupRanges(sort.column, ctx, open) ?? [];
      const groups = await Promise.all(
        ranges.map(([index, lower, upper]) =>
          cases.where(index).between(lower, upper, true, true).primaryKeys(),
        ),
      );
      if (sort.desc) groups.reverse();
      ordered.push(...groups.flat());
    }
  }
  // Keep the view's cases; any the ranges missed (an owner who left the directory) come last in urgency order.
  const view = await caseIdsForView(ctx.store, filter);
  const inView = new Set(view);
  const result = ordered.filter((id) => inView.delete(id));
  if (inView.size > 0) for (const id of view) if (inView.has(id)) result.push(id);
  return result;
}

/** The ids of the cases the queue shows for this query, in order. */
export async function queueIds(ctx: QueueContext, query: QueueQuery): Promise<string[]> {
  const { store } = ctx;
  const { column, desc } = query.sort;
  const text = query.search.trim();
  if (text !== '' && ctx.search) {
    const hits = await ctx.search(text, SEARCH_LIMIT);
    const rows = await store.db.cases.bulkGet(hits.map((hit) => hit.id));
    // Someone typing a reference wants that case: reference matches lead, the rest follow in the queue's order.
    const byRef: string[] = [];
    const rest: Keyed[] = [];
    rows.forEach((row, i) => {
      if (!row || !matches(row, query.filter, store.actorId)) return;
      if (hits[i]!.byRef) byRef.push(row.id);
      else rest.push(keyed(row, column, ctx));
    });
    return [...byRef, ...sortKeyed(rest, desc)];
  }
  if (column === 'deadline' || column === 'sla') {
    const ids = await caseIdsForView(store, query.filter);
    return desc ? ids.reverse() : ids;
  }
  const indexed = await indexedOrder(ctx, query.filter, query.sort);
  if (indexed !== null) return indexed;
  const ids = await caseIdsForView(store, query.filter);
  return sortKeyed(await keyedInChunks(ctx, ids, column), desc);
}
