/**
 * Mail as the desk sees it: a message read from the desk mailbox (parsed and classified by the main process's
 * mail service), the settings of the mailbox, and a message handed to SMTP. These shapes cross the bridge and
 * travel in the `ingestMail` mutation, so they are bounded: a mutation must fit the server's 1 MiB request limit.
 */
import { z } from 'zod';
import { Instant } from '../domain';

/** What a message is to the desk: a person writing, a robot answering, a list, or a delivery report. */
export const MAIL_KINDS = ['human', 'auto-reply', 'bulk', 'bounce'] as const;
export const MailKind = z.enum(MAIL_KINDS);
export type MailKind = z.infer<typeof MailKind>;

/** Limits that keep one message inside one push (the server's body limit is 1 MiB). */
export const MAIL_TEXT_LIMIT = 100_000;
export const MAIL_HTML_LIMIT = 300_000;
export const MAIL_SUBJECT_LIMIT = 1_000;
export const MAIL_ATTACHMENTS_LIMIT = 50;

export const MailAddress = z.object({
  /** The display name as decoded ("" when there is none). */
  name: z.string().max(500),
  address: z.string().max(320),
});
export type MailAddress = z.infer<typeof MailAddress>;

/** An attachment as kept by the main process: its bytes live in the mail service's blob store under `blobId`. */
export const MailAttachment = z.object({
  /** Decoded (RFC 2047 / RFC 2231); null when the part has no name. */
  filename: z.string().max(500).nullable(),
  contentType: z.string().max(200),
  size: z.number().int().min(0),
  /** sha256 of the bytes in the blob store; null when not kept (over a size limit: see `dropped`). */
  blobId: z.string().max(100).nullable(),
  /** Why the bytes were not kept, in words ("larger than the 25 MB limit"). */
  dropped: z.string().max(500).nullable(),
  /** The Content-ID of an inline part (an image the HTML shows), without the angle brackets. */
  contentId: z.string().max(500).nullable(),
});
export type MailAttachment = z.infer<typeof MailAttachment>;

/** What a delivery report says about the message it reports. */
export const MailBounce = z.object({
  /** The Message-ID of the message that did not arrive (with angle brackets), when the report names it. */
  messageId: z.string().max(1000).nullable(),
  recipient: z.string().max(320).nullable(),
  /** The reason the remote server gave ("550 5.1.1 user unknown"). */
  diagnostic: z.string().max(2000).nullable(),
});
export type MailBounce = z.infer<typeof MailBounce>;

/** One message from the desk mailbox, parsed and classified. */
export const InboundMail = z.object({
  /** The mailbox it came from (the desk's address): part of the message's identity. */
  mailbox: z.string().min(1).max(320),
  /**
   * The message's identity for ingestion: a hash of the mailbox and the Message-ID (of the raw bytes when there
   * is no Message-ID). The same mail fetched twice, by a restart or by two desks, has the same key.
   */
  key: z.string().min(8).max(100),
  /** With angle brackets, as in the header; null when the message has none. */
  messageId: z.string().max(1000).nullable(),
  inReplyTo: z.string().max(1000).nullable(),
  references: z.array(z.string().max(1000)).max(100),
  /** The case reference in square brackets in the subject ("[Q-KDRMX-42]"), as written there. */
  caseRef: z.string().max(100).nullable(),
  from: MailAddress.nullable(),
  to: z.array(MailAddress).max(100),
  cc: z.array(MailAddress).max(100),
  subject: z.string().max(MAIL_SUBJECT_LIMIT),
  /** The Date header; null when missing or unreadable. */
  date: Instant.nullable(),
  /** When the mailbox received it (IMAP INTERNALDATE): every clock starts here, not when Desk fetched it. */
  receivedAt: Instant,
  kind: MailKind,
  /** Which marker made it automatic, bulk or a bounce ("Auto-Submitted: auto-replied"); null for a person. */
  reason: z.string().max(500).nullable(),
  /** What the sender wrote, without the quoted history. */
  visibleText: z.string().max(MAIL_TEXT_LIMIT),
  /** The whole text part (or the HTML as text), cut at the limit. */
  text: z.string().max(MAIL_TEXT_LIMIT),
  /** The HTML part unsanitised (the case view sanitises it and blocks remote images); null when none. */
  html: z.string().max(MAIL_HTML_LIMIT).nullable(),
  attachments: z.array(MailAttachment).max(MAIL_ATTACHMENTS_LIMIT),
  /** The raw message in the blob store ("show original"); null when it could not be kept. */
  rawBlobId: z.string().max(100).nullable(),
  /** For a bounce: what it reports. Null otherwise. */
  bounce: MailBounce.nullable(),
  /** The message could not be parsed: why. Its raw bytes are kept, so the case still carries it. */
  problem: z.string().max(2000).nullable(),
});
export type InboundMail = z.infer<typeof InboundMail>;

