/**
 * The rows a batch of mutations reads, loaded in one query and then kept in memory: each mutation of the
 * batch reads them as the ones before it left them (their writes are applied here as they are made), so a
 * whole push request is decided before anything is written.
 */
import type { Case, CaseEvent, CaseKind } from '../../shared/domain';
import type {
  OutboundMessage,
  Person,
  ReadSet,
  RowChange,
  WritableRows,
  WritableTable,
} from '../../shared/sync';
import { refKey } from '../../shared/sync';
import type { Queryable } from '../db/port';
import { type CaseAccess, type CaseAccessRow, caseAccessColumns, toCaseAccess } from './access';
import { caseKey, clientKey, LockSet, POLICIES_KEY, refLockKey, rowKey } from './locks';

/** The rows a mutator is given for its ReadSet (before the caller's view is applied). */
export interface LoadedRows {
  cases: Case[];
  events: CaseEvent[];
  people: Person[];
  outboundMessages: OutboundMessage[];
  rowsById: { [T in WritableTable]?: WritableRows[T][] };
}

/**
 * Asked for while deciding a batch: rows or locks the batch did not plan for. The batch starts again with
 * them planned (and locked) from the beginning.
 */
export class NeedMore extends Error {
  readonly locks: LockSet;
  readonly rows: (readonly [WritableTable, string])[];

  constructor(locks: LockSet = new LockSet(), rows: readonly (readonly [WritableTable, string])[] = []) {
    super('the batch needs more rows');
    this.locks = locks;
    this.rows = [...rows];
  }

  merge(other: NeedMore): this {
    this.locks.addAll(other.locks);
    this.rows.push(...other.rows);
    return this;
  }
}

/**
 * `fn` of each item; every NeedMore among them is thrown as one at the end, so a round that has to go again
 * learns all it needs at once.
 */
export function gathering<T, R>(items: Iterable<T>, fn: (item: T) => R): R[] {
  const results: R[] = [];
  let more: NeedMore | null = null;
  for (const item of items) {
    try {
      results.push(fn(item));
    } catch (error) {
      if (!(error instanceof NeedMore)) throw error;
      more = more === null ? error : more.merge(error);
    }
  }
  if (more !== null) throw more;
  return results;
}

const rowMapKey = (table: string, id: string) => `${table}\u0001${id}`;

/** Everything a batch will read, and the keys that protect it. */
export class ReadPlan {
  readonly clientIds = new Set<string>();
  readonly rows = new Map<string, readonly [WritableTable, string]>();
  readonly families = new Set<string>();
  readonly refs = new Set<string>();
  readonly locks = new LockSet();

  addClient(clientId: string): void {
    this.clientIds.add(clientId);
    this.locks.add(clientKey(clientId), 'exclusive');
  }

  addRow(table: WritableTable, id: string, mode: 'shared' | 'exclusive' = 'exclusive'): void {
    this.rows.set(rowMapKey(table, id), [table, id]);
    this.locks.add(rowKey(table, id), mode);
  }

  addReads(reads: ReadSet): void {
    for (const id of reads.caseIds ?? []) this.addRow('cases', id);
    for (const ref of reads.caseRefs ?? []) {
      this.refs.add(refKey(ref));
      this.locks.add(refLockKey(ref), 'exclusive');
    }
    for (const id of reads.eventIds ?? []) this.addRow('events', id);
    for (const id of reads.eventsOfCases ?? []) {
      this.families.add(id);
      this.locks.add(caseKey(id), 'exclusive');
    }
    // Reading a person (an assignee, an owner) shares their key; writing them takes it alone.
    for (const id of reads.personIds ?? []) this.addRow('people', id, 'shared');
    for (const id of reads.outboundMessageIds ?? []) this.addRow('outboundMessages', id);
    for (const [table, ids] of Object.entries(reads.rowsById ?? {}) as [WritableTable, string[]][]) {
      for (const id of ids) this.addRow(table, id);
    }
  }

  /** Every mutator is given all policies. */
  addPolicies(): void {
    this.locks.add(POLICIES_KEY, 'shared');
  }

  addMore(more: {
    readonly locks: LockSet;
    readonly rows: Iterable<readonly [WritableTable, string]>;
  }): void {
    this.locks.addAll(more.locks);
    for (const [table, id] of more.rows) this.rows.set(rowMapKey(table, id), [table, id]);
  }
}

interface Held {
  readonly table: WritableTable;
  readonly id: string;
  /** null: no such row (never was, or deleted). */
  readonly row: Record<string, unknown> | null;
  readonly caseId: string | null;
  /** The stored version; rows written by this batch sort after every stored one, in the order written. */
  readonly version: number;
}

