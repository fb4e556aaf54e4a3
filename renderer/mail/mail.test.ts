import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { InboundDelivery, MailAck, MailStatus, SendOutcome, SendRequest } from '../../shared/ipc/mail';
import type { InboundMail } from '../../shared/mail/schema';
import { createClock } from '../../shared/time';
import { type CaseStore, openCaseStore, runMutation, seedIfEmpty, timelineOf } from '../db';
import { ingestWaiting } from './ingest';
import { afterTry, startOutbound } from './outbound';
import { resolveThread } from './thread';

const NOW = '2026-03-02T10:00:00.000Z';
let opened: CaseStore[] = [];
let count = 0;

async function desk(): Promise<CaseStore> {
  const store = await openCaseStore({
    name: `mail-test-${++count}`,
    clock: createClock({ now: NOW }),
    actorId: 'person-ana-patel',
  });
  opened.push(store);
  await seedIfEmpty(store, { cases: 0 });
  return store;
}

afterEach(() => {
  for (const store of opened) store.db.close();
  opened = [];
});

function mail(overrides: Partial<InboundMail> = {}): InboundMail {
  return {
    mailbox: 'desk@example.ac.uk',
    key: 'k0000000001',
    messageId: '<m1@example.org>',
    inReplyTo: null,
    references: [],
    caseRef: null,
    from: { name: 'Sam Requester', address: 'sam@example.org' },
    to: [{ name: '', address: 'desk@example.ac.uk' }],
    cc: [],
    subject: 'My fees invoice is wrong',
    date: '2026-03-02T08:59:00.000Z',
    receivedAt: '2026-03-02T09:00:00.000Z',
    kind: 'human',
    reason: null,
    visibleText: 'The invoice charges me twice.',
    text: 'The invoice charges me twice.',
    html: null,
    attachments: [],
    rawBlobId: null,
    bounce: null,
    problem: null,
    ...overrides,
  };
}

/** The main process's side of the bridge: deliveries to take and the acknowledgements it got. */
function mailbox(deliveries: InboundDelivery[]) {
  const acks: MailAck[] = [];
  return {
    acks,
    mailTake: async (max: number) => deliveries.splice(0, max),
    mailAck: async (batch: MailAck[]) => {
      acks.push(...batch);
    },
    onMailWaiting: () => () => {},
  };
}

async function mailCases(store: CaseStore) {
  return (await store.db.cases.toArray()).filter((c) => c.id.startsWith('case-mail-'));
}

describe('mail in', () => {
  it('a mail becomes one case whose clock starts when the mailbox received it, even when taken twice', async () => {
    const store = await desk();
    const bridge = mailbox([
      { token: 't1', mail: mail() },
      { token: 't2', mail: mail() },
    ]);
    await ingestWaiting(store, bridge);
    const cases = await mailCases(store);
    expect(cases).toHaveLength(1);
    expect(cases[0]?.receivedAt).toBe('2026-03-02T09:00:00.000Z');
    expect(bridge.acks).toEqual([
      { token: 't1', committed: true, problem: null },
      { token: 't2', committed: true, problem: null },
    ]);
  });

  it("the requester's answer lands on the case Desk replied from, by In-Reply-To or by the subject's reference", async () => {
    const store = await desk();
    await ingestWaiting(store, mailbox([{ token: 't1', mail: mail() }]));
    const [kase] = await mailCases(store);
    if (!kase) throw new Error('no case');
    await runMutation(store, 'addReply', {
      caseId: kase.id,
      purpose: 'update',
      channel: 'email',
      body: 'We are looking at it.',
    });
    const sent = await store.db.outboundMessages.where('caseId').equals(kase.id).first();
    if (!sent) throw new Error('no outbound message');

    const byHeader = mail({ key: 'k0000000002', messageId: '<m2@example.org>', inReplyTo: sent.messageId });
    expect(await resolveThread(store.db, byHeader)).toEqual({ caseId: kase.id, outboundMessageId: sent.id });
    const bySubject = mail({ key: 'k0000000003', caseRef: kase.ref.toLowerCase() });
    expect((await resolveThread(store.db, bySubject)).caseId).toBe(kase.id);

    await ingestWaiting(store, mailbox([{ token: 't2', mail: byHeader }]));
    expect(await mailCases(store)).toHaveLength(1);
    const timeline = await timelineOf(store.db, kase.id);
    expect(timeline.filter((e) => e.type === 'customer-contact')).toHaveLength(2);
  });

  it('a message the store cannot take is handed back, not acknowledged', async () => {
    const store = await desk();
    store.db.close();
    const bridge = mailbox([{ token: 't1', mail: mail() }]);
    await ingestWaiting(store, bridge);
    expect(bridge.acks[0]).toMatchObject({ token: 't1', committed: false });
    expect(bridge.acks[0]?.problem).toBeTruthy();
  });
});

