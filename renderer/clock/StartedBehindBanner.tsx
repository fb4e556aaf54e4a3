/** Said at start when `?now=` was earlier than the store's latest change: the clock starts at that change. */
import { useState } from 'react';
import { useDeskTimeZone } from '../case-store/desk-time-zone';
import { Button } from '../ui/Button';
import { AlertTriangleIcon } from '../ui/icons';
import { useStartedBehind } from './ClockProvider';
import { formatClock } from './format';
import { beforeStoreText, useFreshDemoDesk } from './fresh-demo';
import styles from './TimeTravelControl.module.css';

export function StartedBehindBanner() {
  const behind = useStartedBehind();
  const timeZone = useDeskTimeZone();
  const freshDemo = useFreshDemoDesk();
  const [dismissed, setDismissed] = useState(false);
  if (behind === null || dismissed) return null;
  return (
    <div className={styles.behind} role="alert" data-testid="clock-behind-store">
      <AlertTriangleIcon size={16} />
      <p>
        <strong>The clock starts at {formatClock(new Date(behind.latestMs), timeZone)}, not at ?now=.</strong>{' '}
        {beforeStoreText(behind.askedMs, behind.latestMs, timeZone)}
      </p>
      {freshDemo ? (
        <Button size="sm" onClick={() => void freshDemo(behind.askedMs)}>
          Start a fresh demo desk at {formatClock(new Date(behind.askedMs), timeZone)}
        </Button>
      ) : null}
      <Button size="sm" variant="ghost" onClick={() => setDismissed(true)}>
        Keep this desk
      </Button>
    </div>
  );
}
