/**
 * Writing row changes into the store, whoever made them (a local mutation, its replay, a pull patch): every
 * case they touch gets its SLA summary and index fields from its whole timeline, settings are written before
 * the cases computed under them, and the changes of a pending mutation first save the confirmed rows they
 * replace (the shadow), so a pull can put those back.
 */

import type { Table } from 'dexie';
import type { Case, CaseEvent } from '../../shared/domain';
import {
  type RowChange,
  type SlaOf,
  sameRow,
  WRITABLE_TABLES,
  type WritableRows,
  type WritableTable,
} from '../../shared/sync';
import { putCases } from './put-cases';
import { type CaseRow, type DeskDb, fromCaseRow, type ShadowRow, toCaseRow } from './schema';
import { loadSlaOf } from './store';
import { timelineOf } from './timelines';

/** What a table holds as stored (cases carry their derived fields). */
export type StoredRow<T extends WritableTable> = T extends 'cases' ? CaseRow : WritableRows[T];

/** The changes for one table: the last change of an id wins. */
interface TableChanges<T extends WritableTable> {
  puts: Map<string, WritableRows[T]>;
  dels: Set<string>;
}
export type GroupedChanges = { [T in WritableTable]: TableChanges<T> };

export function groupChanges(changes: readonly RowChange[]): GroupedChanges {
  const grouped = Object.fromEntries(
    WRITABLE_TABLES.map((table) => [table, { puts: new Map(), dels: new Set() }]),
  ) as unknown as GroupedChanges;
  for (const change of changes) {
    // One table's entry; TS cannot tie the row's type to it through the union, the change says they match.
    const entry = grouped[change.table] as TableChanges<WritableTable>;
    if (change.op === 'del') {
      entry.puts.delete(change.id);
      entry.dels.add(change.id);
    } else {
      entry.dels.delete(change.row.id);
      entry.puts.set(change.row.id, change.row);
    }
  }
  return grouped;
}

/** A synced table of the store by name. */
export function syncedTable<T extends WritableTable>(db: DeskDb, table: T): Table<StoredRow<T>, string> {
  // DeskDb declares each table under its own name with its own row type.
  return db[table] as unknown as Table<StoredRow<T>, string>;
}

/** Every table a change, its replay or a pull may write, for one transaction over them all. */
export function storeTables(db: DeskDb): Table[] {
  return [...WRITABLE_TABLES.map((table) => db.table(table)), db.outbox, db.meta, db.shadow, db.syncProblems];
}

/**
 * The changes that would alter the store: a put of a row stored exactly so, or a del of a row that isn't
 * there, is left out. A mutation none of whose changes remain changed nothing.
 */
export async function effectiveChanges(db: DeskDb, changes: readonly RowChange[]): Promise<RowChange[]> {
  const grouped = groupChanges(changes);
  const stored = new Map<string, unknown>();
  await Promise.all(
    WRITABLE_TABLES.map(async (table) => {
      const { puts, dels } = grouped[table];
      const ids = [...puts.keys(), ...dels];
      if (ids.length === 0) return;
      const rows = await syncedTable(db, table).bulkGet(ids);
      ids.forEach((id, i) => {
        const row = rows[i];
        if (row !== undefined)
          stored.set(`${table}:${id}`, table === 'cases' ? fromCaseRow(row as CaseRow) : row);
      });
    }),
  );
  return changes.filter((change) => {
    const key = `${change.table}:${change.op === 'put' ? change.row.id : change.id}`;
    const before = stored.get(key);
    return change.op === 'del' ? before !== undefined : before === undefined || !sameRow(before, change.row);
  });
}

/**
 * While the first sync fills an empty store, the cases that have any events stored: a page's case with none
 * needs no timeline query (its events are the page's own), which is what keeps the first sync near the speed
 * of a plain bulk write. `cookie` is where the session stands; a store at another cookie has left it.
 */
export interface FirstSync {
  cookie: number;
  readonly eventCases: Set<string>;
}
const firstSyncs = new WeakMap<DeskDb, FirstSync>();

export function firstSyncOf(db: DeskDb): FirstSync | undefined {
  return firstSyncs.get(db);
}
export function setFirstSync(db: DeskDb, session: FirstSync | null): void {
  if (session === null) firstSyncs.delete(db);
  else firstSyncs.set(db, session);
}

export interface WriteOptions {
  now: Date;
  slaOf: SlaOf;
  /** The changes belong to a pending mutation: keep the confirmed rows they replace, once per row. */
  shadow: boolean;
  /** Cases to derive again though no change names them (their rows or events were put back from shadows). */
  alsoDerive?: Iterable<string>;
}

export interface Written {
  /** The cases as stored afterwards. */
  cases: CaseRow[];
  /** The SLA function for the policies and calendars written, when the changes touched them. */
  slaOf: SlaOf | null;
}