interface LoadedRow extends CaseAccessRow {
  src: 'client' | 'policies' | 'row' | 'family' | 'ref';
  tbl: string | null;
  id: string | null;
  data: Record<string, unknown> | null;
  version: number | string | null;
  case_id: string | null;
}

const PENDING = 2 ** 52;

export class WorkingSet {
  /** The last processed mutation id of each client of the batch. */
  readonly lastIds = new Map<string, number>();
  /** The highest version among the policies rows (the policy cache's check). */
  policiesVersion = 0;
  private readonly rows = new Map<string, Held>();
  private readonly families = new Set<string>();
  private readonly refs = new Set<string>();
  /** Access of cases known only through rows that belong to them (case_access, as stored). */
  private readonly joinedAccess = new Map<string, CaseAccess | null>();
  /** Rows loaded by family or reference, whose case keys must have been held while loading. */
  private readonly needCaseKeys = new Set<string>();
  private written = 0;

  static async load(tx: Queryable, plan: ReadPlan): Promise<WorkingSet> {
    const tables: string[] = [];
    const ids: string[] = [];
    for (const [table, id] of plan.rows.values()) {
      tables.push(table);
      ids.push(id);
    }
    const noAccess = 'null, false, null, null, null, null';
    const params: unknown[] = [[...plan.clientIds], tables, ids];
    // Only the parts this batch needs (most pushes read cases by id): each variant is prepared apart.
    const parts = [
      `select 'row' as src, r.tbl, r.id, r.data, r.version, r.case_id, ${caseAccessColumns('a')}
         from unnest($2::text[], $3::text[]) as k (tbl, id)
         join rows r on r.tbl = k.tbl and r.id = k.id
         left join case_access a on a.case_id = r.case_id
        where r.data is not null`,
      `select 'client', client_id, null, null, last_mutation_id, null, ${noAccess}
         from clients where client_id = any($1::text[])`,
      // The policies' highest version through their primary key (offset 0 keeps the planner from walking the
      // whole version index backwards to find it).
      `select 'policies', null, null, null, max(version), null, ${noAccess}
         from (select version from rows where tbl = 'policies' offset 0) as policies`,
    ];
    let variant = 'desk-push-load';
    if (plan.families.size > 0) {
      params.push([...plan.families]);
      parts.push(`select 'family', r.tbl, r.id, r.data, r.version, r.case_id, ${caseAccessColumns('a')}
         from rows r left join case_access a on a.case_id = r.case_id
        where r.case_id = any($${params.length}::text[]) and r.tbl = 'events' and r.data is not null`);
      variant += '-families';
    }
    if (plan.refs.size > 0) {
      params.push([...plan.refs]);
      parts.push(`select 'ref', r.tbl, r.id, r.data, r.version, r.case_id, ${caseAccessColumns('a')}
         from rows r left join case_access a on a.case_id = r.case_id
        where r.ref_key = any($${params.length}::text[]) and r.tbl = 'cases' and r.data is not null`);
      variant += '-refs';
    }
    const rows = await tx.query<LoadedRow>(parts.join('\n       union all\n       '), params, {
      prepareAs: variant,
    });
    const set = new WorkingSet();
    for (const [table, id] of plan.rows.values()) {
      set.rows.set(rowMapKey(table, id), { table, id, row: null, caseId: null, version: 0 });
    }
    for (const id of plan.families) set.families.add(id);
    for (const ref of plan.refs) set.refs.add(ref);
    for (const row of rows) {
      if (row.src === 'client') {
        set.lastIds.set(row.tbl ?? '', Number(row.version ?? 0));
        continue;
      }
      if (row.src === 'policies') {
        set.policiesVersion = Number(row.version ?? 0);
        continue;
      }
      const table = row.tbl as WritableTable;
      const id = row.id ?? '';
      set.rows.set(rowMapKey(table, id), {
        table,
        id,
        row: row.data,
        caseId: row.case_id,
        version: Number(row.version),
      });
      if (row.case_id !== null) {
        set.joinedAccess.set(row.case_id, toCaseAccess(row));
        if (row.src !== 'family') set.needCaseKeys.add(row.case_id);
      }
    }
    return set;
  }

  /**
   * The case keys this load depended on but did not hold (a case found by its reference, an event found by
   * id whose case was not planned): the batch must start again holding them.
   */
  unheldCaseKeys(locks: LockSet): LockSet {
    const missing = new LockSet();
    for (const caseId of this.needCaseKeys) {
      if (!locks.holds(caseKey(caseId), 'exclusive')) missing.add(caseKey(caseId), 'exclusive');
    }
    return missing;
  }

