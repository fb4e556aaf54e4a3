/**
 * The synced rows in the database: one table `rows (tbl, id, data, version, case_id, ref_key)`, plus
 * `case_access`, the fields of each case that say who may see it.
 * Every change is stamped with the global version; a deleted row stays as a tombstone (data null) so pulls can
 * send `del`.
 */
import type { Mutation, RowChange } from '../../shared/sync';
import { refKey } from '../../shared/sync';
import type { Queryable } from '../db/port';
import { LOCK_FUNCTIONS, type LockScope, LockSet } from './locks';
import { CHANGES_CHANNEL, type ChangeNotice, noticePayload } from './notices';

/**
 * Takes the version counter for this transaction and returns its value. Every writer does this first, so
 * writers commit one after another in version order and a pull that has seen version N has seen every row ≤ N.
 */
export async function lockVersion(tx: Queryable): Promise<number> {
  const rows = await tx.query<{ version: number }>('select version from sync_version for update');
  return Number(rows[0]?.version ?? 0);
}

export async function setVersion(tx: Queryable, version: number): Promise<void> {
  await tx.query('update sync_version set version = $1', [version]);
}

export async function currentVersion(db: Queryable): Promise<number> {
  const rows = await db.query<{ version: number }>('select version from sync_version');
  return Number(rows[0]?.version ?? 0);
}

/** The case a row belongs to: cases themselves, events and outbound mail (null: the whole desk's). */
export function caseIdOf(change: RowChange): string | null {
  if (change.op === 'del') return change.table === 'cases' ? change.id : null;
  switch (change.table) {
    case 'cases':
      return change.row.id;
    case 'events':
      return change.row.caseId;
    case 'outboundMessages':
      return change.row.caseId;
    default:
      return null;
  }
}

export function rowIdOf(change: RowChange): string {
  return change.op === 'del' ? change.id : change.row.id;
}

/**
 * Writes the changes at `version`. `flippedCases` are the cases whose confidentiality changed (their
 * flip_version records when, so pulls can send or take back the whole case).
 */
export async function writeChanges(
  tx: Queryable,
  changes: readonly RowChange[],
  version: number,
  flippedCases: ReadonlySet<string> = new Set(),
): Promise<void> {
  // The last change of a row wins (an upsert can't touch one row twice in a statement).
  const byKey = new Map<string, RowChange>();
  for (const change of changes) byKey.set(`${change.table}\u0001${rowIdOf(change)}`, change);
  const entries = [...byKey.values()].map((change) => ({
    tbl: change.table,
    id: rowIdOf(change),
    ...(change.op === 'put' ? { data: change.row } : {}),
    caseId: caseIdOf(change),
    refKey: change.op === 'put' && change.table === 'cases' ? refKey(change.row.ref) : null,
  }));
  if (entries.length === 0) return;
  // json (not jsonb) keeps each row's text as written, so a pull sends it without re-encoding.
  await tx.query(
    `insert into rows (tbl, id, data, version, case_id, ref_key)
     select e->>'tbl', e->>'id', e->'data', $2::bigint, e->>'caseId', e->>'refKey'
       from json_array_elements($1::json) as e
     on conflict (tbl, id) do update set
       data = excluded.data,
       version = excluded.version,
       case_id = coalesce(excluded.case_id, rows.case_id),
       ref_key = coalesce(excluded.ref_key, rows.ref_key)`,
    [JSON.stringify(entries), version],
  );
  const cases = [...byKey.values()].filter((change) => change.table === 'cases');
  const access = cases.flatMap((change) =>
    change.op === 'put'
      ? [
          {
            caseId: change.row.id,
            confidential: change.row.confidential,
            assigneeId: change.row.assigneeId,
            ownerId: change.row.ownerId,
            policyId: change.row.policyId,
            kind: change.row.kind,
            flip: flippedCases.has(change.row.id) ? version : null,
          },
        ]
      : [],
  );
  const deleted = cases.flatMap((change) => (change.op === 'del' ? [change.id] : []));
  if (access.length > 0) {
    await tx.query(
      `insert into case_access (case_id, confidential, assignee_id, owner_id, policy_id, kind, flip_version)
       select e->>'caseId', (e->>'confidential')::boolean, e->>'assigneeId', e->>'ownerId', e->>'policyId',
              e->>'kind', (e->>'flip')::bigint
         from json_array_elements($1::json) as e
       on conflict (case_id) do update set
         confidential = excluded.confidential,
         assignee_id = excluded.assignee_id,
         owner_id = excluded.owner_id,
         policy_id = excluded.policy_id,
         kind = excluded.kind,
         flip_version = coalesce(excluded.flip_version, case_access.flip_version)`,
      [JSON.stringify(access)],
    );
  }
  if (deleted.length > 0)
    await tx.query('delete from case_access where case_id = any($1::text[])', [deleted]);
}

