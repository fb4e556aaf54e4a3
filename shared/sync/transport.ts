/**
 * How the client's sync engine (renderer/sync, running beside the store) reaches the desk server. The main
 * process implements it (electron/services/sync: it holds the token, the event stream, the clock offset) and the
 * renderer calls it through the bridge; tests and benchmarks wire the two directly in Node.
 */
import type { PokeData, PullResponse, PushGap, PushRequest, PushResponse } from './protocol';

export type PushOutcome =
  | { readonly kind: 'ok'; readonly response: PushResponse }
  /** The server expected an earlier mutation id: push again from `gap.expectedId`. */
  | { readonly kind: 'gap'; readonly gap: PushGap };

/**
 * Why a push or pull did not reach the server or was refused as a whole:
 * `offline` no answer (network, server down, timeout: retry later), `signed-out` the token is dead (sign in
 * again), `refused` the server answered 4xx for the request as a whole (its message says why), `server` 5xx.
 */
export type SyncFailureKind = 'offline' | 'signed-out' | 'refused' | 'server';

export class SyncTransportError extends Error {
  override readonly name = 'SyncTransportError';
  constructor(
    readonly kind: SyncFailureKind,
    message: string,
  ) {
    super(message);
  }
}

export interface SyncTransport {
  /** Rejects with a SyncTransportError. */
  push(request: PushRequest): Promise<PushOutcome>;
  /** Rejects with a SyncTransportError. */
  pull(clientGroupId: string, cookie: number): Promise<PullResponse>;
  /** Pokes from the server's event stream (the version moved on for this person). Returns the unsubscribe. */
  onPoke(listener: (poke: PokeData) => void): () => void;
}
