import { z } from 'zod';
import {
  Affiliation,
  type Case,
  type CaseEvent,
  CaseKind,
  Channel,
  type CustomerContactEvent,
  Instant,
  Priority,
  type RequesterContact,
  Slug,
} from '../domain';
import { checkPhone } from '../domain/phone';
import { canonicalTicketRef, canonicalTicketRefs } from '../domain/references';
import { ACKNOWLEDGEMENT_CALENDAR_IDS, acknowledgeNewCase } from '../mail/acknowledge';
import { involvedParty, involvedRouting, type Policy } from '../policies';
import { instantMs } from '../time';
import { createdEvent, linkEvents } from './case-events';
import {
  defineMutator,
  eventBase,
  findCase,
  findCaseByRef,
  findPerson,
  type MutationRows,
  policyForKind,
  record,
  refKey,
} from './define';
import { invalid, notAllowed } from './errors';
import { missingIntake } from './intake';
import { caseRefFor, type MutationContext } from './mutation';
import type { Contact, RowChange } from './rows';

/** Why an existing ticket is escalated (QMUL): against the service level targets, or a tangible impact. */
export const ESCALATION_REASONS = ['service-level', 'operational-impact'] as const;
export const EscalationReason = z.enum(ESCALATION_REASONS, {
  error: 'Choose a reason: the service level, or an operational impact.',
});
export type EscalationReason = z.infer<typeof EscalationReason>;

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((text) => (text === '' ? undefined : text));

const RequesterArgs = z.object({
  /** Required by every preset's intake; checked there so the message names the form field. */
  name: z.string().trim().default(''),
  email: z
    .email({ error: "That email address doesn't look right." })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  phone: optionalText.transform((text, ctx) => {
    if (text === undefined) return undefined;
    const checked = checkPhone(text);
    if (checked.ok) return checked.phone;
    ctx.addIssue({ code: 'custom', message: checked.message });
    return z.NEVER;
  }),
  bestTimeToCall: optionalText,
  affiliation: Affiliation.optional(),
});

export const CreateCaseArgs = z.object({
  kind: CaseKind,
  subject: z
    .string()
    .trim()
    .min(1, 'Give the case a subject.')
    .max(300, 'Keep the subject under 300 characters.'),
  description: z.string().trim().max(50_000, 'Keep the description under 50,000 characters.').default(''),
  priority: Priority.default('normal'),
  requester: RequesterArgs,
  /** Answers to the policy's other intake fields, by field id. */
  intake: z.record(z.string(), z.string().trim()).default({}),
  /** How the requester reached the desk. */
  channel: Channel.default('phone'),
  /** When the desk received it, if earlier than now (a letter opened today that arrived yesterday). */
  receivedAt: Instant.optional(),
  /** Start at this stage of a staged policy (default: its first). */
  stage: Slug.optional(),
  policyId: z.string().min(1).optional(),
  teamId: z.string().min(1).nullable().default(null),
  assigneeId: z.string().min(1).nullable().default(null),
  ownerId: z.string().min(1).nullable().default(null),
  /**
   * The ticket this case is about, as the requester quoted it (an escalation's original ticket, the subject of a
   * complaint). Also taken from the intake answers "original-ticket" or "related-ticket".
   */
  originalTicketRef: optionalText,
  /** Overrides the policy's default (complaints start confidential). */
  confidential: z.boolean().optional(),
  /** False: no automatic acknowledgement even when the policy sends one (imports, a case logged after the fact). */
  acknowledge: z.boolean().default(true),
});
export type CreateCaseArgs = z.input<typeof CreateCaseArgs>;

