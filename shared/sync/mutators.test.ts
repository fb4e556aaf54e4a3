import { describe, expect, it } from 'vitest';
import type { Case, CaseEvent } from '../domain';
import { presetPolicies } from '../policies';
import { aQuery as aCase, deskAgent as agent, deskManager, deskPerson, putsOf } from '../test-support/desk';
import {
  contextFor,
  MutationError,
  type MutationRows,
  type MutatorArgs,
  type MutatorName,
  type Person,
  type RowChange,
  runMutator,
} from './index';

const NOW = '2026-03-02T10:00:00.000Z';

const leaver = deskPerson({ id: 'p-gone', name: 'Gone Person', active: false });

function rowsWith(cases: Case[] = [aCase()], events: CaseEvent[] = []): MutationRows {
  return { cases, events, people: [agent, leaver], policies: presetPolicies() };
}

function run<N extends MutatorName>(name: N, args: MutatorArgs<N>, rows = rowsWith(), id = 7): RowChange[] {
  const ctx = contextFor({ clientId: 'client-a', id, name, args, createdAt: NOW }, agent.id);
  return runMutator(name, args, rows, ctx);
}

function refusal(action: () => unknown): MutationError {
  try {
    action();
  } catch (error) {
    if (error instanceof MutationError) return error;
    throw error;
  }
  throw new Error('expected a MutationError');
}

const complaintArgs = {
  kind: 'complaint',
  subject: 'Printing credit not applied',
  description: 'I topped up £10 and the balance still shows zero.',
  requester: {
    name: 'Callum Evans',
    email: 'c.evans@example.ac.uk',
    phone: '07700 900123',
    bestTimeToCall: 'after 2pm',
  },
  intake: { 'desired-remedy': 'Credit my account' },
} satisfies MutatorArgs<'createCase'>;

