/**
 * `POST /v1/push`: the mutations of a request, in order. Duplicates change nothing, a gap stops the push (409)
 * after what came before it, refusals are recorded and still move the client's id on, and everything else runs
 * the shared mutator authoritatively on the server's rows with the caller as actor.
 *
 * A request's mutations are decided together (see locks.ts for why this is safe while other pushes run): lock
 * the keys of everything they read, load those rows in one query, run the mutators one after another in memory
 * (each sees the rows the ones before it wrote), then take the version row and write it all in one statement,
 * each applied mutation at its own version. A mutation's rows and its id's advance commit together; a refused
 * one writes no row. On PostgreSQL the push runs on one connection outside a transaction: the session is looked
 * up in the statement that takes the keys (session-level advisory locks, released when the push ends), and the
 * write statement commits on its own, so the version row is held only while that statement runs and versions
 * still commit in order. PGlite runs one transaction at a time: there each batch is one transaction, no locks.
 * Four round trips per request on PostgreSQL (session and keys, load, write, and the release, not waited for).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Case } from '../../shared/domain';
import type { Policy } from '../../shared/policies';
import {
  contextFor,
  isMutatorName,
  MAX_CLOCK_AHEAD_MS,
  type Mutation,
  type MutationContext,
  MutationError,
  type Person,
  type PreparedMutation,
  type PushRequest,
  type PushResult,
  prepareMutation,
  ROW_SCHEMAS,
  type RowChange,
} from '../../shared/sync';
import {
  callerOfSession,
  type SessionRow,
  sessionCaller,
  sessionEnded,
  sessionRowSql,
} from '../auth/sessions';
import { type Db, type Queryable, sqlState } from '../db/port';
import { HttpError } from '../http/errors';
import { type CaseAccess, maySee, policiesAt } from './access';
import {
  caseKey,
  type LockScope,
  LockSet,
  lockArrays,
  locking,
  refLockKey,
  rowKey,
  sortedKeys,
  takeLocks,
} from './locks';
import type { ChangeNotice } from './notices';
import { BatchWrites } from './store';
import { accessOfCase, gathering, type LoadedRows, NeedMore, ReadPlan, WorkingSet } from './working-set';

export interface PushDeps {
  readonly db: Db;
  readonly now: () => Date;
  readonly log: FastifyBaseLogger;
}

export type PushOutcome =
  | { readonly kind: 'ok'; readonly results: PushResult[] }
  | { readonly kind: 'gap'; readonly clientId: string; readonly expectedId: number };

/** Mutations decided in one transaction at most (a longer push is several, one after another). */
const BATCH_MUTATIONS = 50;
/**
 * Rounds a batch may take, each locking what the one before found it needed, before it is taken one mutation
 * at a time (and a single mutation's push is turned away for now).
 */
const MAX_ROUNDS = 6;

/** Every envelope is checked before anything runs: an unknown name refuses the whole request. */
export function refuseUnknownMutators(request: PushRequest): void {
  for (const mutation of request.mutations) {
    if (!isMutatorName(mutation.name)) {
      throw new HttpError(
        400,
        `mutations: Desk doesn't know how to "${mutation.name}" (mutation ${mutation.id} of client ${mutation.clientId}): update the app, then try again.`,
      );
    }
  }
}

/**
 * The push of the session whose token hashes to `tokenHash` (401 when it has ended). On PostgreSQL the session is
 * looked up in the same statement that takes the push's first keys.
 */
