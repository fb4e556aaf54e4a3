/**
 * Desk-wide scheduled jobs (the fortnightly outstanding-queries report). Each job's last run is kept in the
 * store's meta; when a run falls due (`dueJobRuns`: several missed dates fold into one run) it is claimed in a
 * transaction, so it is generated once per run id whatever the windows, then offered to the people the job
 * names (banner and notification) and queued as mail to them: the manager all of it, each line manager the
 * section of their teams, each director the overview of their division (`reportRecipients`). The run keeps
 * what it showed, so its notification and banner open it as it stood.
 */
import Dexie from 'dexie';
import type { Case } from '../../shared/domain';
import { dueJobRuns, type JobRun, type ScheduledJob } from '../../shared/escalation';
import { type Notice, noticeId } from '../../shared/notify';
import type { Policy } from '../../shared/policies';
import {
  ageUnitWords,
  deskAgeCounting,
  groupsSeenBy,
  type OutstandingHeader,
  type OutstandingReport,
  type OutstandingSummaryLine,
  outstandingGroups,
  outstandingModel,
  reportRecipients,
  scopedOutstanding,
} from '../../shared/reports';
import type { CompiledCalendar } from '../../shared/sla';
import { maySeeFor, viewerFor } from '../access';
import { type CaseStore, caseWithSla, runMutation } from '../db';
import type { DeskContext } from './desk-context';
import {
  OUTSTANDING_RUN_ROUTE,
  REPORT_OFFER_KEY,
  type ReportOffer,
  type ReportRun,
  reportRunKey,
} from './report-offer';

export function jobKey(policyId: string, jobId: string): string {
  return `scheduled-job:${policyId}:${jobId}`;
}

/** The last run of a job on this store: its id and the instant it stood for (or when the schedule began). */
interface JobMark {
  runId: string | null;
  at: string;
}

export interface JobHooks {
  /** Notices for the people a run is offered to. */
  offer(notices: readonly Notice[]): void;
  /** A run was generated (the banner shows it). */
  generated(offer: ReportOffer): void;
}

/**
 * Runs every job whose run fell due by `now`; returns when the next one falls due (epoch ms), or null.
 * A job seen for the first time starts its schedule now: a new desk gets its first report at the next
 * occurrence, not one for a fortnight it wasn't running.
 */
export async function runDueJobs(
  store: CaseStore,
  context: DeskContext,
  now: Date,
  hooks: JobHooks,
): Promise<number | null> {
  let next = Number.POSITIVE_INFINITY;
  for (const policy of context.policies) {
    const calendar = context.calendar(policy.calendarId) ?? undefined;
    for (const job of policy.jobs) {
      let due: { run: JobRun | null; nextAt: Date | null; since: string | null };
      try {
        due = await claim(store, policy, job, now, calendar);
      } catch (error) {
        console.error(`Desk could not check the scheduled job "${job.name}"`, error);
        continue;
      }
      if (due.nextAt !== null) next = Math.min(next, due.nextAt.getTime());
      if (due.run !== null) await generate(store, context, policy, job, due.run, due.since, now, hooks);
    }
  }
  return next === Number.POSITIVE_INFINITY ? null : next;
}

async function claim(
  store: CaseStore,
  policy: Policy,
  job: ScheduledJob,
  now: Date,
  calendar: CompiledCalendar | undefined,
): Promise<{ run: JobRun | null; nextAt: Date | null; since: string | null }> {
  const { db } = store;
  const key = jobKey(policy.id, job.id);
  return db.transaction('rw', db.meta, async () => {
    const mark = (await db.meta.get(key))?.value as JobMark | undefined;
    if (mark === undefined) {
      await db.meta.put({ key, value: { runId: null, at: now.toISOString() } satisfies JobMark });
      return { run: null, nextAt: dueJobRuns(job, now, now, calendar).nextAt, since: null };
    }
    const { run, nextAt } = dueJobRuns(job, new Date(mark.at), now, calendar);
    if (run === null || run.id === mark.runId) return { run: null, nextAt, since: null };
    await db.meta.put({ key, value: { runId: run.id, at: run.scheduledAt.toISOString() } satisfies JobMark });
    return { run, nextAt, since: mark.at };
  });
}

