import { z } from 'zod';
import { isRestricted, mayChangeConfidentiality, maySeeCase } from '../access';
import {
  type Case,
  type CaseEvent,
  ESCALATION_LEVEL_NAMES,
  EscalationLevel,
  LINK_RELATIONS,
  NotifyRole,
} from '../domain';
import { ACKNOWLEDGEMENT_CALENDAR_IDS, caseDeadline, caseTimeZone } from '../mail/acknowledge';
import { confidentialNoticeText, noticeDeadline } from '../notify/messages';
import { linkEventId, linkEvents, referralEvent, stageEvent, stepEventIds, stepEvents } from './case-events';
import {
  defineMutator,
  eventBase,
  findCase,
  findCaseByRef,
  type MutationRows,
  policyForCase,
  record,
} from './define';
import { invalid, notAllowed } from './errors';
import type { MutationContext } from './mutation';
import type { OutboundMessage, RowChange } from './rows';

const caseId = z.string().min(1);

export const LinkCasesArgs = z
  .object({
    caseId,
    /** The other case, by id or by the reference someone quoted. */
    otherCaseId: caseId.optional(),
    otherRef: z.string().trim().min(1).optional(),
    /** How this case relates to the other ("escalates", "complains-about") or just "related". */
    relation: z.enum(LINK_RELATIONS).default('related'),
  })
  .refine((args) => args.otherCaseId !== undefined || args.otherRef !== undefined, {
    message: 'Say which case to link to.',
    path: ['otherRef'],
  });
export type LinkCasesArgs = z.input<typeof LinkCasesArgs>;

/** Links two cases both ways; the other side records a plain "related" link. */
export const linkCases = defineMutator({
  args: LinkCasesArgs,
  action: 'link the cases',
  reads: (args) => ({
    caseIds: [args.caseId, ...(args.otherCaseId === undefined ? [] : [args.otherCaseId])],
    caseRefs: args.otherRef === undefined ? [] : [args.otherRef],
    // Every link writes an event on both cases, so this case's timeline shows any link to the other.
    eventsOfCases: [args.caseId],
  }),
  run(rows, args, ctx) {
    const kase = findCase(rows, args.caseId);
    const other =
      args.otherCaseId === undefined
        ? findCaseByRef(rows, args.otherRef ?? '')
        : findCase(rows, args.otherCaseId);
    if (other.id === kase.id)
      throw invalid('A case can’t be linked to itself.', { otherRef: 'Choose another case.' });
    if (rows.events.some((e) => e.id === linkEventId(kase.id, other.id))) {
      throw invalid(`${kase.ref} and ${other.ref} are already linked.`);
    }
    const { here, there } = linkEvents(ctx, kase, other, args.relation);
    return [...record(kase, [here]).changes, ...record(other, [there]).changes];
  },
});

export const SetConfidentialArgs = z.object({
  caseId,
  confidential: z.boolean(),
  reason: z.string().trim().max(2000).optional(),
});
export type SetConfidentialArgs = z.input<typeof SetConfidentialArgs>;

/** Confidential cases reach only the roles allowed to see them (the server enforces it). */
export const setConfidential = defineMutator({
  args: SetConfidentialArgs,
  action: 'change who can see the case',
  reads: (args) => ({ caseIds: [args.caseId] }),
  run(rows, args, ctx) {
    const kase = findCase(rows, args.caseId);
    // Anyone may protect a case; lifting it needs the rule (null: a standalone desk nobody has named, its owner's).
    const actor = rows.actor ?? null;
    const lifting = kase.confidential && !args.confidential;
    const policy =
      rows.policies.find((p) => p.id === kase.policyId) ??
      rows.policies.find((p) => p.caseKind === kase.kind);
    if (lifting && actor !== null && !mayChangeConfidentiality(actor, kase, policy)) {
      throw notAllowed(
        `Only a manager or someone who handles complaints can lift the confidentiality of ${kase.ref}.`,
      );
    }
    if (kase.confidential === args.confidential) {
      throw invalid(`${kase.ref} is already ${args.confidential ? 'confidential' : 'not confidential'}.`);
    }
    return record(kase, [
      {
        ...eventBase(ctx, kase.id),
        type: 'confidential-set',
        confidential: args.confidential,
        ...(args.reason ? { reason: args.reason } : {}),
      },
    ]).changes;
  },
});

export const MarkPromptedArgs = z.object({
  caseId,
  /** The escalation step's deterministic id (case + rule + occurrence): its events' ids come from it. */
  stepId: z.string().min(1),
  ruleId: z.string().min(1),
  notified: z.array(NotifyRole),
  /** The step asked staff to prompt the owner: the case shows a flag until someone acts. */
  flagForPrompt: z.boolean().default(false),
  /** The step raises the case to this level (never lowers it). */
  raiseTo: EscalationLevel.optional(),
  message: z.string().max(2000).optional(),
  /**
   * The people the step tells (the notified roles resolved with shared/notify's recipientsFor). Those who chose
   * email notifications (`notifyByEmail`) are also sent one by email.
   */
  recipientIds: z.array(z.string().min(1)).max(200).default([]),
});
export type MarkPromptedArgs = z.input<typeof MarkPromptedArgs>;

