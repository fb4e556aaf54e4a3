/**
 * The team sync client in the main process (plain Node: the browser host runs it too). It signs in, keeps the
 * session token in the secret store only (the renderer never sees it), carries the sync engine's pushes and
 * pulls to the desk server, keeps the event stream open and passes its pokes on, and samples the server's clock.
 *
 *   const sync = createSyncService({ secrets, settings, clock, log, emit });
 *   await sync.connect('https://desk.example.org', 'sam@example.org', '…');
 *   await sync.push({ clientGroupId, mutations });   // a SyncTransport (shared/sync/transport.ts)
 */
import type { z } from 'zod';
import type { EventName, EventPayload } from '../../../shared/ipc/contract';
import { NO_SYNC, type SyncSettings } from '../../../shared/ipc/schemas';
import {
  type ConnectOutcome,
  type PullPageText,
  SYNC_TOKEN_SECRET,
  type SyncServiceStatus,
} from '../../../shared/ipc/sync';
import {
  HealthResponse,
  HistoryResponse,
  type PokeData,
  PullResponse,
  PushGap,
  type PushRequest,
  PushResponse,
  SessionResponse,
  SignInRequest,
} from '../../../shared/sync/protocol';
import { type PushOutcome, type SyncTransport, SyncTransportError } from '../../../shared/sync/transport';
import type { ClockOffsetTracker, ClockSample } from '../clock';
import type { Logger } from '../log';
import type { SecretStore } from '../secrets';
import type { SettingsStore } from '../settings';
import { createEventStream, type EventStream } from './events';
import {
  type Exchange,
  exchange,
  type Fetch,
  inHowLong,
  ServerAnswer,
  type ServerRequest,
  Unreachable,
} from './http';

export interface SyncServiceOptions {
  secrets: SecretStore;
  settings: SettingsStore;
  /** Every answer's Date header is recorded here: the app clock uses the offset while connected. */
  clock: ClockOffsetTracker;
  log: Logger;
  /** Tells the renderer(s): `syncPoke` on each poke, `syncStatusChanged` when the status changes. */
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  fetch?: Fetch;
  /** Event-stream reconnect backoff (tests shorten it). */
  retry?: { firstMs?: number; maxMs?: number };
}

export interface SyncService extends SyncTransport {
  /** Checks the server, signs in, keeps the token; never throws (the outcome says what failed). */
  connect(serverUrl: string, email: string, password: string): Promise<ConnectOutcome>;
  /** Ends the session on the server (best effort), forgets the token and the server. */
  signOut(): Promise<SyncServiceStatus>;
  status(): SyncServiceStatus;
  /** A pull for the bridge: the page as the server's JSON text, which the renderer parses and checks. */
  pullPage(clientGroupId: string, cookie: number): Promise<PullPageText>;
  caseHistory(caseId: string): Promise<HistoryResponse>;
  /** Opens the event stream if a session is held (at start-up). */
  start(): void;
  /** Closes the event stream; requests under way are abandoned. */
  close(): void;
}

export const SIGNED_OUT_MESSAGE = 'You were signed out of the desk server: sign in again.';
const NOT_SIGNED_IN = 'Not signed in to a desk server: sign in under Settings → Team server.';
const CONNECT_TIMEOUT_MS = 10_000;
const SYNC_TIMEOUT_MS = 30_000;
const HISTORY_TIMEOUT_MS = 15_000;
const REVOKE_TIMEOUT_MS = 5_000;