/** Applies the changes inside the caller's transaction (over `storeTables`). */
export async function write(
  db: DeskDb,
  changes: readonly RowChange[],
  options: WriteOptions,
): Promise<Written> {
  const grouped = groupChanges(changes);
  const eventDels = [...grouped.events.dels];
  const deletedEvents = eventDels.length > 0 ? await db.events.bulkGet(eventDels) : [];
  // Every case whose row or timeline changes gets its summary again (a patch may bring events alone).
  const touched = new Set<string>([...grouped.cases.puts.keys(), ...(options.alsoDerive ?? [])]);
  for (const event of grouped.events.puts.values()) touched.add(event.caseId);
  for (const event of deletedEvents) if (event !== undefined) touched.add(event.caseId);
  for (const id of grouped.cases.dels) touched.delete(id);

  if (options.shadow) await keepConfirmed(db, grouped, touched);

  let slaOf: SlaOf | null = null;
  if (touchesSettings(grouped)) {
    await Promise.all([writeTable(db, 'policies', grouped), writeTable(db, 'calendars', grouped)]);
    slaOf = await loadSlaOf(db);
  }
  const cases = await deriveCases(db, grouped, touched, slaOf ?? options.slaOf, options.now);
  await Promise.all([
    cases.length > 0 ? putCases(db, cases) : null,
    grouped.cases.dels.size > 0 ? db.cases.bulkDelete([...grouped.cases.dels]) : null,
    ...WRITABLE_TABLES.filter((t) => t !== 'cases' && t !== 'policies' && t !== 'calendars').map((table) =>
      writeTable(db, table, grouped),
    ),
  ]);
  const firstSync = firstSyncs.get(db);
  if (firstSync) for (const event of grouped.events.puts.values()) firstSync.eventCases.add(event.caseId);
  return { cases, slaOf };
}

function touchesSettings(grouped: GroupedChanges): boolean {
  const { policies, calendars } = grouped;
  return policies.puts.size + policies.dels.size + calendars.puts.size + calendars.dels.size > 0;
}

async function writeTable(db: DeskDb, table: WritableTable, grouped: GroupedChanges): Promise<void> {
  const { puts, dels } = grouped[table];
  const target = syncedTable(db, table) as Table<unknown, string>;
  await Promise.all([
    puts.size > 0 ? target.bulkPut([...puts.values()]) : null,
    dels.size > 0 ? target.bulkDelete([...dels]) : null,
  ]);
}

/** The cases' rows with their SLA summaries, from each one's stored timeline and the changes to it. */
async function deriveCases(
  db: DeskDb,
  grouped: GroupedChanges,
  touched: ReadonlySet<string>,
  slaOf: SlaOf,
  now: Date,
): Promise<CaseRow[]> {
  const putCases = grouped.cases.puts;
  const unchanged = [...touched].filter((id) => !putCases.has(id));
  const storedRows = unchanged.length > 0 ? await db.cases.bulkGet(unchanged) : [];
  const caseOf = new Map<string, Case>(putCases);
  storedRows.forEach((row) => {
    if (row !== undefined) caseOf.set(row.id, fromCaseRow(row));
  });
  const added = new Map<string, CaseEvent[]>();
  for (const event of grouped.events.puts.values()) {
    const list = added.get(event.caseId);
    if (list === undefined) added.set(event.caseId, [event]);
    else list.push(event);
  }
  const ids = [...touched].filter((id) => caseOf.has(id));
  const firstSync = firstSyncs.get(db);
  const stored = await Promise.all(
    ids.map((id) => (firstSync && !firstSync.eventCases.has(id) ? [] : timelineOf(db, id))),
  );
  const removed = grouped.events.dels;
  return ids.map((id, i) => {
    const kase = caseOf.get(id)!;
    const fresh = added.get(id) ?? [];
    const replaced = new Set(fresh.map((e) => e.id));
    const history = [...stored[i]!.filter((e) => !replaced.has(e.id) && !removed.has(e.id)), ...fresh];
    return toCaseRow(kase, slaOf(kase, history, now));
  });
}

/** Saves the stored rows the changes replace, for each row not already kept since the last pull. */
async function keepConfirmed(db: DeskDb, grouped: GroupedChanges, touchedCases: ReadonlySet<string>) {
  const wanted = WRITABLE_TABLES.map((table) => {
    const { puts, dels } = grouped[table];
    const ids = new Set([...puts.keys(), ...dels, ...(table === 'cases' ? touchedCases : [])]);
    return { table, ids: [...ids] };
  }).filter(({ ids }) => ids.length > 0);
  const keys = wanted.flatMap(({ table, ids }) => ids.map((id) => `${table}:${id}`));
  if (keys.length === 0) return;
  const kept = new Set((await db.shadow.bulkGet(keys)).flatMap((row) => (row ? [row.key] : [])));
  const shadows: ShadowRow[] = [];
  await Promise.all(
    wanted.map(async ({ table, ids }) => {
      const missing = ids.filter((id) => !kept.has(`${table}:${id}`));
      if (missing.length === 0) return;
      const rows = await syncedTable(db, table).bulkGet(missing);
      missing.forEach((id, i) => {
        // The row read from `table` is that table's stored row, as the shadow's `table` says.
        shadows.push({ key: `${table}:${id}`, table, id, row: rows[i] ?? null } as ShadowRow);
      });
    }),
  );
  if (shadows.length > 0) await db.shadow.bulkAdd(shadows);
}
