import { z } from 'zod';
import {
  Affiliation,
  type Case,
  type CaseEvent,
  CaseStatus,
  Channel,
  isOpenStatus,
  PERSON_ROLES,
  Priority,
  ReplyPurpose,
  Slug,
} from '../domain';
import { ACKNOWLEDGEMENT_CALENDAR_IDS, acknowledgementReads, acknowledgeNewCase } from '../mail/acknowledge';
import type { Stage } from '../policies/schema';
import {
  assignEvents,
  customerContactEvents,
  noteEvent,
  replyEvent,
  stageEvent,
  statusEvent,
} from './case-events';
import {
  defineMutator,
  eventBase,
  findCase,
  findPerson,
  isAcknowledged,
  type MutationRows,
  policyForCase,
  record,
} from './define';
import { invalid, notAllowed } from './errors';
import { missingIntake } from './intake';
import type { MutationContext } from './mutation';
import type { OutboundMessage } from './rows';

const caseId = z.string().min(1);
const personId = z.string().min(1);

const STATUS_WORDS: Readonly<Record<CaseStatus, string>> = {
  new: 'new',
  open: 'open',
  'in-progress': 'in progress',
  'pending-requester': 'waiting on the requester',
  'pending-third-party': 'waiting on a third party',
  resolved: 'resolved',
  closed: 'closed',
};

export const EditFieldsArgs = z.object({
  caseId,
  subject: z.string().trim().min(1, 'The subject can’t be empty.').max(300).optional(),
  description: z.string().trim().max(50_000).optional(),
  priority: Priority.optional(),
  requester: z
    .object({
      name: z.string().trim().min(1, 'The requester needs a name.'),
      email: z.email({ error: "That email address doesn't look right." }).nullable(),
      phone: z.string().trim().min(1).nullable(),
      bestTimeToCall: z.string().trim().min(1).nullable(),
      affiliation: Affiliation.nullable(),
    })
    .partial()
    .optional(),
  /** Intake answers to set; an empty string removes one. */
  intake: z.record(z.string(), z.string().trim()).optional(),
});
export type EditFieldsArgs = z.input<typeof EditFieldsArgs>;

/** Corrects what was logged. Only a priority change is an event: it moves clocks that depend on priority. */
export const editFields = defineMutator({
  args: EditFieldsArgs,
  action: 'save the changes',
  reads: (args) => ({ caseIds: [args.caseId] }),
  run(rows, args, ctx) {
    const kase = findCase(rows, args.caseId);
    const requester = { ...kase.requester };
    for (const [key, value] of Object.entries(args.requester ?? {})) {
      if (value === null) delete requester[key as Exclude<keyof typeof requester, 'name'>];
      else Object.assign(requester, { [key]: value });
    }
    const intake = { ...kase.intake };
    for (const [key, value] of Object.entries(args.intake ?? {})) {
      if (value === '') delete intake[key];
      else intake[key] = value;
    }
    const edited: Case = {
      ...kase,
      subject: args.subject ?? kase.subject,
      description: args.description ?? kase.description,
      requester,
      intake,
      updatedAt: ctx.now,
    };
    const missing = missingIntake(policyForCase(rows, kase), edited);
    if (Object.keys(missing).length > 0) {
      throw invalid(`Couldn't save the changes: ${Object.values(missing).join(' ')}`, missing);
    }
    const events: CaseEvent[] = [];
    if (args.priority !== undefined && args.priority !== kase.priority) {
      events.push({
        ...eventBase(ctx, kase.id),
        type: 'priority-changed',
        from: kase.priority,
        to: args.priority,
      });
    }
    const changed =
      edited.subject !== kase.subject ||
      edited.description !== kase.description ||
      JSON.stringify(requester) !== JSON.stringify(kase.requester) ||
      JSON.stringify(intake) !== JSON.stringify(kase.intake);
    if (!changed && events.length === 0) {
      throw invalid('Nothing changed.');
    }
    return record(edited, events).changes;
  },
});

export const AssignArgs = z.object({
  caseId,
  /** Null takes the case off whoever has it. */
  assigneeId: personId.nullable(),
  /** Moves the case to another team's queue at the same time. */
  teamId: z.string().min(1).nullable().optional(),
  /**
   * The designated owner, when the person assigning chooses one in the same step (one owner change, not two).
   * Without it the owner stays as it is; a case with no owner yet gets the assignee.
   */
  ownerId: personId.optional(),
});
export type AssignArgs = z.input<typeof AssignArgs>;

