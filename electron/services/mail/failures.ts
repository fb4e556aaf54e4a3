/**
 * What went wrong talking to a mail server, in words a person can act on. IMAP (imapflow) and SMTP (nodemailer)
 * fail with Node's socket codes, their own codes or a server's answer; each becomes one stage of the check
 * (DNS, refused, timeout, TLS, login, folder) so Settings → Mailbox can say what to fix.
 */
import type { ConnectionCheck } from '../../../shared/ipc/mail';

export type CheckStage = Extract<ConnectionCheck, { ok: false }>['stage'];
export interface MailFailure {
  stage: CheckStage;
  message: string;
}

interface Where {
  /** "IMAP" or "SMTP" */
  protocol: string;
  host: string;
  port: number;
  user?: string;
  folder?: string;
}

const TLS_CODES =
  /^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ETLS|HOSTNAME_MISMATCH)/;
const TLS_WORDS = /certificate|ssl|tls|wrong version number|handshake|self[- ]signed/i;

/** Every code and message along the error's causes (nodemailer and imapflow wrap the socket's error). */
function facts(error: unknown): { codes: string[]; messages: string[]; responseCodes: (string | number)[] } {
  const codes: string[] = [];
  const messages: string[] = [];
  const responseCodes: (string | number)[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (typeof current !== 'object') {
      messages.push(String(current));
      break;
    }
    const record = current as Record<string, unknown>;
    if (typeof record.code === 'string') codes.push(record.code);
    if (typeof record.message === 'string') messages.push(record.message);
    if (typeof record.response === 'string') messages.push(record.response);
    if (typeof record.responseText === 'string') messages.push(record.responseText);
    if (typeof record.serverResponseCode === 'string') responseCodes.push(record.serverResponseCode);
    if (typeof record.responseCode === 'number') responseCodes.push(record.responseCode);
    if (record.authenticationFailed === true) responseCodes.push('AUTHENTICATIONFAILED');
    current = record.cause;
  }
  return { codes, messages, responseCodes };
}

export function describeMailFailure(error: unknown, where: Where): MailFailure {
  const { codes, messages, responseCodes } = facts(error);
  const text = messages.join(' ');
  const server = `${where.protocol} server ${where.host}:${where.port}`;
  const has = (...wanted: string[]) => codes.some((code) => wanted.includes(code));

  if (has('ENOTFOUND', 'EAI_AGAIN', 'EDNS') || /ENOTFOUND|getaddrinfo/.test(text))
    return {
      stage: 'dns',
      message: `The ${where.protocol} server name "${where.host}" was not found. Check the spelling of the server name, or this computer's network connection.`,
    };
  if (has('ECONNREFUSED') || /ECONNREFUSED/.test(text))
    return {
      stage: 'refused',
      message: `The ${server} refused the connection. Check the port (${where.protocol === 'IMAP' ? 'usually 993, or 143' : 'usually 465 or 587'}) and that the server is running.`,
    };
  if (
    has('ETIMEDOUT', 'ETIMEOUT', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT') ||
    /timed? ?out|timeout/i.test(text)
  )
    return {
      stage: 'timeout',
      message: `The ${server} did not answer in time. Check the server name and port, and whether a firewall blocks the connection${/GREETING/.test(codes.join()) ? ', or whether the server expects TLS from the start' : ''}.`,
    };
  if (codes.some((code) => TLS_CODES.test(code)) || TLS_WORDS.test(text))
    return {
      stage: 'tls',
      message: `A secure (TLS) connection to the ${server} could not be made (${firstLine(text)}). Check the security setting (TLS from the start, or STARTTLS) and the server's certificate.`,
    };
  if (
    has('EAUTH') ||
    responseCodes.some((code) => code === 'AUTHENTICATIONFAILED' || code === 535 || code === 534) ||
    /authentication failed|invalid credentials|login failed|AUTHENTICATIONFAILED/i.test(text)
  )
    return {
      stage: 'login',
      message: `The ${server} did not accept the user name${where.user ? ` "${where.user}"` : ''} and password. Check them (some providers need an app password).`,
    };
  if (
    where.folder !== undefined &&
    (responseCodes.includes('NONEXISTENT') ||
      /doesn't exist|does not exist|no such (mailbox|folder)|unknown mailbox/i.test(text))
  )
    return {
      stage: 'folder',
      message: `The folder "${where.folder}" does not exist in this mailbox. Check its name (folders are case-sensitive on many servers).`,
    };
  if (has('ECONNRESET', 'EPIPE', 'NoConnection', 'ECONNECTION', 'ESOCKET'))
    return {
      stage: 'other',
      message: `The connection to the ${server} was lost (${firstLine(text) || codes.join(', ')}). Desk will try again.`,
    };
  return {
    stage: 'other',
    message: `The ${server} answered with an error: ${firstLine(text) || 'no reason given'}.`,
  };
}

/** True when trying again later may work (the network, the server being away), false for a wrong setting. */
export function isTransient(failure: MailFailure): boolean {
  return (
    failure.stage === 'refused' ||
    failure.stage === 'timeout' ||
    failure.stage === 'other' ||
    failure.stage === 'dns'
  );
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').trim().slice(0, 300);
}
