/**
 * The main process's start-up, with Electron replaced by recording fakes: what is wired before and after `ready`.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_CHANNELS } from '../../shared/ipc/contract';

const electron = vi.hoisted(() => {
  const calls: string[] = [];
  const listeners = new Map<string, (...args: unknown[]) => void>();
  let ready: () => void = () => {};
  const whenReady = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const emitter = () => ({
    on: vi.fn(function on(this: unknown) {
      return this;
    }),
    once: vi.fn(function once(this: unknown) {
      return this;
    }),
  });
  const windows: { options: Record<string, unknown>; url?: string }[] = [];
  class BrowserWindow {
    webContents = { send: vi.fn(), isDestroyed: () => false };
    on = vi.fn(() => this);
    once = vi.fn(() => this);
    constructor(public options: Record<string, unknown>) {
      windows.push(this);
    }
    loadURL = vi.fn(async (url: string) => {
      (this as unknown as { url: string }).url = url;
    });
  }
  const state = { lock: true, userData: '', ready, calls, listeners, windows };
  const module = {
    app: {
      requestSingleInstanceLock: vi.fn(() => state.lock),
      enableSandbox: vi.fn(() => calls.push('enableSandbox')),
      quit: vi.fn(() => calls.push('quit')),
      exit: vi.fn(),
      on: vi.fn((event: string, listener: (...args: unknown[]) => void) => listeners.set(event, listener)),
      whenReady: () => whenReady,
      isPackaged: true,
      getPath: () => state.userData,
      getName: () => 'Desk',
      getVersion: () => '0.1.0',
      setAppUserModelId: vi.fn(),
      setAboutPanelOptions: vi.fn(),
      setBadgeCount: vi.fn(),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => calls.push('registerSchemesAsPrivileged')),
      handle: vi.fn((scheme: string) => calls.push(`protocol.handle ${scheme}`)),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      },
    },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => template), setApplicationMenu: vi.fn() },
    Tray: class {
      setContextMenu = vi.fn();
      setImage = vi.fn();
      setToolTip = vi.fn();
      setTitle = vi.fn();
      on = vi.fn();
    },
    nativeImage: { createFromPath: vi.fn((path: string) => ({ path })) },
    Notification: Object.assign(class {}, { isSupported: () => true }),
    shell: { openExternal: vi.fn() },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from(s),
      decryptString: (b: Buffer) => b.toString(),
      getSelectedStorageBackend: () => 'gnome_libsecret',
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    BrowserWindow,
    ...emitter(),
  };
  return { state, module };
});

vi.mock('electron', () => electron.module);

async function start(options: { lock: boolean }) {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  electron.state.lock = options.lock;
  electron.state.userData = mkdtempSync(join(tmpdir(), 'desk-main-'));
  await import('./index');
}

describe('main process start-up', () => {
  beforeEach(() => {
    vi.resetModules();
    vi.clearAllMocks();
    electron.state.calls.length = 0;
    electron.state.windows.length = 0;
    electron.state.listeners.clear();
  });

  it('registers app:// as a privileged scheme and turns the sandbox on before the app is ready', async () => {
    await start({ lock: true });
    const { calls } = electron.state;
    expect(calls.slice(0, 2)).toEqual(['registerSchemesAsPrivileged', 'enableSandbox']);
    expect(electron.module.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    expect(electron.module.protocol.handle).not.toHaveBeenCalled();
    expect(electron.state.windows).toHaveLength(0);

    electron.state.ready();
    await vi.waitFor(() => expect(electron.state.windows).toHaveLength(1));
    expect(calls).toContain('protocol.handle app');
    const channels = electron.module.ipcMain.handle.mock.calls.map(([channel]) => channel);
    expect(channels.sort()).toEqual(Object.values(METHOD_CHANNELS).sort());
    expect(electron.module.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.module.Menu.setApplicationMenu).toHaveBeenCalled();
    expect(electron.state.windows[0]!.url).toBe('app://desk/index.html');
    expect(electron.state.windows[0]!.options.webPreferences).toMatchObject({
      preload: expect.stringMatching(/preload[/\\]index\.cjs$/),
      sandbox: true,
      contextIsolation: true,
    });
    expect(electron.state.listeners.has('web-contents-created')).toBe(true);
    expect(electron.state.listeners.has('second-instance')).toBe(true);
  });

  it('quits at once, with no window, when another instance already runs', async () => {
    await start({ lock: false });
    electron.state.ready();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(electron.state.calls).toContain('quit');
    expect(electron.state.windows).toHaveLength(0);
    expect(electron.module.ipcMain.handle).not.toHaveBeenCalled();
  });
});