export async function push(deps: PushDeps, tokenHash: string, request: PushRequest): Promise<PushOutcome> {
  refuseUnknownMutators(request);
  const session: PushSession = {
    tokenHash,
    request,
    receivedAt: deps.now().toISOString(),
    callerId: null,
    claimed: false,
  };
  if (deps.db.kind !== 'postgres') {
    const caller = await sessionCaller(deps, tokenHash);
    if (caller === null) throw sessionEnded();
    session.callerId = caller.person.id;
    await claimClients(deps.db, caller.person.id, request, (claim) => deps.db.transaction(claim));
    session.claimed = true;
  }
  const items = request.mutations.map((mutation) => prepareItem(deps, mutation));
  const results: PushResult[] = [];
  // An empty push still signs in and claims its store (on PostgreSQL, in a round of its own).
  if (items.length === 0 && session.callerId === null) await decideAndWrite(deps, session, [], null);
  for (let start = 0; start < items.length; start += BATCH_MUTATIONS) {
    const batch = await decideAndWrite(deps, session, items.slice(start, start + BATCH_MUTATIONS), null);
    results.push(...batch.results);
    if (batch.gap !== null) return { kind: 'gap', ...batch.gap };
  }
  return { kind: 'ok', results };
}

// ---------------------------------------------------------------------------------------------------------
// Who owns a client id

interface Owner {
  readonly personId: string;
  readonly clientGroupId: string;
}

/** Claimed client ids and groups never change hands, so what this process has seen claimed it keeps. */
const claimed = new WeakMap<Db, { clients: Map<string, Owner>; groups: Map<string, string> }>();

/**
 * The group and each client id belong to the first person who used them; anyone else is refused. `run` gives
 * the claim its connection (it only runs for ids this process has not seen claimed).
 */
async function claimClients(
  db: Db,
  callerId: string,
  request: PushRequest,
  run: <T>(claim: (conn: Queryable) => Promise<T>) => Promise<T>,
): Promise<void> {
  let known = claimed.get(db);
  if (known === undefined) {
    known = { clients: new Map(), groups: new Map() };
    claimed.set(db, known);
  }
  const clientIds = [...new Set(request.mutations.map((m) => m.clientId))];
  const groupOwner = known.groups.get(request.clientGroupId);
  if (groupOwner !== undefined) refuseOthersGroup(groupOwner, callerId, request.clientGroupId);
  let unknown = groupOwner === undefined;
  for (const clientId of clientIds) {
    const owner = known.clients.get(clientId);
    if (owner === undefined) unknown = true;
    else refuseOthersClient(owner, callerId, clientId, request.clientGroupId);
  }
  if (!unknown) return;
  const owners = await run(async (tx) => {
    const atOnce = await claimAtOnce(tx, callerId, request.clientGroupId, clientIds);
    if (atOnce !== null) return atOnce;
    // Someone claimed one of them at the same moment: look again, one at a time.
    await claimGroup(tx, callerId, request.clientGroupId);
    const found = new Map<string, Owner>();
    for (const clientId of clientIds) {
      await tx.query(
        `insert into clients (client_id, client_group_id, person_id) values ($1, $2, $3)
         on conflict (client_id) do nothing`,
        [clientId, request.clientGroupId, callerId],
      );
      const [owner] = await tx.query<{ person_id: string; client_group_id: string }>(
        'select person_id, client_group_id from clients where client_id = $1',
        [clientId],
      );
      const stored = { personId: owner?.person_id ?? '', clientGroupId: owner?.client_group_id ?? '' };
      refuseOthersClient(stored, callerId, clientId, request.clientGroupId);
      found.set(clientId, stored);
    }
    return found;
  });
  known.groups.set(request.clientGroupId, callerId);
  for (const [clientId, owner] of owners) known.clients.set(clientId, owner);
}

/**
 * The group and client ids claimed for the caller in one statement (a client id only when the group is theirs),
 * refusing another person's; null when an owner could not be seen (claimed by someone else at that moment).
 */