/** Gives the case to someone; the owner changes only when chosen (or when the case has none yet). */
export const assign = defineMutator({
  args: AssignArgs,
  action: 'assign the case',
  reads: (args) => ({
    caseIds: [args.caseId],
    personIds: [args.assigneeId, args.ownerId].filter((id): id is string => typeof id === 'string'),
  }),
  run(rows, args, ctx) {
    const kase = findCase(rows, args.caseId);
    const assignee = args.assigneeId === null ? null : findPerson(rows, args.assigneeId, 'assignee');
    if (args.ownerId !== undefined) findPerson(rows, args.ownerId, 'owner');
    const teamId = args.teamId === undefined ? kase.teamId : args.teamId;
    const events = assignEvents(ctx, kase, { assigneeId: args.assigneeId, teamId, ownerId: args.ownerId });
    if (events.length === 0) {
      throw invalid(
        assignee === null ? 'The case is already unassigned.' : `${assignee.name} already has this case.`,
      );
    }
    if (args.assigneeId !== null) events.push(...startWork(kase, ctx));
    return record(kase, events).changes;
  },
});

/**
 * Status follows the work (as agents expect from Zendesk and Freshdesk): a new case is open once the desk first
 * replies or acts on it. Only `new` moves; a case waiting on someone keeps its paused clocks until it is set back.
 */
export function startWork(kase: Case, ctx: MutationContext): CaseEvent[] {
  if (kase.status !== 'new') return [];
  return [statusEvent(ctx, kase, 'open', 'The desk started work on it.')];
}

export const SetOwnerArgs = z.object({ caseId, ownerId: personId.nullable() });
export type SetOwnerArgs = z.input<typeof SetOwnerArgs>;

/** Names the one designated owner, accountable from acknowledgement to resolution. */
export const setOwner = defineMutator({
  args: SetOwnerArgs,
  action: 'change the owner',
  reads: (args) => ({
    caseIds: [args.caseId],
    personIds: args.ownerId === null ? [] : [args.ownerId],
    eventsOfCases: [args.caseId],
  }),
  run(rows, args, ctx) {
    const kase = findCase(rows, args.caseId);
    const owner = args.ownerId === null ? null : findPerson(rows, args.ownerId, 'owner');
    if (args.ownerId === kase.ownerId) {
      throw invalid(
        owner === null ? 'The case has no owner already.' : `${owner.name} already owns this case.`,
      );
    }
    const { ownership } = policyForCase(rows, kase);
    const owedFromNow = ownership.from === 'intake' || isAcknowledged(rows, kase);
    if (owner === null && ownership.required && owedFromNow && isOpenStatus(kase.status)) {
      throw notAllowed(
        `${kase.ref} must keep a designated owner until it is resolved: choose the new owner instead.`,
      );
    }
    return record(kase, [
      { ...eventBase(ctx, kase.id), type: 'owner-set', ownerId: args.ownerId },
      ...(owner === null ? [] : startWork(kase, ctx)),
    ]).changes;
  },
});

export const SetStatusArgs = z.object({
  caseId,
  status: CaseStatus,
  reason: z.string().trim().max(2000).optional(),
});
export type SetStatusArgs = z.input<typeof SetStatusArgs>;

export const setStatus = defineMutator({
  args: SetStatusArgs,
  action: 'change the status',
  reads: (args) => ({ caseIds: [args.caseId] }),
  run(rows, args, ctx) {
    const kase = findCase(rows, args.caseId);
    if (args.status === kase.status) throw invalid(`${kase.ref} is already ${STATUS_WORDS[kase.status]}.`);
    if (args.status === 'new') throw invalid('A case can’t go back to new: reopen it instead.');
    return record(kase, [statusEvent(ctx, kase, args.status, args.reason)]).changes;
  },
});

export const AddNoteArgs = z.object({
  caseId,
  text: z.string().trim().min(1, 'Write the note first.').max(50_000),
});
export type AddNoteArgs = z.input<typeof AddNoteArgs>;

/** An internal note: the requester never sees it. */
export const addNote = defineMutator({
  args: AddNoteArgs,
  action: 'add the note',
  reads: (args) => ({ caseIds: [args.caseId] }),
  run(rows, args, ctx) {
    const kase = findCase(rows, args.caseId);
    return record(kase, [noteEvent(ctx, kase, args.text), ...startWork(kase, ctx)]).changes;
  },
});

export const AddReplyArgs = z.object({
  caseId,
  body: z.string().trim().min(1, 'Write the reply first.').max(100_000),
  /** Only a `response` meets a written-response deadline; any reply acknowledges. */
  purpose: ReplyPurpose.default('update'),
  /** Email goes out through the mail channel; other channels record a reply given by phone, letter… */
  channel: Channel.default('email'),
  subject: z.string().trim().min(1).max(300).optional(),
});
export type AddReplyArgs = z.input<typeof AddReplyArgs>;

