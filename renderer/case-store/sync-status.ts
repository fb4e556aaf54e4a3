/**
 * Where this desktop's changes go, for the status area, the banners and Settings → Team server. Two sources:
 * the shell's sync service (a server set up, signed in, its event stream open: `syncStatusChanged`) and the
 * renderer's sync engine (pushing or pulling, the first sync's progress, last synced, rejected changes).
 */
import { create } from 'zustand';
import type { SyncServiceStatus } from '../../shared/ipc/sync';
import { formatDeskTime } from '../../shared/time';
import { bridge, desk } from '../platform/bridge';
import type { SyncEngineState } from '../sync/engine';

export type SyncMode = 'local-only' | 'online' | 'offline' | 'syncing' | 'signed-out';

interface SyncStatusState {
  /** The shell's view; null until it has answered. */
  service: SyncServiceStatus | null;
  /** The engine's, while it runs on the open store; null when standalone or not started yet. */
  engine: SyncEngineState | null;
}

export const useSyncStore = create<SyncStatusState>(() => ({ service: null, engine: null }));

let started = false;

/** Loads the service's status and keeps it current; safe to call many times. */
export function startSyncStatus(): void {
  if (started) return;
  started = true;
  desk.onSyncStatusChanged((service) => useSyncStore.setState({ service }));
  bridge().onConnection((connection) => {
    if (connection === 'online') void loadSyncStatus();
  });
  void loadSyncStatus();
}

export async function loadSyncStatus(): Promise<void> {
  try {
    useSyncStore.setState({ service: await desk.syncStatus() });
  } catch (error) {
    console.warn('Desk could not read the team server status', error);
  }
}

export function setEngineState(engine: SyncEngineState | null): void {
  useSyncStore.setState({ engine });
}

/** One word for the status area: local only, online, syncing, offline or signed out. */
export function syncMode(service: SyncServiceStatus | null, engine: SyncEngineState | null): SyncMode {
  if (service === null || !service.configured) return 'local-only';
  if (!service.signedIn || engine?.connection === 'signed-out') return 'signed-out';
  if (engine && engine.phase !== 'idle' && engine.connection !== 'offline') return 'syncing';
  if (!service.online || engine?.connection === 'offline') return 'offline';
  return 'online';
}

export function useSyncStatus(): SyncMode {
  return useSyncStore((s) => syncMode(s.service, s.engine));
}

export function useSyncService(): SyncServiceStatus | null {
  return useSyncStore((s) => s.service);
}

export function useSyncEngine(): SyncEngineState | null {
  return useSyncStore((s) => s.engine);
}

/** "synced 12 s ago", "synced 4 min ago", "synced at 09:30" (in the desk's zone, named when not this device's). */
export function describeLastSynced(at: Date, now: Date, timeZone: string): string {
  const seconds = Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000));
  if (seconds < 60) return `synced ${seconds} s ago`;
  if (seconds < 3600) return `synced ${Math.floor(seconds / 60)} min ago`;
  return `synced at ${formatDeskTime(at, timeZone, 'time')}`;
}
