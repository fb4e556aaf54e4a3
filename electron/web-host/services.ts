/**
 * The shell's services in plain Node: the same modules Electron main uses, with Node ports in place of Electron's
 * Notification, Tray and shell. The browser host has no desktop integration, so notifications and the tray badge
 * are written to the host's log (and terminal), and links open through the platform's opener.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import type { MovableClock } from '../../shared/time';
import { createClockOffsetTracker } from '../services/clock';
import { createLinkOpener } from '../services/external-links';
import { createHandlers, type ShellServices } from '../services/handlers';
import { createFileLogger, type Logger } from '../services/log';
import { type AttachmentPort, createMailService, type MailService, readMail } from '../services/mail';
import { createNotifier, type Notifier } from '../services/notifications';
import { createPdfExporter, type PdfExporter } from '../services/pdf';
import { createSecretStore } from '../services/secrets';
import { openSettingsStore, type SettingsStore } from '../services/settings';
import { createSyncService, type SyncService } from '../services/sync';
import { createTrayBadge, type TrayPort } from '../services/tray';
import { createDownloadShelf, type DownloadShelf, downloadDelivery } from './downloads';
import { createChromiumPrinter } from './pdf-printer';

export type LinkMode = 'system' | 'log';

export interface WebHostServiceOptions {
  dataDir: string;
  clock: MovableClock;
  version: string;
  /** Store secrets unencrypted in the data folder (there is no OS keyring in plain Node). */
  allowPlainSecrets: boolean;
  /** 'system' opens allowed links with xdg-open/open/start; 'log' only logs them (tests). */
  links: LinkMode;
  /** Also print log lines to the terminal. */
  echo?: (line: string) => void;
  /** The Chromium that prints PDFs (default CHROMIUM_PATH, else /usr/bin/chromium). */
  chromiumPath?: string;
}