async function generate(
  store: CaseStore,
  context: DeskContext,
  policy: Policy,
  job: ScheduledJob,
  run: JobRun,
  since: string | null,
  now: Date,
  hooks: JobHooks,
): Promise<void> {
  const { action } = job;
  const timeZone = job.timeZone ?? context.calendar(policy.calendarId)?.spec.timeZone ?? 'Europe/London';
  const cases: Case[] = [];
  for (const kind of action.caseKinds) {
    const rows = await store.db.cases
      .where('[open+kind+urgency]')
      .between([1, kind, Dexie.minKey], [1, kind, Dexie.maxKey])
      .toArray();
    for (const row of rows) cases.push(caseWithSla(row));
  }
  const to = run.scheduledAt.toISOString();
  const period = since !== null && since < to ? { from: since, to } : null;
  const age = deskAgeCounting(context.policies, context.calendar);
  const groups = outstandingGroups(cases, { directory: context.directory, now, age });
  const header: OutstandingHeader = {
    generatedAt: now.toISOString(),
    period,
    timeZone,
    ageUnit: ageUnitWords(age),
  };
  const report = outstandingModel(groups, header);
  const recipients = reportRecipients(groups, action, context.directory);
  // Each recipient's part holds only the cases they may see (a confidential query stays out of a line
  // manager's mail, notification and totals when the rule says they may not see it).
  const byId = new Map(cases.map((c) => [c.id, c]));
  const parts = recipients.map((recipient) => {
    const maySee = maySeeFor(viewerFor(recipient.personId, context.directory.people), context.policies);
    const seen = groupsSeenBy(groups, (c) => {
      const kase = byId.get(c.id);
      return kase !== undefined && maySee(kase);
    });
    return { recipient, part: scopedOutstanding(seen, recipient.scope, header) };
  });
  const route = `${OUTSTANDING_RUN_ROUTE}/${run.id}`;
  const reportRun: ReportRun = {
    runId: run.id,
    jobId: job.id,
    policyId: policy.id,
    name: job.name,
    scheduledAt: to,
    generatedAt: now.toISOString(),
    occurrences: run.occurrences,
    period,
    recipientIds: recipients.map((r) => r.personId),
    recipients,
    totals: Object.fromEntries(parts.map(({ recipient, part }) => [recipient.personId, part.total])),
    total: report.total,
    groups: report.summary,
    stored: { groups, header },
    route,
  };
  const offer: ReportOffer = { run: reportRun, dismissed: false };
  await store.db.meta.bulkPut([
    { key: reportRunKey(run.id), value: reportRun },
    { key: REPORT_OFFER_KEY, value: offer },
  ]);
  hooks.generated(offer);

  const when = formatWhen(run.scheduledAt, timeZone);
  const notices: Notice[] = [];
  for (const { recipient, part } of parts) {
    const title = recipient.scope.kind === 'all' ? 'Outstanding cases report ready' : part.title;
    try {
      await runMutation(store, 'mailReport', {
        runId: run.id,
        recipientIds: [recipient.personId],
        subject: `${title}: ${when}`,
        body: mailBody(part, reportRun, when, timeZone),
      });
    } catch (error) {
      console.error(`Desk could not queue the mail of "${job.name}"`, error);
    }
    notices.push({
      id: noticeId(run.id, recipient.personId),
      personId: recipient.personId,
      title,
      body: `${headline(part.total)} as at ${when}. Open it to see the report as it stood then.`,
      at: now.getTime(),
      route,
    });
  }
  hooks.offer(notices);
}

function headline(total: OutstandingSummaryLine): string {
  return `${total.total} open ${total.total === 1 ? 'case' : 'cases'}, ${total.overdue} overdue`;
}

function mailBody(report: OutstandingReport, run: ReportRun, when: string, timeZone: string): string {
  const { total } = report;
  const lines = [
    `${report.title}, as at ${when}${run.period ? ` (since ${formatWhen(new Date(run.period.from), timeZone)})` : ''}.`,
  ];
  if (run.occurrences > 1) {
    lines.push(
      `Desk was closed over ${run.occurrences} scheduled dates: this one report stands for them all.`,
    );
  }
  lines.push(
    '',
    `${headline(total)}: ${total.levels[0]} at the desk, ${total.levels[1]} with the manager, ${total.levels[2]} with a director.`,
  );
  if (report.summary.length > 0) {
    lines.push('', 'By division and line manager:');
    for (const group of report.summary) {
      lines.push(
        `- ${group.group}: ${group.total} open${group.overdue > 0 ? ` (${group.overdue} overdue)` : ''}, oldest ${group.oldestDays} ${report.ageUnit}`,
      );
    }
  }
  lines.push(
    '',
    'The report is attached as a PDF; in Desk, the notification of this report opens it as it stood then.',
  );
  return lines.join('\n');
}

function formatWhen(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}