const Host = z.string().trim().min(1, 'Give the server name.').max(255);
const Port = z.number().int().min(1).max(65_535);

/** TLS: `tls` from the first byte (993/465), `starttls` upgraded after connecting (143/587), or none. */
export const MailSecurity = z.enum(['tls', 'starttls', 'none']);
export type MailSecurity = z.infer<typeof MailSecurity>;

/** What happens to a message once its case change is committed. */
export const AfterIngest = z.enum(['flag', 'move']);

/** The desk mailbox as set up in Settings → Mailbox. Passwords are never part of it (main-process secrets). */
export const MailboxSettings = z.object({
  enabled: z.boolean(),
  /** The desk's own address: the From of everything sent, and never acknowledged. */
  deskAddress: z.email({ error: "The desk's address doesn't look like an email address." }),
  deskName: z.string().trim().max(200).default('Service Desk'),
  imap: z.object({
    host: Host,
    port: Port,
    security: MailSecurity,
    user: z.string().trim().min(1, 'Give the user name.').max(320),
    folder: z.string().trim().min(1).max(500).default('INBOX'),
  }),
  smtp: z.object({
    host: Host,
    port: Port,
    security: MailSecurity,
    /** Empty: the server accepts mail without signing in. */
    user: z.string().trim().max(320),
    /** Where sent copies are appended over IMAP; null: not kept. */
    sentFolder: z.string().trim().max(500).nullable().default('Sent'),
  }),
  afterIngest: AfterIngest.default('flag'),
  /** The folder processed messages move to when `afterIngest` is `move`. */
  processedFolder: z.string().trim().max(500).default('Processed'),
  /** List and bulk mail becomes a case (default: it is left in the mailbox, unread by Desk). */
  bulkMakesCases: z.boolean().default(false),
});
export type MailboxSettings = z.infer<typeof MailboxSettings>;

/** A message handed to SMTP by the renderer's outbound loop. */
export const OutgoingMail = z.object({
  /** The outbound message row this is. */
  outboundId: z.string().min(1),
  /** Fixed when the message was queued, so a resend is the same message to the receiver. */
  messageId: z.string().min(1).max(1000),
  to: z.email(),
  subject: z.string().min(1).max(MAIL_SUBJECT_LIMIT),
  text: z.string().max(MAIL_TEXT_LIMIT),
  inReplyTo: z.string().max(1000).nullable(),
  references: z.array(z.string().max(1000)).max(100),
  /** An automatic message (an acknowledgement, a report): `Auto-Submitted: auto-replied|auto-generated`. */
  autoSubmitted: z.enum(['no', 'auto-replied', 'auto-generated']),
  /** Files to attach, by blob id (a report's PDF is printed by the main process and kept as a blob first). */
  attachments: z
    .array(
      z.object({
        blobId: z.string().min(1).max(100),
        filename: z.string().max(500),
        contentType: z.string(),
      }),
    )
    .max(MAIL_ATTACHMENTS_LIMIT),
});
export type OutgoingMail = z.infer<typeof OutgoingMail>;
