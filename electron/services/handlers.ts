/**
 * The shell's side of the contract, one function per call, over the services. Platform-free: Electron main wires
 * it to IPC, the browser host to its socket; both go through `dispatch()`, which parses arguments and results.
 */
import type { DeskHandlers } from '../../shared/ipc/contract';
import type { AppInfo, OpenExternalOutcome } from '../../shared/ipc/schemas';
import { MAIN_PROCESS_SECRETS, type SyncFailure } from '../../shared/ipc/sync';
import { SyncTransportError } from '../../shared/sync/transport';
import type { ClockOffsetTracker } from './clock';
import type { Logger } from './log';
import { MAIL_SECRETS } from './mail/secrets';
import type { MailService } from './mail/types';
import type { Notifier } from './notifications';
import type { PdfExporter } from './pdf';
import type { SecretStore } from './secrets';
import type { SettingsStore } from './settings';
import type { SyncService } from './sync';
import type { TrayBadge } from './tray';

export interface ShellServices {
  appInfo: AppInfo;
  settings: SettingsStore;
  notifier: Notifier;
  tray: TrayBadge;
  secrets: SecretStore;
  clock: ClockOffsetTracker;
  openExternal: (url: string) => Promise<OpenExternalOutcome>;
  /** Report export to PDF (Chromium's print engine behind a port). */
  pdf: PdfExporter;
  /** Where the renderer's own log lines go. */
  rendererLog: Logger;
  /** The team server client (token, pushes, pulls, event stream). */
  sync: SyncService;
  /** The desk mailbox: IMAP in, SMTP out, the blob store of originals and attachments. */
  mail: MailService;
}

export function createHandlers(services: ShellServices): DeskHandlers {
  const { settings, notifier, tray, secrets, clock, rendererLog, pdf, sync, mail } = services;
  return {
    getAppInfo: () => services.appInfo,
    getSettings: () => settings.get(),
    updateSettings: (patch) => {
      if (patch.sync !== undefined)
        throw new Error('The team server is changed by connecting or signing out, not through settings.');
      if (patch.mailbox !== undefined)
        throw new Error('The mailbox is changed in Settings → Mailbox, which also keeps its passwords.');
      return settings.update(patch);
    },
    showNotification: (notification) => notifier.show(notification),
    updateTrayBadge: (counts) => tray.update(counts),
    getSecretStatus: () => secrets.status(),
    getSecret: (name) => secrets.get(rendererSecret(name)),
    setSecret: (name, value) => secrets.set(rendererSecret(name), value),
    deleteSecret: (name) => secrets.delete(rendererSecret(name)),
    openExternal: (url) => services.openExternal(url),
    log: (level, message) => rendererLog[level](message),
    getClockOffset: () => clock.current(),
    exportPart: (exportId, index, text) => pdf.receivePart(exportId, index, text),
    exportReportPdf: (request) => pdf.start(request),
    cancelExport: (exportId) => pdf.cancel(exportId),
    getPrintJob: (jobId) => pdf.printJob(jobId),
    printJobRendered: (jobId, problem) => pdf.rendered(jobId, problem),
    syncConnect: ({ serverUrl, email, password }) => sync.connect(serverUrl, email, password),
    syncSignOut: () => sync.signOut(),
    syncStatus: () => sync.status(),
    syncPush: async (request) => {
      try {
        return await sync.push(request);
      } catch (error) {
        return { kind: 'failed', failure: syncFailure(error) };
      }
    },
    syncPull: async (clientGroupId, cookie) => {
      try {
        return { kind: 'ok', page: await sync.pullPage(clientGroupId, cookie) };
      } catch (error) {
        return { kind: 'failed', failure: syncFailure(error) };
      }
    },
    syncCaseHistory: async (caseId) => {
      try {
        return { kind: 'ok', history: await sync.caseHistory(caseId) };
      } catch (error) {
        return { kind: 'failed', failure: syncFailure(error) };
      }
    },
    mailSettings: () => mail.view(),
    mailSaveSettings: (request) => mail.save(request),
    mailTestConnection: (request) => mail.test(request),
    mailStatus: () => mail.status(),
    mailTake: (max) => mail.take(max),
    mailAck: (acks) => mail.ack(acks),
    mailSend: (request) => mail.send(request),
    mailAttachment: (request) => mail.attachment(request),
    mailRawSource: (blobId) => mail.rawSource(blobId),
  };
}

/** The session token and its like are the main process's alone: the renderer can neither read nor replace them. */
function rendererSecret(name: string): string {
  if (MAIN_PROCESS_SECRETS.includes(name) || MAIL_SECRETS.includes(name))
    throw new Error(`The secret "${name}" belongs to the desktop shell and is not available to the app.`);
  return name;
}

/** Transport failures cross the bridge as data, so the renderer's engine gets their kind back. */
function syncFailure(error: unknown): SyncFailure {
  if (error instanceof SyncTransportError) return { kind: error.kind, message: error.message };
  throw error;
}
