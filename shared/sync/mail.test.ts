import { describe, expect, it } from 'vitest';
import { computeCaseSla } from '../case-sla';
import type { Case, CaseEvent } from '../domain';
import type { InboundMail } from '../mail/schema';
import { type Policy, presetPolicies, queryPolicy } from '../policies';
import { ukCalendarSpec } from '../policies/uk-calendar';
import { compileCalendar } from '../sla';
import { deskAgent } from '../test-support/desk';
import {
  contextFor,
  MutationError,
  type MutationRows,
  type MutatorArgs,
  type MutatorName,
  type OutboundMessage,
  type Person,
  prepareMutation,
  type RowChange,
} from './index';
import { mailCaseId, mailEventId } from './mail';

const calendar = ukCalendarSpec({ fromYear: 2025, toYear: 2027 });
const agent: Person = { ...deskAgent, teamId: null, division: null, seesConfidential: true };

/** A desk's store in memory: mutations read only what their ReadSet asks for, as on the client and server. */
class Desk {
  cases = new Map<string, Case>();
  events = new Map<string, CaseEvent>();
  messages = new Map<string, OutboundMessage>();
  next = 1;
  people: Person[] = [agent];
  constructor(
    readonly policies: Policy[] = presetPolicies(),
    readonly clientId = 'desk-a',
  ) {}

  run<N extends MutatorName>(name: N, args: MutatorArgs<N>, now = '2026-03-02T10:00:00.000Z'): RowChange[] {
    const prepared = prepareMutation(name, args);
    const reads = prepared.reads;
    const caseIds = new Set([...(reads.caseIds ?? [])]);
    const events = [...this.events.values()].filter(
      (e) => reads.eventIds?.includes(e.id) || reads.eventsOfCases?.includes(e.caseId),
    );
    const rows: MutationRows = {
      cases: [...this.cases.values()].filter((c) => caseIds.has(c.id)),
      events,
      people: this.people.filter((p) => reads.personIds?.includes(p.id)),
      policies: this.policies,
      outboundMessages: [...this.messages.values()].filter((m) => reads.outboundMessageIds?.includes(m.id)),
      rowsById: { calendars: reads.rowsById?.calendars?.includes(calendar.id) ? [calendar] : [] },
    };
    const id = this.next++;
    const changes = prepared.run(
      rows,
      contextFor({ clientId: this.clientId, id, name, args, createdAt: now }, null),
    );
    for (const change of changes) {
      if (change.op !== 'put') continue;
      if (change.table === 'cases') this.cases.set(change.row.id, change.row);
      if (change.table === 'events') this.events.set(change.row.id, change.row);
      if (change.table === 'outboundMessages') this.messages.set(change.row.id, change.row);
    }
    return changes;
  }

  timeline(caseId: string): CaseEvent[] {
    return [...this.events.values()].filter((e) => e.caseId === caseId);
  }

  clock(caseId: string, targetId: string, now: string) {
    const kase = this.cases.get(caseId)!;
    const policy = this.policies.find((p) => p.id === kase.policyId)!;
    const sla = computeCaseSla(kase, this.timeline(caseId), policy, compileCalendar(calendar), new Date(now));
    return sla.clocks.find((c) => c.targetId === targetId)!;
  }
}

function mail(overrides: Partial<InboundMail> = {}): InboundMail {
  return {
    mailbox: 'servicedesk@example.ac.uk',
    key: 'k1a2b3c4d5',
    messageId: '<m1@mail.example.com>',
    inReplyTo: null,
    references: [],
    caseRef: null,
    from: { name: 'Olivia Hughes', address: 'Olivia.Hughes@student.example.ac.uk' },
    to: [{ name: 'Service Desk', address: 'servicedesk@example.ac.uk' }],
    cc: [],
    subject: 'RE: Eduroam keeps asking for my password',
    date: '2026-03-01T21:59:00.000Z',
    receivedAt: '2026-03-01T22:00:00.000Z',
    kind: 'human',
    reason: null,
    visibleText: 'It asks again every time I open the laptop.',
    text: 'It asks again every time I open the laptop.\n\n> earlier text',
    html: null,
    attachments: [],
    rawBlobId: 'sha256-raw',
    bounce: null,
    problem: null,
    ...overrides,
  };
}

function refusal(action: () => unknown): MutationError {
  try {
    action();
  } catch (error) {
    if (error instanceof MutationError) return error;
    throw error;
  }
  throw new Error('expected the change to be refused');
}

