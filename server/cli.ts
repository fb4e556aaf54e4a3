/**
 * `npm run server -- --port P --data DIR [--host H] [--body-limit BYTES] [--log-level LEVEL]`
 * With DATABASE_URL=postgres://… it runs on PostgreSQL instead of the embedded PGlite.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_PORT, startServer } from './start';

const usage =
  'Usage: npm run server -- [--port 8787] [--host 127.0.0.1] [--data DIR] [--body-limit BYTES] [--log-level info]';

function options() {
  try {
    const { values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        'body-limit': { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    const port = Number(values.port ?? DEFAULT_PORT);
    const bodyLimit = values['body-limit'] === undefined ? undefined : Number(values['body-limit']);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new Error(`--port ${values.port} isn't a port number.`);
    if (bodyLimit !== undefined && !(Number.isInteger(bodyLimit) && bodyLimit > 0)) {
      throw new Error(`--body-limit ${values['body-limit']} isn't a number of bytes.`);
    }
    return {
      port,
      host: values.host ?? DEFAULT_HOST,
      dataDir: values.data,
      bodyLimit,
      logLevel: values['log-level'],
    };
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const server = await startServer({
    ...options(),
    databaseUrl: process.env.DATABASE_URL || undefined,
  });
  if (server.firstAdmin?.generated) {
    console.log(
      `First admin account: ${server.firstAdmin.email} with password ${server.firstAdmin.password}\n` +
        'This password is shown once: sign in and add people with POST /v1/people.',
    );
  } else if (server.firstAdmin) {
    console.log(`First admin account: ${server.firstAdmin.email} (password from DESK_ADMIN_PASSWORD).`);
  }
  console.log(`Desk server listening on ${server.url}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.log.info({ signal }, 'stopping');
    server.close().then(
      () => process.exit(0),
      (error) => {
        server.log.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
  console.error(`The desk server could not start: ${(error as Error).message}`);
  process.exit(1);
});
