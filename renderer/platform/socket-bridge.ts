/**
 * The bridge contract over the browser host's WebSocket: the same `DeskApi` the Electron preload exposes. Calls
 * made while the socket is (re)connecting wait for it; calls in flight when it drops fail (the host may or may
 * not have run them), and it reconnects with backoff. Everything the host sends is parsed before use.
 */
import {
  type DeskApi,
  EVENT_NAMES,
  type EventName,
  type EventPayload,
  eventSubscriberName,
  METHOD_NAMES,
  type MethodName,
} from '../../shared/ipc/contract';
import { HostMessage, type SocketCall, socketProtocols } from '../../shared/ipc/socket';
import { parseEvent, parseResult } from '../../shared/ipc/validate';

/** `online`: calls go through. `offline`: reconnecting. `refused`: the host is up but does not accept this page. */
export type HostConnection = 'connecting' | 'online' | 'offline' | 'refused';

export interface Bridge {
  desk: DeskApi;
  connection(): HostConnection;
  onConnection(listener: (connection: HostConnection) => void): () => void;
  close(): void;
}

/** The host could not be reached, or went away before it answered. */
export class BridgeUnavailableError extends Error {
  override readonly name = 'BridgeUnavailableError';
}

/** The host answered with an error; `name` is the host-side error's (e.g. BridgeValidationError). */
export class BridgeCallError extends Error {
  constructor(
    readonly errorName: string,
    message: string,
  ) {
    super(message);
    this.name = errorName;
  }
}

export interface SocketBridgeOptions {
  /** ws://127.0.0.1:<port>/bridge */
  url: string;
  token: string;
  /** The host's /healthz: reachable while the socket is refused means this page's token is not accepted. */
  healthUrl: string;
  callTimeoutMs?: number;
  /** Injected by unit tests. */
  createSocket?: (url: string, protocols: string[]) => WebSocket;
  checkHealth?: (url: string) => Promise<boolean>;
}

interface PendingCall {
  method: MethodName;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
  /** Serialized call; null once sent. */
  unsent: string | null;
}

const MAX_BACKOFF_MS = 5_000;

/**
 * Calls that wait on the desk server get longer than the host's own calls: the shell gives up on them itself
 * (30 s for a push or pull, 10 s for each step of signing in), and its answer says why in words.
 */
const SLOW_CALLS: Partial<Record<MethodName, number>> = {
  syncConnect: 35_000,
  syncSignOut: 15_000,
  syncPush: 40_000,
  syncPull: 40_000,
  syncCaseHistory: 25_000,
};

