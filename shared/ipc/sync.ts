/**
 * Team sync across the bridge. The main process holds the desk server's session token (secret store only) and
 * the event stream; the renderer's sync engine asks it to push and pull, and hears pokes and status changes.
 * Failures travel as data (`{kind: 'failed', failure}`), so the engine gets the transport's failure kind back
 * whatever the bridge (Electron IPC would flatten a thrown error into text).
 */
import { z } from 'zod';
import { HistoryResponse, PushGap, PushResponse } from '../sync/protocol';

/** What the main process knows of the team server connection. */
export const SyncServiceStatus = z.object({
  /** A server is set up (settings name it), signed in or not. */
  configured: z.boolean(),
  /** A session token is held: pushes and pulls can be made. False after sign-out or a revoked token. */
  signedIn: z.boolean(),
  serverUrl: z.string().nullable(),
  personId: z.string().nullable(),
  email: z.string().nullable(),
  /** The event stream is open (the server answered lately). */
  online: z.boolean(),
  /** The last thing that went wrong, in words a person can act on; null once things work again. */
  lastError: z.string().max(2000).nullable(),
});
export type SyncServiceStatus = z.infer<typeof SyncServiceStatus>;

export const SyncFailureKind = z.enum(['offline', 'signed-out', 'refused', 'server']);
export const SyncFailure = z.object({ kind: SyncFailureKind, message: z.string().max(2000) });
export type SyncFailure = z.infer<typeof SyncFailure>;

const Failed = z.object({ kind: z.literal('failed'), failure: SyncFailure });

export const ConnectRequest = z.object({
  serverUrl: z.string().max(2048),
  email: z.string().max(320),
  password: z.string().max(1024),
});
export type ConnectRequest = z.infer<typeof ConnectRequest>;

/** Connecting either worked (the status now in force) or says what failed and, for 429, when to try again. */
export const ConnectOutcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), status: SyncServiceStatus }),
  z.object({
    ok: z.literal(false),
    /** Which field the problem is about, so the form can mark it. */
    field: z.enum(['serverUrl', 'email', 'password']).nullable(),
    message: z.string().max(2000),
    retryAfterSeconds: z.number().int().min(0).nullable(),
  }),
]);
export type ConnectOutcome = z.infer<typeof ConnectOutcome>;

export const SyncPushOutcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ok'), response: PushResponse }),
  z.object({ kind: z.literal('gap'), gap: PushGap }),
  Failed,
]);
export type SyncPushOutcome = z.infer<typeof SyncPushOutcome>;

/**
 * A pull page as it crosses the bridge: the server's JSON text as it came. The shell neither parses nor
 * re-serializes it (a first sync's page is thousands of rows, and parsing it in the shell, checking it there and
 * serializing it again for the bridge cost as much as the renderer's own reading); the renderer parses it
 * once, each row with its table's schema (`PullResponse`), before it reaches the store.
 */
export const PullPageText = z.string();
export type PullPageText = z.infer<typeof PullPageText>;

export const SyncPullOutcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ok'), page: PullPageText }),
  Failed,
]);
export type SyncPullOutcome = z.infer<typeof SyncPullOutcome>;

export const CaseHistoryOutcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ok'), history: HistoryResponse }),
  Failed,
]);
export type CaseHistoryOutcome = z.infer<typeof CaseHistoryOutcome>;

export const ClientGroupId = z.string().min(1).max(200);
export const PullCookie = z.number().int().nonnegative();
export const CaseId = z.string().min(1).max(200);

/** Secrets only the main process reads: the renderer's getSecret/setSecret/deleteSecret refuse these names. */
export const SYNC_TOKEN_SECRET = 'sync-token';
export const MAIN_PROCESS_SECRETS: readonly string[] = [SYNC_TOKEN_SECRET];