async function claimAtOnce(
  tx: Queryable,
  callerId: string,
  clientGroupId: string,
  clientIds: readonly string[],
): Promise<Map<string, Owner> | null> {
  const rows = await tx.query<{
    kind: 'group' | 'client';
    client_id: string | null;
    client_group_id: string | null;
    person_id: string | null;
  }>(
    `with new_group as (
       insert into client_groups (client_group_id, person_id) values ($1, $2)
       on conflict (client_group_id) do nothing returning person_id
     ), group_owner as (
       select person_id from new_group
       union all
       select person_id from client_groups where client_group_id = $1
     ), new_clients as (
       insert into clients (client_id, client_group_id, person_id)
       select id, $1, $2 from unnest($3::text[]) as id
        where (select person_id from group_owner limit 1) = $2
       on conflict (client_id) do nothing returning client_id, client_group_id, person_id
     )
     select 'group' as kind, null::text as client_id, null::text as client_group_id,
            (select person_id from group_owner limit 1) as person_id
     union all
     select 'client', client_id, client_group_id, person_id from new_clients
     union all
     select 'client', client_id, client_group_id, person_id from clients where client_id = any($3::text[])`,
    [clientGroupId, callerId, clientIds],
  );
  const group = rows.find((r) => r.kind === 'group');
  if (group?.person_id == null) return null;
  refuseOthersGroup(group.person_id, callerId, clientGroupId);
  const found = new Map<string, Owner>();
  for (const row of rows) {
    if (row.kind === 'client' && row.client_id !== null && row.person_id !== null)
      found.set(row.client_id, { personId: row.person_id, clientGroupId: row.client_group_id ?? '' });
  }
  if (clientIds.some((id) => !found.has(id))) return null;
  for (const [clientId, owner] of found) refuseOthersClient(owner, callerId, clientId, clientGroupId);
  return found;
}

function refuseOthersClient(owner: Owner, callerId: string, clientId: string, clientGroupId: string): void {
  if (owner.personId !== callerId) {
    throw new HttpError(
      403,
      `The device id ${clientId} belongs to another person's sign-in: sign in as yourself on a fresh copy of the app's data.`,
    );
  }
  if (owner.clientGroupId !== clientGroupId) {
    throw new HttpError(
      403,
      `The device id ${clientId} belongs to another of your stores, not ${clientGroupId}: push it with its own store.`,
    );
  }
}

function refuseOthersGroup(ownerId: string | undefined, callerId: string, clientGroupId: string): void {
  if (ownerId !== callerId) {
    throw new HttpError(
      403,
      `The store ${clientGroupId} belongs to another person's sign-in: sign in as yourself on a fresh copy of the app's data.`,
    );
  }
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
  refuseOthersGroup(group?.person_id, callerId, clientGroupId);
}

// ---------------------------------------------------------------------------------------------------------
// Deciding a batch

/** A push request being carried out: whose session, and (once looked up) who they are. */
interface PushSession {
  readonly tokenHash: string;
  readonly request: PushRequest;
  /** When the request arrived: every mutation of it is recorded as received then. */
  readonly receivedAt: string;
  callerId: string | null;
  /** Its group and client ids are known to be the caller's. */
  claimed: boolean;
}

interface Caller {
  readonly id: string;
  readonly clientGroupId: string;
  readonly receivedAt: string;
}

/** A mutation with its args parsed (or why they could not be). */
interface Item {
  readonly mutation: Mutation;
  readonly prepared: PreparedMutation | null;
  readonly refusal: string | null;
}

function prepareItem(deps: PushDeps, mutation: Mutation): Item {
  try {
    return { mutation, prepared: prepareMutation(mutation.name, mutation.args), refusal: null };
  } catch (error) {
    if (error instanceof MutationError) return { mutation, prepared: null, refusal: error.message };
    deps.log.error(
      { err: error, clientId: mutation.clientId, mutationId: mutation.id, name: mutation.name },
      'mutator failed',
    );
    return { mutation, prepared: null, refusal: GENERIC_FAILURE };
  }
}

interface BatchOutcome {
  readonly results: PushResult[];
  readonly gap: { readonly clientId: string; readonly expectedId: number } | null;
}

