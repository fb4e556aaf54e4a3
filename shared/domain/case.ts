import { z } from 'zod';
import { CaseKind, CaseStatus, EscalationLevel, Instant, Priority } from './vocabulary';

/** Who the requester is to the organisation: it picks the external route of a formal complaint. */
export const AFFILIATIONS = ['student', 'staff', 'public', 'organisation'] as const;
export const Affiliation = z.enum(AFFILIATIONS);
export type Affiliation = z.infer<typeof Affiliation>;

export const RequesterContact = z.object({
  name: z.string().trim().min(1),
  email: z.email().optional(),
  /** Daytime phone number, as the requester gave it. */
  phone: z.string().trim().min(1).optional(),
  /** Free text, e.g. "weekdays after 2pm". */
  bestTimeToCall: z.string().trim().min(1).optional(),
  affiliation: Affiliation.optional(),
});
export type RequesterContact = z.infer<typeof RequesterContact>;

/** A referral outside the desk: the ICO, the Proctors, the Registrar… */
export const ExternalReferral = z.object({
  body: z.string().trim().min(1),
  at: Instant,
  reference: z.string().trim().min(1).optional(),
});
export type ExternalReferral = z.infer<typeof ExternalReferral>;

/** The case's SLA summary as stored and indexed (computed by shared/sla, never edited). */
export const CASE_SLA_STATES = ['breached', 'at-risk', 'on-track', 'paused', 'none'] as const;
export const CaseSlaState = z.enum(CASE_SLA_STATES);
export type CaseSlaState = z.infer<typeof CaseSlaState>;
export const CaseSlaSummary = z.object({
  state: CaseSlaState,
  /** Earliest future instant at which the SLA picture changes (deadline, warning, window, step). */
  nextDueAt: Instant.nullable(),
  /** Earliest deadline of a clock still owed, past or future: the queue's urgency order. */
  dueAt: Instant.nullable(),
  /** Whether `dueAt` is a working-time clock's deadline (its countdown counts working time); absent on older rows. */
  dueWorking: z.boolean().optional(),
});
export type CaseSlaSummary = z.infer<typeof CaseSlaSummary>;

export const Case = z.object({
  id: z.string().min(1),
  /** The number people quote, e.g. "Q-10428". */
  ref: z.string().min(1),
  kind: CaseKind,
  policyId: z.string().min(1),
  calendarId: z.string().min(1),
  subject: z.string().trim().min(1),
  description: z.string().default(''),
  status: CaseStatus,
  priority: Priority,
  /** Policy-defined stage ("informal", "formal"…), or null for policies without stages. */
  stage: z.string().min(1).nullable(),
  escalationLevel: EscalationLevel,
  teamId: z.string().min(1).nullable(),
  /** The one designated owner, accountable from acknowledgement to resolution. */
  ownerId: z.string().min(1).nullable(),
  /** Who is working it right now (often the owner). */
  assigneeId: z.string().min(1).nullable(),
  /** Visible only to roles allowed to see confidential cases. */
  confidential: z.boolean(),
  /** Set by an escalation step: staff should prompt the owner. Cleared when someone acts. */
  needsPrompt: z.boolean().default(false),
  requester: RequesterContact,
  /** Answers to the policy's intake fields, by field id (desired remedy, call references…). */
  intake: z.record(z.string(), z.string()).default({}),
  /** The case this one escalates or complains about (escalations must have one). */
  originalCaseId: z.string().min(1).nullable(),
  /** The original ticket number as the requester quoted it. */
  originalTicketRef: z.string().trim().min(1).nullable(),
  externalReferral: ExternalReferral.nullable(),
  /** When the desk received it: receipt-based clocks start here. */
  receivedAt: Instant,
  createdAt: Instant,
  updatedAt: Instant,
  resolvedAt: Instant.nullable(),
  closedAt: Instant.nullable(),
  sla: CaseSlaSummary.optional(),
});
export type Case = z.infer<typeof Case>;
/** What a schema accepts before defaults are filled in (e.g. an intake form's output). */
export type CaseInput = z.input<typeof Case>;