/** What the services need from the running host: its address and token (print route), and its events. */
export interface HostLink {
  origin: string;
  token: string;
  broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export interface WebHostServices {
  handlers: ReturnType<typeof createHandlers>;
  settings: SettingsStore;
  log: Logger;
  pdf: PdfExporter;
  /** Finished exports for the host to serve at /exports/<id>. */
  downloads: DownloadShelf;
  sync: SyncService;
  mail: MailService;
  /** Called once the host listens: exports print from its address and report through its socket. */
  attach(host: HostLink): void;
  /** Stops exports under way and the printing Chromium. */
  close(): Promise<void>;
}

export function createWebHostServices(options: WebHostServiceOptions): WebHostServices {
  const { dataDir, clock } = options;
  const now = () => clock.now();
  const log = createFileLogger({
    file: join(dataDir, 'logs', 'desk-web-host.log'),
    now,
    ...(options.echo ? { echo: options.echo } : {}),
  });
  const settings = openSettingsStore({
    file: join(dataDir, 'settings.json'),
    log: log.child('settings'),
    now,
  });

  let host: HostLink | null = null;
  const printer = createChromiumPrinter({
    log: log.child('pdf'),
    ...(options.chromiumPath ? { executablePath: options.chromiumPath } : {}),
  });
  const downloads = createDownloadShelf();
  const pdf = createPdfExporter({
    renderToPdf: printer.renderToPdf,
    deliver: downloadDelivery(downloads),
    printUrl: (jobId) => {
      if (host === null) throw new Error('The host is not listening yet.');
      return `${host.origin}/?token=${host.token}#/print/job/${jobId}`;
    },
    emit: (event, payload) => host?.broadcast(event, payload),
    log: log.child('pdf'),
  });

  const secrets = createSecretStore({
    file: join(dataDir, 'secrets.json'),
    platform: process.platform,
    allowPlainFile: options.allowPlainSecrets,
    isBasicTextAccepted: () => settings.get().secrets.allowBasicText,
    log: log.child('secrets'),
    now,
  });
  const clockOffset = createClockOffsetTracker();
  // The real sync client, as in Electron: its events reach every page through the host's socket.
  const sync = createSyncService({
    secrets,
    settings,
    clock: clockOffset,
    log: log.child('sync'),
    emit: (event, payload) => host?.broadcast(event, payload),
  });

  const mail = createMailService({
    dataDir,
    settings,
    secrets,
    readMail,
    printReport: (report) => pdf.render(report),
    attachments: downloadAttachments(downloads, log.child('mail')),
    emit: (event, payload) => host?.broadcast(event, payload),
    log: log.child('mail'),
    now,
  });

  const services: ShellServices = {
    appInfo: {
      name: 'Desk',
      version: options.version,
      electron: null,
      chrome: null,
      node: process.versions.node,
      platform: process.platform,
      arch: process.arch,
      packaged: false,
    },
    settings,
    notifier: loggedRequests(
      createNotifier({
        // Nothing to show them on: `loggedRequests` writes each one to the log instead.
        port: { isSupported: () => true, show: () => {} },
        isEnabled: () => settings.get().notifications.enabled,
        // A logged notification cannot be clicked.
        onClick: () => {},
        now: () => clock.now().getTime(),
      }),
      log.child('notifications'),
    ),
    tray: createTrayBadge(loggedTray(log.child('tray'))),
    secrets,
    clock: clockOffset,
    openExternal: createLinkOpener({
      open:
        options.links === 'system'
          ? openWithSystem
          : async (url) => log.child('links').info(`Not opening ${url} (links are only logged).`),
      allowedHosts: () => settings.get().links.allowedHosts,
      log: log.child('links'),
    }),
    rendererLog: log.child('renderer'),
    pdf,
    sync,
    mail,
  };
  return {
    handlers: createHandlers(services),
    settings,
    log,
    pdf,
    downloads,
    sync,
    mail,
    attach: (link) => {
      host = link;
      sync.start();
      mail.start();
    },
    close: async () => {
      sync.close();
      await mail.close();
      pdf.close();
      await printer.close();
    },
  };
}

/**
 * Attachments in the browser: opening one only logs it (the browser host has no desktop to open it on); saving
 * puts it on the download shelf, served once like an export. The page is told where to fetch it.
 */
function downloadAttachments(downloads: DownloadShelf, log: Logger): AttachmentPort {
  const offer = (filename: string, bytes: Uint8Array) => {
    const downloadPath = downloads.offer({
      fileName: filename,
      contentType: 'application/octet-stream',
      bytes,
    });
    return { ok: true, message: `"${filename}" is ready to download.`, downloadPath };
  };
  return {
    async open({ filename, bytes }) {
      log.info(`Attachment "${filename}" (${bytes.length} bytes) offered as a download instead of opened.`);
      return offer(filename, bytes);
    },
    async save({ filename, bytes }) {
      log.info(`Attachment "${filename}" (${bytes.length} bytes) offered as a download.`);
      return offer(filename, bytes);
    },
  };
}

/**
 * Every notification the app asks for, with its tag and what became of it (`shown`, `duplicate`, `disabled`):
 * the host's log stands in for the desktop, and end-to-end tests count notifications from it.
 */
function loggedRequests(notifier: Notifier, log: Logger): Notifier {
  return {
    show(notification) {
      const outcome = notifier.show(notification);
      log.info(
        `${outcome.status} [${notification.tag ?? 'no tag'}] ${notification.title}: ${notification.body}`,
      );
      return outcome;
    },
  };
}

function loggedTray(log: Logger): TrayPort {
  return {
    setState: () => {},
    setToolTip: (text) => log.info(text),
    setTitle: () => {},
    setBadgeCount: () => {},
  };
}

/** The platform's "open in the default browser"; the URL has passed the allowlist and is a single argument. */
async function openWithSystem(url: string): Promise<void> {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['explorer.exe', [url]]
        : ['xdg-open', [url]];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
