/**
 * One raw message from the desk mailbox → an InboundMail: parsed with mailparser (every charset, RFC 2047 and
 * RFC 2231 names), its raw bytes and attachments kept in the blob store, classified, its visible text found.
 * Content never makes it throw: a message the parser cannot read still becomes an InboundMail with a `problem`
 * and its raw bytes kept, so the desk makes a case of it instead of stopping the channel. Only the blob store
 * failing (a disk problem) throws, so the caller retries the message rather than losing its bytes.
 */
import { createHash } from 'node:crypto';
import {
  type AddressObject,
  type Attachment,
  type EmailAddress,
  type ParsedMail,
  simpleParser,
} from 'mailparser';
import {
  InboundMail,
  MAIL_ATTACHMENTS_LIMIT,
  MAIL_HTML_LIMIT,
  MAIL_SUBJECT_LIMIT,
  MAIL_TEXT_LIMIT,
  type MailAddress,
  type MailAttachment,
} from '../../../../shared/mail/schema';
import { caseRefInSubject } from '../../../../shared/mail/subject';
import { classifyMail, type MailFacts } from './classify';
import {
  field,
  type HeaderFields,
  headerFields,
  looksLikeMail,
  messageIdOf,
  messageIdsOf,
  scanRawHeaders,
} from './headers';
import { htmlToText, htmlWithoutQuote, visibleTextOf } from './visible';

/** Where raw messages and attachments are kept: content-addressed, `put` answers the sha256 in hex. */
export interface BlobSink {
  put(bytes: Uint8Array): Promise<string>;
}

export interface MailLimits {
  /** Bytes of one attachment kept; a larger one is listed with `dropped` and its bytes stay in the raw message. */
  perFile: number;
  /** Bytes of all attachments of one message kept. */
  perMessage: number;
}

export const DEFAULT_MAIL_LIMITS: MailLimits = { perFile: 25 * 1024 * 1024, perMessage: 50 * 1024 * 1024 };

export interface ReadMailOptions {
  /** The desk mailbox the message came from: part of its key. */
  mailbox: string;
  /** IMAP INTERNALDATE: when the mailbox received it. */
  receivedAt: Date;
  /** Without one (inspect, the benchmark) nothing is kept and every blob id is null. */
  blobs?: BlobSink;
  limits?: Partial<MailLimits>;
}

const PARSER_OPTIONS = {
  // Desk reads the text itself (visible.ts): the parser's HTML↔text conversions and link finding cost most of
  // its time and their results would be thrown away.
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipImageLinks: true,
  skipTextLinks: true,
  // The blob store hashes with sha256; mailparser's md5 would be a second pass over every attachment.
  checksumAlgo: false,
  // A delivery-status part stays a part, so the classifier reads its fields instead of a body with them mixed in.
  keepDeliveryStatus: true,
} as const;

const DELIVERY_STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const RETURNED_MESSAGE_TYPES = new Set([
  'message/rfc822',
  'message/global',
  'text/rfc822-headers',
  'message/global-headers',
]);

export async function readMail(raw: Uint8Array, options: ReadMailOptions): Promise<InboundMail> {
  const limits = { ...DEFAULT_MAIL_LIMITS, ...options.limits };
  const rawBlobId = options.blobs ? await options.blobs.put(raw) : null;
  if (!looksLikeMail(raw)) {
    return unreadable(
      raw,
      options,
      rawBlobId,
      'This does not look like an email: it does not start with header lines.',
    );
  }
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(forParser(raw), PARSER_OPTIONS);
  } catch (e) {
    return unreadable(
      raw,
      options,
      rawBlobId,
      `The message could not be read: ${(e as Error).message ?? String(e)}.`,
    );
  }
  const mail = await fromParsed(raw, parsed, options, limits, rawBlobId);
  const checked = InboundMail.safeParse(mail);
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0];
  return unreadable(
    raw,
    options,
    rawBlobId,
    `Desk could not read ${issue?.path.join('.') || 'the message'}: ${issue?.message ?? 'invalid'}.`,
  );
}

/**
 * The bytes as the parser needs them: saved messages often start with a byte-order mark, blank lines or spaces (the parser would
 * read the headers as body), and old Mac files end lines with CR alone (it would see one endless header).
 */
function forParser(raw: Uint8Array): Buffer {
  let start = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? 3 : 0;
  while (
    start < raw.byteLength &&
    (raw[start] === 0x20 || raw[start] === 0x09 || raw[start] === 0x0a || raw[start] === 0x0d)
  )
    start++;
  const bytes = Buffer.from(raw.buffer, raw.byteOffset + start, raw.byteLength - start);
  const head = bytes.subarray(0, 4_096);
  if (head.includes(0x0d) && !head.includes(0x0a)) {
    return Buffer.from(bytes.toString('latin1').replace(/\r/g, '\r\n'), 'latin1');
  }
  return bytes;
}

