/**
 * Reading mail from the desk mailbox: `readMail(raw, {mailbox, receivedAt, blobs})` → InboundMail. The mail
 * service passes its blob store as the BlobSink; inspect and the benchmark pass none.
 */
export { type Classification, classifyMail, type MailFacts } from './classify';
export {
  type BlobSink,
  DEFAULT_MAIL_LIMITS,
  type MailLimits,
  mailKey,
  type ReadMailOptions,
  readMail,
} from './read';
export { htmlToText, htmlWithoutQuote, visibleTextOf } from './visible';
