/**
 * The print route: one report and nothing else, for Chromium to print.
 * - `#/print/job/<id>`: a report the shell is printing to PDF, fetched over the bridge by its job id; the page
 *   tells the shell when it has drawn it (the shell's Chromium shares nothing else with the person's browser).
 * - `#/print/<report>/…`: a report from this browser's own store, to print with the browser's Print command.
 */
import { useEffect, useState } from 'react';
import type { PrintableReport } from '../../../shared/ipc/export';
import { CaseStoreProvider } from '../../case-store/case-store';
import type { TravelClock } from '../../clock';
import { desk } from '../../platform/bridge';
import { linkTo, path, useLocation } from '../../shell-services/router';
import { Button } from '../../ui/Button';
import styles from './PrintView.module.css';
import { ReportDocument } from './ReportDocument';
import { type ReportRoute, reportRoute, useLocalReport } from './use-report';

export default function PrintView({ clock }: { clock: TravelClock }) {
  const { segments } = useLocation();
  useEffect(() => {
    document.documentElement.classList.add(styles.flow!);
    return () => document.documentElement.classList.remove(styles.flow!);
  }, []);
  if (segments[1] === 'job') return <JobPrint jobId={segments[2] ?? ''} />;
  const route = reportRoute(segments.slice(1));
  return (
    <CaseStoreProvider clock={clock}>
      {route === null ? (
        <p className={styles.message}>There is no such report to print.</p>
      ) : (
        <LocalPrint route={route} />
      )}
    </CaseStoreProvider>
  );
}

function JobPrint({ jobId }: { jobId: string }) {
  const [report, setReport] = useState<PrintableReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    desk.getPrintJob(jobId).then(
      (job) => current && setReport(job),
      (error: unknown) => {
        if (!current) return;
        const message = error instanceof Error ? error.message : String(error);
        setProblem(message);
        void desk.printJobRendered(jobId, message).catch(() => {});
      },
    );
    return () => {
      current = false;
    };
  }, [jobId]);
  useDrawn(report, (drawn) => {
    void desk.printJobRendered(jobId, drawn).catch(() => {});
  });
  if (problem !== null) return <p className={styles.message}>{problem}</p>;
  return report === null ? null : <ReportDocument report={report} />;
}

function LocalPrint({ route }: { route: ReportRoute }) {
  const loaded = useLocalReport(route);
  useDrawn(loaded.report?.printable ?? null, () => {});
  return (
    <>
      <div className={styles.bar}>
        <a {...linkTo(route.kind === 'board' ? path('board') : path('reports', route.kind))}>
          Back to the {route.kind === 'board' ? 'board' : 'report'}
        </a>
        <Button variant="primary" onClick={() => window.print()} disabled={loaded.report === null}>
          Print
        </Button>
      </div>
      {loaded.report ? (
        <ReportDocument report={loaded.report.printable} />
      ) : (
        <p className={styles.message}>{loaded.problem ?? 'Preparing the report…'}</p>
      )}
    </>
  );
}

/**
 * Calls `onDrawn(null)` once `report` is on screen and settled (fonts loaded, charts laid out: no DOM change
 * for a moment), marking the page `data-print-ready`; `onDrawn(reason)` if that takes too long.
 */
function useDrawn(report: PrintableReport | null, onDrawn: (problem: string | null) => void): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per report; onDrawn is a fresh closure each render.
  useEffect(() => {
    if (report === null) return;
    document.title = report.title;
    let done = false;
    const finish = (problem: string | null) => {
      if (done) return;
      done = true;
      observer.disconnect();
      clearTimeout(quiet);
      clearTimeout(limit);
      document.documentElement.dataset.printReady = problem === null ? 'true' : 'failed';
      onDrawn(problem);
    };
    let quiet: ReturnType<typeof setTimeout> | undefined;
    const settle = () => {
      clearTimeout(quiet);
      quiet = setTimeout(() => void document.fonts.ready.then(() => finish(null)), QUIET_MS);
    };
    const observer = new MutationObserver(settle);
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    const limit = setTimeout(() => finish('the report did not finish drawing'), LIMIT_MS);
    settle();
    return () => {
      done = true;
      observer.disconnect();
      clearTimeout(quiet);
      clearTimeout(limit);
      delete document.documentElement.dataset.printReady;
    };
  }, [report]);
}

const QUIET_MS = 120;
const LIMIT_MS = 60_000;
