import { describe, expect, it } from 'vitest';
import { buildCase, historyOf } from './builders';
import { Case } from './case';
import { CaseEvent } from './events';
import { applyCaseEvent } from './reduce';

const received = '2026-03-02T09:30:00Z';

describe('Case schema', () => {
  it('accepts a built case and fills intake defaults', () => {
    const parsed = Case.parse({
      ...buildCase({ id: 'c1', kind: 'query', receivedAt: received }),
      intake: undefined,
    });
    expect(parsed.intake).toEqual({});
    expect(parsed.needsPrompt).toBe(false);
  });

  it('rejects instants without a zone, unknown statuses and escalation levels above director', () => {
    const good = buildCase({ id: 'c1', kind: 'query', receivedAt: received });
    expect(Case.safeParse({ ...good, receivedAt: '2026-03-02 09:30' }).success).toBe(false);
    expect(Case.safeParse({ ...good, status: 'waiting' }).success).toBe(false);
    expect(Case.safeParse({ ...good, escalationLevel: 3 }).success).toBe(false);
    expect(Case.safeParse({ ...good, requester: { name: ' ' } }).success).toBe(false);
  });
});

describe('CaseEvent schema', () => {
  it('tells event types apart and checks each one’s fields', () => {
    const c = buildCase({ id: 'c1', kind: 'complaint', receivedAt: received });
    const h = historyOf(c).created().reply('2026-03-02T10:00:00Z', 'acknowledgement');
    for (const event of h.events) expect(CaseEvent.parse(event)).toEqual(event);
    expect(
      CaseEvent.safeParse({ ...h.events[1], purpose: 'chit-chat' }).success,
      'a reply must say what it was for',
    ).toBe(false);
    expect(CaseEvent.safeParse({ ...h.events[1], type: 'teleported' }).success).toBe(false);
  });

  it('fills flagForPrompt on a recorded ladder step', () => {
    const parsed = CaseEvent.parse({
      id: 'e1',
      caseId: 'c1',
      at: received,
      actorId: null,
      type: 'prompted',
      stepId: 'c1:day-2:1',
      ruleId: 'day-2',
      notified: ['desk'],
    });
    expect(parsed.type === 'prompted' && parsed.flagForPrompt).toBe(false);
  });
});

describe('applyCaseEvent', () => {
  it('leaves the case where its history says it is', () => {
    const c = buildCase({ id: 'c1', kind: 'formal-complaint', receivedAt: received, stage: 'informal' });
    const h = historyOf(c)
      .created()
      .stage('2026-03-03T09:00:00Z', 'formal')
      .owner('2026-03-03T09:05:00Z', 'owner-7')
      .status('2026-03-04T09:00:00Z', 'pending-requester')
      .escalated('2026-03-05T09:00:00Z', 1)
      .status('2026-03-06T09:00:00Z', 'resolved');
    const result = h.events.reduce(applyCaseEvent, c);
    expect(result).toMatchObject({
      stage: 'formal',
      ownerId: 'owner-7',
      status: 'resolved',
      resolvedAt: '2026-03-06T09:00:00Z',
      escalationLevel: 1,
      updatedAt: '2026-03-06T09:00:00Z',
    });
  });

  it('clears the resolution when a case is reopened, and the prompt flag when the owner replies', () => {
    const c = buildCase({ id: 'c1', kind: 'query', receivedAt: received });
    const h = historyOf(c)
      .created()
      .status('2026-03-03T09:00:00Z', 'resolved')
      .status('2026-03-04T09:00:00Z', 'open');
    expect(h.events.reduce(applyCaseEvent, c).resolvedAt).toBeNull();

    const prompted = applyCaseEvent(c, {
      id: 'p',
      caseId: 'c1',
      at: '2026-03-04T16:00:00Z',
      actorId: null,
      type: 'prompted',
      stepId: 'c1:day-2:1',
      ruleId: 'day-2',
      notified: ['desk'],
      flagForPrompt: true,
    });
    expect(prompted.needsPrompt).toBe(true);
    const replied = historyOf(prompted).reply('2026-03-05T10:00:00Z').events[0]!;
    expect(applyCaseEvent(prompted, replied).needsPrompt).toBe(false);
  });

  it('records an external referral and links the original case once', () => {
    const c = buildCase({ id: 'c1', kind: 'complaint', receivedAt: received });
    const referred = applyCaseEvent(c, {
      id: 'r',
      caseId: 'c1',
      at: '2026-04-01T10:00:00Z',
      actorId: 'agent-1',
      type: 'referred-externally',
      body: "Information Commissioner's Office",
    });
    expect(referred.externalReferral).toEqual({
      body: "Information Commissioner's Office",
      at: '2026-04-01T10:00:00Z',
    });
    const linked = applyCaseEvent(referred, {
      id: 'l',
      caseId: 'c1',
      at: '2026-04-01T10:00:00Z',
      actorId: 'agent-1',
      type: 'linked',
      otherCaseId: 'esc-9',
      relation: 'complains-about',
    });
    expect(linked.originalCaseId).toBe('esc-9');
  });
});
