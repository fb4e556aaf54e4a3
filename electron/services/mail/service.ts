/**
 * The mail service: the desk mailbox's settings (in the settings store) and passwords (in the secret store, never
 * handed to the renderer), the inbound watcher and its queue, sending, and the blob store of raw messages and
 * attachments. Plain Node: Electron main and the browser host create it from this module with their own ports.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { EventName, EventPayload } from '../../../shared/ipc/contract';
import type { PrintableReport } from '../../../shared/ipc/export';
import type { MailboxCheck, MailboxSave, MailboxView, MailState, MailStatus } from '../../../shared/ipc/mail';
import type { MailboxSettings } from '../../../shared/mail/schema';
import type { Logger } from '../log';
import type { SecretStore } from '../secrets';
import type { SettingsStore } from '../settings';
import { type BlobStore, createBlobStore } from './blobs';
import { checkImap, checkSmtp } from './connect';
import { type Inbound, startInbound } from './inbound';
import { openProgressStore } from './progress';
import { IMAP_PASSWORD_SECRET, SMTP_PASSWORD_SECRET } from './secrets';
import { sendMail } from './send';
import type { AttachmentPort, MailService, ReadMail } from './types';

type MailEvent = Extract<EventName, 'mailWaiting' | 'mailStatusChanged'>;

export interface MailServiceOptions {
  /** The data folder: blobs under mail-blobs/, progress in mail/progress.json, temporary copies in mail/open/. */
  dataDir: string;
  settings: SettingsStore;
  secrets: SecretStore;
  readMail: ReadMail;
  /** Prints a report to PDF for attaching (the PDF service's Chromium); absent: reports go without their PDF. */
  printReport?: (report: PrintableReport) => Promise<Uint8Array>;
  attachments: AttachmentPort;
  emit: <E extends MailEvent>(event: E, payload: EventPayload<E>) => void;
  log: Logger;
  now?: () => Date;
  /** Tests: faster reconnects and connection timeouts. */
  tuning?: {
    backoff?: { firstMs: number; maxMs: number };
    connectMs?: number;
    maxWaiting?: number;
    retakeAfterMs?: number;
  };
}

/** Raw sources longer than this are cut for "show original". */
export const RAW_SOURCE_LIMIT = 2 * 1024 * 1024;

/** Never opened with the system's viewer: these run rather than show. */
const EXECUTABLE = new Set(
  `.exe .com .bat .cmd .scr .pif .msi .msp .msc .cpl .jar .js .jse .vbs .vbe .wsf .wsh .ps1 .psm1 .hta .lnk .reg
   .app .command .sh .bash .csh .ksh .run .bin .appimage .deb .rpm .dmg .pkg .py .pl .rb .php .scpt .desktop .apk
   .iso .img .vhd .inf .gadget .application .url .website .library-ms .settingcontent-ms .xll .xlam .docm .xlsm .pptm`
    .split(/\s+/)
    .filter(Boolean),
);

