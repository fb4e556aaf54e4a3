/**
 * The mail channel's changes to the store: a message from the desk mailbox becomes a case, a reply on one, a
 * timeline entry or a failed delivery (`ingestMail`); the outbound loop claims, marks, retries and resends the
 * messages the desk queued. Ingestion derives every id from the mail key, so the same mail ingested twice (a
 * restart, two desks on one mailbox) changes nothing the second time.
 */
import { z } from 'zod';
import { type Case, type CaseEvent, CaseKind, type EventMail, type RequesterContact } from '../domain';
import { acknowledgementReads, acknowledgeNewCase } from '../mail/acknowledge';
import { InboundMail } from '../mail/schema';
import { stripReplyPrefixes } from '../mail/subject';
import { instantMs } from '../time';
import { customerContactEvents } from './case-events';
import { acknowledgementCalendars, contactFrom, openCase } from './create-case';
import { defineMutator, eventBase, findCase, type MutationRows, policyForKind, record } from './define';
import { invalid, notAllowed, notFound } from './errors';
import type { MutationContext } from './mutation';
import type { OutboundMessage, RowChange } from './rows';

/** The case a mail opens, when it opens one. */
export function mailCaseId(key: string): string {
  return `case-mail-${key}`;
}

/** The event a mail leaves on a case (the contact, the automatic mail, the failed delivery). */
export function mailEventId(key: string): string {
  return `ev-mail-${key}`;
}

export const IngestMailArgs = z.object({
  mail: InboundMail,
  /** The case the thread resolved to (In-Reply-To/References, else the [REF] in the subject); null: none. */
  caseId: z.string().min(1).nullable().default(null),
  /** For a bounce: the outbound message it reports (found by the bounced Message-ID); null: none known. */
  outboundMessageId: z.string().min(1).nullable().default(null),
  /**
   * Settings → Mailbox "list mail makes cases". List mail with no case becomes a case only when it is on (the
   * mail service normally leaves list mail alone unless it is, so the default is on).
   */
  bulkMakesCases: z.boolean().default(true),
});
export type IngestMailArgs = z.input<typeof IngestMailArgs>;

/** Mail from the desk mailbox: a new case, the requester's reply, automatic mail, or a bounce. */
export const ingestMail = defineMutator({
  args: IngestMailArgs,
  action: 'take in the mail',
  reads: (args) => {
    const { mail } = args;
    const newCase = mailCaseId(mail.key);
    return {
      caseIds: args.caseId === null ? [newCase] : [args.caseId, newCase],
      eventIds: [mailEventId(mail.key)],
      outboundMessageIds: [
        ...(args.outboundMessageId === null ? [] : [args.outboundMessageId]),
        ...acknowledgementReads(newCase, senderOf(mail), mail.receivedAt),
      ],
      ...acknowledgementCalendars(),
    };
  },
  run(rows, args, ctx) {
    const { mail } = args;
    // Ingested before (by this desk before a restart, or by another desk on the same mailbox): nothing to do.
    if (rows.cases.some((c) => c.id === mailCaseId(mail.key))) return [];
    if (rows.events.some((e) => e.id === mailEventId(mail.key))) return [];

    const kase = args.caseId === null ? undefined : rows.cases.find((c) => c.id === args.caseId);
    if (mail.problem !== null) return problemMail(rows, mail, kase, ctx);
    switch (mail.kind) {
      case 'human':
        return kase === undefined ? newCaseFromMail(rows, mail, ctx) : replyOnCase(kase, mail, ctx);
      case 'bounce': {
        const message = rows.outboundMessages?.find((m) => m.id === args.outboundMessageId);
        if (message !== undefined) return bounced(rows, message, kase, mail, ctx);
        return automaticMail(kase, mail, ctx);
      }
      case 'bulk':
        if (kase === undefined && args.bulkMakesCases) return newCaseFromMail(rows, mail, ctx);
        return automaticMail(kase, mail, ctx);
      case 'auto-reply':
        return automaticMail(kase, mail, ctx);
    }
  },
});

/** The sender's address in lower case, or null when the mail names none. */
function senderOf(mail: InboundMail): string | null {
  const address = mail.from?.address.trim().toLowerCase() ?? '';
  return address === '' ? null : address;
}

