/** Said at start when `?now=` was earlier than the store's latest change: the clock starts at that change. */
import { useState } from 'react';
import { useDeskTimeZone } from '../case-store/desk-time-zone';
import { useStartedBehind } from '../clock/ClockProvider';
import { formatClock } from '../clock/format';
import { Banner } from '../ui/Banner';
import { Button } from '../ui/Button';
import { AlertTriangleIcon } from '../ui/icons';
import { beforeStoreText, useFreshDemoDesk } from './fresh-demo';

export function StartedBehindBanner() {
  const behind = useStartedBehind();
  const timeZone = useDeskTimeZone();
  const freshDemo = useFreshDemoDesk();
  const [dismissed, setDismissed] = useState(false);
  if (behind === null || dismissed) return null;
  return (
    <Banner
      icon={AlertTriangleIcon}
      testId="clock-behind-store"
      actions={
        <>
          {freshDemo ? (
            <Button size="sm" onClick={() => void freshDemo(behind.askedMs)}>
              Start a fresh demo desk at {formatClock(new Date(behind.askedMs), timeZone)}
            </Button>
          ) : null}
          <Button size="sm" variant="ghost" onClick={() => setDismissed(true)}>
            Keep this desk
          </Button>
        </>
      }
    >
      <strong>The clock starts at {formatClock(new Date(behind.latestMs), timeZone)}, not at ?now=.</strong>{' '}
      {beforeStoreText(behind.askedMs, behind.latestMs, timeZone)}
    </Banner>
  );
}
