import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_SETTINGS } from '../../shared/ipc/schemas';
import { SOCKET_PROTOCOL, socketProtocols } from '../../shared/ipc/socket';
import { createClock } from '../../shared/time';
import { createMemoryLogger } from '../services/log';
import { startWebHost, upgradeProblem, type WebHost } from './host';
import { createWebHostServices, type WebHostServices } from './services';

const expected = { origin: 'http://127.0.0.1:5178', hostHeader: '127.0.0.1:5178', token: 'f'.repeat(32) };
const request = (headers: Record<string, string>, url = '/bridge') => ({
  url,
  headers: { host: '127.0.0.1:5178', origin: 'http://127.0.0.1:5178', ...headers },
});

describe('upgradeProblem', () => {
  it('accepts its own origin with the token', () => {
    expect(
      upgradeProblem(
        request({ 'sec-websocket-protocol': socketProtocols(expected.token).join(', ') }),
        expected,
      ),
    ).toBeNull();
  });

  it('says why it refuses', () => {
    const good = socketProtocols(expected.token).join(', ');
    expect(upgradeProblem(request({ 'sec-websocket-protocol': good }, '/other'), expected)?.status).toBe(404);
    expect(
      upgradeProblem(request({ 'sec-websocket-protocol': good, origin: 'null' }), expected),
    ).toMatchObject({ status: 403 });
    expect(
      upgradeProblem(request({ 'sec-websocket-protocol': good, origin: 'http://localhost:5178' }), expected)
        ?.status,
    ).toBe(403);
    expect(
      upgradeProblem(request({ 'sec-websocket-protocol': good, host: 'evil.example:5178' }), expected)
        ?.status,
    ).toBe(403);
    expect(upgradeProblem(request({ 'sec-websocket-protocol': SOCKET_PROTOCOL }), expected)).toEqual({
      status: 401,
      reason: 'no token was presented',
    });
    expect(
      upgradeProblem(
        request({ 'sec-websocket-protocol': socketProtocols('f'.repeat(31)).join(', ') }),
        expected,
      ),
    ).toEqual({
      status: 401,
      reason: 'the token does not match this run',
    });
  });
});

describe('the web host', () => {
  let dir: string;
  let host: WebHost;
  let services: WebHostServices;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'desk-host-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Desk</title>');
    services = createWebHostServices({
      dataDir: join(dir, 'data'),
      clock: createClock({ now: '2026-03-02T09:30:00Z' }),
      version: '0.0.0-test',
      allowPlainSecrets: false,
      links: 'log',
    });
    host = await startWebHost({
      port: 0,
      bundleDir: dir,
      handlers: services.handlers,
      log: createMemoryLogger(),
      downloads: services.downloads,
    });
    services.settings.onChange((settings) => host.broadcast('settingsChanged', settings));
  });

  afterEach(async () => {
    await services.close();
    await host.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('tells every connected page when the settings change', async () => {
    const connect = () =>
      new Promise<WebSocket>((resolve, reject) => {
        const socket = new WebSocket(`ws://127.0.0.1:${host.port}/bridge`, socketProtocols(host.token), {
          origin: host.origin,
        });
        socket.once('open', () => resolve(socket));
        socket.once('error', reject);
      });
    const [writer, watcher] = await Promise.all([connect(), connect()]);
    const event = new Promise<unknown>((resolve) =>
      watcher.once('message', (data) => resolve(JSON.parse(String(data)))),
    );
    const me = { name: 'Priya Shah', role: 'agent', team: 'IT Service Desk' };
    writer.send(JSON.stringify({ type: 'call', id: 1, method: 'updateSettings', args: [{ me }] }));
    expect(await event).toEqual({
      type: 'event',
      event: 'settingsChanged',
      payload: { ...DEFAULT_SETTINGS, me },
    });
    writer.close();
    watcher.close();
  });

  it('serves the bundle with the CSP, and nothing outside it', async () => {
    const page = await fetch(`${host.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${host.origin}/..%2f..%2f..%2fpackage.json`)).status).toBe(404);
    // A path without an extension is a client route: it gets index.html, never the file.
    expect(await (await fetch(`${host.origin}/..%2f..%2f..%2f..%2fetc%2fpasswd`)).text()).toContain(
      '<title>Desk</title>',
    );
  });

  it('hands a finished export to the browser once, as a download', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.4 report');
    const path = services.downloads.offer({
      fileName: 'Outstanding cases 2026-03-02.pdf',
      contentType: 'application/pdf',
      bytes: pdf,
    });
    const first = await fetch(`${host.origin}${path}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/pdf');
    expect(first.headers.get('content-disposition')).toBe(
      `attachment; filename="Outstanding cases 2026-03-02.pdf"; filename*=UTF-8''Outstanding%20cases%202026-03-02.pdf`,
    );
    expect(new Uint8Array(await first.arrayBuffer())).toEqual(pdf);
    expect((await fetch(`${host.origin}${path}`)).status).toBe(404);
    expect((await fetch(`${host.origin}/exports/${'0'.repeat(32)}`)).status).toBe(404);
  });
});