type Round =
  | { readonly kind: 'done'; readonly batch: BatchOutcome }
  | { readonly kind: 'again'; readonly more: NeedMore };

const GENERIC_FAILURE =
  "The desk server couldn't carry out this change: discard it, or tell your desk's administrator if it keeps happening.";

/** Deadlocks and the like: nothing was written, the batch just goes again. */
const CONTENTION = new Set(['40P01', '40001', '55P03']);

/**
 * Decides and writes a batch, going round again when it finds it needs more rows or keys than it planned. A
 * batch the database refuses to store is taken one mutation at a time, and a single mutation it refuses is
 * recorded as refused (`forced`), so the client's queue moves on.
 */
async function decideAndWrite(
  deps: PushDeps,
  session: PushSession,
  items: readonly Item[],
  forced: string | null,
): Promise<BatchOutcome> {
  const extra = new ReadPlan();
  for (let round = 1; ; round++) {
    let outcome: Round;
    try {
      // PostgreSQL: one connection, each statement committing on its own, the keys held across them (so the
      // version row is held only while the write statement runs). PGlite runs one transaction at a time:
      // nothing to lock against.
      outcome =
        deps.db.kind === 'postgres'
          ? await deps.db.session((conn) => runRound(deps, conn, 'session', session, items, extra, forced))
          : await deps.db.transaction((tx) => runRound(deps, tx, null, session, items, extra, forced));
    } catch (error) {
      if (error instanceof HttpError) throw error;
      if (CONTENTION.has(sqlState(error) ?? '') && round < MAX_ROUNDS) continue;
      if (items.length > 1) return oneByOne(deps, session, items);
      if (forced !== null) throw error;
      const { mutation } = items[0]!;
      deps.log.error(
        { err: error, clientId: mutation.clientId, mutationId: mutation.id, name: mutation.name },
        'mutation failed to store',
      );
      return decideAndWrite(deps, session, items, GENERIC_FAILURE);
    }
    if (outcome.kind === 'done') return outcome.batch;
    if (round >= MAX_ROUNDS) {
      if (items.length > 1) return oneByOne(deps, session, items);
      throw new HttpError(
        503,
        'The desk server is too busy to take these changes right now: they stay on this device and are sent again shortly.',
        {},
        { 'retry-after': '1' },
      );
    }
    extra.addMore(outcome.more);
  }
}

async function oneByOne(deps: PushDeps, session: PushSession, items: readonly Item[]): Promise<BatchOutcome> {
  const results: PushResult[] = [];
  for (const item of items) {
    const batch = await decideAndWrite(deps, session, [item], null);
    results.push(...batch.results);
    if (batch.gap !== null) return { results, gap: batch.gap };
  }
  return { results, gap: null };
}

