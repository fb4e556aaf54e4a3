/**
 * The parser the service uses. Until electron/services/mail/parse lands this is a header scan that keeps the raw
 * message and names it a problem, so the channel runs end to end; the wiring then points at `readMail` there.
 */
import { createHash } from 'node:crypto';
import type { InboundMail } from '../../../shared/mail/schema';
import type { ReadMail } from './types';

export const readMail: ReadMail = async (raw, { mailbox, receivedAt, blobs }) => {
  const text = Buffer.from(raw).toString('utf8');
  const headerEnd = text.search(/\r?\n\r?\n/);
  const head = (headerEnd < 0 ? text : text.slice(0, headerEnd)).replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? null;
  const messageId = header('Message-ID');
  const key = createHash('sha256')
    .update(`${mailbox}\n${messageId ?? createHash('sha256').update(raw).digest('hex')}`)
    .digest('hex');
  const rawBlobId = blobs ? await blobs.put(raw) : null;
  const from = header('From');
  const address = from ? (/<([^>]+)>/.exec(from)?.[1] ?? from) : null;
  const subject = (header('Subject') ?? '').slice(0, 1000);
  const mail: InboundMail = {
    mailbox,
    key,
    messageId,
    inReplyTo: header('In-Reply-To'),
    references: (header('References') ?? '').split(/\s+/).filter(Boolean).slice(0, 100),
    caseRef: /\[([A-Z]+-[A-Z0-9]+-\d+)\]/i.exec(subject)?.[1] ?? null,
    from: address ? { name: '', address: address.slice(0, 320) } : null,
    to: [],
    cc: [],
    subject,
    date: null,
    receivedAt: receivedAt.toISOString(),
    kind: 'human',
    reason: null,
    visibleText: headerEnd < 0 ? '' : text.slice(headerEnd).trim().slice(0, 100_000),
    text: headerEnd < 0 ? '' : text.slice(headerEnd).trim().slice(0, 100_000),
    html: null,
    attachments: [],
    rawBlobId,
    bounce: null,
    problem: null,
  };
  return mail;
};