  /** The stored row (null when there is none); NeedMore when the batch did not load it. */
  get(table: WritableTable, id: string): Held {
    const held = this.rows.get(rowMapKey(table, id));
    if (held === undefined)
      throw new NeedMore(new LockSet().add(rowKey(table, id), 'exclusive'), [[table, id]]);
    return held;
  }

  has(table: WritableTable, id: string): boolean {
    return this.rows.has(rowMapKey(table, id));
  }

  person(id: string): Person | null {
    return (this.get('people', id).row as Person | null) ?? null;
  }

  /** Who may see a case now (null: no such case); NeedMore when the batch knows nothing of it. */
  caseAccess(caseId: string): CaseAccess | null {
    const held = this.rows.get(rowMapKey('cases', caseId));
    if (held !== undefined) return held.row === null ? null : accessOfCase(held.row as unknown as Case);
    const joined = this.joinedAccess.get(caseId);
    if (joined !== undefined) return joined;
    throw new NeedMore(new LockSet().add(caseKey(caseId), 'exclusive'), [['cases', caseId]]);
  }

  /** The rows a ReadSet names, as the database plus this batch's earlier writes hold them. */
  read(reads: ReadSet): LoadedRows {
    const present = <T>(table: WritableTable, ids: readonly string[] | undefined): T[] =>
      gathering(new Set(ids ?? []), (id) => this.get(table, id).row as T | null).filter(
        (row) => row !== null,
      );
    const cases = new Map<string, Case>();
    for (const c of present<Case>('cases', reads.caseIds)) cases.set(c.id, c);
    for (const ref of reads.caseRefs ?? []) {
      const wanted = refKey(ref);
      if (!this.refs.has(wanted)) throw new NeedMore(new LockSet().add(refLockKey(ref), 'exclusive'));
      for (const held of this.rows.values()) {
        if (held.table !== 'cases' || held.row === null) continue;
        const kase = held.row as unknown as Case;
        if (refKey(kase.ref) === wanted && !cases.has(kase.id)) cases.set(kase.id, kase);
      }
    }
    const events = new Map<string, CaseEvent>();
    for (const e of present<CaseEvent>('events', reads.eventIds)) events.set(e.id, e);
    if ((reads.eventsOfCases?.length ?? 0) > 0) {
      const wanted = new Set(reads.eventsOfCases);
      for (const caseId of wanted) {
        if (!this.families.has(caseId)) throw new NeedMore(new LockSet().add(caseKey(caseId), 'exclusive'));
      }
      const timeline = [...this.rows.values()]
        .filter((h) => h.table === 'events' && h.row !== null && h.caseId !== null && wanted.has(h.caseId))
        .sort((a, b) => a.version - b.version || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (const held of timeline) events.set(held.id, held.row as unknown as CaseEvent);
    }
    const rowsById: LoadedRows['rowsById'] = {};
    for (const [table, ids] of Object.entries(reads.rowsById ?? {}) as [WritableTable, string[]][]) {
      if (ids.length === 0) continue;
      Object.assign(rowsById, { [table]: present(table, ids) });
    }
    return {
      cases: [...cases.values()],
      events: [...events.values()],
      people: present<Person>('people', reads.personIds),
      outboundMessages: present<OutboundMessage>('outboundMessages', reads.outboundMessageIds),
      rowsById,
    };
  }

  /** The case a change belongs to (for a deleted event or message, the case its stored row names). */
  caseOf(change: RowChange): string | null {
    if (change.op === 'put') {
      if (change.table === 'cases') return change.row.id;
      if (change.table === 'events' || change.table === 'outboundMessages') return change.row.caseId;
      return null;
    }
    if (change.table === 'cases') return change.id;
    if (change.table === 'events' || change.table === 'outboundMessages')
      return this.get(change.table, change.id).caseId;
    return null;
  }

  /** Applies a mutation's changes, so the mutations after it in the batch read them. */
  apply(changes: readonly RowChange[]): void {
    this.written++;
    for (const change of changes) {
      const id = change.op === 'put' ? change.row.id : change.id;
      const caseId = this.caseOf(change);
      this.rows.set(rowMapKey(change.table, id), {
        table: change.table,
        id,
        row: change.op === 'put' ? (change.row as unknown as Record<string, unknown>) : null,
        caseId,
        version: PENDING + this.written,
      });
    }
  }
}

export function accessOfCase(kase: Case): CaseAccess {
  return {
    id: kase.id,
    confidential: kase.confidential,
    assigneeId: kase.assigneeId,
    ownerId: kase.ownerId,
    policyId: kase.policyId,
    kind: kase.kind as CaseKind,
  };
}
