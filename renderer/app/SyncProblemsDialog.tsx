/**
 * "Sync problems": each change of this desk the server refused, in words, with Retry (make it again, as a new
 * change on the rows as they are now) and Discard (hide the notice). Changes still waiting for the server's
 * decision are listed too, without Retry.
 */
import { useState } from 'react';
import { formatDeskTime } from '../../shared/time';
import { useCaseStore } from '../case-store/case-store';
import { describeFailure } from '../case-store/changes';
import { useDeskTimeZone } from '../case-store/desk-time-zone';
import { useStoreQuery } from '../case-store/store-query';
import { describeChange } from '../case-store/sync-words';
import type { SyncProblem } from '../db';
import { navigate, path } from '../shell-services/router';
import { notify } from '../shell-services/toasts';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import styles from './App.module.css';

const KIND_WORDS: Record<SyncProblem['kind'], string> = {
  rejected: 'Refused by the desk server and undone on this computer.',
  conflict: "No longer fits the server's newer version; still waiting for the server to decide.",
  refused: 'The server refused the request it travelled in; it is sent again later.',
};

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

export function SyncProblemsDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const problems = useSyncProblems();
  const timeZone = useDeskTimeZone();
  const { retry, discard } = useProblemActions();
  const [busy, setBusy] = useState<string | null>(null);
  const act = (problem: SyncProblem, action: (p: SyncProblem) => Promise<void>) => async () => {
    setBusy(problem.id);
    try {
      await action(problem);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Sync problems"
      description="Changes made on this computer that the desk server did not accept as they were."
      width="lg"
    >
      <div className={styles.dialogBody}>
        {problems === undefined ? (
          <p>Reading the list…</p>
        ) : problems.length === 0 ? (
          <p>No sync problems: every change reached the desk server.</p>
        ) : (
          <ul className={styles.problemList} data-testid="sync-problem-list">
            {problems.map(({ problem, caseRef }) => (
              <li key={problem.id} className={styles.problemItem}>
                <div className={styles.problemText}>
                  <p>
                    <strong>{describeChange(problem.name)}</strong>
                    {caseRef && problem.caseId ? (
                      <>
                        {' '}
                        on{' '}
                        <button
                          type="button"
                          className={styles.linkButton}
                          onClick={() => {
                            onOpenChange(false);
                            navigate(path('queue', problem.caseId!));
                          }}
                        >
                          {caseRef}
                        </button>
                      </>
                    ) : null}{' '}
                    <span className={styles.problemWhen}>
                      · {formatDeskTime(problem.at, timeZone, 'dateTime')}
                    </span>
                  </p>
                  <p>{problem.error}</p>
                  <p className={styles.problemWhen}>{KIND_WORDS[problem.kind]}</p>
                </div>
                <div className={styles.problemActions}>
                  {problem.kind === 'rejected' ? (
                    <Button size="sm" onClick={act(problem, retry)} disabled={busy === problem.id}>
                      Retry
                    </Button>
                  ) : null}
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={act(problem, discard)}
                    disabled={busy === problem.id}
                  >
                    Discard
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Dialog>
  );
}
