/**
 * Links leave the app only to the system browser, only over https, and only to hosts the desk has allowed
 * (Settings > links). Everything is decided on the parsed URL, never on string prefixes.
 */
import type { OpenExternalOutcome } from '../../shared/ipc/schemas';
import type { Logger } from './log';

export type ExternalUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/** `pattern` is "example.org" (that host) or "*.example.org" (its subdomains). */
export function hostMatches(hostname: string, pattern: string): boolean {
  if (pattern.startsWith('*.')) return hostname.endsWith(`.${pattern.slice(2)}`);
  return hostname === pattern;
}

export function checkExternalUrl(raw: string, allowedHosts: readonly string[]): ExternalUrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (url.protocol !== 'https:')
    return { ok: false, reason: `only https links are opened (this is ${url.protocol})` };
  if (url.username !== '' || url.password !== '')
    return { ok: false, reason: 'links carrying credentials are not opened' };
  if (url.port !== '') return { ok: false, reason: 'links to a non-standard port are not opened' };
  if (!allowedHosts.some((pattern) => hostMatches(url.hostname, pattern))) {
    return { ok: false, reason: `${url.hostname} is not on the list of sites Desk may open` };
  }
  return { ok: true, url: url.href };
}

export interface LinkOpenerOptions {
  /** The platform's "open in the default browser" (Electron: shell.openExternal). */
  open: (url: string) => Promise<void>;
  allowedHosts: () => readonly string[];
  log: Logger;
}

export function createLinkOpener(options: LinkOpenerOptions): (raw: string) => Promise<OpenExternalOutcome> {
  return async (raw) => {
    const check = checkExternalUrl(raw, options.allowedHosts());
    if (!check.ok) {
      options.log.warn(`Refused to open an external link: ${check.reason}.`);
      return { opened: false, reason: check.reason };
    }
    await options.open(check.url);
    return { opened: true, reason: null };
  };
}