/** The mail as the timeline keeps it. */
export function eventMail(mail: InboundMail): EventMail {
  return {
    from: mail.from,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    attachments: mail.attachments,
    rawBlobId: mail.rawBlobId,
    kind: mail.kind,
    reason: mail.reason,
  };
}

/** What the requester wrote, in words for the timeline (the quoted history left out). */
function summaryOf(mail: InboundMail): string {
  const visible = mail.visibleText.trim();
  return visible === '' ? mail.text.trim() : visible;
}

/** The requester from the From header; an address that isn't one is left out (the agent can add one). */
function requesterFrom(mail: InboundMail): RequesterContact {
  const sender = senderOf(mail);
  const email = sender !== null && z.email().safeParse(sender).success ? sender : undefined;
  const name = mail.from?.name.trim() || (sender === null ? '' : sender.split('@')[0]) || 'Unknown sender';
  return { name: name.slice(0, 200), ...(email === undefined ? {} : { email }) };
}

/** The case subject: the mail's, without reply prefixes; something to click on when there is none. */
function subjectFrom(mail: InboundMail): string {
  const subject = stripReplyPrefixes(mail.subject).replace(/\s+/g, ' ').trim();
  return subject === '' ? '(no subject)' : subject.slice(0, 300);
}

/** Receipt is when the mailbox received it, never later than now (a mail server's clock may run fast). */
function receivedAtOf(mail: InboundMail, ctx: MutationContext): string {
  return instantMs(mail.receivedAt) > instantMs(ctx.now) ? ctx.now : mail.receivedAt;
}

/** Every id the new case's events get derives from the mail key, so two desks write the same rows. */
function mailContext(mail: InboundMail, ctx: MutationContext): MutationContext {
  let n = 0;
  return { ...ctx, newId: (prefix) => `${prefix}-mail-${mail.key}-${++n}` };
}

/** A new query (the default policy for mail) opened by the mail, acknowledged when its policy says so. */
function newCaseFromMail(rows: MutationRows, mail: InboundMail, ctx: MutationContext, note?: string) {
  const policy = policyForKind(rows, 'query');
  const mctx = mailContext(mail, ctx);
  const requester = requesterFrom(mail);
  const changes = openCase(rows, policy, mctx, {
    id: mailCaseId(mail.key),
    firstContact: {
      id: mailEventId(mail.key),
      ...(mail.messageId === null ? {} : { messageId: mail.messageId }),
      summary: summaryOf(mail),
      mail: eventMail(mail),
    },
    checkIntake: false,
    subject: subjectFrom(mail),
    description: summaryOf(mail).slice(0, 50_000),
    priority: 'normal',
    requester,
    intake: {},
    channel: 'email',
    receivedAt: receivedAtOf(mail, ctx),
    stage: null,
    teamId: null,
    assigneeId: null,
    ownerId: null,
    original: null,
    originalTicketRef: null,
    confidential: undefined,
  });
  const contact = contactFrom(requester, mctx);
  if (contact !== null) changes.push({ op: 'put', table: 'contacts', row: contact });
  const opened = latestCase(changes, mailCaseId(mail.key));
  if (note !== undefined && opened !== undefined) {
    changes.push(
      ...replaceCase(changes, record(opened, [{ ...eventBase(mctx, opened.id), type: 'note', text: note }])),
    );
  }
  // Only a person is acknowledged: never list mail, and never the desk writing to itself.
  if (mail.kind !== 'human' || note !== undefined || opened === undefined) return changes;
  return acknowledgeNewCase(rows, changes, opened, policy, mctx, {
    sender: senderOf(mail),
    deskAddress: mail.mailbox,
    day: mail.receivedAt,
    inReplyTo: mail.messageId,
    references: mail.messageId === null ? [] : [...mail.references, mail.messageId],
  });
}

/** The requester answered on a case: their contact (resumes a clock waiting on them), with the mail. */
function replyOnCase(kase: Case, mail: InboundMail, ctx: MutationContext): RowChange[] {
  const events = customerContactEvents(
    kase,
    ctx,
    {
      id: mailEventId(mail.key),
      at: receivedAtOf(mail, ctx),
      channel: 'email',
      ...(mail.messageId === null ? {} : { messageId: mail.messageId }),
      summary: summaryOf(mail),
      mail: eventMail(mail),
    },
    { reopenFinished: true },
  );
  return record(kase, events).changes;
}

