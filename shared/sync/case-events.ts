/**
 * The events each change to a case records, built one way for the mutators and for the demo generator, so
 * their ids and shapes cannot drift apart. Each takes who and when (`ctx`) and the case as it stands; none
 * checks whether the change is allowed: the mutators do that before building. Events are written out as
 * literals, not spread from `eventBase`: the demo builds millions, and spread objects cost it 3× the time.
 */
import {
  type Case,
  type CaseEvent,
  type CaseEventOf,
  type CaseStatus,
  type Channel,
  type CustomerContactEvent,
  type EscalationLevel,
  isOpenStatus,
  type NotifyRole,
  type ReplyPurpose,
} from '../domain';
import type { EventContext } from './define';

/** The `created` event of a case about to be opened (its status is always `new`). */
export function createdEvent(ctx: EventContext, draft: Case): CaseEvent {
  return {
    id: ctx.newId('ev'),
    caseId: draft.id,
    at: ctx.now,
    actorId: ctx.actorId,
    type: 'created',
    kind: draft.kind,
    status: 'new',
    stage: draft.stage,
    priority: draft.priority,
  };
}

/**
 * Gives the case to `assigneeId` (in `teamId`'s queue) and names `ownerId` its owner; without one, a case with
 * no owner yet gets the assignee. Only what changes is recorded.
 */
export function assignEvents(
  ctx: EventContext,
  kase: Case,
  to: { assigneeId: string | null; teamId: string | null; ownerId?: string | undefined },
): CaseEvent[] {
  const reassigned = to.assigneeId !== kase.assigneeId || to.teamId !== kase.teamId;
  const ownerId = to.ownerId ?? (kase.ownerId === null && reassigned ? to.assigneeId : kase.ownerId);
  const events: CaseEvent[] = [];
  if (reassigned) {
    events.push({
      id: ctx.newId('ev'),
      caseId: kase.id,
      at: ctx.now,
      actorId: ctx.actorId,
      type: 'assigned',
      assigneeId: to.assigneeId,
      teamId: to.teamId,
    });
  }
  if (ownerId !== kase.ownerId && ownerId !== null) {
    events.push({
      id: ctx.newId('ev'),
      caseId: kase.id,
      at: ctx.now,
      actorId: ctx.actorId,
      type: 'owner-set',
      ownerId,
    });
  }
  return events;
}

/** The case moves from its status to `to`; `id` for a change that must happen once (a mail's reopening). */
export function statusEvent(
  ctx: EventContext,
  kase: Case,
  to: CaseStatus,
  reason?: string,
  id?: string,
): CaseEvent {
  const event: CaseEventOf<'status-changed'> = {
    id: id ?? ctx.newId('ev'),
    caseId: kase.id,
    at: ctx.now,
    actorId: ctx.actorId,
    type: 'status-changed',
    from: kase.status,
    to,
  };
  if (reason) event.reason = reason;
  return event;
}

export function noteEvent(ctx: EventContext, kase: Case, text: string): CaseEvent {
  return { id: ctx.newId('ev'), caseId: kase.id, at: ctx.now, actorId: ctx.actorId, type: 'note', text };
}

export function stageEvent(ctx: EventContext, kase: Case, to: string): CaseEvent {
  return {
    id: ctx.newId('ev'),
    caseId: kase.id,
    at: ctx.now,
    actorId: ctx.actorId,
    type: 'stage-changed',
    from: kase.stage,
    to,
  };
}

export function referralEvent(ctx: EventContext, kase: Case, body: string, reference?: string): CaseEvent {
  const event: CaseEventOf<'referred-externally'> = {
    id: ctx.newId('ev'),
    caseId: kase.id,
    at: ctx.now,
    actorId: ctx.actorId,
    type: 'referred-externally',
    body,
  };
  if (reference !== undefined) event.reference = reference;
  return event;
}

/** A reply to the requester; `messageId` when it leaves by email, `id` when the message must name its event. */
export function replyEvent(
  ctx: EventContext,
  kase: Case,
  reply: { purpose: ReplyPurpose; channel: Channel; summary: string; messageId?: string },
  id?: string,
): CaseEvent {
  const event: CaseEventOf<'reply-sent'> = {
    id: id ?? ctx.newId('ev'),
    caseId: kase.id,
    at: ctx.now,
    actorId: ctx.actorId,
    type: 'reply-sent',
    purpose: reply.purpose,
    channel: reply.channel,
    summary: reply.summary,
  };
  if (reply.messageId !== undefined) event.messageId = reply.messageId;
  return event;
}

