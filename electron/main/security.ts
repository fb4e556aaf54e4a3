/**
 * The rules every web contents and the session live under: no navigation away from the app, no new windows, no
 * webviews, no permissions but notifications, and IPC only from the app's own main frame. Electron objects come in
 * as parameters (type-only imports), so this file loads in plain Node for tests.
 */
import type { IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { isAppUrl } from '../services/app-protocol';

/** The origins whose main frame may call the shell: app://desk, plus the dev server's in development. */
export interface TrustedOrigins {
  isTrusted(url: string): boolean;
}

export function trustedOrigins(devServerUrl?: string): TrustedOrigins {
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : null;
  return {
    isTrusted(raw) {
      if (isAppUrl(raw)) return true;
      if (devOrigin === null) return false;
      try {
        return new URL(raw).origin === devOrigin;
      } catch {
        return false;
      }
    },
  };
}

/** Why an IPC sender is not trusted, or null when it is the app's own main frame. */
export function senderProblem(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  origins: TrustedOrigins,
): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'the sending frame no longer exists';
  if (frame !== event.sender.mainFrame) return 'only the main frame may call the shell';
  if (!origins.isTrusted(frame.url)) return `the sender ${describeOrigin(frame.url)} is not the app`;
  return null;
}

function describeOrigin(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}`;
  } catch {
    return '(unparseable URL)';
  }
}

export interface HardeningOptions {
  /** Called with links the page tried to open in a new window or navigate to; it applies the allowlist. */
  openExternal: (url: string) => unknown;
  log: { warn(message: string): void };
}

/** Deny navigation, new windows and webviews for one web contents. */
export function hardenWebContents(contents: WebContents, options: HardeningOptions): void {
  const { openExternal, log } = options;
  // The app is one page: it never navigates away from itself. A link clicked in the page (e.g. in a requester's
  // mail) is offered to the system browser instead, where the allowlist decides.
  contents.on('will-navigate', (event) => {
    if (event.isSameDocument) return;
    event.preventDefault();
    log.warn(`Blocked navigation to ${describeOrigin(event.url)}.`);
    if (isHttps(event.url)) openExternal(event.url);
  });
  // The main frame is covered above; sub-frames have no business navigating anywhere (the CSP forbids frames too).
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return;
    event.preventDefault();
    log.warn(`Blocked a sub-frame navigation to ${describeOrigin(event.url)}.`);
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
    log.warn(`Blocked a redirect to ${describeOrigin(event.url)}.`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('Blocked a <webview>.');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isHttps(url)) openExternal(url);
    else log.warn(`Blocked a new window for ${describeOrigin(url)}.`);
    return { action: 'deny' };
  });
}

function isHttps(raw: string): boolean {
  try {
    return new URL(raw).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Only the app's own pages may ask for a permission, and only for notifications. */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  origins: TrustedOrigins,
): boolean {
  return permission === 'notifications' && origins.isTrusted(requestingUrl);
}

export function restrictPermissions(session: Session, origins: TrustedOrigins): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, origins));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, origins),
  );
  session.setDevicePermissionHandler(() => false);
}
