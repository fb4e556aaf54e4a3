/**
 * One report as a printable document: title block (with the confidentiality mark where it applies, the
 * generation time and the period), then each section's chart and table. The same markup is the in-app view,
 * the print route and — printed by Chromium — the PDF; the print styles give A4 pages, tables whose header
 * repeats on every page and whose rows never split, and a page break where a section asks for one.
 */
import type { ReactNode } from 'react';
import type { PrintableReport, PrintableSection } from '../../../shared/ipc/export';
import { cx } from '../../ui/cx';
import { ChartFigure } from './ChartFigure';
import styles from './ReportDocument.module.css';

export interface ReportDocumentProps {
  report: PrintableReport;
  /** Per-section controls shown on screen only (e.g. the section's CSV export). */
  sectionActions?: (section: PrintableSection) => ReactNode;
}

export function ReportDocument({ report, sectionActions }: ReportDocumentProps) {
  return (
    <article
      className={cx(styles.document, report.orientation === 'landscape' && styles.landscape)}
      aria-labelledby="report-title"
      data-testid="report-document"
    >
      <header className={styles.titleBlock}>
        {report.confidential ? (
          <p className={styles.confidential}>Confidential — handle in confidence</p>
        ) : null}
        <h1 id="report-title" className={styles.title}>
          {report.title}
        </h1>
        <dl className={styles.meta}>
          <div>
            <dt>Generated</dt>
            <dd>{report.generatedText}</dd>
          </div>
          {report.periodText ? (
            <div>
              <dt>Period</dt>
              <dd>{report.periodText}</dd>
            </div>
          ) : null}
        </dl>
        {report.summary ? <p className={styles.summary}>{report.summary}</p> : null}
      </header>
      {report.sections.map((section) => (
        <Section key={section.id} section={section} actions={sectionActions?.(section)} />
      ))}
    </article>
  );
}

function Section({ section, actions }: { section: PrintableSection; actions: ReactNode }) {
  const headingId = `section-${section.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const dense = section.columns.length > 10;
  const lastRow = section.rows.length - 1;
  const cellClass = section.columns.map((column) =>
    cx(column.numeric && styles.numeric, column.nowrap && styles.nowrap),
  );
  return (
    <section
      className={cx(styles.section, section.breakBefore && styles.breakBefore)}
      aria-labelledby={headingId}
    >
      <div className={styles.sectionHead}>
        <h2 id={headingId} className={styles.sectionTitle}>
          {section.title}
        </h2>
        {actions ? <div className={styles.sectionActions}>{actions}</div> : null}
      </div>
      {section.note ? <p className={styles.note}>{section.note}</p> : null}
      {section.chart ? <ChartFigure spec={section.chart} /> : null}
      <table className={cx(styles.table, dense && styles.dense)} aria-labelledby={headingId}>
        <thead>
          <tr>
            {section.columns.map((column, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a printed table's rows and cells are positions: never reordered, no state.
              <th key={i} scope="col" className={cx(column.numeric && styles.numeric)}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {section.rows.length === 0 ? (
            <tr>
              <td colSpan={section.columns.length} className={styles.empty}>
                Nothing to list.
              </td>
            </tr>
          ) : (
            section.rows.map((row, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a printed table's rows and cells are positions: never reordered, no state.
              <tr key={r} className={cx(section.totalRow && r === lastRow && styles.total)}>
                {row.map((cell, c) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a printed table's rows and cells are positions: never reordered, no state.
                  <td key={c} className={cellClass[c]}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}