/** An out-of-office, list mail or an unmatched bounce: on the case's timeline, never the requester's contact. */
function automaticMail(kase: Case | undefined, mail: InboundMail, ctx: MutationContext): RowChange[] {
  if (kase === undefined) return [];
  const event: CaseEvent = {
    ...eventBase(ctx, kase.id, mailEventId(mail.key)),
    at: receivedAtOf(mail, ctx),
    actorId: null,
    type: 'mail-received',
    ...(mail.messageId === null ? {} : { messageId: mail.messageId }),
    summary: summaryOf(mail).slice(0, 2000),
    mail: eventMail(mail),
  };
  return record(kase, [event]).changes;
}

/** A delivery report for a message the desk sent: the message failed, and its case says the requester didn't get it. */
function bounced(
  rows: MutationRows,
  message: OutboundMessage,
  kase: Case | undefined,
  mail: InboundMail,
  ctx: MutationContext,
): RowChange[] {
  const diagnostic = mail.bounce?.diagnostic ?? mail.reason ?? 'The receiving mail server returned it.';
  const failed: OutboundMessage = {
    ...message,
    status: 'failed',
    lastError: diagnostic,
    permanent: true,
    bounced: true,
    failedAt: ctx.now,
  };
  const changes: RowChange[] = [{ op: 'put', table: 'outboundMessages', row: failed }];
  const owner = kase?.id === message.caseId ? kase : rows.cases.find((c) => c.id === message.caseId);
  if (owner !== undefined) {
    const recipient = mail.bounce?.recipient ?? message.to;
    changes.push(
      ...record(owner, [
        {
          ...eventBase(ctx, owner.id, mailEventId(mail.key)),
          actorId: null,
          type: 'delivery-failed',
          outboundMessageId: message.id,
          messageId: message.messageId,
          recipient,
          diagnostic,
          mail: eventMail(mail),
        },
      ]).changes,
    );
  }
  return changes;
}

/** Mail that could not be read: still a case (or a contact on its case) with the raw attached and a note why. */
function problemMail(
  rows: MutationRows,
  mail: InboundMail,
  kase: Case | undefined,
  ctx: MutationContext,
): RowChange[] {
  const note = `Desk could not read this message properly (${mail.problem}). The original is attached as it arrived: open it to see what the sender wrote.`;
  if (kase === undefined) return newCaseFromMail(rows, mail, ctx, note);
  const contact = replyOnCase(kase, mail, ctx);
  const updated = latestCase(contact, kase.id) ?? kase;
  return replaceCase(
    contact,
    record(updated, [{ ...eventBase(mailContext(mail, ctx), kase.id), type: 'note', text: note }]),
  );
}

/** The last put of a case among changes. */
function latestCase(changes: readonly RowChange[], caseId: string): Case | undefined {
  let found: Case | undefined;
  for (const change of changes)
    if (change.op === 'put' && change.table === 'cases' && change.row.id === caseId) found = change.row;
  return found;
}

/** Changes with the case's earlier put dropped in favour of `next` (one put per row per mutation). */
function replaceCase(changes: RowChange[], next: { next: Case; changes: RowChange[] }): RowChange[] {
  const id = next.next.id;
  const kept = changes.filter((c) => !(c.op === 'put' && c.table === 'cases' && c.row.id === id));
  changes.length = 0;
  changes.push(...kept);
  return next.changes;
}

// ——— Outbound ———

const messageId = z.string().min(1);

/** How long a desk's claim holds without news: after it, another desk may send (the first one crashed). */
export const CLAIM_EXPIRES_MS = 15 * 60_000;

function findMessage(rows: MutationRows, id: string): OutboundMessage {
  const message = rows.outboundMessages?.find((m) => m.id === id);
  if (message === undefined) throw notFound(`That message isn't in this desk's outbox any more (id ${id}).`);
  return message;
}

function claimedByOther(message: OutboundMessage, ctx: MutationContext): boolean {
  if (message.claimedBy == null || message.claimedBy === ctx.clientId) return false;
  if (message.status !== 'sending') return false;
  const claimedAt = message.claimedAt == null ? Number.NaN : instantMs(message.claimedAt);
  return !(instantMs(ctx.now) - claimedAt > CLAIM_EXPIRES_MS);
}

