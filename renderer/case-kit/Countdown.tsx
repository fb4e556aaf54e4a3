/**
 * A live countdown to a deadline: in the case calendar's working time for a working-time clock, else in real
 * time. The compact text fits a column; the tooltip says the unit and the due instant in the desk's zone. It
 * re-renders once a second (only while on screen: the queue renders only its visible rows) and at every jump.
 */

import { useMemo } from 'react';
import type { CaseSlaState } from '../../shared/domain';
import type { CompiledCalendar } from '../../shared/sla';
import { DEFAULT_DESK_TIME_ZONE, deviceTimeZone, formatDeskTime, instantMs } from '../../shared/time';
import { useNow } from '../clock';
import { cx } from '../ui/cx';
import styles from './Countdown.module.css';
import { countdown } from './deadline';

export function Countdown({
  dueAt,
  state,
  calendar,
  working,
}: {
  dueAt: string | null;
  state: CaseSlaState;
  /** The case's calendar: its zone for the due instant, its working time when `working`. */
  calendar: CompiledCalendar | undefined;
  /** Whether the deadline's clock counts working time (a query's) rather than real time (24 hours). */
  working: boolean;
}) {
  const now = useNow(1000);
  const zone = calendar?.spec.timeZone ?? DEFAULT_DESK_TIME_ZONE;
  const device = deviceTimeZone();
  // The due instant changes with the case, not the second: not formatted again at every tick.
  const dueText = useMemo(
    () => (dueAt === null ? '' : formatDeskTime(instantMs(dueAt), zone, 'full', device)),
    [dueAt, zone, device],
  );
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
  const left = countdown(due, now.getTime(), working ? calendar : undefined);
  const tone = left.overdue ? 'breached' : state === 'at-risk' ? 'at-risk' : 'on-track';
  return (
    <time
      dateTime={dueAt}
      className={cx(styles.countdown, styles[tone], 'tabular')}
      title={`${left.words} · due ${dueText}`}
      data-testid="countdown"
    >
      {left.text}
    </time>
  );
}