export const createCase = defineMutator({
  args: CreateCaseArgs,
  action: 'log the case',
  reads: (args) => {
    const quoted = quotedTicket(args);
    return {
      caseRefs: quoted === undefined ? [] : [quoted],
      personIds: [
        args.assigneeId,
        args.ownerId,
        ...Object.values(args.intake).map((answer) => {
          const party = involvedParty(answer);
          return party?.kind === 'person' ? party.id : null;
        }),
      ].filter((id) => id !== null),
      ...acknowledgementCalendars(),
    };
  },
  run(rows, args, ctx) {
    const policy = policyForKind(rows, args.kind, args.policyId);
    if (policy.caseKind !== args.kind) {
      throw invalid(`The ${policy.name} policy is for ${policy.caseKind} cases, not ${args.kind}.`);
    }
    const receivedAt = args.receivedAt ?? ctx.now;
    if (instantMs(receivedAt) > instantMs(ctx.now)) {
      throw invalid("The case can't have been received in the future.", {
        receivedAt: 'Pick a time up to now.',
      });
    }
    const quoted = quotedTicket(args);
    // An escalation must link to its ticket; a complaint about a ticket the desk can't find (an older system, a
    // typo) is still logged, the number kept as text with a note saying it was not found.
    const original =
      quoted === undefined
        ? null
        : policy.intake.requiresOriginalTicket
          ? findCaseByRef(rows, quoted)
          : (rows.cases.find((c) => refKey(c.ref) === refKey(quoted)) ?? null);
    const intake = canonicalIntake(policy, args.intake);
    const stage = args.stage ?? null;
    const routed = involvedRouting(policy, stage ?? policy.initialStage, intake);
    const assigneeId = args.assigneeId ?? routed.assigneeId ?? null;
    const teamId = args.teamId ?? routed.teamId ?? null;
    const requester: RequesterContact = {
      name: args.requester.name,
      ...(args.requester.email === undefined ? {} : { email: args.requester.email }),
      ...(args.requester.phone === undefined ? {} : { phone: args.requester.phone }),
      ...(args.requester.bestTimeToCall === undefined
        ? {}
        : { bestTimeToCall: args.requester.bestTimeToCall }),
      ...(args.requester.affiliation === undefined ? {} : { affiliation: args.requester.affiliation }),
    };
    const changes = openCase(rows, policy, ctx, {
      subject: args.subject,
      description: args.description,
      priority: args.priority,
      requester,
      intake,
      channel: args.channel,
      receivedAt,
      stage,
      teamId,
      assigneeId,
      ownerId: args.ownerId,
      original,
      originalTicketRef: original?.ref ?? (quoted === undefined ? null : canonicalTicketRef(quoted)),
      confidential: args.confidential,
    });
    if (quoted !== undefined && original === null) noteUnknownTicket(changes, quoted, ctx);
    const contact = contactFrom(requester, ctx);
    if (contact !== null) changes.push({ op: 'put', table: 'contacts', row: contact });
    return args.acknowledge ? acknowledgeOpened(rows, changes, policy, ctx) : changes;
  },
});

export const EscalateArgs = z.object({
  /** The existing ticket the requester is unhappy about. */
  caseId: z.string().min(1),
  reason: EscalationReason,
  details: z.string().trim().min(1, 'Say what has gone wrong and what the requester expects.').max(50_000),
  /** The one designated owner, from acknowledgement to resolution. */
  ownerId: z
    .string({ error: 'An escalation needs a designated owner.' })
    .min(1, 'An escalation needs a designated owner.'),
  priority: Priority.optional(),
  teamId: z.string().min(1).nullable().optional(),
  /** How the requester asked for the escalation. */
  channel: Channel.default('phone'),
});
export type EscalateArgs = z.input<typeof EscalateArgs>;

