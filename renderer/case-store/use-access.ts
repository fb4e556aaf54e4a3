/** The viewer's access as view state: re-read when they change who they are, the directory, policies or cases. */
import { useRef } from 'react';
import type { Policy } from '../../shared/policies';
import { type CaseAccess, currentAccess } from '../access';
import { useMe } from '../desk-settings/settings-store';
import { useActorId, useStoreTarget } from './case-store';
import { useStoreQuery } from './store-query';

function rulesKey(policies: readonly Policy[]): string {
  return JSON.stringify(policies.map((p) => [p.id, p.caseKind, p.confidentialRoles ?? []]));
}

function sameAccess(a: CaseAccess & { rules: string }, b: CaseAccess & { rules: string }): boolean {
  if (a.rules !== b.rules || a.hidden.size !== b.hidden.size) return false;
  if (a.viewer.id !== b.viewer.id || a.viewer.role !== b.viewer.role) return false;
  if (a.viewer.seesConfidential !== b.viewer.seesConfidential) return false;
  for (const id of a.hidden) if (!b.hidden.has(id)) return false;
  return true;
}

/**
 * What the person using the app may see; undefined while it is first read, and while the person chosen in
 * Settings is still being found in the directory (views show nothing until then, never everything). The same
 * object is kept while nothing it decides has changed, so views that depend on it do not re-read for nothing.
 */
export function useCaseAccess(): CaseAccess | undefined {
  const actorId = useActorId();
  const me = useMe();
  const target = useStoreTarget();
  const pending = target === null || (target.personId === null && me !== null && actorId === null);
  const last = useRef<(CaseAccess & { rules: string }) | undefined>(undefined);
  const access = useStoreQuery(
    async (store) => {
      if (pending) return undefined;
      const [next, policies] = await Promise.all([currentAccess(store), store.db.policies.toArray()]);
      const keyed = { ...next, rules: rulesKey(policies) };
      if (last.current !== undefined && sameAccess(last.current, keyed)) return last.current;
      last.current = keyed;
      return keyed;
    },
    [actorId, pending],
    { tables: ['cases', 'people', 'policies'], throttleMs: 500 },
  );
  return pending ? undefined : access;
}