async function fromParsed(
  raw: Uint8Array,
  parsed: ParsedMail,
  options: ReadMailOptions,
  limits: MailLimits,
  rawBlobId: string | null,
): Promise<InboundMail> {
  const headers = headerFields(parsed.headerLines.map((h) => h.line));
  const subject = clip(parsed.subject ?? '', MAIL_SUBJECT_LIMIT);
  const from = firstAddress(parsed.from);
  const html = typeof parsed.html === 'string' && parsed.html !== '' ? parsed.html : null;
  const textPart = parsed.text !== undefined && parsed.text.trim() !== '' ? parsed.text : null;
  const text = textPart ?? (html === null ? '' : htmlToText(html));
  const contentType = parsed.headers.get('content-type') as
    | { value?: string; params?: Record<string, string> }
    | undefined;

  const parts = partsForClassifier(parsed.attachments);
  const facts: MailFacts = {
    headers,
    subject,
    fromAddress: (from?.address ?? '').toLowerCase(),
    fromName: from?.name ?? '',
    contentType: (contentType?.value ?? 'text/plain').toLowerCase(),
    reportType: contentType?.params?.['report-type']?.toLowerCase() ?? null,
    text,
    deliveryStatus: parts.deliveryStatus,
    returnedHeaders:
      parts.returnedHeaders ?? (mayReportDelivery(headers) ? returnedHeadersInRaw(raw, parsed) : null),
  };
  const { kind, reason, bounce } = classifyMail(facts);

  const visibleSource = textPart ?? (html === null ? '' : htmlToText(htmlWithoutQuote(html)));
  const messageId = messageIdOf(parsed.messageId ?? field(headers, 'message-id'));
  return {
    mailbox: options.mailbox,
    key: mailKey(options.mailbox, messageId, raw),
    messageId,
    inReplyTo: messageIdsOf(parsed.inReplyTo ?? null)[0] ?? null,
    references: cappedReferences(parsed.references),
    caseRef: caseRefInSubject(subject),
    from,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject,
    date: validInstant(parsed.date),
    receivedAt: receivedInstant(options.receivedAt),
    kind,
    reason: reason === null ? null : clip(reason, 500),
    visibleText: clip(visibleTextOf(visibleSource, { fromRobot: kind !== 'human' }), MAIL_TEXT_LIMIT),
    text: clip(text, MAIL_TEXT_LIMIT),
    html: html === null ? null : clip(html, MAIL_HTML_LIMIT),
    attachments: await keepAttachments(parsed.attachments, options.blobs, limits),
    rawBlobId,
    bounce,
    problem: null,
  };
}

/** sha256 of the mailbox and the Message-ID (of the raw bytes when there is none): the same mail, the same key. */
export function mailKey(mailbox: string, messageId: string | null, raw: Uint8Array): string {
  const hash = createHash('sha256').update(`${mailbox}\n`);
  hash.update(messageId ?? raw);
  return hash.digest('hex');
}

function partsForClassifier(attachments: readonly Attachment[]): {
  deliveryStatus: string | null;
  returnedHeaders: string | null;
} {
  let deliveryStatus: string | null = null;
  let returnedHeaders: string | null = null;
  for (const part of attachments) {
    const type = typeOf(part);
    if (deliveryStatus === null && DELIVERY_STATUS_TYPES.has(type)) {
      deliveryStatus = part.content.subarray(0, 65_536).toString('utf8');
    } else if (returnedHeaders === null && RETURNED_MESSAGE_TYPES.has(type)) {
      returnedHeaders = part.content.subarray(0, 65_536).toString('utf8');
    }
  }
  return { deliveryStatus, returnedHeaders };
}

/** Only a message that may be a delivery report is worth searching its raw bytes for the returned message. */
function mayReportDelivery(headers: HeaderFields): boolean {
  const type = field(headers, 'content-type') ?? '';
  return (
    /multipart\/report/i.test(type) ||
    headers.has('auto-submitted') ||
    headers.has('x-failed-recipients') ||
    /daemon|postmaster|mail delivery|staff@hotmail\.com/i.test(field(headers, 'from') ?? '') ||
    (headers.get('return-path') ?? []).some((v) => /^<\s*>$/.test(v.trim()))
  );
}

/**
 * A returned message the parser showed inline (Content-Disposition: inline) is not among the attachments; its
 * header block is found in the raw bytes after the part's own headers.
 */
