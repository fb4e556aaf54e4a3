/**
 * "Sync problems": each change of this desk the server refused, in words, with Retry (make it again, as a new
 * change on the rows as they are now) and Discard (hide the notice). Changes still waiting for the server's
 * decision are listed too, without Retry.
 */
import { useState } from 'react';
import { formatDeskTime } from '../../shared/time';
import { useDeskTimeZone } from '../case-store/desk-time-zone';
import { useProblemActions, useSyncProblems } from '../case-store/sync-problems';
import { describeChange } from '../case-store/sync-words';
import type { SyncProblem } from '../db';
import { navigate, path } from '../shell-services/router';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import styles from './App.module.css';

const KIND_WORDS: Record<SyncProblem['kind'], string> = {
  rejected: 'Refused by the desk server and undone on this computer.',
  conflict: "No longer fits the server's newer version; still waiting for the server to decide.",
  refused: 'The server refused the request it travelled in; it is sent again later.',
};

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