function smtp(outcomes: SendOutcome[]) {
  const sent: SendRequest[] = [];
  const status: MailStatus = {
    configured: true,
    state: 'watching',
    lastError: null,
    lastCheckedAt: null,
    waiting: 0,
  };
  return {
    sent,
    mailSend: async (request: SendRequest) => {
      sent.push(request);
      return outcomes.shift() ?? { ok: true as const, sentAt: NOW };
    },
    mailStatus: async () => status,
    onMailStatusChanged: () => () => {},
  };
}

async function replyOn(store: CaseStore) {
  await ingestWaiting(store, mailbox([{ token: 't1', mail: mail() }]));
  const [kase] = await mailCases(store);
  if (!kase) throw new Error('no case');
  await runMutation(store, 'addReply', {
    caseId: kase.id,
    purpose: 'update',
    channel: 'email',
    body: 'On it.',
  });
  const message = await store.db.outboundMessages.where('caseId').equals(kase.id).first();
  if (!message) throw new Error('no outbound message');
  return message;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the outbound loop did not get there');
}

describe('mail out', () => {
  it('standalone, a queued reply goes out with its thread headers and is marked sent', async () => {
    const store = await desk();
    const message = await replyOn(store);
    const bridge = smtp([]);
    const stop = startOutbound(store, bridge, { team: false });
    const row = await until(
      () => store.db.outboundMessages.get(message.id),
      (r) => r?.status === 'sent',
    );
    stop();
    expect(row?.sentAt).toBeTruthy();
    expect(bridge.sent).toHaveLength(1);
    expect(bridge.sent[0]?.mail).toMatchObject({ messageId: message.messageId, to: 'sam@example.org' });
    expect(bridge.sent[0]?.mail.inReplyTo).toBe('<m1@example.org>');
    expect(bridge.sent[0]?.mail.subject).toContain(`[`);
  });

  it('a refused recipient fails the reply at once; a passing failure queues it again with the reason', async () => {
    const store = await desk();
    const message = await replyOn(store);
    const stop = startOutbound(store, smtp([{ ok: false, permanent: false, message: '421 try later' }]), {
      team: false,
    });
    const queued = await until(
      () => store.db.outboundMessages.get(message.id),
      (r) => r?.lastError === '421 try later',
    );
    stop();
    expect(queued?.status).toBe('queued');

    const store2 = await desk();
    const message2 = await replyOn(store2);
    const stop2 = startOutbound(store2, smtp([{ ok: false, permanent: true, message: '550 no such user' }]), {
      team: false,
    });
    const failed = await until(
      () => store2.db.outboundMessages.get(message2.id),
      (r) => r?.status === 'failed',
    );
    stop2();
    expect(failed?.lastError).toBe('550 no such user');
  });

  it('in a team a reply is claimed first and not sent while the server has not confirmed the claim', async () => {
    const store = await desk();
    const message = await replyOn(store);
    const bridge = smtp([]);
    const stop = startOutbound(store, bridge, { team: true });
    const claimed = await until(
      () => store.db.outboundMessages.get(message.id),
      (r) => r?.claimedBy === store.clientId,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop();
    expect(claimed?.status).toBe('sending');
    expect(bridge.sent).toHaveLength(0);
  });

  it('tries again after 1, 5, 15 and 60 minutes, then gives up', () => {
    const failure: SendOutcome = { ok: false, permanent: false, message: 'timeout' };
    expect([1, 2, 3, 4].map((n) => afterTry(failure, n, 0))).toEqual(
      [1, 5, 15, 60].map((m) => ({ status: 'queued', error: 'timeout', retryAt: m * 60_000 })),
    );
    expect(afterTry(failure, 5, 0)).toMatchObject({ status: 'failed', permanent: false });
  });
});

describe('the status area', () => {
  it('says when no mailbox is set up, and why the mailbox failed in its own words', async () => {
    const { describeMail } = await import('./status');
    expect(describeMail(null).label).toBe('Mail not set up');
    const failed = describeMail({
      configured: true,
      state: 'failed',
      lastError: 'The mailbox refused the password: check it in Settings → Mailbox.',
      lastCheckedAt: null,
      waiting: 0,
    });
    expect(failed.word).toBe('failed');
    expect(failed.title).toContain('refused the password');
    expect(
      describeMail({ configured: true, state: 'offline', lastError: null, lastCheckedAt: null, waiting: 3 })
        .label,
    ).toBe('Mail offline (3 waiting)');
  });
});
