/**
 * `app://desk/…` serves the built renderer (out/renderer) with a strict Content-Security-Policy on every response.
 * A custom standard+secure scheme instead of file:// gives the renderer a real origin to check senders against,
 * keeps it away from the rest of the file system, and lets the CSP be a header rather than a meta tag.
 */
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The entry URL for this run: `DESK_NOW=<ISO instant>` opens the app at that moment (as `?now=` does in a browser). */
export function entryUrl(env: Record<string, string | undefined>): string {
  const url = new URL(APP_ENTRY_URL);
  const now = env.DESK_NOW?.trim();
  if (now) {
    if (Number.isNaN(Date.parse(now)))
      throw new Error(`DESK_NOW="${now}" is not an ISO instant (e.g. 2026-03-02T09:30:00Z).`);
    url.searchParams.set('now', new Date(now).toISOString());
    if (env.DESK_CLOCK === 'running') url.searchParams.set('clock', 'running');
  }
  return url.toString();
}

/** Only the app's own files: no inline script, no eval, no remote content, no plugins, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "media-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** True for `app://desk/…` URLs, decided on the parsed URL. */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    // Chromium lower-cases the host of a standard scheme; Node's URL keeps it as written: lower-case to compare.
    return url.protocol === `${APP_SCHEME}:` && url.host.toLowerCase() === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * The file a request maps to, or null when it is not ours or escapes `root`. Paths without an extension are
 * client-side routes and get index.html.
 */
export function resolveAppPath(rawUrl: string, root: string): string | null {
  if (!isAppUrl(rawUrl)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(rawUrl).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relativePath =
    pathname === '/' || extname(pathname) === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const base = resolve(root);
  const file = resolve(join(base, relativePath));
  const inside = relative(base, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return file;
}

export interface AppRequest {
  url: string;
  method: string;
}

export function createAppRequestHandler(options: {
  root: string;
  read?: (file: string) => Promise<Uint8Array>;
}): (request: AppRequest) => Promise<Response> {
  const read = options.read ?? ((file: string) => readFile(file));
  const reply = (
    status: number,
    body: string | Uint8Array | null,
    contentType = 'text/plain; charset=utf-8',
  ) => new Response(body, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': contentType } });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply(405, 'Method not allowed');
    const file = resolveAppPath(request.url, options.root);
    if (!file) return reply(404, 'Not found');
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch {
      return reply(404, 'Not found');
    }
    const contentType = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    return reply(200, request.method === 'HEAD' ? null : new Uint8Array(body), contentType);
  };
}
