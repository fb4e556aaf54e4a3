/**
 * What a message is to the desk — a person, a robot's reply, list mail or a delivery report — decided from its
 * headers and parts alone (no I/O, so it can be benchmarked and tested on its own). The checks follow what
 * Zammad, osTicket and Freshdesk look at: RFC 3834 Auto-Submitted, the X-Autoreply family, Precedence,
 * Exchange's out-of-office pair (X-Auto-Response-Suppress with X-MS-Exchange-Inbox-Rules-Loop), and the
 * subject lines out-of-office replies carry in the languages a UK university meets. A delivery report is
 * checked first, because most of them also say Auto-Submitted.
 */
import type { MailBounce, MailKind } from '../../../../shared/mail/schema';
import { field, type HeaderFields, headerBlockLines, headerFields, messageIdOf } from './headers';

/** What the classifier reads from a parsed message. */
export interface MailFacts {
  headers: HeaderFields;
  /** Decoded subject. */
  subject: string;
  /** The sender's address, lower case ("" when none). */
  fromAddress: string;
  /** The sender's display name ("" when none). */
  fromName: string;
  /** The root part's content type, lower case ("multipart/report"). */
  contentType: string;
  /** The root's report-type parameter, lower case, when it is a multipart/report. */
  reportType: string | null;
  /** The text the sender wrote (the text part, or the HTML as text). */
  text: string;
  /** The text of a message/delivery-status part, when there is one. */
  deliveryStatus: string | null;
  /** The header block of the returned message (a message/rfc822 or text/rfc822-headers part). */
  returnedHeaders: string | null;
}

export interface Classification {
  kind: MailKind;
  /** The marker that decided, in words a support person recognises; null for a person. */
  reason: string | null;
  bounce: MailBounce | null;
}

const HUMAN: Classification = { kind: 'human', reason: null, bounce: null };

export function classifyMail(facts: MailFacts): Classification {
  return bounceOrReport(facts) ?? autoReply(facts) ?? bulk(facts) ?? HUMAN;
}

// ---------------------------------------------------------------- delivery reports

const DAEMON_LOCAL =
  /^(?:mailer-daemon|mailer_daemon|mailerdaemon|mail-daemon|post_?master|mdaemon|bounces?|mail\.?delivery)$/i;
const DAEMON_NAME =
  /mail delivery (?:system|subsystem|service)|mailer[- ]daemon|postmaster|mail administrator/i;
