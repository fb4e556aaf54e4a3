/**
 * The settings file: JSON in the user-data folder, validated on load, replaced atomically on every change.
 * A file that cannot be read as settings is moved aside (never silently overwritten) and the app starts from
 * defaults with a warning in the log that names the backup.
 */
import { readFileSync, renameSync } from 'node:fs';
import { z } from 'zod';
import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  Me,
  Settings,
  type SettingsPatch,
} from '../../shared/ipc/schemas';
import { writeFileAtomic } from './atomic-file';
import type { Logger } from './log';

export interface SettingsStore {
  get(): Settings;
  /** Merge, validate, write; returns the settings now in force. */
  update(patch: SettingsPatch): Settings;
  onChange(listener: (settings: Settings) => void): () => void;
}

export interface SettingsStoreOptions {
  file: string;
  log: Logger;
  now?: () => Date;
}

const FILE_VERSION = 1;

/** Sections may be missing (older files) and unknown keys are dropped (files from newer versions). */
const StoredSettings = z.object({
  me: Me.nullable().optional(),
  window: Settings.shape.window.partial().optional(),
  notifications: Settings.shape.notifications.partial().optional(),
  links: Settings.shape.links.partial().optional(),
  secrets: Settings.shape.secrets.partial().optional(),
  sync: Settings.shape.sync.optional(),
  mailbox: Settings.shape.mailbox,
});
const SettingsFile = z.object({ version: z.literal(FILE_VERSION), settings: StoredSettings });

export function openSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const { file, log, now = () => new Date() } = options;
  let current = load(file, log, now);
  const listeners = new Set<(settings: Settings) => void>();

  return {
    get: () => current,
    update(patch) {
      const next = Settings.parse(applySettingsPatch(current, patch));
      writeFileAtomic(file, `${JSON.stringify({ version: FILE_VERSION, settings: next }, null, 2)}\n`);
      current = next;
      for (const listener of listeners) listener(next);
      return next;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function load(file: string, log: Logger, now: () => Date): Settings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return DEFAULT_SETTINGS;
    log.warn(`Settings file ${file} could not be read (${String(error)}); using defaults for this session.`);
    return DEFAULT_SETTINGS;
  }

  const parsed = parseSettingsFile(text);
  if (parsed.ok) return Settings.parse(applySettingsPatch(DEFAULT_SETTINGS, parsed.settings));
  const { problem } = parsed;

  const backup = `${file}.corrupt-${now().toISOString().replaceAll(':', '-')}`;
  try {
    renameSync(file, backup);
    log.warn(
      `Settings file ${file} was not valid (${problem}); moved it to ${backup} and started from defaults.`,
    );
  } catch (error) {
    log.warn(
      `Settings file ${file} was not valid (${problem}) and could not be moved aside (${String(error)}); started from defaults.`,
    );
  }
  return DEFAULT_SETTINGS;
}

type ParsedFile = { ok: true; settings: SettingsPatch } | { ok: false; problem: string };

function parseSettingsFile(text: string): ParsedFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = SettingsFile.safeParse(json);
  return parsed.success
    ? { ok: true, settings: parsed.data.settings }
    : { ok: false, problem: z.prettifyError(parsed.error).replaceAll('\n', ' ') };
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
