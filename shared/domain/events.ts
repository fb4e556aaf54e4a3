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
/**
 * A message as the timeline keeps it: enough to show what was written (sanitised in the view) with the full
 * original one click away (`rawBlobId` in the mail service's blob store). The same shape as the mail channel's
 * InboundMail fields, declared here so the domain does not depend on the mail channel.
 */
export const EventMailAddress = z.object({ name: z.string().max(500), address: z.string().max(320) });
export type EventMailAddress = z.infer<typeof EventMailAddress>;
export const EventMailAttachment = z.object({
  filename: z.string().max(500).nullable(),
  contentType: z.string().max(200),
  size: z.number().int().min(0),
  blobId: z.string().max(100).nullable(),
  dropped: z.string().max(500).nullable(),
  contentId: z.string().max(500).nullable(),
});
export const EVENT_MAIL_KINDS = ['human', 'auto-reply', 'bulk', 'bounce'] as const;
export const EventMail = z.object({
  from: EventMailAddress.nullable(),
  subject: z.string(),
  /** Unsanitised HTML (the view sanitises it and blocks remote images); null when the message had none. */
  html: z.string().nullable(),
  /** The whole text part, quoted history included. */
  text: z.string(),
  attachments: z.array(EventMailAttachment),
  rawBlobId: z.string().nullable(),
  kind: z.enum(EVENT_MAIL_KINDS),
  /** Which marker made it automatic, bulk or a bounce. */
  reason: z.string().nullable().optional(),
});
export type EventMail = z.infer<typeof EventMail>;

/** The desk wrote to the requester. */
export const ReplySentEvent = event('reply-sent', {
  purpose: ReplyPurpose,
  channel: Channel,
  messageId: z.string().optional(),
  summary: z.string().optional(),
  /** The message as sent, when it went by email. */
  mail: EventMail.optional(),
  /** The outbound message row that carries it (acknowledgements name theirs). */
  outboundMessageId: z.string().optional(),
});
/** The requester wrote or called. */
export const CustomerContactEvent = event('customer-contact', {
  channel: Channel,
  messageId: z.string().optional(),
  /** For email: the visible text (what the requester wrote, without the quoted history). */
  summary: z.string().optional(),
  mail: EventMail.optional(),
});
/**
 * Automatic mail arrived on the case (an out-of-office, list mail, a bounce naming no message of ours): shown on
 * the timeline, never counted as the requester's contact, so it neither resumes nor restarts any clock.
 */
export const MailReceivedEvent = event('mail-received', {
  messageId: z.string().optional(),
  summary: z.string().optional(),
  mail: EventMail,
});
/** A reply the desk sent did not reach the requester (a bounce, or the mail server refused it for good). */
export const DeliveryFailedEvent = event('delivery-failed', {
  outboundMessageId: z.string().min(1),
  /** The Message-ID of the message that failed. */
  messageId: z.string().optional(),
  recipient: z.string().optional(),
  /** What the remote server said ("550 5.1.1 user unknown"). */
  diagnostic: z.string().optional(),
  /** The bounce that reported it, when one did. */
  mail: EventMail.optional(),
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
/**
 * The case moved onto another kind's policy (mail arrives as a query; the agent sees it is a complaint). Its
 * clocks are replayed under the new policy from the same history, so receipt-based deadlines keep their start.
 */
export const KindChangedEvent = event('kind-changed', {
  from: CaseKind,
  to: CaseKind,
  policyId: z.string().min(1),
  calendarId: z.string().min(1),
  /** The new policy's first stage (null for policies without stages). */
  stage: z.string().min(1).nullable(),
});
/** Handed to a body outside the desk (the ICO, the Proctors, the Registrar). */
export const ReferredExternallyEvent = event('referred-externally', {
  body: z.string().trim().min(1),
  reference: z.string().optional(),
});
/** The largest file of correspondence a case keeps (it syncs with the case to every desk that may see it). */
export const MAX_CORRESPONDENCE_BYTES = 2 * 1024 * 1024;

/**
 * A file of correspondence attached to the case (a letter, an email saved as a file, a photo of a form), kept in
 * the store with the case: its bytes as base64, size-limited.
 */
export const CorrespondenceAttachedEvent = event('correspondence-attached', {
  filename: z.string().trim().min(1).max(255),
  contentType: z.string().max(200),
  size: z.number().int().min(0).max(MAX_CORRESPONDENCE_BYTES),
  data: z.string().max(Math.ceil(MAX_CORRESPONDENCE_BYTES / 3) * 4),
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
  MailReceivedEvent,
  DeliveryFailedEvent,
  KindChangedEvent,
  CorrespondenceAttachedEvent,
]);
export type CaseEvent = z.infer<typeof CaseEvent>;
export type CustomerContactEvent = z.infer<typeof CustomerContactEvent>;
export type CaseEventType = CaseEvent['type'];
export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;
