/**
 * The changes of this desk the server refused or has not decided on, with their cases' references, and what a
 * person can do about one (retry, discard), for the sync problems dialog and the case view's banner.
 */
import type { SyncProblem } from '../db';
import { notify } from '../shell-services/toasts';
import { useCaseStore } from './case-store';
import { describeFailure } from './changes';
import { useStoreQuery } from './store-query';
import { describeChange } from './sync-words';

export interface ListedProblem {
  problem: SyncProblem;
  /** The case's reference, when the change was about a case this desk still has. */
  caseRef: string | null;
}

/** The listed problems with their cases' references, oldest first; undefined while the store opens. */
export function useSyncProblems(): readonly ListedProblem[] | undefined {
  return useStoreQuery(
    async (store) => {
      const { listProblems } = await import('../sync/problems');
      const problems = await listProblems(store);
      const ids = [...new Set(problems.flatMap((p) => (p.caseId ? [p.caseId] : [])))];
      const cases = await store.db.cases.bulkGet(ids);
      const refs = new Map(cases.flatMap((c) => (c ? [[c.id, c.ref] as const] : [])));
      return problems.map((problem) => ({
        problem,
        caseRef: problem.caseId ? (refs.get(problem.caseId) ?? null) : null,
      }));
    },
    [],
    { tables: ['syncProblems', 'cases'], throttleMs: 250 },
  );
}

/** Retry or discard one problem; says what happened in a notice. */
export function useProblemActions(): {
  retry: (problem: SyncProblem) => Promise<void>;
  discard: (problem: SyncProblem) => Promise<void>;
} {
  const { store } = useCaseStore();
  return {
    async retry(problem) {
      if (!store) return;
      try {
        const { retryProblem } = await import('../sync/problems');
        await retryProblem(store, problem.id);
        notify({
          tone: 'success',
          title: `${describeChange(problem.name)}: made again, on its way to the server`,
        });
      } catch (error) {
        notify({ tone: 'error', title: 'Not retried', description: describeFailure(error).message });
      }
    },
    async discard(problem) {
      if (!store) return;
      try {
        const { discardProblem } = await import('../sync/problems');
        await discardProblem(store, problem.id);
      } catch (error) {
        notify({ tone: 'error', title: 'Not discarded', description: describeFailure(error).message });
      }
    },
  };
}
