/**
 * Reports: the list (#/reports) and one report at a time (#/reports/<report>), shown as the document that
 * prints, with its period, PDF export, CSV of every table and a print view (#/print/<report>/…).
 */
import { type FormEvent, useState } from 'react';
import { useNow } from '../../clock';
import { ExportStatus, useExports } from '../../report-kit/ExportStatus';
import { exportCsv, exportPdf } from '../../report-kit/export-file';
import { PeriodPicker } from '../../report-kit/PeriodPicker';
import { reportFileName } from '../../report-kit/printable';
import { REPORT_KINDS, type ReportKindId } from '../../report-kit/report-data';
import { linkTo, navigate, path, useLocation } from '../../shell-services/router';
import { Button } from '../../ui/Button';
import { TextInput } from '../../ui/Field';
import { ReportsIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/PageHeader';
import { ReportDocument } from './ReportDocument';
import styles from './Reports.module.css';
import { type ReportRoute, reportRoute, routeSegments, useLocalReport, useRoutePeriod } from './use-report';

const REPORTS: Readonly<Record<ReportKindId, { title: string; purpose: string }>> = {
  outstanding: {
    title: 'Outstanding cases',
    purpose:
      'Every open case grouped by division and line manager, with age, level, owner, next deadline and last update; a summary page with counts per group and level. The fortnightly report.',
  },
  compliance: {
    title: 'SLA compliance',
    purpose: 'Met and breached per policy and per target for a period, with every breached deadline listed.',
  },
  'complaints-register': {
    title: 'Complaints register',
    purpose:
      'Complaints received in a period: stage, acknowledgement and response due and done, Head of Department reviews, external referrals. Confidential.',
  },
  evidence: {
    title: 'Case evidence',
    purpose:
      'One case’s whole timeline and every deadline with how it was worked out, for a complaint response.',
  },
};

export function ReportsView() {
  const { segments } = useLocation();
  const route = reportRoute(segments.slice(1));
  return route === null || route.kind === 'board' ? <ReportList /> : <ReportPage route={route} />;
}

function ReportList() {
  return (
    <div className={styles.view}>
      <PageHeader title="Reports" subtitle="Printed to PDF by Chromium, each table also as CSV." />
      <ul className={styles.list}>
        {REPORT_KINDS.map((kind) => (
          <li key={kind} className={styles.item}>
            <ReportsIcon size={18} aria-hidden="true" />
            <div>
              <a {...linkTo(path('reports', kind))} className={styles.itemTitle}>
                {REPORTS[kind].title}
              </a>
              <p className={styles.itemPurpose}>{REPORTS[kind].purpose}</p>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ReportPage({ route }: { route: Exclude<ReportRoute, { kind: 'board' }> }) {
  const now = useNow(60_000);
  const period = useRoutePeriod(route);
  const { report, problem } = useLocalReport(route);
  const exports = useExports();
  const busy = exports.running !== null;
  const info = REPORTS[route.kind];
  const printable = report?.printable ?? null;

  const csv = (id: string) => {
    const found = report?.tables.find((t) => t.id === id);
    if (report === null || found === undefined) return;
    const fileName = reportFileName(report.printable, 'csv', found.title);
    exports.start('CSV', (onProgress, signal) =>
      exportCsv(found.table, report.model.timeZone, fileName, onProgress, signal),
    );
  };

  return (
    <div className={styles.view}>
      <div className={styles.toolbar} role="toolbar" aria-label={`${info.title} report`}>
        <nav aria-label="Breadcrumb" className={styles.crumbs}>
          <a {...linkTo(path('reports'))}>Reports</a>
          <span aria-hidden="true">›</span>
          {route.kind === 'outstanding' && route.runId !== null ? (
            <>
              <a {...linkTo(path('reports', 'outstanding'))}>{info.title}</a>
              <span aria-hidden="true">›</span>
              <span aria-current="page">As it stood at {printable ? printable.generatedText : '…'}</span>
            </>
          ) : (
            <span aria-current="page">{info.title}</span>
          )}
        </nav>
        <div className={styles.tools}>
          {route.kind === 'compliance' || route.kind === 'complaints-register' ? (
            <PeriodPicker now={now} label={route.kind === 'compliance' ? 'Period' : 'Received'} />
          ) : null}
          {route.kind === 'evidence' ? <CaseChooser reference={route.reference} /> : null}
          {route.kind === 'outstanding' ? (
            <Button size="sm" disabled={report === null || busy} onClick={() => csv('all-cases')}>
              CSV of all cases
            </Button>
          ) : null}
          <a
            className={styles.printLink}
            {...linkTo(path('print', ...routeSegments(route, period)))}
            aria-disabled={printable === null}
          >
            Print view
          </a>
          <Button
            variant="primary"
            size="sm"
            disabled={printable === null || busy}
            onClick={() => {
              if (printable === null) return;
              exports.start('PDF', (onProgress, signal) =>
                exportPdf(printable, reportFileName(printable, 'pdf'), onProgress, signal),
              );
            }}
          >
            Export PDF
          </Button>
        </div>
      </div>
      <ExportStatus exports={exports} />
      <div className={styles.paper}>
        {printable ? (
          <ReportDocument
            report={printable}
            sectionActions={(section) => (
              <Button
                size="sm"
                variant="ghost"
                disabled={busy}
                onClick={() => csv(section.id)}
                aria-label={`Export CSV: ${section.title}`}
              >
                CSV
              </Button>
            )}
          />
        ) : (
          <p className={styles.message} role="status">
            {problem ??
              (route.kind === 'evidence' && route.reference === null
                ? 'Enter a case reference to see its evidence.'
                : 'Preparing the report…')}
          </p>
        )}
      </div>
    </div>
  );
}

function CaseChooser({ reference }: { reference: string | null }) {
  const [text, setText] = useState(reference ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed) navigate(path('reports', 'evidence', trimmed.toUpperCase()));
  };
  return (
    <form className={styles.chooser} onSubmit={submit} aria-label="Choose a case">
      <label htmlFor="evidence-ref" className={styles.chooserLabel}>
        Case reference
      </label>
      <TextInput
        id="evidence-ref"
        value={text}
        placeholder="Q-10428"
        onChange={(event) => setText(event.target.value)}
        size={12}
      />
      <Button type="submit" size="sm">
        Show
      </Button>
    </form>
  );
}
