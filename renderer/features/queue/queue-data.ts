/**
 * Which cases a queue shows, in which order, as ids. The default order (urgency) comes straight from the view's
 * index ranges as keys; another column's order reads the view's rows in chunks to build sort keys and lets the
 * rows go again, so even a 200,000-case view never sits in memory whole. A search narrows the view to the
 * cases the search index finds.
 */
import { CASE_KINDS, CASE_STATUSES, type Priority } from '../../../shared/domain';
import type { CaseFilter } from '../../../shared/sync';
import { type CaseRow, type CaseStore, caseIdsForView, matches } from '../../db';

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
  /** A person's name for sorting by owner. */
  nameOf: (personId: string) => string;
  /** Full-text search: matching cases, best first; `byRef` when the text is (the start of) their reference. */
  search?: (text: string, limit: number) => Promise<readonly { id: string; byRef: boolean }[]>;
}

/** How many search hits a queue narrows to (a search is for finding, not for working through thousands). */
export const SEARCH_LIMIT = 2000;
const CHUNK = 5000;

const PRIORITY_RANK: Readonly<Record<Priority, number>> = { low: 0, normal: 1, high: 2, urgent: 3 };
const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

/** Sort by urgency (the index order) unless another column is chosen. */
function usesUrgency(column: SortColumn): boolean {
  return column === 'deadline' || column === 'sla';
}

function keyOf(row: CaseRow, column: SortColumn, nameOf: (id: string) => string): string | number {
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
      // Unassigned cases after everyone's, in either direction's first page.
      return row.assigneeId === null ? '\uffff' : nameOf(row.assigneeId);
    case 'level':
      return row.escalationLevel;
    case 'stage':
      return row.stage ?? '\uffff';
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

async function keyedInChunks(
  ctx: QueueContext,
  ids: readonly string[],
  column: SortColumn,
): Promise<Keyed[]> {
  const keyed: Keyed[] = [];
  for (let from = 0; from < ids.length; from += CHUNK) {
    const rows = await ctx.store.db.cases.bulkGet(ids.slice(from, from + CHUNK));
    for (const row of rows) {
      if (row) keyed.push({ id: row.id, key: keyOf(row, column, ctx.nameOf), urgency: row.urgency });
    }
  }
  return keyed;
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
    const keyed: Keyed[] = [];
    rows.forEach((row, i) => {
      if (!row || !matches(row, query.filter, store.actorId)) return;
      if (hits[i]!.byRef) byRef.push(row.id);
      else keyed.push({ id: row.id, key: keyOf(row, column, ctx.nameOf), urgency: row.urgency });
    });
    return [...byRef, ...sortKeyed(keyed, desc)];
  }
  const ids = await caseIdsForView(store, query.filter);
  if (usesUrgency(column)) return desc ? ids.reverse() : ids;
  return sortKeyed(await keyedInChunks(ctx, ids, column), desc);
}
