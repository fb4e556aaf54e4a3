import { z } from 'zod';
import {
  CaseKind,
  CaseStatus,
  Channel,
  EscalationLevel,
  Instant,
  NotifyRole,
  Priority,
  ReplyPurpose,
} from './vocabulary';

/*
 * A case's history. SLA clocks and escalation ladders are replayed from these events (by `at`),
 * so they record what happened and when, never derived state such as deadlines.
 */

const base = {
  id: z.string().min(1),
  caseId: z.string().min(1),
  at: Instant,
  /** The person who did it; null for the requester or the system. */
  actorId: z.string().min(1).nullable(),
};

const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ ...base, type: z.literal(type), ...shape });

export const CreatedEvent = event('created', {
  kind: CaseKind,
  status: CaseStatus,
  stage: z.string().min(1).nullable(),
  priority: Priority,
});
export const StatusChangedEvent = event('status-changed', {
  from: CaseStatus,
  to: CaseStatus,
  reason: z.string().optional(),
});
export const PriorityChangedEvent = event('priority-changed', { from: Priority, to: Priority });
export const AssignedEvent = event('assigned', {
  assigneeId: z.string().min(1).nullable(),
  teamId: z.string().min(1).nullable().optional(),
});
/** The designated owner changed (escalations need one from acknowledgement to resolution). */
export const OwnerSetEvent = event('owner-set', { ownerId: z.string().min(1).nullable() });
export const StageChangedEvent = event('stage-changed', {
  from: z.string().min(1).nullable(),
  to: z.string().min(1),
});
/** The desk wrote to the requester. */
export const ReplySentEvent = event('reply-sent', {
  purpose: ReplyPurpose,
  channel: Channel,
  messageId: z.string().optional(),
  summary: z.string().optional(),
});
/** The requester wrote or called. */
export const CustomerContactEvent = event('customer-contact', {
  channel: Channel,
  messageId: z.string().optional(),
  summary: z.string().optional(),
});
export const NoteEvent = event('note', { text: z.string().min(1) });
/** The escalation level changed, by hand or by a ladder step (`stepId`). */
export const EscalatedEvent = event('escalated', {
  fromLevel: EscalationLevel,
  toLevel: EscalationLevel,
  reason: z.string().optional(),
  stepId: z.string().min(1).optional(),
});
/** A ladder step was carried out: these roles were told. Its `stepId` makes it happen once. */
export const PromptedEvent = event('prompted', {
  stepId: z.string().min(1),
  ruleId: z.string().min(1),
  notified: z.array(NotifyRole),
  /** The step asked staff to prompt the owner: the case shows a flag until the owner acts. */
  flagForPrompt: z.boolean().default(false),
  message: z.string().optional(),
});
export const ConfidentialSetEvent = event('confidential-set', {
  confidential: z.boolean(),
  reason: z.string().optional(),
});
export const LINK_RELATIONS = ['escalates', 'complains-about', 'related'] as const;
export const LinkedEvent = event('linked', {
  otherCaseId: z.string().min(1),
  relation: z.enum(LINK_RELATIONS),
  /** The ticket number as quoted, when the link came from one. */
  ticketRef: z.string().optional(),
});
/** Handed to a body outside the desk (the ICO, the Proctors, the Registrar). */
export const ReferredExternallyEvent = event('referred-externally', {
  body: z.string().trim().min(1),
  reference: z.string().optional(),
});

export const CaseEvent = z.discriminatedUnion('type', [
  CreatedEvent,
  StatusChangedEvent,
  PriorityChangedEvent,
  AssignedEvent,
  OwnerSetEvent,
  StageChangedEvent,
  ReplySentEvent,
  CustomerContactEvent,
  NoteEvent,
  EscalatedEvent,
  PromptedEvent,
  ConfidentialSetEvent,
  LinkedEvent,
  ReferredExternallyEvent,
]);
export type CaseEvent = z.infer<typeof CaseEvent>;
export type CaseEventType = CaseEvent['type'];
export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;
