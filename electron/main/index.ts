/**
 * The Electron main process: one instance, one locked-down window on app://desk, and the shell services behind
 * the bridge contract. Everything with a rule in it lives in a module of its own; this file only wires them.
 */
import { join } from 'node:path';
import { app, type BrowserWindow, ipcMain, Menu, protocol, safeStorage, session, shell } from 'electron';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import trayAtRisk from '../resources/tray-at-risk.png?asset';
import trayBreached from '../resources/tray-breached.png?asset';
import trayCalm from '../resources/tray-calm.png?asset';
import windowIcon from '../resources/window-icon.png?asset';
import { APP_ENTRY_URL, APP_SCHEME, createAppRequestHandler, entryUrl } from '../services/app-protocol';
import { createClockOffsetTracker } from '../services/clock';
import { createLinkOpener } from '../services/external-links';
import { createHandlers } from '../services/handlers';
import { createFileLogger } from '../services/log';
import { createMailService, readMail } from '../services/mail';
import { createNotifier } from '../services/notifications';
import { createPdfExporter } from '../services/pdf';
import { createSecretStore } from '../services/secrets';
import { openSettingsStore } from '../services/settings';
import { createSyncService } from '../services/sync';
import { createTrayBadge } from '../services/tray';
import { electronNotificationPort, electronTrayPort } from './desktop-ports';
import { registerIpcHandlers, sendEvent } from './ipc';
import { electronAttachmentPort } from './mail-files';
import { menuTemplate } from './menu';
import { hiddenWindowPdfRenderer, saveDialogDelivery } from './pdf-window';
import { hardenWebContents, restrictPermissions, trustedOrigins } from './security';
import { createMainWindow } from './window';

const APP_ID = 'org.desk.app';

// Privileges must be declared before the app is ready; standard+secure gives app://desk a real, secure origin.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
]);
app.enableSandbox();

if (app.requestSingleInstanceLock()) {
  start();
} else {
  app.quit();
}

function start(): void {
  let mainWindow: BrowserWindow | null = null;
  const showWindow = () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  const send = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    if (mainWindow) sendEvent(mainWindow.webContents, event, payload);
  };

  app.on('second-instance', showWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

  app
    .whenReady()
    .then(() => {
      const development = !app.isPackaged;
      const devServerUrl = development ? process.env.ELECTRON_RENDERER_URL : undefined;
      const log = createFileLogger({
        file: join(app.getPath('logs'), 'desk.log'),
        level: development ? 'debug' : 'info',
        ...(development ? { echo: (line: string) => console.log(line) } : {}),
      });
      log.info(`Desk ${app.getVersion()} starting (Electron ${process.versions.electron}).`);
      const userData = app.getPath('userData');
      const settings = openSettingsStore({
        file: join(userData, 'settings.json'),
        log: log.child('settings'),
      });

      const origins = trustedOrigins(devServerUrl);
      restrictPermissions(session.defaultSession, origins);
      protocol.handle(
        APP_SCHEME,
        createAppRequestHandler({ root: join(import.meta.dirname, '../renderer') }),
      );

      const openExternal = createLinkOpener({
        open: (url) => shell.openExternal(url),
        allowedHosts: () => settings.get().links.allowedHosts,
        log: log.child('links'),
      });
      app.on('web-contents-created', (_event, contents) =>
        hardenWebContents(contents, { openExternal, log: log.child('security') }),
      );

      const preload = join(import.meta.dirname, '../preload/index.cjs');
      const pdf = createPdfExporter({
        renderToPdf: hiddenWindowPdfRenderer({ preload, log: log.child('pdf') }),
        deliver: saveDialogDelivery({
          parent: () => mainWindow,
          documentsFolder: () => app.getPath('documents'),
        }),
        printUrl: (jobId) => {
          const url = new URL(devServerUrl ?? APP_ENTRY_URL);
          url.hash = `/print/job/${jobId}`;
          return url.href;
        },
        emit: send,
        log: log.child('pdf'),
      });
      app.on('before-quit', () => pdf.close());

      const tray = electronTrayPort({
        icons: { calm: trayCalm, atRisk: trayAtRisk, breached: trayBreached },
        showWindow,
      });
      const secrets = createSecretStore({
        file: join(userData, 'secrets.json'),
        platform: process.platform,
        safeStorage,
        isBasicTextAccepted: () => settings.get().secrets.allowBasicText,
        log: log.child('secrets'),
      });
      const clock = createClockOffsetTracker();
      const sync = createSyncService({ secrets, settings, clock, log: log.child('sync'), emit: send });
      app.on('before-quit', () => sync.close());
      const mail = createMailService({
        dataDir: userData,
        settings,
        secrets,
        readMail,
        printReport: (report) => pdf.render(report),
        attachments: electronAttachmentPort({
          parent: () => mainWindow,
          downloadsFolder: () => app.getPath('downloads'),
        }),
        emit: send,
        log: log.child('mail'),
      });
      app.on('before-quit', () => void mail.close());
      const handlers = createHandlers({
        appInfo: {
          name: app.getName(),
          version: app.getVersion(),
          electron: process.versions.electron ?? null,
          chrome: process.versions.chrome ?? null,
          node: process.versions.node,
          platform: process.platform,
          arch: process.arch,
          packaged: app.isPackaged,
        },
        settings,
        notifier: createNotifier({
          port: electronNotificationPort(windowIcon),
          isEnabled: () => settings.get().notifications.enabled,
          onClick: (tag) => {
            showWindow();
            send('notificationClicked', { tag });
          },
        }),
        tray: createTrayBadge(tray.port, app.getName()),
        secrets,
        clock,
        openExternal,
        rendererLog: log.child('renderer'),
        pdf,
        sync,
        mail,
      });
      registerIpcHandlers({ ipcMain, handlers, origins, log: log.child('ipc') });
      sync.start();
      mail.start();
      settings.onChange((next) => send('settingsChanged', next));

      app.setAboutPanelOptions({ applicationName: app.getName(), applicationVersion: app.getVersion() });
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          menuTemplate({
            platform: process.platform,
            appName: app.getName(),
            development,
            command: (command) => send('menuCommand', { command }),
          }),
        ),
      );

      const openWindow = () => {
        mainWindow = createMainWindow({
          preload,
          url: devServerUrl ?? entryUrl(process.env),
          settings,
          log: log.child('window'),
          icon: windowIcon,
          devTools: development,
        });
        mainWindow.on('closed', () => {
          mainWindow = null;
        });
      };
      openWindow();
      app.on('activate', () => {
        if (mainWindow) showWindow();
        else openWindow();
      });
    })
    .catch((error: unknown) => {
      console.error('Desk could not start:', error);
      app.exit(1);
    });
}
