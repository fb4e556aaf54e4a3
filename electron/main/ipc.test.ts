import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { METHOD_CHANNELS, METHOD_NAMES } from '../../shared/ipc/contract';
import { createClockOffsetTracker } from '../services/clock';
import { createLinkOpener } from '../services/external-links';
import { createHandlers } from '../services/handlers';
import { createMemoryLogger } from '../services/log';
import { createMailService, readMail } from '../services/mail';
import { createNotifier } from '../services/notifications';
import { createPdfExporter } from '../services/pdf';
import { createSecretStore } from '../services/secrets';
import { openSettingsStore } from '../services/settings';
import { createSyncService } from '../services/sync';
import { createTrayBadge } from '../services/tray';
import { registerIpcHandlers, sendEvent } from './ipc';
import { trustedOrigins } from './security';

vi.mock('electron', () => ({}));

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'desk-ipc-'));
  const log = createMemoryLogger();
  const settings = openSettingsStore({ file: join(dir, 'settings.json'), log });
  const open = vi.fn(async (_url: string) => {});
  const secrets = createSecretStore({
    file: join(dir, 'secrets.json'),
    platform: 'linux',
    allowPlainFile: true,
    isBasicTextAccepted: () => false,
    log,
  });
  const clock = createClockOffsetTracker();
  const handlers = createHandlers({
    appInfo: {
      name: 'Desk',
      version: '0.1.0',
      electron: '45.4.1',
      chrome: '142.0.0.0',
      node: '22.0.0',
      platform: 'linux',
      arch: 'x64',
      packaged: false,
    },
    settings,
    notifier: createNotifier({
      port: { isSupported: () => true, show: () => {} },
      isEnabled: () => true,
      onClick: () => {},
    }),
    tray: createTrayBadge({ setState() {}, setToolTip() {}, setTitle() {}, setBadgeCount() {} }),
    secrets,
    clock,
    openExternal: createLinkOpener({ open, allowedHosts: () => settings.get().links.allowedHosts, log }),
    rendererLog: log.child('renderer'),
    pdf: createPdfExporter({
      renderToPdf: async () => new Uint8Array(),
      deliver: async () => ({ status: 'cancelled' }),
      printUrl: (jobId) => `app://desk/index.html#/print/job/${jobId}`,
      emit: () => {},
      log,
    }),
    sync: createSyncService({ secrets, settings, clock, log, emit: () => {} }),
    mail: createMailService({
      dataDir: dir,
      settings,
      secrets,
      readMail,
      attachments: {
        open: async () => ({ ok: false, message: 'not here' }),
        save: async () => ({ ok: false, message: 'not here' }),
      },
      emit: () => {},
      log,
    }),
  });
  const listeners = new Map<string, Listener>();
  const ipcMain = {
    handle: vi.fn((channel: string, listener: Listener) => void listeners.set(channel, listener)),
    removeHandler: vi.fn((channel: string) => void listeners.delete(channel)),
  };
  const unregister = registerIpcHandlers({ ipcMain, handlers, origins: trustedOrigins(), log });

  const call = (
    method: string,
    args: unknown[],
    from: { url?: string; subFrame?: boolean; gone?: boolean } = {},
  ) => {
    const mainFrame = { url: from.url ?? 'app://desk/index.html' };
    const senderFrame = from.gone ? null : from.subFrame ? { url: mainFrame.url } : mainFrame;
    // A stand-in for the parts of Electron's event that the sender check reads.
    const event = { sender: { mainFrame }, senderFrame } as unknown as IpcMainInvokeEvent;
    const listener = listeners.get(`desk:${method}`);
    if (!listener) throw new Error(`no handler for ${method}`);
    return listener(event, ...args);
  };
  return { call, listeners, log, open, unregister, settings };
}