/** Raises an escalation of an existing ticket: a new escalation case, linked both ways. */
export const escalate = defineMutator({
  args: EscalateArgs,
  action: 'escalate the case',
  reads: (args) => ({ caseIds: [args.caseId], personIds: [args.ownerId], ...acknowledgementCalendars() }),
  run(rows, args, ctx) {
    const original = findCase(rows, args.caseId);
    if (original.kind === 'escalation') {
      throw notAllowed(
        `${original.ref} is already an escalation: raise a complaint about how it was handled instead.`,
      );
    }
    const policy = policyForKind(rows, 'escalation');
    const changes = openCase(rows, policy, ctx, {
      subject: `Escalation of ${original.ref}: ${original.subject}`,
      description: args.details,
      priority: args.priority ?? original.priority,
      requester: original.requester,
      intake: { 'original-ticket': original.ref, grounds: args.reason, impact: args.details },
      channel: args.channel,
      receivedAt: ctx.now,
      stage: null,
      teamId: args.teamId === undefined ? original.teamId : args.teamId,
      assigneeId: args.ownerId,
      ownerId: args.ownerId,
      original,
      originalTicketRef: original.ref,
      // A confidential ticket's escalation discusses it: it stays confidential.
      confidential: original.confidential || undefined,
    });
    return acknowledgeOpened(rows, changes, policy, ctx);
  },
});

/** The policy's automatic acknowledgement of the case just opened (the first case put among the changes). */
function acknowledgeOpened(
  rows: MutationRows,
  changes: RowChange[],
  policy: Policy,
  ctx: MutationContext,
): RowChange[] {
  const opened = changes.find(
    (c): c is Extract<RowChange, { op: 'put'; table: 'cases' }> => c.op === 'put' && c.table === 'cases',
  );
  return opened === undefined ? changes : acknowledgeNewCase(rows, changes, opened.row, policy, ctx);
}

/** The calendars a mutation that may acknowledge reads, so the acknowledgement's deadlines are dates. */
export function acknowledgementCalendars(): { rowsById: { calendars: readonly string[] } } {
  return { rowsById: { calendars: ACKNOWLEDGEMENT_CALENDAR_IDS } };
}

export interface NewCase {
  /** The case's id when it must be derived (mail: from the mail key); default a new id. */
  id?: string;
  /** What the opening contact event carries besides the channel (mail: its Message-ID, text and payload). */
  firstContact?: Partial<Pick<CustomerContactEvent, 'id' | 'messageId' | 'summary' | 'mail'>>;
  /** False for cases the desk did not type in (mail): the agent completes the intake afterwards. */
  checkIntake?: boolean;
  subject: string;
  description: string;
  priority: Case['priority'];
  requester: RequesterContact;
  intake: Record<string, string>;
  channel: Channel;
  receivedAt: string;
  stage: string | null;
  teamId: string | null;
  assigneeId: string | null;
  ownerId: string | null;
  original: Case | null;
  originalTicketRef: string | null;
  confidential: boolean | undefined;
}

