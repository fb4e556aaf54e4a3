import { describe, expect, it } from 'vitest';
import { buildCase, type Case, type CaseEvent } from '../domain';
import { presetPolicies } from '../policies';
import { deskPerson, putsOf } from '../test-support/desk';
import {
  contextFor,
  type MutationRows,
  type MutatorArgs,
  type MutatorName,
  type OutboundMessage,
  type Person,
  prepareMutation,
  type RowChange,
  reportMessageId,
  runMutator,
  stepEventIds,
} from './index';

const NOW = '2026-03-12T10:00:00.000Z';

const person = (id: string, name: string, role: Person['role']): Person =>
  deskPerson({ id, name, role, email: `${id}@example.ac.uk`, seesConfidential: true });
const ana = person('p-ana', 'Ana Patel', 'agent');
const liam = person('p-liam', 'Liam Foster', 'agent');
const rachel = person('p-rachel', 'Rachel Bishop', 'manager');

function rows(
  cases: Case[],
  events: CaseEvent[] = [],
  outboundMessages: OutboundMessage[] = [],
): MutationRows {
  return { cases, events, people: [ana, liam, rachel], policies: presetPolicies(), outboundMessages };
}

function run<N extends MutatorName>(name: N, args: MutatorArgs<N>, on: MutationRows, id = 7): RowChange[] {
  const ctx = contextFor({ clientId: 'client-a', id, name, args, createdAt: NOW }, ana.id);
  return runMutator(name, args, on, ctx);
}

const query = (): Case => ({
  ...buildCase({ id: 'case-1', kind: 'query', receivedAt: '2026-03-05T10:00:00.000Z' }),
  ref: 'Q-10001',
  assigneeId: liam.id,
  ownerId: liam.id,
});

const day2 = {
  caseId: 'case-1',
  stepId: 'case-1:day-2-desk-prompt:1',
  ruleId: 'day-2-desk-prompt',
  notified: ['desk'],
  flagForPrompt: true,
} satisfies MutatorArgs<'markPrompted'>;

describe('markPrompted', () => {
  it('finds a step another desk recorded by its event id, without reading the timeline', () => {
    expect(prepareMutation('markPrompted', day2).reads).toMatchObject({
      eventIds: [stepEventIds('case-1', day2.stepId).prompted],
      eventsOfCases: [],
    });
    const recorded = putsOf(run('markPrompted', day2, rows([query()])), 'events');
    expect(recorded.map((e) => e.id)).toEqual([stepEventIds('case-1', day2.stepId).prompted]);
    expect(run('markPrompted', day2, rows([query()], recorded), 8)).toEqual([]);
  });
});

describe('recording that staff prompted the owner', () => {
  it('is recorded once per flagging step, by the person who clicked, naming who was prompted', () => {
    const flagged = run('markPrompted', day2, rows([query()]));
    const kase = putsOf(flagged, 'cases')[0]!;
    const events = putsOf(flagged, 'events');
    const args = { caseId: 'case-1', stepId: day2.stepId, promptedId: liam.id };
    const first = run('recordOwnerPrompted', args, rows([kase], events), 8);
    expect(putsOf(first, 'events')).toEqual([
      expect.objectContaining({
        type: 'prompted',
        actorId: ana.id,
        stepId: `${day2.stepId}:owner-prompted`,
        notified: ['assignee'],
        flagForPrompt: false,
        message: 'Prompted Liam Foster.',
      }),
    ]);
    // Another agent clicking too, or the same click replayed, records nothing more.
    expect(
      run('recordOwnerPrompted', args, rows([kase], [...events, ...putsOf(first, 'events')]), 9),
    ).toEqual([]);
  });

  it('refuses a step that never flagged the case', () => {
    expect(() =>
      run(
        'recordOwnerPrompted',
        { caseId: 'case-1', stepId: 'case-1:day-7-manager:1', promptedId: liam.id },
        rows([query()]),
      ),
    ).toThrow('No escalation step flagged Q-10001 for prompting');
  });
});

