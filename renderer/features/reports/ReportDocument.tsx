/**
 * One report as a printable document: title block (with the confidentiality mark where it applies, the
 * generation time and the period), then each section's chart and table. The same markup is the in-app view,
 * the print route and — printed by Chromium — the PDF; the print styles give A4 pages, tables whose header
 * repeats on every page and whose rows never split, and a section kept on one page where it asks to be and fits.
 */
import { Fragment, type ReactNode } from 'react';
import type { PrintableReport, PrintableSection } from '../../../shared/ipc/export';
import { ChartFigure } from '../../report-kit/ChartFigure';
import { cx } from '../../ui/cx';
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
  const wide = widestTextColumn(section);
  const cellClass = section.columns.map((column) =>
    cx(column.numeric && styles.numeric, column.wrap === 'never' && styles.nowrap),
  );
  const headClass = section.columns.map((column, i) =>
    cx(column.numeric && styles.numeric, i === wide && styles.wide),
  );
  return (
    <section
      className={cx(styles.section, section.keepTogether && styles.keepTogether)}
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
              <th key={i} scope="col" className={headClass[i]}>
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
                    {section.columns[c]?.wrap === 'spaces' ? <Words text={cell} /> : cell}
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

/**
 * The column of longest text (a subject, a description), given the room it needs so short columns do not
 * squeeze it to a word per line; -1 when no column reads long.
 */
function widestTextColumn(section: PrintableSection): number {
  if (section.columns.length < 4) return -1;
  let widest = -1;
  let longest = 18;
  section.columns.forEach((column, c) => {
    if (column.numeric || column.wrap !== 'normal') return;
    let total = 0;
    for (const row of section.rows) total += row[c]?.length ?? 0;
    const mean = section.rows.length === 0 ? 0 : total / section.rows.length;
    if (mean > longest) {
      longest = mean;
      widest = c;
    }
  });
  return widest;
}

/** Text that breaks only between words: "2026-03-02 17:00" may go onto two lines, never "2026-03-" and "02". */
function Words({ text }: { text: string }) {
  const lines = text.split('\n');
  return lines.map((line, l) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the lines and words of one cell's text, in order.
    <Fragment key={l}>
      {l > 0 ? '\n' : null}
      {line.split(' ').map((word, w) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the words of one line, in order.
        <Fragment key={w}>
          {w > 0 ? ' ' : null}
          <span className={styles.nowrap}>{word}</span>
        </Fragment>
      ))}
    </Fragment>
  ));
}
