/**
 * Starts the browser host exactly as `npm run web` does (its CLI, in a child process), on a free port with the
 * given data folder, and reads the address it prints.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

export interface RunningHost {
  /** The tokenised address the host printed: http://127.0.0.1:<port>/?token=… */
  url: string;
  /** http://127.0.0.1:<port> */
  origin: string;
  token: string;
  dataDir: string;
  /** Everything the host printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

export interface StartHostOptions {
  dataDir: string;
  /** Extra environment, e.g. { DESK_NOW: '2026-03-02T09:30:00Z' }. */
  env?: Record<string, string>;
  /** Extra CLI arguments. */
  args?: string[];
  timeoutMs?: number;
}

const projectRoot = resolve(import.meta.dirname, '../..');
const ADDRESS = /open (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]+)\S*)/;

export async function startHost(options: StartHostOptions): Promise<RunningHost> {
  const child = spawn(
    process.execPath,
    [
      join(projectRoot, 'node_modules/tsx/dist/cli.mjs'),
      join(projectRoot, 'electron/web-host/cli.ts'),
      '--port',
      '0',
      '--data-dir',
      options.dataDir,
      '--no-build',
      '--links',
      'log',
      ...(options.args ?? []),
    ],
    { cwd: projectRoot, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const match = await new Promise<RegExpExecArray>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `The web host did not print its address within ${options.timeoutMs ?? 30_000} ms:\n${output}`,
        ),
      );
    }, options.timeoutMs ?? 30_000);
    const check = () => {
      const found = ADDRESS.exec(output);
      if (!found) return;
      clearTimeout(timer);
      resolvePromise(found);
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The web host exited (code ${code}) before printing its address:\n${output}`));
    });
  });

  const url = match[1]!;
  return {
    url,
    origin: new URL(url).origin,
    token: match[3]!,
    dataDir: options.dataDir,
    output: () => output,
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
}