describe('IPC handlers', () => {
  it('registers one handler per contract method, and removes them all again', () => {
    const { listeners, unregister } = setup();
    expect([...listeners.keys()].sort()).toEqual(Object.values(METHOD_CHANNELS).sort());
    expect(listeners.size).toBe(METHOD_NAMES.length);
    unregister();
    expect(listeners.size).toBe(0);
  });

  it("answers the app's own main frame", async () => {
    const { call } = setup();
    await expect(call('getAppInfo', [])).resolves.toMatchObject({ name: 'Desk', version: '0.1.0' });
    const me = { name: 'Priya Shah', role: 'agent', team: 'IT Service Desk' };
    await expect(call('updateSettings', [{ me }])).resolves.toMatchObject({ me });
    await call('setSecret', ['imap.password', 'pw']);
    await expect(call('getSecret', ['imap.password'])).resolves.toBe('pw');
  });

  it.each([
    [
      'another origin',
      { url: 'https://evil.example/index.html' },
      'the sender https://evil.example is not the app',
    ],
    ['a look-alike host', { url: 'app://desk.evil.example/index.html' }, 'is not the app'],
    ['a file:// page', { url: 'file:///tmp/index.html' }, 'is not the app'],
    ['a sub-frame of the app', { subFrame: true }, 'only the main frame may call the shell'],
    ['a frame that is gone', { gone: true }, 'no longer exists'],
  ])('refuses %s before looking at the arguments', async (_what, from, reason) => {
    const { call, log, settings } = setup();
    await expect(call('updateSettings', [{ notifications: { enabled: false } }], from)).rejects.toThrow(
      reason,
    );
    expect(settings.get().notifications.enabled).toBe(true);
    expect(
      log.lines.some((line) => line.startsWith('[warn]') && line.includes('Refused desk.updateSettings')),
    ).toBe(true);
  });

  it.each([
    ['updateSettings', [{ me: { name: 42 } }], 'desk.updateSettings: invalid arguments', 'me.name'],
    [
      'updateSettings',
      [{ theme: 'dark' }],
      'desk.updateSettings: invalid arguments',
      'Unrecognized key: "theme"',
    ],
    ['setSecret', ['IMAP password', 'pw'], 'desk.setSecret: invalid arguments', 'dotted lower-case name'],
    [
      'setSecret',
      ['imap.password'],
      'desk.setSecret: invalid arguments',
      'expected at least 2 arguments, got 1',
    ],
    ['getAppInfo', ['extra'], 'desk.getAppInfo: invalid arguments', 'expected at most 0 arguments, got 1'],
    ['log', ['shout', 'hello'], 'desk.log: invalid arguments', 'expected one of'],
    [
      'openExternal',
      [{ href: 'https://ico.org.uk/' }],
      'desk.openExternal: invalid arguments',
      'expected string',
    ],
  ])('refuses %s with bad arguments %j, saying which', async (method, args, prefix, detail) => {
    const { call, open } = setup();
    const failure = call(method, args);
    await expect(failure).rejects.toThrow(prefix);
    await expect(failure).rejects.toThrow(detail);
    expect(open).not.toHaveBeenCalled();
  });

  it('never writes a secret value into the log, even when the call is refused', async () => {
    const { call, log } = setup();
    await expect(call('setSecret', ['Not A Name', 'hunter2'])).rejects.toThrow();
    await expect(call('setSecret', ['imap.password', 'x'.repeat(20_000)])).rejects.toThrow();
    expect(log.lines.join('\n')).not.toContain('hunter2');
  });

  it('keeps the team server session token and the server setting away from the page', async () => {
    const { call, settings } = setup();
    await expect(call('getSecret', ['sync-token'])).rejects.toThrow('belongs to the desktop shell');
    await expect(call('setSecret', ['sync-token', 'forged'])).rejects.toThrow('belongs to the desktop shell');
    await expect(call('deleteSecret', ['sync-token'])).rejects.toThrow('belongs to the desktop shell');
    const sync = { serverUrl: 'https://evil.example', personId: 'p', email: 'e@example.org' };
    await expect(call('updateSettings', [{ sync }])).rejects.toThrow('connecting or signing out');
    expect(settings.get().sync.serverUrl).toBeNull();
  });

  it('answers sync calls with the failure as data when no server is set up', async () => {
    const { call } = setup();
    await expect(call('syncStatus', [])).resolves.toMatchObject({ configured: false, signedIn: false });
    await expect(call('syncPull', ['group-1', 0])).resolves.toEqual({
      kind: 'failed',
      failure: { kind: 'signed-out', message: expect.stringMatching(/Settings → Team server/) },
    });
  });

  it('opens only allowlisted https links', async () => {
    const { call, open } = setup();
    await expect(call('openExternal', ['https://ico.org.uk/make-a-complaint/'])).resolves.toEqual({
      opened: true,
      reason: null,
    });
    await expect(call('openExternal', ['http://ico.org.uk/'])).resolves.toMatchObject({ opened: false });
    await expect(call('openExternal', ['https://evil.example/'])).resolves.toMatchObject({ opened: false });
    expect(open.mock.calls).toEqual([['https://ico.org.uk/make-a-complaint/']]);
  });
});

describe('events to the renderer', () => {
  it('sends a checked payload on the event channel', () => {
    const contents = { send: vi.fn(), isDestroyed: () => false };
    sendEvent(contents, 'menuCommand', { command: 'newCase' });
    expect(contents.send).toHaveBeenCalledWith('desk:event:menuCommand', { command: 'newCase' });
  });

  it('refuses a payload the contract does not allow', () => {
    const contents = { send: vi.fn(), isDestroyed: () => false };
    // @ts-expect-error: a command the menu does not have, as a bug elsewhere in main could send.
    expect(() => sendEvent(contents, 'menuCommand', { command: 'formatDisk' })).toThrow(
      'desk event menuCommand',
    );
    expect(contents.send).not.toHaveBeenCalled();
  });
});
