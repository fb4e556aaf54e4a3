/**
 * `POST /v1/push`: each mutation in its own transaction, in order. Duplicates change nothing, a gap stops the
 * push (409), refusals are recorded and still move the client's id on, and everything else runs the shared
 * mutator authoritatively on the server's rows with the caller as actor.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Policy } from '../../shared/policies';
import {
  contextFor,
  isMutatorName,
  MAX_CLOCK_AHEAD_MS,
  type Mutation,
  MutationError,
  type Person,
  type PushRequest,
  type PushResult,
  prepareMutation,
  ROW_SCHEMAS,
  type RowChange,
} from '../../shared/sync';
import type { MutationRows } from '../../shared/sync/define';
import type { Db, Queryable } from '../db/port';
import { HttpError } from '../http/errors';
import { type CaseAccess, loadCaseAccess, loadPerson, loadPolicies, maySee } from './access';
import { CHANGES_CHANNEL, type ChangeNotice, noticePayload } from './notices';
import { caseIdOf, loadReadSet, lockVersion, rowIdOf, setVersion, writeChanges } from './store';

export interface PushDeps {
  readonly db: Db;
  readonly now: () => Date;
  readonly log: FastifyBaseLogger;
}

export type PushOutcome =
  | { readonly kind: 'ok'; readonly results: PushResult[] }
  | { readonly kind: 'gap'; readonly clientId: string; readonly expectedId: number };

export async function push(deps: PushDeps, callerId: string, request: PushRequest): Promise<PushOutcome> {
  // Every envelope is checked before anything runs: an unknown name refuses the whole request.
  for (const mutation of request.mutations) {
    if (!isMutatorName(mutation.name)) {
      throw new HttpError(
        400,
        `mutations: Desk doesn't know how to "${mutation.name}" (mutation ${mutation.id} of client ${mutation.clientId}): update the app, then try again.`,
      );
    }
  }
  await claimClients(deps.db, callerId, request);
  const results: PushResult[] = [];
  for (const mutation of request.mutations) {
    const outcome = await processMutation(deps, callerId, request.clientGroupId, mutation);
    if (outcome.kind === 'gap')
      return { kind: 'gap', clientId: mutation.clientId, expectedId: outcome.expectedId };
    results.push(outcome.result);
  }
  return { kind: 'ok', results };
}

/** The group and each client id belong to the first person who used them; anyone else is refused. */
async function claimClients(db: Db, callerId: string, request: PushRequest): Promise<void> {
  await db.transaction(async (tx) => {
    await claimGroup(tx, callerId, request.clientGroupId);
    for (const clientId of new Set(request.mutations.map((m) => m.clientId))) {
      await tx.query(
        `insert into clients (client_id, client_group_id, person_id) values ($1, $2, $3)
         on conflict (client_id) do nothing`,
        [clientId, request.clientGroupId, callerId],
      );
      const [owner] = await tx.query<{ person_id: string; client_group_id: string }>(
        'select person_id, client_group_id from clients where client_id = $1',
        [clientId],
      );
      if (owner?.person_id !== callerId) {
        throw new HttpError(
          403,
          `The device id ${clientId} belongs to another person's sign-in: sign in as yourself on a fresh copy of the app's data.`,
        );
      }
      if (owner.client_group_id !== request.clientGroupId) {
        throw new HttpError(
          403,
          `The device id ${clientId} belongs to another of your stores, not ${request.clientGroupId}: push it with its own store.`,
        );
      }
    }
  });
}

/** Records the client group as the caller's, or refuses another person's. */
export async function claimGroup(tx: Queryable, callerId: string, clientGroupId: string): Promise<void> {
  await tx.query(
    `insert into client_groups (client_group_id, person_id) values ($1, $2) on conflict (client_group_id) do nothing`,
    [clientGroupId, callerId],
  );
  const [group] = await tx.query<{ person_id: string }>(
    'select person_id from client_groups where client_group_id = $1 for update',
    [clientGroupId],
  );
  if (group?.person_id !== callerId) {
    throw new HttpError(
      403,
      `The store ${clientGroupId} belongs to another person's sign-in: sign in as yourself on a fresh copy of the app's data.`,
    );
  }
}

