/**
 * The complaints register: every complaint and formal complaint received in the period, where it stands,
 * whether it was acknowledged and answered on time, Head of Department reviews (and late requests for
 * them), and external referrals. Confidential, like the complaints themselves.
 */
import { type CaseKind, type CaseStatus, isOpenStatus } from '../domain/vocabulary';
import type { SlaClock } from '../sla';
import { formatInstant, instantMs } from '../time';
import { kindName } from './board-view';
import type { CaseHistory } from './history';
import {
  column,
  DEFAULT_REPORT_TIME_ZONE,
  type Directory,
  indexDirectory,
  normalizePeriod,
  ownerOf,
  type ReportModel,
  type ReportTable,
  toMs,
} from './model';

/** Which of a policy's targets fill the register's columns. */
export interface RegisterTargets {
  acknowledgement?: string;
  response?: string;
  /** The Head of Department's response. */
  hodResponse?: string;
  /** The window in which the complainant may ask for the Head of Department's review. */
  hodReviewWindow?: string;
}

/** The presets' targets: a complaint's 24-hour response acknowledges it; its resolution is the response. */
export const PRESET_REGISTER_TARGETS: Readonly<Record<string, RegisterTargets>> = {
  complaint: { acknowledgement: 'first-response', response: 'resolution' },
  'formal-complaint': {
    acknowledgement: 'formal-acknowledgement',
    response: 'formal-response',
    hodResponse: 'hod-response',
    hodReviewWindow: 'hod-review-window',
  },
};

export const COMPLAINT_KINDS: readonly CaseKind[] = ['complaint', 'formal-complaint'];

/** A deadline as the register shows it. */
export interface RegisterDeadline {
  dueAt: Date | null;
  doneAt: Date | null;
  /** 'On time', 'Late' (met after the deadline), 'Overdue', 'Due', 'Paused', 'Not started', or '' without such a target. */
  outcome: string;
}

export interface RegisterEntry {
  caseId: string;
  ref: string;
  kind: string;
  subject: string;
  complainant: string;
  receivedAt: string;
  stage: string;
  status: CaseStatus;
  owner: string;
  acknowledgement: RegisterDeadline;
  response: RegisterDeadline;
  /** When the complainant asked for the Head of Department's review, if they did. */
  hodRequestedAt: string | null;
  /** Asked after the review window had closed (accepted, and recorded as late). */
  hodRequestLate: boolean;
  hodResponse: RegisterDeadline;
  /** "The Proctors (ref P-12), 2026-02-03". */
  referral: string;
  referredAt: string | null;
}

export interface ComplaintsRegister extends ReportModel {
  kind: 'complaints-register';
  entries: RegisterEntry[];
  totals: {
    received: number;
    open: number;
    acknowledgedLate: number;
    respondedLate: number;
    hodReviews: number;
    hodRequestsLate: number;
    referrals: number;
  };
}

export interface RegisterOptions {
  directory: Directory;
  /** Complaints received in [from, to); null for every complaint on record. */
  period: { from: Date | string; to: Date | string } | null;
  now: Date | string;
  /** By policy id; defaults to the presets'. */
  targets?: Readonly<Record<string, RegisterTargets>>;
  timeZone?: string;
}