function put(row: OutboundMessage): RowChange[] {
  return [{ op: 'put', table: 'outboundMessages', row }];
}

export const MarkOutboundArgs = z.object({
  id: messageId,
  status: z.enum(['sending', 'sent', 'failed', 'queued']),
  /** What the mail server said, for a failure (or a transient one when going back to the queue). */
  error: z.string().trim().max(2000).optional(),
  /** The failure will not go away by trying again (a refused address). */
  permanent: z.boolean().optional(),
});
export type MarkOutboundArgs = z.input<typeof MarkOutboundArgs>;

/**
 * The outbound loop reports an attempt: sending, sent, failed (for good), or back in the queue to try again
 * later. A message already sent stays sent (a late report changes nothing); a message another desk is sending
 * is theirs to report.
 */
export const markOutbound = defineMutator({
  args: MarkOutboundArgs,
  action: 'record how the message went',
  reads: (args) => ({ outboundMessageIds: [args.id] }),
  run(rows, args, ctx) {
    const message = findMessage(rows, args.id);
    if (message.status === 'sent' && args.status !== 'sent') return [];
    if (claimedByOther(message, ctx)) {
      throw notAllowed(
        'Another desk is sending this message: it will show as sent or failed when it is done.',
      );
    }
    const attempts = message.attempts ?? 0;
    switch (args.status) {
      case 'sending':
        // A claim already counted this attempt.
        if (message.status === 'sending' && message.claimedBy === ctx.clientId) return [];
        return put({ ...message, status: 'sending', attempts: attempts + 1 });
      case 'sent':
        return put({ ...message, status: 'sent', sentAt: ctx.now, lastError: null, permanent: false });
      case 'failed':
        return put({
          ...message,
          status: 'failed',
          failedAt: ctx.now,
          lastError: args.error ?? message.lastError ?? 'The mail server did not take the message.',
          permanent: args.permanent ?? false,
        });
      case 'queued':
        // Back in the queue for a later try: any desk may take it then.
        return put({
          ...message,
          status: 'queued',
          claimedBy: null,
          claimedAt: null,
          ...(args.error === undefined ? {} : { lastError: args.error }),
        });
    }
  },
});

export const ClaimOutboundArgs = z.object({ id: messageId });
export type ClaimOutboundArgs = z.input<typeof ClaimOutboundArgs>;

/**
 * A desk in a team takes a queued message to send it. The server decides: a message another desk is sending is
 * refused, so two desks never send the same reply. The claim counts as the attempt's start.
 */
export const claimOutbound = defineMutator({
  args: ClaimOutboundArgs,
  action: 'take the message to send',
  reads: (args) => ({ outboundMessageIds: [args.id] }),
  run(rows, args, ctx) {
    const message = findMessage(rows, args.id);
    if (message.status === 'sent') throw notAllowed('That message has already been sent.');
    if (message.replacedBy != null) throw notAllowed('That message was replaced by an edited one.');
    if (message.status === 'sending' && message.claimedBy === ctx.clientId) return [];
    if (claimedByOther(message, ctx)) throw notAllowed('Another desk is already sending that message.');
    if (message.status === 'failed') {
      throw notAllowed('That message failed: retry it (or edit and resend it) before sending it again.');
    }
    return put({
      ...message,
      status: 'sending',
      claimedBy: ctx.clientId,
      claimedAt: ctx.now,
      attempts: (message.attempts ?? 0) + 1,
    });
  },
});

export const RetryOutboundArgs = z.object({ id: messageId });
export type RetryOutboundArgs = z.input<typeof RetryOutboundArgs>;

/** "Retry" on a failed message: back in the queue, its tries counted afresh, the same Message-ID. */
export const retryOutbound = defineMutator({
  args: RetryOutboundArgs,
  action: 'retry the message',
  reads: (args) => ({ outboundMessageIds: [args.id] }),
  run(rows, args) {
    const message = findMessage(rows, args.id);
    if (message.replacedBy != null)
      throw notAllowed('That message was replaced by an edited one: retry that one.');
    if (message.status !== 'failed') {
      throw invalid(
        message.status === 'sent'
          ? 'That message has already been sent.'
          : 'That message is already on its way.',
      );
    }
    return put({
      ...message,
      status: 'queued',
      attempts: 0,
      claimedBy: null,
      claimedAt: null,
      failedAt: null,
    });
  },
});

