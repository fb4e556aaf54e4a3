/**
 * Which case an inbound message belongs to. The headers first (In-Reply-To, then References newest first,
 * against the Message-IDs of what Desk sent), since they survive a changed subject; then the case reference in
 * the subject ("[Q-KDRMX-42]"), which survives a mail client that drops the headers; else it is a new case.
 * A bounce is matched by the Message-ID it reports, so the right outbound message is marked failed.
 */
import type { InboundMail } from '../../shared/mail/schema';
import { refKey } from '../../shared/sync';
import type { DeskDb } from '../db';

export interface Thread {
  caseId: string | null;
  /** The outbound message the mail answers or reports; null when it names none Desk sent. */
  outboundMessageId: string | null;
}

/** `<id@host>` as written in headers; some clients drop the brackets or pad them with spaces. */
export function normaliseMessageId(id: string): string {
  const bare = id.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
  return `<${bare}>`;
}

/** The Message-IDs to try, in order: the bounced one, In-Reply-To, then References from the newest. */
export function candidateIds(mail: InboundMail): string[] {
  const ids = [
    ...(mail.kind === 'bounce' && mail.bounce?.messageId ? [mail.bounce.messageId] : []),
    ...(mail.inReplyTo ? [mail.inReplyTo] : []),
    ...[...mail.references].reverse(),
  ];
  return [...new Set(ids.filter((id) => id.trim() !== '').map(normaliseMessageId))];
}

export async function resolveThread(db: DeskDb, mail: InboundMail): Promise<Thread> {
  for (const id of candidateIds(mail)) {
    const sent = await db.outboundMessages.where('messageId').equals(id).first();
    if (sent) {
      // A report to a manager is about no case: its answer becomes a case of its own.
      if (sent.caseId !== null) return { caseId: sent.caseId, outboundMessageId: sent.id };
      if (mail.kind === 'bounce') return { caseId: null, outboundMessageId: sent.id };
    }
  }
  if (mail.caseRef) {
    const kase = await db.cases.where('refKey').equals(refKey(mail.caseRef)).first();
    if (kase) return { caseId: kase.id, outboundMessageId: null };
  }
  return { caseId: null, outboundMessageId: null };
}

/** How many Message-IDs a reply's References carry: the thread's start and its latest messages. */
const REFERENCES_KEPT = 20;

/**
 * The thread headers of a reply queued without them: In-Reply-To is the requester's latest mail before it,
 * References every Message-ID of the case's mail up to then (the first kept, as RFC 5322 suggests, then the
 * latest), so the requester's mail client threads it and their answer comes back to this case.
 */
export async function threadHeadersOf(
  db: DeskDb,
  caseId: string,
  before: string,
  own: string,
): Promise<{ inReplyTo: string | null; references: string[] }> {
  const events = await db.events
    .where('[caseId+at]')
    .between([caseId, ''], [caseId, before], true, true)
    .toArray();
  const ids: string[] = [];
  let inReplyTo: string | null = null;
  for (const event of events) {
    if (!('messageId' in event) || !event.messageId) continue;
    if (event.type !== 'customer-contact' && event.type !== 'reply-sent') continue;
    const id = normaliseMessageId(event.messageId);
    if (id === normaliseMessageId(own)) continue;
    if (!ids.includes(id)) ids.push(id);
    if (event.type === 'customer-contact') inReplyTo = id;
  }
  const references = ids.length > REFERENCES_KEPT ? [ids[0]!, ...ids.slice(-(REFERENCES_KEPT - 1))] : ids;
  return { inReplyTo, references };
}
