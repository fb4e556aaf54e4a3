import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { MenuCommand } from '../../shared/ipc/schemas';
import { menuTemplate } from './menu';

vi.mock('electron', () => ({}));

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function menu(platform: NodeJS.Platform, development = false) {
  const command = vi.fn<(command: MenuCommand) => void>();
  const items = menuTemplate({ platform, appName: 'Desk', development, command });
  return { items, all: flatten(items), command };
}

describe('application menu', () => {
  it('has the usual menus, with the app menu first on macOS', () => {
    expect(menu('linux').items.map((item) => item.label)).toEqual([
      '&File',
      '&Edit',
      '&Go',
      '&View',
      '&Window',
      '&Help',
    ]);
    expect(menu('darwin').items.map((item) => item.label)).toEqual([
      'Desk',
      'File',
      'Edit',
      'Go',
      'View',
      'Window',
      'Help',
    ]);
  });

  it('gives the desk commands their shortcuts and sends them to the renderer', () => {
    const { all, command } = menu('win32');
    const shortcuts = Object.fromEntries(
      all.filter((item) => item.accelerator).map((item) => [item.label, item.accelerator]),
    );
    expect(shortcuts).toEqual({
      'New Case': 'CmdOrCtrl+N',
      'Sync Now': 'CmdOrCtrl+Shift+S',
      Settings: 'CmdOrCtrl+,',
      'Search Cases': 'CmdOrCtrl+F',
      'My Queue': 'CmdOrCtrl+1',
      'Overdue Board': 'CmdOrCtrl+2',
      Escalations: 'CmdOrCtrl+3',
      Reports: 'CmdOrCtrl+4',
      'Keyboard Shortcuts': 'CmdOrCtrl+/',
    });
    const newCase = all.find((item) => item.label === 'New Case');
    // click's Electron arguments are not used by these items.
    (newCase!.click as () => void)();
    expect(command).toHaveBeenCalledWith('newCase');
  });

  it('uses the standard roles for editing, zoom, window and quit', () => {
    const roles = menu('linux')
      .all.map((item) => item.role)
      .filter(Boolean);
    expect(roles).toEqual(
      expect.arrayContaining([
        'undo',
        'redo',
        'cut',
        'copy',
        'paste',
        'selectAll',
        'zoomIn',
        'zoomOut',
        'resetZoom',
        'togglefullscreen',
        'minimize',
        'quit',
        'about',
      ]),
    );
  });

  it('offers reload and developer tools only while developing', () => {
    expect(menu('linux').all.map((item) => item.role)).not.toContain('toggleDevTools');
    expect(menu('linux', true).all.map((item) => item.role)).toEqual(
      expect.arrayContaining(['reload', 'toggleDevTools']),
    );
  });
});
