import Dexie from 'dexie';
import type { CaseEvent } from '../../shared/domain';
import type { CaseFilter, OutboundMessage, SavedView } from '../../shared/sync';
import type { CaseRow, DeskDb } from './schema';
import type { CaseStore } from './store';

export interface Page {
  limit: number;
  offset?: number;
}

export interface CasePage {
  cases: CaseRow[];
  /** How many cases the view holds in all (for the grid's aria-rowcount and the scrollbar). */
  total: number;
}

type CaseCollection = ReturnType<DeskDb['cases']['toCollection']>;

const LOW = Dexie.minKey;
const HIGH = Dexie.maxKey;

/** The queue's default: open cases, most urgent first, straight from the [open+urgency] index. */
export function openCasesByUrgency(db: DeskDb, limit: number, offset = 0): Promise<CaseRow[]> {
  return db.cases.where('[open+urgency]').between([1, LOW], [1, HIGH]).offset(offset).limit(limit).toArray();
}

/**
 * One index range per view, already in urgency order: the most selective criterion picks the index, and the
 * others (if any) filter the range (`exact` false). Without `includeFinished` only open cases are read.
 */
export function rangesFor(
  store: CaseStore,
  filter: CaseFilter,
): { collection: CaseCollection; exact: boolean }[] {
  const { cases } = store.db;
  const opens: (0 | 1)[] = filter.includeFinished ? [1, 0] : [1];
  const assignee = filter.mine
    ? (store.actorId ?? '\u0000no one')
    : filter.unassigned
      ? ''
      : filter.assigneeId;
  const used = new Set<keyof CaseFilter>(['includeFinished']);
  const pick = (open: 0 | 1): CaseCollection => {
    if (assignee !== undefined) {
      used.add('mine').add('unassigned').add('assigneeId');
      return cases.where('[assigneeKey+open+urgency]').between([assignee, open, LOW], [assignee, open, HIGH]);
    }
    if (filter.teamId !== undefined) {
      used.add('teamId');
      return cases
        .where('[teamKey+open+urgency]')
        .between([filter.teamId, open, LOW], [filter.teamId, open, HIGH]);
    }
    const by = (
      key: keyof CaseFilter,
      index: string,
      value: string | number | undefined,
    ): CaseCollection | null => {
      if (value === undefined) return null;
      used.add(key);
      return cases.where(index).between([open, value, LOW], [open, value, HIGH]);
    };
    return (
      by('sla', '[open+slaState+urgency]', filter.sla) ??
      by('stage', '[open+stageKey+urgency]', filter.stage) ??
      by('level', '[open+escalationLevel+urgency]', filter.level) ??
      by('status', '[open+status+urgency]', filter.status) ??
      by('kind', '[open+kind+urgency]', filter.kind) ??
      cases.where('[open+urgency]').between([open, LOW], [open, HIGH])
    );
  };
  return opens.map((open) => {
    const collection = pick(open);
    const rest = (Object.keys(filter) as (keyof CaseFilter)[]).filter(
      (k) => !used.has(k) && filter[k] !== undefined,
    );
    if (rest.length === 0) return { collection, exact: true };
    return { collection: collection.and((row) => matches(row, filter, store.actorId)), exact: false };
  });
}

/** What a view's criteria read of a case. */
export type ViewFields = Pick<
  CaseRow,
  'open' | 'assigneeId' | 'teamId' | 'slaState' | 'kind' | 'status' | 'stage' | 'escalationLevel'
>;

/** Whether a case belongs in a view (the in-memory twin of the index ranges, for the criteria they don't cover). */
export function matches(row: ViewFields, filter: CaseFilter, actorId: string | null): boolean {
  if (!filter.includeFinished && row.open !== 1) return false;
  if (filter.mine && (actorId === null || row.assigneeId !== actorId)) return false;
  if (filter.unassigned && row.assigneeId !== null) return false;
  if (filter.assigneeId !== undefined && row.assigneeId !== filter.assigneeId) return false;
  if (filter.teamId !== undefined && row.teamId !== filter.teamId) return false;
  if (filter.sla !== undefined && row.slaState !== filter.sla) return false;
  if (filter.kind !== undefined && row.kind !== filter.kind) return false;
  if (filter.status !== undefined && row.status !== filter.status) return false;
  if (filter.stage !== undefined && row.stage !== filter.stage) return false;
  if (filter.level !== undefined && row.escalationLevel !== filter.level) return false;
  return true;
}

