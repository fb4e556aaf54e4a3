/**
 * A desk server for end-to-end tests: `npm run server` in a child process on a free port with its own data
 * folder (PGlite), which a test can stop and start again on the same port and data, plus the admin's calls to
 * add people.
 */
import { call, type ServerProcess, signIn, startServerProcess, TEST_ADMIN, tempDir } from '../support/server';

export interface Person {
  id: string;
  name: string;
  email: string;
  password: string;
}

export interface DeskServer {
  /** http://127.0.0.1:<port>, the same after a restart. */
  readonly url: string;
  /** Adds a person to the directory with an account (an agent unless told). */
  addPerson(name: string, role?: 'agent' | 'manager'): Promise<Person>;
  /** SIGTERM: in-flight requests finish, the database closes. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it if running and removes its data. */
  dispose(): Promise<void>;
  output(): string;
}

export async function startDeskServer(): Promise<DeskServer> {
  const data = tempDir('desk-e2e-server-');
  let running: ServerProcess | null = await startServerProcess({ dataDir: data.path });
  const url = running.url;
  const port = Number(new URL(url).port);
  let log = '';
  let people = 0;
  const stop = async () => {
    if (!running) return;
    log += running.output();
    await running.stop();
    running = null;
  };
  return {
    url,
    async addPerson(name, role = 'agent') {
      const admin = await signIn(url, TEST_ADMIN.email, TEST_ADMIN.password);
      const email = `person${++people}@desk.test`;
      const password = `password for ${name}`;
      const created = await call<{ id: string }>(url, '/v1/people', {
        token: admin.token,
        json: { name, email, password, role, seesConfidential: role !== 'agent' },
      });
      if (created.status !== 201) throw new Error(`Adding ${name} failed: ${JSON.stringify(created.body)}`);
      return { id: created.body.id, name, email, password };
    },
    stop,
    async start() {
      if (running) return;
      running = await startServerProcess({ dataDir: data.path, port });
    },
    async dispose() {
      await stop();
      data.remove();
    },
    output: () => log + (running?.output() ?? ''),
  };
}
