/**
 * The shell's settings as renderer state: loaded through the bridge, kept current from `settingsChanged`
 * (another window, or the host after a reconnect) and saved through `updateSettings`, which validates.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Me, Settings } from '../../shared/ipc/schemas';
import { bridge, desk } from '../platform/bridge';

export interface SettingsState {
  settings: Settings | null;
  /** Why the settings could not be loaded, when they could not. */
  loadError: string | null;
}

export const useSettingsStore = create<SettingsState>(() => ({ settings: null, loadError: null }));

let started = false;

/** Loads the settings and keeps them current; safe to call from many components. */
export function startSettingsSync(): void {
  if (started) return;
  started = true;
  desk.onSettingsChanged((settings) => useSettingsStore.setState({ settings, loadError: null }));
  // A reconnect may follow a host restart or missed events: read them again.
  bridge().onConnection((connection) => {
    if (connection === 'online') void loadSettings();
  });
  void loadSettings();
}

export async function loadSettings(): Promise<void> {
  try {
    useSettingsStore.setState({ settings: await desk.getSettings(), loadError: null });
  } catch (error) {
    useSettingsStore.setState({ loadError: error instanceof Error ? error.message : String(error) });
  }
}

/** Saves who I am; resolves with the settings now in force, rejects with the shell's reason. */
export async function saveMe(me: Me): Promise<Settings> {
  const settings = await desk.updateSettings({ me });
  useSettingsStore.setState({ settings });
  return settings;
}

export function useSettings(): SettingsState {
  useEffect(startSettingsSync, []);
  return useSettingsStore();
}

/** Who is using this desktop, or null until they have said (or while loading). */
export function useMe(): Me | null {
  useEffect(startSettingsSync, []);
  return useSettingsStore((s) => s.settings?.me ?? null);
}
