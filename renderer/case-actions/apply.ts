/**
 * One change applied to several cases (bulk assign, bulk status): a mutation per case, each committed on its
 * own, so a case that refuses (already assigned, closed…) leaves the others done and itself untouched.
 */
import type { MutatorArgs, MutatorName } from '../../shared/sync';
import type { ChangeFailure, ChangeOutcome } from '../case-store/changes';
import type { CaseRow } from '../db';
import { notify } from '../shell-services/toasts';

export interface Applied {
  done: CaseRow[];
  failed: { kase: Pick<CaseRow, 'id' | 'ref'>; failure: ChangeFailure }[];
}

export async function applyToCases<N extends MutatorName>(
  change: (name: N, args: MutatorArgs<N>) => Promise<ChangeOutcome>,
  cases: readonly Pick<CaseRow, 'id' | 'ref'>[],
  name: N,
  argsFor: (kase: Pick<CaseRow, 'id' | 'ref'>) => MutatorArgs<N>,
): Promise<Applied> {
  const applied: Applied = { done: [], failed: [] };
  for (const kase of cases) {
    const outcome = await change(name, argsFor(kase));
    if (outcome.ok) applied.done.push(...outcome.result.cases.filter((c) => c.id === kase.id));
    else applied.failed.push({ kase, failure: outcome.failure });
    // A full disk or a closed store fails every case the same way: stop at the first.
    if (!outcome.ok && outcome.failure.kind !== 'refused') break;
  }
  return applied;
}

/** Tells the person what happened: "Assigned Q-1 to you", or which cases refused and why. */
export function reportApplied(applied: Applied, total: number, describe: (refs: string) => string): void {
  const refs = (list: readonly Pick<CaseRow, 'ref'>[]) =>
    list.length === 1 ? list[0]!.ref : `${list.length} cases`;
  if (applied.done.length > 0) notify({ tone: 'success', title: describe(refs(applied.done)) });
  if (applied.failed.length > 0) {
    const first = applied.failed[0]!;
    const notDone = total - applied.done.length;
    notify({
      tone: 'error',
      title:
        applied.failed.length === 1 && notDone === 1
          ? `${first.kase.ref} was not changed`
          : `${notDone} of ${total} cases were not changed`,
      description: first.failure.message,
    });
  }
}
