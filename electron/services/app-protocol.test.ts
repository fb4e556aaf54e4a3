import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  createAppRequestHandler,
  entryUrl,
  isAppUrl,
  resolveAppPath,
} from './app-protocol';

function rendererOutput() {
  const root = join(mkdtempSync(join(tmpdir(), 'desk-renderer-')), 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Desk</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, '..', 'secret.txt'), 'outside the renderer');
  return root;
}

const get = (url: string, method = 'GET') => ({ url, method });

describe('app:// protocol', () => {
  it('serves the renderer with the strict Content-Security-Policy', async () => {
    const handle = createAppRequestHandler({ root: rendererOutput() });
    const response = await handle(get('app://desk/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Desk</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');

    const script = await handle(get('app://desk/assets/index-abc.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('allows only its own scripts: no inline script, no eval, no remote content', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d]));
    expect(directives.get('default-src')).toBe("default-src 'none'");
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(directives.get('connect-src')).toBe("connect-src 'self'");
    expect(directives.get('object-src')).toBe("object-src 'none'");
    expect(directives.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('answers client-side routes with index.html', async () => {
    const handle = createAppRequestHandler({ root: rendererOutput() });
    for (const url of ['app://desk/', 'app://desk/queue', 'app://desk/cases/DESK-42']) {
      expect(await (await handle(get(url))).text()).toContain('<title>Desk</title>');
    }
  });

  it.each([
    'app://desk/../secret.txt',
    'app://desk/%2e%2e/secret.txt',
    'app://desk/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://desk/assets/..%5c..%5csecret.txt',
    'app://desk/missing.js',
    'app://other/index.html',
    'app://desk/%00.js',
  ])('answers 404 for %s', async (url) => {
    const response = await createAppRequestHandler({ root: rendererOutput() })(get(url));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside the renderer');
  });

  it('refuses anything but GET and HEAD', async () => {
    const handle = createAppRequestHandler({ root: rendererOutput() });
    expect((await handle(get('app://desk/index.html', 'POST'))).status).toBe(405);
    const head = await handle(get('app://desk/index.html', 'HEAD'));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('recognises its own URLs by parsing them', () => {
    expect(isAppUrl('app://desk/index.html')).toBe(true);
    expect(isAppUrl('APP://DESK/')).toBe(true);
    expect(isAppUrl('app://desk.evil/index.html')).toBe(false);
    expect(isAppUrl('app://desk@evil/index.html')).toBe(false);
    expect(isAppUrl('https://desk/')).toBe(false);
    expect(resolveAppPath('https://desk/index.html', '/r')).toBeNull();
  });
});

describe('entry URL', () => {
  it('opens the app at DESK_NOW, like ?now= in a browser', () => {
    expect(entryUrl({})).toBe('app://desk/index.html');
    expect(new URL(entryUrl({ DESK_NOW: '2026-03-05T09:00:00Z' })).searchParams.get('now')).toBe(
      '2026-03-05T09:00:00.000Z',
    );
  });

  it('refuses a DESK_NOW that is not an instant, saying what it expects', () => {
    expect(() => entryUrl({ DESK_NOW: 'next tuesday' })).toThrow(/not an ISO instant/);
  });
});
