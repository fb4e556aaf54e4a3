/** `GET /v1/cases/:caseId/history`: the audit log's entries for one case, for people who may see it. */
import type { HistoryEntry, HistoryResponse, Person } from '../../shared/sync';
import type { Queryable } from '../db/port';
import { HttpError } from '../http/errors';
import { loadCaseAccess, loadPolicies, maySee } from './access';

/** A change that reached the server more than this long after it was made was made offline. */
export const OFFLINE_AFTER_MS = 60_000;

export async function caseHistory(db: Queryable, viewer: Person, caseId: string): Promise<HistoryResponse> {
  const access = (await loadCaseAccess(db, [caseId])).get(caseId);
  if (access === undefined || !maySee(viewer, access, await loadPolicies(db))) {
    throw new HttpError(404, `There is no case ${caseId} on this desk that you can see: check the link.`);
  }
  const rows = await db.query<{
    name: string;
    person_id: string;
    person_name: string | null;
    client_id: string;
    mutation_id: number;
    made_at: string;
    received_at: string;
    result: 'applied' | 'rejected';
    error: string | null;
  }>(
    `select a.name, a.person_id, p.data->>'name' as person_name, a.client_id, a.mutation_id, a.made_at,
            a.received_at, a.result, a.error
       from audit a left join rows p on p.tbl = 'people' and p.id = a.person_id
      where a.case_ids @> array[$1]::text[] and a.client_id is not null
      order by a.seq`,
    [caseId],
  );
  const entries = rows.map(
    (row): HistoryEntry => ({
      mutationName: row.name,
      personId: row.person_id,
      personName: row.person_name,
      clientId: row.client_id,
      mutationId: Number(row.mutation_id),
      madeAt: row.made_at,
      receivedAt: row.received_at,
      madeOffline: Date.parse(row.received_at) - Date.parse(row.made_at) > OFFLINE_AFTER_MS,
      result: row.result,
      error: row.error,
    }),
  );
  return { entries };
}
