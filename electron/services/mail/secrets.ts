/** The mailbox passwords live in the main process's secret store under these names; the renderer never reads them. */
export const IMAP_PASSWORD_SECRET = 'mail.imap.password';
export const SMTP_PASSWORD_SECRET = 'mail.smtp.password';
export const MAIL_SECRETS: readonly string[] = [IMAP_PASSWORD_SECRET, SMTP_PASSWORD_SECRET];