async function runRound(
  deps: PushDeps,
  tx: Queryable,
  scope: LockScope | null,
  session: PushSession,
  items: readonly Item[],
  extra: ReadPlan,
  forced: string | null,
): Promise<Round> {
  const concurrent = scope !== null;
  const plan = new ReadPlan();
  plan.addPolicies();
  for (const item of items) {
    plan.addClient(item.mutation.clientId);
    if (item.prepared !== null && forced === null) plan.addReads(item.prepared.reads);
  }
  plan.addMore({ locks: extra.locks, rows: extra.rows.values() });
  if (concurrent && session.callerId === null) {
    // The first round: the session and the keys in one statement, then the claim on this connection.
    const row = await authenticateAndLock(tx, session.tokenHash, deps.now().getTime(), plan.locks, [
      ...plan.refs,
    ]);
    const signedIn = await callerOfSession(deps, session.tokenHash, row);
    if (signedIn === null) throw sessionEnded();
    session.callerId = signedIn.person.id;
    plan.addRow('people', session.callerId, 'shared');
  } else if (concurrent && scope !== null) {
    plan.addRow('people', session.callerId ?? '', 'shared');
    if (plan.refs.size > 0) await planCasesByRef(tx, plan);
    await takeLocks(tx, plan.locks, scope);
  } else {
    plan.addRow('people', session.callerId ?? '', 'shared');
  }
  if (!session.claimed) {
    await claimClients(deps.db, session.callerId ?? '', session.request, (claim) => claim(tx));
    session.claimed = true;
  }
  const caller: Caller = {
    id: session.callerId ?? '',
    clientGroupId: session.request.clientGroupId,
    receivedAt: session.receivedAt,
  };
  const set = await WorkingSet.load(tx, plan);
  if (concurrent) {
    const unheld = set.unheldCaseKeys(plan.locks);
    if (unheld.size > 0) return { kind: 'again', more: new NeedMore(unheld) };
  }
  let policies = await policiesAt(deps.db, tx, set.policiesVersion);
  let actor = set.person(caller.id);
  const writes = new BatchWrites(caller.id, caller.clientGroupId, caller.receivedAt);
  let gap: BatchOutcome['gap'] = null;
  let more: NeedMore | null = null;
  const results: PushResult[] = [];
  for (const item of items) {
    const { mutation } = item;
    const last = set.lastIds.get(mutation.clientId) ?? 0;
    const result = { clientId: mutation.clientId, id: mutation.id };
    if (mutation.id <= last) {
      results.push({ ...result, status: 'duplicate' });
      continue;
    }
    if (mutation.id > last + 1) {
      gap = { clientId: mutation.clientId, expectedId: last + 1 };
      break;
    }
    set.lastIds.set(mutation.clientId, mutation.id);
    let decision: Decision;
    try {
      decision =
        forced === null
          ? decide(deps, caller, item, set, actor, policies)
          : { status: 'rejected', error: forced };
      if (decision.status === 'applied' && decision.changes.length > 0) {
        for (const key of writeKeys(decision, set)) writes.locks.add(key, 'exclusive');
      }
    } catch (error) {
      if (!(error instanceof NeedMore)) throw error;
      // Carry on without it, to learn what the rest of the batch needs too; this round writes nothing.
      more = more === null ? error : more.merge(error);
      continue;
    }
    if (decision.status === 'applied' && decision.changes.length > 0) {
      writes.apply(decision.changes, decision.caseOf, decision.flipped, decision.notice);
      set.apply(decision.changes);
      // The mutations after this one see what it did to the caller and the policies.
      actor = set.person(caller.id);
      if (decision.changes.some((c) => c.table === 'policies'))
        policies = withChangedPolicies(policies, decision.changes);
    }
    writes.audit(
      mutation,
      decision.status === 'applied' ? decision : null,
      decision.status === 'rejected' ? decision.error : null,
    );
    results.push(
      decision.status === 'rejected'
        ? { ...result, status: 'rejected', error: decision.error }
        : { ...result, status: 'applied' },
    );
  }
  if (more !== null) return { kind: 'again', more };
  if (writes.isEmpty) return { kind: 'done', batch: { results, gap } };
  const busy = concurrent
    ? [...writes.locks.entries()].filter(([key]) => !plan.locks.holds(key, 'exclusive'))
    : [];
  const stored = await writes.commit(
    tx,
    busy.map(([key]) => key),
    scope ?? 'transaction',
  );
  if (!stored) {
    // Someone holds a key this batch writes without having read it: lock it first next round.
    const more = new LockSet();
    for (const [key] of busy) more.add(key, 'exclusive');
    return { kind: 'again', more: new NeedMore(more) };
  }
  return { kind: 'done', batch: { results, gap } };
}

