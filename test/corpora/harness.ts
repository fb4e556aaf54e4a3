/**
 * A small harness for checks against the shared third-party corpora (../shared/corpora).
 *
 * A suite is one file in test/corpora/suites/ whose default export is a suite (or a list of them), made with
 * defineSuite(). run.ts finds every such file, so adding a suite never means editing another file:
 *
 *   export default defineSuite({
 *     name: 'mail parsing',
 *     folder: 'mail',
 *     cases: async ({ dir }) => (await listFiles(dir)).map((file) => ({ name: file, run: () => { … } })),
 *   });
 *
 * A case passes when run() returns (or resolves) and fails when it throws; throw CheckError (or use check())
 * for a failed expectation. CheckErrors and plain Errors print as their message, other errors with a stack. ctx.note() prints an informational line under
 * the case, e.g. an allowed difference.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface CaseContext {
  /** Print an informational line under this case (shown whether it passes or fails). */
  note(message: string): void;
}

export interface CorporaCase {
  name: string;
  run(ctx: CaseContext): void | Promise<void>;
}

export interface SuiteContext {
  /** Absolute path of the corpora root. */
  root: string;
  /** Absolute path of the suite's folder (root/folder), checked to exist. */
  dir: string;
}

export interface CorporaSuite {
  /** Shown in the output, and usable with --suite. */
  name: string;
  /** The folder under the corpora root that the suite reads. */
  folder: string;
  /** The cases to run, in order; may read the folder (e.g. one case per file). Throwing fails the suite. */
  cases(ctx: SuiteContext): CorporaCase[] | Promise<CorporaCase[]>;
}

/** A failed expectation: printed as its message alone. */
export class CheckError extends Error {
  override name = 'CheckError';
}

export function defineSuite(suite: CorporaSuite): CorporaSuite {
  return suite;
}

/** Throw a CheckError unless `condition` holds. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckError(message);
}

/** Every file name in a folder (not recursive), sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
}

function isSuite(value: unknown): value is CorporaSuite {
  const s = value as CorporaSuite | undefined;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.name === 'string' &&
    typeof s.folder === 'string' &&
    typeof s.cases === 'function'
  );
}

/** The suites exported by default from every *.ts file in `dir` (files sorted by name). */
export async function loadSuites(dir: string): Promise<CorporaSuite[]> {
  const files = (await listFiles(dir)).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'),
  );
  const suites: CorporaSuite[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default?: unknown };
    const exported = Array.isArray(mod.default) ? mod.default : [mod.default];
    if (exported.length === 0 || !exported.every(isSuite)) {
      throw new Error(
        `${join(dir, file)}: the default export must be a suite made with defineSuite() (or a list of them)`,
      );
    }
    suites.push(...exported);
  }
  return suites;
}

export interface RunTotals {
  passed: number;
  failed: number;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

/** A CheckError or a plain Error (a parser's "malformed input") prints as its message; a TypeError etc. as its stack. */
function describeError(e: unknown): string {
  if (e instanceof CheckError) return e.message;
  if (e instanceof Error && e.constructor === Error) return `Error: ${e.message}`;
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  return String(e);
}

/** Run the suites one after another, printing each case; a suite whose folder is missing fails as one case. */
export async function runSuites(
  root: string,
  suites: readonly CorporaSuite[],
  print: (line: string) => void = console.log,
): Promise<RunTotals> {
  const totals: RunTotals = { passed: 0, failed: 0 };
  for (const suite of suites) {
    const dir = join(root, suite.folder);
    const local: RunTotals = { passed: 0, failed: 0 };
    print(`\n${suite.name} (${dir})`);
    let cases: CorporaCase[];
    try {
      const info = await stat(dir).catch(() => undefined);
      if (!info?.isDirectory()) throw new CheckError(`folder not found: ${dir}`);
      cases = await suite.cases({ root, dir });
      if (cases.length === 0) throw new CheckError('the suite found nothing to check');
    } catch (e) {
      print(`  ✗ set-up\n${indent(describeError(e), '      ')}`);
      totals.failed++;
      print(`  ${suite.name}: 0 passed, 1 failed`);
      continue;
    }
    for (const c of cases) {
      const notes: string[] = [];
      const started = performance.now();
      try {
        await c.run({ note: (m) => notes.push(m) });
        local.passed++;
        print(`  ✓ ${c.name} (${Math.round(performance.now() - started)} ms)`);
      } catch (e) {
        local.failed++;
        print(`  ✗ ${c.name}\n${indent(describeError(e), '      ')}`);
      }
      for (const n of notes) print(indent(n, '      · ').replace(/\n {6}· /g, '\n        '));
    }
    print(`  ${suite.name}: ${local.passed} passed, ${local.failed} failed`);
    totals.passed += local.passed;
    totals.failed += local.failed;
  }
  return totals;
}
