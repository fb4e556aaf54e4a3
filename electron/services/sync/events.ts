/**
 * The server's event stream (`GET /v1/events`, server-sent events over fetch): every `poke` is handed on, and the
 * stream's being open is what "online" means. It reconnects by itself with exponential backoff and full jitter
 * (so a restarted server is not hit by every desk at the same instant), and gives up on a stream that has been
 * silent longer than two keep-alives (a half-open connection after a network change never errors by itself).
 */
import { createParser } from 'eventsource-parser';
import { EVENTS_KEEPALIVE_MS, PokeData } from '../../../shared/sync/protocol';
import type { Logger } from '../log';
import { describeNetworkFailure, type Fetch } from './http';

export interface EventStreamOptions {
  /** `<server>/v1/events` */
  url: string;
  fetch: Fetch;
  /** The token to open the stream with; null stops it. */
  token: () => string | null;
  onPoke: (poke: PokeData) => void;
  /** Open (`problem` null) or closed and retrying (`problem` says why). */
  onState: (open: boolean, problem: string | null) => void;
  /** The server said 401 to this token: the session is dead. The stream stops. */
  onUnauthorized: (token: string) => void;
  log: Logger;
  /** Backoff bounds; the wait before attempt n is random in [½, 1] × min(max, first × 2ⁿ). */
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** A stream silent this long is taken as dead (default two keep-alives and a bit). */
  idleMs?: number;
  random?: () => number;
}

export interface EventStream {
  start(): void;
  stop(): void;
  /** Try again now rather than after the backoff (another request just reached the server). */
  wake(): void;
  readonly open: boolean;
}

const CONNECT_TIMEOUT_MS = 15_000;

export function createEventStream(options: EventStreamOptions): EventStream {
  const {
    log,
    firstRetryMs = 500,
    maxRetryMs = 10_000,
    idleMs = 2 * EVENTS_KEEPALIVE_MS + 5_000,
    random = Math.random,
  } = options;
  let running = false;
  let open = false;
  let generation = 0;
  let current: AbortController | null = null;
  let wakeUp: (() => void) | null = null;

  const setOpen = (next: boolean, problem: string | null) => {
    open = next;
    options.onState(next, problem);
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });

  /** One connection, until it ends; resolves 'unauthorized' or rejects with why it ended. */
  const connectOnce = async (token: string, controller: AbortController): Promise<'unauthorized'> => {
    const connectTimer = setTimeout(() => controller.abort(new Error('timeout')), CONNECT_TIMEOUT_MS);
    let response: Response;
    try {
      response = await options.fetch(options.url, {
        headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
        signal: controller.signal,
        redirect: 'manual',
      });
    } catch (error) {
      throw new Error(describeNetworkFailure(error, options.url, CONNECT_TIMEOUT_MS));
    } finally {
      clearTimeout(connectTimer);
    }
    if (response.status === 401) {
      await response.body?.cancel();
      return 'unauthorized';
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new Error(`The desk server refused its event stream (${response.status}).`);
    }
    setOpen(true, null);

    const parser = createParser({
      onEvent(message) {
        if (message.event !== 'poke') return;
        let json: unknown;
        try {
          json = JSON.parse(message.data);
        } catch {
          json = undefined;
        }
        const poke = PokeData.safeParse(json);
        if (poke.success) options.onPoke(poke.data);
        else log.warn('The desk server sent a poke that is not {"version": n}; ignored.');
      },
    });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let idleTimer = setTimeout(() => controller.abort(new Error('idle')), idleMs);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => controller.abort(new Error('idle')), idleMs);
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch (error) {
      if (controller.signal.reason instanceof Error && controller.signal.reason.message === 'idle')
        throw new Error(
          `The desk server's event stream went silent for ${Math.round(idleMs / 1000)} seconds.`,
        );
      throw new Error(describeNetworkFailure(error, options.url, idleMs));
    } finally {
      clearTimeout(idleTimer);
    }
    throw new Error('The desk server closed its event stream.');
  };

  const run = async (mine: number) => {
    let attempt = 0;
    while (running && mine === generation) {
      const token = options.token();
      if (token === null) break;
      const controller = new AbortController();
      current = controller;
      try {
        const outcome = await connectOnce(token, controller);
        if (outcome === 'unauthorized' && mine === generation) {
          running = false;
          if (open) setOpen(false, null);
          options.onUnauthorized(token);
          return;
        }
      } catch (error) {
        if (!running || mine !== generation) return;
        const problem = error instanceof Error ? error.message : String(error);
        // A stream that was open starts its backoff again; one that keeps failing waits longer each time.
        if (open) attempt = 0;
        log.info(`Event stream closed: ${problem}`);
        setOpen(false, problem);
      }
      if (!running || mine !== generation) return;
      const ceiling = Math.min(maxRetryMs, firstRetryMs * 2 ** attempt);
      attempt += 1;
      await sleep(ceiling / 2 + (random() * ceiling) / 2);
    }
  };

  return {
    get open() {
      return open;
    },
    start() {
      if (running) return;
      running = true;
      generation += 1;
      void run(generation);
    },
    stop() {
      running = false;
      generation += 1;
      current?.abort(new Error('stopped'));
      current = null;
      wakeUp?.();
      if (open) setOpen(false, null);
    },
    wake() {
      wakeUp?.();
    },
  };
}
