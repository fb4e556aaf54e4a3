/**
 * The bridge contract over a WebSocket (the browser host, `npm run web`). The envelope is parsed here; the
 * payloads inside are parsed with the contract's own schemas (`dispatch`, `parseResult`, `parseEvent`).
 */
import { z } from 'zod';

export const SOCKET_PATH = '/bridge';
/** The subprotocol the host selects. */
export const SOCKET_PROTOCOL = 'desk.bridge.v1';
/**
 * The browser WebSocket API cannot set headers, so the per-run token travels as a second offered subprotocol
 * (`desk.token.<hex>`); the host checks it before accepting and never echoes it back.
 */
export const TOKEN_PROTOCOL_PREFIX = 'desk.token.';
/**
 * Calls larger than this are refused by the host. Above the desk server's own request limit (1 MiB of JSON),
 * so a sync push that the server would take always fits through the bridge, whatever its characters' size.
 */
export const MAX_SOCKET_MESSAGE_BYTES = 4 * 1024 * 1024;

export const SocketCall = z.object({
  type: z.literal('call'),
  id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  method: z.string().min(1).max(100),
  args: z.array(z.unknown()).max(16),
});
export type SocketCall = z.infer<typeof SocketCall>;

export const SocketError = z.object({ name: z.string(), message: z.string() });
export type SocketError = z.infer<typeof SocketError>;

export const SocketResult = z.union([
  // A method returning nothing arrives without `value` (JSON has no undefined).
  z.object({ type: z.literal('result'), id: z.number(), ok: z.literal(true), value: z.unknown().optional() }),
  z.object({ type: z.literal('result'), id: z.number(), ok: z.literal(false), error: SocketError }),
]);
export type SocketResult = z.infer<typeof SocketResult>;

export const SocketEvent = z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() });
export type SocketEvent = z.infer<typeof SocketEvent>;

/** A message the host could not read at all (not JSON, no call id): the connection stays open. */
export const SocketProtocolError = z.object({ type: z.literal('protocol-error'), message: z.string() });
export type SocketProtocolError = z.infer<typeof SocketProtocolError>;

export const HostMessage = z.union([SocketResult, SocketEvent, SocketProtocolError]);
export type HostMessage = z.infer<typeof HostMessage>;

/** The subprotocols a client offers: the bridge protocol first, then its token. */
export function socketProtocols(token: string): [string, string] {
  return [SOCKET_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`];
}
