/**
 * A live countdown to a deadline in the case calendar's working time. It re-renders once a second (only while
 * on screen: the queue renders only its visible rows) and at every time-travel jump.
 */
import type { CaseSlaState } from '../../../shared/domain';
import type { CompiledCalendar } from '../../../shared/sla';
import { instantMs } from '../../../shared/time';
import { cx } from '../../ui/cx';
import { useNow } from '../time-travel';
import styles from './Countdown.module.css';
import { countdown } from './deadline';

const exact = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short' });

export function Countdown({
  dueAt,
  state,
  calendar,
}: {
  dueAt: string | null;
  state: CaseSlaState;
  calendar: CompiledCalendar | undefined;
}) {
  const now = useNow(1000);
  if (state === 'paused') {
    return (
      <span className={cx(styles.countdown, styles.paused)} title="The clock is paused while the case waits">
        paused
      </span>
    );
  }
  if (dueAt === null) {
    return (
      <span className={cx(styles.countdown, styles.none)} title="No SLA clock is running">
        —
      </span>
    );
  }
  const due = instantMs(dueAt);
  const left = countdown(due, now.getTime(), calendar);
  const tone = left.overdue ? 'breached' : state === 'at-risk' ? 'at-risk' : 'on-track';
  return (
    <time
      dateTime={dueAt}
      className={cx(styles.countdown, styles[tone], 'tabular')}
      title={`Due ${exact.format(new Date(due))}${calendar ? ' (counted in working time)' : ''}`}
      data-testid="countdown"
    >
      {left.text}
    </time>
  );
}