/** Records the reply on the timeline and, for email, queues the message for the mail channel. */
export const addReply = defineMutator({
  args: AddReplyArgs,
  action: 'send the reply',
  // The timeline gives the thread the reply belongs to (the requester's Message-IDs and ours).
  reads: (args) => ({ caseIds: [args.caseId], eventsOfCases: [args.caseId] }),
  run(rows, args, ctx) {
    const kase = findCase(rows, args.caseId);
    const { ownership, name } = policyForCase(rows, kase);
    if (ownership.required && kase.ownerId === null) {
      throw notAllowed(
        `A ${name.toLowerCase()} needs a designated owner before the requester hears back: set the owner first.`,
      );
    }
    const to = kase.requester.email;
    if (args.channel === 'email' && to === undefined) {
      throw invalid(
        `${kase.requester.name || 'The requester'} has no email address: add one, or record a reply by phone.`,
        {
          'requester.email': 'Add an email address to reply by email.',
        },
      );
    }
    const eventId = ctx.newId('ev');
    const messageId = args.channel === 'email' ? `<${eventId}@desk.local>` : undefined;
    const reply = { purpose: args.purpose, channel: args.channel, summary: args.body };
    const { changes } = record(kase, [
      replyEvent(ctx, kase, messageId === undefined ? reply : { ...reply, messageId }, eventId),
      ...startWork(kase, ctx),
    ]);
    if (messageId !== undefined && to !== undefined) {
      const message: OutboundMessage = {
        id: ctx.newId('msg'),
        caseId: kase.id,
        eventId,
        messageId,
        to,
        // The reference in the subject lets the mail channel thread a reply that lost its headers.
        subject: args.subject ?? `[${kase.ref}] ${kase.subject}`,
        body: args.body,
        status: 'queued',
        createdAt: ctx.now,
        purpose: 'reply',
        ...threadOf(rows.events, kase.id),
      };
      changes.push({ op: 'put', table: 'outboundMessages', row: message });
    }
    return changes;
  },
});

/**
 * Where a reply sits in the mail thread: in reply to the requester's latest mail, referencing the case's
 * messages in order (the last 20, as mail programs keep the header short).
 */
export function threadOf(
  events: readonly CaseEvent[],
  caseId: string,
): { inReplyTo: string | null; references: string[] } {
  const mail = events
    .filter(
      (e): e is Extract<CaseEvent, { type: 'customer-contact' | 'reply-sent' }> =>
        e.caseId === caseId &&
        (e.type === 'customer-contact' || e.type === 'reply-sent') &&
        e.channel === 'email' &&
        e.messageId !== undefined,
    )
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const fromRequester = mail.filter((e) => e.type === 'customer-contact');
  return {
    inReplyTo: fromRequester.at(-1)?.messageId ?? mail.at(-1)?.messageId ?? null,
    references: mail.map((e) => e.messageId!).slice(-20),
  };
}

export const RecordCustomerContactArgs = z.object({
  caseId,
  channel: Channel,
  summary: z.string().trim().min(1, 'Say what the requester told you.').max(50_000),
});
export type RecordCustomerContactArgs = z.input<typeof RecordCustomerContactArgs>;

/** The requester called, wrote or walked in. A case waiting on them is open again. */
export const recordCustomerContact = defineMutator({
  args: RecordCustomerContactArgs,
  action: 'record the contact',
  reads: (args) => ({ caseIds: [args.caseId] }),
  run(rows, args, ctx) {
    const kase = findCase(rows, args.caseId);
    return record(kase, customerContactEvents(kase, ctx, { channel: args.channel, summary: args.summary }))
      .changes;
  },
});

export const ChangeStageArgs = z.object({
  caseId,
  to: Slug,
  /** Intake answers the new stage needs (the formal complaint's statement, date or period…). */
  fields: z.record(z.string(), z.string().trim()).default({}),
  /**
   * Who owns the case at a stage its policy gives an owner (`ownedBy`: Oxford's Head of Department), as the app
   * found them in the directory for this case. Without one the owner stays and the timeline says why.
   */
  ownerId: personId.optional(),
});
export type ChangeStageArgs = z.input<typeof ChangeStageArgs>;

