import { describe, expect, it } from 'vitest';
import type { DeskApi } from '../../shared/ipc/contract';
import { SyncTransportError } from '../../shared/sync/transport';
import { BridgeCallError } from './socket-bridge';
import { bridgeSyncTransport, caseHistory } from './sync-transport';

/** Only the sync calls the transport uses; the rest of the bridge is not needed here. */
function fakeDesk(calls: Partial<DeskApi>): DeskApi {
  return calls as DeskApi;
}

describe('the sync transport over the bridge', () => {
  it("gives the engine the shell's failure kinds back as transport errors", async () => {
    const transport = bridgeSyncTransport(
      fakeDesk({
        syncPush: async () => ({
          kind: 'failed',
          failure: { kind: 'signed-out', message: 'You were signed out of the desk server: sign in again.' },
        }),
        syncPull: async () => {
          throw new Error('The connection to Desk was lost before desk.syncPull answered.');
        },
      }),
    );
    const pushed = await transport.push({ clientGroupId: 'g', mutations: [] }).catch((e: unknown) => e);
    expect(pushed).toBeInstanceOf(SyncTransportError);
    expect(pushed).toMatchObject({ kind: 'signed-out', message: expect.stringMatching(/sign in again/) });
    // The shell itself out of reach is offline to the engine: it retries.
    await expect(transport.pull('g', 0)).rejects.toMatchObject({ kind: 'offline' });
  });

  it('parses each pulled row with its table schema before the store sees it', async () => {
    const page = (row: Record<string, unknown>) => ({
      kind: 'ok' as const,
      page: JSON.stringify({
        cookie: 7,
        changes: [{ op: 'put', table: 'teams', row }],
        lastMutationIds: {},
        rejections: [],
        more: false,
      }),
    });
    const good = { id: 'team-1', name: 'Service Desk', division: 'IT', lineManagerId: null };
    const ok = await bridgeSyncTransport(fakeDesk({ syncPull: async () => page(good) })).pull('g', 0);
    expect(ok.changes).toEqual([{ op: 'put', table: 'teams', row: good }]);

    const bad = bridgeSyncTransport(fakeDesk({ syncPull: async () => page({ id: 'team-2' }) }));
    await expect(bad.pull('g', 0)).rejects.toMatchObject({
      kind: 'server',
      message: expect.stringMatching(/cannot read .*row\.name/),
    });

    const garbled = bridgeSyncTransport(
      fakeDesk({ syncPull: async () => ({ kind: 'ok', page: '<html>Gateway Timeout</html>' }) }),
    );
    await expect(garbled.pull('g', 0)).rejects.toMatchObject({
      kind: 'server',
      message: expect.stringMatching(/cannot read \(it is not JSON\)/),
    });
  });

  it("says history is unavailable in the transport's terms", async () => {
    const offline = fakeDesk({
      syncCaseHistory: async () => ({ kind: 'failed', failure: { kind: 'offline', message: 'refused' } }),
    });
    await expect(caseHistory('case-1', offline)).rejects.toMatchObject({ kind: 'offline' });
    const broken = fakeDesk({
      syncCaseHistory: async () => {
        throw new BridgeCallError('TypeError', 'boom');
      },
    });
    await expect(caseHistory('case-1', broken)).rejects.toMatchObject({ kind: 'server' });
  });
});
