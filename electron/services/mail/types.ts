/**
 * The mail service as the bridge handlers see it: the desk mailbox's settings, its connection test and status,
 * the queue of fetched messages for the renderer, sending, and the blob store behind attachments and originals.
 */
import type {
  AttachmentOutcome,
  AttachmentRequest,
  InboundDelivery,
  MailAck,
  MailboxCheck,
  MailboxSave,
  MailboxView,
  MailStatus,
  RawSource,
  SendOutcome,
  SendRequest,
} from '../../../shared/ipc/mail';
import type { InboundMail } from '../../../shared/mail/schema';

export interface MailService {
  view(): MailboxView;
  /** Stores the settings (passwords to the secret store) and restarts the channel with them. */
  save(request: MailboxSave): Promise<MailboxView>;
  test(request: MailboxSave): Promise<MailboxCheck>;
  status(): MailStatus;
  /** Up to `max` waiting deliveries, oldest first; the same ones again until acknowledged. */
  take(max: number): InboundDelivery[];
  ack(acks: readonly MailAck[]): Promise<void>;
  send(request: SendRequest): Promise<SendOutcome>;
  attachment(request: AttachmentRequest): Promise<AttachmentOutcome>;
  rawSource(blobId: string): Promise<RawSource>;
  /** Connects with the stored settings (nothing happens when the mailbox is not set up or is switched off). */
  start(): void;
  close(): Promise<void>;
}

/** Where parsed parts go: content-addressed bytes, the id is the sha256 in hex. */
export interface BlobSink {
  put(bytes: Uint8Array): Promise<string>;
}

/** The parser's entry point (electron/services/mail/parse): never throws on content. */
export type ReadMail = (
  raw: Uint8Array,
  options: { mailbox: string; receivedAt: Date; blobs?: BlobSink },
) => Promise<InboundMail>;

/**
 * How this computer lets a person have an attachment: Electron opens a temporary copy with the system viewer or
 * asks where to save it; the browser host offers it as a download.
 */
export interface AttachmentPort {
  open(file: { path: string; filename: string; bytes: Uint8Array }): Promise<AttachmentOutcome>;
  save(file: { filename: string; bytes: Uint8Array }): Promise<AttachmentOutcome>;
}
