import type { Case } from './case';
import type { CaseEvent, CaseEventOf } from './events';
import type { CaseStatus, Channel, EscalationLevel, NotifyRole, ReplyPurpose } from './vocabulary';

/**
 * Builders for cases and their histories, for demo data and tests: they fill the fields a
 * scenario does not care about and keep `from` fields consistent with what came before.
 */

export function buildCase(fields: Partial<Case> & Pick<Case, 'id' | 'kind' | 'receivedAt'>): Case {
  return {
    ref: fields.id.toUpperCase(),
    policyId: fields.kind,
    calendarId: 'uk-england-and-wales',
    subject: `${fields.kind} ${fields.id}`,
    description: '',
    status: 'new',
    priority: 'normal',
    stage: null,
    escalationLevel: 0,
    teamId: null,
    ownerId: null,
    assigneeId: null,
    confidential: fields.kind === 'complaint' || fields.kind === 'formal-complaint',
    needsPrompt: false,
    requester: { name: 'Alex Requester', email: 'alex@example.org' },
    intake: {},
    originalCaseId: null,
    originalTicketRef: null,
    externalReferral: null,
    createdAt: fields.receivedAt,
    updatedAt: fields.receivedAt,
    resolvedAt: null,
    closedAt: null,
    ...fields,
  };
}

type Base = Pick<CaseEvent, 'id' | 'caseId' | 'at' | 'actorId'>;

/** Appends events to a case's history in order; `events` is the history so far. */
export interface HistoryBuilder {
  readonly events: CaseEvent[];
  /** The `created` event, with the case's status, stage and priority. */
  created(at?: string): HistoryBuilder;
  status(at: string, to: CaseStatus): HistoryBuilder;
  stage(at: string, to: string): HistoryBuilder;
  reply(at: string, purpose?: ReplyPurpose, channel?: Channel): HistoryBuilder;
  contact(at: string, channel?: Channel): HistoryBuilder;
  owner(at: string, ownerId: string | null): HistoryBuilder;
  note(at: string, text: string): HistoryBuilder;
  prompted(at: string, stepId: string, notified?: NotifyRole[]): HistoryBuilder;
  escalated(at: string, toLevel: EscalationLevel, stepId?: string): HistoryBuilder;
}

export function historyOf(caseRecord: Case, actorId = 'agent-1'): HistoryBuilder {
  const events: CaseEvent[] = [];
  let status = caseRecord.status;
  let stage = caseRecord.stage;
  let level = caseRecord.escalationLevel;
  const base = (at: string, actor: string | null = actorId): Base => ({
    id: `${caseRecord.id}-e${events.length + 1}`,
    caseId: caseRecord.id,
    at,
    actorId: actor,
  });
  const push = <T extends CaseEvent['type']>(event: CaseEventOf<T>): HistoryBuilder => {
    events.push(event);
    return builder;
  };
  const builder: HistoryBuilder = {
    events,
    created: (at = caseRecord.receivedAt) =>
      push<'created'>({
        ...base(at, null),
        type: 'created',
        kind: caseRecord.kind,
        status,
        stage,
        priority: caseRecord.priority,
      }),
    status: (at, to) => {
      const from = status;
      status = to;
      return push<'status-changed'>({ ...base(at), type: 'status-changed', from, to });
    },
    stage: (at, to) => {
      const from = stage;
      stage = to;
      return push<'stage-changed'>({ ...base(at), type: 'stage-changed', from, to });
    },
    reply: (at, purpose = 'update', channel = 'email') =>
      push<'reply-sent'>({ ...base(at), type: 'reply-sent', purpose, channel }),
    contact: (at, channel = 'email') =>
      push<'customer-contact'>({ ...base(at, null), type: 'customer-contact', channel }),
    owner: (at, ownerId) => push<'owner-set'>({ ...base(at), type: 'owner-set', ownerId }),
    note: (at, text) => push<'note'>({ ...base(at), type: 'note', text }),
    prompted: (at, stepId, notified = ['desk']) =>
      push<'prompted'>({
        ...base(at, null),
        type: 'prompted',
        stepId,
        ruleId: stepId.split(':')[1] ?? stepId,
        notified,
        flagForPrompt: false,
      }),
    escalated: (at, toLevel, stepId) => {
      const fromLevel = level;
      level = toLevel;
      return push<'escalated'>({
        ...base(at, stepId === undefined ? actorId : null),
        type: 'escalated',
        fromLevel,
        toLevel,
        ...(stepId === undefined ? {} : { stepId }),
      });
    },
  };
  return builder;
}
