/**
 * bench:mail — ingesting a full desk mailbox. BENCH_MESSAGES (default 10,000) generated messages are written
 * straight into a private Dovecot's maildir (INTERNALDATE from each file's time), then:
 *  (a) the floor: the raw IMAP fetch of all of them (source and INTERNALDATE) on one connection;
 *  (b) ingestion as the app does it: the mail service (IMAP, readMail, blob store, queue) and a loop that commits
 *      each delivery to a renderer case store (fake-indexeddb) with `ingestMail` and acknowledges it, until every
 *      message is flagged; messages/s and the ratio to (a) (target: within 3×);
 *  (c) classifying the corpora with test/bench/mail-classify.ts (target ≥ 2,000 messages/s), when it is there.
 * The last line is `BENCH {json}`; the JSON also goes to bench-results/mail.json.
 */
import 'fake-indexeddb/auto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { chown, mkdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { createMemoryLogger } from '../../electron/services/log';
import { createMailService, readMail } from '../../electron/services/mail';
import { createSecretStore } from '../../electron/services/secrets';
import { openSettingsStore } from '../../electron/services/settings';
import { openCaseStore, runMutation, seedIfEmpty } from '../../renderer/db';
import type { MailAck } from '../../shared/ipc/mail';
import { createClock } from '../../shared/time';
import { startDovecot } from '../support/dovecot';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const log = (line: string) => console.log(line);

function generated(n: number): string {
  const requester = n % 500;
  const reply = n % 4 === 3;
  const lines = [
    `From: Requester ${requester} <requester${requester}@example.ac.uk>`,
    'To: Service Desk <desk@example.test>',
    `Subject: ${reply ? 'Re: ' : ''}Question ${n} about my account`,
    `Message-ID: <bench-${n}@example.ac.uk>`,
    ...(reply ? [`In-Reply-To: <bench-${n - 1}@example.ac.uk>`] : []),
    `Date: ${new Date(Date.UTC(2026, 2, 2, 8, 0, n % 3600)).toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Hello, I need help with item ${n}. It stopped working this morning and I cannot finish my work.`,
    'Could someone look at it today, please?',
    '',
    `Requester ${requester}`,
  ];
  if (reply)
    lines.push(
      '',
      `On Mon, 2 Mar 2026 at 08:00, Service Desk <desk@example.test> wrote:`,
      '> Thank you for your message. We are looking into it.',
      '> Service Desk',
    );
  return `${lines.join('\r\n')}\r\n`;
}

/** Writes the messages as maildir files (new/), each with its arrival time: far faster than 10,000 APPENDs. */
async function fillMaildir(root: string, user: string, count: number): Promise<void> {
  const box = join(root, 'maildir', user);
  for (const sub of ['', 'new', 'cur', 'tmp']) {
    await mkdir(join(box, sub), { recursive: true });
    await chown(join(box, sub), 8, 8);
  }
  const start = Date.UTC(2026, 2, 2, 7, 0, 0) / 1000;
  for (let n = 0; n < count; n++) {
    const file = join(box, 'new', `${start + n}.M${n}P1.bench`);
    await writeFile(file, generated(n));
    await chown(file, 8, 8);
    await utimes(file, start + n, start + n);
  }
}

async function rawFetch(host: string, port: number, user: string, pass: string) {
  const client = new ImapFlow({ host, port, secure: false, auth: { user, pass }, logger: false });
  await client.connect();
  // Let Dovecot index the folder before the clock starts, as it has for the service.
  await client.mailboxOpen('INBOX');
  const started = performance.now();
  let count = 0;
  let bytes = 0;
  for await (const message of client.fetch(
    '1:*',
    { uid: true, internalDate: true, source: true },
    { uid: true },
  )) {
    count++;
    bytes += message.source?.length ?? 0;
  }
  const ms = performance.now() - started;
  await client.logout();
  return { count, bytes, ms };
}

