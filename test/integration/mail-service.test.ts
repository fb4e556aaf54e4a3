/**
 * The main process's mail service against a real Dovecot and a real SMTP receiver: mail delivered to the desk
 * mailbox is offered to the renderer with its arrival time, flagged only once committed and never offered twice,
 * survives restarts, a new UIDVALIDITY and the server going away; replies go out with the thread's headers and a
 * copy in Sent; a refusal is permanent; "Test connection" names what failed. Ingestion is driven by a small loop
 * that commits each delivery to a renderer case store (fake-indexeddb) with the `ingestMail` mutation.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../electron/services/log';
import {
  createMailService,
  INGESTED_KEYWORD,
  type MailService,
  readMail,
} from '../../electron/services/mail';
import { createSecretStore } from '../../electron/services/secrets';
import { openSettingsStore } from '../../electron/services/settings';
import { caseWithTimeline, openCaseStore, runMutation, seedIfEmpty } from '../../renderer/db';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import type { InboundDelivery, MailStatus } from '../../shared/ipc/mail';
import type { MailboxSettings, OutgoingMail } from '../../shared/mail/schema';
import { createClock } from '../../shared/time';
import { type Dovecot, freePort, startDovecot } from '../support/dovecot';
import { type SmtpReceiver, startSmtpReceiver } from '../support/smtp';

let dovecot: Dovecot;
let smtp: SmtpReceiver;
const dirs: string[] = [];
const services: MailService[] = [];

beforeAll(async () => {
  smtp = await startSmtpReceiver();
});
afterAll(async () => {
  await smtp.close();
});
afterEach(async () => {
  for (const service of services.splice(0)) await service.close();
  await dovecot?.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function mailbox(overrides: Partial<MailboxSettings> = {}): MailboxSettings {
  return {
    enabled: true,
    deskAddress: 'desk@example.test',
    deskName: 'Service Desk',
    imap: { host: dovecot.host, port: dovecot.port, security: 'none', user: dovecot.user, folder: 'INBOX' },
    smtp: { host: smtp.host, port: smtp.port, security: 'none', user: '', sentFolder: 'Sent' },
    afterIngest: 'flag',
    processedFolder: 'Processed',
    bulkMakesCases: false,
    ...overrides,
  };
}

/** A mail service over a data folder (a new one, or the one of a service that was closed: a restart). */
async function service(dataDir?: string, settings: MailboxSettings = mailbox()) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'desk-mail-service-'));
  if (!dataDir) dirs.push(dir);
  const log = createMemoryLogger();
  const store = openSettingsStore({ file: join(dir, 'settings.json'), log });
  const secrets = createSecretStore({
    file: join(dir, 'secrets.json'),
    platform: 'linux',
    allowPlainFile: true,
    isBasicTextAccepted: () => false,
    log,
  });
  const statuses: MailStatus[] = [];
  let waitingNotices = 0;
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    if (event === 'mailStatusChanged') statuses.push(payload as MailStatus);
    if (event === 'mailWaiting') waitingNotices++;
  };
  const mail = createMailService({
    dataDir: dir,
    settings: store,
    secrets,
    readMail,
    attachments: {
      open: async ({ filename }) => ({ ok: true, message: `opened ${filename}` }),
      save: async ({ filename }) => ({ ok: true, message: `saved ${filename}` }),
    },
    emit,
    log,
    tuning: { backoff: { firstMs: 100, maxMs: 500 }, connectMs: 3_000, retakeAfterMs: 0 },
  });
  services.push(mail);
  if (!dataDir) await mail.save({ settings, imapPassword: dovecot.password });
  mail.start();
  return { mail, dir, log, statuses, waitingNotices: () => waitingNotices };
}

async function restart(running: Awaited<ReturnType<typeof service>>) {
  await running.mail.close();
  services.splice(services.indexOf(running.mail), 1);
  return service(running.dir);
}

function message(n: number, extra = ''): string {
  return [
    `From: Requester ${n} <requester${n}@example.ac.uk>`,
    'To: desk@example.test',
    `Subject: Question ${n}`,
    `Message-ID: <question-${n}@example.ac.uk>`,
    'Date: Mon, 2 Mar 2026 08:00:00 +0000',
    extra,
    '',
    `Please help with thing ${n}.`,
    '',
  ]
    .filter((line, i) => line !== '' || i > 4)
    .join('\r\n');
}

