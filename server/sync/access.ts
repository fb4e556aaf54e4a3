/**
 * Who may see which case, as the server decides it: the shared rule (shared/access) applied to the rows in
 * the database. Rows of a case (the case, its events, its outbound mail) follow the case.
 */
import { maySeeCase } from '../../shared/access';
import type { CaseKind } from '../../shared/domain';
import type { Policy } from '../../shared/policies';
import type { Person } from '../../shared/sync';
import type { Queryable } from '../db/port';

/** The fields of a case the rule reads, as SQL selects them (`caseAccessColumns`). */
export interface CaseAccess {
  readonly id: string;
  readonly confidential: boolean;
  readonly assigneeId: string | null;
  readonly ownerId: string | null;
  readonly policyId: string | null;
  readonly kind: CaseKind | null;
}

/** The SQL that selects a case's access fields from a `case_access` alias (nulls when there is no case). */
export function caseAccessColumns(alias: string): string {
  return `${alias}.case_id as case_row_id, coalesce(${alias}.confidential, false) as confidential,
    ${alias}.assignee_id, ${alias}.owner_id, ${alias}.policy_id, ${alias}.kind`;
}

export interface CaseAccessRow {
  case_row_id: string | null;
  confidential: boolean;
  assignee_id: string | null;
  owner_id: string | null;
  policy_id: string | null;
  kind: string | null;
}

export function toCaseAccess(row: CaseAccessRow): CaseAccess | null {
  if (row.case_row_id === null) return null;
  return {
    id: row.case_row_id,
    confidential: row.confidential,
    assigneeId: row.assignee_id,
    ownerId: row.owner_id,
    policyId: row.policy_id,
    kind: row.kind as CaseKind | null,
  };
}

/** The policy whose rules apply to a case: its own, else its kind's (as shared/sync `policyForCase`). */
export function policyOfCase(access: CaseAccess, policies: readonly Policy[]): Policy | undefined {
  return policies.find((p) => p.id === access.policyId) ?? policies.find((p) => p.caseKind === access.kind);
}

export function maySee(viewer: Person | null, access: CaseAccess, policies: readonly Policy[]): boolean {
  return maySeeCase(viewer, access, policyOfCase(access, policies));
}

export async function loadPolicies(db: Queryable): Promise<Policy[]> {
  const rows = await db.query<{ data: Policy }>(
    `select data from rows where tbl = 'policies' and data is not null order by id`,
  );
  return rows.map((r) => r.data);
}

/** The policies last loaded for each database, with the highest version among their rows then. */
const policyCache = new WeakMap<object, { readonly version: number; readonly policies: Policy[] }>();

/**
 * Every policy, from memory while `version` (the highest version among the policies rows, read in the same
 * transaction) says they have not changed; any save or delete of a policy stamps a newer version.
 */
export async function policiesAt(cacheFor: object, tx: Queryable, version: number): Promise<Policy[]> {
  const cached = policyCache.get(cacheFor);
  if (cached !== undefined && cached.version === version) return cached.policies;
  const policies = await loadPolicies(tx);
  policyCache.set(cacheFor, { version, policies });
  return policies;
}

export async function loadPerson(db: Queryable, personId: string): Promise<Person | null> {
  const rows = await db.query<{ data: Person }>(
    `select data from rows where tbl = 'people' and id = $1 and data is not null`,
    [personId],
  );
  return rows[0]?.data ?? null;
}

/** The access fields of these cases that exist (deleted ones are absent). */
export async function loadCaseAccess(
  db: Queryable,
  caseIds: readonly string[],
): Promise<Map<string, CaseAccess>> {
  const found = new Map<string, CaseAccess>();
  if (caseIds.length === 0) return found;
  const rows = await db.query<CaseAccessRow>(
    `select ${caseAccessColumns('a')} from case_access a where a.case_id = any($1::text[])`,
    [[...new Set(caseIds)]],
  );
  for (const row of rows) {
    const access = toCaseAccess(row);
    if (access !== null) found.set(access.id, access);
  }
  return found;
}

/**
 * The confidential cases `viewer` may see now. SQL narrows to the cases that could qualify (everything for
 * people who see confidential cases; otherwise theirs, and those of policies naming their role or no policy
 * known); the shared rule decides each.
 */
export async function visibleRestrictedCases(
  db: Queryable,
  viewer: Person,
  policies: readonly Policy[],
): Promise<Set<string>> {
  const roleKinds = policies.filter((p) => p.confidentialRoles?.includes(viewer.role)).map((p) => p.caseKind);
  const rolePolicies = policies.filter((p) => p.confidentialRoles?.includes(viewer.role)).map((p) => p.id);
  const knownPolicies = policies.map((p) => p.id);
  const rows = await db.query<CaseAccessRow>(
    `select ${caseAccessColumns('a')} from case_access a
      where a.confidential
        and ($1 or a.assignee_id = $2 or a.owner_id = $2 or a.policy_id = any($3::text[])
             or not (a.policy_id = any($4::text[])) or a.kind = any($5::text[]))`,
    [viewer.seesConfidential, viewer.id, rolePolicies, knownPolicies, roleKinds],
  );
  const visible = new Set<string>();
  for (const row of rows) {
    const access = toCaseAccess(row);
    if (access !== null && maySee(viewer, access, policies)) visible.add(access.id);
  }
  return visible;
}
