/**
 * The scheduled report offered to the people it is for: the last run's summary, kept in the store's meta
 * (so it survives a reload) and mirrored here for the banner, which must not load the store's code to paint.
 */
import { create } from 'zustand';
import type {
  OutstandingGroup,
  OutstandingHeader,
  OutstandingSummaryLine,
  ReportRecipient,
} from '../../shared/reports';

/** The route of a stored run of the outstanding-cases report: `reports/outstanding/run/<run id>`. */
export const OUTSTANDING_RUN_ROUTE = 'reports/outstanding/run';

/** Where a run is kept in the store's meta. */
export function reportRunKey(runId: string): string {
  return `report-run:${runId}`;
}

/** One generated run of a scheduled report job. */
export interface ReportRun {
  /** The job run's id (`outstanding-queries-report:2026-03-16T09:00`). */
  runId: string;
  jobId: string;
  policyId: string;
  name: string;
  /** The occurrence it stands for, and when it was generated (ISO). */
  scheduledAt: string;
  generatedAt: string;
  /** Above 1: dates missed while Desk was closed, folded into this one run. */
  occurrences: number;
  /** Since the previous run (or since the schedule started on this desktop). */
  period: { from: string; to: string } | null;
  /** Who it is for: the job's `notify` and `escalateTo` roles resolved in the directory. */
  recipientIds: string[];
  /** Each recipient's part (all of it, their teams' section, their division's overview). */
  recipients: ReportRecipient[];
  /** The headline figures of each recipient's part, by person id. */
  totals: Record<string, OutstandingSummaryLine>;
  total: OutstandingSummaryLine;
  groups: OutstandingSummaryLine[];
  /** What the report showed, so it is shown again as it stood at its instant. */
  stored: { groups: OutstandingGroup[]; header: OutstandingHeader };
  /** The route of the run's view. */
  route: string;
}

export interface ReportOffer {
  run: ReportRun;
  dismissed: boolean;
}

export const REPORT_OFFER_KEY = 'report-offer';

interface OfferState {
  offer: ReportOffer | null;
  /** The directory id of the person using this desktop (the banner shows only to a recipient). */
  me: string | null;
  /** Set by the runner once the store is open: records the dismissal in the store. */
  dismiss: (() => void) | null;
}

export const useReportOfferStore = create<OfferState>(() => ({ offer: null, me: null, dismiss: null }));

/** The offer for this desktop's person, or null (none, dismissed, or not for them). */
export function useReportOffer(): { run: ReportRun; me: string; dismiss: () => void } | null {
  const { offer, me, dismiss } = useReportOfferStore();
  if (offer === null || offer.dismissed || me === null || dismiss === null) return null;
  if (!offer.run.recipientIds.includes(me)) return null;
  return { run: offer.run, me, dismiss };
}
