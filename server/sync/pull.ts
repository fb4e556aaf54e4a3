/**
 * `GET /v1/pull`: the rows after the cookie that the caller may see, in version order, a page at a time; plus
 * `del`s for confidential cases that left their view and whole cases that entered it.
 *
 * Which confidential cases a client group holds is kept as intervals `held_cases (case_id, from_cookie,
 * to_cookie)`: held from the response whose cookie opened it until the one that closed it. A pull with cookie N
 * first rolls the record back to N (the client never received what came after), so a lost response costs
 * nothing. The held set is compared with what the caller may see now on the last page of a catch-up (and on
 * the first page of a first sync), not on every page, so a large first sync stays a plain scan.
 */
import { type Person, PULL_PAGE_CHANGES, type PullQuery } from '../../shared/sync';
import type { Db, Queryable } from '../db/port';
import { HttpError } from '../http/errors';
import {
  type CaseAccessRow,
  caseAccessColumns,
  loadCaseAccess,
  loadPolicies,
  maySee,
  toCaseAccess,
  visibleRestrictedCases,
} from './access';
import { claimGroup } from './push';
import { currentVersion, lockVersion, setVersion } from './store';

export interface PullOptions {
  /** Changes per page (PULL_PAGE_CHANGES); tests make it small to see paging. */
  readonly pageSize?: number;
}

/** The response as JSON text: rows are sent as the database holds them, without parsing them again. */
export async function pull(
  db: Db,
  caller: Person,
  query: PullQuery,
  options: PullOptions = {},
): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        // One snapshot for the whole page: its rows, its cookie and the last processed ids of the group's clients
        // are read as of one moment, so acknowledgements never run ahead of the rows they produced.
        await tx.query('set transaction isolation level repeatable read');
        return pullPage(tx, caller, query, options.pageSize ?? PULL_PAGE_CHANGES);
      });
    } catch (error) {
      if (!(error instanceof VersionMovedOn || isSerializationFailure(error)) || attempt >= 5) throw error;
    }
  }
}

/** A push committed while this page was being built and the page needs a version of its own: build it again. */
class VersionMovedOn extends Error {}

/**
 * PostgreSQL refused a write of this snapshot because a transaction committed since changed the same row
 * (another pull of the group, a push taking the version): the page is built again on a newer snapshot.
 */
function isSerializationFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '40001' || code === '40P01';
}

interface ScannedRow extends CaseAccessRow {
  tbl: string;
  id: string;
  data: string | null;
  version: number;
}

