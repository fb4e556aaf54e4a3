/** Electron's notification, tray and badge APIs behind the services' small ports. */
import { app, Menu, Notification, nativeImage, Tray } from 'electron';
import type { NotificationPort } from '../services/notifications';
import type { TrayPort, TrayState } from '../services/tray';

export function electronNotificationPort(icon?: string): NotificationPort {
  // Electron drops a notification's click handler if the object is garbage collected while it is on screen.
  const onScreen = new Set<Notification>();
  return {
    isSupported: () => Notification.isSupported(),
    show({ title, body }, onClick) {
      const notification = new Notification({ title, body, ...(icon ? { icon } : {}) });
      onScreen.add(notification);
      notification.on('click', onClick);
      notification.on('close', () => onScreen.delete(notification));
      notification.on('failed', () => onScreen.delete(notification));
      notification.show();
    },
  };
}

export interface ElectronTrayOptions {
  icons: Record<TrayState, string>;
  showWindow: () => void;
}

/** The tray icon with a small menu; returns the port the tray service drives and the Tray for disposal. */
export function electronTrayPort({ icons, showWindow }: ElectronTrayOptions): { port: TrayPort; tray: Tray } {
  const images = {
    calm: nativeImage.createFromPath(icons.calm),
    atRisk: nativeImage.createFromPath(icons.atRisk),
    breached: nativeImage.createFromPath(icons.breached),
  };
  const tray = new Tray(images.calm);
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Show Desk', click: showWindow },
      { type: 'separator' },
      { role: 'quit' },
    ]),
  );
  tray.on('click', showWindow);
  return {
    tray,
    port: {
      setState: (state) => tray.setImage(images[state]),
      setToolTip: (text) => tray.setToolTip(text),
      setTitle: (text) => tray.setTitle(text),
      setBadgeCount: (count) => {
        app.setBadgeCount(count);
      },
    },
  };
}
