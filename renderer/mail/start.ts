/**
 * Starting the mail channel on an open store: the ingest loop (mail in → cases) and the outbound loop
 * (queued replies → SMTP), both through the bridge. A scheduled report's PDF is drawn from the store when its
 * message is sent.
 */

import { reportMessageId } from '../../shared/sync';
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
    reportFor: async (row) => {
      const { loadOutstanding, loadOutstandingRun } = await import('../report-kit/report-data');
      // The part of the run this recipient was sent, as it stood; the report now if this desktop lacks the run.
      const personId = row.reportRunId === undefined ? null : recipientOf(row.id, row.reportRunId);
      const run =
        row.reportRunId === undefined ? null : await loadOutstandingRun(store, row.reportRunId, personId);
      return (run ?? (await loadOutstanding(store, store.clock.now()))).printable;
    },
  });
  return () => {
    stopIngest();
    stopOutbound();
  };
}

/** The person a report message is for, from its id (`reportMessageId(runId, personId)`). */
function recipientOf(messageId: string, runId: string): string | null {
  const prefix = reportMessageId(runId, '');
  return messageId.startsWith(prefix) ? messageId.slice(prefix.length) : null;
}
