import type { BoardFigure } from '../../../shared/reports';
import { navigate, path } from '../../shell-services/router';
import { cx } from '../../ui/cx';
import styles from './Board.module.css';

/**
 * A number on the board: a button that opens the list of the cases behind it (`#/board/<figure key>`). Its
 * accessible name starts with the number and says what is counted, e.g. "12 cases overdue: Service Desk".
 */
export function Figure({
  figure,
  what,
  tone,
  large,
}: {
  figure: BoardFigure;
  /** "overdue: Service Desk" */
  what: string;
  tone?: 'breached' | 'at-risk';
  large?: boolean;
}) {
  return (
    <button
      type="button"
      className={cx(
        styles.figure,
        large && styles.figureLarge,
        figure.count === 0 ? styles.zero : tone && styles[tone],
      )}
      aria-label={`${figure.count} ${figure.count === 1 ? 'case' : 'cases'} ${what}`}
      data-figure={figure.key}
      onClick={() => navigate(path('board', figure.key))}
    >
      {figure.count}
    </button>
  );
}
