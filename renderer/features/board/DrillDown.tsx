/**
 * The cases behind one figure: exactly the figure's drill-down list (its length is the number on the board),
 * live while open, with each reference opening its case, and the list as CSV.
 */
import { useMemo } from 'react';
import { type Board, type BoardLabels, drillDownTable, tableText } from '../../../shared/reports';
import { ExportStatus, type Exports } from '../../report-kit/ExportStatus';
import { exportCsv } from '../../report-kit/export-file';
import { linkTo, navigate, path } from '../../shell-services/router';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import styles from './Board.module.css';

export function DrillDown({
  board,
  labels,
  figureKey,
  version,
  exports,
}: {
  board: Board;
  labels: BoardLabels;
  figureKey: string;
  /** The board's version: the list is re-read when it moves. */
  version: number;
  exports: Exports;
}) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the board mutates in place; `version` says when.
  const table = useMemo(() => drillDownTable(board, figureKey, labels), [board, figureKey, labels, version]);
  const [header = [], ...rows] = useMemo(() => tableText(table, board.timeZone), [table, board.timeZone]);
  const count = table.rows.length;
  const fileName = `${table.title.replace(/[/\\:*?"<>|]+/g, '-')} ${board.now.slice(0, 10)}.csv`;

  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (!open) navigate(path('board'));
      }}
      title={table.title}
      width="lg"
      className={styles.drillDialog}
    >
      <div className={styles.drillBar}>
        <p className={styles.drillCount} data-testid="drill-count">
          {count} {count === 1 ? 'case' : 'cases'}
        </p>
        <Button
          size="sm"
          disabled={exports.running !== null}
          onClick={() =>
            exports.start('CSV', (onProgress, signal) =>
              exportCsv(table, board.timeZone, fileName, onProgress, signal),
            )
          }
        >
          Export CSV
        </Button>
      </div>
      <ExportStatus exports={exports} />
      <div className={styles.drillScroll}>
        <table className={styles.drillTable} aria-label={`${table.title}: ${count} cases`}>
          <thead>
            <tr>
              {header.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((cells, i) => {
              const id = table.rows[i]!.id;
              return (
                <tr key={id}>
                  <td>
                    <a {...linkTo(path('queue', id))}>{cells[0]}</a>
                  </td>
                  {cells.slice(1).map((cell, c) => (
                    <td key={header[c + 1]}>{cell}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
        {count === 0 ? <p className={styles.drillEmpty}>No cases behind this figure now.</p> : null}
      </div>
    </Dialog>
  );
}