describe('a request for Head of Department review', () => {
  const hod: Person = { ...person('p-kwame', 'Dr Kwame Mensah', 'head-of-department'), teamId: null };
  const complaint = (): Case => ({
    ...buildCase({
      id: 'case-9',
      kind: 'formal-complaint',
      stage: 'formal',
      status: 'resolved',
      receivedAt: '2026-02-02T10:00:00.000Z',
    }),
    ref: 'F-10009',
    policyId: 'formal-complaint',
    ownerId: rachel.id,
    assigneeId: rachel.id,
    intake: {
      statement: 'Nobody answered my calls about my thesis storage.',
      'date-or-period': 'January 2026',
    },
  });
  const answered = (): CaseEvent[] => [
    {
      ...event('ev-created', '2026-02-02T10:00:00.000Z'),
      type: 'created',
      kind: 'formal-complaint',
      status: 'open',
      stage: 'formal',
      priority: 'normal',
    },
    {
      ...event('ev-response', '2026-02-27T15:00:00.000Z'),
      type: 'reply-sent',
      purpose: 'response',
      channel: 'letter',
    },
  ];
  const event = (id: string, at: string) => ({ id, caseId: 'case-9', at, actorId: rachel.id });
  const withHod = (events: CaseEvent[]): MutationRows => ({
    ...rows([complaint()], events),
    people: [ana, liam, rachel, hod],
  });

  it('in time moves the case to review, owned and worked by the Head of Department', () => {
    const changes = run('requestHodReview', { caseId: 'case-9', ownerId: hod.id }, withHod(answered()));
    expect(putsOf(changes, 'cases')[0]).toMatchObject({
      stage: 'hod-review',
      status: 'open',
      ownerId: hod.id,
      assigneeId: hod.id,
    });
    expect(putsOf(changes, 'events').map((e) => e.type)).toEqual([
      'stage-changed',
      'status-changed',
      'owner-set',
      'assigned',
    ]);
  });

  it('is refused, saying why, when the complainant has had no written response', () => {
    const acknowledgedOnly: CaseEvent[] = [
      answered()[0]!,
      {
        ...event('ev-ack', '2026-02-03T10:00:00.000Z'),
        type: 'reply-sent',
        purpose: 'acknowledgement',
        channel: 'email',
      },
    ];
    const attempt = () =>
      run('requestHodReview', { caseId: 'case-9', ownerId: hod.id }, withHod(acknowledgedOnly));
    expect(attempt).toThrow(
      'Head of Department review needs a written response first: F-10009 has had no written response at the formal complaint stage yet.',
    );
    // A response written at the informal stage is not the formal complaint's written response.
    const informalResponse: CaseEvent[] = [
      {
        ...answered()[0]!,
        type: 'created',
        kind: 'formal-complaint',
        status: 'open',
        stage: 'informal',
        priority: 'normal',
      },
      answered()[1]!,
      {
        ...event('ev-formal', '2026-03-01T10:00:00.000Z'),
        type: 'stage-changed',
        from: 'informal',
        to: 'formal',
      },
    ];
    expect(() =>
      run('requestHodReview', { caseId: 'case-9', ownerId: hod.id }, withHod(informalResponse)),
    ).toThrow('needs a written response first');
  });

  it('refuses someone who is not a Head of Department as the owner of the review', () => {
    expect(() =>
      run('requestHodReview', { caseId: 'case-9', ownerId: liam.id }, withHod(answered())),
    ).toThrow('Liam Foster is not a head of department');
  });

  it('without a Head of Department in the directory keeps the owner and says so', () => {
    const changes = run('requestHodReview', { caseId: 'case-9' }, rows([complaint()], answered()));
    expect(putsOf(changes, 'cases')[0]).toMatchObject({ stage: 'hod-review', ownerId: rachel.id });
    expect(putsOf(changes, 'events').at(-1)).toMatchObject({
      type: 'note',
      text: expect.stringContaining('No head of department is in the directory for this case'),
    });
  });

  it('after the window closed is still accepted, and the timeline records it as late', () => {
    const changes = run(
      'requestHodReview',
      { caseId: 'case-9', ownerId: hod.id, windowClosedAt: '2026-03-10T14:00:00.000Z' },
      withHod(answered()),
    );
    const cases = putsOf(changes, 'cases');
    expect(cases).toHaveLength(1);
    expect(cases[0]!.stage).toBe('hod-review');
    const events = putsOf(changes, 'events');
    expect(events.map((e) => e.type)).toEqual([
      'stage-changed',
      'status-changed',
      'owner-set',
      'assigned',
      'note',
    ]);
    expect(events.at(-1)).toMatchObject({
      text: 'Late request: Head of Department review was asked for after the review window closed on 2026-03-10. Accepted late.',
    });
  });
});

describe('mailing a scheduled report', () => {
  const args = {
    runId: 'outstanding-queries-report:2026-03-16T09:00',
    recipientIds: [rachel.id],
    subject: 'Outstanding queries, 16 March 2026',
    body: '12 open queries.',
  } satisfies MutatorArgs<'mailReport'>;

  it('queues one message per recipient, about no case, naming the run it carries', () => {
    const [message] = putsOf(run('mailReport', args, rows([])), 'outboundMessages');
    expect(message).toEqual({
      id: reportMessageId(args.runId, rachel.id),
      caseId: null,
      eventId: null,
      reportRunId: args.runId,
      messageId: '<report-outstanding-queries-report.2026-03-16T09.00-p-rachel@desk.local>',
      to: rachel.email,
      subject: args.subject,
      body: args.body,
      status: 'queued',
      createdAt: NOW,
      autoSubmitted: 'auto-generated',
      purpose: 'report',
    });
  });

  it('leaves a message already queued (or sent) for that run alone, so it goes out once', () => {
    const [sent] = putsOf(run('mailReport', args, rows([])), 'outboundMessages');
    expect(run('mailReport', args, rows([], [], [{ ...sent!, status: 'sent' }]), 9)).toEqual([]);
  });
});
