/**
 * The rows that sync besides cases and their events: the people and teams of the desk directory, requester
 * contacts, mail waiting for the mail channel, and saved queue views. Each table's rows have a string `id`.
 */
import { z } from 'zod';
import {
  Affiliation,
  type Case,
  type CaseEvent,
  CaseKind,
  CaseSlaState,
  CaseStatus,
  EscalationLevel,
  Instant,
} from '../domain';

/**
 * What a person does at the desk. `manager` is the service desk manager; `director` a divisional director;
 * `line-manager` manages a team (the escalation ladder's "owner's line manager").
 */
export const PERSON_ROLES = ['agent', 'manager', 'director', 'line-manager'] as const;
export const PersonRole = z.enum(PERSON_ROLES);
export type PersonRole = z.infer<typeof PersonRole>;

export const Person = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1),
  email: z.email(),
  role: PersonRole,
  teamId: z.string().min(1).nullable(),
  division: z.string().min(1).nullable(),
  lineManagerId: z.string().min(1).nullable(),
  /** Whether this person may see confidential cases (the server enforces it; the client only hides). */
  seesConfidential: z.boolean(),
  active: z.boolean(),
  /** Their working hours, for notifications (a calendar id); without one, the desk's calendar. */
  calendarId: z.string().min(1).nullable().optional(),
});
export type Person = z.infer<typeof Person>;

export const Team = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1),
  division: z.string().min(1),
  lineManagerId: z.string().min(1).nullable(),
});
export type Team = z.infer<typeof Team>;

/** A requester the desk has heard from; cases copy the details they were raised with. */
export const Contact = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1),
  email: z.email().nullable(),
  phone: z.string().min(1).nullable(),
  affiliation: Affiliation.nullable(),
  updatedAt: Instant,
});
export type Contact = z.infer<typeof Contact>;

export const OUTBOUND_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;

/** A reply waiting for (or handed to) the mail channel. Its Message-ID is fixed here, so a resend is a duplicate. */
export const OutboundMessage = z.object({
  id: z.string().min(1),
  /** The case the reply is on; null for mail about no one case (a scheduled report). */
  caseId: z.string().min(1).nullable(),
  /** The reply-sent event this message carries out; null when no case event does (a scheduled report). */
  eventId: z.string().min(1).nullable(),
  /** The scheduled report run this message carries: the mail channel attaches that report. */
  reportRunId: z.string().min(1).optional(),
  messageId: z.string().min(1),
  to: z.email(),
  subject: z.string().min(1),
  body: z.string().min(1),
  status: z.enum(OUTBOUND_STATUSES),
  createdAt: Instant,
});
export type OutboundMessage = z.infer<typeof OutboundMessage>;

/** Which cases a queue view shows. Criteria combine with AND; an empty filter is every open case. */
export const CaseFilter = z
  .object({
    /** Assigned to the person using the app. */
    mine: z.literal(true),
    unassigned: z.literal(true),
    assigneeId: z.string().min(1),
    teamId: z.string().min(1),
    sla: CaseSlaState,
    kind: CaseKind,
    status: CaseStatus,
    stage: z.string().min(1),
    level: EscalationLevel,
    /** Include resolved and closed cases (queues show open ones). */
    includeFinished: z.literal(true),
  })
  .partial();
export type CaseFilter = z.infer<typeof CaseFilter>;

export const SavedView = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1),
  filter: CaseFilter,
  /** Null for views everyone sees; otherwise the person who saved it. */
  ownerId: z.string().min(1).nullable(),
  /** Position in the sidebar. */
  order: z.number().int(),
});
export type SavedView = z.infer<typeof SavedView>;

/** The rows a mutator can write, by table. */
export interface WritableRows {
  cases: Case;
  events: CaseEvent;
  contacts: Contact;
  outboundMessages: OutboundMessage;
  savedViews: SavedView;
}
export type WritableTable = keyof WritableRows;

/** One row change, in the shape the pull patch will carry (`put` / `del`). */
export type RowChange = {
  [T in WritableTable]: { op: 'put'; table: T; row: WritableRows[T] } | { op: 'del'; table: T; id: string };
}[WritableTable];