/** A page of a queue view (mine, unassigned, team, breached, at risk, paused, kind, status, stage, level). */
export async function casesForView(store: CaseStore, filter: CaseFilter, page: Page): Promise<CasePage> {
  const ranges = rangesFor(store, filter);
  const counts = await Promise.all(ranges.map((r) => r.collection.clone().count()));
  const total = counts.reduce((a, b) => a + b, 0);
  const cases: CaseRow[] = [];
  let skip = page.offset ?? 0;
  for (let i = 0; i < ranges.length && cases.length < page.limit; i++) {
    const count = counts[i]!;
    if (skip >= count) {
      skip -= count;
      continue;
    }
    const rows = await ranges[i]!.collection.clone()
      .offset(skip)
      .limit(page.limit - cases.length)
      .toArray();
    cases.push(...rows);
    skip = 0;
  }
  return { cases, total };
}

/**
 * Every case id of a view, in urgency order (open cases first), read as keys from the view's index ranges: the
 * queue holds the ids of a whole view and reads the rows it shows by id.
 */
export async function caseIdsForView(store: CaseStore, filter: CaseFilter): Promise<string[]> {
  const ranges = rangesFor(store, filter);
  const keys = await Promise.all(ranges.map((r) => r.collection.clone().primaryKeys()));
  return keys.flat();
}

/** How many cases each saved view holds, for the sidebar. Single-criterion views are counted on their index. */
export async function countsForViews(
  store: CaseStore,
  views: readonly SavedView[],
  options: {
    /** Awaited before each view's count (the queue lets a search go first). */
    beforeEach?: () => Promise<void>;
    /** Counts one view (default: its index ranges' counts). */
    count?: (view: SavedView) => Promise<number>;
  } = {},
): Promise<Record<string, number>> {
  const count =
    options.count ??
    (async (view: SavedView) => {
      const counts = await Promise.all(rangesFor(store, view.filter).map((r) => r.collection.count()));
      return counts.reduce((a, b) => a + b, 0);
    });
  const counted: Record<string, number> = {};
  // One view after another: IndexedDB answers one request at a time anyway, and a read someone is waiting for
  // then waits for one view's count, not all of them.
  for (const view of views) {
    await options.beforeEach?.();
    counted[view.id] = await count(view);
  }
  return counted;
}

/** The views in sidebar order: everyone's, and this person's own. */
export async function savedViewsFor(store: CaseStore): Promise<SavedView[]> {
  const views = await store.db.savedViews.orderBy('order').toArray();
  return views.filter((v) => v.ownerId === null || v.ownerId === store.actorId);
}

export interface CaseWithTimeline {
  case: CaseRow;
  /** Oldest first. */
  events: CaseEvent[];
  outboundMessages: OutboundMessage[];
  /** Cases this one links to or is linked from (its original ticket, its escalations…). */
  linked: CaseRow[];
}

/** Everything the case view shows, read in one transaction so the pieces agree. */
export async function caseWithTimeline(db: DeskDb, id: string): Promise<CaseWithTimeline | null> {
  return db.transaction('r', [db.cases, db.events, db.outboundMessages], async () => {
    const row = await db.cases.get(id);
    if (row === undefined) return null;
    const [events, outboundMessages, escalations] = await Promise.all([
      db.events.where('[caseId+at]').between([id, LOW], [id, HIGH]).toArray(),
      db.outboundMessages.where('caseId').equals(id).toArray(),
      db.cases.where('originalCaseId').equals(id).toArray(),
    ]);
    const linkedIds = new Set<string>(escalations.map((c) => c.id));
    for (const event of events) if (event.type === 'linked') linkedIds.add(event.otherCaseId);
    if (row.originalCaseId !== null) linkedIds.add(row.originalCaseId);
    linkedIds.delete(id);
    const linked = (await db.cases.bulkGet([...linkedIds])).filter((c) => c !== undefined);
    return { case: row, events, outboundMessages, linked };
  });
}
