/**
 * The synced rows in the database: one table `rows (tbl, id, data, version, case_id, ref_key)`, plus
 * `case_access`, the fields of each case that say who may see it.
 * Every change is stamped with the global version; a deleted row stays as a tombstone (data null) so pulls can
 * send `del`.
 */
import type { Case, CaseEvent } from '../../shared/domain';
import type { OutboundMessage, Person, RowChange, WritableRows, WritableTable } from '../../shared/sync';
import { refKey } from '../../shared/sync';
import type { ReadSet } from '../../shared/sync/define';
import type { Queryable } from '../db/port';

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

/** The rows a ReadSet names, straight from the database (visibility is filtered by the caller). */
export interface LoadedRows {
  cases: Case[];
  events: CaseEvent[];
  people: Person[];
  outboundMessages: OutboundMessage[];
  rowsById: { [T in WritableTable]?: WritableRows[T][] };
}

export async function loadReadSet(tx: Queryable, reads: ReadSet): Promise<LoadedRows> {
  const pick = async <T>(sql: string, params: unknown[]): Promise<T[]> =>
    (await tx.query<{ data: T }>(sql, params)).map((r) => r.data);
  const live = 'data is not null';
  const cases = new Map<string, Case>();
  if ((reads.caseIds?.length ?? 0) > 0) {
    for (const c of await pick<Case>(
      `select data from rows where tbl = 'cases' and id = any($1::text[]) and ${live}`,
      [reads.caseIds],
    ))
      cases.set(c.id, c);
  }
  if ((reads.caseRefs?.length ?? 0) > 0) {
    const keys = reads.caseRefs?.map(refKey) ?? [];
    for (const c of await pick<Case>(
      `select data from rows where ref_key = any($1::text[]) and tbl = 'cases' and ${live}`,
      [keys],
    ))
      cases.set(c.id, c);
  }
  const events = new Map<string, CaseEvent>();
  if ((reads.eventIds?.length ?? 0) > 0) {
    for (const e of await pick<CaseEvent>(
      `select data from rows where tbl = 'events' and id = any($1::text[]) and ${live}`,
      [reads.eventIds],
    ))
      events.set(e.id, e);
  }
  if ((reads.eventsOfCases?.length ?? 0) > 0) {
    for (const e of await pick<CaseEvent>(
      `select data from rows where case_id = any($1::text[]) and tbl = 'events' and ${live} order by version, id`,
      [reads.eventsOfCases],
    ))
      events.set(e.id, e);
  }
  const people =
    (reads.personIds?.length ?? 0) > 0
      ? await pick<Person>(
          `select data from rows where tbl = 'people' and id = any($1::text[]) and ${live}`,
          [reads.personIds],
        )
      : [];
  const outboundMessages =
    (reads.outboundMessageIds?.length ?? 0) > 0
      ? await pick<OutboundMessage>(
          `select data from rows where tbl = 'outboundMessages' and id = any($1::text[]) and ${live}`,
          [reads.outboundMessageIds],
        )
      : [];
  const rowsById: LoadedRows['rowsById'] = {};
  for (const [table, ids] of Object.entries(reads.rowsById ?? {}) as [WritableTable, string[]][]) {
    if (ids.length === 0) continue;
    const found = await pick<never>(
      `select data from rows where tbl = $1 and id = any($2::text[]) and ${live}`,
      [table, ids],
    );
    Object.assign(rowsById, { [table]: found });
  }
  return { cases: [...cases.values()], events: [...events.values()], people, outboundMessages, rowsById };
}
