/**
 * Settings → Mailbox as a form: the draft as typed (ports as text, passwords write-only), turned into what the
 * shell saves (`MailboxSave`) with each problem next to its field in words a person can act on.
 */
import type { ConnectionCheck, MailboxSave, MailboxView } from '../../../shared/ipc/mail';
import {
  type MailboxSettings,
  type MailSecurity,
  MailboxSettings as SettingsSchema,
} from '../../../shared/mail/schema';

export interface MailboxDraft {
  enabled: boolean;
  deskAddress: string;
  deskName: string;
  imapHost: string;
  imapPort: string;
  imapSecurity: MailSecurity;
  imapUser: string;
  /** Empty: keep the stored password (or none). */
  imapPassword: string;
  imapFolder: string;
  smtpHost: string;
  smtpPort: string;
  smtpSecurity: MailSecurity;
  smtpUser: string;
  smtpPassword: string;
  /** Empty: sent copies are not kept. */
  sentFolder: string;
  afterIngest: 'flag' | 'move';
  processedFolder: string;
  bulkMakesCases: boolean;
}

export type MailboxField = Exclude<keyof MailboxDraft, 'enabled' | 'bulkMakesCases'>;
export type MailboxErrors = Partial<Record<MailboxField | 'form', string>>;

export const DEFAULT_PORTS: Readonly<Record<'imap' | 'smtp', Record<MailSecurity, number>>> = {
  imap: { tls: 993, starttls: 143, none: 143 },
  smtp: { tls: 465, starttls: 587, none: 25 },
};

export function draftOf(view: MailboxView | null): MailboxDraft {
  const s = view?.settings ?? null;
  return {
    enabled: s?.enabled ?? true,
    deskAddress: s?.deskAddress ?? '',
    deskName: s?.deskName ?? 'Service Desk',
    imapHost: s?.imap.host ?? '',
    imapPort: String(s?.imap.port ?? DEFAULT_PORTS.imap.tls),
    imapSecurity: s?.imap.security ?? 'tls',
    imapUser: s?.imap.user ?? '',
    imapPassword: '',
    imapFolder: s?.imap.folder ?? 'INBOX',
    smtpHost: s?.smtp.host ?? '',
    smtpPort: String(s?.smtp.port ?? DEFAULT_PORTS.smtp.starttls),
    smtpSecurity: s?.smtp.security ?? 'starttls',
    smtpUser: s?.smtp.user ?? '',
    smtpPassword: '',
    sentFolder: s === null ? 'Sent' : (s.smtp.sentFolder ?? ''),
    afterIngest: s?.afterIngest ?? 'flag',
    processedFolder: s?.processedFolder ?? 'Processed',
    bulkMakesCases: s?.bulkMakesCases ?? false,
  };
}

/** Choosing another kind of security moves a port still at its usual number to the new usual one. */
export function withSecurity(
  draft: MailboxDraft,
  side: 'imap' | 'smtp',
  security: MailSecurity,
): MailboxDraft {
  const portKey = side === 'imap' ? 'imapPort' : 'smtpPort';
  const securityKey = side === 'imap' ? 'imapSecurity' : 'smtpSecurity';
  const usual = Object.values(DEFAULT_PORTS[side]).map(String);
  const port = usual.includes(draft[portKey]) ? String(DEFAULT_PORTS[side][security]) : draft[portKey];
  return { ...draft, [securityKey]: security, [portKey]: port };
}

/** Sentences for the fields whose schema messages are generic. */
const FIELD_WORDS: Readonly<Partial<Record<MailboxField, string>>> = {
  deskAddress: "The desk's address doesn't look like an email address.",
  deskName: 'Give a shorter name (at most 200 characters).',
  imapHost: 'Give the incoming (IMAP) server name.',
  imapUser: 'Give the user name the desk signs in to the mailbox with.',
  imapFolder: 'Give the folder Desk reads, usually INBOX.',
  smtpHost: 'Give the outgoing (SMTP) server name.',
  smtpUser: 'Give a shorter user name.',
  sentFolder: 'Give a shorter folder name.',
  processedFolder: 'Give a shorter folder name.',
};

/** The schema's path of each field, as zod reports it. */
const PATHS: Readonly<Record<string, MailboxField>> = {
  deskAddress: 'deskAddress',
  deskName: 'deskName',
  'imap.host': 'imapHost',
  'imap.port': 'imapPort',
  'imap.security': 'imapSecurity',
  'imap.user': 'imapUser',
  'imap.folder': 'imapFolder',
  'smtp.host': 'smtpHost',
  'smtp.port': 'smtpPort',
  'smtp.security': 'smtpSecurity',
  'smtp.user': 'smtpUser',
  'smtp.sentFolder': 'sentFolder',
  afterIngest: 'afterIngest',
  processedFolder: 'processedFolder',
};

function portOf(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,5}$/.test(trimmed)) return null;
  const port = Number(trimmed);
  return port >= 1 && port <= 65_535 ? port : null;
}

/** What to send to the shell, or the problems to show next to their fields. */
export function toSave(
  draft: MailboxDraft,
): { ok: true; save: MailboxSave } | { ok: false; errors: MailboxErrors } {
  const errors: MailboxErrors = {};
  const imapPort = portOf(draft.imapPort);
  const smtpPort = portOf(draft.smtpPort);
  if (imapPort === null) errors.imapPort = 'Give a port number from 1 to 65535 (usually 993, or 143).';
  if (smtpPort === null) errors.smtpPort = 'Give a port number from 1 to 65535 (usually 587, or 465).';
  if (draft.afterIngest === 'move' && draft.processedFolder.trim() === '')
    errors.processedFolder = 'Say which folder processed mail moves to.';
  const parsed = SettingsSchema.safeParse({
    enabled: draft.enabled,
    deskAddress: draft.deskAddress.trim(),
    deskName: draft.deskName,
    imap: {
      host: draft.imapHost,
      port: imapPort ?? 1,
      security: draft.imapSecurity,
      user: draft.imapUser,
      folder: draft.imapFolder,
    },
    smtp: {
      host: draft.smtpHost,
      port: smtpPort ?? 1,
      security: draft.smtpSecurity,
      user: draft.smtpUser,
      sentFolder: draft.sentFolder.trim() === '' ? null : draft.sentFolder,
    },
    afterIngest: draft.afterIngest,
    processedFolder: draft.processedFolder,
    bulkMakesCases: draft.bulkMakesCases,
  } satisfies MailboxSettings);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = PATHS[issue.path.join('.')];
      if (field === undefined) errors.form ??= issue.message;
      else errors[field] ??= FIELD_WORDS[field] ?? issue.message;
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    save: {
      settings: parsed.data,
      ...(draft.imapPassword === '' ? {} : { imapPassword: draft.imapPassword }),
      ...(draft.smtpPassword === '' ? {} : { smtpPassword: draft.smtpPassword }),
    },
  };
}

const STAGE_WORDS: Readonly<Record<Exclude<ConnectionCheck, { ok: true }>['stage'], string>> = {
  dns: 'The server name was not found',
  refused: 'The server refused the connection',
  timeout: 'The server did not answer',
  tls: 'The secure connection (TLS) failed',
  login: 'Signing in failed',
  folder: 'The folder is missing',
  other: 'It failed',
};

/** "Connected: …" or "Signing in failed: …" — the stage in words, then the server's own detail. */
export function describeCheck(check: ConnectionCheck): string {
  if (check.ok) return `Connected. ${check.message}`.trim();
  return `${STAGE_WORDS[check.stage]}: ${check.message}`;
}
