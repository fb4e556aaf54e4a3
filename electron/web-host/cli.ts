/**
 * `npm run web -- [--port 5178] [--data-dir DIR] [--rebuild]`: builds the renderer if needed, starts the browser
 * host on 127.0.0.1 and prints the address to open (it carries this run's access token). DESK_NOW (and
 * DESK_CLOCK) set the services' clock and, through `?now=` in the printed address, the app's.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { clockFromEnv } from '../../shared/time';
import { ensureRendererBundle, WEB_BUNDLE_DIR } from './build';
import { startWebHost } from './host';
import { createWebHostServices, type LinkMode } from './services';

const USAGE = `Usage: npm run web -- [options]
  --port <n>             port on 127.0.0.1 (default 5178; 0 picks a free one)
  --data-dir <dir>       where settings, secrets and logs live (default ~/.local/share/desk-web-host)
  --rebuild              build the renderer even if out/web looks current
  --no-build             never build; fail if out/web is missing
  --allow-plain-secrets  store passwords unencrypted in the data folder (no OS keyring in plain Node)
  --links <system|log>   open allowed links with the system browser (default) or only log them
  --verbose              print the host's log lines
Environment: DESK_NOW=<ISO instant> starts the app clock there (frozen unless DESK_CLOCK=running).`;

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '5178' },
      'data-dir': { type: 'string' },
      rebuild: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      'allow-plain-secrets': { type: 'boolean', default: false },
      links: { type: 'string', default: 'system' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--port must be 0-65535, got "${values.port}".`);
  if (values.links !== 'system' && values.links !== 'log')
    throw new UsageError(`--links must be system or log, got "${values.links}".`);
  const links: LinkMode = values.links;
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const clock = clockFromEnv(process.env);

  if (values['no-build']) {
    const { bundleNeedsBuild } = await import('./build');
    if (bundleNeedsBuild() === 'missing')
      throw new UsageError(`--no-build: there is no bundle in ${WEB_BUNDLE_DIR}.`);
  } else {
    const built = await ensureRendererBundle({ force: values.rebuild });
    if (built) console.log(`Built the renderer into ${WEB_BUNDLE_DIR} (${built}).`);
  }

  const services = createWebHostServices({
    dataDir,
    clock,
    version: packageVersion(),
    allowPlainSecrets: values['allow-plain-secrets'],
    links,
    ...(values.verbose ? { echo: (line: string) => console.log(line) } : {}),
  });
  const { handlers, settings, log, downloads } = services;
  const host = await startWebHost({
    port,
    bundleDir: WEB_BUNDLE_DIR,
    handlers,
    log: log.child('web-host'),
    downloads,
  });
  services.attach(host);
  settings.onChange((next) => host.broadcast('settingsChanged', next));

  const url = new URL(host.url);
  if (process.env.DESK_NOW?.trim()) {
    url.searchParams.set('now', clock.now().toISOString());
    if (!clock.frozen) url.searchParams.set('clock', 'running');
  }
  log.info(`Listening on ${host.origin}, data in ${dataDir}.`);
  console.log(`Desk browser host: open ${url.href}\nData: ${dataDir}\nStop with Ctrl+C.`);

  const stop = () => {
    Promise.all([services.close(), host.close()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

class UsageError extends Error {}

function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME?.trim() || join(homedir(), '.local', 'share');
  return join(base, 'desk-web-host');
}

function packageVersion(): string {
  const text = readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8');
  const version: unknown = JSON.parse(text).version;
  return typeof version === 'string' ? version : '0.0.0';
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (
    error instanceof UsageError ||
    (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
  ) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    console.error(
      `Port ${error.message.match(/:(\d+)$/)?.[1] ?? ''} is in use: pass --port <n>, or --port 0 for a free one.`,
    );
    process.exit(1);
  }
  console.error(error);
  process.exit(1);
});
