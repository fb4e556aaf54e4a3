/**
 * The browser host's server: the built renderer over http on 127.0.0.1 (same files and headers as Electron's
 * app:// protocol) and the bridge contract over a WebSocket. A socket is accepted only from the host's own origin
 * and only with this run's token, so no other web page and no other local user can drive the services.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import {
  type DeskHandlers,
  type EventName,
  type EventPayload,
  isMethodName,
} from '../../shared/ipc/contract';
import {
  type HostMessage,
  MAX_SOCKET_MESSAGE_BYTES,
  SOCKET_PATH,
  SOCKET_PROTOCOL,
  SocketCall,
  TOKEN_PROTOCOL_PREFIX,
} from '../../shared/ipc/socket';
import { BridgeValidationError, dispatch, parseEvent } from '../../shared/ipc/validate';
import { createAppRequestHandler } from '../services/app-protocol';
import type { Logger } from '../services/log';
import { contentDisposition, DOWNLOAD_PATH_PREFIX, type DownloadShelf } from './downloads';

export interface WebHostOptions {
  /** 0 picks a free port. */
  port: number;
  /** The built renderer (out/web). */
  bundleDir: string;
  handlers: DeskHandlers;
  log: Logger;
  /** Fixed only by tests of the host itself; a random 128-bit token otherwise. */
  token?: string;
  /** Finished exports, served once at /exports/<id>. */
  downloads?: DownloadShelf;
}

