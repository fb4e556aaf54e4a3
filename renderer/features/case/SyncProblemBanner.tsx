/**
 * A banner on a case whose change the desk server did not accept: what was refused and why, with Retry (make
 * it again now) and Discard, the same as in the status bar's Sync problems list.
 */
import { useProblemActions, useSyncProblems } from '../../case-store/sync-problems';
import { describeChange } from '../../case-store/sync-words';
import { Button } from '../../ui/Button';
import { AlertOctagonIcon } from '../../ui/icons';
import styles from './Case.module.css';

export function SyncProblemBanner({ caseId }: { caseId: string }) {
  const problems = useSyncProblems()?.filter(({ problem }) => problem.caseId === caseId) ?? [];
  const { retry, discard } = useProblemActions();
  return (
    <>
      {problems.map(({ problem }) => (
        <div key={problem.id} className={styles.syncProblem} role="alert" data-testid="case-sync-problem">
          <AlertOctagonIcon size={16} />
          <p>
            <strong>
              {problem.kind === 'rejected'
                ? 'The desk server refused a change to this case'
                : 'A change to this case is waiting for the desk server'}
              :
            </strong>{' '}
            {describeChange(problem.name).toLowerCase()}. {problem.error}
          </p>
          {problem.kind === 'rejected' ? (
            <Button size="sm" onClick={() => retry(problem)}>
              Retry
            </Button>
          ) : null}
          <Button size="sm" variant="ghost" onClick={() => discard(problem)}>
            Discard
          </Button>
        </div>
      ))}
    </>
  );
}