function returnedHeadersInRaw(raw: Uint8Array, parsed: ParsedMail): string | null {
  const type = parsed.headers.get('content-type') as { value?: string } | undefined;
  if (!/^multipart\/(?:report|mixed)$/i.test(type?.value ?? '')) return null;
  const text = Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.byteLength, 262_144)).toString('latin1');
  const part = /content-type:[ \t]*(?:message\/rfc822|text\/rfc822-headers)[\s\S]*?\r?\n\r?\n/i.exec(text);
  return part ? text.slice(part.index + part[0].length, part.index + part[0].length + 65_536) : null;
}

async function keepAttachments(
  attachments: readonly Attachment[],
  blobs: BlobSink | undefined,
  limits: MailLimits,
): Promise<MailAttachment[]> {
  const kept: MailAttachment[] = [];
  let total = 0;
  for (const part of attachments.slice(0, MAIL_ATTACHMENTS_LIMIT)) {
    const size = part.content.byteLength;
    let dropped: string | null = null;
    if (size > limits.perFile) {
      dropped = `larger than the ${megabytes(limits.perFile)} limit for one file; it is still in the original message`;
    } else if (total + size > limits.perMessage) {
      dropped = `the message's files pass the ${megabytes(limits.perMessage)} limit; it is still in the original message`;
    } else {
      total += size;
    }
    const blobId = dropped === null && blobs ? await blobs.put(part.content) : null;
    kept.push({
      filename: part.filename ? clip(part.filename, 500) : null,
      contentType: clip(typeOf(part), 200),
      size,
      blobId,
      dropped,
      contentId: part.cid ? clip(part.cid, 500) : null,
    });
  }
  return kept;
}

/** mailparser leaves the type out of a part whose Content-Type header is unreadable. */
function typeOf(part: Attachment): string {
  return typeof part.contentType === 'string' && part.contentType !== ''
    ? part.contentType.toLowerCase()
    : 'application/octet-stream';
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

function flatten(list: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const out: EmailAddress[] = [];
  const walk = (entries: EmailAddress[]) => {
    for (const entry of entries) {
      if (entry.group) walk(entry.group);
      else out.push(entry);
    }
  };
  for (const object of list === undefined ? [] : Array.isArray(list) ? list : [list]) walk(object.value);
  return out;
}

function toMailAddress(entry: EmailAddress): MailAddress {
  return { name: clip(entry.name ?? '', 500), address: clip(entry.address ?? '', 320) };
}

function firstAddress(list: AddressObject | AddressObject[] | undefined): MailAddress | null {
  const first = flatten(list).find((a) => a.address);
  return first ? toMailAddress(first) : null;
}

function addresses(list: AddressObject | AddressObject[] | undefined): MailAddress[] {
  return flatten(list).slice(0, 100).map(toMailAddress);
}

/** The first (the thread's root) and the last 99 (the nearest parents) when a thread has more than 100. */
function cappedReferences(value: string | string[] | undefined): string[] {
  const ids = (value === undefined ? [] : Array.isArray(value) ? value : [value])
    .flatMap((v) => messageIdsOf(v))
    .filter((id) => id.length <= 1000);
  return ids.length <= 100 ? ids : [ids[0]!, ...ids.slice(-99)];
}

function validInstant(date: Date | undefined): string | null {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

function receivedInstant(date: Date): string {
  return validInstant(date) ?? new Date().toISOString();
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max);
}

/** A message the parser could not read: what a header scan finds, the reason, the raw bytes kept. */
function unreadable(
  raw: Uint8Array,
  options: ReadMailOptions,
  rawBlobId: string | null,
  problem: string,
): InboundMail {
  const headers: HeaderFields = scanRawHeaders(raw);
  const messageId = messageIdOf(field(headers, 'message-id'));
  const fromValue = field(headers, 'from');
  const address = fromValue ? (/[^\s<>"]+@[^\s<>"]+/.exec(fromValue)?.[0] ?? null) : null;
  const subject = clip(field(headers, 'subject') ?? '', MAIL_SUBJECT_LIMIT);
  const date = field(headers, 'date');
  return InboundMail.parse({
    mailbox: options.mailbox,
    key: mailKey(options.mailbox, messageId, raw),
    messageId,
    inReplyTo: messageIdsOf(field(headers, 'in-reply-to'))[0] ?? null,
    references: messageIdsOf(field(headers, 'references')).slice(-100),
    caseRef: caseRefInSubject(subject),
    from: address ? { name: '', address: clip(address, 320) } : null,
    to: [],
    cc: [],
    subject,
    date: date === null ? null : validInstant(new Date(date)),
    receivedAt: receivedInstant(options.receivedAt),
    kind: 'human',
    reason: null,
    visibleText: '',
    text: '',
    html: null,
    attachments: [],
    rawBlobId,
    bounce: null,
    problem: clip(problem, 2000),
  });
}
