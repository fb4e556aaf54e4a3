/** "Assign to me" (`a`), the one implementation the queue (its selection or active row) and the case view run. */
import { useActorId } from '../case-store/case-store';
import { useChange } from '../case-store/changes';
import type { CaseRow } from '../db';
import { notify } from '../shell-services/toasts';
import { applyToCases, reportApplied } from './apply';

export function useAssignToMe(): (
  cases: readonly Pick<CaseRow, 'id' | 'ref' | 'assigneeId'>[],
) => Promise<void> {
  const actorId = useActorId();
  const change = useChange();
  return async (cases) => {
    if (actorId === null) {
      notify({
        tone: 'error',
        title: 'Who are you?',
        description: 'Say who you are in Settings → Who I am, then cases can be assigned to you.',
      });
      return;
    }
    const toAssign = cases.filter((kase) => kase.assigneeId !== actorId);
    if (toAssign.length === 0) {
      notify({
        tone: 'success',
        title: cases.length === 1 ? `${cases[0]!.ref} is already yours` : 'Already yours',
      });
      return;
    }
    const applied = await applyToCases(change, toAssign, 'assign', (kase) => ({
      caseId: kase.id,
      assigneeId: actorId,
    }));
    reportApplied(applied, toAssign.length, (refs) => `Assigned ${refs} to you`);
  };
}