export const ResendOutboundArgs = z.object({
  id: messageId,
  /** A corrected address (the bounce said the old one doesn't exist). */
  to: z.email({ error: "That email address doesn't look right." }).optional(),
  subject: z.string().trim().min(1).max(300).optional(),
  body: z.string().trim().min(1, 'Write the message first.').max(100_000),
});
export type ResendOutboundArgs = z.input<typeof ResendOutboundArgs>;

/** The new message's id when a failed one is edited and resent. */
export function resentMessageId(id: string): string {
  return `${id}-resent`;
}

/**
 * "Edit and resend" on a failed message: a new message (its own Message-ID, in the same thread, carrying the
 * same reply event) is queued; the failed one is kept and says what replaced it.
 */
export const resendOutbound = defineMutator({
  args: ResendOutboundArgs,
  action: 'resend the message',
  reads: (args) => ({ outboundMessageIds: [args.id] }),
  run(rows, args, ctx) {
    const message = findMessage(rows, args.id);
    if (message.replacedBy != null) throw notAllowed('That message was already resent: edit the newer one.');
    if (message.status !== 'failed') {
      throw invalid(
        message.status === 'sent'
          ? 'That message has already been sent: write a new reply instead.'
          : 'That message is still on its way: wait for it to fail before resending it.',
      );
    }
    const id = ctx.newId('msg');
    const resent: OutboundMessage = {
      id,
      caseId: message.caseId,
      eventId: message.eventId,
      ...(message.reportRunId === undefined ? {} : { reportRunId: message.reportRunId }),
      messageId: `<${id}@desk.local>`,
      to: args.to ?? message.to,
      subject: args.subject ?? message.subject,
      body: args.body,
      status: 'queued',
      createdAt: ctx.now,
      ...(message.inReplyTo === undefined ? {} : { inReplyTo: message.inReplyTo }),
      ...(message.references === undefined ? {} : { references: message.references }),
      ...(message.autoSubmitted === undefined ? {} : { autoSubmitted: message.autoSubmitted }),
      ...(message.purpose === undefined ? {} : { purpose: message.purpose }),
      attempts: 0,
    };
    return [...put({ ...message, replacedBy: id }), ...put(resent)];
  },
});

// ——— Kind ———

export const ChangeKindArgs = z.object({ caseId: z.string().min(1), kind: CaseKind });
export type ChangeKindArgs = z.input<typeof ChangeKindArgs>;

/**
 * Moves a case onto another kind's policy (mail arrives as a query; the agent sees it is a complaint). Its
 * reference stays the one the requester was told; its clocks are replayed under the new policy from receipt.
 */
export const changeKind = defineMutator({
  args: ChangeKindArgs,
  action: 'change what kind of case it is',
  reads: (args) => ({
    caseIds: [args.caseId],
    eventsOfCases: [args.caseId],
    personIds: [],
    outboundMessageIds: acknowledgementReads(args.caseId, null, null, `kind-${args.kind}`),
    ...acknowledgementCalendars(),
  }),
  run(rows, args, ctx) {
    const kase = findCase(rows, args.caseId);
    if (kase.kind === args.kind) throw invalid(`${kase.ref} is already a ${args.kind.replace('-', ' ')}.`);
    const policy = policyForKind(rows, args.kind);
    const stage = policy.initialStage ?? policy.stages[0]?.id ?? null;
    const { next, changes } = record(kase, [
      {
        ...eventBase(ctx, kase.id),
        type: 'kind-changed',
        from: kase.kind,
        to: args.kind,
        policyId: policy.id,
        calendarId: policy.calendarId,
        stage,
      },
    ]);
    // Complaints start confidential: a query moved onto that policy becomes confidential too.
    let moved = next;
    if (policy.confidentialByDefault && !kase.confidential) {
      const hidden = record(next, [
        {
          ...eventBase(ctx, kase.id),
          type: 'confidential-set',
          confidential: true,
          reason: `${policy.name} cases are confidential.`,
        },
      ]);
      moved = hidden.next;
      replaceCase(changes, hidden);
      changes.push(...hidden.changes);
    }
    return acknowledgeNewCase(rows, changes, moved, policy, ctx, { occasion: `kind-${args.kind}` });
  },
});
