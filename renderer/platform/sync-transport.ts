/**
 * The sync engine's way to the desk server: the shell's sync service, over the bridge. The shell holds the
 * session token and the event stream; failures come back as data and are rethrown here as the transport's
 * errors, so the engine decides on retry, sign-in or a shown problem from their kind.
 */
import type { DeskApi } from '../../shared/ipc/contract';
import type { SyncFailure } from '../../shared/ipc/sync';
import { type HistoryResponse, PullResponse } from '../../shared/sync/protocol';
import { type SyncTransport, SyncTransportError } from '../../shared/sync/transport';
import { BridgeCallError, desk } from './bridge';

export function bridgeSyncTransport(api: DeskApi = desk): SyncTransport {
  return {
    async push(request) {
      const outcome = await overBridge(() => api.syncPush(request));
      if (outcome.kind === 'failed') throw transportError(outcome.failure);
      return outcome;
    },
    async pull(clientGroupId, cookie) {
      const outcome = await overBridge(() => api.syncPull(clientGroupId, cookie));
      if (outcome.kind === 'failed') throw transportError(outcome.failure);
      // The shell passes the server's text on as it came: it is read here, once, and each row is parsed with its
      // table's schema before the store sees it.
      let json: unknown;
      try {
        json = JSON.parse(outcome.page);
      } catch {
        throw unreadable('it is not JSON');
      }
      const parsed = PullResponse.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw unreadable(`${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'wrong shape'}`);
      }
      return parsed.data;
    },
    onPoke: (listener) => api.onSyncPoke(listener),
  };
}

/** One case's audit log from the server; rejects with a SyncTransportError (offline: show why it is missing). */
export async function caseHistory(caseId: string, api: DeskApi = desk): Promise<HistoryResponse> {
  const outcome = await overBridge(() => api.syncCaseHistory(caseId));
  if (outcome.kind === 'failed') throw transportError(outcome.failure);
  return outcome.history;
}

function unreadable(why: string): SyncTransportError {
  return new SyncTransportError(
    'server',
    `The desk server sent a change this app cannot read (${why}): it may run another version of Desk.`,
  );
}

function transportError(failure: SyncFailure): SyncTransportError {
  return new SyncTransportError(failure.kind, failure.message);
}

/** The shell itself out of reach (the browser host restarting) is "offline" to the engine: it retries. */
async function overBridge<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof BridgeCallError) throw new SyncTransportError('server', error.message);
    throw new SyncTransportError('offline', error instanceof Error ? error.message : String(error));
  }
}
