/**
 * The rows that sync besides cases and their events: the people and teams of the desk directory, requester
 * contacts, mail waiting for the mail channel, and saved queue views. Each table's rows have a string `id`.
 */
import { z } from 'zod';
import {
  Affiliation,
  Case,
  CaseEvent,
  CaseKind,
  CaseSlaState,
  CaseStatus,
  EscalationLevel,
  Instant,
  PersonRole,
} from '../domain';
import { Policy } from '../policies/schema';
import type { CalendarSpec } from '../sla';

export { PERSON_ROLES, PersonRole } from '../domain';

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
  /** Manages accounts on the desk server (adds people, resets passwords); says nothing about cases. */
  admin: z.boolean().optional(),
  /** Escalation notifications reach them by email as well as in the app. */
  notifyByEmail: z.boolean().optional(),
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
export const OutboundStatus = z.enum(OUTBOUND_STATUSES);
export type OutboundStatus = z.infer<typeof OutboundStatus>;

/** Why the desk wrote: an agent's reply, an automatic acknowledgement, a scheduled report, an escalation notice. */
export const OUTBOUND_PURPOSES = ['reply', 'acknowledgement', 'report', 'notification'] as const;
export const OutboundPurpose = z.enum(OUTBOUND_PURPOSES);
export type OutboundPurpose = z.infer<typeof OutboundPurpose>;

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
  status: OutboundStatus,
  createdAt: Instant,
  /** The thread: the requester's message this answers and the chain before it (the mail channel's headers). */
  inReplyTo: z.string().min(1).nullable().optional(),
  references: z.array(z.string().min(1)).optional(),
  /** RFC 3834: set on mail no person wrote, so other robots don't answer it. Absent: a person's reply. */
  autoSubmitted: z.enum(['auto-replied', 'auto-generated']).optional(),
  purpose: OutboundPurpose.optional(),
  /** The desk (client id) that took it to send; in a team only that desk sends it. */
  claimedBy: z.string().min(1).nullable().optional(),
  claimedAt: Instant.nullable().optional(),
  /** Sending attempts so far. */
  attempts: z.number().int().min(0).optional(),
  /** Why the last attempt failed, in the mail server's words. */
  lastError: z.string().nullable().optional(),
  /** The failure will not go away by trying again (a refused address, a bounce). */
  permanent: z.boolean().optional(),
  /** A delivery report said it did not arrive. */
  bounced: z.boolean().optional(),
  sentAt: Instant.nullable().optional(),
  failedAt: Instant.nullable().optional(),
  /** The message that replaced this failed one ("edit and resend"). */
  replacedBy: z.string().min(1).nullable().optional(),
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

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time like "09:00" or "24:00"');
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like "2026-12-25"');
const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'a local time like "2026-12-24T13:00"');
const WorkingIntervals = z.array(z.object({ start: LocalTime, end: LocalTime }));

/** A business calendar as it is stored and synced (the contract is `CalendarSpec` in shared/sla). */
export const CalendarRow = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1),
  timeZone: z.string().min(1),
  hours: z
    .object({
      MO: WorkingIntervals,
      TU: WorkingIntervals,
      WE: WorkingIntervals,
      TH: WorkingIntervals,
      FR: WorkingIntervals,
      SA: WorkingIntervals,
      SU: WorkingIntervals,
    })
    .partial(),
  holidays: z.array(z.object({ date: LocalDate, name: z.string().optional() })),
  recurringHolidays: z.array(
    z.object({ rrule: z.string().min(1), from: LocalDate.optional(), name: z.string().optional() }),
  ),
  closures: z.array(z.object({ start: LocalDateTime, end: LocalDateTime })),
}) satisfies z.ZodType<CalendarSpec>;

/** The rows that sync, by table: what mutators write and what a pull carries. */
export interface WritableRows {
  cases: Case;
  events: CaseEvent;
  contacts: Contact;
  outboundMessages: OutboundMessage;
  savedViews: SavedView;
  people: Person;
  teams: Team;
  policies: Policy;
  calendars: CalendarSpec;
}
export type WritableTable = keyof WritableRows;

/** Each synced table's row schema: a pulled row is parsed with it before it reaches the store. */
export const ROW_SCHEMAS = {
  cases: Case,
  events: CaseEvent,
  contacts: Contact,
  outboundMessages: OutboundMessage,
  savedViews: SavedView,
  people: Person,
  teams: Team,
  policies: Policy,
  calendars: CalendarRow,
} as const satisfies { [T in WritableTable]: z.ZodType };

export const WRITABLE_TABLES = Object.keys(ROW_SCHEMAS) as readonly WritableTable[];
export const WritableTableName = z.enum(WRITABLE_TABLES as [WritableTable, ...WritableTable[]]);

/** One row change, in the shape the pull patch will carry (`put` / `del`). */
export type RowChange = {
  [T in WritableTable]: { op: 'put'; table: T; row: WritableRows[T] } | { op: 'del'; table: T; id: string };
}[WritableTable];

/** A row change as it travels: the table named, the row parsed with that table's schema. */
export const RowChangeSchema = z
  .discriminatedUnion('op', [
    z.object({ op: z.literal('put'), table: WritableTableName, row: z.record(z.string(), z.unknown()) }),
    z.object({ op: z.literal('del'), table: WritableTableName, id: z.string().min(1) }),
  ])
  .transform((change, ctx): RowChange => {
    if (change.op === 'del') return change;
    const parsed = ROW_SCHEMAS[change.table].safeParse(change.row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        ctx.addIssue({ ...issue, path: ['row', ...issue.path] } as z.core.$ZodRawIssue);
      return z.NEVER;
    }
    // The schema was picked by the table the change names, so row and table agree.
    return { op: 'put', table: change.table, row: parsed.data } as RowChange;
  });