async function pullPage(tx: Queryable, caller: Person, query: PullQuery, pageSize: number): Promise<string> {
  const group = query.clientGroupId;
  const from = query.cookie;
  await claimGroup(tx, caller.id, group);
  let current = await currentVersion(tx);
  if (from > current) {
    throw new HttpError(
      400,
      `cookie: ${from} is ahead of this desk server (it is at ${current}): the app's store came from another server or its data was reset; sign out and in again.`,
    );
  }
  await tx.query('delete from held_cases where client_group_id = $1 and from_cookie > $2', [group, from]);
  await tx.query('update held_cases set to_cookie = null where client_group_id = $1 and to_cookie > $2', [
    group,
    from,
  ]);

  const scan = await scanRows(tx, from, current, pageSize);
  const policies = await loadPolicies(tx);
  const page = new PageBuilder();
  for (const row of scan.rows) {
    const access = toCaseAccess(row);
    if (access !== null && !maySee(caller, access, policies)) continue;
    if (row.data === null) page.del(row.tbl, row.id);
    else page.put(row.tbl, row.data);
  }

  const held = await heldCases(tx, group);
  const opens = new Set<string>();
  const closes = new Set<string>();
  const wholeDels: string[] = [];
  const wholeSends: string[] = [];
  let cookie = scan.exhausted ? current : scan.lastVersion;

  // Cases whose confidentiality changed inside this page's window: those who had them open lose them, those
  // who didn't have them receive them whole.
  for (const flip of await flippedCases(tx, from, cookie)) {
    const visible = maySee(caller, flip, policies);
    if (!flip.confidential) {
      if (held.has(flip.id)) closes.add(flip.id);
      else if (from > 0) wholeSends.push(flip.id);
    } else if (!visible && !held.has(flip.id)) {
      wholeDels.push(flip.id);
    }
  }

  let diffLeft = false;
  if (scan.exhausted || from === 0) {
    const visible = await visibleRestrictedCases(tx, caller, policies);
    const leaving = [...held].filter((id) => !visible.has(id));
    const leavingAccess = await loadCaseAccess(tx, leaving);
    for (const id of leaving) {
      closes.add(id);
      const access = leavingAccess.get(id);
      if (access === undefined || access.confidential) wholeDels.push(id);
    }
    const entering = [...visible].filter((id) => !held.has(id));
    if ((leaving.length > 0 || entering.length > 0) && cookie === from) {
      // Nothing newer names this page; take a version of its own so the next pull's cookie moves on.
      const locked = await lockVersion(tx);
      if (locked !== current) throw new VersionMovedOn();
      current = locked + 1;
      await setVersion(tx, current);
      cookie = current;
    }
    if (from === 0) {
      // A first sync has nothing older than its cookie to send: the scan carries every row.
      for (const id of entering) opens.add(id);
    } else {
      diffLeft = await sendWholeCases(tx, page, entering, from, pageSize, opens);
    }
  }
  await sendWholeCases(tx, page, wholeSends, from, Number.POSITIVE_INFINITY, new Set());
  await deleteWholeCases(tx, page, wholeDels);

  if (closes.size > 0) {
    await tx.query(
      `update held_cases set to_cookie = $3
        where client_group_id = $1 and case_id = any($2::text[]) and to_cookie is null`,
      [group, [...closes], cookie],
    );
  }
  if (opens.size > 0) {
    await tx.query(
      `insert into held_cases (client_group_id, case_id, from_cookie)
       select $1, unnest($2::text[]), $3`,
      [group, [...opens], cookie],
    );
  }
  const more = !scan.exhausted || diffLeft;
  return page.toJson(cookie, await lastMutationIds(tx, group), await rejections(tx, group, from), more);
}

/** Rows with from < version ≤ to, at most `pageSize` of them, never splitting a version across pages. */
async function scanRows(
  tx: Queryable,
  from: number,
  to: number,
  pageSize: number,
): Promise<{ rows: ScannedRow[]; exhausted: boolean; lastVersion: number }> {
  const select = `select r.tbl, r.id, r.data::text as data, r.version, ${caseAccessColumns('c')}
      from rows r left join case_access c on c.case_id = r.case_id`;
  // Only a lower bound, so the planner walks the version index and stops at the page's end whatever its
  // statistics say; rows committed after `to` was read are cut here and come with the next pull.
  const rows = (
    await tx.query<ScannedRow>(`${select} where r.version > $1 order by r.version limit $2`, [
      from,
      pageSize + 1,
    ])
  )
    .map((row) => ({ ...row, version: Number(row.version) }))
    .filter((row) => row.version <= to);
  if (rows.length <= pageSize) return { rows, exhausted: true, lastVersion: to };
  const split = rows[pageSize]!.version;
  const whole = rows.filter((row) => row.version < split);
  if (whole.length > 0) return { rows: whole, exhausted: false, lastVersion: whole.at(-1)!.version };
  // One version alone is bigger than a page: it goes whole.
  const version = await tx.query<ScannedRow>(`${select} where r.version = $1`, [split]);
  return { rows: version, exhausted: split === to, lastVersion: split };
}

async function heldCases(tx: Queryable, group: string): Promise<Set<string>> {
  const rows = await tx.query<{ case_id: string }>(
    'select case_id from held_cases where client_group_id = $1 and to_cookie is null',
    [group],
  );
  return new Set(rows.map((r) => r.case_id));
}