export function createMailService(options: MailServiceOptions): MailService {
  const { settings, secrets, log, emit } = options;
  const now = options.now ?? (() => new Date());
  const blobs: BlobStore = createBlobStore(join(options.dataDir, 'mail-blobs'));
  const progress = openProgressStore(join(options.dataDir, 'mail', 'progress.json'));

  let inbound: Inbound | null = null;
  let started = false;
  let current: MailStatus = {
    configured: false,
    state: 'off',
    lastError: null,
    lastCheckedAt: null,
    waiting: 0,
  };

  const mailbox = (): MailboxSettings | null => settings.get().mailbox ?? null;
  const password = (name: string): string | null => {
    try {
      return secrets.get(name);
    } catch (error) {
      log.warn(`The mailbox password "${name}" could not be read: ${String(error)}`);
      return null;
    }
  };

  const setStatus = (patch: Partial<MailStatus>) => {
    const next = { ...current, ...patch };
    if (JSON.stringify(next) === JSON.stringify(current)) return;
    current = next;
    emit('mailStatusChanged', current);
  };
  const onState = (state: MailState, lastError: string | null) => {
    setStatus({
      state,
      lastError,
      waiting: inbound?.waiting() ?? 0,
      ...(state === 'watching' ? { lastCheckedAt: now().toISOString() } : {}),
    });
  };

  const view = (): MailboxView => ({
    settings: mailbox(),
    imapPasswordSet: password(IMAP_PASSWORD_SECRET) !== null,
    smtpPasswordSet: password(SMTP_PASSWORD_SECRET) !== null,
  });

  const stopInbound = async () => {
    const running = inbound;
    inbound = null;
    if (running) await running.close();
  };

  const startInboundFromSettings = () => {
    const config = mailbox();
    if (config === null || !config.enabled) {
      setStatus({ configured: config !== null, state: 'off', lastError: null, waiting: 0 });
      return;
    }
    setStatus({ configured: true, state: 'connecting', lastError: null, waiting: 0 });
    inbound = startInbound({
      settings: config,
      password: password(IMAP_PASSWORD_SECRET),
      readMail: options.readMail,
      blobs,
      progress,
      log: log.child('imap'),
      onState,
      onWaiting: (count) => {
        setStatus({ waiting: count });
        emit('mailWaiting', { count });
      },
      ...(options.tuning?.backoff ? { backoff: options.tuning.backoff } : {}),
      ...(options.tuning?.connectMs ? { connectMs: options.tuning.connectMs } : {}),
      ...(options.tuning?.maxWaiting ? { maxWaiting: options.tuning.maxWaiting } : {}),
      ...(options.tuning?.retakeAfterMs !== undefined ? { retakeAfterMs: options.tuning.retakeAfterMs } : {}),
    });
  };

  /** The stored passwords, or the ones being tried (a password left out keeps the stored one). */
  const passwordsFor = (request: MailboxSave) => ({
    imap: request.imapPassword === undefined ? password(IMAP_PASSWORD_SECRET) : request.imapPassword || null,
    smtp: request.smtpPassword === undefined ? password(SMTP_PASSWORD_SECRET) : request.smtpPassword || null,
  });

  return {
    view,

    async save(request) {
      const storePassword = (name: string, value: string | undefined) => {
        if (value === undefined) return;
        if (value === '') secrets.delete(name);
        else secrets.set(name, value);
      };
      storePassword(IMAP_PASSWORD_SECRET, request.imapPassword);
      storePassword(SMTP_PASSWORD_SECRET, request.smtpPassword);
      settings.update({ mailbox: request.settings });
      log.info(
        `Mailbox set up: ${request.settings.imap.user} on ${request.settings.imap.host}:${request.settings.imap.port} (${request.settings.enabled ? 'on' : 'off'}).`,
      );
      if (started) {
        await stopInbound();
        startInboundFromSettings();
      }
      return view();
    },

    async test(request): Promise<MailboxCheck> {
      const passwords = passwordsFor(request);
      const tuning = options.tuning?.connectMs ? { connectMs: options.tuning.connectMs } : {};
      const [imap, smtp] = await Promise.all([
        checkImap(request.settings, passwords.imap, tuning),
        checkSmtp(request.settings, passwords.smtp, tuning),
      ]);
      return { imap, smtp };
    },

    status: () => ({ ...current, waiting: inbound?.waiting() ?? 0 }),

    take: (max) => inbound?.take(max) ?? [],

    async ack(acks) {
      await inbound?.ack(acks);
      setStatus({ waiting: inbound?.waiting() ?? 0 });
    },

    async send({ mail, report }) {
      const config = mailbox();
      if (config === null)
        return {
          ok: false,
          permanent: false,
          message: 'The desk mailbox is not set up (Settings → Mailbox).',
        };
      const extra = [];
      if (report !== null) {
        if (!options.printReport)
          return { ok: false, permanent: false, message: 'Reports cannot be printed to PDF here.' };
        try {
          const bytes = await options.printReport(report);
          extra.push({ filename: reportFileName(report.title), contentType: 'application/pdf', bytes });
        } catch (error) {
          return {
            ok: false,
            permanent: false,
            message: `The report could not be printed to PDF: ${error instanceof Error ? error.message : String(error)}`,
          };
        }
      }
      return sendMail(
        {
          settings: config,
          passwords: { imap: password(IMAP_PASSWORD_SECRET), smtp: password(SMTP_PASSWORD_SECRET) },
          blobs,
          log: log.child('smtp'),
          now,
        },
        mail,
        extra,
      );
    },

    async attachment({ blobId, filename, action }) {
      const bytes = await blobs.read(blobId);
      if (bytes === null)
        return {
          ok: false,
          message: `"${filename}" is not on this computer (it was fetched by another desk).`,
        };
      const safeName = safeFileName(filename);
      if (action === 'save') return options.attachments.save({ filename: safeName, bytes });
      if (EXECUTABLE.has(extname(safeName).toLowerCase()))
        return {
          ok: false,
          message: `"${filename}" is a program or script, so Desk will not open it. Save it instead and have it checked before running it.`,
        };
      // The viewer gets a copy under the attachment's own name, never the blob store's file.
      const folder = join(options.dataDir, 'mail', 'open', blobId.slice(0, 16));
      await mkdir(folder, { recursive: true });
      const path = join(folder, safeName);
      await copyFile(blobs.path(blobId), path);
      return options.attachments.open({ path, filename: safeName, bytes });
    },

    async rawSource(blobId) {
      const head = await blobs.readHead(blobId, RAW_SOURCE_LIMIT);
      if (head === null) return null;
      return { text: Buffer.from(head.bytes).toString('utf8'), truncated: head.size > head.bytes.length };
    },

    start() {
      if (started) return;
      started = true;
      startInboundFromSettings();
    },

    async close() {
      started = false;
      await stopInbound();
    },
  };
}

/** A name safe on every file system: no folders, no control or reserved characters. */
export function safeFileName(name: string): string {
  const cleaned = Array.from(name, (char) => (char.charCodeAt(0) < 32 ? '_' : char))
    .join('')
    .replace(/[/\\]/g, '_')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  return cleaned === '' ? 'attachment' : cleaned;
}

function reportFileName(title: string): string {
  return `${safeFileName(title).replace(/\s+/g, ' ')}.pdf`;
}