/** The query preset with an automatic acknowledgement, as a desk might set it up. */
function acknowledgingQuery(): Policy {
  return {
    ...queryPolicy(),
    acknowledgement: {
      auto: true,
      subject: 'We have your query',
      body: 'Dear {requesterName}, your query is {reference}. We will answer by {deadline:first-response}.',
    },
  };
}

describe('ingestMail: a new message', () => {
  it('opens one query from the mail, however many times or desks take it in', () => {
    const desk = new Desk();
    const first = desk.run('ingestMail', { mail: mail() });
    expect(first.length).toBeGreaterThan(0);
    expect(desk.run('ingestMail', { mail: mail() })).toEqual([]);
    // A second desk on the same mailbox, after sync brought it the first desk's rows.
    const other = new Desk(presetPolicies(), 'desk-b');
    other.cases = desk.cases;
    other.events = desk.events;
    expect(other.run('ingestMail', { mail: mail() })).toEqual([]);
    expect([...desk.cases.keys()]).toEqual([mailCaseId('k1a2b3c4d5')]);
    const kase = desk.cases.get(mailCaseId('k1a2b3c4d5'))!;
    expect(kase).toMatchObject({
      kind: 'query',
      subject: 'Eduroam keeps asking for my password',
      description: 'It asks again every time I open the laptop.',
      requester: { name: 'Olivia Hughes', email: 'olivia.hughes@student.example.ac.uk' },
    });
    const contact = desk.events.get(mailEventId('k1a2b3c4d5'));
    expect(contact).toMatchObject({
      type: 'customer-contact',
      channel: 'email',
      messageId: '<m1@mail.example.com>',
      mail: { rawBlobId: 'sha256-raw', kind: 'human' },
    });
  });

  it('starts the clocks when the mailbox received it, not when a desk that was offline all night fetched it', () => {
    const desk = new Desk();
    desk.run('ingestMail', { mail: mail() }, '2026-03-02T08:30:00.000Z');
    const kase = desk.cases.get(mailCaseId('k1a2b3c4d5'))!;
    expect(kase.receivedAt).toBe('2026-03-01T22:00:00.000Z');
    const clock = desk.clock(kase.id, 'first-response', '2026-03-02T08:30:00.000Z');
    expect(clock.startedAt?.toISOString()).toBe('2026-03-01T22:00:00.000Z');
  });

  it('never dates a case after now when the mail server clock runs fast', () => {
    const desk = new Desk();
    desk.run('ingestMail', { mail: mail({ receivedAt: '2026-03-02T10:05:00.000Z' }) });
    expect(desk.cases.get(mailCaseId('k1a2b3c4d5'))!.receivedAt).toBe('2026-03-02T10:00:00.000Z');
  });

  it('keeps mail it could not read as a case with a note saying why', () => {
    const desk = new Desk();
    desk.run('ingestMail', {
      mail: mail({ problem: 'the MIME structure is broken', subject: '', from: null }),
    });
    const kase = desk.cases.get(mailCaseId('k1a2b3c4d5'))!;
    expect(kase.subject).toBe('(no subject)');
    const note = desk.timeline(kase.id).find((e) => e.type === 'note');
    expect(note).toMatchObject({ text: expect.stringContaining('the MIME structure is broken') });
  });

  it('drops an out-of-office that belongs to no case, and lists list mail as a case only when asked', () => {
    const desk = new Desk();
    expect(desk.run('ingestMail', { mail: mail({ kind: 'auto-reply' }) })).toEqual([]);
    expect(desk.run('ingestMail', { mail: mail({ kind: 'bulk' }), bulkMakesCases: false })).toEqual([]);
    desk.run('ingestMail', { mail: mail({ kind: 'bulk', key: 'bulk-key-1' }) });
    expect(desk.cases.has(mailCaseId('bulk-key-1'))).toBe(true);
  });
});

