/**
 * The shell's side of the contract, one function per call, over the services. Platform-free: Electron main wires
 * it to IPC, the browser host to its socket; both go through `dispatch()`, which parses arguments and results.
 */
import type { DeskHandlers } from '../../shared/ipc/contract';
import type { AppInfo, OpenExternalOutcome } from '../../shared/ipc/schemas';
import type { ClockOffsetTracker } from './clock';
import type { Logger } from './log';
import type { Notifier } from './notifications';
import type { PdfExporter } from './pdf';
import type { SecretStore } from './secrets';
import type { SettingsStore } from './settings';
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
}

export function createHandlers(services: ShellServices): DeskHandlers {
  const { settings, notifier, tray, secrets, clock, rendererLog, pdf } = services;
  return {
    getAppInfo: () => services.appInfo,
    getSettings: () => settings.get(),
    updateSettings: (patch) => settings.update(patch),
    showNotification: (notification) => notifier.show(notification),
    updateTrayBadge: (counts) => tray.update(counts),
    getSecretStatus: () => secrets.status(),
    getSecret: (name) => secrets.get(name),
    setSecret: (name, value) => secrets.set(name, value),
    deleteSecret: (name) => secrets.delete(name),
    openExternal: (url) => services.openExternal(url),
    log: (level, message) => rendererLog[level](message),
    getClockOffset: () => clock.current(),
    exportPart: (exportId, index, text) => pdf.receivePart(exportId, index, text),
    exportReportPdf: (request) => pdf.start(request),
    cancelExport: (exportId) => pdf.cancel(exportId),
    getPrintJob: (jobId) => pdf.printJob(jobId),
    printJobRendered: (jobId, problem) => pdf.rendered(jobId, problem),
  };
}
