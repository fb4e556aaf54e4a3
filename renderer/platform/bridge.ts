/**
 * The renderer's one way to reach the shell: `desk.<method>(…)` and `desk.on<Event>(…)`, typed from
 * shared/ipc. Under Electron it is the preload's `window.desk`; in a plain browser it is the browser host's
 * WebSocket. Features import `desk` and never ask which.
 */
import { useSyncExternalStore } from 'react';
import {
  type DeskApi,
  type EventName,
  eventSubscriberName,
  type MethodName,
} from '../../shared/ipc/contract';
import { SOCKET_PATH } from '../../shared/ipc/socket';
import { takeHostToken } from './host-token';
import { type Bridge, buildDeskApi, createSocketBridge, type HostConnection } from './socket-bridge';

export type { Bridge, HostConnection } from './socket-bridge';
export { BridgeCallError, BridgeUnavailableError } from './socket-bridge';

let current: Bridge | null = null;

/** The bridge in use, connected on first use. */
export function bridge(): Bridge {
  current ??= connectBridge();
  return current;
}

/** Replaces the bridge (component tests, a storybook); returns a function that restores the previous one. */
export function installBridge(replacement: Bridge): () => void {
  const previous = current;
  current = replacement;
  return () => {
    current = previous;
  };
}

/** `window.desk`, wherever it really lives. Methods resolve the bridge on call, so importing this is free. */
export const desk: DeskApi = buildDeskApi(
  (method: MethodName, args: unknown[]) => Promise.resolve(member(method)(...args)),
  (event: EventName, listener: (payload: never) => void) =>
    member(eventSubscriberName(event))(listener) as () => void,
);

/** Forwarding looks at no argument or payload type, so the members are taken untyped here only. */
function member(name: string): (...args: unknown[]) => unknown {
  const api = bridge().desk as unknown as Record<string, (...args: unknown[]) => unknown>;
  const found = api[name];
  if (!found) throw new Error(`The shell does not provide desk.${name}: it is older than this renderer.`);
  return found;
}

/** Whether the shell answers: always online under Electron; the socket's state in the browser. */
export function useHostConnection(): HostConnection {
  return useSyncExternalStore(
    (onChange) => bridge().onConnection(onChange),
    () => bridge().connection(),
  );
}

function connectBridge(): Bridge {
  const injected = (window as Window & { desk?: DeskApi }).desk;
  if (injected) {
    return { desk: injected, connection: () => 'online', onConnection: () => () => {}, close: () => {} };
  }
  const token = takeHostToken({
    location: window.location,
    history: window.history,
    storage: window.sessionStorage,
  });
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createSocketBridge({
    url: `${scheme}//${window.location.host}${SOCKET_PATH}`,
    // Without a token the host refuses the socket, and the app says how to get a good address.
    token: token ?? '',
    healthUrl: new URL('/healthz', window.location.href).href,
  });
}