/** The new case's row and its opening events: received, created, assigned, linked to what it escalates. */
export function openCase(
  rows: MutationRows,
  policy: Policy,
  ctx: MutationContext,
  spec: NewCase,
): RowChange[] {
  const stageIds = policy.stages.map((s) => s.id);
  const stage = spec.stage ?? policy.initialStage ?? stageIds[0] ?? null;
  if (stage !== null && !stageIds.includes(stage)) {
    throw invalid(`${stage} isn't a stage of the ${policy.name} policy (${stageIds.join(', ')}).`, {
      stage: 'Choose one of the policy’s stages.',
    });
  }
  if (policy.ownership.required && policy.ownership.from === 'intake' && spec.ownerId === null) {
    throw invalid(`A ${policy.name.toLowerCase()} needs a designated owner from the start.`, {
      ownerId: 'Choose the owner.',
    });
  }
  if (spec.assigneeId !== null) findPerson(rows, spec.assigneeId, 'assignee');
  if (spec.ownerId !== null) findPerson(rows, spec.ownerId, 'owner');

  const id = spec.id ?? ctx.newId('case');
  const draft: Case = {
    id,
    ref: caseRefFor(policy.caseKind, ctx.clientId, ctx.mutationId),
    kind: policy.caseKind,
    policyId: policy.id,
    calendarId: policy.calendarId,
    subject: spec.subject,
    description: spec.description,
    status: 'new',
    priority: spec.priority,
    stage,
    escalationLevel: 0,
    teamId: spec.teamId,
    ownerId: null,
    assigneeId: null,
    confidential: spec.confidential ?? policy.confidentialByDefault,
    needsPrompt: false,
    requester: spec.requester,
    intake: spec.intake,
    originalCaseId: null,
    originalTicketRef: spec.originalTicketRef,
    externalReferral: null,
    receivedAt: spec.receivedAt,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    resolvedAt: null,
    closedAt: null,
  };
  const missing = spec.checkIntake === false ? {} : missingIntake(policy, draft);
  if (Object.keys(missing).length > 0) {
    throw invalid(`Couldn't log the case: ${Object.values(missing).join(' ')}`, missing);
  }

  const { id: contactId, ...contact } = spec.firstContact ?? {};
  const events: CaseEvent[] = [
    {
      ...eventBase(ctx, id, contactId),
      at: spec.receivedAt,
      actorId: null,
      type: 'customer-contact',
      channel: spec.channel,
      ...contact,
    },
    createdEvent(ctx, draft),
  ];
  if (spec.ownerId !== null) events.push({ ...eventBase(ctx, id), type: 'owner-set', ownerId: spec.ownerId });
  if (spec.assigneeId !== null) {
    events.push({
      ...eventBase(ctx, id),
      type: 'assigned',
      assigneeId: spec.assigneeId,
      teamId: spec.teamId,
    });
  }
  const changes: RowChange[] = [];
  if (spec.original !== null) {
    const relation = policy.caseKind === 'escalation' ? 'escalates' : 'complains-about';
    const { here, there } = linkEvents(ctx, draft, spec.original, relation);
    events.push(here);
    // The original only gains a pointer back; its own fields don't change.
    changes.push(...record(spec.original, [there]).changes);
  }
  changes.unshift(...record(draft, events).changes);
  return changes;
}

/** Quoted tickets written the canonical way ("q 10474" → "Q-10474") before they are stored. */
function canonicalIntake(policy: Policy, intake: Record<string, string>): Record<string, string> {
  const canonical = { ...intake };
  for (const field of policy.intake.fields) {
    const answer = canonical[field.id];
    if (answer === undefined || answer === '') continue;
    if (field.type === 'ticket-ref') canonical[field.id] = canonicalTicketRef(answer);
    if (field.type === 'ticket-refs') canonical[field.id] = canonicalTicketRefs(answer);
  }
  return canonical;
}

/** The timeline's note that the quoted ticket was kept as text: nobody has to wonder why nothing is linked. */
function noteUnknownTicket(changes: RowChange[], quoted: string, ctx: MutationContext): void {
  const at = changes.findIndex((c) => c.op === 'put' && c.table === 'cases');
  const opened = changes[at];
  if (opened === undefined || opened.op !== 'put' || opened.table !== 'cases') return;
  const ref = canonicalTicketRef(quoted);
  const recorded = record(opened.row, [
    {
      ...eventBase(ctx, opened.row.id),
      type: 'note',
      actorId: null,
      text: `The quoted ticket ${ref} is not in this desk’s store (an older system, or a typo?): kept as the requester gave it, not linked. Check the number with them.`,
    },
  ]);
  const [casePut, ...added] = recorded.changes;
  if (casePut !== undefined) changes[at] = casePut;
  changes.push(...added);
}

function quotedTicket(args: z.output<typeof CreateCaseArgs>): string | undefined {
  return (
    args.originalTicketRef ?? (args.intake['original-ticket'] || args.intake['related-ticket'] || undefined)
  );
}

/** The requester's contact row (known by email address), or null when the requester has no name. */
export function contactFrom(requester: RequesterContact, ctx: MutationContext): Contact | null {
  const email = requester.email?.toLowerCase() ?? null;
  if (requester.name === '') return null;
  return {
    // Requesters are known by their email address; without one each case records its own contact.
    id: email === null ? ctx.newId('contact') : `contact-${email}`,
    name: requester.name,
    email,
    phone: requester.phone ?? null,
    affiliation: requester.affiliation ?? null,
    updatedAt: ctx.now,
  };
}
