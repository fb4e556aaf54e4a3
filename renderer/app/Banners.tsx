/**
 * Messages across the top of the view: the shell refusing this page, the case store in trouble, a bad `?now=`,
 * the demo desk being set up or the first sync with a team server under way, a sign-out by the server, and a
 * scheduled report ready for the person using the app.
 */

import { type SeedProgress, useCaseStore, useSeeding } from '../case-store/case-store';
import { useSyncEngine, useSyncService } from '../case-store/sync-status';
import { useHostConnection } from '../platform/bridge';
import { linkTo, path } from '../shell-services/router';
import { Banner } from '../ui/Banner';
import { AlertTriangleIcon, PlugOffIcon } from '../ui/icons';
import styles from './App.module.css';
import { ReportOfferBanner } from './ReportOfferBanner';
import { StartedBehindBanner } from './StartedBehindBanner';

export function Banners({ clockProblem }: { clockProblem: string | null }) {
  const host = useHostConnection();
  const { problem: storeProblem } = useCaseStore();
  const seeding = useSeeding();
  const service = useSyncService();
  const firstSync = useSyncEngine()?.initialSync ?? null;
  return (
    <>
      {seeding ? <SeedingBanner progress={seeding} /> : null}
      {firstSync ? <FirstSyncBanner progress={firstSync} /> : null}
      {service?.configured && !service.signedIn ? (
        <Banner icon={AlertTriangleIcon} testId="signed-out-banner">
          <strong>You were signed out of the desk server: sign in again.</strong> Your cases and the changes
          waiting on this computer are kept; they sync once you are back.{' '}
          <a {...linkTo(path('settings', 'server'))}>Sign in under Settings → Team server</a>
        </Banner>
      ) : null}
      <ReportOfferBanner />
      {host === 'refused' ? (
        <Banner icon={PlugOffIcon}>
          <strong>This page is not connected to Desk.</strong> The browser host only accepts the address it
          printed when it started (it carries a per-run access token). Open that address again; your cases on
          this computer are safe.
        </Banner>
      ) : null}
      {storeProblem ? <Banner icon={AlertTriangleIcon}>{storeProblem.message}</Banner> : null}
      <StartedBehindBanner />
      {clockProblem ? <Banner icon={AlertTriangleIcon}>{clockProblem}</Banner> : null}
    </>
  );
}

const count = new Intl.NumberFormat('en-GB');

function SeedingBanner({ progress: { done, total } }: { progress: SeedProgress }) {
  return (
    <div className={styles.seeding} role="status" data-testid="demo-seeding">
      <p>
        <strong>Setting up the demo desk</strong>: {count.format(done)} of {count.format(total)} cases written
      </p>
      <progress className={styles.seedingBar} max={total} value={done} aria-label="Demo cases written" />
    </div>
  );
}

/** The first sync of a connected store: cases arrive a page at a time and the queue fills as they do. */
function FirstSyncBanner({
  progress: { done, total },
}: {
  progress: { done: number; total: number | null };
}) {
  return (
    <div className={styles.seeding} role="status" data-testid="first-sync-banner">
      <p>
        <strong>First sync with the desk server</strong>: {count.format(done)}
        {total === null ? '' : ` of ${count.format(total)}`} cases received
      </p>
      {/* The server does not say how many will come: without a total the bar shows activity, not a share. */}
      <progress
        className={styles.seedingBar}
        {...(total === null ? {} : { max: Math.max(1, total), value: done })}
        aria-label="Cases received from the desk server"
      />
    </div>
  );
}
