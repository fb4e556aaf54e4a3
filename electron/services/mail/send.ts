/**
 * The desk mailbox, outbound: one message to SMTP with the thread's fixed headers, then a copy appended to the
 * Sent folder over IMAP. A refusal the server says is final (5xx) is a permanent failure, anything else (the
 * network, a 4xx "try later") transient, so the renderer's outbound loop retries only what may yet go.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import type { SendOutcome } from '../../../shared/ipc/mail';
import type { MailboxSettings, OutgoingMail } from '../../../shared/mail/schema';
import type { Logger } from '../log';
import type { BlobStore } from './blobs';
import { imapClient, smtpTransport } from './connect';
import { describeMailFailure } from './failures';

export interface SendContext {
  settings: MailboxSettings;
  passwords: { imap: string | null; smtp: string | null };
  blobs: BlobStore;
  log: Logger;
  now: () => Date;
}

export interface ExtraAttachment {
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

/** Builds the message's bytes: the same bytes go to SMTP and to the Sent folder. */
export async function composeMail(
  mail: OutgoingMail,
  settings: MailboxSettings,
  blobs: BlobStore,
  extra: readonly ExtraAttachment[],
  date: Date,
): Promise<Buffer> {
  const attachments = [];
  for (const attachment of mail.attachments) {
    const bytes = await blobs.read(attachment.blobId);
    if (bytes === null)
      throw new AttachmentMissingError(`The attachment "${attachment.filename}" is not on this computer.`);
    attachments.push({
      filename: attachment.filename,
      contentType: attachment.contentType,
      content: Buffer.from(bytes),
    });
  }
  for (const file of extra)
    attachments.push({
      filename: file.filename,
      contentType: file.contentType,
      content: Buffer.from(file.bytes),
    });

  const headers: Record<string, string> = {};
  if (mail.autoSubmitted !== 'no') {
    headers['Auto-Submitted'] = mail.autoSubmitted;
    // Microsoft's servers and many autoresponders look for this instead of RFC 3834.
    headers['X-Auto-Response-Suppress'] = 'All';
  }
  const composer = new MailComposer({
    from: { name: settings.deskName, address: settings.deskAddress },
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    date,
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
    ...(mail.references.length > 0 ? { references: mail.references } : {}),
    headers,
    attachments,
  });
  return await composer.compile().build();
}

export class AttachmentMissingError extends Error {
  override readonly name = 'AttachmentMissingError';
}

export async function sendMail(
  context: SendContext,
  mail: OutgoingMail,
  extra: readonly ExtraAttachment[] = [],
): Promise<SendOutcome> {
  const { settings, log } = context;
  const date = context.now();
  let raw: Buffer;
  try {
    raw = await composeMail(mail, settings, context.blobs, extra, date);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, permanent: error instanceof AttachmentMissingError, message };
  }

  const transport = smtpTransport(settings, context.passwords.smtp);
  try {
    await transport.sendMail({
      envelope: { from: settings.deskAddress, to: [mail.to] },
      raw,
    });
  } catch (error) {
    const code = smtpCode(error);
    const permanent = code !== null && code >= 500 && code < 600;
    const where = {
      protocol: 'SMTP',
      host: settings.smtp.host,
      port: settings.smtp.port,
      user: settings.smtp.user,
    };
    const failure = describeMailFailure(error, where);
    const message =
      code !== null
        ? `The mail server refused the message to ${mail.to}: ${serverText(error)}`
        : failure.message;
    log.warn(`Sending ${mail.messageId} failed (${permanent ? 'permanent' : 'will retry'}): ${message}`);
    return { ok: false, permanent, message };
  } finally {
    transport.close();
  }
  log.info(`Sent ${mail.messageId} to ${mail.to}.`);

  if (settings.smtp.sentFolder) await appendSent(context, settings.smtp.sentFolder, raw, date);
  return { ok: true, sentAt: date.toISOString() };
}

/** A copy in the Sent folder is a courtesy to people reading the mailbox: its failure does not unsend the message. */
async function appendSent(context: SendContext, folder: string, raw: Buffer, date: Date): Promise<void> {
  const { settings, log } = context;
  const client = imapClient(settings, context.passwords.imap);
  client.on('error', () => {});
  try {
    await client.connect();
    const list = await client.list();
    if (!list.some((box) => box.path === folder)) await client.mailboxCreate(folder);
    await client.append(folder, raw, ['\\Seen'], date);
  } catch (error) {
    log.warn(
      `The sent message could not be copied to "${folder}": ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    await client.logout().catch(() => client.close());
  }
}

function smtpCode(error: unknown): number | null {
  if (typeof error === 'object' && error !== null && 'responseCode' in error) {
    const code = (error as { responseCode: unknown }).responseCode;
    if (typeof code === 'number') return code;
  }
  return null;
}

function serverText(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'response' in error) {
    const response = (error as { response: unknown }).response;
    if (typeof response === 'string') return response.trim().slice(0, 500);
  }
  return error instanceof Error ? error.message : String(error);
}
