import { describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, eventSubscriberName, METHOD_NAMES } from '../../shared/ipc/contract';

const electron = vi.hoisted(() => {
  const exposed = new Map<string, Record<string, (...args: unknown[]) => unknown>>();
  const ipcRenderer = {
    invoke: vi.fn(async (..._args: unknown[]) => 'answer'),
    on: vi.fn(),
    removeListener: vi.fn(),
    send: vi.fn(),
  };
  return {
    exposed,
    ipcRenderer,
    module: {
      contextBridge: {
        exposeInMainWorld: (key: string, api: Record<string, (...args: unknown[]) => unknown>) =>
          exposed.set(key, api),
      },
      ipcRenderer,
    },
  };
});

vi.mock('electron', () => electron.module);
await import('./index');
const desk = electron.exposed.get('desk')!;

describe('preload', () => {
  it('exposes window.desk and nothing else: one function per call and per event, no ipcRenderer', () => {
    expect([...electron.exposed.keys()]).toEqual(['desk']);
    const expected = [...METHOD_NAMES, ...EVENT_NAMES.map((event) => eventSubscriberName(event))];
    expect(Object.keys(desk).sort()).toEqual(expected.sort());
    for (const value of Object.values(desk)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(electron.ipcRenderer);
    }
  });

  it('sends each call on its own channel with its arguments', async () => {
    await expect(desk.setSecret!('imap.password', 'pw')).resolves.toBe('answer');
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('desk:setSecret', 'imap.password', 'pw');
    await desk.getAppInfo!();
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('desk:getAppInfo');
  });

  it('hands listeners the payload only, never the IPC event, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = desk.onMenuCommand!(listener) as () => void;
    const [channel, relay] = electron.ipcRenderer.on.mock.calls.at(-1)!;
    expect(channel).toBe('desk:event:menuCommand');
    relay({ sender: electron.ipcRenderer }, { command: 'newCase' });
    expect(listener).toHaveBeenCalledWith({ command: 'newCase' });
    expect(listener.mock.calls[0]).toHaveLength(1);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('desk:event:menuCommand', relay);
  });
});
