/** Mailing a scheduled report: one outbound message per recipient, queued once per run whichever desktop runs it. */
import { z } from 'zod';
import { defineMutator } from './define';
import { notFound } from './errors';
import type { OutboundMessage, RowChange } from './rows';

export const MailReportArgs = z.object({
  /** The job run's id (`outstanding-queries-report:2026-03-16T09:00`): the same on every desktop. */
  runId: z.string().min(1),
  recipientIds: z.array(z.string().min(1)).min(1, 'Say who the report goes to.'),
  subject: z.string().trim().min(1).max(300),
  body: z.string().trim().min(1).max(100_000),
});
export type MailReportArgs = z.input<typeof MailReportArgs>;

/** The outbound message id of a report run for one recipient. */
export function reportMessageId(runId: string, personId: string): string {
  return `report-${runId}-${personId}`;
}

/**
 * Queues the report for the mail channel, which attaches the report the run names. A message already queued
 * for that run and person is left as it is (it may be on its way or sent), so the report goes out once.
 */
export const mailReport = defineMutator({
  args: MailReportArgs,
  action: 'queue the report',
  reads: (args) => ({
    personIds: args.recipientIds,
    outboundMessageIds: args.recipientIds.map((id) => reportMessageId(args.runId, id)),
  }),
  run(rows, args, ctx) {
    const queued = new Set((rows.outboundMessages ?? []).map((m) => m.id));
    const changes: RowChange[] = [];
    for (const personId of new Set(args.recipientIds)) {
      const id = reportMessageId(args.runId, personId);
      if (queued.has(id)) continue;
      const person = rows.people.find((p) => p.id === personId);
      if (person === undefined)
        throw notFound(`The report's recipient isn't in the desk directory (id ${personId}).`);
      const message: OutboundMessage = {
        id,
        caseId: null,
        eventId: null,
        reportRunId: args.runId,
        // A Message-ID's left part allows letters, digits and dots: the run id's ':' and the like become '.'.
        messageId: `<${id.replace(/[^A-Za-z0-9-]+/g, '.')}@desk.local>`,
        to: person.email,
        subject: args.subject,
        body: args.body,
        status: 'queued',
        createdAt: ctx.now,
        autoSubmitted: 'auto-generated',
        purpose: 'report',
      };
      changes.push({ op: 'put', table: 'outboundMessages', row: message });
    }
    return changes;
  },
});
