import type { Case } from './case';
import type { CaseEvent } from './events';

/**
 * The case as its history leaves it: applies one event to the case's current fields. Mutators
 * on the client and the server both use it, so a case row and its timeline cannot disagree.
 */
export function applyCaseEvent(current: Case, event: CaseEvent): Case {
  return applyCaseEventInPlace({ ...current }, event);
}

/**
 * `applyCaseEvent` writing into `next` instead of a copy: for replaying long histories (the demo
 * generator replays millions of events) without a copy of the case per event.
 */
export function applyCaseEventInPlace(next: Case, event: CaseEvent): Case {
  next.updatedAt = event.at;
  switch (event.type) {
    case 'created':
      next.kind = event.kind;
      next.status = event.status;
      next.stage = event.stage;
      next.priority = event.priority;
      break;
    case 'status-changed':
      next.status = event.to;
      if (event.to === 'resolved') next.resolvedAt = event.at;
      if (event.to === 'closed') next.closedAt = event.at;
      if (event.to !== 'resolved' && event.to !== 'closed') {
        next.resolvedAt = null;
        next.closedAt = null;
      }
      next.needsPrompt = false;
      break;
    case 'priority-changed':
      next.priority = event.to;
      break;
    case 'assigned':
      next.assigneeId = event.assigneeId;
      if (event.teamId !== undefined) next.teamId = event.teamId;
      break;
    case 'owner-set':
      next.ownerId = event.ownerId;
      break;
    case 'stage-changed':
      next.stage = event.to;
      break;
    case 'reply-sent':
      next.needsPrompt = false;
      break;
    case 'escalated':
      next.escalationLevel = event.toLevel;
      break;
    case 'prompted':
      if (event.flagForPrompt) next.needsPrompt = true;
      break;
    case 'confidential-set':
      next.confidential = event.confidential;
      break;
    case 'linked':
      if (event.relation !== 'related' && next.originalCaseId === null)
        next.originalCaseId = event.otherCaseId;
      break;
    case 'referred-externally':
      next.externalReferral = {
        body: event.body,
        at: event.at,
        ...(event.reference === undefined ? {} : { reference: event.reference }),
      };
      break;
    case 'kind-changed':
      next.kind = event.to;
      next.policyId = event.policyId;
      next.calendarId = event.calendarId;
      next.stage = event.stage;
      break;
    case 'customer-contact':
    case 'note':
    case 'mail-received':
    case 'delivery-failed':
      break;
  }
  return next;
}