describe('createCase', () => {
  it('logs a case with the same ids, reference and events on every run of the same mutation', () => {
    const first = run('createCase', complaintArgs);
    expect(run('createCase', complaintArgs)).toEqual(first);
    const [kase] = putsOf(first, 'cases');
    expect(kase).toMatchObject({
      id: 'case-client-a-7-1',
      kind: 'complaint',
      policyId: 'complaint',
      status: 'new',
      confidential: true,
      receivedAt: NOW,
    });
    expect(kase!.ref).toMatch(/^C-[A-HJ-NP-Z]{5}-7$/);
    // The complaint policy acknowledges by email at once (the acknowledgement is a reply-sent event).
    expect(putsOf(first, 'events').map((e) => e.type)).toEqual(['customer-contact', 'created', 'reply-sent']);
    expect(putsOf(first, 'contacts')).toEqual([
      expect.objectContaining({ id: 'contact-c.evans@example.ac.uk' }),
    ]);
  });

  it("refuses a complaint without the policy's intake answers, naming each one", () => {
    const error = refusal(() =>
      run('createCase', {
        ...complaintArgs,
        requester: { name: 'Callum Evans', email: 'c.evans@example.ac.uk' },
        intake: {},
      }),
    );
    expect(error.code).toBe('invalid');
    expect(Object.keys(error.fields).sort()).toEqual([
      'best-time-to-call',
      'daytime-phone',
      'desired-remedy',
    ]);
    expect(error.message).toContain('Please answer “Daytime phone number”.');
  });

  it('needs the requester’s name and a way to reach them, whatever the kind', () => {
    const error = refusal(() => run('createCase', { kind: 'query', subject: 'Wi-Fi', requester: {} }));
    expect(Object.keys(error.fields).sort()).toEqual(['requester.email', 'requester.name']);
  });

  it('refuses a bad email address with a message the form can show', () => {
    const error = refusal(() =>
      run('createCase', { ...complaintArgs, requester: { ...complaintArgs.requester, email: 'callum@' } }),
    );
    expect(error.fields['requester.email']).toBe("That email address doesn't look right.");
  });

  it('asks a formal complaint for its statement and contact details (the date only if applicable), and starts it informal', () => {
    const base = {
      kind: 'formal-complaint',
      subject: 'Handling of my laptop repair',
      requester: { name: 'Isla Wood' },
    } as const;
    expect(Object.keys(refusal(() => run('createCase', base)).fields).sort()).toEqual([
      'requester.email',
      'statement',
    ]);
    const logged = run('createCase', {
      ...base,
      requester: { name: 'Isla Wood', phone: '07700 900456' },
      intake: { statement: 'My repair was lost twice.', 'date-or-period': 'January 2026' },
    });
    expect(putsOf(logged, 'cases')[0]).toMatchObject({ stage: 'informal', confidential: true });
  });

  it('starts an informal complaint with the person or team already involved, and a formal one with nobody', () => {
    const base = {
      kind: 'formal-complaint',
      subject: 'Handling of my laptop repair',
      requester: { name: 'Isla Wood', phone: '07700 900456', affiliation: 'student' },
      intake: { statement: 'My repair was lost twice.', involved: `person:${agent.id}` },
    } as const;
    const informal = putsOf(run('createCase', { ...base, stage: 'informal' }), 'cases')[0];
    expect(informal).toMatchObject({
      stage: 'informal',
      assigneeId: agent.id,
      requester: { affiliation: 'student' },
      intake: { involved: `person:${agent.id}` },
    });
    const team = putsOf(
      run('createCase', {
        ...base,
        stage: 'informal',
        intake: { ...base.intake, involved: 'team:team-labs' },
      }),
      'cases',
    )[0];
    expect(team).toMatchObject({ assigneeId: null, teamId: 'team-labs' });
    const formal = putsOf(run('createCase', { ...base, stage: 'formal' }), 'cases')[0];
    expect(formal).toMatchObject({ stage: 'formal', assigneeId: null });
  });

  it('links an escalation to the ticket it quotes, both ways', () => {
    const changes = run('createCase', {
      kind: 'escalation',
      subject: 'Still no Eduroam after a week',
      requester: { name: 'Olivia Hughes', email: 'olivia.hughes@student.example.ac.uk' },
      intake: { grounds: 'service-level', impact: 'Three visits to the desk and it still fails.' },
      originalTicketRef: 'q10001',
    });
    const [escalation, original] = putsOf(changes, 'cases');
    expect(escalation).toMatchObject({
      kind: 'escalation',
      originalCaseId: 'case-1',
      originalTicketRef: 'Q-10001',
    });
    expect(original!.id).toBe('case-1');
    const links = putsOf(changes, 'events').filter((e) => e.type === 'linked');
    expect(links.map((e) => [e.caseId, e.type === 'linked' && e.otherCaseId])).toEqual([
      [escalation!.id, 'case-1'],
      ['case-1', escalation!.id],
    ]);
  });

  it('refuses an escalation that quotes no ticket, one the desk has never seen, or gives no valid grounds', () => {
    const args = {
      kind: 'escalation',
      subject: 'Slow service',
      requester: { name: 'Olivia Hughes', email: 'olivia.hughes@student.example.ac.uk' },
      intake: { grounds: 'operational-impact', impact: 'Nobody answers.' },
    } as const;
    expect(refusal(() => run('createCase', args)).fields).toHaveProperty('original-ticket');
    expect(refusal(() => run('createCase', { ...args, originalTicketRef: 'Q-99999' })).message).toContain(
      'No case has the reference Q-99999',
    );
    const badGrounds = {
      ...args,
      originalTicketRef: 'Q-10001',
      intake: { ...args.intake, grounds: 'angry' },
    };
    expect(refusal(() => run('createCase', badGrounds)).fields.grounds).toMatch(/^Choose one of/);
  });

  it('refuses a case received in the future', () => {
    expect(
      refusal(() => run('createCase', { ...complaintArgs, receivedAt: '2026-03-03T10:00:00Z' })).fields,
    ).toHaveProperty('receivedAt');
  });
});