describe('ingestMail: on an existing case', () => {
  function waitingCase(desk: Desk): string {
    desk.run('ingestMail', { mail: mail() }, '2026-03-02T09:00:00.000Z');
    const id = mailCaseId('k1a2b3c4d5');
    desk.run('setStatus', { caseId: id, status: 'pending-requester' }, '2026-03-02T09:30:00.000Z');
    return id;
  }

  it('a reply from the requester resumes the clock that waited on them, from when it arrived', () => {
    const desk = new Desk();
    const id = waitingCase(desk);
    expect(desk.clock(id, 'first-response', '2026-03-02T11:00:00.000Z').state).toBe('paused');
    desk.run(
      'ingestMail',
      { mail: mail({ key: 'reply-key-1', receivedAt: '2026-03-02T10:30:00.000Z' }), caseId: id },
      '2026-03-02T11:00:00.000Z',
    );
    expect(desk.cases.get(id)!.status).toBe('open');
    const contact = desk.events.get(mailEventId('reply-key-1'))!;
    expect(contact).toMatchObject({ type: 'customer-contact', at: '2026-03-02T10:30:00.000Z' });
    expect(desk.clock(id, 'first-response', '2026-03-02T11:00:00.000Z').state).not.toBe('paused');
  });

  it('an out-of-office on the case is shown but never resumes the clock', () => {
    const desk = new Desk();
    const id = waitingCase(desk);
    desk.run('ingestMail', {
      mail: mail({ key: 'ooo-key-1', kind: 'auto-reply', reason: 'Auto-Submitted: auto-replied' }),
      caseId: id,
    });
    expect(desk.cases.get(id)!.status).toBe('pending-requester');
    expect(desk.events.get(mailEventId('ooo-key-1'))).toMatchObject({
      type: 'mail-received',
      mail: { kind: 'auto-reply' },
    });
    expect(desk.clock(id, 'first-response', '2026-03-02T11:00:00.000Z').state).toBe('paused');
  });

  it('a bounce marks the message it reports failed and tells the case the requester did not get it', () => {
    const desk = new Desk();
    const id = waitingCase(desk);
    desk.run('addReply', { caseId: id, body: 'Please try forgetting the network.' });
    const [sent, other] = [...desk.messages.values()];
    expect(other).toBeUndefined();
    desk.run('markOutbound', { id: sent!.id, status: 'sent' });
    desk.run('ingestMail', {
      mail: mail({
        key: 'bounce-key-1',
        kind: 'bounce',
        from: { name: 'Mail Delivery System', address: 'MAILER-DAEMON@example.ac.uk' },
        bounce: { messageId: sent!.messageId, recipient: sent!.to, diagnostic: '550 5.1.1 user unknown' },
      }),
      caseId: id,
      outboundMessageId: sent!.id,
    });
    expect(desk.messages.get(sent!.id)).toMatchObject({
      status: 'failed',
      bounced: true,
      lastError: '550 5.1.1 user unknown',
    });
    expect(desk.events.get(mailEventId('bounce-key-1'))).toMatchObject({
      type: 'delivery-failed',
      outboundMessageId: sent!.id,
      diagnostic: '550 5.1.1 user unknown',
    });
  });
});

describe('acknowledgements', () => {
  it('a complaint logged by an agent is acknowledged once by email with its resolution date, and that meets the response clock', () => {
    const desk = new Desk();
    desk.run('createCase', {
      kind: 'complaint',
      subject: 'Printing credit not applied',
      description: 'I topped up £10 and the balance still shows zero.',
      requester: {
        name: 'Callum Evans',
        email: 'c.evans@example.ac.uk',
        phone: '01865 270000',
        bestTimeToCall: 'after 2pm',
      },
      intake: { 'desired-remedy': 'Credit my account' },
    });
    const [ack] = [...desk.messages.values()];
    expect(ack).toMatchObject({
      to: 'c.evans@example.ac.uk',
      purpose: 'acknowledgement',
      autoSubmitted: 'auto-replied',
      status: 'queued',
    });
    const kase = desk.cases.get(ack!.caseId!)!;
    expect(ack!.subject).toBe(`[${kase.ref}] We have received your complaint`);
    // Received Monday 2 March 2026 10:00; 20 working days on (no bank holiday in March) is Monday 30 March.
    expect(ack!.body).toContain('resolve it by Monday 30 March');
    expect(ack!.body).toContain(kase.ref);
    expect(desk.clock(kase.id, 'first-response', '2026-03-02T10:00:00.000Z').state).toBe('met');
  });

  it('a new query from mail is acknowledged once per sender, never to list mail or the desk itself', () => {
    const desk = new Desk([acknowledgingQuery(), ...presetPolicies().slice(1)]);
    desk.run('ingestMail', { mail: mail() });
    desk.run('ingestMail', { mail: mail() });
    const acks = [...desk.messages.values()];
    expect(acks).toHaveLength(1);
    expect(acks[0]).toMatchObject({
      to: 'olivia.hughes@student.example.ac.uk',
      inReplyTo: '<m1@mail.example.com>',
      references: ['<m1@mail.example.com>'],
    });
    expect(acks[0]!.body).toMatch(
      /^Dear Olivia Hughes, your query is Q-[A-Z]{5}-1\. We will answer by \w+day \d+ March\.$/,
    );
    desk.run('ingestMail', { mail: mail({ key: 'list-key-1', kind: 'bulk' }) });
    desk.run('ingestMail', {
      mail: mail({ key: 'self-key-1', from: { name: 'Service Desk', address: 'ServiceDesk@example.ac.uk' } }),
    });
    expect(desk.messages.size).toBe(1);
  });

  it('moving a mailed query onto the complaint policy makes it confidential and acknowledges it once', () => {
    const desk = new Desk();
    desk.run('ingestMail', { mail: mail() });
    const id = mailCaseId('k1a2b3c4d5');
    desk.run('changeKind', { caseId: id, kind: 'complaint' }, '2026-03-02T11:00:00.000Z');
    expect(desk.cases.get(id)).toMatchObject({
      kind: 'complaint',
      policyId: 'complaint',
      confidential: true,
    });
    expect([...desk.messages.values()].map((m) => m.purpose)).toEqual(['acknowledgement']);
    // Its clocks run under the complaint policy from when the mail arrived.
    expect(desk.clock(id, 'resolution', '2026-03-02T11:00:00.000Z').startedAt?.toISOString()).toBe(
      '2026-03-01T22:00:00.000Z',
    );
    expect(refusal(() => desk.run('changeKind', { caseId: id, kind: 'complaint' })).code).toBe('invalid');
  });
});