interface RowEntry {
  tbl: string;
  id: string;
  data?: unknown;
  caseId: string | null;
  refKey: string | null;
  /** The mutation's place among the batch's versions (1: the first new version). */
  n: number;
}

interface AccessEntry {
  caseId: string;
  confidential: boolean;
  assigneeId: string | null;
  ownerId: string | null;
  policyId: string | null;
  kind: string | null;
  /** The place of the version at which the case last changed confidentiality in this batch. */
  flip: number | null;
  /** The case was deleted earlier in this batch: its stored flip is gone too. */
  replace: boolean;
}

interface AuditEntry {
  clientId: string;
  mutationId: number;
  name: string;
  args: string;
  madeAt: string;
  result: 'applied' | 'rejected';
  error: string | null;
  changed: { table: string; id: string }[];
  n: number;
  caseIds: string[];
}

/**
 * Everything a push batch writes, gathered while its mutations are decided and written in one statement at
 * the end: each applied mutation's rows at its own new version, the cases' access fields, the clients' last
 * ids, an audit row per mutation and one notice of what changed.
 */
export class BatchWrites {
  /** The keys the writes need alone (see locks.ts). */
  readonly locks = new LockSet();
  private versions = 0;
  private readonly rows = new Map<string, RowEntry>();
  private readonly access = new Map<string, AccessEntry | null>();
  private readonly clients = new Map<string, number>();
  private readonly audits: AuditEntry[] = [];
  private notice: Omit<ChangeNotice, 'v'> | null = null;

  constructor(
    private readonly personId: string,
    private readonly clientGroupId: string,
    private readonly receivedAt: string,
  ) {}

  get isEmpty(): boolean {
    return this.audits.length === 0;
  }

  /** One applied mutation's changes, at the next version. */
  apply(
    changes: readonly RowChange[],
    caseOf: ReadonlyMap<RowChange, string | null>,
    flipped: ReadonlySet<string>,
    notice: Omit<ChangeNotice, 'v'>,
  ): void {
    const n = ++this.versions;
    for (const change of changes) {
      const id = rowIdOf(change);
      // The last change of a row wins (an upsert can't touch one row twice in a statement).
      this.rows.set(`${change.table}\u0001${id}`, {
        tbl: change.table,
        id,
        ...(change.op === 'put' ? { data: change.row } : {}),
        caseId: change.op === 'put' ? (caseOf.get(change) ?? null) : caseIdOf(change),
        refKey: change.op === 'put' && change.table === 'cases' ? refKey(change.row.ref) : null,
        n,
      });
      if (change.table !== 'cases') continue;
      const earlier = this.access.get(id);
      if (change.op === 'del') {
        this.access.set(id, null);
        continue;
      }
      const row = change.row;
      this.access.set(id, {
        caseId: id,
        confidential: row.confidential,
        assigneeId: row.assigneeId,
        ownerId: row.ownerId,
        policyId: row.policyId,
        kind: row.kind,
        flip: flipped.has(id) ? n : (earlier?.flip ?? null),
        replace: earlier === null || (earlier?.replace ?? false),
      });
    }
    this.notice = this.notice === null ? { ...notice } : mergeNotices(this.notice, notice);
  }

  /** The record of one processed mutation (applied or refused); its id becomes the client's last. */
  audit(
    mutation: Mutation,
    applied: { readonly changes: readonly RowChange[]; readonly caseIds: readonly string[] } | null,
    error: string | null,
  ): void {
    const caseIds = new Set(applied?.caseIds ?? []);
    const args = mutation.args as { caseId?: unknown } | null;
    if (typeof args === 'object' && args !== null && typeof args.caseId === 'string')
      caseIds.add(args.caseId);
    this.audits.push({
      clientId: mutation.clientId,
      mutationId: mutation.id,
      name: mutation.name,
      args: storableJson(mutation.args ?? null),
      madeAt: mutation.createdAt,
      result: applied === null ? 'rejected' : 'applied',
      error,
      changed: (applied?.changes ?? []).map((c) => ({ table: c.table, id: rowIdOf(c) })),
      // A refusal or a change of nothing is stamped with the version the desk is at.
      n: this.versions,
      caseIds: [...caseIds],
    });
    this.clients.set(mutation.clientId, mutation.id);
  }

