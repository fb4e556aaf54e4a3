/**
 * `npm run lint:electron`: Electronegativity (Doyensec's Electron security linter) over the shell's sources,
 * failing on any finding that .electronegativity.json does not exclude with a written reason.
 *
 * What the plain CLI cannot do here, hence this wrapper:
 * - it loads @typescript-eslint/typescript-estree, which npm hoists next to the project's TypeScript 7 (a native
 *   compiler without the JS API); resolution of `typescript` is pointed at the 4.2 copy Electronegativity ships;
 * - it fetches translations and Electron's release list from the internet on every run; its HTTP client is
 *   replaced by one that fails at once, so the scan is offline and deterministic;
 * - it can only exclude a check everywhere; an exclusion here may name one file, so a new use elsewhere is caught;
 * - the CLI exits 0 whatever it finds; this exits 1 on findings or files it could not parse.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { z } from 'zod';

const root = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

const Config = z.object({
  /** Folders scanned, relative to the project root; test files are left out (they never ship). */
  scan: z.array(z.string()).min(1),
  /** A check excluded everywhere, or only in `file` (relative to the project root); always with the reason. */
  exclude: z.array(z.object({ check: z.string(), file: z.string().optional(), reason: z.string().min(20) })),
});
const config = Config.parse(JSON.parse(readFileSync(join(root, '.electronegativity.json'), 'utf8')));

interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
  manualReview: boolean;
}
type Run = (
  options: Record<string, unknown>,
  forCli: boolean,
) => Promise<{ issues: Issue[]; errors: { file: string; message?: string }[] }>;

const packageDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));

function redirectTypeScriptToBundledCopy(): void {
  const typescript = require.resolve('typescript', { paths: [packageDir] });
  // Node's resolver hook is internal and untyped; this is the narrowest way to redirect one request.
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolveFilename = loader._resolveFilename;
  loader._resolveFilename = (request, ...rest) =>
    request === 'typescript' ? typescript : resolveFilename.call(Module, request, ...rest);
}

function stayOffline(): void {
  const got = require.resolve('got', { paths: [packageDir] });
  const offline = () => Promise.reject(new Error('network disabled for the scan'));
  const stub = new Module(got);
  stub.filename = got;
  stub.loaded = true;
  stub.exports = Object.assign(offline, {
    default: Object.assign(offline, { head: offline }),
    head: offline,
  });
  require.cache[got] = stub;
}

async function main(): Promise<number> {
  redirectTypeScriptToBundledCopy();
  stayOffline();
  const run: Run = require('@doyensec/electronegativity');
  const electron = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8'))
    .version as string;

  const staging = mkdtempSync(join(tmpdir(), 'desk-electronegativity-'));
  try {
    for (const folder of config.scan) {
      cpSync(join(root, folder), join(staging, folder), {
        recursive: true,
        filter: (source) => !/\.test\.tsx?$/.test(source),
      });
    }
    const result = await run(
      {
        input: staging,
        isRelative: true,
        isVerbose: false,
        isSarif: false,
        customScan: [],
        // The API names checks by class (CSPGlobalCheck), findings by id (CSP_GLOBAL_CHECK): the same letters.
        excludeFromScan: config.exclude
          .filter((entry) => !entry.file)
          .map((entry) => entry.check.replaceAll('_', '').toLowerCase()),
        electronVersionOverride: electron,
        parserPlugins: [],
      },
      false,
    );

    const fileOf = (issue: Issue) => relative(staging, resolve(staging, issue.file));
    const excused = (issue: Issue) =>
      config.exclude.some((entry) => entry.check === issue.id && entry.file === fileOf(issue));
    const findings = result.issues.filter((issue) => !excused(issue));

    for (const error of result.errors)
      console.error(`could not scan ${error.file}: ${error.message ?? 'parse error'}`);
    for (const issue of findings) {
      const where = `${fileOf(issue)}:${issue.location.line}:${issue.location.column}`;
      console.error(`${issue.id}${issue.manualReview ? ' (review)' : ''} ${where}\n  ${issue.description}`);
    }
    console.log(
      `electronegativity (Electron ${electron}) over ${config.scan.join(', ')}: ${findings.length} findings, ` +
        `${result.errors.length} unparsed files, ${result.issues.length - findings.length} excused by .electronegativity.json.`,
    );
    return findings.length + result.errors.length === 0 ? 0 : 1;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

process.exitCode = await main();