/** `cases` with their histories and SLA at `now` (see caseHistories); other kinds are skipped. */
export function complaintsRegister(
  cases: Iterable<CaseHistory>,
  options: RegisterOptions,
): ComplaintsRegister {
  const nowMs = toMs(options.now);
  const period = options.period === null ? null : normalizePeriod(options.period);
  const fromMs = period === null ? Number.NEGATIVE_INFINITY : instantMs(period.from);
  const toMsExclusive = period === null ? Number.POSITIVE_INFINITY : instantMs(period.to);
  const targetsByPolicy = options.targets ?? PRESET_REGISTER_TARGETS;
  const directory = indexDirectory(options.directory);
  const entries: RegisterEntry[] = [];

  for (const history of cases) {
    const kase = history.case;
    if (!COMPLAINT_KINDS.includes(kase.kind)) continue;
    const receivedMs = instantMs(kase.receivedAt);
    if (receivedMs < fromMs || receivedMs >= toMsExclusive) continue;
    const targets = targetsByPolicy[kase.policyId] ?? targetsByPolicy[kase.kind] ?? {};
    const clocks = history.sla?.clocks ?? [];
    const clockOf = (id: string | undefined) =>
      id === undefined ? undefined : clocks.find((c) => c.targetId === id);
    // The first move into the review stage up to now is the request.
    const request = history.events
      .filter((e) => e.type === 'stage-changed' && e.to === 'hod-review' && instantMs(e.at) <= nowMs)
      .sort((a, b) => instantMs(a.at) - instantMs(b.at))[0];
    const window = clockOf(targets.hodReviewWindow);
    const referral = kase.externalReferral;
    const stageName =
      kase.stage === null
        ? ''
        : (history.policy?.stages.find((s) => s.id === kase.stage)?.name ?? kase.stage);
    entries.push({
      caseId: kase.id,
      ref: kase.ref,
      kind: kindName(kase.kind),
      subject: kase.subject,
      complainant: kase.requester.name,
      receivedAt: kase.receivedAt,
      stage: stageName,
      status: kase.status,
      owner: directory.personName(ownerOf(kase)),
      acknowledgement: deadline(clockOf(targets.acknowledgement)),
      response: deadline(clockOf(targets.response)),
      hodRequestedAt: request?.at ?? null,
      hodRequestLate: request !== undefined && window?.state === 'closed',
      hodResponse: deadline(clockOf(targets.hodResponse)),
      referral:
        referral === null
          ? ''
          : `${referral.body}${referral.reference ? ` (ref ${referral.reference})` : ''}`,
      referredAt: referral?.at ?? null,
    });
  }
  entries.sort((a, b) => instantMs(a.receivedAt) - instantMs(b.receivedAt) || (a.ref < b.ref ? -1 : 1));

  const late = (d: RegisterDeadline) => d.outcome === 'Late' || d.outcome === 'Overdue';
  const totals = {
    received: entries.length,
    open: entries.filter((e) => isOpenStatus(e.status)).length,
    acknowledgedLate: entries.filter((e) => late(e.acknowledgement)).length,
    respondedLate: entries.filter((e) => late(e.response)).length,
    hodReviews: entries.filter((e) => e.hodRequestedAt !== null).length,
    hodRequestsLate: entries.filter((e) => e.hodRequestLate).length,
    referrals: entries.filter((e) => e.referral !== '').length,
  };

  const table: ReportTable<RegisterEntry> = {
    id: 'complaints',
    title: 'Complaints',
    columns: [
      column<RegisterEntry>('ref', 'Ref', 'text', (e) => e.ref),
      column<RegisterEntry>('kind', 'Kind', 'text', (e) => e.kind),
      column<RegisterEntry>('received', 'Received', 'instant', (e) => e.receivedAt),
      column<RegisterEntry>('complainant', 'Complainant', 'text', (e) => e.complainant),
      column<RegisterEntry>('subject', 'Subject', 'text', (e) => e.subject),
      column<RegisterEntry>('stage', 'Stage', 'text', (e) => e.stage),
      column<RegisterEntry>('status', 'Status', 'text', (e) => e.status),
      column<RegisterEntry>('owner', 'Owner', 'text', (e) => e.owner),
      column<RegisterEntry>('ack-due', 'Acknowledgement due', 'instant', (e) => e.acknowledgement.dueAt),
      column<RegisterEntry>('ack-done', 'Acknowledged', 'instant', (e) => e.acknowledgement.doneAt),
      column<RegisterEntry>('ack-outcome', 'Acknowledgement', 'text', (e) => e.acknowledgement.outcome),
      column<RegisterEntry>('response-due', 'Response due', 'instant', (e) => e.response.dueAt),
      column<RegisterEntry>('response-done', 'Responded', 'instant', (e) => e.response.doneAt),
      column<RegisterEntry>('response-outcome', 'Response', 'text', (e) => e.response.outcome),
      column<RegisterEntry>('hod-requested', 'HoD review requested', 'instant', (e) => e.hodRequestedAt),
      column<RegisterEntry>('hod-late', 'Request after window', 'flag', (e) =>
        e.hodRequestedAt === null ? null : e.hodRequestLate,
      ),
      column<RegisterEntry>('hod-due', 'HoD response due', 'instant', (e) => e.hodResponse.dueAt),
      column<RegisterEntry>('hod-done', 'HoD responded', 'instant', (e) => e.hodResponse.doneAt),
      column<RegisterEntry>('referral', 'External referral', 'text', (e) => e.referral),
      column<RegisterEntry>('referred', 'Referred', 'date', (e) => e.referredAt),
    ],
    rows: entries,
  };
  const totalLines = [
    { label: 'Complaints received', value: totals.received },
    { label: 'Still open', value: totals.open },
    { label: 'Acknowledged late or overdue', value: totals.acknowledgedLate },
    { label: 'Responded late or overdue', value: totals.respondedLate },
    { label: 'Head of Department reviews requested', value: totals.hodReviews },
    { label: 'of which after the window closed', value: totals.hodRequestsLate },
    { label: 'Referred externally', value: totals.referrals },
  ];
  return {
    kind: 'complaints-register',
    title: 'Complaints register',
    generatedAt: formatInstant(nowMs),
    period,
    confidential: true,
    timeZone: options.timeZone ?? DEFAULT_REPORT_TIME_ZONE,
    sections: [
      {
        id: 'totals',
        title: 'Summary',
        table: {
          id: 'totals',
          title: 'Summary',
          columns: [
            column<(typeof totalLines)[number]>('figure', 'Figure', 'text', (l) => l.label),
            column<(typeof totalLines)[number]>('count', 'Complaints', 'integer', (l) => l.value),
          ],
          rows: totalLines,
        },
      },
      { id: 'complaints', title: 'Complaints', table },
    ],
    entries,
    totals,
  };
}

function deadline(clock: SlaClock | undefined): RegisterDeadline {
  if (clock === undefined) return { dueAt: null, doneAt: null, outcome: '' };
  const outcome = clock.state === 'breached' && clock.metAt !== null ? 'Late' : OUTCOMES[clock.state];
  return { dueAt: clock.dueAt, doneAt: clock.metAt, outcome };
}

const OUTCOMES: Readonly<Record<SlaClock['state'], string>> = {
  pending: 'Not started',
  running: 'Due',
  'at-risk': 'Due',
  paused: 'Paused',
  met: 'On time',
  breached: 'Overdue',
  open: 'Open',
  used: 'Used',
  closed: 'Closed',
};