describe('assigning and owning', () => {
  const escalation = aCase({ kind: 'escalation', policyId: 'escalation', status: 'open' });
  const reply: CaseEvent = {
    id: 'ev-reply',
    caseId: 'case-1',
    at: NOW,
    actorId: agent.id,
    type: 'reply-sent',
    purpose: 'acknowledgement',
    channel: 'email',
  };

  it('makes the first assignee the owner of a case that has none', () => {
    const changes = run('assign', { caseId: 'case-1', assigneeId: agent.id });
    expect(putsOf(changes, 'cases')[0]).toMatchObject({
      assigneeId: agent.id,
      ownerId: agent.id,
      updatedAt: NOW,
    });
    expect(putsOf(changes, 'events').map((e) => e.type)).toEqual(['assigned', 'owner-set']);
  });

  it('refuses someone who has left, and a change that changes nothing', () => {
    expect(refusal(() => run('assign', { caseId: 'case-1', assigneeId: leaver.id })).message).toContain(
      'no longer works at the desk',
    );
    const mine = rowsWith([aCase({ assigneeId: agent.id })]);
    expect(refusal(() => run('assign', { caseId: 'case-1', assigneeId: agent.id }, mine)).message).toBe(
      'Ana Patel already has this case.',
    );
  });

  it('keeps the designated owner when someone else is assigned, and changes it once when chosen', () => {
    const owned = rowsWith([{ ...escalation, ownerId: 'p-rachel', assigneeId: null }]);
    const rachel = deskManager;
    const withRachel = { ...owned, people: [...owned.people, rachel] };
    const kept = run('assign', { caseId: 'case-1', assigneeId: agent.id }, withRachel);
    expect(putsOf(kept, 'cases')[0]).toMatchObject({ assigneeId: agent.id, ownerId: 'p-rachel' });
    expect(putsOf(kept, 'events').map((e) => e.type)).toEqual(['assigned']);
    const handedOver = run(
      'assign',
      { caseId: 'case-1', assigneeId: agent.id, ownerId: agent.id },
      withRachel,
    );
    expect(putsOf(handedOver, 'cases')[0]).toMatchObject({ assigneeId: agent.id, ownerId: agent.id });
    expect(putsOf(handedOver, 'events').filter((e) => e.type === 'owner-set')).toHaveLength(1);
  });

  it('does not let anyone answer an escalation before it has a designated owner', () => {
    const error = refusal(() =>
      run('addReply', { caseId: 'case-1', body: 'We are on it.' }, rowsWith([escalation])),
    );
    expect(error.code).toBe('not-allowed');
    expect(error.message).toContain('needs a designated owner');
  });

  it('keeps an acknowledged escalation owned until it is resolved', () => {
    const owned = { ...escalation, ownerId: agent.id };
    expect(run('setOwner', { caseId: 'case-1', ownerId: null }, rowsWith([owned]))).not.toEqual([]);
    const error = refusal(() =>
      run('setOwner', { caseId: 'case-1', ownerId: null }, rowsWith([owned], [reply])),
    );
    expect(error.code).toBe('not-allowed');
  });
});