export function createSocketBridge(options: SocketBridgeOptions): Bridge {
  const {
    callTimeoutMs = 15_000,
    createSocket = (url, protocols) => new WebSocket(url, protocols),
    checkHealth = defaultHealthCheck,
  } = options;
  const pending = new Map<number, PendingCall>();
  const eventListeners = new Map<EventName, Set<(payload: never) => void>>();
  const connectionListeners = new Set<(connection: HostConnection) => void>();
  let connection: HostConnection = 'connecting';
  let socket: WebSocket | null = null;
  let nextId = 1;
  let backoffMs = 250;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const setConnection = (next: HostConnection) => {
    if (next === connection) return;
    connection = next;
    for (const listener of [...connectionListeners]) listener(next);
  };

  const flush = () => {
    if (!socket || socket.readyState !== socket.OPEN) return;
    for (const call of pending.values()) {
      if (call.unsent === null) continue;
      socket.send(call.unsent);
      call.unsent = null;
    }
  };

  const settle = (id: number, outcome: { value: unknown } | { error: Error }) => {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    clearTimeout(call.timer);
    if ('error' in outcome) call.reject(outcome.error);
    else call.resolve(outcome.value);
  };

  const receive = (raw: unknown) => {
    let json: unknown;
    try {
      json = JSON.parse(String(raw));
    } catch {
      console.warn('Desk host sent a message that is not JSON; ignored.');
      return;
    }
    const parsed = HostMessage.safeParse(json);
    if (!parsed.success) {
      console.warn('Desk host sent a message outside the bridge protocol; ignored.');
      return;
    }
    const message = parsed.data;
    if (message.type === 'protocol-error') {
      console.warn(`Desk host: ${message.message}`);
    } else if (message.type === 'event') {
      if (!isEventName(message.event)) return;
      const payload = parseEvent(message.event, message.payload);
      for (const listener of [...(eventListeners.get(message.event) ?? [])]) listener(payload as never);
    } else {
      const call = pending.get(message.id);
      if (!call) return;
      if (message.ok) {
        try {
          settle(message.id, { value: parseResult(call.method, message.value) });
        } catch (error) {
          settle(message.id, { error: error instanceof Error ? error : new Error(String(error)) });
        }
      } else {
        settle(message.id, { error: new BridgeCallError(message.error.name, message.error.message) });
      }
    }
  };

  const connect = () => {
    if (closed) return;
    let opened = false;
    const current = createSocket(options.url, socketProtocols(options.token));
    socket = current;
    current.onopen = () => {
      opened = true;
      backoffMs = 250;
      setConnection('online');
      flush();
    };
    current.onmessage = (event) => receive(event.data);
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      for (const [id, call] of pending) {
        if (call.unsent === null) {
          settle(id, {
            error: new BridgeUnavailableError(
              `The connection to Desk was lost before desk.${call.method} answered.`,
            ),
          });
        }
      }
      if (closed) return;
      const retry = () => {
        setConnection('offline');
        reconnectTimer = setTimeout(connect, backoffMs);
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
      };
      if (opened) {
        retry();
        return;
      }
      // Never opened: a running host that refuses us will refuse again, so stop and say so.
      checkHealth(options.healthUrl).then((hostIsUp) => {
        if (closed) return;
        if (hostIsUp) {
          setConnection('refused');
          for (const [id, call] of pending) {
            settle(id, { error: new BridgeUnavailableError(refusedMessage(call.method)) });
          }
        } else retry();
      });
    };
  };

  const call = (method: MethodName, args: unknown[]): Promise<unknown> => {
    if (connection === 'refused') return Promise.reject(new BridgeUnavailableError(refusedMessage(method)));
    const id = nextId++;
    const message = { type: 'call', id, method, args } satisfies SocketCall;
    const timeoutMs = Math.max(callTimeoutMs, SLOW_CALLS[method] ?? 0);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        settle(id, {
          error: new BridgeUnavailableError(
            `Desk did not answer desk.${method} within ${timeoutMs / 1000} s.`,
          ),
        });
      }, timeoutMs);
      pending.set(id, { method, resolve, reject, timer, unsent: JSON.stringify(message) });
      flush();
    });
  };

  const subscribe = (event: EventName, listener: (payload: never) => void) => {
    let set = eventListeners.get(event);
    if (!set) {
      set = new Set();
      eventListeners.set(event, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  };

  connect();

  return {
    desk: buildDeskApi(call, subscribe),
    connection: () => connection,
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => {
        connectionListeners.delete(listener);
      };
    },
    close() {
      closed = true;
      clearTimeout(reconnectTimer);
      socket?.close(1000, 'The page is closing.');
    },
  };
}

/**
 * One forwarding function per method and one `on…` per event, from the contract's own name lists, so a new
 * contract entry needs no change here.
 */
export function buildDeskApi(
  call: (method: MethodName, args: unknown[]) => Promise<unknown>,
  subscribe: (event: EventName, listener: (payload: never) => void) => () => void,
): DeskApi {
  const api: Record<string, unknown> = {};
  for (const method of METHOD_NAMES) api[method] = (...args: unknown[]) => call(method, args);
  for (const event of EVENT_NAMES) {
    api[eventSubscriberName(event)] = (listener: (payload: EventPayload<typeof event>) => void) =>
      subscribe(event, listener);
  }
  // Built from METHOD_NAMES and EVENT_NAMES, which list exactly the keys of DeskApi; TS cannot follow the loop.
  return api as DeskApi;
}

function isEventName(name: string): name is EventName {
  return (EVENT_NAMES as readonly string[]).includes(name);
}

function refusedMessage(method: MethodName): string {
  return `Desk's browser host refused this page (desk.${method}): open the address the host printed, which carries its current access token.`;
}

async function defaultHealthCheck(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { cache: 'no-store' })).ok;
  } catch {
    return false;
  }
}