describe('outbound messages', () => {
  function queued(desk: Desk): OutboundMessage {
    desk.run('ingestMail', { mail: mail() });
    desk.run('addReply', { caseId: mailCaseId('k1a2b3c4d5'), body: 'Try forgetting the network.' });
    return [...desk.messages.values()][0]!;
  }

  it('only the desk that claimed a message sends it; another may take it once it is back in the queue', () => {
    const a = new Desk();
    const message = queued(a);
    a.run('claimOutbound', { id: message.id });
    expect(a.messages.get(message.id)).toMatchObject({ status: 'sending', claimedBy: 'desk-a', attempts: 1 });
    const b = new Desk(presetPolicies(), 'desk-b');
    b.messages = a.messages;
    const refused = refusal(() => b.run('claimOutbound', { id: message.id }));
    expect(refused.code).toBe('not-allowed');
    expect(refused.message).toBe('Another desk is already sending that message.');
    a.run('markOutbound', { id: message.id, status: 'queued', error: '421 try again later' });
    b.run('claimOutbound', { id: message.id });
    expect(b.messages.get(message.id)).toMatchObject({ claimedBy: 'desk-b', attempts: 2 });
    b.run('markOutbound', { id: message.id, status: 'sent' });
    expect(refusal(() => a.run('claimOutbound', { id: message.id })).message).toBe(
      'That message has already been sent.',
    );
  });

  it('a claim left by a desk that crashed lapses after a quarter of an hour', () => {
    const a = new Desk();
    const message = queued(a);
    a.run('claimOutbound', { id: message.id }, '2026-03-02T10:00:00.000Z');
    const b = new Desk(presetPolicies(), 'desk-b');
    b.messages = a.messages;
    b.run('claimOutbound', { id: message.id }, '2026-03-02T10:16:00.000Z');
    expect(b.messages.get(message.id)!.claimedBy).toBe('desk-b');
  });

  it('retry puts a failed message back with its tries counted afresh; edit and resend queues a new one in the thread', () => {
    const desk = new Desk();
    const message = queued(desk);
    desk.run('markOutbound', { id: message.id, status: 'sending' });
    desk.run('markOutbound', {
      id: message.id,
      status: 'failed',
      error: '550 no such user',
      permanent: true,
    });
    expect(desk.messages.get(message.id)).toMatchObject({ status: 'failed', permanent: true, attempts: 1 });
    desk.run('retryOutbound', { id: message.id });
    expect(desk.messages.get(message.id)).toMatchObject({ status: 'queued', attempts: 0 });
    desk.run('markOutbound', {
      id: message.id,
      status: 'failed',
      error: '550 no such user',
      permanent: true,
    });
    desk.run('resendOutbound', {
      id: message.id,
      to: 'olivia@example.org',
      body: 'Trying your other address.',
    });
    const resent = [...desk.messages.values()].find((m) => m.id !== message.id)!;
    expect(desk.messages.get(message.id)).toMatchObject({ status: 'failed', replacedBy: resent.id });
    expect(resent).toMatchObject({
      status: 'queued',
      to: 'olivia@example.org',
      caseId: message.caseId,
      subject: message.subject,
    });
    expect(resent.messageId).not.toBe(message.messageId);
    expect(refusal(() => desk.run('retryOutbound', { id: message.id })).code).toBe('not-allowed');
    expect(refusal(() => desk.run('retryOutbound', { id: resent.id })).code).toBe('invalid');
  });
});