type Maybe<T> = T | null | undefined | false;
async function until<T>(
  what: string,
  probe: () => Maybe<T> | Promise<Maybe<T>>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Deliveries once `count` wait. */
const taken = (mail: MailService, count: number) =>
  until(`${count} deliveries`, () => {
    const deliveries = mail.take(500);
    return deliveries.length >= count ? deliveries : null;
  });

async function flagsOf(folder = 'INBOX'): Promise<Map<number, Set<string>>> {
  const client = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
  });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.mailboxOpen(folder);
    const messages = await client.fetchAll('1:*', { uid: true, flags: true }, { uid: true });
    return new Map(messages.map((m) => [m.uid, m.flags ?? new Set<string>()]));
  } catch {
    return new Map();
  } finally {
    await client.logout().catch(() => client.close());
  }
}

const keys = (deliveries: InboundDelivery[]) => deliveries.map((d) => d.mail.messageId).sort();

describe('inbound', () => {
  it('offers a delivered message with the time the mailbox received it, and flags it only once committed', async () => {
    dovecot = await startDovecot();
    const arrived = new Date('2026-03-02T07:15:00.000Z');
    const uid = await dovecot.deliver(message(1), { internalDate: arrived });
    const desk = await service();

    const [delivery] = await taken(desk.mail, 1);
    expect(delivery?.mail.receivedAt).toBe(arrived.toISOString());
    expect(delivery?.mail.messageId).toBe('<question-1@example.ac.uk>');
    expect(desk.waitingNotices()).toBeGreaterThan(0);
    // Taken but not acknowledged: offered again, and the mailbox is untouched.
    expect(desk.mail.take(10)).toHaveLength(1);
    expect([...((await flagsOf()).get(uid) ?? [])]).toEqual([]);

    await desk.mail.ack([{ token: delivery!.token, committed: true, problem: null }]);
    const flags = (await flagsOf()).get(uid);
    expect(flags?.has(INGESTED_KEYWORD)).toBe(true);
    expect(flags?.has('\\Seen')).toBe(true);
    expect(desk.mail.take(10)).toEqual([]);

    // After a restart the processed message is not offered again; a new one is.
    const again = await restart(desk);
    await dovecot.deliver(message(2));
    const next = await taken(again.mail, 1);
    expect(keys(next)).toEqual(['<question-2@example.ac.uk>']);
  });

  it('offers every message again after a restart before they were acknowledged, and nothing twice', async () => {
    dovecot = await startDovecot();
    for (const n of [1, 2, 3]) await dovecot.deliver(message(n));
    const desk = await service();
    const first = await taken(desk.mail, 3);
    // The first one is committed; the service stops before the others are.
    await desk.mail.ack([{ token: first[0]!.token, committed: true, problem: null }]);

    const again = await restart(desk);
    const offered = await taken(again.mail, 2);
    expect(keys(offered)).toEqual(['<question-2@example.ac.uk>', '<question-3@example.ac.uk>']);
    // The same messages have the same keys, so the store makes one case of each.
    expect(offered.map((d) => d.mail.key)).toEqual(first.slice(1).map((d) => d.mail.key));
  });

  it('offers a message the renderer could not commit again, and leaves it unflagged', async () => {
    dovecot = await startDovecot();
    const uid = await dovecot.deliver(message(1));
    const desk = await service();
    const [delivery] = await taken(desk.mail, 1);
    await desk.mail.ack([{ token: delivery!.token, committed: false, problem: 'The store is full.' }]);
    expect(keys(desk.mail.take(10))).toEqual(['<question-1@example.ac.uk>']);
    expect((await flagsOf()).get(uid)?.has(INGESTED_KEYWORD)).toBe(false);
  });

  it('after a UIDVALIDITY change offers again only the messages not flagged', async () => {
    dovecot = await startDovecot();
    for (const n of [1, 2, 3]) await dovecot.deliver(message(n));
    const desk = await service();
    const first = await taken(desk.mail, 3);
    await desk.mail.ack(first.slice(0, 2).map((d) => ({ token: d.token, committed: true, problem: null })));
    await desk.mail.close();
    services.splice(services.indexOf(desk.mail), 1);

    await dovecot.resetUidValidity();
    const again = await service(desk.dir);
    const offered = await taken(again.mail, 1);
    // Give the re-scan time to offer anything it wrongly would.
    await until('the mailbox to be watched', () => again.mail.status().state === 'watching');
    expect(keys(again.mail.take(10))).toEqual(['<question-3@example.ac.uk>']);
    expect(offered[0]?.mail.key).toBe(first[2]?.mail.key);
  });

  it('moves committed messages to the processed folder when set to, never deleting them', async () => {
    dovecot = await startDovecot();
    await dovecot.deliver(message(1));
    const desk = await service(undefined, mailbox({ afterIngest: 'move' }));
    const [delivery] = await taken(desk.mail, 1);
    await desk.mail.ack([{ token: delivery!.token, committed: true, problem: null }]);
    expect((await flagsOf('INBOX')).size).toBe(0);
    const processed = [...(await flagsOf('Processed')).values()];
    expect(processed).toHaveLength(1);
    expect(processed[0]?.has(INGESTED_KEYWORD)).toBe(true);
  });

  it('comes back when the IMAP server goes away mid-fetch, and loses nothing', async () => {
    dovecot = await startDovecot();
    for (const n of [1, 2]) await dovecot.deliver(message(n));
    const desk = await service();
    const first = await taken(desk.mail, 2);

    await dovecot.stop();
    await until('the service to notice', () => desk.mail.status().state !== 'watching');
    // Committed while the server is away: flagged once it is back.
    await desk.mail.ack([{ token: first[0]!.token, committed: true, problem: null }]);
    expect(desk.mail.status().lastError).toMatch(/IMAP server/);

    await dovecot.start();
    await dovecot.deliver(message(3));
    await until('the service to reconnect', () => desk.mail.status().state === 'watching');
    const offered = await until('the new message', () => {
      const deliveries = desk.mail.take(10);
      return deliveries.some((d) => d.mail.messageId === '<question-3@example.ac.uk>') ? deliveries : null;
    });
    expect(keys(offered)).toEqual(['<question-2@example.ac.uk>', '<question-3@example.ac.uk>']);
    const flags = await until('the committed message to be flagged', async () => {
      const all = await flagsOf();
      return [...all.values()].filter((f) => f.has(INGESTED_KEYWORD)).length === 1 ? all : null;
    });
    expect(flags.size).toBe(3);
    expect(desk.statuses.some((s) => s.state === 'offline')).toBe(true);
  });

  it('commits mail into the case store: a new case whose clock starts when the mail arrived, once', async () => {
    dovecot = await startDovecot();
    const arrived = new Date('2026-03-02T07:15:00.000Z');
    await dovecot.deliver(message(1), { internalDate: arrived });
    const desk = await service();
    const store = await openCaseStore({
      name: `desk-mail-${Date.now()}`,
      clock: createClock({ now: '2026-03-02T10:00:00.000Z' }),
      actorId: null,
    });
    // The policies and calendars a desk starts with; no demo cases.
    await seedIfEmpty(store, { cases: 0 });
    try {
      const ingestOnce = async () => {
        const acks = [];
        for (const delivery of desk.mail.take(50)) {
          await runMutation(store, 'ingestMail', {
            mail: delivery.mail,
            caseId: null,
            outboundMessageId: null,
          });
          acks.push({ token: delivery.token, committed: true, problem: null });
        }
        await desk.mail.ack(acks);
        return acks.length;
      };
      await taken(desk.mail, 1);
      expect(await ingestOnce()).toBe(1);
      const cases = await store.db.cases.toArray();
      expect(cases).toHaveLength(1);
      const kase = await caseWithTimeline(store.db, cases[0]!.id);
      expect(kase?.case.receivedAt).toBe(arrived.toISOString());
      expect(kase?.case.kind).toBe('query');

      // The same mail again (a second desk on the mailbox): still one case.
      const again = await restart(desk);
      await dovecot.deliver(message(1));
      await taken(again.mail, 1);
      for (const delivery of again.mail.take(10))
        await runMutation(store, 'ingestMail', {
          mail: delivery.mail,
          caseId: null,
          outboundMessageId: null,
        });
      expect(await store.db.cases.count()).toBe(1);
    } finally {
      store.db.close();
    }
  });
});

