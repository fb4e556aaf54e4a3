/** The main window: locked-down web preferences, and its place and size remembered in the settings file. */
import { BrowserWindow, screen } from 'electron';
import type { Logger } from '../services/log';
import type { SettingsStore } from '../services/settings';
import { DEFAULT_SIZE, debounce, restorableBounds } from './window-state';

export interface MainWindowOptions {
  preload: string;
  url: string;
  settings: SettingsStore;
  log: Logger;
  icon?: string;
  devTools: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { settings, log } = options;
  const saved = settings.get().window;
  const bounds = restorableBounds(
    saved.bounds,
    screen.getAllDisplays().map((display) => display.workArea),
  );

  const window = new BrowserWindow({
    ...(bounds ?? DEFAULT_SIZE),
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Desk',
    backgroundColor: '#f5f6f8',
    ...(options.icon ? { icon: options.icon } : {}),
    // Written out here, not spread from a constant, so static checkers (Electronegativity) can see every option.
    webPreferences: {
      preload: options.preload,
      // The renderer is a web page: isolated from the preload, sandboxed, no Node, same-origin policy on.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      // Middle-click would open links in new windows; those are denied anyway, this stops the attempt.
      disableBlinkFeatures: 'Auxclick',
      devTools: options.devTools,
    },
  });

  window.once('ready-to-show', () => {
    if (saved.maximized) window.maximize();
    window.show();
  });
  rememberWindowState(window, settings, log);
  window
    .loadURL(options.url)
    .catch((error: unknown) => log.error(`Could not load ${options.url}: ${String(error)}`));
  return window;
}

function rememberWindowState(window: BrowserWindow, settings: SettingsStore, log: Logger): void {
  const save = () => {
    if (window.isDestroyed()) return;
    try {
      settings.update({ window: { bounds: window.getNormalBounds(), maximized: window.isMaximized() } });
    } catch (error) {
      log.warn(`Could not remember the window's position: ${String(error)}`);
    }
  };
  const saveSoon = debounce(save, 1000);
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', save);
  window.on('unmaximize', save);
  window.on('close', () => {
    saveSoon.cancel();
    save();
  });
}
