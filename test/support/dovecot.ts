/**
 * A real IMAP server for tests: Debian's Dovecot with a private configuration under a temp folder (maildir, one
 * passwd-file user with uid 8 = Debian's `mail`), listening on a free port on 127.0.0.1 without TLS. Mail is
 * delivered by IMAP APPEND with the INTERNALDATE the test wants. It can be stopped and started again on the same
 * port with the same mail (the server vanishing mid-fetch), and a folder's UIDVALIDITY can be changed.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';

const run = promisify(execFile);

const DOVECOT = '/usr/sbin/dovecot';
const DOVEADM = '/usr/bin/doveadm';
/** Debian's `mail` user: Dovecot refuses to run mail processes as root. */
const MAIL_UID = 8;

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  root: string;
  /** Appends a message to a folder (INBOX by default, created when missing); returns its UID. */
  deliver(raw: string | Uint8Array, opts?: { folder?: string; internalDate?: Date }): Promise<number>;
  /** Stops the server (connections drop); the mail stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same mail. */
  start(): Promise<void>;
  /** Gives the folder a new UIDVALIDITY, as when a server is restored or migrated. */
  resetUidValidity(folder?: string): Promise<void>;
  /** Stops the server and removes its folder. */
  close(): Promise<void>;
}

export async function startDovecot(opts: { user?: string; password?: string } = {}): Promise<Dovecot> {
  if (!existsSync(DOVECOT) || !existsSync(DOVEADM))
    throw new Error(`Dovecot is not installed (${DOVECOT} is missing): install Debian's dovecot-imapd.`);
  const user = opts.user ?? 'desk@example.test';
  const password = opts.password ?? 'desk-password';
  const host = '127.0.0.1';
  const port = await freePort();
  const root = await mkdtemp(join(tmpdir(), 'desk-dovecot-'));
  // Dovecot's unprivileged processes must reach their files under the temp folder.
  await chmod(root, 0o755);
  const home = join(root, 'home', user);
  const mail = join(root, 'maildir');
  for (const dir of [join(root, 'run'), join(root, 'state'), home, mail])
    await mkdir(dir, { recursive: true });
  await chown(join(root, 'home'), MAIL_UID, MAIL_UID);
  await chown(home, MAIL_UID, MAIL_UID);
  await chown(mail, MAIL_UID, MAIL_UID);
  await writeFile(join(root, 'passwd'), `${user}:{PLAIN}${password}:${MAIL_UID}:${MAIL_UID}::${home}\n`, {
    mode: 0o644,
  });
  const config = join(root, 'dovecot.conf');
  await writeFile(config, dovecotConfig({ root, port, mail }));

  let child: ChildProcess | null = null;
  const killOnExit = () => child?.kill('SIGKILL');

  const start = async () => {
    if (child) return;
    const started = spawn(DOVECOT, ['-F', '-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    started.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child = started;
    process.once('exit', killOnExit);
    started.once('exit', () => {
      if (child === started) child = null;
    });
    try {
      await waitForGreeting(host, port, started, () => stderr);
    } catch (error) {
      started.kill('SIGKILL');
      throw error;
    }
  };

  const stop = async () => {
    const running = child;
    if (!running) return;
    child = null;
    process.removeListener('exit', killOnExit);
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    await Promise.race([exited, delay(5_000).then(() => running.kill('SIGKILL'))]);
    await exited;
    await waitForClosedPort(host, port);
  };

  await start();

  return {
    host,
    port,
    user,
    password,
    root,
    async deliver(raw, { folder = 'INBOX', internalDate } = {}) {
      const client = new ImapFlow({
        host,
        port,
        secure: false,
        auth: { user, pass: password },
        logger: false,
      });
      client.on('error', () => {});
      await client.connect();
      try {
        if (folder !== 'INBOX') {
          const list = await client.list();
          if (!list.some((box) => box.path === folder)) await client.mailboxCreate(folder);
        }
        const content = typeof raw === 'string' ? Buffer.from(raw.replace(/\r?\n/g, '\r\n'), 'utf8') : raw;
        const appended = await client.append(folder, content, [], internalDate ?? new Date());
        if (!appended || appended.uid === undefined)
          throw new Error(`Dovecot did not say the UID of the message in ${folder}.`);
        return appended.uid;
      } finally {
        await client.logout().catch(() => client.close());
      }
    },
    stop,
    start,
    async resetUidValidity(folder = 'INBOX') {
      const status = await run(DOVEADM, [
        '-c',
        config,
        '-f',
        'flow',
        'mailbox',
        'status',
        '-u',
        user,
        'uidvalidity',
        folder,
      ]);
      const current = Number(/uidvalidity=(\d+)/.exec(status.stdout)?.[1] ?? 0);
      await run(DOVEADM, [
        '-c',
        config,
        'mailbox',
        'update',
        '-u',
        user,
        '--uid-validity',
        String(current + 1),
        folder,
      ]);
    },
    async close() {
      await stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

function dovecotConfig({ root, port, mail }: { root: string; port: number; mail: string }): string {
  return `# Private Dovecot for one test run: nothing here touches the system's configuration.
protocols = imap
listen = 127.0.0.1
base_dir = ${root}/run
state_dir = ${root}/state
log_path = ${root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = ${MAIL_UID}
last_valid_uid = ${MAIL_UID}
first_valid_gid = ${MAIL_UID}
mail_location = maildir:${mail}/%u
mail_plugins =
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${root}/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u ${root}/passwd
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
  inet_listener pop3s {
    port = 0
  }
}
service submission-login {
  inet_listener submission {
    port = 0
  }
}
service lmtp {
  unix_listener lmtp {
    mode = 0600
  }
}
`;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForGreeting(
  host: string,
  port: number,
  child: ChildProcess,
  stderr: () => string,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`Dovecot exited at start (${child.exitCode}): ${stderr().trim()}`);
    if (await greets(host, port)) return;
    await delay(50);
  }
  throw new Error(`Dovecot did not answer on ${host}:${port} within 10 s: ${stderr().trim()}`);
}

function greets(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('data', (data) => done(data.toString().startsWith('* OK')));
    socket.once('error', () => done(false));
    socket.setTimeout(1_000, () => done(false));
  });
}

async function waitForClosedPort(host: string, port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (!open) return;
    await delay(50);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