async function ingest(host: string, port: number, user: string, pass: string) {
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-mail-'));
  const memory = createMemoryLogger();
  const settings = openSettingsStore({ file: join(dir, 'settings.json'), log: memory });
  const secrets = createSecretStore({
    file: join(dir, 'secrets.json'),
    platform: 'linux',
    allowPlainFile: true,
    isBasicTextAccepted: () => false,
    log: memory,
  });
  const store = await openCaseStore({
    name: 'desk-bench-mail',
    clock: createClock({ now: '2026-03-02T10:00:00.000Z' }),
    actorId: null,
  });
  await seedIfEmpty(store, { cases: 0 });
  let wake: (() => void) | null = null;
  const mail = createMailService({
    dataDir: dir,
    settings,
    secrets,
    readMail,
    attachments: {
      open: async () => ({ ok: false, message: '' }),
      save: async () => ({ ok: false, message: '' }),
    },
    emit: (event) => {
      if (event === 'mailWaiting') wake?.();
    },
    log: memory,
    tuning: { maxWaiting: 500 },
  });
  await mail.save({
    settings: {
      enabled: true,
      deskAddress: 'desk@example.test',
      deskName: 'Service Desk',
      imap: { host, port, security: 'none', user, folder: 'INBOX' },
      smtp: { host, port: 25, security: 'none', user: '', sentFolder: null },
      afterIngest: 'flag',
      processedFolder: 'Processed',
      bulkMakesCases: false,
    },
    imapPassword: pass,
  });

  const started = performance.now();
  let mutationMs = 0;
  let done = 0;
  mail.start();
  while (done < MESSAGES) {
    const deliveries = mail.take(50);
    if (deliveries.length === 0) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 200);
      });
      wake = null;
      continue;
    }
    const acks: MailAck[] = [];
    const before = performance.now();
    for (const delivery of deliveries) {
      await runMutation(store, 'ingestMail', { mail: delivery.mail, caseId: null, outboundMessageId: null });
      acks.push({ token: delivery.token, committed: true, problem: null });
    }
    mutationMs += performance.now() - before;
    await mail.ack(acks);
    done += acks.length;
  }
  const ms = performance.now() - started;
  const cases = await store.db.cases.count();
  await mail.close();
  store.db.close();
  rmSync(dir, { recursive: true, force: true });
  return { count: done, cases, ms, mutationMs };
}

async function classify(): Promise<{ perSecond: number; messages: number } | null> {
  const module = join(import.meta.dirname, 'mail-classify.ts');
  if (!existsSync(module)) return null;
  const { benchClassify } = (await import(module)) as {
    benchClassify(root: string): Promise<{ perSecond: number; messages: number }>;
  };
  return benchClassify(join(import.meta.dirname, '../../../shared/corpora'));
}

const dovecot = await startDovecot();
try {
  log(`Writing ${MESSAGES} messages into Dovecot's maildir…`);
  await fillMaildir(dovecot.root, dovecot.user, MESSAGES);

  const raw = await rawFetch(dovecot.host, dovecot.port, dovecot.user, dovecot.password);
  const rawPerSecond = (raw.count / raw.ms) * 1000;
  log(
    `(a) raw IMAP fetch: ${raw.count} messages, ${(raw.bytes / 1024 / 1024).toFixed(1)} MB in ${raw.ms.toFixed(0)} ms = ${rawPerSecond.toFixed(0)} messages/s`,
  );

  const ingested = await ingest(dovecot.host, dovecot.port, dovecot.user, dovecot.password);
  const ingestPerSecond = (ingested.count / ingested.ms) * 1000;
  log(
    `(b) ingestion (IMAP + readMail + blob store + ingestMail in the case store + flagging): ${ingested.count} messages → ${ingested.cases} cases in ${ingested.ms.toFixed(0)} ms = ${ingestPerSecond.toFixed(0)} messages/s; of it ${ingested.mutationMs.toFixed(0)} ms in the store's mutations`,
  );

  const classified = await classify();
  if (classified === null) log('(c) classification skipped: test/bench/mail-classify.ts is not there yet.');
  else
    log(
      `(c) classification: ${classified.messages} corpus messages at ${classified.perSecond.toFixed(0)} messages/s`,
    );

  const result = {
    messages: MESSAGES,
    rawFetchPerSecond: Math.round(rawPerSecond),
    ingestPerSecond: Math.round(ingestPerSecond),
    /** How many times longer ingestion takes than the raw fetch (target ≤ 3). */
    ingestRatio: Number((rawPerSecond / ingestPerSecond).toFixed(2)),
    storeMutationShare: Number((ingested.mutationMs / ingested.ms).toFixed(2)),
    classifyPerSecond: classified === null ? null : Math.round(classified.perSecond),
    classifyMessages: classified?.messages ?? null,
  };
  const out = join(import.meta.dirname, '../../bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'mail.json'), `${JSON.stringify(result, null, 2)}\n`);
  log(`BENCH ${JSON.stringify(result)}`);
} finally {
  await dovecot.close();
}
