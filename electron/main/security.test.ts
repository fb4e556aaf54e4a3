import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { hardenWebContents, isPermissionAllowed, restrictPermissions, trustedOrigins } from './security';

vi.mock('electron', () => ({}));

type Listener = (event: {
  url: string;
  isMainFrame?: boolean;
  isSameDocument?: boolean;
  preventDefault(): void;
}) => void;

function hardened() {
  const listeners = new Map<string, Listener>();
  let windowOpen: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: typeof windowOpen) => {
      windowOpen = handler;
    },
  };
  const openExternal = vi.fn();
  // A stand-in exposing only the event registration hardenWebContents uses.
  hardenWebContents(contents as unknown as WebContents, { openExternal, log: { warn: () => {} } });
  const fire = (
    name: string,
    url: string,
    extra: { isMainFrame?: boolean; isSameDocument?: boolean } = {},
  ) => {
    const event = { url, ...extra, preventDefault: vi.fn() };
    listeners.get(name)?.(event);
    return event.preventDefault.mock.calls.length > 0;
  };
  return { fire, openExternal, openWindow: (url: string) => windowOpen?.({ url }) };
}

describe('navigation and new windows', () => {
  it('keeps the window on the app: navigation to another page is blocked, even within app://desk', () => {
    const { fire } = hardened();
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-navigate', 'app://desk/other.html')).toBe(true);
    expect(fire('will-navigate', 'app://desk/index.html#/queue', { isSameDocument: true })).toBe(false);
    expect(fire('will-redirect', 'https://evil.example/')).toBe(true);
  });

  it('offers blocked https links to the link opener (which applies the allowlist), and nothing else', () => {
    const { fire, openExternal } = hardened();
    fire('will-navigate', 'https://ico.org.uk/');
    fire('will-navigate', 'http://ico.org.uk/');
    fire('will-navigate', 'javascript:alert(1)');
    expect(openExternal.mock.calls).toEqual([['https://ico.org.uk/']]);
  });

  it('blocks every sub-frame navigation and leaves main-frame ones to will-navigate', () => {
    const { fire } = hardened();
    expect(fire('will-frame-navigate', 'app://desk/index.html', { isMainFrame: false })).toBe(true);
    expect(fire('will-frame-navigate', 'https://evil.example/', { isMainFrame: true })).toBe(false);
  });

  it('refuses <webview>', () => {
    expect(hardened().fire('will-attach-webview', 'app://desk/')).toBe(true);
  });

  it('denies every window.open, passing https links to the link opener', () => {
    const { openWindow, openExternal } = hardened();
    expect(openWindow('https://ico.org.uk/')).toEqual({ action: 'deny' });
    expect(openWindow('app://desk/index.html')).toEqual({ action: 'deny' });
    expect(openWindow('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://ico.org.uk/']]);
  });
});

describe('permissions', () => {
  const origins = trustedOrigins();

  it('grants only notifications, and only to the app', () => {
    expect(isPermissionAllowed('notifications', 'app://desk/index.html', origins)).toBe(true);
    expect(isPermissionAllowed('notifications', 'app://desk', origins)).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://evil.example/', origins)).toBe(false);
    for (const permission of [
      'media',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'hid',
    ]) {
      expect(isPermissionAllowed(permission, 'app://desk/index.html', origins)).toBe(false);
    }
  });

  it('installs request, check and device handlers on the session', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    };
    restrictPermissions(session as unknown as Session, origins);
    const request = session.setPermissionRequestHandler.mock.calls[0]![0];
    const callback = vi.fn();
    request(null, 'media', callback, { requestingUrl: 'app://desk/index.html' });
    request(null, 'notifications', callback, { requestingUrl: 'app://desk/index.html' });
    expect(callback.mock.calls).toEqual([[false], [true]]);
    const check = session.setPermissionCheckHandler.mock.calls[0]![0];
    expect(check(null, 'notifications', 'https://evil.example')).toBe(false);
    expect(session.setDevicePermissionHandler.mock.calls[0]![0]()).toBe(false);
  });
});

describe('trusted origins', () => {
  it('trusts app://desk, and the dev server only when one is given', () => {
    expect(trustedOrigins().isTrusted('app://desk/index.html')).toBe(true);
    expect(trustedOrigins().isTrusted('http://localhost:5173/')).toBe(false);
    const dev = trustedOrigins('http://localhost:5173');
    expect(dev.isTrusted('http://localhost:5173/src/index.html')).toBe(true);
    expect(dev.isTrusted('http://localhost:5174/')).toBe(false);
    expect(dev.isTrusted('not a url')).toBe(false);
  });
});
