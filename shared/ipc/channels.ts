/**
 * Transport channel names (Electron IPC channels, WebSocket message types). Kept apart from the schemas so the
 * sandboxed preload can name channels without bundling zod.
 */
import type { EventName, MethodName } from './contract';

export const methodChannel = <M extends MethodName>(method: M): `desk:${M}` => `desk:${method}`;
export const eventChannel = <E extends EventName>(event: E): `desk:event:${E}` => `desk:event:${event}`;
