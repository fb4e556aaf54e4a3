import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../services/log';
import { openSettingsStore } from '../services/settings';
import { createMainWindow } from './window';

const electron = vi.hoisted(() => {
  /** The constructor options and event listeners of every BrowserWindow the code under test creates. */
  const windows: FakeWindow[] = [];
  class FakeWindow {
    listeners = new Map<string, (() => void)[]>();
    loadURL = vi.fn(async (_url: string) => {});
    maximize = vi.fn();
    show = vi.fn();
    normalBounds = { x: 0, y: 0, width: 0, height: 0 };
    maximized = false;
    constructor(public options: Record<string, unknown>) {
      windows.push(this);
    }
    on(event: string, listener: () => void) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: () => void) {
      return this.on(event, listener);
    }
    emit(event: string) {
      for (const listener of this.listeners.get(event) ?? []) listener();
    }
    isDestroyed = () => false;
    getNormalBounds = () => this.normalBounds;
    isMaximized = () => this.maximized;
  }
  const workAreas = [{ x: 0, y: 0, width: 1920, height: 1080 }];
  return {
    windows,
    workAreas,
    module: {
      BrowserWindow: FakeWindow,
      screen: { getAllDisplays: () => workAreas.map((workArea) => ({ workArea })) },
    },
  };
});

vi.mock('electron', () => electron.module);

function open(saved?: {
  bounds: { x: number; y: number; width: number; height: number };
  maximized: boolean;
}) {
  const settings = openSettingsStore({
    file: join(mkdtempSync(join(tmpdir(), 'desk-window-')), 's.json'),
    log: createMemoryLogger(),
  });
  if (saved) settings.update({ window: saved });
  createMainWindow({
    preload: '/app/out/preload/index.cjs',
    url: 'app://desk/index.html',
    settings,
    log: createMemoryLogger(),
    devTools: false,
  });
  const window = electron.windows.at(-1)!;
  return { window, settings };
}

describe('main window', () => {
  beforeEach(() => {
    electron.windows.length = 0;
  });

  it('runs the renderer isolated, sandboxed, without Node and with web security on', () => {
    const { window } = open();
    expect(window.options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
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
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
  });

  it('loads the app from app://desk, not file://', () => {
    const { window } = open();
    expect(window.loadURL).toHaveBeenCalledWith('app://desk/index.html');
  });

  it('reopens where it was, maximised if it was', () => {
    const { window } = open({ bounds: { x: 100, y: 80, width: 1400, height: 900 }, maximized: true });
    expect(window.options).toMatchObject({ x: 100, y: 80, width: 1400, height: 900, show: false });
    window.emit('ready-to-show');
    expect(window.maximize).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
  });

  it('opens at the default size when its old place is on a screen that is gone', () => {
    const { window } = open({ bounds: { x: 3000, y: 100, width: 1400, height: 900 }, maximized: false });
    expect(window.options).toMatchObject({ width: 1280, height: 820 });
    expect(window.options).not.toHaveProperty('x');
  });

  it('remembers its place when closed', () => {
    const { window, settings } = open();
    window.normalBounds = { x: 40, y: 30, width: 1000, height: 700 };
    window.maximized = true;
    window.emit('close');
    expect(settings.get().window).toEqual({
      bounds: { x: 40, y: 30, width: 1000, height: 700 },
      maximized: true,
    });
  });
});
