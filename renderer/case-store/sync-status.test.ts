import { describe, expect, it } from 'vitest';
import type { SyncServiceStatus } from '../../shared/ipc/sync';
import type { SyncEngineState } from '../sync/engine';
import { STANDALONE_STORE, storeTarget } from './case-store';
import { describeLastSynced, syncMode } from './sync-status';

const service = (fields: Partial<SyncServiceStatus> = {}): SyncServiceStatus => ({
  configured: true,
  signedIn: true,
  serverUrl: 'https://desk.example.org',
  personId: 'person-1',
  email: 'ann@example.org',
  online: true,
  lastError: null,
  ...fields,
});
const engine = (fields: Partial<SyncEngineState> = {}): SyncEngineState => ({
  connection: 'online',
  phase: 'idle',
  pending: 0,
  lastSyncedAt: '2026-03-02T09:30:00.000Z',
  lastError: null,
  initialSync: null,
  problems: 0,
  ...fields,
});

describe('the status area', () => {
  it('says local only without a server, and online, syncing, offline or signed out with one', () => {
    expect(syncMode(null, null)).toBe('local-only');
    expect(syncMode(service({ configured: false, signedIn: false }), null)).toBe('local-only');
    expect(syncMode(service(), engine())).toBe('online');
    expect(syncMode(service(), engine({ phase: 'pushing' }))).toBe('syncing');
    expect(syncMode(service({ online: false }), engine())).toBe('offline');
    expect(syncMode(service(), engine({ connection: 'offline' }))).toBe('offline');
    // Pushing into a dead network is still offline, not "syncing".
    expect(syncMode(service({ online: false }), engine({ phase: 'pushing', connection: 'offline' }))).toBe(
      'offline',
    );
    expect(syncMode(service({ signedIn: false }), engine())).toBe('signed-out');
    expect(syncMode(service(), engine({ connection: 'signed-out' }))).toBe('signed-out');
  });

  it('says how long ago this desk last synced', () => {
    const at = new Date('2026-03-02T09:30:00Z');
    expect(describeLastSynced(at, new Date('2026-03-02T09:30:12Z'), 'UTC')).toBe('synced 12 s ago');
    expect(describeLastSynced(at, new Date('2026-03-02T09:34:30Z'), 'UTC')).toBe('synced 4 min ago');
    expect(describeLastSynced(at, new Date('2026-03-02T12:00:00Z'), 'UTC')).toMatch(/^synced at \d\d:\d\d/);
  });
});

describe('which local store the app opens', () => {
  it('is the standalone desk without a server, and one per server and person with one', () => {
    expect(storeTarget({ serverUrl: null, personId: null, email: null }).name).toBe(STANDALONE_STORE);
    const ann = storeTarget({ serverUrl: 'https://desk.example.org', personId: 'person-ann', email: 'a@x' });
    const ben = storeTarget({ serverUrl: 'https://desk.example.org', personId: 'person-ben', email: 'b@x' });
    const annElsewhere = storeTarget({
      serverUrl: 'https://other.example.org',
      personId: 'person-ann',
      email: null,
    });
    expect(new Set([ann.name, ben.name, annElsewhere.name]).size).toBe(3);
    expect(ann).toEqual({
      name: 'desk@https://desk.example.org#person-ann',
      serverUrl: 'https://desk.example.org',
      personId: 'person-ann',
    });
    // A person id cannot make its store's name look like another server's.
    const tricky = storeTarget({ serverUrl: 'https://desk.example.org', personId: 'x#y@z', email: null });
    expect(tricky.name).toBe('desk@https://desk.example.org#x%23y%40z');
  });
});