type Processed =
  | { readonly kind: 'done'; readonly result: PushResult }
  | { readonly kind: 'gap'; readonly expectedId: number };

type Decision =
  | {
      readonly status: 'applied';
      readonly changes: RowChange[];
      readonly caseIds: string[];
      readonly notice: Omit<ChangeNotice, 'v'> | null;
      readonly flipped: Set<string>;
    }
  | { readonly status: 'rejected'; readonly error: string };

async function processMutation(
  deps: PushDeps,
  callerId: string,
  clientGroupId: string,
  mutation: Mutation,
): Promise<Processed> {
  const receivedAt = deps.now().toISOString();
  try {
    return await deps.db.transaction((tx) =>
      runInTransaction(deps, tx, callerId, clientGroupId, mutation, receivedAt, null),
    );
  } catch (error) {
    if (error instanceof HttpError) throw error;
    // The database refused what the mutator wrote: record a refusal so the client's queue moves on.
    deps.log.error(
      { err: error, clientId: mutation.clientId, mutationId: mutation.id, name: mutation.name },
      'mutation failed to store',
    );
    return deps.db.transaction((tx) =>
      runInTransaction(deps, tx, callerId, clientGroupId, mutation, receivedAt, GENERIC_FAILURE),
    );
  }
}

const GENERIC_FAILURE =
  "The desk server couldn't carry out this change: discard it, or tell your desk's administrator if it keeps happening.";

async function runInTransaction(
  deps: PushDeps,
  tx: Queryable,
  callerId: string,
  clientGroupId: string,
  mutation: Mutation,
  receivedAt: string,
  forcedError: string | null,
): Promise<Processed> {
  const version = await lockVersion(tx);
  const [client] = await tx.query<{ last_mutation_id: number }>(
    'select last_mutation_id from clients where client_id = $1 for update',
    [mutation.clientId],
  );
  const last = Number(client?.last_mutation_id ?? 0);
  const result = { clientId: mutation.clientId, id: mutation.id };
  if (mutation.id <= last) return { kind: 'done', result: { ...result, status: 'duplicate' } };
  if (mutation.id > last + 1) return { kind: 'gap', expectedId: last + 1 };

  const decision: Decision =
    forcedError === null
      ? await decide(deps, tx, callerId, mutation, receivedAt)
      : { status: 'rejected', error: forcedError };
  let stampedVersion = version;
  if (decision.status === 'applied' && decision.changes.length > 0) {
    stampedVersion = version + 1;
    await writeChanges(tx, decision.changes, stampedVersion, decision.flipped);
    await setVersion(tx, stampedVersion);
    if (decision.notice !== null) {
      await tx.query('select pg_notify($1, $2)', [
        CHANGES_CHANNEL,
        noticePayload({ v: stampedVersion, ...decision.notice }),
      ]);
    }
  }
  await tx.query('update clients set last_mutation_id = $2 where client_id = $1', [
    mutation.clientId,
    mutation.id,
  ]);
  await recordAudit(tx, {
    personId: callerId,
    clientGroupId,
    mutation,
    receivedAt,
    decision,
    version: stampedVersion,
  });
  if (decision.status === 'rejected') {
    return { kind: 'done', result: { ...result, status: 'rejected', error: decision.error } };
  }
  return { kind: 'done', result: { ...result, status: 'applied' } };
}