async function flippedCases(tx: Queryable, from: number, to: number) {
  const rows = await tx.query<CaseAccessRow>(
    `select ${caseAccessColumns('c')} from case_access c where c.flip_version > $1 and c.flip_version <= $2`,
    [from, to],
  );
  return rows.map(toCaseAccess).filter((access) => access !== null);
}

const CASE_BATCH = 200;

/**
 * Sends these cases whole (their rows up to `upTo`; newer ones come with the scan), as many as fit in the
 * budget, each case complete. Opens a held interval for each one sent. Returns whether some did not fit.
 */
async function sendWholeCases(
  tx: Queryable,
  page: PageBuilder,
  caseIds: readonly string[],
  upTo: number,
  pageSize: number,
  opened: Set<string>,
): Promise<boolean> {
  for (let start = 0; start < caseIds.length; start += CASE_BATCH) {
    const batch = caseIds.slice(start, start + CASE_BATCH);
    const rows = await tx.query<{ tbl: string; data: string; case_id: string }>(
      `select tbl, data::text as data, case_id from rows
        where case_id = any($1::text[]) and version <= $2 and data is not null`,
      [batch, upTo],
    );
    const byCase = new Map<string, { tbl: string; data: string }[]>();
    for (const row of rows) {
      const list = byCase.get(row.case_id) ?? [];
      list.push(row);
      byCase.set(row.case_id, list);
    }
    for (const caseId of batch) {
      const caseRows = byCase.get(caseId) ?? [];
      if (page.size > 0 && page.size + caseRows.length > pageSize) return true;
      for (const row of caseRows) page.put(row.tbl, row.data);
      opened.add(caseId);
    }
  }
  return false;
}

/** `del` for a case and every row that follows it (events, outbound mail). */
async function deleteWholeCases(tx: Queryable, page: PageBuilder, caseIds: readonly string[]): Promise<void> {
  if (caseIds.length === 0) return;
  const rows = await tx.query<{ tbl: string; id: string }>(
    'select tbl, id from rows where case_id = any($1::text[]) and data is not null',
    [[...new Set(caseIds)]],
  );
  for (const row of rows) page.del(row.tbl, row.id);
}

async function lastMutationIds(tx: Queryable, group: string): Promise<Record<string, number>> {
  const rows = await tx.query<{ client_id: string; last_mutation_id: number }>(
    'select client_id, last_mutation_id from clients where client_group_id = $1',
    [group],
  );
  return Object.fromEntries(rows.map((r) => [r.client_id, Number(r.last_mutation_id)]));
}

/**
 * The refusals of this group's clients recorded since the client's cookie (a refusal is stamped with the
 * version the desk was at): a client whose push response was lost still hears why. It may hear one twice.
 */
async function rejections(tx: Queryable, group: string, from: number) {
  const rows = await tx.query<{ client_id: string; mutation_id: number; error: string }>(
    `select client_id, mutation_id, error from audit
      where client_group_id = $1 and result = 'rejected' and version >= $2
      order by seq`,
    [group, from],
  );
  return rows.map((r) => ({ clientId: r.client_id, id: Number(r.mutation_id), error: r.error }));
}

/** The page's changes as JSON fragments; stored rows are JSON already (validated when they were written). */
class PageBuilder {
  private readonly parts: string[] = [];

  get size(): number {
    return this.parts.length;
  }

  put(table: string, data: string): void {
    this.parts.push(`{"op":"put","table":${JSON.stringify(table)},"row":${data}}`);
  }

  del(table: string, id: string): void {
    this.parts.push(`{"op":"del","table":${JSON.stringify(table)},"id":${JSON.stringify(id)}}`);
  }

  toJson(
    cookie: number,
    lastMutationIds: Record<string, number>,
    rejections: readonly { clientId: string; id: number; error: string }[],
    more: boolean,
  ): string {
    return `{"cookie":${cookie},"changes":[${this.parts.join(',')}],"lastMutationIds":${JSON.stringify(
      lastMutationIds,
    )},"rejections":${JSON.stringify(rejections)},"more":${more}}`;
  }
}
