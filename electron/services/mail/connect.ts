/**
 * How Desk connects to the desk mailbox's servers, from its settings and stored passwords, and "Test connection":
 * each side tried on its own, saying what failed.
 */
import { ImapFlow } from 'imapflow';
import { createTransport, type Transporter } from 'nodemailer';
import type { ConnectionCheck } from '../../../shared/ipc/mail';
import type { MailboxSettings } from '../../../shared/mail/schema';
import { describeMailFailure } from './failures';

export interface Passwords {
  imap: string | null;
  smtp: string | null;
}

export interface ConnectTimeouts {
  /** Connecting and the server's greeting (default 15 s). */
  connectMs?: number;
}

export function imapClient(
  settings: MailboxSettings,
  password: string | null,
  timeouts: ConnectTimeouts = {},
): ImapFlow {
  const { imap } = settings;
  const connectMs = timeouts.connectMs ?? 15_000;
  return new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.security === 'tls',
    // imapflow upgrades with STARTTLS whenever the server offers it; `none` must not, `starttls` must.
    ...(imap.security === 'none'
      ? { doSTARTTLS: false }
      : imap.security === 'starttls'
        ? { doSTARTTLS: true }
        : {}),
    auth: { user: imap.user, pass: password ?? '' },
    logger: false,
    connectionTimeout: connectMs,
    greetingTimeout: connectMs,
    // New mail is noticed through IDLE at once, not after imapflow's default 15 s of quiet.
    autoIdleDelay: 200,
    clientInfo: { name: 'Desk' },
  });
}

export function smtpTransport(
  settings: MailboxSettings,
  password: string | null,
  timeouts: ConnectTimeouts = {},
): Transporter {
  const { smtp } = settings;
  const connectMs = timeouts.connectMs ?? 15_000;
  return createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    ...(smtp.user ? { auth: { user: smtp.user, pass: password ?? '' } } : {}),
    connectionTimeout: connectMs,
    greetingTimeout: connectMs,
    socketTimeout: 60_000,
    dnsTimeout: connectMs,
  });
}

export async function checkImap(
  settings: MailboxSettings,
  password: string | null,
  timeouts: ConnectTimeouts = {},
): Promise<ConnectionCheck> {
  const { imap } = settings;
  const where = { protocol: 'IMAP', host: imap.host, port: imap.port, user: imap.user };
  if (password === null)
    return {
      ok: false,
      stage: 'login',
      message: 'No IMAP password is stored: enter the password and test again.',
    };
  const client = imapClient(settings, password, timeouts);
  // A failure after connect() settles (the socket closing) must not surface as an unhandled 'error'.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    client.close();
    return { ok: false, ...describeMailFailure(error, where) };
  }
  try {
    const box = await client.mailboxOpen(imap.folder, { readOnly: true });
    const sent = settings.smtp.sentFolder;
    let sentNote = '';
    if (sent) {
      const status = await client.status(sent, { messages: true }).catch(() => false);
      if (status === false)
        sentNote = ` The sent-mail folder "${sent}" does not exist yet; Desk will create it when it first sends.`;
    }
    return {
      ok: true,
      message: `Signed in to ${imap.host} as ${imap.user}; "${imap.folder}" holds ${box.exists} message${box.exists === 1 ? '' : 's'}.${sentNote}`,
    };
  } catch (error) {
    return { ok: false, ...describeMailFailure(error, { ...where, folder: imap.folder }) };
  } finally {
    await client.logout().catch(() => client.close());
  }
}

export async function checkSmtp(
  settings: MailboxSettings,
  password: string | null,
  timeouts: ConnectTimeouts = {},
): Promise<ConnectionCheck> {
  const { smtp } = settings;
  const where = { protocol: 'SMTP', host: smtp.host, port: smtp.port, user: smtp.user };
  if (smtp.user && password === null)
    return {
      ok: false,
      stage: 'login',
      message: 'No SMTP password is stored: enter the password (or clear the SMTP user name) and test again.',
    };
  const transport = smtpTransport(settings, password, timeouts);
  try {
    await transport.verify();
    return {
      ok: true,
      message: `Connected to ${smtp.host}:${smtp.port}${smtp.user ? ` and signed in as ${smtp.user}` : ''}; mail can be sent.`,
    };
  } catch (error) {
    return { ok: false, ...describeMailFailure(error, where) };
  } finally {
    transport.close();
  }
}
