/** The viewer's access as view state: re-read when they change who they are, the directory, policies or cases. */
import { useActorId, useStoreTarget } from '../app/case-store';
import { useStoreQuery } from '../app/store-query';
import { useMe } from '../features/settings/settings-store';
import { type CaseAccess, currentAccess } from '.';

/**
 * What the person using the app may see; undefined while it is first read, and while the person chosen in
 * Settings is still being found in the directory (views show nothing until then, never everything).
 */
export function useCaseAccess(): CaseAccess | undefined {
  const actorId = useActorId();
  const me = useMe();
  const target = useStoreTarget();
  const pending = target === null || (target.personId === null && me !== null && actorId === null);
  const access = useStoreQuery(
    async (store) => (pending ? undefined : currentAccess(store)),
    [actorId, pending],
    { tables: ['cases', 'people', 'policies'], throttleMs: 500 },
  );
  return pending ? undefined : access;
}