describe('status, notes and replies', () => {
  it('records resolution on the case through the shared reducer', () => {
    const [kase] = putsOf(run('setStatus', { caseId: 'case-1', status: 'resolved' }), 'cases');
    expect(kase).toMatchObject({ status: 'resolved', resolvedAt: NOW });
  });

  it('opens a new case when the desk first replies, notes, assigns or moves it on, and only then', () => {
    const fresh = rowsWith([aCase({ status: 'new' })]);
    const statusAfter = (changes: RowChange[]) => putsOf(changes, 'cases')[0]!.status;
    expect(statusAfter(run('addReply', { caseId: 'case-1', body: 'Looking into it.' }, fresh))).toBe('open');
    expect(statusAfter(run('addNote', { caseId: 'case-1', text: 'Called IT.' }, fresh))).toBe('open');
    expect(statusAfter(run('assign', { caseId: 'case-1', assigneeId: agent.id }, fresh))).toBe('open');
    const changes = run('addReply', { caseId: 'case-1', body: 'Looking into it.' }, fresh);
    expect(putsOf(changes, 'events').find((e) => e.type === 'status-changed')).toMatchObject({
      from: 'new',
      to: 'open',
    });
    // A case waiting on the requester stays waiting (its clocks stay paused) when the desk writes again.
    const waiting = rowsWith([aCase({ status: 'pending-requester' })]);
    expect(statusAfter(run('addReply', { caseId: 'case-1', body: 'A reminder.' }, waiting))).toBe(
      'pending-requester',
    );
    // Taking a new case off everyone is not work on it.
    const assigned = rowsWith([aCase({ status: 'new', assigneeId: agent.id })]);
    expect(statusAfter(run('assign', { caseId: 'case-1', assigneeId: null }, assigned))).toBe('new');
  });

  it('refuses to set the status the case already has', () => {
    expect(refusal(() => run('setStatus', { caseId: 'case-1', status: 'open' })).message).toBe(
      'Q-10001 is already open.',
    );
  });

  it('queues an emailed reply for the mail channel with a fixed Message-ID', () => {
    const changes = run('addReply', { caseId: 'case-1', body: 'Please forget the network and reconnect.' });
    const [event] = putsOf(changes, 'events');
    const [message] = putsOf(changes, 'outboundMessages');
    expect(event).toMatchObject({ type: 'reply-sent', purpose: 'update', channel: 'email' });
    expect(message).toMatchObject({
      caseId: 'case-1',
      eventId: event!.id,
      to: 'olivia.hughes@student.example.ac.uk',
      subject: '[Q-10001] Eduroam won’t connect on my laptop',
      status: 'queued',
    });
    expect(message!.messageId).toBe(event!.type === 'reply-sent' ? event!.messageId : null);
  });

  it('records a phone reply without queueing mail, and refuses email to a requester without an address', () => {
    const noEmail = rowsWith([aCase({ requester: { name: 'Olivia Hughes', phone: '07700 900001' } })]);
    const phoned = run('addReply', { caseId: 'case-1', body: 'Called back.', channel: 'phone' }, noEmail);
    expect(putsOf(phoned, 'outboundMessages')).toEqual([]);
    expect(
      refusal(() => run('addReply', { caseId: 'case-1', body: 'Hello' }, noEmail)).fields,
    ).toHaveProperty('requester.email');
  });

  it('refuses an empty note with a message for the person typing it', () => {
    const error = refusal(() => run('addNote', { caseId: 'case-1', text: '   ' }));
    expect(error.fields).toEqual({ text: 'Write the note first.' });
  });

  it('reopens a case waiting on the requester when they get back in touch', () => {
    const waiting = rowsWith([aCase({ status: 'pending-requester' })]);
    const changes = run(
      'recordCustomerContact',
      { caseId: 'case-1', channel: 'phone', summary: 'Still broken' },
      waiting,
    );
    expect(putsOf(changes, 'cases')[0]!.status).toBe('open');
  });

  it('says which case is missing when a mutation names one the store no longer has', () => {
    expect(refusal(() => run('addNote', { caseId: 'case-404', text: 'hi' })).code).toBe('not-found');
  });
});

describe('stages and referrals', () => {
  const informal = aCase({
    kind: 'formal-complaint',
    policyId: 'formal-complaint',
    stage: 'informal',
    confidential: true,
    intake: { statement: 'My repair was lost twice.', 'date-or-period': 'January 2026' },
  });

  it('moves a formal complaint to the formal stage, keeping the answers the stage adds', () => {
    const changes = run(
      'changeStage',
      { caseId: 'case-1', to: 'formal', fields: { 'call-references': 'Q-10001, Q-10007' } },
      rowsWith([informal]),
    );
    expect(putsOf(changes, 'cases')[0]).toMatchObject({
      stage: 'formal',
      intake: { 'call-references': 'Q-10001, Q-10007' },
    });
  });

  it('refuses a stage the policy does not have, and never moves a stage backwards', () => {
    expect(
      refusal(() => run('changeStage', { caseId: 'case-1', to: 'tribunal' }, rowsWith([informal]))).fields,
    ).toEqual({
      to: 'Choose a stage.',
    });
    const review = rowsWith([{ ...informal, stage: 'hod-review' }]);
    expect(refusal(() => run('changeStage', { caseId: 'case-1', to: 'formal' }, review)).code).toBe(
      'not-allowed',
    );
  });

  const writtenResponse: CaseEvent = {
    id: 'ev-response',
    caseId: 'case-1',
    at: '2026-02-27T12:00:00.000Z',
    actorId: agent.id,
    type: 'reply-sent',
    purpose: 'response',
    channel: 'letter',
  };
  const movedToFormal: CaseEvent = {
    id: 'ev-formal',
    caseId: 'case-1',
    at: '2026-02-27T10:00:00.000Z',
    actorId: agent.id,
    type: 'stage-changed',
    from: 'informal',
    to: 'formal',
  };

  it('reopens a resolved complaint when the complainant asks for Head of Department review', () => {
    const answered = rowsWith(
      [{ ...informal, stage: 'formal', status: 'resolved' }],
      [movedToFormal, writtenResponse],
    );
    const [kase] = putsOf(run('changeStage', { caseId: 'case-1', to: 'hod-review' }, answered), 'cases');
    expect(kase).toMatchObject({ stage: 'hod-review', status: 'open', resolvedAt: null });
  });

  it('records an external referral and moves a staged case to its external stage', () => {
    const changes = run(
      'recordExternalReferral',
      { caseId: 'case-1', body: 'The Proctors' },
      rowsWith([informal]),
    );
    expect(putsOf(changes, 'cases')[0]).toMatchObject({
      stage: 'external',
      externalReferral: { body: 'The Proctors', at: NOW },
    });
  });
});