describe('outbound', () => {
  const reply = (overrides: Partial<OutgoingMail> = {}): OutgoingMail => ({
    outboundId: 'out-1',
    messageId: '<reply-1@desk.example.test>',
    to: 'requester1@example.ac.uk',
    subject: 'Re: Question 1 [Q-KDRMX-42]',
    text: 'Here is the answer.',
    inReplyTo: '<question-1@example.ac.uk>',
    references: ['<question-0@example.ac.uk>', '<question-1@example.ac.uk>'],
    autoSubmitted: 'no',
    attachments: [],
    ...overrides,
  });

  it('sends a reply with the thread headers and the desk as sender, and keeps a copy in Sent', async () => {
    dovecot = await startDovecot();
    const desk = await service();
    const before = smtp.received.length;
    const outcome = await desk.mail.send({ mail: reply({ autoSubmitted: 'auto-replied' }), report: null });
    expect(outcome.ok).toBe(true);
    await smtp.waitFor(before + 1);
    const got = smtp.received[before]!;
    expect(got.from).toBe('desk@example.test');
    expect(got.to).toEqual(['requester1@example.ac.uk']);
    expect(got.raw).toMatch(/^Message-ID: <reply-1@desk\.example\.test>/im);
    expect(got.raw).toMatch(/^In-Reply-To: <question-1@example\.ac\.uk>/im);
    expect(got.raw).toMatch(/^References: <question-0@example\.ac\.uk> <question-1@example\.ac\.uk>/im);
    expect(got.raw).toMatch(/^Auto-Submitted: auto-replied/im);
    expect(got.raw).toMatch(/^From: Service Desk <desk@example\.test>/im);
    expect(got.raw).toMatch(/^Subject: Re: Question 1 \[Q-KDRMX-42\]/im);
    const sent = await flagsOf('Sent');
    expect(sent.size).toBe(1);
  });

  it('says a refused recipient is a permanent failure and a "try later" is not', async () => {
    dovecot = await startDovecot();
    const desk = await service();
    smtp.refuseNext(550, '5.1.1 No such user here');
    const refused = await desk.mail.send({ mail: reply(), report: null });
    expect(refused).toMatchObject({ ok: false, permanent: true });
    expect(refused.ok ? '' : refused.message).toMatch(/No such user/);
    smtp.refuseNext(451, '4.3.0 Try again later');
    const later = await desk.mail.send({ mail: reply(), report: null });
    expect(later).toMatchObject({ ok: false, permanent: false });
  });

  it('keeps attachments in the blob store and opens or saves them, never a program', async () => {
    dovecot = await startDovecot();
    const raw = [
      'From: Requester <requester@example.ac.uk>',
      'To: desk@example.test',
      'Subject: With a file',
      'Message-ID: <file-1@example.ac.uk>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'See attached.',
      '--b',
      'Content-Type: application/pdf; name="form.pdf"',
      'Content-Disposition: attachment; filename="form.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('%PDF-1.4 a form').toString('base64'),
      '--b--',
      '',
    ].join('\r\n');
    await dovecot.deliver(raw);
    const desk = await service();
    const [delivery] = await taken(desk.mail, 1);
    const rawBlobId = delivery!.mail.rawBlobId!;
    const source = await desk.mail.rawSource(rawBlobId);
    expect(source?.text).toContain('Subject: With a file');
    expect(source?.truncated).toBe(false);
    const attachment = delivery!.mail.attachments[0];
    expect(attachment).toMatchObject({ filename: 'form.pdf', contentType: 'application/pdf' });
    const opened = await desk.mail.attachment({
      blobId: attachment!.blobId!,
      filename: 'form.pdf',
      action: 'open',
    });
    expect(opened).toEqual({ ok: true, message: 'opened form.pdf' });
    const refused = await desk.mail.attachment({ blobId: rawBlobId, filename: 'setup.exe', action: 'open' });
    expect(refused).toMatchObject({ ok: false });
    expect(refused.message).toMatch(/will not open it/);
    const saved = await desk.mail.attachment({ blobId: rawBlobId, filename: 'setup.exe', action: 'save' });
    expect(saved.ok).toBe(true);
  });
});