/**
 * Records that an escalation step was carried out (roles told, owner flagged, level raised). Running it again
 * for the same step changes nothing: many desktops evaluate the ladder, the first to record it wins.
 */
export const markPrompted = defineMutator({
  args: MarkPromptedArgs,
  action: 'record the escalation step',
  reads: (args) => ({
    caseIds: [args.caseId],
    // Every desk (and the demo) records a step under these ids: finding one is enough to know it was done.
    eventIds: [stepEventIds(args.caseId, args.stepId).prompted],
    // An email notice gives the case's deadline, which its timeline decides.
    eventsOfCases: args.recipientIds.length > 0 ? [args.caseId] : [],
    personIds: args.recipientIds,
    outboundMessageIds: args.recipientIds.map((id) => notificationMessageId(args.stepId, id)),
    rowsById: { calendars: ACKNOWLEDGEMENT_CALENDAR_IDS },
  }),
  run(rows, args, ctx) {
    const kase = findCase(rows, args.caseId);
    const ids = stepEventIds(kase.id, args.stepId);
    if (rows.events.some((e) => e.id === ids.prompted)) return [];
    const events = stepEvents(ctx, kase, args);
    const { next, changes } = record(kase, events);
    const history = [...rows.events.filter((e) => e.caseId === kase.id), ...events];
    return [...changes, ...notifyByEmail(rows, next, history, args, ids.prompted, ctx)];
  },
});

/** The email notice of an escalation step to one person: once per step and person, whichever desk records it. */
export function notificationMessageId(stepId: string, personId: string): string {
  return `notify-${stepId}-${personId}`.replace(/[^A-Za-z0-9-]+/g, '.');
}

/**
 * Email notices of an escalation step to the people told who asked for email. A confidential case's notice
 * names only its reference and deadline: mail leaves the desk, so nothing of the complaint goes in it.
 */
function notifyByEmail(
  rows: MutationRows,
  kase: Case,
  history: readonly CaseEvent[],
  args: z.output<typeof MarkPromptedArgs>,
  eventId: string,
  ctx: MutationContext,
): RowChange[] {
  const policy = policyForCase(rows, kase);
  // Whoever asked for the step's recipients, a confidential case's notice goes only to those who may see it.
  const people = rows.people.filter(
    (p) =>
      args.recipientIds.includes(p.id) && p.active && p.notifyByEmail === true && maySeeCase(p, kase, policy),
  );
  if (people.length === 0) return [];
  const due = caseDeadline(rows, kase, policy, history, ctx.now);
  const dueText = due === null ? null : noticeDeadline(due, caseTimeZone(rows, kase, policy));
  const level = ESCALATION_LEVEL_NAMES[kase.escalationLevel];
  const restricted = isRestricted(kase);
  const subject = restricted
    ? `[${kase.ref}] Escalation: a case needs attention`
    : `[${kase.ref}] Escalation: ${kase.subject}`;
  const lines = restricted
    ? [
        confidentialNoticeText({ ref: kase.ref, kind: kase.kind, dueText }),
        'It is confidential: open it in Desk to see the details.',
      ]
    : [
        `Case ${kase.ref} (“${kase.subject}”) has reached an escalation step (${level} level).`,
        args.message ?? '',
        dueText === null ? '' : `It is due by ${dueText}.`,
        `Requester: ${kase.requester.name}.`,
        'Open it in Desk to act on it.',
      ];
  const body = lines.filter(Boolean).join('\n\n');
  const changes: RowChange[] = [];
  for (const person of people) {
    const id = notificationMessageId(args.stepId, person.id);
    if (rows.outboundMessages?.some((m) => m.id === id)) continue;
    const message: OutboundMessage = {
      id,
      caseId: kase.id,
      eventId,
      messageId: `<${id}@desk.local>`,
      to: person.email,
      subject,
      body,
      status: 'queued',
      createdAt: ctx.now,
      autoSubmitted: 'auto-generated',
      purpose: 'notification',
      attempts: 0,
    };
    changes.push({ op: 'put', table: 'outboundMessages', row: message });
  }
  return changes;
}

export const RecordExternalReferralArgs = z.object({
  caseId,
  /** Who it went to: the Information Commissioner's Office, the Proctors, the Registrar… */
  body: z.string().trim().min(1, 'Say who the case was referred to.').max(200),
  reference: z.string().trim().min(1).max(200).optional(),
});
export type RecordExternalReferralArgs = z.input<typeof RecordExternalReferralArgs>;

/** Records a referral outside the desk; a staged case moves to its external stage. */
export const recordExternalReferral = defineMutator({
  args: RecordExternalReferralArgs,
  action: 'record the referral',
  reads: (args) => ({ caseIds: [args.caseId] }),
  run(rows, args, ctx) {
    const kase = findCase(rows, args.caseId);
    if (kase.externalReferral !== null && kase.externalReferral.body === args.body) {
      throw notAllowed(
        `${kase.ref} was already referred to ${args.body} on ${kase.externalReferral.at.slice(0, 10)}.`,
      );
    }
    const events: CaseEvent[] = [referralEvent(ctx, kase, args.body, args.reference)];
    const stages = policyForCase(rows, kase).stages.map((s) => s.id);
    if (stages.includes('external') && kase.stage !== 'external') {
      events.push(stageEvent(ctx, kase, 'external'));
    }
    return record(kase, events).changes;
  },
});