describe('email notifications and threads', () => {
  const director: Person = {
    ...agent,
    id: 'p-dir',
    name: 'Dana Director',
    email: 'dana.director@example.ac.uk',
    role: 'director',
    notifyByEmail: true,
  };
  /** A confidential complaint: nothing of it may leave the desk in a notice. */
  const medicalComplaint = {
    kind: 'complaint',
    subject: 'My supervisor shared my medical note',
    requester: {
      name: 'Callum Evans',
      email: 'c.evans@example.ac.uk',
      phone: '01865 270000',
      bestTimeToCall: 'am',
    },
    description: 'Shared with the whole lab.',
    intake: { 'desired-remedy': 'An apology' },
  } satisfies MutatorArgs<'createCase'>;

  it('an escalation step emails the people told who asked for email, once, and a confidential case only by reference and deadline', () => {
    const desk = new Desk();
    desk.people.push(director);
    desk.run('createCase', medicalComplaint);
    const kase = [...desk.cases.values()][0]!;
    const step = {
      caseId: kase.id,
      stepId: `${kase.id}:resolution-overdue:1`,
      ruleId: 'resolution-overdue',
      notified: ['director' as const],
      recipientIds: [director.id],
    };
    desk.run('markPrompted', step, '2026-03-31T10:00:00.000Z');
    desk.run('markPrompted', step, '2026-03-31T10:05:00.000Z');
    const notices = [...desk.messages.values()].filter((m) => m.purpose === 'notification');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ to: director.email, autoSubmitted: 'auto-generated' });
    expect(notices[0]!.subject).toBe(`[${kase.ref}] Escalation: a case needs attention`);
    expect(`${notices[0]!.subject} ${notices[0]!.body}`).not.toMatch(/medical|Callum|apology|lab/i);
    expect(notices[0]!.body).toContain(kase.ref);
  });

  it('emails about a confidential case only those who may see it, in words that say nothing of it', () => {
    const desk = new Desk();
    const colleague: Person = {
      ...agent,
      id: 'p-col',
      email: 'col@example.ac.uk',
      seesConfidential: false,
      notifyByEmail: true,
    };
    desk.people.push(director, colleague);
    desk.run('createCase', medicalComplaint);
    const kase = [...desk.cases.values()][0]!;
    desk.run(
      'markPrompted',
      {
        caseId: kase.id,
        stepId: `${kase.id}:respond:1`,
        ruleId: 'respond',
        notified: ['desk', 'director'],
        recipientIds: [colleague.id, director.id],
      },
      '2026-03-31T10:00:00.000Z',
    );
    const notices = [...desk.messages.values()].filter((m) => m.purpose === 'notification');
    // The colleague asked for email but does not see confidential cases: she is not told.
    expect(notices.map((m) => m.to)).toEqual([director.email]);
    expect(notices[0]!.body).toMatch(
      new RegExp(`^A confidential complaint \\(${kase.ref}\\) needs (a response by|attention)`),
    );
  });

  it("a reply by email answers the requester's latest mail in the case's thread", () => {
    const desk = new Desk();
    desk.run('ingestMail', { mail: mail() });
    const id = mailCaseId('k1a2b3c4d5');
    desk.run('ingestMail', {
      mail: mail({
        key: 'second-key',
        messageId: '<m2@mail.example.com>',
        receivedAt: '2026-03-02T09:00:00.000Z',
      }),
      caseId: id,
    });
    desk.run('addReply', { caseId: id, body: 'Thanks, we are on it.' });
    const reply = [...desk.messages.values()].find((m) => m.purpose === 'reply')!;
    expect(reply.inReplyTo).toBe('<m2@mail.example.com>');
    expect(reply.references).toEqual(['<m1@mail.example.com>', '<m2@mail.example.com>']);
  });
});