export function createSyncService(options: SyncServiceOptions): SyncService {
  const { secrets, settings, log, emit } = options;
  const fetchImpl = options.fetch ?? fetch;
  const closing = new AbortController();
  const pokeListeners = new Set<(poke: PokeData) => void>();
  // Undefined until first read from the secret store; the service is the only reader of this secret.
  let token: string | null | undefined;
  let stream: { url: string; events: EventStream } | null = null;
  let lastError: string | null = null;
  let lastEmitted = '';

  const recordClock = (sample: ClockSample) => options.clock.record(sample);
  const config = (): SyncSettings => settings.get().sync;

  const currentToken = (): string | null => {
    if (token === undefined) {
      try {
        token = secrets.get(SYNC_TOKEN_SECRET);
      } catch (error) {
        log.warn(`The sync token could not be read: ${errorText(error)}`);
        token = null;
      }
    }
    return token;
  };

  const status = (): SyncServiceStatus => {
    const { serverUrl, personId, email } = config();
    return {
      configured: serverUrl !== null,
      signedIn: serverUrl !== null && currentToken() !== null,
      serverUrl,
      personId,
      email,
      online: stream?.events.open ?? false,
      lastError,
    };
  };

  const emitStatus = () => {
    const next = status();
    const text = JSON.stringify(next);
    if (text === lastEmitted) return;
    lastEmitted = text;
    emit('syncStatusChanged', next);
  };

  const stopStream = () => {
    stream?.events.stop();
    stream = null;
  };

  const ensureStream = () => {
    const { serverUrl } = config();
    if (serverUrl === null || currentToken() === null) {
      stopStream();
      return;
    }
    const url = `${serverUrl}/v1/events`;
    if (stream?.url === url) return;
    stopStream();
    const events = createEventStream({
      url,
      fetch: fetchImpl,
      token: currentToken,
      log: log.child('events'),
      ...(options.retry?.firstMs === undefined ? {} : { firstRetryMs: options.retry.firstMs }),
      ...(options.retry?.maxMs === undefined ? {} : { maxRetryMs: options.retry.maxMs }),
      onPoke: (poke) => {
        for (const listener of [...pokeListeners]) listener(poke);
        emit('syncPoke', poke);
      },
      onState: (open, problem) => {
        if (open) lastError = null;
        else if (problem !== null) lastError = problem;
        emitStatus();
      },
      onUnauthorized: (used) => sessionLost(used),
    });
    stream = { url, events };
    events.start();
  };

  /** The server no longer knows this token: forget it, stop syncing, keep the server and person. */
  const sessionLost = (used: string) => {
    if (currentToken() !== used) return;
    log.warn('The desk server refused the session token (signed out or expired); syncing stops.');
    token = null;
    forgetToken();
    stopStream();
    lastError = SIGNED_OUT_MESSAGE;
    emitStatus();
  };

  const forgetToken = () => {
    try {
      secrets.delete(SYNC_TOKEN_SECRET);
    } catch (error) {
      log.warn(`The sync token could not be deleted from the secret store: ${errorText(error)}`);
    }
  };

  const revoke = async (serverUrl: string, old: string) => {
    try {
      await exchange(
        fetchImpl,
        {
          method: 'DELETE',
          url: `${serverUrl}/v1/sessions/current`,
          token: old,
          timeoutMs: REVOKE_TIMEOUT_MS,
        },
        recordClock,
      );
    } catch (error) {
      // The token is forgotten here either way; the server lets it expire.
      log.info(`Ending the session on the server did not work (${errorText(error)}).`);
    }
  };

  /** One request with the session token; failures as SyncTransportError. */
  const authorizedExchange = async (
    what: string,
    request: Omit<ServerRequest, 'url' | 'token' | 'signal'> & { path: string },
  ): Promise<Exchange> => {
    const { serverUrl } = config();
    const used = currentToken();
    if (serverUrl === null || used === null) throw new SyncTransportError('signed-out', NOT_SIGNED_IN);
    try {
      const { path, ...rest } = request;
      return await exchange(
        fetchImpl,
        { ...rest, url: `${serverUrl}${path}`, token: used, signal: closing.signal },
        recordClock,
      );
    } catch (error) {
      if (error instanceof ServerAnswer && error.status === 401) {
        sessionLost(used);
        throw new SyncTransportError('signed-out', SIGNED_OUT_MESSAGE);
      }
      const mapped = toTransportError(error, what);
      if (mapped instanceof GapAnswer) {
        noteSuccess();
        throw mapped;
      }
      throw noteFailure(mapped);
    }
  };

  /** One request with the session token, its answer parsed with `schema`; failures as SyncTransportError. */
  const authorized = async <S extends z.ZodType>(
    what: string,
    request: Omit<ServerRequest, 'url' | 'token' | 'signal'> & { path: string },
    schema: S,
  ): Promise<z.output<S>> => {
    const answer = (await authorizedExchange(what, request)).json;
    const parsed = schema.safeParse(answer);
    if (!parsed.success) {
      throw noteFailure(
        new SyncTransportError(
          'server',
          `The desk server's answer to ${what} was not understood (${parsed.error.issues[0]?.message ?? 'wrong shape'}): it may run another version of Desk.`,
        ),
      );
    }
    noteSuccess();
    return parsed.data;
  };

  const noteSuccess = () => {
    lastError = null;
    // The server answers again: don't wait out the event stream's backoff.
    if (stream && !stream.events.open) stream.events.wake();
    emitStatus();
  };

  const noteFailure = (error: SyncTransportError): SyncTransportError => {
    lastError = error.message;
    emitStatus();
    return error;
  };

  const pullRequest = (clientGroupId: string, cookie: number) => {
    const query = new URLSearchParams({ clientGroupId, cookie: String(cookie) });
    return { method: 'GET' as const, path: `/v1/pull?${query}`, timeoutMs: SYNC_TIMEOUT_MS };
  };

  return {
    status,

    async connect(typedUrl, email, password) {
      const url = normalizeServerUrl(typedUrl);
      if (!url.ok) return refusal('serverUrl', url.message);
      const credentials = SignInRequest.safeParse({ email, password });
      if (!credentials.success) {
        const issue = credentials.error.issues[0];
        return refusal(
          issue?.path[0] === 'password' ? 'password' : 'email',
          issue?.message ?? 'Check the form.',
        );
      }
      const serverUrl = url.value;
      const host = new URL(serverUrl).host;

      try {
        const health = HealthResponse.safeParse(
          (
            await exchange(
              fetchImpl,
              { method: 'GET', url: `${serverUrl}/v1/health`, timeoutMs: CONNECT_TIMEOUT_MS },
              recordClock,
            )
          ).json,
        );
        if (!health.success) return refusal('serverUrl', notADeskServer(host));
      } catch (error) {
        if (error instanceof Unreachable) return refusal('serverUrl', error.message);
        if (error instanceof ServerAnswer && error.status >= 300 && error.status < 400)
          return refusal('serverUrl', error.message);
        return refusal('serverUrl', notADeskServer(host));
      }

      let session: SessionResponse;
      try {
        const answer = await exchange(
          fetchImpl,
          {
            method: 'POST',
            url: `${serverUrl}/v1/sessions`,
            body: credentials.data,
            timeoutMs: CONNECT_TIMEOUT_MS,
          },
          recordClock,
        );
        const parsed = SessionResponse.safeParse(answer.json);
        if (!parsed.success) return refusal(null, notUnderstood(host));
        session = parsed.data;
      } catch (error) {
        if (error instanceof Unreachable) return refusal('serverUrl', error.message);
        if (error instanceof ServerAnswer && error.status === 401) return refusal('password', error.message);
        if (error instanceof ServerAnswer && error.status === 429) {
          const wait = error.retryAfterSeconds;
          return {
            ok: false,
            field: null,
            message:
              wait === null
                ? `${error.message} Too many failed sign-ins: wait a while before trying again.`
                : `Too many failed sign-ins: try again ${inHowLong(wait)}.`,
            retryAfterSeconds: wait,
          };
        }
        return refusal(null, errorText(error));
      }

      const previous = { serverUrl: config().serverUrl, token: currentToken() };
      try {
        secrets.set(SYNC_TOKEN_SECRET, session.token);
      } catch (error) {
        await revoke(serverUrl, session.token);
        return refusal(
          null,
          `This computer cannot keep your sign-in safely, so Desk did not connect: ${errorText(error)}`,
        );
      }
      if (previous.serverUrl !== null && previous.token !== null && previous.token !== session.token)
        void revoke(previous.serverUrl, previous.token);
      token = session.token;
      settings.update({ sync: { serverUrl, personId: session.personId, email: credentials.data.email } });
      lastError = null;
      stopStream();
      ensureStream();
      log.info(`Signed in to ${serverUrl} as ${session.personId}.`);
      emitStatus();
      return { ok: true, status: status() };
    },

    async signOut() {
      const { serverUrl } = config();
      const held = currentToken();
      stopStream();
      if (serverUrl !== null && held !== null) await revoke(serverUrl, held);
      token = null;
      forgetToken();
      settings.update({ sync: NO_SYNC });
      lastError = null;
      log.info(serverUrl ? `Signed out of ${serverUrl}.` : 'Sign-out asked with no server set up.');
      emitStatus();
      return status();
    },

    async push(request: PushRequest): Promise<PushOutcome> {
      try {
        const response = await authorized(
          'a push',
          { method: 'POST', path: '/v1/push', body: request, timeoutMs: SYNC_TIMEOUT_MS },
          PushResponse,
        );
        return { kind: 'ok', response };
      } catch (error) {
        const gap = error instanceof GapAnswer ? error.gap : null;
        if (gap) return { kind: 'gap', gap };
        throw error;
      }
    },

    pull: (clientGroupId, cookie) => authorized('a pull', pullRequest(clientGroupId, cookie), PullResponse),

    async pullPage(clientGroupId, cookie) {
      const answer = await authorizedExchange('a pull', {
        ...pullRequest(clientGroupId, cookie),
        asText: true,
      });
      noteSuccess();
      return answer.text;
    },

    caseHistory: (caseId) =>
      authorized(
        "a case's history",
        {
          method: 'GET',
          path: `/v1/cases/${encodeURIComponent(caseId)}/history`,
          timeoutMs: HISTORY_TIMEOUT_MS,
        },
        HistoryResponse,
      ),

    onPoke(listener) {
      pokeListeners.add(listener);
      return () => {
        pokeListeners.delete(listener);
      };
    },

    start() {
      ensureStream();
      emitStatus();
    },

    close() {
      closing.abort(new Error('closing'));
      stopStream();
    },
  };
}