/** Moves a staged case forward (informal -> formal -> HoD review -> external); a finished case reopens. */
export const changeStage = defineMutator({
  args: ChangeStageArgs,
  action: 'change the stage',
  reads: (args) => ({
    caseIds: [args.caseId],
    // A stage the policy acknowledges (Oxford's formal stage) queues its acknowledgement once.
    eventsOfCases: [args.caseId],
    outboundMessageIds: acknowledgementReads(args.caseId, null, null, `stage-${args.to}`),
    personIds: args.ownerId === undefined ? [] : [args.ownerId],
    rowsById: { calendars: ACKNOWLEDGEMENT_CALENDAR_IDS },
  }),
  run(rows, args, ctx) {
    const kase = findCase(rows, args.caseId);
    const stages = policyForCase(rows, kase).stages.map((s) => s.id);
    if (stages.length === 0) throw notAllowed(`${kase.ref} follows a policy without stages.`);
    const to = stages.indexOf(args.to);
    if (to < 0) {
      throw invalid(`${args.to} isn't a stage of this policy (${stages.join(', ')}).`, {
        to: 'Choose a stage.',
      });
    }
    const from = kase.stage === null ? -1 : stages.indexOf(kase.stage);
    if (to === from) throw invalid(`${kase.ref} is already at the ${args.to} stage.`);
    if (to < from) throw notAllowed(`A case can't go back from ${kase.stage} to ${args.to}.`);
    const policy = policyForCase(rows, kase);
    const stage = policy.stages[to]!;
    const after = stage.afterResponseAt;
    if (after !== undefined && !hadWrittenResponseAt(rows.events, kase, after)) {
      const afterName = policy.stages.find((s) => s.id === after)?.name ?? after;
      throw notAllowed(
        `${stage.name} needs a written response first: ${kase.ref} has had no written response at the ${afterName.toLowerCase()} stage yet. Send the written response, then record the request.`,
      );
    }

    const staged: Case = { ...kase, intake: { ...kase.intake, ...args.fields } };
    const missing = missingIntake(policyForCase(rows, kase), staged);
    if (Object.keys(missing).length > 0) {
      throw invalid(`Before moving to ${args.to}: ${Object.values(missing).join(' ')}`, missing);
    }
    const events: CaseEvent[] = [stageEvent(ctx, kase, args.to)];
    if (!isOpenStatus(kase.status)) {
      events.push(statusEvent(ctx, kase, 'open', `Reopened for the ${args.to} stage.`));
    }
    events.push(...startWork(kase, ctx), ...stageOwnerEvents(rows, kase, stage, args.ownerId, ctx));
    const { next, changes } = record(staged, events);
    return acknowledgeNewCase(rows, changes, next, policyForCase(rows, kase), ctx, {
      occasion: `stage-${args.to}`,
    });
  },
});

/**
 * Whether the requester had a written response (a `response` reply) while the case was at `stageId`: the stage is
 * followed through the timeline from the stage the case was logged at.
 */
export function hadWrittenResponseAt(events: readonly CaseEvent[], kase: Case, stageId: string): boolean {
  const timeline = events
    .filter((e) => e.caseId === kase.id)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const firstMove = timeline.find((e) => e.type === 'stage-changed');
  let stage = timeline.find((e) => e.type === 'created')?.stage ?? firstMove?.from ?? kase.stage;
  for (const event of timeline) {
    if (event.type === 'stage-changed' || event.type === 'kind-changed')
      stage = event.type === 'stage-changed' ? event.to : event.stage;
    if (event.type === 'reply-sent' && event.purpose === 'response' && stage === stageId) return true;
  }
  return false;
}

/** Entering a stage its policy gives an owner (`ownedBy`): they become the designated owner and the assignee. */
function stageOwnerEvents(
  rows: MutationRows,
  kase: Case,
  stage: Stage,
  ownerId: string | undefined,
  ctx: MutationContext,
): CaseEvent[] {
  const role = stage.ownedBy;
  if (role === undefined) return [];
  const roleWords = role.replaceAll('-', ' ');
  if (ownerId === undefined) {
    return [
      {
        ...eventBase(ctx, kase.id),
        type: 'note',
        text: `No ${roleWords} is in the directory for this case, so its owner stays as it was. Add one in the directory and assign the case to them.`,
      },
    ];
  }
  const owner = findPerson(rows, ownerId, roleWords);
  if ((PERSON_ROLES as readonly string[]).includes(role) && owner.role !== role) {
    throw invalid(`${owner.name} is not a ${roleWords}: the ${stage.name.toLowerCase()} stage is theirs.`);
  }
  const events: CaseEvent[] = [];
  if (owner.id !== kase.ownerId)
    events.push({ ...eventBase(ctx, kase.id), type: 'owner-set', ownerId: owner.id });
  if (owner.id !== kase.assigneeId) {
    events.push({ ...eventBase(ctx, kase.id), type: 'assigned', assigneeId: owner.id, teamId: kase.teamId });
  }
  return events;
}
