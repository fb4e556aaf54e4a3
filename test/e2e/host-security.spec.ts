/**
 * The browser host accepts the bridge socket only from its own page with this run's token, and answers every
 * malformed call with a clear error instead of running it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import WebSocket from 'ws';
import { SOCKET_PATH, SOCKET_PROTOCOL, socketProtocols } from '../../shared/ipc/socket';
import { expect, test } from './fixtures';
import type { RunningHost } from './host';

type Outcome = { opened: true; socket: WebSocket } | { opened: false; status: number };

function connect(host: RunningHost, options: { origin?: string; protocols?: string[] }): Promise<Outcome> {
  const url = `${host.origin.replace('http:', 'ws:')}${SOCKET_PATH}`;
  const socket = new WebSocket(url, options.protocols ?? socketProtocols(host.token), {
    ...(options.origin === undefined ? {} : { origin: options.origin }),
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ opened: true, socket }));
    socket.once('unexpected-response', (_request, response) =>
      resolve({ opened: false, status: response.statusCode ?? 0 }),
    );
    socket.once('error', reject);
  });
}

function call(socket: WebSocket, message: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    socket.once('message', (data) => resolve(JSON.parse(data.toString())));
    socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

test('a socket from the host page with the token is served', async ({ host }) => {
  const outcome = await connect(host, { origin: host.origin });
  expect(outcome.opened).toBe(true);
  if (!outcome.opened) return;
  expect(outcome.socket.protocol).toBe(SOCKET_PROTOCOL);
  const answer = await call(outcome.socket, { type: 'call', id: 1, method: 'getSettings', args: [] });
  expect(answer).toMatchObject({ type: 'result', id: 1, ok: true, value: { me: null } });
  outcome.socket.close();
});

test('a socket without the token, with a wrong one, or from another origin is refused', async ({ host }) => {
  expect(await connect(host, { origin: host.origin, protocols: [SOCKET_PROTOCOL] })).toEqual({
    opened: false,
    status: 401,
  });
  expect(await connect(host, { origin: host.origin, protocols: socketProtocols('0'.repeat(32)) })).toEqual({
    opened: false,
    status: 401,
  });
  expect(await connect(host, { origin: 'http://evil.example' })).toEqual({ opened: false, status: 403 });
  const otherPort = `http://127.0.0.1:${Number(new URL(host.origin).port) + 1}`;
  expect(await connect(host, { origin: otherPort })).toEqual({ opened: false, status: 403 });
  expect(await connect(host, {})).toEqual({ opened: false, status: 403 });
  // Refusals are logged with their reason, never with a token.
  const log = await readFile(join(host.dataDir, 'logs', 'desk-web-host.log'), 'utf8');
  expect(log).toContain('Refused a bridge socket: the token does not match this run');
  expect(log).not.toContain(host.token);
  expect(log).not.toContain('0'.repeat(32));
});

test('bad calls get clear errors and change nothing', async ({ host }) => {
  const outcome = await connect(host, { origin: host.origin });
  if (!outcome.opened) throw new Error('the socket was refused');
  const { socket } = outcome;

  expect(await call(socket, 'not json')).toEqual({
    type: 'protocol-error',
    message: 'The message is not JSON.',
  });
  expect(await call(socket, { type: 'call', id: 2, method: 'getSettings' })).toMatchObject({
    id: 2,
    ok: false,
    error: { name: 'BridgeProtocolError' },
  });
  expect(await call(socket, { type: 'call', id: 3, method: 'formatDisk', args: [] })).toMatchObject({
    id: 3,
    ok: false,
    error: { name: 'UnknownMethodError', message: 'desk.formatDisk is not part of the bridge contract.' },
  });
  const invalid = await call(socket, {
    type: 'call',
    id: 4,
    method: 'updateSettings',
    args: [{ me: { name: '', role: 'agent', team: 'Desk' } }],
  });
  expect(invalid).toMatchObject({ id: 4, ok: false, error: { name: 'BridgeValidationError' } });
  expect(String((invalid.error as { message: string }).message)).toMatch(
    /desk\.updateSettings: invalid arguments.*name/,
  );
  expect(
    await call(socket, { type: 'call', id: 5, method: 'updateSettings', args: [{ theme: 'dark' }] }),
  ).toMatchObject({
    id: 5,
    ok: false,
    error: { name: 'BridgeValidationError' },
  });

  expect(await call(socket, { type: 'call', id: 6, method: 'getSettings', args: [] })).toMatchObject({
    ok: true,
    value: { me: null },
  });
  socket.close();
});

test('pages are served with the strict Content-Security-Policy, and only to the host address', async ({
  host,
  request,
}) => {
  const page = await request.get(host.url);
  expect(page.status()).toBe(200);
  const csp = page.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("default-src 'none'");
  expect(csp).not.toContain('unsafe-inline');

  const rebound = await request.get(host.url, { headers: { Host: 'evil.example' } });
  expect(rebound.status()).toBe(421);
});

test('a page opened without the token says how to connect, and calls fail clearly', async ({
  app,
  page,
  host,
  pageErrors,
}) => {
  await page.goto(host.origin);
  await expect(page.getByRole('alert')).toContainText('This page is not connected to Desk');
  await expect(app.statusBar).toContainText('Desk host refused this page');
  // The browser logs the refused handshake itself; that is expected here and nothing else is.
  for (const error of pageErrors.splice(0))
    expect(error).toMatch(/WebSocket connection .* failed|status of 401/);
});
