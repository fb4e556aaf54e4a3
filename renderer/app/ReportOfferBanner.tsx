/** "Outstanding cases report ready": the last scheduled report, offered to the people it is for. */

import { formatClock } from '../clock';
import { useReportOffer } from '../escalation-runner/report-offer';
import { linkTo, path } from '../shell-services/router';
import { Button } from '../ui/Button';
import { ReportsIcon } from '../ui/icons';
import styles from './ReportOfferBanner.module.css';

export function ReportOfferBanner() {
  const offer = useReportOffer();
  if (offer === null) return null;
  const { run, me, dismiss } = offer;
  const total = run.totals?.[me] ?? run.total;
  const link = linkTo(path(...run.route.split('/')));
  return (
    <div className={styles.offer} role="status" data-testid="report-offer">
      <ReportsIcon size={16} />
      <p>
        <strong>Outstanding cases report ready</strong>: {total.total} open, {total.overdue} overdue, as at{' '}
        <time dateTime={run.scheduledAt}>{formatClock(new Date(run.scheduledAt))}</time>
        {run.occurrences > 1 ? ` (one report for ${run.occurrences} dates missed while Desk was closed)` : ''}
        . It is queued to be mailed to you too.
      </p>
      <a
        href={link.href}
        onClick={(event) => {
          link.onClick(event);
          dismiss();
        }}
      >
        Open the report
      </a>
      <Button size="sm" variant="ghost" onClick={dismiss}>
        Dismiss
      </Button>
    </div>
  );
}
