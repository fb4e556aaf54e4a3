import { z } from 'zod';
import { instantMs } from '../time/instant';

/** What the requester raised: each kind has its own policy (see shared/policies). */
export const CASE_KINDS = ['query', 'complaint', 'escalation', 'formal-complaint'] as const;
export const CaseKind = z.enum(CASE_KINDS);
export type CaseKind = z.infer<typeof CaseKind>;

/**
 * Where a case stands. Which statuses pause SLA clocks is policy data (pending-requester by
 * default); resolved and closed stop them.
 */
export const CASE_STATUSES = [
  'new',
  'open',
  'in-progress',
  'pending-requester',
  'pending-third-party',
  'resolved',
  'closed',
] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** Statuses after which nobody owes the requester anything more. */
export const FINISHED_STATUSES: readonly CaseStatus[] = ['resolved', 'closed'];

export function isOpenStatus(status: CaseStatus): boolean {
  return status !== 'resolved' && status !== 'closed';
}

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

/** Who is looking at the case: 0 the desk, 1 the service desk manager, 2 a director. */
export const ESCALATION_LEVELS = [0, 1, 2] as const;
export const EscalationLevel = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export type EscalationLevel = z.infer<typeof EscalationLevel>;
export const ESCALATION_LEVEL_NAMES: Readonly<Record<EscalationLevel, string>> = {
  0: 'Desk',
  1: 'Manager',
  2: 'Director',
};

/** Stages are named by the policy; these are the staged formal complaint's. */
export const FORMAL_COMPLAINT_STAGES = ['informal', 'formal', 'hod-review', 'external'] as const;
export type FormalComplaintStage = (typeof FORMAL_COMPLAINT_STAGES)[number];

/** An id a policy author writes: stage, target, rule, field ("hod-review", "first-response"). */
export const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens, e.g. "hod-review"');

/**
 * Who an escalation step tells. `line-manager` is the line manager of the case owner; `head-of-department` the
 * Head of Department of the case's division (Oxford's review stage).
 */
export const NOTIFY_ROLES = [
  'assignee',
  'owner',
  'desk',
  'manager',
  'director',
  'line-manager',
  'head-of-department',
] as const;
export const NotifyRole = z.enum(NOTIFY_ROLES);
export type NotifyRole = z.infer<typeof NotifyRole>;

/** How a message reached or left the desk. */
export const CHANNELS = ['email', 'phone', 'chat', 'letter', 'in-person', 'portal'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/**
 * What an agent's message to the requester was for. Targets name the purposes that meet them:
 * any reply acknowledges; only a `response` (the written outcome) meets a response deadline.
 */
export const REPLY_PURPOSES = ['acknowledgement', 'update', 'response'] as const;
export const ReplyPurpose = z.enum(REPLY_PURPOSES);
export type ReplyPurpose = z.infer<typeof ReplyPurpose>;

/** An ISO 8601 instant with a zone designator; stored as text, ordered by its instant. */
export const Instant = z
  .string()
  .refine(
    (text) => !Number.isNaN(instantMs(text)),
    'an ISO 8601 instant with a zone, e.g. 2026-03-02T09:30:00Z',
  );
export type Instant = z.infer<typeof Instant>;

/**
 * What a person does at the desk. `manager` is the service desk manager; `director` a divisional director;
 * `line-manager` manages a team (the escalation ladder's "owner's line manager"); `head-of-department` reviews
 * a division's formal complaints when a complainant asks (their `division` says which).
 */
export const PERSON_ROLES = ['agent', 'manager', 'director', 'line-manager', 'head-of-department'] as const;
export const PersonRole = z.enum(PERSON_ROLES);
export type PersonRole = z.infer<typeof PersonRole>;