export interface WebHost {
  /** `http://127.0.0.1:<port>`: the only Origin a socket may come from. */
  origin: string;
  /** The address to open, with the token. */
  url: string;
  token: string;
  port: number;
  /** Sends a contract event to every connected page. */
  broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { handlers, log } = options;
  const token = options.token ?? randomBytes(16).toString('hex');
  const serveApp = createAppRequestHandler({ root: options.bundleDir });
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_SOCKET_MESSAGE_BYTES,
    handleProtocols: (offered) => (offered.has(SOCKET_PROTOCOL) ? SOCKET_PROTOCOL : false),
  });
  // Known once listening; requests cannot arrive before.
  let origin = '';
  let hostHeader = '';

  const server = createServer((request, response) => {
    if (request.headers.host !== hostHeader) {
      reply(response, 421, `Open ${origin}/ (the address the host printed).`);
      return;
    }
    const path = new URL(request.url ?? '/', origin).pathname;
    if (path === '/healthz') {
      // Lets a page whose socket was refused tell "wrong token" from "host not running".
      reply(response, 200, '{"ok":true}', 'application/json');
      return;
    }
    if (path.startsWith(DOWNLOAD_PATH_PREFIX)) {
      serveDownload(response, request.method === 'GET' ? (options.downloads?.take(path) ?? null) : null);
      return;
    }
    serveApp({ url: `app://desk${request.url ?? '/'}`, method: request.method ?? 'GET' }).then(
      (answer) => sendResponse(response, answer),
      (error: unknown) => {
        log.error(`Serving ${path} failed: ${String(error)}`);
        reply(response, 500, 'Internal error');
      },
    );
  });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const problem = upgradeProblem(request, { origin, hostHeader, token });
    if (problem) {
      log.warn(`Refused a bridge socket: ${problem.reason}.`);
      refuseUpgrade(socket, problem.status, problem.reason);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => serveBridge(client, handlers, log));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${LOOPBACK}:${port}`;
  hostHeader = `${LOOPBACK}:${port}`;

  return {
    origin,
    url: `${origin}/?token=${token}`,
    token,
    port,
    broadcast(event, payload) {
      const message = JSON.stringify({
        type: 'event',
        event,
        payload: parseEvent(event, payload),
      } satisfies HostMessage);
      for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(message);
    },
    async close() {
      for (const client of sockets.clients) client.close(1001, 'The host is shutting down.');
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface UpgradeProblem {
  status: 400 | 401 | 403 | 404;
  reason: string;
}

/** Why a socket upgrade is refused, or null when it is this host's own page with this run's token. */
export function upgradeProblem(
  request: Pick<IncomingMessage, 'url' | 'headers'>,
  expected: { origin: string; hostHeader: string; token: string },
): UpgradeProblem | null {
  if (new URL(request.url ?? '/', expected.origin).pathname !== SOCKET_PATH) {
    return { status: 404, reason: `no socket at ${request.url}` };
  }
  if (request.headers.host !== expected.hostHeader) {
    return {
      status: 403,
      reason: `Host header ${JSON.stringify(request.headers.host)} is not ${expected.hostHeader}`,
    };
  }
  const claimed = request.headers.origin;
  if (claimed === undefined || parsedOrigin(claimed) !== expected.origin) {
    return { status: 403, reason: `Origin ${JSON.stringify(claimed ?? null)} is not ${expected.origin}` };
  }
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  if (!offered.includes(SOCKET_PROTOCOL))
    return { status: 400, reason: `the ${SOCKET_PROTOCOL} protocol was not offered` };
  const presented = offered
    .find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))
    ?.slice(TOKEN_PROTOCOL_PREFIX.length);
  if (presented === undefined) return { status: 401, reason: 'no token was presented' };
  if (!sameSecret(presented, expected.token))
    return { status: 401, reason: 'the token does not match this run' };
  return null;
}

function serveBridge(client: WebSocket, handlers: DeskHandlers, log: Logger): void {
  const send = (message: HostMessage) => {
    if (client.readyState === client.OPEN) client.send(JSON.stringify(message));
  };
  client.on('message', (data, isBinary) => {
    if (isBinary) {
      send({ type: 'protocol-error', message: 'Binary messages are not part of the bridge protocol.' });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      send({ type: 'protocol-error', message: 'The message is not JSON.' });
      return;
    }
    const call = SocketCall.safeParse(json);
    if (!call.success) {
      const id = typeof json === 'object' && json !== null && 'id' in json ? json.id : undefined;
      const message = `Not a bridge call: expected {type: "call", id, method, args[]}.`;
      if (typeof id === 'number')
        send({ type: 'result', id, ok: false, error: { name: 'BridgeProtocolError', message } });
      else send({ type: 'protocol-error', message });
      return;
    }
    const { id, method, args } = call.data;
    if (!isMethodName(method)) {
      send({
        type: 'result',
        id,
        ok: false,
        error: {
          name: 'UnknownMethodError',
          message: `desk.${method.slice(0, 100)} is not part of the bridge contract.`,
        },
      });
      return;
    }
    dispatch(handlers, method, args).then(
      (value) => send({ type: 'result', id, ok: true, value }),
      (error: unknown) => {
        // Validation messages name fields, never values, so they are safe to log even for secrets.
        if (error instanceof BridgeValidationError) log.warn(error.message);
        else log.error(`desk.${method} failed: ${error instanceof Error ? error.message : String(error)}`);
        const name = error instanceof Error ? error.name : 'Error';
        const message = error instanceof Error ? error.message : String(error);
        send({ type: 'result', id, ok: false, error: { name, message } });
      },
    );
  });
}

function parsedOrigin(raw: string): string | null {
  try {
    return new URL(raw).origin;
  } catch {
    return null;
  }
}

function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const text =
    { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status] ?? 'Refused';
  const body = `Refused: ${reason}.\n`;
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function serveDownload(response: ServerResponse, download: ReturnType<DownloadShelf['take']>): void {
  if (download === null) {
    reply(response, 404, 'This export has been downloaded already, or has expired: export it again.');
    return;
  }
  response.writeHead(200, {
    'Content-Type': download.contentType,
    'Content-Length': String(download.bytes.length),
    'Content-Disposition': contentDisposition(download.fileName),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(Buffer.from(download.bytes.buffer, download.bytes.byteOffset, download.bytes.byteLength));
}

function reply(
  response: ServerResponse,
  status: number,
  body: string,
  contentType = 'text/plain; charset=utf-8',
): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  response.end(body);
}

async function sendResponse(response: ServerResponse, answer: Response): Promise<void> {
  const headers = Object.fromEntries(answer.headers);
  // The bundle's file names carry content hashes; index.html must be revalidated so a rebuild is picked up.
  headers['cache-control'] = 'no-cache';
  response.writeHead(answer.status, headers);
  response.end(Buffer.from(await answer.arrayBuffer()));
}
