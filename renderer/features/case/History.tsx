/**
 * A case's history from the desk server's audit log: who did what, when, from which device, and whether it was
 * made offline (it reached the server later). Loaded when the person opens it; the server is the only place
 * that knows every desk's changes, so offline it says when it will show.
 */
import { useEffect, useId, useState } from 'react';
import type { HistoryEntry } from '../../../shared/sync/protocol';
import { SyncTransportError } from '../../../shared/sync/transport';
import { formatInZone, zoneSuffix } from '../../../shared/time';
import { useStoreTarget } from '../../case-store/case-store';
import { describeChange } from '../../case-store/sync-words';
import { caseHistory } from '../../platform/sync-transport';
import { Button } from '../../ui/Button';
import { ChevronDownIcon, ChevronRightIcon } from '../../ui/icons';
import styles from './Case.module.css';

type Loaded =
  | { state: 'closed' }
  | { state: 'loading' }
  | { state: 'loaded'; entries: readonly HistoryEntry[] }
  | { state: 'failed'; message: string };

/** `timeZone`: the desk calendar's zone, which every time is shown in (named in the heading when it isn't this computer's). */
export function History({ caseId, timeZone }: { caseId: string; timeZone: string }) {
  const target = useStoreTarget();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'closed' });
  const [attempt, setAttempt] = useState(0);
  const headingId = useId();
  const panelId = useId();
  const open = loaded.state !== 'closed';

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` asks for the same case again (Refresh).
  useEffect(() => {
    if (!open) return;
    let current = true;
    setLoaded({ state: 'loading' });
    caseHistory(caseId).then(
      (history) => current && setLoaded({ state: 'loaded', entries: history.entries }),
      (error: unknown) => current && setLoaded({ state: 'failed', message: historyProblem(error) }),
    );
    return () => {
      current = false;
    };
  }, [caseId, open, attempt]);

  if (target?.personId == null) return null;
  return (
    <section aria-labelledby={headingId} className={styles.history} data-testid="case-history">
      <h2 id={headingId} className={styles.sectionTitle}>
        <button
          type="button"
          className={styles.historyToggle}
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setLoaded(open ? { state: 'closed' } : { state: 'loading' })}
        >
          {open ? <ChevronDownIcon size={14} /> : <ChevronRightIcon size={14} />}
          History
        </button>
      </h2>
      {open ? (
        <div id={panelId}>
          {loaded.state === 'loading' ? <p className={styles.dim}>Asking the desk server…</p> : null}
          {loaded.state === 'failed' ? (
            <p className={styles.dim} role="status">
              {loaded.message}
            </p>
          ) : null}
          {loaded.state === 'loaded' ? <HistoryTable entries={loaded.entries} timeZone={timeZone} /> : null}
          {loaded.state === 'loaded' || loaded.state === 'failed' ? (
            <Button size="sm" variant="ghost" onClick={() => setAttempt((n) => n + 1)}>
              Refresh
            </Button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function HistoryTable({ entries, timeZone }: { entries: readonly HistoryEntry[]; timeZone: string }) {
  const when = (at: string) => formatInZone(at, timeZone, 'dateTimeSeconds');
  if (entries.length === 0)
    return (
      <p className={styles.dim}>
        The desk server has no changes to this case yet (it may still be on its way).
      </p>
    );
  return (
    <table className={styles.historyTable}>
      <caption className="visually-hidden">Who changed this case, when and from which device</caption>
      <thead>
        <tr>
          <th scope="col">When{zoneSuffix(timeZone) ? ` (${zoneSuffix(timeZone).trim()})` : ''}</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
          <th scope="col">Device</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={`${entry.clientId}:${entry.mutationId}`}>
            <td>
              <time dateTime={entry.madeAt}>{when(entry.madeAt)}</time>
              {entry.madeOffline ? (
                <span className={styles.historyOffline}>
                  {' '}
                  · made offline, reached the server {when(entry.receivedAt)}
                </span>
              ) : null}
            </td>
            <td>{entry.personName ?? entry.personId}</td>
            <td>
              {describeChange(entry.mutationName)}
              {entry.result === 'rejected' ? (
                <span className={styles.historyRefused}> · refused: {entry.error ?? 'no reason given'}</span>
              ) : null}
            </td>
            <td>
              <abbr title={`Device ${entry.clientId}`}>{shortDevice(entry.clientId)}</abbr>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A device's id in short form, as people compare them: the first eight characters. */
export function shortDevice(clientId: string): string {
  return clientId.slice(0, 8);
}

function historyProblem(error: unknown): string {
  if (error instanceof SyncTransportError) {
    if (error.kind === 'offline' || error.kind === 'server')
      return 'History needs the desk server: it shows once you are back online.';
    if (error.kind === 'signed-out')
      return 'History needs the desk server: sign in again under Settings → Team server to see it.';
    return error.message;
  }
  return `The history could not be read (${error instanceof Error ? error.message : String(error)}).`;
}
