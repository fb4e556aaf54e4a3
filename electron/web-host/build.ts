/**
 * "Builds if needed": the renderer bundle in out/web is rebuilt when it is missing or older than any source file
 * it is made from (renderer/, shared/, package-lock.json). The build itself is renderer/vite.config.ts, the same
 * configuration the Electron build uses.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const projectRoot = resolve(import.meta.dirname, '../..');
export const RENDERER_CONFIG = join(projectRoot, 'renderer/vite.config.ts');
export const WEB_BUNDLE_DIR = join(projectRoot, 'out/web');
const SOURCES = [
  join(projectRoot, 'renderer'),
  join(projectRoot, 'shared'),
  join(projectRoot, 'package-lock.json'),
];

export type BuildReason = 'missing' | 'stale' | 'forced';

/** Why the bundle must be built, or null when it is current. */
export function bundleNeedsBuild(options: { force?: boolean } = {}): BuildReason | null {
  if (options.force) return 'forced';
  const entry = join(WEB_BUNDLE_DIR, 'index.html');
  if (!existsSync(entry)) return 'missing';
  const builtAt = statSync(entry).mtimeMs;
  return SOURCES.some((source) => newestMtime(source) > builtAt) ? 'stale' : null;
}

export async function buildRendererBundle(): Promise<void> {
  // Loaded lazily: a host started with a current bundle does not pay for Vite.
  const { build } = await import('vite');
  await build({ configFile: RENDERER_CONFIG, logLevel: 'warn', mode: 'production' });
}

/** Builds when needed; returns what was done, for the host's start-up line. */
export async function ensureRendererBundle(options: { force?: boolean } = {}): Promise<BuildReason | null> {
  const reason = bundleNeedsBuild(options);
  if (reason) await buildRendererBundle();
  return reason;
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}
