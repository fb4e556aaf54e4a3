/**
 * The manager's overdue board: open, overdue and at-risk cases by owner, team, escalation level, kind and
 * policy; open cases by age; breaches per week over the last 12 weeks; SLA compliance for a chosen period.
 * Every number opens the list of the cases behind it (#/board/<figure key>), and the board follows the app
 * clock and every committed change (see board-source.ts).
 */
import { type ReactNode, useMemo } from 'react';
import {
  type BoardView as BoardFigures,
  type BoardGrouping,
  boardReport,
  boardView,
  type ComplianceLine,
} from '../../../shared/reports';
import { useNow } from '../../clock';
import { ChartFigure } from '../../report-kit/ChartFigure';
import { ExportStatus, useExports } from '../../report-kit/ExportStatus';
import { exportCsv, exportPdf } from '../../report-kit/export-file';
import { PeriodPicker } from '../../report-kit/PeriodPicker';
import { periodFor, periodText, usePeriodChoice } from '../../report-kit/period';
import {
  ageChart,
  boardPrintable,
  breachesChart,
  complianceChart,
  instantText,
  percentText,
  reportFileName,
} from '../../report-kit/printable';
import { useBoard } from '../../report-kit/use-board';
import { useLocation } from '../../shell-services/router';
import { Button } from '../../ui/Button';
import { cx } from '../../ui/cx';
import { AlertOctagonIcon, AlertTriangleIcon, BoardIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/PageHeader';
import styles from './Board.module.css';
import { DrillDown } from './DrillDown';
import { Figure } from './Figure';

const GROUPING_TITLES: Readonly<Record<BoardGrouping, string>> = {
  team: 'By team',
  owner: 'By owner',
  level: 'By escalation level',
  kind: 'By kind',
  policy: 'By policy',
};
const GROUPING_ORDER: readonly BoardGrouping[] = ['team', 'level', 'owner', 'kind', 'policy'];

export function BoardView() {
  const { segments } = useLocation();
  const now = useNow(60_000);
  const choice = usePeriodChoice();
  const period = useMemo(() => periodFor(choice, now), [choice, now]);
  const snapshot = useBoard(period);
  const exports = useExports();
  const board = snapshot?.board ?? null;
  const labels = snapshot?.labels ?? null;
  const version = snapshot?.version ?? 0;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the board mutates in place; `version` says when.
  const view = useMemo(
    () => (board !== null && labels !== null ? boardView(board, labels) : null),
    [board, labels, version],
  );
  const model = useMemo(() => (view === null ? null : boardReport(view, view.now)), [view]);
  const figureKey = segments[1];

  const csv = (sectionId: string) => {
    const section = model?.sections.find((s) => s.id === sectionId);
    if (model === null || section === undefined) return;
    exports.start('CSV', (onProgress, signal) =>
      exportCsv(
        section.table,
        model.timeZone,
        reportFileName(model, 'csv', section.title),
        onProgress,
        signal,
      ),
    );
  };

  return (
    <div className={styles.view}>
      <PageHeader
        title="Overdue board"
        subtitle={
          view
            ? `As at ${instantText(view.now, view.timeZone)} · compliance for ${periodText(view.period, view.timeZone)}`
            : 'Reading the case store…'
        }
        actions={
          <>
            <PeriodPicker now={now} label="Compliance period" />
            <Button
              disabled={view === null || model === null || exports.running !== null}
              onClick={() => {
                if (view === null || model === null) return;
                const report = boardPrintable(view, model);
                exports.start('PDF', (onProgress, signal) =>
                  exportPdf(report, reportFileName(report, 'pdf'), onProgress, signal),
                );
              }}
            >
              Export PDF
            </Button>
          </>
        }
      />
      <ExportStatus exports={exports} />
      {view === null || model === null ? (
        <Loading snapshot={snapshot} />
      ) : (
        <div className={styles.body} data-testid="board">
          <Totals view={view} />
          <section className={styles.band} aria-labelledby="board-by">
            <h2 id="board-by" className={styles.bandTitle}>
              Overdue and at risk
            </h2>
            <div className={styles.groupings}>
              {GROUPING_ORDER.map((grouping) => (
                <Card
                  key={grouping}
                  title={GROUPING_TITLES[grouping]}
                  onCsv={() => csv(`by-${grouping}`)}
                  disabled={exports.running !== null}
                >
                  <GroupingTable view={view} grouping={grouping} />
                </Card>
              ))}
            </div>
          </section>
          <section className={styles.band} aria-labelledby="board-time">
            <h2 id="board-time" className={styles.bandTitle}>
              Age and breaches
            </h2>
            <div className={styles.pair}>
              <Card title="Open cases by age" onCsv={() => csv('age')} disabled={exports.running !== null}>
                <ChartFigure spec={ageChart(view)} width={520} caption={false} />
                <FigureTable
                  header={view.ageHeading}
                  rows={view.age.map((a) => ({
                    label: a.label,
                    figure: a.figure,
                    what: `open for ${a.label.replace('days', view.ageUnit)}`,
                  }))}
                />
              </Card>
              <Card
                title="Breaches per week (last 12 weeks)"
                onCsv={() => csv('breaches-by-week')}
                disabled={exports.running !== null}
              >
                <ChartFigure spec={breachesChart(view)} width={520} caption={false} />
                <FigureTable
                  header="Week starting"
                  rows={view.breachesByWeek.map((w) => ({
                    label: w.weekStart,
                    figure: w.figure,
                    what: `breaching a deadline in the week of ${w.weekStart}`,
                  }))}
                  columns={2}
                />
              </Card>
            </div>
          </section>
          <section className={styles.band} aria-labelledby="board-compliance">
            <h2 id="board-compliance" className={styles.bandTitle}>
              SLA compliance, {periodText(view.period, view.timeZone)}
            </h2>
            <p className={styles.bandNote}>
              Cases with a deadline met or missed in the period; a case is breached if any of its deadlines
              was missed (a late answer is a breach).
            </p>
            <div className={styles.pair}>
              <Card
                title="By policy"
                onCsv={() => csv('compliance-by-policy')}
                disabled={exports.running !== null}
              >
                <ComplianceTable lines={[view.compliance.all, ...view.compliance.policies]} header="Policy" />
                <ChartFigure spec={complianceChart(view)} width={520} />
              </Card>
              <Card
                title="By target"
                onCsv={() => csv('compliance-by-target')}
                disabled={exports.running !== null}
              >
                <ComplianceTable lines={view.compliance.targets} header="Policy: target" />
              </Card>
            </div>
          </section>
        </div>
      )}
      {board !== null && labels !== null && figureKey !== undefined ? (
        <DrillDown board={board} labels={labels} figureKey={figureKey} version={version} exports={exports} />
      ) : null}
    </div>
  );
}

function Loading({ snapshot }: { snapshot: ReturnType<typeof useBoard> }) {
  if (snapshot?.status === 'failed') {
    return (
      <p className={styles.problem} role="alert">
        The board could not be computed: {snapshot.problem?.message}
      </p>
    );
  }
  const loaded = snapshot?.loaded;
  return (
    <p className={styles.loading} role="status">
      {loaded ? `Reading cases: ${loaded.done} of ${loaded.total}…` : 'Opening the case store…'}
    </p>
  );
}

function Totals({ view }: { view: BoardFigures }) {
  return (
    <section className={styles.totals} aria-label="Totals">
      <div className={styles.tile}>
        <BoardIcon size={18} aria-hidden="true" />
        <span className={styles.tileLabel}>Open cases</span>
        <Figure figure={view.open} what="open" large />
      </div>
      <div className={cx(styles.tile, styles.tileBreached)}>
        <AlertOctagonIcon size={18} aria-hidden="true" />
        <span className={styles.tileLabel}>Overdue</span>
        <Figure figure={view.overdue} what="overdue" tone="breached" large />
      </div>
      <div className={cx(styles.tile, styles.tileAtRisk)}>
        <AlertTriangleIcon size={18} aria-hidden="true" />
        <span className={styles.tileLabel}>At risk</span>
        <Figure figure={view.atRisk} what="at risk" tone="at-risk" large />
      </div>
    </section>
  );
}

function Card({
  title,
  children,
  onCsv,
  disabled,
}: {
  title: string;
  children: ReactNode;
  onCsv: () => void;
  disabled: boolean;
}) {
  return (
    <div className={styles.card}>
      <div className={styles.cardHead}>
        <h3 className={styles.cardTitle}>{title}</h3>
        <Button
          size="sm"
          variant="ghost"
          onClick={onCsv}
          disabled={disabled}
          aria-label={`Export CSV: ${title}`}
        >
          CSV
        </Button>
      </div>
      {children}
    </div>
  );
}

function GroupingTable({ view, grouping }: { view: BoardFigures; grouping: BoardGrouping }) {
  const lines = view.by[grouping];
  const name = GROUPING_TITLES[grouping].replace(/^By /, '');
  return (
    <table
      className={styles.table}
      aria-label={`Overdue and at risk ${GROUPING_TITLES[grouping].toLowerCase()}`}
    >
      <thead>
        <tr>
          <th scope="col">{name[0]!.toUpperCase() + name.slice(1)}</th>
          <th scope="col" className={styles.num}>
            Overdue
          </th>
          <th scope="col" className={styles.num}>
            At risk
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.length === 0 ? (
          <tr>
            <td colSpan={3} className={styles.none}>
              Nothing overdue or at risk.
            </td>
          </tr>
        ) : (
          lines.map((line) => (
            <tr key={line.value}>
              <th scope="row">{line.label}</th>
              <td className={styles.num}>
                <Figure figure={line.overdue} what={`overdue: ${line.label}`} tone="breached" />
              </td>
              <td className={styles.num}>
                <Figure figure={line.atRisk} what={`at risk: ${line.label}`} tone="at-risk" />
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

function FigureTable({
  header,
  rows,
  columns = 1,
}: {
  header: string;
  rows: { label: string; figure: BoardFigures['open']; what: string }[];
  columns?: 1 | 2;
}) {
  return (
    <table className={cx(styles.table, columns === 2 && styles.twoColumns)}>
      <thead>
        <tr>
          <th scope="col">{header}</th>
          <th scope="col" className={styles.num}>
            Cases
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td className={styles.num}>
              <Figure figure={row.figure} what={row.what} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ComplianceTable({ lines, header }: { lines: ComplianceLine[]; header: string }) {
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th scope="col">{header}</th>
          <th scope="col" className={styles.num}>
            Met
          </th>
          <th scope="col" className={styles.num}>
            Breached
          </th>
          <th scope="col" className={styles.num}>
            Compliance
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.length === 0 ? (
          <tr>
            <td colSpan={4} className={styles.none}>
              No deadline was met or missed in the period.
            </td>
          </tr>
        ) : (
          lines.map((line) => (
            <tr key={line.value || 'all'}>
              <th scope="row">{line.label}</th>
              <td className={styles.num}>
                <Figure figure={line.met} what={`met: ${line.label}`} />
              </td>
              <td className={styles.num}>
                <Figure figure={line.breached} what={`breached: ${line.label}`} tone="breached" />
              </td>
              <td className={styles.num}>
                <Meter share={line.compliance} />
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

/** The share as a number, with a bar behind it for a quick read (the number says it without the bar). */
function Meter({ share }: { share: number | null }) {
  return (
    <span className={styles.meter}>
      <span className={styles.meterText}>{percentText(share)}</span>
      <span className={styles.meterTrack} aria-hidden="true">
        <span className={styles.meterFill} style={{ width: `${(share ?? 0) * 100}%` }} />
      </span>
    </span>
  );
}
