/**
 * Runs the corpora suites (test/corpora/suites/*.ts) against the shared third-party corpora.
 *
 *   npm run test:corpora -- [corpora-root] [--suite <name>]...
 *
 * corpora-root defaults to ../shared/corpora relative to the repository root (a relative path given on
 * the command line is taken from the current directory, which npm sets to the repository root).
 * Prints each suite's cases, then a last line "N passed, M failed"; the exit code is 1 when anything
 * failed and 2 when the run could not start (bad arguments, no corpora folder, a broken suite file).
 */
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSuites, runSuites } from './harness';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const USAGE = 'usage: npm run test:corpora -- [corpora-root] [--suite <name>]...';

function parseArgs(argv: readonly string[]): { root: string; only: string[] } {
  let root: string | undefined;
  const only: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--suite') {
      const name = argv[++i];
      if (!name) throw new Error(`--suite needs a suite name\n${USAGE}`);
      only.push(name);
    } else if (arg.startsWith('--suite=')) {
      only.push(arg.slice('--suite='.length));
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg.startsWith('-')) {
      throw new Error(`unknown option ${arg}\n${USAGE}`);
    } else if (root === undefined) {
      root = resolve(arg);
    } else {
      throw new Error(`only one corpora root can be given (got ${root} and ${arg})\n${USAGE}`);
    }
  }
  return { root: root ?? resolve(repoRoot, '../shared/corpora'), only };
}

async function main(): Promise<number> {
  let root: string;
  let only: string[];
  try {
    ({ root, only } = parseArgs(process.argv.slice(2)));
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) {
    console.error(
      `corpora folder not found: ${root}\n` +
        'Pass the path of the shared corpora (the folder holding holidays/, mail/ …), e.g.\n' +
        '  npm run test:corpora -- ../shared/corpora',
    );
    return 2;
  }
  let suites = await loadSuites(resolve(here, 'suites'));
  if (only.length > 0) {
    const unknown = only.filter((n) => !suites.some((s) => s.name === n));
    if (unknown.length > 0) {
      console.error(`unknown suite ${unknown.join(', ')}; suites: ${suites.map((s) => s.name).join(', ')}`);
      return 2;
    }
    suites = suites.filter((s) => only.includes(s.name));
  }
  if (suites.length === 0) {
    console.error('no suites found in test/corpora/suites');
    return 2;
  }
  console.log(`corpora root: ${root}`);
  const { passed, failed } = await runSuites(root, suites);
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exitCode = 2;
  },
);
