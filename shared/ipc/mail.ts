/**
 * The desk mailbox across the bridge. The main process holds the mailbox passwords (secret store only), talks
 * IMAP and SMTP, parses and classifies what arrives and keeps raw messages and attachments in its blob store.
 * The renderer owns the case store: it takes parsed messages, commits each as an `ingestMail` mutation, then
 * acknowledges it, and only then does the main process flag or move the message in the mailbox.
 */
import { z } from 'zod';
import { InboundMail, MailboxSettings, OutgoingMail } from '../mail/schema';
import { PrintableReport } from './export';

export const MailboxView = z.object({
  /** Null until the mailbox is set up. */
  settings: MailboxSettings.nullable(),
  imapPasswordSet: z.boolean(),
  smtpPasswordSet: z.boolean(),
});
export type MailboxView = z.infer<typeof MailboxView>;

/** Saving the mailbox: a password left out keeps the one stored; an empty string forgets it. */
export const MailboxSave = z.object({
  settings: MailboxSettings,
  imapPassword: z.string().max(1024).optional(),
  smtpPassword: z.string().max(1024).optional(),
});
export type MailboxSave = z.infer<typeof MailboxSave>;

/** Where a connection failed, so "Test connection" can say exactly what to fix. */
export const CheckStage = z.enum(['dns', 'refused', 'timeout', 'tls', 'login', 'folder', 'other']);
export const ConnectionCheck = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), message: z.string().max(2000) }),
  z.object({ ok: z.literal(false), stage: CheckStage, message: z.string().max(2000) }),
]);
export type ConnectionCheck = z.infer<typeof ConnectionCheck>;
export const MailboxCheck = z.object({ imap: ConnectionCheck, smtp: ConnectionCheck });
export type MailboxCheck = z.infer<typeof MailboxCheck>;

export const MailState = z.enum(['off', 'connecting', 'watching', 'fetching', 'offline', 'failed']);
export type MailState = z.infer<typeof MailState>;

/** What the status area shows of the mailbox. */
export const MailStatus = z.object({
  configured: z.boolean(),
  state: MailState,
  /** The last thing that went wrong, in words a person can act on; null once things work again. */
  lastError: z.string().max(2000).nullable(),
  lastCheckedAt: z.string().nullable(),
  /** Messages fetched and waiting for the renderer to commit them. */
  waiting: z.number().int().min(0),
});
export type MailStatus = z.infer<typeof MailStatus>;

/** A fetched message handed to the renderer; `token` acknowledges it. */
export const InboundDelivery = z.object({ token: z.string().min(1).max(200), mail: InboundMail });
export type InboundDelivery = z.infer<typeof InboundDelivery>;

/** The renderer's word on a delivery: committed (flag or move it now), or not (leave it; try again later). */
export const MailAck = z.object({
  token: z.string().min(1).max(200),
  committed: z.boolean(),
  problem: z.string().max(2000).nullable(),
});
export type MailAck = z.infer<typeof MailAck>;

/** One message to send, with the report to print and attach when it carries one. */
export const SendRequest = z.object({ mail: OutgoingMail, report: PrintableReport.nullable() });
export type SendRequest = z.infer<typeof SendRequest>;

/** Sent, or why not; `permanent` failures (a refused recipient) are not retried by themselves. */
export const SendOutcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), sentAt: z.string() }),
  z.object({ ok: z.literal(false), permanent: z.boolean(), message: z.string().max(2000) }),
]);
export type SendOutcome = z.infer<typeof SendOutcome>;

export const BlobId = z.string().regex(/^[0-9a-f]{64}$/, 'a blob id is a sha256 in hex');
export const AttachmentRequest = z.object({
  blobId: BlobId,
  filename: z.string().max(500),
  action: z.enum(['open', 'save']),
});
export type AttachmentRequest = z.infer<typeof AttachmentRequest>;
export const AttachmentOutcome = z.object({
  ok: z.boolean(),
  message: z.string().max(2000),
  /** Browser host: the path to fetch the file from once (/exports/<id>), as an export's download. */
  downloadPath: z.string().max(200).optional(),
});
export type AttachmentOutcome = z.infer<typeof AttachmentOutcome>;

/** A raw message as text for "show original" (cut at a limit); null when this computer does not have it. */
export const RawSource = z.object({ text: z.string(), truncated: z.boolean() }).nullable();
export type RawSource = z.infer<typeof RawSource>;
