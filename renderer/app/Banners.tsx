/**
 * Messages across the top of the view: the shell refusing this page, the case store in trouble, a bad `?now=`,
 * the demo desk being set up, and a scheduled report ready for the person using the app.
 */
import { ReportOfferBanner } from '../features/escalations/ReportOfferBanner';
import { useHostConnection } from '../platform/bridge';
import { AlertTriangleIcon, PlugOffIcon } from '../ui/icons';
import styles from './App.module.css';
import { type SeedProgress, useCaseStore, useSeeding } from './case-store';

export function Banners({ clockProblem }: { clockProblem: string | null }) {
  const host = useHostConnection();
  const { problem: storeProblem } = useCaseStore();
  const seeding = useSeeding();
  return (
    <>
      {seeding ? <SeedingBanner progress={seeding} /> : null}
      <ReportOfferBanner />
      {host === 'refused' ? (
        <div className={styles.banner} role="alert">
          <PlugOffIcon size={16} />
          <p>
            <strong>This page is not connected to Desk.</strong> The browser host only accepts the address it
            printed when it started (it carries a per-run access token). Open that address again; your cases
            on this computer are safe.
          </p>
        </div>
      ) : null}
      {storeProblem ? (
        <div className={styles.banner} role="alert">
          <AlertTriangleIcon size={16} />
          <p>{storeProblem.message}</p>
        </div>
      ) : null}
      {clockProblem ? (
        <div className={styles.banner} role="alert">
          <AlertTriangleIcon size={16} />
          <p>{clockProblem}</p>
        </div>
      ) : null}
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