async function decide(
  deps: PushDeps,
  tx: Queryable,
  callerId: string,
  mutation: Mutation,
  receivedAt: string,
): Promise<Decision> {
  const ahead = Date.parse(mutation.createdAt) - Date.parse(receivedAt);
  if (ahead > MAX_CLOCK_AHEAD_MS) {
    const minutes = Math.round(ahead / 60_000);
    return {
      status: 'rejected',
      error: `Your computer's clock is ahead of the desk server's by ${minutes} minute${minutes === 1 ? '' : 's'}: correct it, then try again.`,
    };
  }
  if (mutation.actorId != null && mutation.actorId !== callerId) {
    return {
      status: 'rejected',
      error:
        'This change was made by someone else on this device: they need to sign in to send it, or discard it.',
    };
  }
  try {
    const prepared = prepareMutation(mutation.name, mutation.args);
    const actor = await loadPerson(tx, callerId);
    // Mutators read a null actor as a standalone desk that may do anything: never so on a server.
    if (actor === null)
      return { status: 'rejected', error: 'Your account is not in the desk directory: sign in again.' };
    const policies = await loadPolicies(tx);
    const rows = await visibleRows(tx, await loadReadSet(tx, prepared.reads), actor, policies);
    const changes = checkedChanges(
      prepared.run({ ...rows, policies, actor }, contextFor(mutation, callerId)),
    );
    return await admitChanges(tx, changes, actor, policies);
  } catch (error) {
    if (error instanceof MutationError) return { status: 'rejected', error: error.message };
    deps.log.error(
      { err: error, clientId: mutation.clientId, mutationId: mutation.id, name: mutation.name },
      'mutator failed',
    );
    return { status: 'rejected', error: GENERIC_FAILURE };
  }
}

/** The rows with every case the caller may not see taken out, with its events and mail: as if it did not exist. */
async function visibleRows(
  tx: Queryable,
  loaded: Awaited<ReturnType<typeof loadReadSet>>,
  actor: Person | null,
  policies: readonly Policy[],
): Promise<Omit<MutationRows, 'policies' | 'actor'>> {
  const caseIds = new Set<string>();
  for (const c of loaded.cases) caseIds.add(c.id);
  for (const e of loaded.events) caseIds.add(e.caseId);
  for (const m of loaded.outboundMessages) if (m.caseId !== null) caseIds.add(m.caseId);
  for (const c of loaded.rowsById.cases ?? []) caseIds.add(c.id);
  for (const e of loaded.rowsById.events ?? []) caseIds.add(e.caseId);
  for (const m of loaded.rowsById.outboundMessages ?? []) if (m.caseId !== null) caseIds.add(m.caseId);
  const access = await loadCaseAccess(tx, [...caseIds]);
  const visible = (caseId: string | null) => {
    if (caseId === null) return true;
    const found = access.get(caseId);
    return found === undefined || maySee(actor, found, policies);
  };
  const rowsById = { ...loaded.rowsById };
  if (rowsById.cases) rowsById.cases = rowsById.cases.filter((c) => visible(c.id));
  if (rowsById.events) rowsById.events = rowsById.events.filter((e) => visible(e.caseId));
  if (rowsById.outboundMessages)
    rowsById.outboundMessages = rowsById.outboundMessages.filter((m) => visible(m.caseId));
  return {
    cases: loaded.cases.filter((c) => visible(c.id)),
    events: loaded.events.filter((e) => visible(e.caseId)),
    people: loaded.people,
    outboundMessages: loaded.outboundMessages.filter((m) => visible(m.caseId)),
    rowsById,
  };
}

/** The mutator's rows as they will be stored: parsed with their table's schema; cases without the client's `sla`. */
function checkedChanges(changes: readonly RowChange[]): RowChange[] {
  return changes.map((change) => {
    if (change.op === 'del') return change;
    const raw: Record<string, unknown> = { ...change.row };
    if (change.table === 'cases') delete raw.sla;
    const parsed = ROW_SCHEMAS[change.table].safeParse(raw);
    if (!parsed.success)
      throw new Error(`mutator wrote a ${change.table} row its schema refuses: ${parsed.error.message}`);
    if (JSON.stringify(parsed.data).includes('\\u0000')) {
      throw new MutationError('invalid', "Text can't contain NUL characters: remove them, then try again.");
    }
    return { ...change, row: parsed.data } as RowChange;
  });
}

/**
 * The changes may only touch cases the caller may see (or create new ones); says which cases changed
 * confidentiality and whom to poke.
 */