describe('test connection', () => {
  it('names what failed: a refused port, a wrong password, a missing folder, an unknown server name', async () => {
    dovecot = await startDovecot();
    const desk = await service();
    const closed = await freePort();

    const refused = await desk.mail.test({
      settings: mailbox({
        imap: { ...mailbox().imap, port: closed },
        smtp: { ...mailbox().smtp, port: closed },
      }),
    });
    expect(refused.imap).toMatchObject({ ok: false, stage: 'refused' });
    expect(refused.smtp).toMatchObject({ ok: false, stage: 'refused' });
    expect(refused.imap.message).toMatch(/refused the connection/);

    const wrong = await desk.mail.test({ settings: mailbox(), imapPassword: 'not-the-password' });
    expect(wrong.imap).toMatchObject({ ok: false, stage: 'login' });
    expect(wrong.imap.message).toMatch(/user name "desk@example.test" and password/);

    const folder = await desk.mail.test({
      settings: mailbox({ imap: { ...mailbox().imap, folder: 'Nowhere' } }),
    });
    expect(folder.imap).toMatchObject({ ok: false, stage: 'folder' });
    expect(folder.imap.message).toMatch(/"Nowhere" does not exist/);

    const dns = await desk.mail.test({
      settings: mailbox({
        imap: { ...mailbox().imap, host: 'nonexistent.invalid' },
        smtp: { ...mailbox().smtp, host: 'nonexistent.invalid' },
      }),
    });
    expect(dns.imap).toMatchObject({ ok: false, stage: 'dns' });
    expect(dns.smtp).toMatchObject({ ok: false, stage: 'dns' });

    const fine = await desk.mail.test({ settings: mailbox() });
    expect(fine.imap.ok).toBe(true);
    expect(fine.smtp.ok).toBe(true);
  });

  it('keeps the passwords out of what the renderer sees', async () => {
    dovecot = await startDovecot();
    const desk = await service();
    const view = desk.mail.view();
    expect(view.imapPasswordSet).toBe(true);
    expect(JSON.stringify(view)).not.toContain(dovecot.password);
  });
});
