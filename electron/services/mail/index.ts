export { type BlobStore, createBlobStore } from './blobs';
export { checkImap, checkSmtp } from './connect';
export { describeMailFailure } from './failures';
export { INGESTED_KEYWORD } from './inbound';
export { readMail } from './read';
export { IMAP_PASSWORD_SECRET, MAIL_SECRETS, SMTP_PASSWORD_SECRET } from './secrets';
export { createMailService, type MailServiceOptions, RAW_SOURCE_LIMIT, safeFileName } from './service';
export type { AttachmentPort, BlobSink, MailService, ReadMail } from './types';