/**
 * The requester got in touch (by phone, letter, or a reply by email): the contact event, and a case waiting on
 * them is open again (its paused clocks resume). `reopenFinished`: a resolved or closed case reopens too (mail
 * replies do, as in Zammad and Freshdesk, so a "thanks, but it still doesn't work" is not lost).
 */
export function customerContactEvents(
  kase: Case,
  ctx: EventContext,
  contact: Omit<CustomerContactEvent, 'id' | 'caseId' | 'at' | 'actorId' | 'type'> & {
    id?: string;
    at?: string;
  },
  options: { reopenFinished?: boolean } = {},
): CaseEvent[] {
  const { id } = contact;
  // Mail counts from when it arrived (a reply read the next morning resumed the clock overnight).
  const when = contact.at ?? ctx.now;
  const event: CustomerContactEvent = {
    id: id ?? ctx.newId('ev'),
    caseId: kase.id,
    at: when,
    actorId: null,
    type: 'customer-contact',
    channel: contact.channel,
  };
  if (contact.messageId !== undefined) event.messageId = contact.messageId;
  if (contact.summary !== undefined) event.summary = contact.summary;
  if (contact.mail !== undefined) event.mail = contact.mail;
  const events: CaseEvent[] = [event];
  const reopen =
    kase.status === 'pending-requester' || (options.reopenFinished === true && !isOpenStatus(kase.status));
  if (reopen) {
    const reason =
      kase.status === 'pending-requester'
        ? 'The requester got back to us.'
        : `The requester wrote again after the case was ${kase.status}.`;
    const reopened = statusEvent(ctx, kase, 'open', reason, id === undefined ? undefined : `${id}-reopened`);
    reopened.at = when;
    events.push(reopened);
  }
  return events;
}

/** One link event per ordered pair of cases, so linking twice is noticed (and a retried push is harmless). */
export function linkEventId(caseId: string, otherCaseId: string): string {
  return `link-${caseId}-${otherCaseId}`;
}

/**
 * Links `kase` to `other` both ways: `kase` records how it relates to the other ("escalates",
 * "complains-about"…), the other a plain "related" link back.
 */
export function linkEvents(
  ctx: EventContext,
  kase: Pick<Case, 'id' | 'ref'>,
  other: Pick<Case, 'id' | 'ref'>,
  relation: Extract<CaseEvent, { type: 'linked' }>['relation'],
): { here: CaseEvent; there: CaseEvent } {
  return {
    here: {
      id: linkEventId(kase.id, other.id),
      caseId: kase.id,
      at: ctx.now,
      actorId: ctx.actorId,
      type: 'linked',
      otherCaseId: other.id,
      relation,
      ticketRef: other.ref,
    },
    there: {
      id: linkEventId(other.id, kase.id),
      caseId: other.id,
      at: ctx.now,
      actorId: ctx.actorId,
      type: 'linked',
      otherCaseId: kase.id,
      relation: 'related',
      ticketRef: kase.ref,
    },
  };
}

/** An escalation step as it is carried out: which rule, who is told, whether the owner is flagged, the level. */
export interface LadderStepDone {
  /** The step's deterministic id (case + rule + occurrence). */
  stepId: string;
  ruleId: string;
  notified: NotifyRole[];
  flagForPrompt: boolean;
  /** The step raises the case to this level (never lowers it). */
  raiseTo?: EscalationLevel | undefined;
  message?: string | undefined;
}

/** Ids that make an escalation step's effects happen once, however many desktops carry it out. */
export function stepEventIds(caseId: string, stepId: string): { prompted: string; escalated: string } {
  return { prompted: `step-${caseId}-${stepId}`, escalated: `step-${caseId}-${stepId}-level` };
}

/** The record that the step was carried out, and the level it raised the case to; the desk did it, not a person. */
export function stepEvents(ctx: Pick<EventContext, 'now'>, kase: Case, step: LadderStepDone): CaseEvent[] {
  const ids = stepEventIds(kase.id, step.stepId);
  const prompted: CaseEventOf<'prompted'> = {
    id: ids.prompted,
    caseId: kase.id,
    at: ctx.now,
    actorId: null,
    type: 'prompted',
    stepId: step.stepId,
    ruleId: step.ruleId,
    notified: step.notified,
    flagForPrompt: step.flagForPrompt,
  };
  if (step.message !== undefined) prompted.message = step.message;
  const events: CaseEvent[] = [prompted];
  if (step.raiseTo !== undefined && step.raiseTo > kase.escalationLevel) {
    events.push({
      id: ids.escalated,
      caseId: kase.id,
      at: ctx.now,
      actorId: null,
      type: 'escalated',
      fromLevel: kase.escalationLevel,
      toLevel: step.raiseTo,
      stepId: step.stepId,
    });
  }
  return events;
}
