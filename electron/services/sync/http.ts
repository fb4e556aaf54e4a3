/**
 * Talking to the desk server over fetch: one request with a deadline, the server's clock sampled from its Date
 * header, and every way it can fail put into a sentence the person can act on (DNS, refused, TLS, timeout, the
 * server's own `{"error"}`).
 */
import { ErrorBody } from '../../../shared/sync/protocol';
import type { ClockSample } from '../clock';

export type Fetch = typeof fetch;

/** The server answered with a status outside 2xx; `message` is its own sentence when it gave one. */
export class ServerAnswer extends Error {
  override readonly name = 'ServerAnswer';
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
  }
}

/** No answer at all: the message says why in the person's terms. */
export class Unreachable extends Error {
  override readonly name = 'Unreachable';
}

export interface ServerRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Absolute URL. */
  url: string;
  token?: string | null;
  body?: unknown;
  timeoutMs: number;
  /** Also stop when this signal aborts (closing the service). */
  signal?: AbortSignal;
  /** A 2xx answer is wanted as text, unparsed (a pull page, which only the renderer reads). */
  asText?: boolean;
}

export interface Exchange {
  status: number;
  /** The parsed JSON body; undefined for an empty one (and for a 2xx answer asked for `asText`). */
  json: unknown;
  /** The body as received. */
  text: string;
}

/**
 * Sends one request and reads the whole JSON answer. 2xx resolves; any other status rejects with a
 * ServerAnswer; no answer rejects with Unreachable. Each answer's Date header becomes a clock sample.
 */
export async function exchange(
  fetchImpl: Fetch,
  request: ServerRequest,
  onClockSample: (sample: ClockSample) => void,
): Promise<Exchange> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const deadline = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([deadline, request.signal]) : deadline;
  const sentAt = new Date();
  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(request.url, {
      method: request.method,
      headers,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal,
      // A redirect would drop the token (another origin) or hide a wrong address: say where it points instead.
      redirect: 'manual',
    });
    text = await response.text();
  } catch (error) {
    throw new Unreachable(describeNetworkFailure(error, request.url, request.timeoutMs));
  }
  const receivedAt = new Date();
  const serverTime = serverClock(response.headers.get('date'));
  if (serverTime) onClockSample({ serverTime, sentAt, receivedAt });

  if (response.ok && request.asText) return { status: response.status, json: undefined, text };
  let json: unknown;
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (response.ok) return { status: response.status, json, text };
  const location = response.headers.get('location');
  if (response.status >= 300 && response.status < 400 && location)
    throw new ServerAnswer(
      response.status,
      `${new URL(request.url).host} sends Desk on to ${new URL(location, request.url).origin}: enter that address instead.`,
      json,
      null,
    );
  const said = ErrorBody.safeParse(json);
  throw new ServerAnswer(
    response.status,
    said.success
      ? said.data.error
      : `The desk server answered ${response.status} ${response.statusText || ''}`.trim() + '.',
    json,
    retryAfterSeconds(response.headers.get('retry-after'), receivedAt),
  );
}

/**
 * The Date header has one-second resolution and names the second the answer was made in: its middle is the
 * best single guess, so the offset's error is at most half a second plus half the round trip.
 */
export function serverClock(header: string | null): Date | null {
  if (!header) return null;
  const ms = Date.parse(header);
  return Number.isNaN(ms) ? null : new Date(ms + 500);
}

/** Retry-After as seconds from now: either a number of seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null, now: Date): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** "in 40 seconds", "in 3 minutes": when a person may try again. */
export function inHowLong(seconds: number): string {
  if (seconds < 90) return `in ${Math.max(1, seconds)} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minutes`;
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
]);

/** Why a request got no answer, for the person: which part failed and what to check. */
export function describeNetworkFailure(error: unknown, url: string, timeoutMs: number): string {
  const { host, hostname } = new URL(url);
  if (isTimeout(error))
    return `The desk server at ${host} did not answer within ${Math.round(timeoutMs / 1000)} seconds: check the address, or try again later.`;
  const code = errorCode(error);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME')
    return `No server called ${hostname} could be found (DNS): check the address and this computer's network connection.`;
  if (code === 'ECONNREFUSED')
    return `${host} refused the connection: the desk server is not running there, or the address or port is wrong.`;
  if (code === 'ENETUNREACH' || code === 'EHOSTUNREACH' || code === 'ENETDOWN')
    return `${host} cannot be reached from this computer: check its network connection.`;
  if (code !== null && TLS_CODES.has(code))
    return `The secure connection to ${host} failed: its certificate is not trusted by this computer (${code}). Ask whoever runs the desk server.`;
  if (
    code === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
    code === 'EPROTO' ||
    code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG'
  )
    return `${host} does not answer secure (https) connections on that port: check the address (a server without TLS needs http://).`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE')
    return `The connection to ${host} was cut off before the desk server answered: try again.`;
  const detail = innermostMessage(error);
  return `The desk server at ${host} could not be reached (${detail}).`;
}

function isTimeout(error: unknown): boolean {
  for (const cause of causes(error)) {
    if (cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError')) return true;
    if (errorCodeOf(cause) === 'UND_ERR_CONNECT_TIMEOUT' || errorCodeOf(cause) === 'ETIMEDOUT') return true;
  }
  return false;
}

function errorCode(error: unknown): string | null {
  for (const cause of causes(error)) {
    const code = errorCodeOf(cause);
    if (code) return code;
  }
  return null;
}

function errorCodeOf(value: unknown): string | null {
  return value instanceof Error && 'code' in value && typeof value.code === 'string' ? value.code : null;
}

/** The error, its causes and the errors an AggregateError gathers (Node tries each address of a name). */
function causes(error: unknown): unknown[] {
  const found: unknown[] = [];
  const queue = [error];
  while (queue.length > 0 && found.length < 20) {
    const next = queue.shift();
    if (next === undefined || next === null) continue;
    found.push(next);
    if (next instanceof AggregateError) queue.push(...next.errors);
    if (next instanceof Error && 'cause' in next) queue.push(next.cause);
  }
  return found;
}

function innermostMessage(error: unknown): string {
  const all = causes(error).filter((e): e is Error => e instanceof Error && e.message !== '');
  return all.at(-1)?.message ?? String(error);
}