describe('escalate, link, confidential and escalation steps', () => {
  it('raises an escalation with an owner, linked to the original ticket', () => {
    const changes = run('escalate', {
      caseId: 'case-1',
      reason: 'operational-impact',
      details: 'Lab of 40 offline',
      ownerId: agent.id,
    });
    const [escalation, original] = putsOf(changes, 'cases');
    expect(escalation).toMatchObject({
      kind: 'escalation',
      ownerId: agent.id,
      assigneeId: agent.id,
      originalCaseId: 'case-1',
      originalTicketRef: 'Q-10001',
      intake: { grounds: 'operational-impact', impact: 'Lab of 40 offline' },
      requester: original!.requester,
    });
  });

  it('refuses an escalation without a reason or an owner', () => {
    const error = refusal(() =>
      run('escalate', { caseId: 'case-1', details: 'x' } as MutatorArgs<'escalate'>),
    );
    expect(error.fields).toMatchObject({
      reason: expect.any(String),
      ownerId: 'An escalation needs a designated owner.',
    });
  });

  it('links two cases once', () => {
    const other = aCase({ id: 'case-2', ref: 'Q-10002' });
    const changes = run('linkCases', { caseId: 'case-1', otherRef: 'Q-10002' }, rowsWith([aCase(), other]));
    const events = putsOf(changes, 'events');
    expect(events.map((e) => e.caseId)).toEqual(['case-1', 'case-2']);
    const linked = rowsWith([aCase(), other], events);
    expect(refusal(() => run('linkCases', { caseId: 'case-1', otherCaseId: 'case-2' }, linked)).message).toBe(
      'Q-10001 and Q-10002 are already linked.',
    );
  });

  it('marks a case confidential', () => {
    const [kase] = putsOf(run('setConfidential', { caseId: 'case-1', confidential: true }), 'cases');
    expect(kase!.confidential).toBe(true);
  });

  it('lets only managers and the complaint roles lift confidentiality; anyone may mark a case confidential', () => {
    const secret = aCase({
      kind: 'complaint',
      policyId: 'complaint',
      confidential: true,
      assigneeId: agent.id,
    });
    const asActor = (actor: Person) => ({ ...rowsWith([secret]), actor });
    const lift = { caseId: 'case-1', confidential: false } as const;
    expect(refusal(() => run('setConfidential', lift, asActor(agent))).message).toMatch(
      /Only a manager or someone who handles complaints can lift the confidentiality of Q-10001/,
    );
    const manager: Person = { ...agent, id: 'p-mo', role: 'manager', seesConfidential: true };
    const [lifted] = putsOf(run('setConfidential', lift, asActor(manager)), 'cases');
    expect(lifted!.confidential).toBe(false);
    const open = { ...rowsWith([aCase()]), actor: agent };
    const [marked] = putsOf(run('setConfidential', { caseId: 'case-1', confidential: true }, open), 'cases');
    expect(marked!.confidential).toBe(true);
  });

  it('records an escalation step once, however many desktops carry it out', () => {
    const args = {
      caseId: 'case-1',
      stepId: 'day-7',
      ruleId: 'day-7',
      notified: ['manager'],
      flagForPrompt: true,
      raiseTo: 1,
    } satisfies MutatorArgs<'markPrompted'>;
    const first = run('markPrompted', args);
    expect(putsOf(first, 'cases')[0]).toMatchObject({ escalationLevel: 1, needsPrompt: true });
    const second = run('markPrompted', args, rowsWith([aCase()], putsOf(first, 'events')), 8);
    expect(second).toEqual([]);
  });
});

describe('the registry', () => {
  it('refuses a mutation it does not know', () => {
    const ctx = contextFor({ clientId: 'c', id: 1, name: 'dropTables', args: {}, createdAt: NOW }, null);
    expect(() => runMutator('dropTables', {}, rowsWith(), ctx)).toThrow(MutationError);
  });
});
