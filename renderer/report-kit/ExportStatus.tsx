/**
 * One export at a time per view: a progress bar with Cancel while it runs, then one line saying where the
 * file went (or why not). Long exports (a PDF of thousands of cases, a CSV of a hundred thousand rows) stay
 * cancellable at every step.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportOutcome } from '../../shared/ipc/export';
import { Button } from '../ui/Button';
import styles from './ExportStatus.module.css';
import type { CsvOutcome, ExportPhase, ExportProgress } from './export-file';

export type ExportTask = (
  onProgress: (progress: ExportProgress) => void,
  signal: AbortSignal,
) => Promise<ExportOutcome | CsvOutcome>;

interface Running {
  label: string;
  progress: ExportProgress;
  controller: AbortController;
}

export interface Exports {
  running: Running | null;
  /** What the last export came to, in words. */
  result: { text: string; failed: boolean } | null;
  start(label: string, task: ExportTask): void;
  cancel(): void;
}

export function useExports(): Exports {
  const [running, setRunning] = useState<Running | null>(null);
  const [result, setResult] = useState<Exports['result']>(null);
  const current = useRef<AbortController | null>(null);
  useEffect(() => () => current.current?.abort(), []);

  const start = useCallback((label: string, task: ExportTask) => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setResult(null);
    setRunning({ label, progress: { phase: 'preparing', share: null }, controller });
    const onProgress = (progress: ExportProgress) => {
      if (current.current === controller) setRunning({ label, progress, controller });
    };
    task(onProgress, controller.signal).then(
      (outcome) => {
        if (current.current !== controller) return;
        current.current = null;
        setRunning(null);
        setResult(describe(outcome));
      },
      (error: unknown) => {
        if (current.current !== controller) return;
        current.current = null;
        setRunning(null);
        setResult({
          text: `The export failed: ${error instanceof Error ? error.message : String(error)}`,
          failed: true,
        });
      },
    );
  }, []);

  const cancel = useCallback(() => current.current?.abort(), []);
  return { running, result, start, cancel };
}

function describe(outcome: ExportOutcome | CsvOutcome): { text: string; failed: boolean } {
  switch (outcome.status) {
    case 'saved':
      return {
        text: `Saved “${outcome.fileName}” (${pages(outcome.pages)}) to ${outcome.path}.`,
        failed: false,
      };
    case 'download':
      return 'rows' in outcome
        ? { text: `Downloaded “${outcome.fileName}” (${outcome.rows} rows).`, failed: false }
        : { text: `Downloaded “${outcome.fileName}” (${pages(outcome.pages)}).`, failed: false };
    case 'cancelled':
      return { text: 'Export cancelled.', failed: false };
    case 'failed':
      return { text: `The export failed: ${outcome.message}`, failed: true };
  }
}

function pages(count: number): string {
  return `${count} ${count === 1 ? 'page' : 'pages'}`;
}

const PHASES: Readonly<Record<ExportPhase, string>> = {
  preparing: 'Preparing',
  sending: 'Sending the report',
  rendering: 'Printing in Chromium',
  saving: 'Saving',
};

export function ExportStatus({ exports }: { exports: Exports }) {
  const { running, result } = exports;
  if (running === null && result === null) return null;
  return (
    <div className={styles.status} data-testid="export-status">
      {running ? (
        <>
          <div className={styles.label}>
            {running.label}: {PHASES[running.progress.phase]}…
          </div>
          <div
            className={styles.bar}
            role="progressbar"
            aria-label={`${running.label}: ${PHASES[running.progress.phase]}`}
            {...(running.progress.share === null
              ? {}
              : {
                  'aria-valuemin': 0,
                  'aria-valuemax': 100,
                  'aria-valuenow': Math.round(running.progress.share * 100),
                })}
          >
            <div
              className={running.progress.share === null ? styles.indeterminate : styles.fill}
              style={
                running.progress.share === null ? undefined : { width: `${running.progress.share * 100}%` }
              }
            />
          </div>
          <Button size="sm" onClick={exports.cancel}>
            Cancel
          </Button>
        </>
      ) : null}
      <p role="status" className={result?.failed ? styles.failed : styles.result}>
        {running ? '' : (result?.text ?? '')}
      </p>
    </div>
  );
}
