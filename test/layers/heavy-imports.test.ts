// The holiday rules (date-holidays, ~1.4 MB of JavaScript) load only where a UK calendar is made, never with the
// policies or the store every start and every case view import (static imports: the demo generator behind
// seed.ts's import() does make a UK calendar).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** Value imports and re-exports of a source file (`import type` and `export type` load nothing). */
const IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function resolveSource(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`])
    if (existsSync(candidate) && candidate.match(/\.tsx?$/)) return candidate;
  return null;
}

/** The packages a source file loads, following its relative imports through the project. */
function packagesLoadedBy(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (specifier!.startsWith('.')) {
        const next = resolveSource(file, specifier!);
        if (next !== null) visit(next);
      } else
        packages.add(
          specifier!.startsWith('@')
            ? specifier!.split('/').slice(0, 2).join('/')
            : specifier!.split('/')[0]!,
        );
    }
  };
  visit(resolve(root, entry));
  return packages;
}

describe('the holiday rules load only with a UK calendar', () => {
  it('are loaded by the UK calendar itself', () => {
    expect(packagesLoadedBy('shared/policies/uk-calendar.ts')).toContain('date-holidays');
  });

  it.each([
    'shared/policies/index.ts',
    'shared/sync/index.ts',
    'renderer/db/store.ts',
    'renderer/db/seed.ts',
  ])('are not loaded by %s', (entry) => {
    expect(packagesLoadedBy(entry)).not.toContain('date-holidays');
  });
});
