import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/ipc/schemas';
import { createMemoryLogger } from './log';
import { openSettingsStore } from './settings';

const now = () => new Date('2026-03-02T09:30:00.000Z');
const ME = { name: 'Priya Shah', role: 'agent', team: 'IT Service Desk' };

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'desk-settings-'));
  const file = join(dir, 'settings.json');
  const log = createMemoryLogger();
  const open = () => openSettingsStore({ file, log, now });
  return { dir, file, log, open };
}

describe('settings file', () => {
  it('starts from defaults, without warnings, when there is no file yet', () => {
    const { open, log } = setup();
    expect(open().get()).toEqual(DEFAULT_SETTINGS);
    expect(log.lines).toEqual([]);
  });

  it('keeps who I am and the window place across restarts', () => {
    const { open } = setup();
    open().update({ me: ME, window: { bounds: { x: 10, y: 20, width: 1200, height: 800 } } });
    const reopened = open().get();
    expect(reopened.me).toEqual(ME);
    expect(reopened.window).toEqual({ bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: false });
  });

  it('merges a patch section by section and tells listeners', () => {
    const { open } = setup();
    const store = open();
    const listener = vi.fn();
    store.onChange(listener);
    store.update({ window: { maximized: true } });
    const next = store.update({ notifications: { enabled: false } });
    expect(next.window.maximized).toBe(true);
    expect(next.notifications.enabled).toBe(false);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(listener).toHaveBeenLastCalledWith(next);
  });

  it('writes through a temporary file and leaves none behind', () => {
    const { open, dir, file } = setup();
    open().update({ me: ME });
    expect(readdirSync(dir)).toEqual(['settings.json']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1, settings: { me: ME } });
  });

  it('refuses an invalid change and keeps the file and the settings as they were', () => {
    const { open, file } = setup();
    const store = open();
    store.update({ me: ME });
    const before = readFileSync(file, 'utf8');
    expect(() => store.update({ me: { ...ME, name: '' } })).toThrow();
    expect(store.get().me).toEqual(ME);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('backs up a file that is not JSON, starts from defaults and says so in the log', () => {
    const { open, file, dir, log } = setup();
    writeFileSync(file, '{"version": 1, "settings": {');
    expect(open().get()).toEqual(DEFAULT_SETTINGS);
    const backup = join(dir, 'settings.json.corrupt-2026-03-02T09-30-00.000Z');
    expect(readFileSync(backup, 'utf8')).toBe('{"version": 1, "settings": {');
    expect(existsSync(file)).toBe(false);
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatch(
      /^\[warn\].*not valid \(not JSON.*moved it to .*corrupt-2026-03-02T09-30-00\.000Z/,
    );
  });

  it('backs up a file whose values break the schema', () => {
    const { open, file, log } = setup();
    writeFileSync(file, JSON.stringify({ version: 1, settings: { window: { maximized: 'yes' } } }));
    expect(open().get()).toEqual(DEFAULT_SETTINGS);
    expect(log.lines[0]).toContain('window.maximized');
  });

  it('fills sections an older file lacks and drops keys a newer version wrote', () => {
    const { open, file, log } = setup();
    writeFileSync(file, JSON.stringify({ version: 1, settings: { me: ME, theme: 'dark' } }));
    const settings = open().get();
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, me: ME });
    expect(log.lines).toEqual([]);
  });
});
