/**
 * The application menu. Standard entries use Electron's roles (platform shortcuts for free); the desk's own
 * entries send a `menuCommand` event and the renderer acts on it.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/ipc/schemas';

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Reload and developer tools only while developing. */
  development: boolean;
  command: (command: MenuCommand) => void;
}

export function menuTemplate({
  platform,
  appName,
  development,
  command,
}: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const item = (label: string, accelerator: string, name: MenuCommand): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => command(name),
  });
  // "&File": Alt+F on Windows and Linux; macOS has no mnemonics and would show the ampersand.
  const top = (label: string) => (mac ? label.replace('&', '') : label);
  const settings = item(mac ? 'Settings…' : 'Settings', 'CmdOrCtrl+,', 'openSettings');

  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      settings,
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  const fileMenu: MenuItemConstructorOptions = {
    label: top('&File'),
    submenu: [
      item('New Case', 'CmdOrCtrl+N', 'newCase'),
      item('Sync Now', 'CmdOrCtrl+Shift+S', 'syncNow'),
      { type: 'separator' },
      ...(mac ? [] : [settings, { type: 'separator' } as const]),
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: top('&Edit'),
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'pasteAndMatchStyle' },
      { role: 'delete' },
      { role: 'selectAll' },
      { type: 'separator' },
      item('Search Cases', 'CmdOrCtrl+F', 'search'),
    ],
  };

  const goMenu: MenuItemConstructorOptions = {
    label: top('&Go'),
    submenu: [
      item('My Queue', 'CmdOrCtrl+1', 'goQueue'),
      item('Overdue Board', 'CmdOrCtrl+2', 'goOverdue'),
      item('Escalations', 'CmdOrCtrl+3', 'goEscalations'),
      item('Reports', 'CmdOrCtrl+4', 'goReports'),
    ],
  };

  const viewMenu: MenuItemConstructorOptions = {
    label: top('&View'),
    submenu: [
      ...(development
        ? ([
            { role: 'reload' },
            { role: 'forceReload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] as const)
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: top('&Window'),
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  };

  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    label: top('&Help'),
    submenu: [
      item('Keyboard Shortcuts', 'CmdOrCtrl+/', 'showShortcuts'),
      ...(mac ? [] : [{ role: 'about' } as const]),
    ],
  };

  return [...(mac ? [appMenu] : []), fileMenu, editMenu, goMenu, viewMenu, windowMenu, helpMenu];
}