const BOUNCE_SUBJECT =
  /undeliver|delivery status notification(?!\s*\((?:delay|success|relay))|undelivered|returned mail|return(?:ed)? to sender|delivery status notification \(failure\)|failure notice|delivery fail|mail delivery failed|failed delivery|non[- ]?delivery|could not be delivered|not be delivered|message not delivered|delivery (?:has )?failed|mail system error|permanent error|unzustellbar|nicht zustellbar|non remis|non recapitabile|no se puede entregar|no entregado|onbestelbaar|niet bezorgd|olevererbart|kan ikke leveres|ej levererat|rejected|bounced?|delivery problem|returned message|mail could not|user unknown|nondeliverable/i;
const DELAY_SUBJECT =
  /delay|delayed|warning: message|still being retried|nicht zugestellt werden konnte bisher|verzögert/i;
const BOUNCE_BODY =
  /could not be delivered|couldn'?t be delivered|delivery (?:to the following recipients? )?(?:has )?failed|permanent(?:ly)? (?:error|fatal|failure)|undeliverable|user unknown|unknown user|no such user|mailbox (?:unavailable|full|not found|is full)|does not exist|recipient address rejected|message was not delivered|returned to sender|could not deliver|fatal errors? occurred|unable to deliver|delivery failed|not delivered/i;
const FORWARDED = /^\s*(?:fwd?|wg|tr|i|rv|enc|vb|vs|doorst|pd)\s*:/i;

function isMailerDaemon(facts: MailFacts): boolean {
  const local = facts.fromAddress.split('@')[0] ?? '';
  if (DAEMON_LOCAL.test(local) || DAEMON_NAME.test(facts.fromName)) return true;
  // "MAILER-DAEMON <>" has no address for the parser to give, only the name in the header.
  if (facts.fromAddress === '' && DAEMON_NAME.test(field(facts.headers, 'from') ?? '')) return true;
  // A null envelope sender (Return-Path: <>) is what RFC 5321 has every delivery report use.
  return (facts.headers.get('return-path') ?? []).some((v) => /^<\s*>$/.test(v.trim()));
}

function automaticHeader(facts: MailFacts): string | null {
  const submitted = field(facts.headers, 'auto-submitted');
  if (submitted !== null && !/^\s*no\b/i.test(submitted)) return `Auto-Submitted: ${submitted}`;
  return null;
}

function bounceOrReport(facts: MailFacts): Classification | null {
  const { reportType } = facts;
  // A bare delivery-status message (no report around it) is a report too: some gateways send just that part.
  const isReport =
    facts.contentType === 'multipart/report' || facts.contentType === 'message/delivery-status';
  if (isReport && reportType === 'disposition-notification') {
    return {
      kind: 'auto-reply',
      reason: 'read receipt (multipart/report disposition-notification)',
      bounce: null,
    };
  }
  if (isReport && reportType === 'feedback-report') {
    return {
      kind: 'auto-reply',
      reason: 'abuse feedback report (multipart/report feedback-report)',
      bounce: null,
    };
  }
  if (facts.returnedHeaders !== null && /^x-hmxmroriginalrecipient:/im.test(facts.returnedHeaders)) {
    return { kind: 'auto-reply', reason: 'Hotmail complaint (feedback loop report)', bounce: null };
  }
  if (
    facts.deliveryStatus !== null &&
    (isReport || isMailerDaemon(facts) || automaticHeader(facts) !== null)
  ) {
    const status = readDeliveryStatus(facts.deliveryStatus);
    if (status.actions.length > 0 && !status.actions.includes('failed')) {
      return {
        kind: 'auto-reply',
        reason: `delivery status report: ${status.actions.join(', ')} (not a failure)`,
        bounce: null,
      };
    }
    return {
      kind: 'bounce',
      reason: isReport ? `${facts.contentType} delivery-status` : 'delivery-status part from a mail server',
      bounce: bounceDetails(facts, status),
    };
  }
  if (isReport && reportType === 'delivery-status') {
    return { kind: 'bounce', reason: 'multipart/report delivery-status', bounce: bounceDetails(facts, null) };
  }
  if (field(facts.headers, 'x-ms-exchange-message-is-ndr') !== null) {
    return {
      kind: 'bounce',
      reason: 'Exchange non-delivery report (X-MS-Exchange-Message-Is-Ndr)',
      bounce: bounceDetails(facts, null),
    };
  }
  if (field(facts.headers, 'x-failed-recipients') !== null && !FORWARDED.test(facts.subject)) {
    return { kind: 'bounce', reason: 'X-Failed-Recipients', bounce: bounceDetails(facts, null) };
  }
  const fromDaemon = isMailerDaemon(facts);
  const automatic = fromDaemon || automaticHeader(facts) !== null;
  if (!automatic || FORWARDED.test(facts.subject)) return null;
  if (DELAY_SUBJECT.test(facts.subject) && !BOUNCE_SUBJECT.test(facts.subject.replace(DELAY_SUBJECT, ''))) {
    return {
      kind: 'auto-reply',
      reason: `delivery delayed ("${clip(facts.subject, 80)}"), not a failure`,
      bounce: null,
    };
  }
  const bySubject = BOUNCE_SUBJECT.test(facts.subject);
  if (bySubject || (fromDaemon && BOUNCE_BODY.test(facts.text.slice(0, 5_000)))) {
    const who = fromDaemon ? 'from a mailer daemon' : 'automatic';
    return {
      kind: 'bounce',
      reason: bySubject ? `bounce subject "${clip(facts.subject, 80)}" (${who})` : `bounce text (${who})`,
      bounce: bounceDetails(facts, null),
    };
  }
  return null;
}

interface DeliveryStatus {
  /** Every recipient's Action, lower case ("failed", "delayed"…). */
  actions: string[];
  recipient: string | null;
  diagnostic: string | null;
  originalMessageId: string | null;
}

/** RFC 3464: a per-message block, then one block per recipient; the first failed recipient is reported. */
export function readDeliveryStatus(text: string): DeliveryStatus {
  const blocks = text
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((b) => headerFields(b.split(/\n(?![ \t])/)));
  const recipients = blocks.filter(
    (b) => b.has('final-recipient') || b.has('original-recipient') || b.has('action'),
  );
  const actions = recipients
    .map((b) => (field(b, 'action') ?? '').toLowerCase().split(/[\s(;]/)[0]!)
    .filter(Boolean);
  const chosen = recipients.find((b) => /failed/i.test(field(b, 'action') ?? '')) ?? recipients[0];
  const perMessage = blocks[0];
  const original = perMessage ? (field(perMessage, 'x-original-message-id') ?? null) : null;
  if (!chosen)
    return { actions, recipient: null, diagnostic: null, originalMessageId: messageIdOf(original) };
  const recipient = addressAfterType(field(chosen, 'original-recipient') ?? field(chosen, 'final-recipient'));
  const diagnosticCode = field(chosen, 'diagnostic-code');
  const status = field(chosen, 'status');
  const diagnostic = diagnosticCode
    ? diagnosticCode.replace(/^[a-z0-9-]+\s*;\s*/i, '')
    : status
      ? `Status ${status}`
      : null;
  return { actions, recipient, diagnostic, originalMessageId: messageIdOf(original) };
}

/** "rfc822; someone@example.org" → "someone@example.org". */
function addressAfterType(value: string | null): string | null {
  if (value === null) return null;
  const address = value
    .replace(/^[a-z0-9-]+\s*;\s*/i, '')
    .replace(/^<|>$/g, '')
    .trim();
  return address === '' ? null : clip(address, 320);
}

const ENHANCED_STATUS = /^.*\b[245]\d\d[ -]#?[245]\.\d{1,3}\.\d{1,3}\b.*$/m;
const SMTP_REPLY = /^.*\b(?:55[0-4]|45[0-2]|421)\b.*$/m;
const ADDRESS = /[^\s<>()"'`,;:[\]]+@[^\s<>()"'`,;:[\]]+\.[a-z]{2,}/i;

function bounceDetails(facts: MailFacts, status: DeliveryStatus | null): MailBounce {
  const returned =
    facts.returnedHeaders === null ? null : headerFields(headerBlockLines(facts.returnedHeaders));
  const messageId =
    messageIdOf(returned ? field(returned, 'message-id') : null) ??
    status?.originalMessageId ??
    messageIdInText(facts.text);
  const failed = field(facts.headers, 'x-failed-recipients');
  const failedAddress = failed === null ? null : (ADDRESS.exec(failed)?.[0] ?? null);
  const recipient = status?.recipient ?? failedAddress ?? recipientInText(facts.text);
  const diagnostic = status?.diagnostic ?? diagnosticInText(facts.text);
  return {
    messageId: messageId === null ? null : clip(messageId, 1000),
    recipient: recipient === null ? null : clip(recipient, 320),
    diagnostic: diagnostic === null ? null : clip(diagnostic.replace(/\s+/g, ' ').trim(), 2000),
  };
}

/** A plain-text bounce quotes the returned message's headers in its body. */
function messageIdInText(text: string): string | null {
  const found = /^[ \t>]*Message-ID:[ \t]*(?:\r?\n[ \t]+)?(<[^<>\s]+>|\S+@\S+)/im.exec(text);
  return found ? messageIdOf(found[1]!) : null;
}

function recipientInText(text: string): string | null {
  const head = text.slice(0, 10_000);
  // Postfix and qmail: "<someone@example.org>: host … said: 550 …" on a line of its own.
  const angled = /^[ \t]*<([^<>\s]+@[^<>\s]+)>:?/m.exec(head);
  if (angled) return angled[1]!;
  const finalRecipient =
    /^[ \t]*(?:Final|Original)-Recipient:[ \t]*(?:rfc822;)?[ \t]*<?([^\s<>]+@[^\s<>]+?)>?\s*$/im.exec(head);
  if (finalRecipient) return finalRecipient[1]!;
  const phrase = BOUNCE_BODY.exec(head);
  const after = phrase ? head.slice(phrase.index, phrase.index + 2_000) : head;
  return ADDRESS.exec(after)?.[0] ?? null;
}

function diagnosticInText(text: string): string | null {
  const head = text.slice(0, 20_000);
  const line = ENHANCED_STATUS.exec(head) ?? SMTP_REPLY.exec(head);
  if (line) return line[0].trim();
  const phrase = BOUNCE_BODY.exec(head);
  if (!phrase) return null;
  const start = head.lastIndexOf('\n', phrase.index) + 1;
  const end = head.indexOf('\n', phrase.index);
  return head.slice(start, end < 0 ? undefined : end).trim() || null;
}

// ---------------------------------------------------------------- automatic replies

const AUTO_REPLY_SUBJECT = new RegExp(
  '^\\s*(?:\\[[^\\]]*\\]\\s*)?(?:' +
    [
      'auto:',
      'automatic reply',
      'auto(?:matic)?[- ]?(?:reply|response|antwort|svar)',
      'autoreply',
      'autoresponse',
      'out of (?:the )?office',
      'ooo\\b',
      'away from (?:the )?office',
      'on (?:annual )?leave',
      'vacation(?: reply)?:',
      'abwesenheitsnotiz',
      'automatische antwort',
      'automatisch antwoord',
      'afwezig',
      'réponse automatique',
      'reponse automatique',
      "message d'absence",
      'absence du bureau',
      'respuesta automática',
      'respuesta automatica',
      'fuera de la oficina',
      'risposta automatica',
      'fuori sede',
      'resposta automática',
      'resposta automatica',
      'odpowiedź automatyczna',
      'automatyczna odpowiedź',
      'automatisk svar',
      'autosvar',
      'automaattinen vastaus',
      'otomatik yanıt',
      'автоматический ответ',
      'автоответ',
      'αυτόματη απάντηση',
      'automatická odpověď',
      'automatikus válasz',
      'răspuns automat',
      'ateb awtomatig',
      "allan o'r swyddfa",
      'freagairt fhèin-obrachail',
      'uathfhreagra',
      'freagra uathoibríoch',
      '自动回复',
      '自動回覆',
      '自動回复',
      '自動応答',
      '自動返信',
      '不在',
      '자동 응답',
      'الرد التلقائي',
      'तत्काल उत्तर',
    ].join('|') +
    ')',
  'iu',
);

function autoReply(facts: MailFacts): Classification | null {
  const { headers } = facts;
  const submitted = automaticHeader(facts);
  if (submitted !== null) return { kind: 'auto-reply', reason: submitted, bounce: null };
  for (const name of [
    'x-autoreply',
    'x-autorespond',
    'x-autoresponder',
    'x-autoreply-from',
    'x-mail-autoreply',
  ]) {
    const value = field(headers, name);
    if (value !== null && !/^\s*(?:no|false|0)\s*$/i.test(value)) {
      return { kind: 'auto-reply', reason: `${canonicalName(name)}: ${clip(value, 100)}`, bounce: null };
    }
  }
  const precedence = field(headers, 'precedence');
  if (precedence !== null && /auto[_-]?reply/i.test(precedence)) {
    return { kind: 'auto-reply', reason: `Precedence: ${precedence}`, bounce: null };
  }
  const suppress = field(headers, 'x-auto-response-suppress');
  if (
    suppress !== null &&
    /\b(?:all|oof)\b/i.test(suppress) &&
    headers.has('x-ms-exchange-inbox-rules-loop')
  ) {
    return {
      kind: 'auto-reply',
      reason: `Exchange out-of-office (X-Auto-Response-Suppress: ${clip(suppress, 60)} with X-MS-Exchange-Inbox-Rules-Loop)`,
      bounce: null,
    };
  }
  if (AUTO_REPLY_SUBJECT.test(facts.subject)) {
    return { kind: 'auto-reply', reason: `out-of-office subject "${clip(facts.subject, 80)}"`, bounce: null };
  }
  if (isMailerDaemon(facts) && facts.fromAddress !== '') {
    return {
      kind: 'auto-reply',
      reason: `from a mail server (${clip(facts.fromAddress, 80)})`,
      bounce: null,
    };
  }
  return null;
}

// ---------------------------------------------------------------- list and bulk mail

/** Headers that mass mailers set and a person's mail program does not. */
const BULK_MARKERS = [
  'list-unsubscribe-post',
  'feedback-id',
  'x-campaign',
  'x-campaign-id',
  'x-mailchimp-campaign',
  'x-csa-complaints',
  'x-mc-user',
  'x-sfmc-stack',
  'x-ses-outgoing',
  'x-mailgun-tag',
  'x-sg-eid',
];

function bulk(facts: MailFacts): Classification | null {
  const { headers } = facts;
  const precedence = field(headers, 'precedence');
  if (precedence !== null && /\b(?:bulk|list|junk)\b/i.test(precedence)) {
    return { kind: 'bulk', reason: `Precedence: ${clip(precedence, 60)}`, bounce: null };
  }
  const listId = field(headers, 'list-id');
  if (listId !== null) return { kind: 'bulk', reason: `List-Id: ${clip(listId, 100)}`, bounce: null };
  if (headers.has('list-unsubscribe')) {
    const marker = BULK_MARKERS.find((name) => headers.has(name));
    if (marker)
      return { kind: 'bulk', reason: `List-Unsubscribe with ${canonicalName(marker)}`, bounce: null };
  }
  return null;
}

function canonicalName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