/** The policies as a batch's earlier mutation left them (in id order, as loadPolicies gives them). */
function withChangedPolicies(policies: readonly Policy[], changes: readonly RowChange[]): Policy[] {
  const byId = new Map(policies.map((p) => [p.id, p]));
  for (const change of changes) {
    if (change.table !== 'policies') continue;
    if (change.op === 'put') byId.set(change.row.id, change.row);
    else byId.delete(change.id);
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The PostgreSQL push's first statement: the session behind the token and, when it is live, its keys (the
 * given ones, the caller's person shared, and the cases with the given references), in one round trip.
 */
async function authenticateAndLock(
  conn: Queryable,
  tokenHashed: string,
  nowMs: number,
  locks: LockSet,
  refs: readonly string[],
): Promise<SessionRow | undefined> {
  const { keys, shared } = lockArrays(locks);
  const [row] = await conn.query<SessionRow>(
    `with caller as (${sessionRowSql('$1')}),
     live as (
       select person_id from caller where expires_ms > $2 and coalesce((person->>'active')::boolean, false)
     ),
     wanted as (
       select k, s from unnest($3::text[], $4::boolean[]) as t (k, s)
       union all
       select 'people:' || person_id, true from live
       union all
       select 'case:' || id, false from rows where ref_key = any($5::text[]) and tbl = 'cases' and data is not null
     ),
     locked as (
       select ${locking('session')} from (${sortedKeys('wanted')}) as sorted where exists (select 1 from live)
     )
     select c.person_id, c.expires_ms, c.person, (select locked from locked) as locked from caller c`,
    [tokenHashed, nowMs, keys, shared, [...refs]],
    { prepareAs: 'desk-push-session-locks' },
  );
  return row;
}

/** A case looked up by reference is locked by its id too: find the ids first (locks are taken before reading). */
async function planCasesByRef(tx: Queryable, plan: ReadPlan): Promise<void> {
  const rows = await tx.query<{ id: string }>(
    `select id from rows where ref_key = any($1::text[]) and tbl = 'cases' and data is not null`,
    [[...plan.refs]],
  );
  for (const row of rows) plan.locks.add(caseKey(row.id), 'exclusive');
}

export type Decision =
  | {
      readonly status: 'applied';
      readonly changes: RowChange[];
      /** The case of each change (null: the whole desk's). */
      readonly caseOf: ReadonlyMap<RowChange, string | null>;
      readonly caseIds: string[];
      readonly notice: Omit<ChangeNotice, 'v'>;
      readonly flipped: ReadonlySet<string>;
    }
  | { readonly status: 'rejected'; readonly error: string };

function decide(
  deps: PushDeps,
  caller: Caller,
  item: Item,
  set: WorkingSet,
  actor: Person | null,
  policies: readonly Policy[],
): Decision {
  const { mutation } = item;
  const ahead = Date.parse(mutation.createdAt) - Date.parse(caller.receivedAt);
  if (ahead > MAX_CLOCK_AHEAD_MS) {
    const minutes = Math.round(ahead / 60_000);
    return {
      status: 'rejected',
      error: `Your computer's clock is ahead of the desk server's by ${minutes} minute${minutes === 1 ? '' : 's'}: correct it, then try again.`,
    };
  }
  if (mutation.actorId != null && mutation.actorId !== caller.id) {
    return {
      status: 'rejected',
      error:
        'This change was made by someone else on this device: they need to sign in to send it, or discard it.',
    };
  }
  if (item.prepared === null) return { status: 'rejected', error: item.refusal ?? GENERIC_FAILURE };
  // Mutators read a null actor as a standalone desk that may do anything: never so on a server.
  if (actor === null)
    return { status: 'rejected', error: 'Your account is not in the desk directory: sign in again.' };
  try {
    const { ctx, minted } = mintingContext(contextFor(mutation, caller.id));
    const rows = visibleRows(set.read(item.prepared.reads), set, actor, policies);
    const changes = checkedChanges(item.prepared.run({ ...rows, policies, actor }, ctx));
    return admitChanges(set, changes, actor, policies, minted);
  } catch (error) {
    if (error instanceof NeedMore) throw error;
    if (error instanceof MutationError) return { status: 'rejected', error: error.message };
    deps.log.error(
      { err: error, clientId: mutation.clientId, mutationId: mutation.id, name: mutation.name },
      'mutator failed',
    );
    return { status: 'rejected', error: GENERIC_FAILURE };
  }
}

/**
 * The mutation's context, noting the ids it makes: ids named after this client and mutation are this
 * mutation's alone (nobody else may have written or be writing them), so their rows need no look-up first.
 */
function mintingContext(base: MutationContext): { ctx: MutationContext; minted: Set<string> } {
  const minted = new Set<string>();
  return {
    minted,
    ctx: {
      ...base,
      newId(prefix) {
        const id = base.newId(prefix);
        minted.add(id);
        return id;
      },
    },
  };
}

/** The rows with every case the caller may not see taken out, with its events and mail: as if it did not exist. */
function visibleRows(
  loaded: LoadedRows,
  set: WorkingSet,
  actor: Person,
  policies: readonly Policy[],
): LoadedRows {
  const caseIds = new Set<string>();
  for (const c of [...loaded.cases, ...(loaded.rowsById.cases ?? [])]) caseIds.add(c.id);
  for (const e of [...loaded.events, ...(loaded.rowsById.events ?? [])]) caseIds.add(e.caseId);
  for (const m of [...loaded.outboundMessages, ...(loaded.rowsById.outboundMessages ?? [])])
    if (m.caseId !== null) caseIds.add(m.caseId);
  const access = new Map(gathering(caseIds, (id) => [id, set.caseAccess(id)] as const));
  const visible = (caseId: string | null) => {
    if (caseId === null) return true;
    const found = access.get(caseId) ?? null;
    return found === null || maySee(actor, found, policies);
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
function admitChanges(
  set: WorkingSet,
  changes: RowChange[],
  actor: Person,
  policies: readonly Policy[],
  minted: ReadonlySet<string>,
): Decision {
  const caseOf = new Map(gathering(changes, (change) => [change, set.caseOf(change)] as const));
  const touched = [...new Set([...caseOf.values()].filter((id): id is string => id !== null))];
  const before = new Map<string, CaseAccess>();
  for (const [caseId, access] of gathering(touched, (caseId) => {
    // A case this mutation names itself is new: there is nothing before it to look up.
    const found = !set.has('cases', caseId) && minted.has(caseId) ? null : set.caseAccess(caseId);
    return [caseId, found] as const;
  })) {
    if (access !== null) before.set(caseId, access);
  }
  const after = new Map<string, CaseAccess>();
  for (const change of changes) {
    if (change.op === 'put' && change.table === 'cases') after.set(change.row.id, accessOfCase(change.row));
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
    const caseId = caseOf.get(change) ?? null;
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
  return { status: 'applied', changes, caseOf, caseIds: touched, notice, flipped };
}

/**
 * The keys a mutation's writes need alone: each row's own, its case's, and the references a case gains or
 * loses. Read before the changes are applied to the working set (a case's reference as stored).
 */
function writeKeys(decision: Extract<Decision, { status: 'applied' }>, set: WorkingSet): string[] {
  const keys: string[] = [];
  for (const change of decision.changes) {
    const id = change.op === 'put' ? change.row.id : change.id;
    keys.push(rowKey(change.table, id));
    const caseId = decision.caseOf.get(change) ?? null;
    if (caseId !== null) keys.push(caseKey(caseId));
    if (change.table === 'cases') {
      const stored = set.has('cases', id) ? (set.get('cases', id).row as unknown as Case | null) : null;
      const oldRef = stored === null ? null : refLockKey(stored.ref);
      const newRef = change.op === 'put' ? refLockKey(change.row.ref) : null;
      if (oldRef !== newRef) {
        if (oldRef !== null) keys.push(oldRef);
        if (newRef !== null) keys.push(newRef);
      }
    }
  }
  return keys;
}