  /**
   * Writes it all and notifies, in one statement that first tries the keys in `tryLocks` without waiting and
   * writes nothing when one is busy (returns false), then takes the version row (held until commit, so versions
   * commit in order). Every part reads the new version through a one-row subquery rather than a join, so the
   * planner's estimates stay small (a join with the UPDATE's output was costed high enough to be JIT-compiled,
   * 20 ms per push).
   */
  async commit(
    tx: Queryable,
    tryLocks: readonly string[],
    scope: LockScope = 'transaction',
  ): Promise<boolean> {
    const access = [...this.access.values()].filter((a): a is AccessEntry => a !== null);
    const deleted = [...this.access.entries()].filter(([, a]) => a === null).map(([caseId]) => caseId);
    let notice: string | null = null;
    if (this.notice !== null) {
      const payload = noticePayload({ v: 0, ...this.notice });
      notice = payload.slice('{"v":0'.length);
    }
    const [outcome] = await tx.query<{ stored: boolean }>(
      `with keys_free as (
         select coalesce(bool_and(${LOCK_FUNCTIONS[scope].tryExclusive}(hashtextextended(k, 0))), true) as ok
           from unnest($1::text[]) as k
       ), v as (
         update sync_version set version = version + $2::bigint where (select ok from keys_free)
         returning version - $2::bigint as base
       ), put_rows as (
         insert into rows (tbl, id, data, version, case_id, ref_key)
         select e->>'tbl', e->>'id', e->'data', (select base from v) + (e->>'n')::bigint, e->>'caseId',
                e->>'refKey'
           from json_array_elements($3::json) as e
          where exists (select 1 from v)
         on conflict (tbl, id) do update set
           data = excluded.data,
           version = excluded.version,
           case_id = coalesce(excluded.case_id, rows.case_id),
           ref_key = coalesce(excluded.ref_key, rows.ref_key)
       ), put_access as (
         insert into case_access (case_id, confidential, assignee_id, owner_id, policy_id, kind, flip_version)
         select e->>'caseId', (e->>'confidential')::boolean, e->>'assigneeId', e->>'ownerId', e->>'policyId',
                e->>'kind', (select base from v) + (e->>'flip')::bigint
           from json_array_elements($4::json) as e
          where not (e->>'replace')::boolean and exists (select 1 from v)
         on conflict (case_id) do update set
           confidential = excluded.confidential,
           assignee_id = excluded.assignee_id,
           owner_id = excluded.owner_id,
           policy_id = excluded.policy_id,
           kind = excluded.kind,
           flip_version = coalesce(excluded.flip_version, case_access.flip_version)
       ), reset_access as (
         insert into case_access (case_id, confidential, assignee_id, owner_id, policy_id, kind, flip_version)
         select e->>'caseId', (e->>'confidential')::boolean, e->>'assigneeId', e->>'ownerId', e->>'policyId',
                e->>'kind', (select base from v) + (e->>'flip')::bigint
           from json_array_elements($4::json) as e
          where (e->>'replace')::boolean and exists (select 1 from v)
         on conflict (case_id) do update set
           confidential = excluded.confidential,
           assignee_id = excluded.assignee_id,
           owner_id = excluded.owner_id,
           policy_id = excluded.policy_id,
           kind = excluded.kind,
           flip_version = excluded.flip_version
       ), drop_access as (
         delete from case_access where case_id = any($5::text[]) and exists (select 1 from v)
       ), move_clients as (
         update clients c set last_mutation_id = (e->>'last')::bigint
           from json_array_elements($6::json) as e
          where c.client_id = e->>'clientId' and exists (select 1 from v)
       ), audited as (
         insert into audit (person_id, client_group_id, client_id, mutation_id, name, args, made_at, received_at,
                            result, error, changed, version, case_ids)
         select $7, $8, e->>'clientId', (e->>'mutationId')::bigint, e->>'name', (e->>'args')::jsonb, e->>'madeAt',
                $9, e->>'result', e->>'error', (e->'changed')::jsonb, (select base from v) + (e->>'n')::bigint,
                array(select json_array_elements_text(e->'caseIds'))
           from json_array_elements($10::json) as e
          where exists (select 1 from v)
       ), poked as (
         select pg_notify($11, '{"v":' || (v.base + $2::bigint) || $12::text) from v where $12::text is not null
       )
       select (select ok from keys_free) as stored, (select count(*) from poked) as poked`,
      [
        tryLocks,
        this.versions,
        JSON.stringify([...this.rows.values()]),
        JSON.stringify(access),
        deleted,
        JSON.stringify([...this.clients].map(([clientId, last]) => ({ clientId, last }))),
        this.personId,
        this.clientGroupId,
        this.receivedAt,
        JSON.stringify(this.audits),
        CHANGES_CHANNEL,
        notice,
      ],
      { prepareAs: `desk-push-write-${scope}` },
    );
    return outcome?.stored === true;
  }
}

function mergeNotices(a: Omit<ChangeNotice, 'v'>, b: Omit<ChangeNotice, 'v'>): Omit<ChangeNotice, 'v'> {
  const merged: Omit<ChangeNotice, 'v'> = {};
  if (a.open || b.open) merged.open = true;
  if (a.directory || b.directory) merged.directory = true;
  const cases = new Set([...(a.cases ?? []), ...(b.cases ?? [])]);
  if (cases.size > 0) merged.cases = [...cases];
  const lost = new Set([...(a.lost ?? []), ...(b.lost ?? [])]);
  if (lost.size > 0) merged.lost = [...lost];
  return merged;
}

// jsonb can't hold NUL characters; the audit keeps what was sent with them shown as U+FFFD.
function storableJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('\\u0000', '\\ufffd');
}
