/**
 * Starting the mail channel on an open store: the ingest loop (mail in → cases) and the outbound loop
 * (queued replies → SMTP), both through the bridge. A scheduled report's PDF is drawn from the store when its
 * message is sent.
 */
import type { CaseStore } from '../db';
import { desk } from '../platform/bridge';
import { startMailIngest } from './ingest';
import { startOutbound } from './outbound';
import { startMailStatus } from './status';

/** Starts both loops; `team` when the store syncs with a desk server. Returns the stop. */
export function startMail(store: CaseStore, { team }: { team: boolean }): () => void {
  startMailStatus();
  const stopIngest = startMailIngest(store, desk);
  const stopOutbound = startOutbound(store, desk, {
    team,
    reportFor: async () => {
      const { loadOutstanding } = await import('../features/reports/report-data');
      return (await loadOutstanding(store, store.clock.now())).printable;
    },
  });
  return () => {
    stopIngest();
    stopOutbound();
  };
}