/** A 409 that is the protocol's gap answer: not a failure, the engine pushes again from `expectedId`. */
class GapAnswer extends SyncTransportError {
  constructor(readonly gap: PushGap) {
    super('refused', gap.error);
  }
}

function toTransportError(error: unknown, what: string): SyncTransportError {
  if (error instanceof SyncTransportError) return error;
  if (error instanceof Unreachable) return new SyncTransportError('offline', error.message);
  if (error instanceof ServerAnswer) {
    if (error.status === 409) {
      const gap = PushGap.safeParse(error.body);
      if (gap.success) return new GapAnswer(gap.data);
    }
    if (error.status >= 500)
      return new SyncTransportError(
        'server',
        `The desk server could not handle ${what} (${error.status}): ${error.message} It will be tried again.`,
      );
    if (error.status === 429 && error.retryAfterSeconds !== null)
      return new SyncTransportError(
        'refused',
        `${error.message} Try again ${inHowLong(error.retryAfterSeconds)}.`,
      );
    return new SyncTransportError('refused', error.message);
  }
  return new SyncTransportError('offline', `The desk server could not be reached (${errorText(error)}).`);
}

type UrlCheck = { ok: true; value: string } | { ok: false; message: string };

/**
 * A desk server's address as typed: http or https (https is assumed when no scheme is given), no user name,
 * query or fragment. The result has no trailing slash, so one server always names the same local store.
 */
export function normalizeServerUrl(typed: string): UrlCheck {
  const text = typed.trim();
  if (text === '')
    return { ok: false, message: "Enter the desk server's address, for example https://desk.example.org." };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: `"${text}" is not a web address: write it like https://desk.example.org.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, message: 'A desk server address starts with https:// (or http://).' };
  if (url.username || url.password || url.search || url.hash)
    return { ok: false, message: 'Give only the server address: no user name, password, "?" or "#" part.' };
  return { ok: true, value: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

function refusal(field: 'serverUrl' | 'email' | 'password' | null, message: string): ConnectOutcome {
  return { ok: false, field, message, retryAfterSeconds: null };
}

function notADeskServer(host: string): string {
  return `${host} answered, but it is not a Desk server (it has no /v1/health): check the address.`;
}

function notUnderstood(host: string): string {
  return `${host} answered the sign-in in a form this app does not understand: it may run another version of Desk.`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