async function admitChanges(
  tx: Queryable,
  changes: RowChange[],
  actor: Person | null,
  policies: readonly Policy[],
): Promise<Decision> {
  const caseOfChange = await casesOfChanges(tx, changes);
  const touched = [...new Set([...caseOfChange.values()].filter((id): id is string => id !== null))];
  const before = await loadCaseAccess(tx, touched);
  const after = new Map<string, CaseAccess>();
  for (const change of changes) {
    if (change.op === 'put' && change.table === 'cases') {
      const row = change.row;
      after.set(row.id, {
        id: row.id,
        confidential: row.confidential,
        assigneeId: row.assigneeId,
        ownerId: row.ownerId,
        policyId: row.policyId,
        kind: row.kind,
      });
    }
  }
  for (const caseId of touched) {
    const old = before.get(caseId);
    if (old === undefined && !after.has(caseId)) {
      throw new MutationError('not-found', `That case isn't in this desk's store any more (id ${caseId}).`);
    }
    if (old !== undefined && !maySee(actor, old, policies)) {
      throw new MutationError('not-found', `That case isn't in this desk's store any more (id ${caseId}).`);
    }
  }
  const flipped = new Set<string>();
  const notice: Omit<ChangeNotice, 'v'> = {};
  const restricted = new Set<string>();
  const lost = new Set<string>();
  for (const change of changes) {
    const caseId = caseOfChange.get(change) ?? null;
    if (change.table === 'people' || change.table === 'teams' || change.table === 'policies')
      notice.directory = true;
    if (caseId === null) {
      notice.open = true;
      continue;
    }
    const now = after.get(caseId) ?? before.get(caseId);
    const old = before.get(caseId);
    if (old !== undefined && now !== undefined && old.confidential !== now.confidential) {
      flipped.add(caseId);
      // Everyone who had it may need to drop it or receive it whole.
      notice.open = true;
    }
    if (now === undefined || !now.confidential) {
      notice.open = true;
      continue;
    }
    restricted.add(caseId);
    if (old?.confidential) {
      for (const id of [old.assigneeId, old.ownerId])
        if (id !== null && id !== now.assigneeId && id !== now.ownerId) lost.add(id);
    }
  }
  if (notice.directory) notice.open = true;
  if (restricted.size > 0) notice.cases = [...restricted];
  if (lost.size > 0) notice.lost = [...lost];
  return {
    status: 'applied',
    changes,
    caseIds: touched,
    notice: changes.length > 0 ? notice : null,
    flipped,
  };
}

/** The case each change belongs to (for a deleted event or message, the case its stored row names). */
async function casesOfChanges(
  tx: Queryable,
  changes: readonly RowChange[],
): Promise<Map<RowChange, string | null>> {
  const found = new Map<RowChange, string | null>();
  const unknown: RowChange[] = [];
  for (const change of changes) {
    if (change.op === 'del' && (change.table === 'events' || change.table === 'outboundMessages'))
      unknown.push(change);
    else found.set(change, caseIdOf(change));
  }
  for (const change of unknown) {
    const [row] = await tx.query<{ case_id: string | null }>(
      'select case_id from rows where tbl = $1 and id = $2',
      [change.table, rowIdOf(change)],
    );
    found.set(change, row?.case_id ?? null);
  }
  return found;
}

interface AuditEntry {
  personId: string;
  clientGroupId: string;
  mutation: Mutation;
  receivedAt: string;
  decision: Decision;
  version: number;
}

async function recordAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  const { mutation, decision } = entry;
  const changed =
    decision.status === 'applied' ? decision.changes.map((c) => ({ table: c.table, id: rowIdOf(c) })) : [];
  const caseIds = new Set(decision.status === 'applied' ? decision.caseIds : []);
  const args = mutation.args as { caseId?: unknown } | null;
  if (typeof args === 'object' && args !== null && typeof args.caseId === 'string') caseIds.add(args.caseId);
  await tx.query(
    `insert into audit (person_id, client_group_id, client_id, mutation_id, name, args, made_at, received_at,
                        result, error, changed, version, case_ids)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11::jsonb, $12, $13::text[])`,
    [
      entry.personId,
      entry.clientGroupId,
      mutation.clientId,
      mutation.id,
      mutation.name,
      storableJson(mutation.args ?? null),
      mutation.createdAt,
      entry.receivedAt,
      decision.status,
      decision.status === 'rejected' ? decision.error : null,
      JSON.stringify(changed),
      entry.version,
      [...caseIds],
    ],
  );
}

// jsonb can't hold NUL characters; the audit keeps what was sent with them shown as U+FFFD.
function storableJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('\\u0000', '\\ufffd');
}
